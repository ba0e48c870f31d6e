"""Failed logins (django-axes): the address a failure is counted against, and what a locked-out
login sees: a page for people, JSON for API clients (both HTTP 429)."""

import ipaddress

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from org.ratelimit import client_address


def login_address(request) -> str | None:
    """The address a failed login is counted against (AXES_CLIENT_IP_CALLABLE): the citizen's or
    clerk's own behind nginx, read as the public pages' limits read it, so that one person's
    mistyped passwords never lock a colleague out from behind the same proxy. Anything that is not
    an address (a client talking to the portal directly with a made-up header) counts against the
    address the connection came from."""
    address = client_address(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return request.META.get("REMOTE_ADDR") or None


def lockout_response(request, response, credentials, *args, **kwargs):
    if request.path.startswith("/api/"):
        message = _("登录失败次数过多,账号已暂时锁定。")
        return JsonResponse({"detail": message}, status=429)
    return render(request, "registration/locked_out.html", status=429)
