"""The checks every service makes before it writes: may this user do it, and is the record in
their area. Services call these; pages and the API turn the PermissionDenied into a 403 or a
message (org.views.call_service, org.api.exceptions)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from org.models import Region, User


def require(allowed: bool, message: str) -> None:
    """Refuses with ``message`` unless ``allowed``."""
    if not allowed:
        raise PermissionDenied(message)


def is_within(user: User, region: Region | None) -> bool:
    """Whether ``region`` lies in the user's area (a superuser's area is everywhere)."""
    if user.is_superuser:
        return True
    return user.region is not None and region is not None and region.is_within(user.region)


def require_within(user: User, region: Region | None, message: str = "") -> None:
    """Refuses a record outside the user's area: the same rule for every app's writes."""
    require(is_within(user, region), message or _("只能登记本辖区的数据。"))
