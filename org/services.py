"""Writes on users, regions and the enterprise register that carry a rule."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from org.access import require, require_within
from org.changes import UNSET, already_read, assign, save
from org.models import Department, Enterprise, Region, User

COUNTY_ADMIN_GROUP = "县级管理员"
# Who keeps the enterprise register: the roles that inspect in their area and file what they find.
REGISTRAR_ROLES = {User.Role.COUNTY_ADMIN, User.Role.TOWNSHIP_STAFF, User.Role.DEPARTMENT_STAFF}
# Who keeps the villages register (村(社区)名册): the county, and each township its own.
VILLAGE_KEEPER_ROLES = {User.Role.COUNTY_ADMIN, User.Role.TOWNSHIP_STAFF}


def portal_app_labels() -> list[str]:
    """The portal's own apps (those that live in this repository)."""
    return [config.label for config in apps.get_app_configs() if Path(config.path).parent == settings.BASE_DIR]


def county_admin_group() -> Group:
    """The group that lets county admins manage every portal table in the admin."""
    group, _ = Group.objects.get_or_create(name=COUNTY_ADMIN_GROUP)
    wanted = set(
        Permission.objects.filter(content_type__app_label__in=portal_app_labels()).values_list("pk", flat=True)
    )
    if set(group.permissions.values_list("pk", flat=True)) != wanted:
        group.permissions.set(wanted)
    return group


@transaction.atomic
def create_portal_user(
    *,
    username: str,
    password: str,
    role: str,
    region: Region,
    department: Department | None = None,
    full_name: str = "",
    api_can_write: bool = False,
) -> User:
    """Creates a user bound to a role and a region; county admins also get the admin site."""
    user = User(
        username=username,
        role=role,
        region=region,
        department=department,
        last_name=full_name,
        api_can_write=api_can_write,
        is_staff=role == User.Role.COUNTY_ADMIN,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    if role == User.Role.COUNTY_ADMIN:
        user.groups.add(county_admin_group())
    return user


# --- The enterprise register (生产经营单位) ----------------------------------------------------


def can_register_enterprises(user: User) -> bool:
    return user.is_superuser or (user.can_write and user.role in REGISTRAR_ROLES)


@transaction.atomic
def save_enterprise(
    *,
    actor: User,
    enterprise: Enterprise | None = None,
    name: str = UNSET,
    credit_code: str = UNSET,
    township: Region = UNSET,
    industry: str = UNSET,
    department: Department | None = UNSET,
    risk_level: str = UNSET,
    supervised: bool = UNSET,
    uses_hazardous_chemicals: bool = UNSET,
    old_equipment_evaluated: bool = UNSET,
) -> Enterprise:
    """登记或修改检查对象 within the actor's area; a field not given stays as the row has it."""
    require(can_register_enterprises(actor), _("您的角色不能登记检查对象。"))
    message = _("只能登记本辖区的检查对象。")
    if enterprise is not None:
        require_within(actor, enterprise.township, message)  # another area's row is not to edit, nor to move here
    if actor.role == User.Role.DEPARTMENT_STAFF and not actor.is_superuser:
        # 行业部门 keep their own trade's register: their own rows, in their own department.
        mine = _("部门只能登记和修改本行业的检查对象。")
        require(enterprise is None or enterprise.department_id == actor.department_id, mine)
        require(department is UNSET or department is None or department.pk == actor.department_id, mine)
        if enterprise is None:
            department = actor.department
    enterprise = enterprise or Enterprise()
    if credit_code is not UNSET:
        credit_code = credit_code.strip().upper()
    changed = assign(
        enterprise,
        name=name,
        credit_code=credit_code,
        township=township,
        industry=industry,
        department=department,
        risk_level=risk_level,
        supervised=supervised,
        uses_hazardous_chemicals=uses_hazardous_chemicals,
        old_equipment_evaluated=old_equipment_evaluated,
    )
    require_within(actor, enterprise.township if enterprise.township_id else None, message)
    enterprise.full_clean(exclude=already_read(enterprise, "township", "department"))
    save(enterprise, changed)
    return enterprise


# --- The villages register (村(社区)名册) -----------------------------------------------------


def can_keep_villages(user: User) -> bool:
    return user.is_superuser or (user.can_write and user.role in VILLAGE_KEEPER_ROLES)


@transaction.atomic
def save_village(
    *,
    actor: User,
    village: Region | None = None,
    township: Region = UNSET,
    name: str = UNSET,
    kind: str = UNSET,
    code: str = UNSET,
    lat=UNSET,
    lng=UNSET,
    sort_order: int = UNSET,
) -> Region:
    """登记或修改村(社区): its type, division code and coordinates, in a township of the actor's area."""
    require(can_keep_villages(actor), _("您的角色不能登记村(社区)。"))
    message = _("只能登记本辖区的村(社区)。")
    if village is not None:
        require(village.level == Region.Level.VILLAGE, _("只能修改村(社区)。"))
        require_within(actor, village, message)
    village = village or Region(level=Region.Level.VILLAGE)
    changed = assign(village, parent=township, name=name, kind=kind, code=code, lat=lat, lng=lng, sort_order=sort_order)
    require_within(actor, village.parent if village.parent_id else None, message)
    if village.parent_id and village.parent.level != Region.Level.TOWNSHIP:
        raise ValidationError({"parent": _("村(社区)须属于乡镇。")})
    village.full_clean()
    save(village, changed)
    return village
