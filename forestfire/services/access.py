"""Who may do what in forest fire prevention."""

from org.models import Region, User


def can_receive_hotspots(user: User) -> bool:
    """The county's forest fire office and a writing API client (the city or provincial feed)."""
    if not user.can_write:
        return False
    return user.is_superuser or user.role in {User.Role.COUNTY_ADMIN, User.Role.API_CLIENT}


def can_verify_hotspots(user: User) -> bool:
    """Township staff and village cadres on the spot; the county office may enter it for them."""
    if not user.can_write:
        return False
    roles = {User.Role.COUNTY_ADMIN, User.Role.TOWNSHIP_STAFF, User.Role.VILLAGE_CADRE, User.Role.API_CLIENT}
    return user.is_superuser or user.role in roles


def can_keep_records(user: User) -> bool:
    """Fires, fire-source checks and the 三张清单: the county and the townships."""
    if not user.can_write:
        return False
    return user.is_superuser or user.role in {User.Role.COUNTY_ADMIN, User.Role.TOWNSHIP_STAFF}


def is_county(region: Region | None) -> bool:
    return region is not None and region.level <= Region.Level.COUNTY
