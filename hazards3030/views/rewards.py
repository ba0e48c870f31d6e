"""内部报告奖励 pages: the register (by township and enterprise, exported to Excel) and the form
that records or corrects one hazard's reward through hazards3030.services.rewards."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView

from hazards3030.filtersets import RewardFilterSet
from hazards3030.forms import RewardForm
from hazards3030.models import Hazard, InternalReportReward
from hazards3030.services import rewards
from org.errors import SERVICE_ERRORS, error_message
from org.spreadsheets import Column
from org.views import ListExportMixin, ScopedObjectMixin, form_errors


class RewardListView(ListExportMixin, ScopedObjectMixin, FilterView):
    """内部报告奖励台账: hazards the enterprises' own staff reported, with each reward decision,
    and the totals per township and enterprise of the rows selected."""

    model = Hazard
    filterset_class = RewardFilterSet
    paginate_by = 50
    template_name = "hazards3030/reward_list.html"
    export_title = gettext_lazy("内部报告奖励台账")
    export_columns = [
        Column(gettext_lazy("隐患编号"), 8),
        Column(gettext_lazy("乡镇"), 10),
        Column(gettext_lazy("检查对象"), 24),
        Column(gettext_lazy("隐患描述"), 40),
        Column(gettext_lazy("发现日期"), 12),
        Column(gettext_lazy("奖励金额(元)"), 12, total=True),
        Column(gettext_lazy("批准人"), 12),
        Column(gettext_lazy("批准日期"), 12),
        Column(gettext_lazy("发放日期"), 12),
    ]

    def export_row(self, hazard: Hazard) -> tuple:
        reward = getattr(hazard, "reward", None)
        return (
            hazard.pk, hazard.township.name, hazard.enterprise.name if hazard.enterprise else "", hazard.description,
            hazard.found_on, reward.amount if reward else None, reward.approved_by if reward else "",
            reward.approved_on if reward else None, reward.paid_on if reward else None,
        )  # fmt: skip

    def get_queryset(self):
        rows = super().get_queryset().filter(source=Hazard.Source.INTERNAL_REPORT)
        return rows.select_related("township", "enterprise", "reward").order_by("-found_on", "-id")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            totals=rewards.totals_by_unit(self.object_list),
            can_record=rewards.can_record_rewards(self.request.user),
            **kwargs,
        )


class RewardFormView(ScopedObjectMixin, SingleObjectMixin, View):
    """登记 or 修改 the reward of one internal-report hazard in the user's area."""

    model = Hazard
    template_name = "org/record_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not rewards.can_record_rewards(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def current(self, hazard: Hazard) -> InternalReportReward | None:
        return InternalReportReward.objects.filter(hazard=hazard).first()

    def get(self, request, *args, **kwargs):
        hazard = self.get_object()
        return self.show(hazard, RewardForm(instance=self.current(hazard)))

    def post(self, request, *args, **kwargs):
        hazard = self.get_object()
        form = RewardForm(request.POST, instance=self.current(hazard))
        if not form.is_valid():
            return self.show(hazard, form, status=400)
        try:
            rewards.record_reward(actor=request.user, hazard=hazard, **form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
            return self.show(hazard, form, status=400)
        except SERVICE_ERRORS as error:
            form.add_error(None, error_message(error))
            return self.show(hazard, form, status=400)
        messages.success(request, _("已保存。"))
        return redirect("hazards3030:rewards")

    def show(self, hazard: Hazard, form, status: int = 200):
        context = {"form": form, "object": hazard, "title": _("登记内部报告奖励"), "list_url": "hazards3030:rewards",
                   "list_title": _("内部报告奖励台账")}  # fmt: skip
        return render(self.request, self.template_name, context, status=status)
