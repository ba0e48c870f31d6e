"""The portal's minimal endpoint for the transfer benchmark: one UPDATE per POST, served like the
portal (gunicorn, Django, the portal's own settings and middleware: sessions, CSRF exemption, CSP,
locale, history, axes …) but with no DRF, no authentication, no scope and no rules. The benchmark
compares the confirmation with it, and with a bare WSGI app (bench/minimal_update_app.py) below
Django's request cycle.

Used as DJANGO_SETTINGS_MODULE (with ``--pythonpath bench``); its URLconf is this module.
Never part of the portal.
"""

from django.db.models.functions import Now
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from cangnan_yingji.settings import *  # noqa: F403 (the portal's settings, unchanged but for the URLs)

ROOT_URLCONF = __name__


@csrf_exempt
def confirm(request, pk: int):
    from flood1833.models import Transfer

    if request.method != "POST":
        return JsonResponse({"ok": True})
    updated = Transfer.objects.filter(pk=pk).update(updated_at=Now())
    return JsonResponse({"updated": updated}, status=200 if updated else 404)


def ready(request):
    return JsonResponse({"ok": True})


urlpatterns = [path("api/v1/transfers/<int:pk>/confirm/", confirm), path("", ready)]
