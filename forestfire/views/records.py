"""林火, 火源检查 and 三张清单 pages, and the townships' 规范化建设 overview."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView

from forestfire import services, sla
from forestfire.filtersets import FireSourceCheckFilterSet, ForestFireFilterSet, ForestRiskFilterSet
from forestfire.forms import FireSourceCheckForm, ForestFireForm, ForestRiskForm
from forestfire.models import FireSourceCheck, ForestFire, ForestRisk
from forestfire.standardization import KIND
from org import assessments
from org.models import Assessment, Region
from org.spreadsheets import Column
from org.views import ListExportMixin, ManageButtonsMixin, RecordFormView, ScopedObjectMixin, call_service


class KeeperButtons(ManageButtonsMixin):
    can_manage = staticmethod(services.can_keep_records)


class KeeperFormView(RecordFormView):
    can_manage = staticmethod(services.can_keep_records)


def _local(moment):
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


class FireListView(ScopedObjectMixin, KeeperButtons, ListExportMixin, FilterView):
    model = ForestFire
    filterset_class = ForestFireFilterSet
    paginate_by = 50
    template_name = "forestfire/fire_list.html"
    export_columns = [
        Column("乡镇", 10), Column("起火地点", 18), Column("起火时间", 18), Column("报告时间", 18),
        Column("首支队伍到场时间", 18), Column("到场用时(分钟)", 10), Column("首批到场队伍", 24),
        Column("控制时间", 18), Column("扑灭时间", 18), Column("过火面积(公顷)", 12, "0.00"), Column("起火原因", 16),
        Column("死亡人数", 8), Column("受伤人数", 8),
    ]  # fmt: skip

    def get_queryset(self):
        return super().get_queryset().select_related("township").prefetch_related("teams")

    def get_context_data(self, **kwargs):
        return super().get_context_data(limit=sla.fire_minutes(), **kwargs)

    def export_row(self, fire: ForestFire) -> tuple:
        return (fire.township.name, fire.place, _local(fire.started_at), _local(fire.reported_at),
                _local(fire.first_arrived_at), fire.arrival_minutes(), fire.team_names(), _local(fire.controlled_at),
                _local(fire.extinguished_at), fire.burned_area, fire.cause, fire.deaths, fire.injuries)  # fmt: skip


class FireFormView(KeeperFormView):
    model = ForestFire
    form_class = ForestFireForm
    service = staticmethod(services.save_fire)
    instance_kwarg = "fire"
    list_url = "forestfire:fires"
    titles = (gettext_lazy("登记林火"), gettext_lazy("修改林火"))


class CheckListView(ScopedObjectMixin, KeeperButtons, ListExportMixin, FilterView):
    model = FireSourceCheck
    filterset_class = FireSourceCheckFilterSet
    paginate_by = 50
    template_name = "forestfire/check_list.html"
    export_columns = [
        Column("检查日期", 12), Column("检查类别", 14), Column("乡镇", 10), Column("村(社区)", 12),
        Column("检查地点", 18), Column("检查发现", 30), Column("处理情况", 30), Column("检查人", 10),
    ]  # fmt: skip

    def get_queryset(self):
        return super().get_queryset().select_related("township", "village")

    def export_row(self, check: FireSourceCheck) -> tuple:
        return (check.checked_on, check.get_kind_display(), check.township.name, check.village.name if check.village else "",
                check.place, check.finding, check.follow_up, check.inspector)  # fmt: skip


class CheckFormView(KeeperFormView):
    model = FireSourceCheck
    form_class = FireSourceCheckForm
    service = staticmethod(services.save_check)
    instance_kwarg = "check"
    list_url = "forestfire:checks"
    titles = (gettext_lazy("登记火源检查"), gettext_lazy("修改火源检查"))


class RiskListView(ScopedObjectMixin, KeeperButtons, ListExportMixin, FilterView):
    model = ForestRisk
    filterset_class = ForestRiskFilterSet
    paginate_by = 50
    template_name = "forestfire/risk_list.html"
    export_columns = [
        Column("乡镇", 10), Column("风险隐患", 30), Column("位置", 16), Column("整改措施", 24), Column("整改责任人", 10),
        Column("整改期限", 12), Column("完成日期", 12), Column("逾期", 6),
    ]  # fmt: skip

    def get_queryset(self):
        return super().get_queryset().select_related("township")

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        overdue = ForestRisk.objects.visible_to(self.request.user).overdue(on=today).count()
        return super().get_context_data(today=today, overdue_count=overdue, **kwargs)

    def export_row(self, risk: ForestRisk) -> tuple:
        overdue = _("是") if risk.is_overdue(timezone.localdate()) else _("否")
        return (risk.township.name, risk.description, risk.place, risk.measure, risk.owner, risk.due_on, risk.done_on,
                overdue)  # fmt: skip


class RiskFormView(KeeperFormView):
    model = ForestRisk
    form_class = ForestRiskForm
    service = staticmethod(services.save_risk)
    instance_kwarg = "risk"
    list_url = "forestfire:risks"
    titles = (gettext_lazy("登记森林火险隐患"), gettext_lazy("修改森林火险隐患"))


class RiskDoneView(ScopedObjectMixin, SingleObjectMixin, View):
    """整改完成 (a button on the list)."""

    model = ForestRisk

    def post(self, request, *args, **kwargs):
        risk = self.get_object()
        call_service(request, services.complete_risk, actor=request.user, risk=risk, success=_("已标记整改完成。"))
        return redirect("forestfire:risks")


class StandardizationView(LoginRequiredMixin, TemplateView):
    """涉林乡镇规范化建设: each township's assessment under the checklist in force; a township
    begins its own self-assessment here, on the shared page (org:assessment)."""

    template_name = "forestfire/standardization.html"

    def get_context_data(self, **kwargs):
        user, checklist = self.request.user, assessments.current_checklist(KIND)
        townships = list(Region.objects.visible_to(user).townships())
        found = {}
        if checklist is not None:
            rows = Assessment.objects.visible_to(user).filter(checklist=checklist).select_related("township")
            found = {a.township_id: a for a in rows}
        passed = assessments.passed_townships(KIND)
        return super().get_context_data(
            checklist=checklist,
            items=checklist.items.all() if checklist else [],
            rows=[(t, found.get(t.pk), t.pk in passed) for t in townships],
            passed_count=sum(1 for t in townships if t.pk in passed),
            can_start=user.can_write and assessments.can_self_assess(user),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        wanted = request.POST.get("township", "")
        township = (
            Region.objects.visible_to(request.user).townships().filter(pk=wanted if wanted.isdigit() else 0).first()
        )
        if township is None:
            return redirect("forestfire:standardization")
        assessment = call_service(
            request, assessments.start_assessment, actor=request.user, township=township, kind=KIND
        )
        return redirect(assessment or "forestfire:standardization")
