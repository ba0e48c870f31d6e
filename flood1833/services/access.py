"""Who may do what in the flood response: the rules every page, API call and import asks."""

from org.access import is_within
from org.models import Region, User

FIELD_ROLES = {User.Role.COUNTY_ADMIN, User.Role.TOWNSHIP_STAFF, User.Role.VILLAGE_CADRE}
COMMAND_ROLES = {User.Role.COUNTY_ADMIN, User.Role.TOWNSHIP_STAFF}


def can_see_id_numbers(user: User) -> bool:
    """Whole ID numbers are for county administrators; everyone else sees them masked."""
    return user.is_superuser or user.role == User.Role.COUNTY_ADMIN


def can_confirm(user: User) -> bool:
    return user.is_superuser or (user.can_write and user.role in FIELD_ROLES)


def can_command(user: User, region: Region | None = None) -> bool:
    """Start events, change stages, send roll calls: the county, or a township for its own area."""
    if user.is_superuser:
        return True
    if not (user.can_write and user.role in COMMAND_ROLES and user.region is not None):
        return False
    return region is None or is_within(user, region)


def can_manage_lists(user: User) -> bool:
    """Keep the transfer lists, shelters, rosters and reserves on the pages: the county anywhere, a
    township in its own area; village cadres read them."""
    return can_command(user)


def responsible_choices(user: User):
    """The cadres and staff a person's transfer may be assigned to: those within the user's area."""
    if user.is_superuser:
        return User.objects.filter(is_active=True)
    if user.region is None:
        return User.objects.none()
    return User.objects.filter(region__path__startswith=user.region.path, is_active=True)
