"""Who may do what in the campaigns app."""

from org.models import Region, User

# Township staff file their own township's activities; the county keeps everything.
FILING_ROLES = {User.Role.COUNTY_ADMIN, User.Role.TOWNSHIP_STAFF}


def can_file(user: User) -> bool:
    """登记活动、场所、视频、资料与队员: county administrators and township staff."""
    return user.is_superuser or (user.can_write and user.role in FILING_ROLES)


def is_county_or_township(region: Region | None) -> bool:
    return region is not None and region.level in (Region.Level.COUNTY, Region.Level.TOWNSHIP)
