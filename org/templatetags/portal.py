from datetime import date

from django import template

from org.access import is_within
from org.models import Region, User

register = template.Library()


@register.filter
def days_until(day: date, today: date) -> int:
    """Whole days from ``today`` to ``day`` (negative once it has passed)."""
    return (day - today).days


@register.filter
def negate(value: int) -> int:
    return -value


@register.filter
def opens_for(region: Region | None, user: User) -> bool:
    """Whether ``user`` may open ``region``'s page: it lies in their area, the rule the scope
    answers by (else 404), so a page links a unit only where the link answers."""
    return region is not None and is_within(user, region)


@register.filter
def is_home_of(region: Region | None, user: User) -> bool:
    """Whether ``region`` is where ``user`` works (本乡镇: their township, or their village's)."""
    return region is not None and user.region is not None and user.region.is_within(region)
