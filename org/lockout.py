"""What a locked-out login sees: a page for people, JSON for API clients (both HTTP 429)."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def lockout_response(request, response, credentials, *args, **kwargs):
    if request.path.startswith("/api/"):
        message = _("登录失败次数过多,账号已暂时锁定。")
        return JsonResponse({"detail": message}, status=429)
    return render(request, "registration/locked_out.html", status=429)
