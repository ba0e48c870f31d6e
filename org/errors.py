"""Domain errors that services raise and both pages and the API translate for the user.

Every error a service raises on purpose derives from ``PortalError`` (or is Django's
``ValidationError`` or ``PermissionDenied``): pages catch ``SERVICE_ERRORS`` in one helper
(org.views.call_service) and the API in one handler (org.api.exceptions), so a new error type
becomes a clear answer, never a 500.
"""

from django.core.exceptions import PermissionDenied, ValidationError


class PortalError(Exception):
    """A request the portal refuses for a reason the user can act on (HTTP 400 by default)."""

    status_code = 400


class Conflict(PortalError):
    """The record is not in a state that allows this action (HTTP 409)."""

    status_code = 409


SERVICE_ERRORS = (PortalError, PermissionDenied, ValidationError)


def error_message(error: Exception) -> str:
    """The user-facing text of a service error."""
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
