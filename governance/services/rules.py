"""Who may do what in governance: the county's 安委办 keeps the registers; the units they concern
report on their own rows."""

from org.access import is_within
from org.models import Region, User


def is_county_admin(user: User) -> bool:
    return bool(user.is_superuser or (user.can_write and user.role == User.Role.COUNTY_ADMIN))


def can_keep_registers(user: User) -> bool:
    """Committees, meetings, tasks, interviews, agencies: the county's administrators."""
    return is_county_admin(user)


def can_report_on(user: User, region: Region | None, department_id: int | None = None) -> bool:
    """Progress and follow-ups: the county, or the township / department the row concerns."""
    if is_county_admin(user):
        return True
    if not user.can_write or user.role not in (User.Role.TOWNSHIP_STAFF, User.Role.DEPARTMENT_STAFF):
        return False
    if user.role == User.Role.DEPARTMENT_STAFF and user.department_id != department_id:
        return False
    return is_within(user, region)


def can_record_services(user: User) -> bool:
    """Service logs, expert visits and alliance activities: the county and township staff."""
    return is_county_admin(user) or (user.can_write and user.role == User.Role.TOWNSHIP_STAFF)
