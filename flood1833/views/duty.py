"""“1833”: the duty roster and 一键通 roll calls."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView

from flood1833 import services
from flood1833.filtersets import DutyShiftFilterSet
from flood1833.forms import DutyShiftForm
from flood1833.models import DutyShift, RollCall, RollCallAnswer
from flood1833.views.common import ListKeeperButtons, ListRecordFormView
from org.views import DefaultFiltersMixin, ScopedObjectMixin, call_service


class RollCallListView(LoginRequiredMixin, TemplateView):
    """值班与抽查: who is on duty, the roll calls sent, and the checks waiting for my answer."""

    template_name = "flood1833/rollcalls.html"

    def get_context_data(self, **kwargs):
        user, now = self.request.user, timezone.now()
        return super().get_context_data(
            on_duty=DutyShift.objects.visible_to(user)
            .filter(starts_at__lte=now, ends_at__gt=now)
            .select_related("group", "officer", "region"),
            roll_calls=RollCall.objects.visible_to(user).prefetch_related("answers__officer")[:20],
            mine=RollCallAnswer.objects.filter(officer=user, answered_at__isnull=True).select_related("roll_call"),
            can_command=services.can_command(user),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        note = request.POST.get("note", "")[:200]
        call_service(request, services.send_roll_call, actor=request.user, note=note, success=_("抽查已发出。"))
        return redirect("flood1833:rollcalls")


class RollCallAnswerView(ScopedObjectMixin, SingleObjectMixin, View):
    model = RollCallAnswer

    def post(self, request, *args, **kwargs):
        answer = self.get_object()
        call_service(request, services.answer_roll_call, answer=answer, actor=request.user, success=_("已签到。"))
        return redirect("flood1833:rollcalls")


class DutyShiftListView(DefaultFiltersMixin, ListKeeperButtons, ScopedObjectMixin, FilterView):
    """值班表: the 1833 command's duty roster; opens on the shifts still to come."""

    model = DutyShift
    filterset_class = DutyShiftFilterSet
    paginate_by = 100
    template_name = "flood1833/duty_list.html"
    default_filters = {"current": "true"}

    def get_queryset(self):
        return super().get_queryset().select_related("region", "group", "officer").order_by("starts_at", "group__order")

    def get_context_data(self, **kwargs):
        return super().get_context_data(now=timezone.now(), **kwargs)


class DutyShiftFormView(ListRecordFormView):
    model = DutyShift
    form_class = DutyShiftForm
    service = staticmethod(services.save_duty_shift)
    instance_kwarg = "shift"
    list_url = "flood1833:duty"
    titles = (gettext_lazy("排班"), gettext_lazy("修改值班安排"))

    def get_initial(self):
        return {} if self.object else {"region": self.request.user.region_id}
