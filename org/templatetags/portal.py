from datetime import date

from django import template

register = template.Library()


@register.filter
def days_until(day: date, today: date) -> int:
    """Whole days from ``today`` to ``day`` (negative once it has passed)."""
    return (day - today).days


@register.filter
def negate(value: int) -> int:
    return -value
