"""Writes on users, regions and the enterprise register that carry a rule."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from org.models import Department, Enterprise, Industry, Region, User

COUNTY_ADMIN_GROUP = "县级管理员"
# Who keeps the enterprise register: the roles that inspect in their area and file what they find.
REGISTRAR_ROLES = {User.Role.COUNTY_ADMIN, User.Role.TOWNSHIP_STAFF, User.Role.DEPARTMENT_STAFF}
# What save_enterprise sets: every field of the register but its id and registration time.
ENTERPRISE_FIELDS = (
    "name",
    "credit_code",
    "industry",
    "township",
    "department",
    "risk_level",
    "supervised",
    "uses_hazardous_chemicals",
    "old_equipment_evaluated",
)


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


def enterprise_fields(enterprise: Enterprise) -> dict:
    """The row's register fields as they are: what an edit that changes only some passes back."""
    return {name: getattr(enterprise, name) for name in ENTERPRISE_FIELDS}


@transaction.atomic
def save_enterprise(
    *,
    actor: User,
    name: str,
    credit_code: str,
    township: Region,
    enterprise: Enterprise | None = None,
    industry: str = Industry.OTHER,
    department: Department | None = None,
    risk_level: str = "",
    supervised: bool = False,
    uses_hazardous_chemicals: bool = False,
    old_equipment_evaluated: bool = False,
) -> Enterprise:
    """登记或修改检查对象 within the actor's area; every field is given, as the row will read."""
    if not can_register_enterprises(actor):
        raise PermissionDenied(_("您的角色不能登记检查对象。"))
    if enterprise is not None:
        _require_within(actor, enterprise.township)  # another area's row is not to edit, nor to move here
    _require_within(actor, township)
    enterprise = enterprise or Enterprise()
    enterprise.name = name
    enterprise.credit_code = credit_code.strip().upper()
    enterprise.industry = industry
    enterprise.township = township
    enterprise.department = department
    enterprise.risk_level = risk_level
    enterprise.supervised = supervised
    enterprise.uses_hazardous_chemicals = uses_hazardous_chemicals
    enterprise.old_equipment_evaluated = old_equipment_evaluated
    enterprise.full_clean()
    if enterprise.pk:
        enterprise.save(update_fields=ENTERPRISE_FIELDS)
    else:
        enterprise.save()
    return enterprise


def _require_within(user: User, township: Region) -> None:
    if not user.is_superuser and (user.region is None or not township.is_within(user.region)):
        raise PermissionDenied(_("只能登记本辖区的检查对象。"))
