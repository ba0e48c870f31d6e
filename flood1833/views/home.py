"""Where each role lands after login (settings.LOGIN_REDIRECT_URL): the page of their day's work."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.views import View

from flood1833.models import ResponseEvent
from org.models import User


def home_url_name(user: User) -> str:
    """A village cadre: the field page. Township staff: the 633 checklist while a typhoon is
    open, else their hazard worklist. Everyone else: the county plan."""
    if user.role == User.Role.VILLAGE_CADRE:
        return "flood1833:field"
    if user.role == User.Role.TOWNSHIP_STAFF:
        if ResponseEvent.objects.visible_to(user).filter(ended_at__isnull=True).exists():
            return "flood1833:tasks"
        return "hazards3030:hazards"
    return "plan:home"


class RoleHomeView(LoginRequiredMixin, View):
    def get(self, request):
        return redirect(home_url_name(request.user))
