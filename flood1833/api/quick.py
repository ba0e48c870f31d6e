"""POST /api/v1/transfers/{id}/confirm/ answered early, when it is the common case.

In a typhoon the confirmations come by the ten thousand within hours, from the field page and
from API clients alike. Most are plain: a signed-in cadre (or a token) confirms 已通知, 已转移,
投亲靠友 or 已返回 for a person in their scope, or retries such a confirmation. This middleware
answers those with ``services.confirm_quickly`` (same rules, same row lock, same rows written)
before the rest of the middleware, the URL resolver and DRF run, with the same JSON the API view
answers. Everything else goes on, untouched, to the API view (``TransferViewSet.confirm``), which
answers or refuses as it always has: a shelter check-in, a body or header out of the ordinary, a
failed login or CSRF check, an id out of scope, a move that is not allowed, a request id used for
another person. Nothing is written before it is decided which way a request goes.

Placed after AuthenticationMiddleware (the session's user) and LocaleMiddleware (the language).
"""

import json
import re
from functools import cache

from django.http import HttpResponse
from django.urls import reverse
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication, get_authorization_header
from rest_framework.fields import DateTimeField
from rest_framework.renderers import JSONRenderer

from flood1833 import services
from flood1833.models import Transfer
from org.api.authentication import PortalTokenAuthentication

# What a client generates: a UUID, or any short printable word without spaces.
REQUEST_ID = re.compile(r"[\x21-\x7e]{1,64}")
JSON_ACCEPTED = {"", "*/*", "application/json"}
HEADERS = {
    "Allow": "POST, OPTIONS",
    "Vary": "Accept",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
}


@cache
def confirm_path() -> re.Pattern:
    prefix, _, suffix = reverse("transfer-confirm", args=[0]).rpartition("/0/")
    return re.compile(re.escape(prefix) + r"/([1-9][0-9]{0,17})/" + re.escape(suffix))


class QuickConfirmMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and not request.META.get("QUERY_STRING"):
            match = confirm_path().fullmatch(request.path_info)
            if match is not None:
                answer = quick_confirm(request, int(match[1]))
                if answer is not None:
                    return answer
        return self.get_response(request)


def quick_confirm(request, pk: int) -> HttpResponse | None:
    """The answer to a common confirmation, or ``None`` to let the API view handle the request."""
    if request.content_type != "application/json" or request.META.get("HTTP_ACCEPT", "") not in JSON_ACCEPTED:
        return None
    fields = _plain_body(request.body)
    if fields is None:
        return None
    actor = _authenticated(request)
    if actor is None:
        return None
    row = services.confirm_quickly(transfer=pk, actor=actor, **fields)
    if row is None:
        return None
    response = HttpResponse(JSONRenderer().render(answer(row)), content_type="application/json")
    for header, value in HEADERS.items():
        response[header] = value
    return response


def _plain_body(body: bytes) -> dict | None:
    """status, request_id and location when they are exactly what the API view would accept as
    they are (no shelter, nothing to trim or convert); otherwise ``None``."""
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("shelter") is not None:
        return None
    status, request_id, location = data.get("status"), data.get("request_id"), data.get("location", "")
    if status not in services.QUICK_STATUSES or not isinstance(request_id, str) or not isinstance(location, str):
        return None
    if not REQUEST_ID.fullmatch(request_id) or len(location) > 200 or location != location.strip():
        return None
    if location and not location.isprintable():
        return None
    return {"status": status, "request_id": request_id, "location": location}


def _authenticated(request):
    """The user as the API's authentication classes would find them, or ``None`` (the view then
    answers 401 or 403 itself): a token, else the session with its CSRF check."""
    header = get_authorization_header(request).split()
    if header:
        if header[0].lower() != PortalTokenAuthentication.keyword.lower().encode():
            return None
        try:
            found = PortalTokenAuthentication().authenticate(request)
        except exceptions.APIException:
            return None
        return found[0] if found else None
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    try:
        SessionAuthentication().enforce_csrf(request)
    except exceptions.PermissionDenied:
        return None
    return user


def answer(row: dict) -> dict:
    """The fields of ``TransferSerializer`` from the quick confirmation's row."""
    return {
        "id": row["pk"],
        "event": row["event_id"],
        "person": row["person_id"],
        "person_name": row["person_name"],
        "phone": row["phone"],
        "village": row["village_id"],
        "village_name": row["village_name"],
        "township": row["township_id"],
        "zone_kind": row["zone_kind"],
        "status": row["status"],
        "status_display": str(Transfer.Status(row["status"]).label),
        "shelter": row["shelter_id"],
        "shelter_name": row["shelter_name"] or "",
        "location": row["location"],
        "updated_at": DateTimeField().to_representation(row["updated_at"]),
        "updated_by": row["updated_by_name"] or "",
        "next_statuses": row["next_statuses"],
    }
