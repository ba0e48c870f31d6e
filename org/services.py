"""Writes on users and regions that carry a rule."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from org.models import Department, Region, User

COUNTY_ADMIN_GROUP = "县级管理员"


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
