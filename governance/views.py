"""Pages of governance. Each one: parse → scope → call a service → render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView, View
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView

from governance import forms, importers, services
from governance.filtersets import AgencyFilterSet, AllianceFilterSet, InterviewFilterSet, SupervisionTaskFilterSet
from governance.models import (
    Agency,
    Alliance,
    Committee,
    Interview,
    InterviewProposal,
    Meeting,
    ServiceLog,
    SupervisionTask,
    TaskReminder,
)
from governance.services.interviews import is_published
from org.errors import error_message
from org.pagination import CappedPaginator
from org.spreadsheets import Column
from org.views import (
    Ledger,
    LedgerImportView,
    LedgerTemplateView,
    ListExportMixin,
    ManageRequiredMixin,
    ScopedObjectMixin,
    call_service,
    report_form_errors,
)
from plan.models import RankingPublication
from plan.periods import Month

OPEN = SupervisionTask.Status.OPEN


class PostedFormView(ScopedObjectMixin, SingleObjectMixin, View):
    """A small form posted from a record's page: scope first, then the form, then one service."""

    form_class = None
    service = None
    record_kwarg = ""
    success = gettext_lazy("已保存。")

    def post(self, request, *args, **kwargs):
        record = self.get_object()  # out of scope is a 404 whatever the body says
        form = self.form_class(request.POST)
        if form.is_valid():
            arguments = {self.record_kwarg: record, **form.cleaned_data}
            call_service(request, type(self).service, actor=request.user, success=str(self.success), **arguments)
        else:
            report_form_errors(request, form)
        return redirect(self.next_url(record))

    def next_url(self, record) -> str:
        return record.get_absolute_url()


# --- 1+9+N ----------------------------------------------------------------------------------


class CommitteeListView(ScopedObjectMixin, ListView):
    """The committee tree (1 安委会, its 专委会, N key areas) with each one's open tasks."""

    model = Committee
    template_name = "governance/committee_list.html"

    def get_queryset(self):
        open_tasks = Count("tasks", filter=Q(tasks__status=OPEN))
        return (
            super().get_queryset().select_related("lead_department", "region").annotate(open_tasks=open_tasks)
            .order_by("sort_order", "id")
        )  # fmt: skip

    def get_context_data(self, **kwargs):
        committees = list(self.object_list)
        children: dict = {}
        for committee in committees:
            children.setdefault(committee.parent_id, []).append(committee)
        for committee in committees:
            committee.branches = children.get(committee.pk, [])
        known = {c.pk for c in committees}
        roots = [c for c in committees if c.parent_id is None or c.parent_id not in known]
        return super().get_context_data(roots=roots, **kwargs)


class CommitteeDetailView(ScopedObjectMixin, DetailView):
    model = Committee
    template_name = "governance/committee_detail.html"

    def get_context_data(self, **kwargs):
        tasks = SupervisionTask.objects.visible_to(self.request.user).filter(committee=self.object, status=OPEN)
        return super().get_context_data(
            tasks=tasks.select_related("department", "township"),
            meetings=self.object.meetings.all()[:12],
            members=self.object.member_departments.all(),
            today=timezone.localdate(),
            **kwargs,
        )


class MeetingDetailView(ScopedObjectMixin, DetailView):
    model = Meeting
    template_name = "governance/meeting_detail.html"

    def get_context_data(self, **kwargs):
        tasks = SupervisionTask.objects.visible_to(self.request.user).filter(meeting=self.object)
        return super().get_context_data(tasks=tasks.select_related("department", "township"), **kwargs)


class TaskListView(ListExportMixin, ScopedObjectMixin, FilterView):
    """督办事项: open ones first by deadline, overdue marked, and the user's reminders."""

    model = SupervisionTask
    filterset_class = SupervisionTaskFilterSet
    paginate_by = 50
    paginator_class = CappedPaginator
    template_name = "governance/task_list.html"
    export_columns = [
        Column(gettext_lazy("督办事项"), 30),
        Column(gettext_lazy("交办委员会"), 20),
        Column(gettext_lazy("承办单位"), 16),
        Column(gettext_lazy("交办日期"), 12),
        Column(gettext_lazy("办理期限"), 12),
        Column(gettext_lazy("状态"), 10),
        Column(gettext_lazy("办结日期"), 12),
    ]

    def export_row(self, task: SupervisionTask) -> tuple:
        return (task.title, task.committee.name, str(task.assignee), task.assigned_on, task.deadline,
                task.get_status_display(), task.completed_on)  # fmt: skip

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("committee", "department", "township")
            .order_by("status", "deadline", "id")
        )

    def get_context_data(self, **kwargs):
        reminders = TaskReminder.objects.visible_to(self.request.user).filter(read_at__isnull=True, task__status=OPEN)
        return super().get_context_data(
            reminders=reminders.select_related("task")[:10], reminder_count=reminders.count(), today=timezone.localdate(),
            **kwargs,
        )  # fmt: skip


class TaskDetailView(ScopedObjectMixin, DetailView):
    model = SupervisionTask
    template_name = "governance/task_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("committee", "meeting", "department", "township")

    def get_context_data(self, **kwargs):
        task, user = self.object, self.request.user
        return super().get_context_data(
            progress=task.progress.select_related("actor"),
            overdue=task.is_overdue(on=timezone.localdate()),
            can_report=task.status == OPEN and services.can_report_on(user, task.region, task.department_id),
            can_complete=task.status == OPEN and services.can_keep_registers(user),
            progress_form=forms.ProgressForm(),
            complete_form=forms.CompleteForm(),
            **kwargs,
        )


class TaskProgressView(PostedFormView):
    model = SupervisionTask
    form_class = forms.ProgressForm
    service = staticmethod(services.report_progress)
    record_kwarg = "task"


class TaskCompleteView(PostedFormView):
    model = SupervisionTask
    form_class = forms.CompleteForm
    service = staticmethod(services.complete_task)
    record_kwarg = "task"
    success = gettext_lazy("已办结。")


# --- 约谈 -------------------------------------------------------------------------------------


class InterviewListView(ListExportMixin, ScopedObjectMixin, FilterView):
    """约谈台账."""

    model = Interview
    filterset_class = InterviewFilterSet
    paginate_by = 50
    paginator_class = CappedPaginator
    template_name = "governance/interview_list.html"
    export_columns = [
        Column(gettext_lazy("约谈日期"), 12),
        Column(gettext_lazy("约谈层级"), 10),
        Column(gettext_lazy("约谈对象"), 24),
        Column(gettext_lazy("约谈事由"), 14),
        Column(gettext_lazy("整改要求"), 36),
        Column(gettext_lazy("整改期限"), 12),
        Column(gettext_lazy("状态"), 10),
        Column(gettext_lazy("销号日期"), 12),
    ]

    def export_row(self, interview: Interview) -> tuple:
        return (interview.held_on, interview.get_level_display(), str(interview.unit), interview.get_reason_display(),
                interview.rectification, interview.rectification_due, interview.get_status_display(),
                interview.closed_on)  # fmt: skip

    def get_queryset(self):
        return super().get_queryset().select_related("township", "department", "enterprise")

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_decide=services.can_keep_registers(self.request.user), **kwargs)


class InterviewDetailView(ScopedObjectMixin, DetailView):
    model = Interview
    template_name = "governance/interview_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("township", "department", "enterprise")

    def get_context_data(self, **kwargs):
        interview, user = self.object, self.request.user
        rectifying = interview.status == Interview.Status.RECTIFYING
        return super().get_context_data(
            follow_ups=interview.follow_ups.select_related("actor"),
            can_follow_up=rectifying and services.can_report_on(user, interview.region, interview.department_id),
            can_close=rectifying and services.can_keep_registers(user),
            follow_up_form=forms.FollowUpForm(),
            close_form=forms.CloseForm(),
            **kwargs,
        )


class InterviewFollowUpView(PostedFormView):
    model = Interview
    form_class = forms.FollowUpForm
    service = staticmethod(services.follow_up_interview)
    record_kwarg = "interview"


class InterviewCloseView(PostedFormView):
    model = Interview
    form_class = forms.CloseForm
    service = staticmethod(services.close_interview)
    record_kwarg = "interview"
    success = gettext_lazy("已销号。")


class ProposalListView(ManageRequiredMixin, ScopedObjectMixin, ListView):
    """约谈建议 awaiting a decision (months whose ranking stands published), and those decided."""

    model = InterviewProposal
    template_name = "governance/proposal_list.html"
    can_manage = staticmethod(services.can_keep_registers)

    def get_queryset(self):
        published = RankingPublication.objects.published().values("period")
        return (
            super().get_queryset().filter(Q(period__in=published) | ~Q(status=InterviewProposal.Status.PROPOSED))
            .select_related("township", "department", "interview").order_by("-period", "status", "id")[:200]
        )  # fmt: skip

    def get_context_data(self, **kwargs):
        last = Month.of(timezone.localdate()).previous()
        return super().get_context_data(
            confirm_form=forms.ConfirmForm(), dismiss_form=forms.DismissForm(),
            propose_form=forms.ProposeForm(initial={"period": str(last)}), **kwargs,
        )  # fmt: skip


class ProposeView(ManageRequiredMixin, ScopedObjectMixin, View):
    """Proposes a month's candidates now (the daily job does the same); a draft month proposes nothing."""

    model = InterviewProposal
    can_manage = staticmethod(services.can_keep_registers)

    def post(self, request):
        form = forms.ProposeForm(request.POST)
        if not form.is_valid():
            report_form_errors(request, form)
            return redirect("governance:proposals")
        try:
            period = Month.parse(form.cleaned_data["period"])
        except ValidationError as error:
            messages.error(request, error_message(error))
            return redirect("governance:proposals")
        if is_published(period):
            created = services.propose_interviews(period=period)
            messages.success(request, _("新增约谈建议 %(n)s 条。") % {"n": created})
        else:
            messages.error(request, _("%(period)s 的排名尚未发布,不生成约谈建议。") % {"period": period})
        return redirect("governance:proposals")


class ProposalConfirmView(PostedFormView):
    model = InterviewProposal
    form_class = forms.ConfirmForm
    service = staticmethod(services.confirm_proposal)
    record_kwarg = "proposal"
    success = gettext_lazy("已确认约谈,并登记到约谈台账。")

    def next_url(self, record) -> str:
        record.refresh_from_db()
        return record.interview.get_absolute_url() if record.interview_id else record.get_absolute_url()


class ProposalDismissView(PostedFormView):
    model = InterviewProposal
    form_class = forms.DismissForm
    service = staticmethod(services.dismiss_proposal)
    record_kwarg = "proposal"
    success = gettext_lazy("已记录不予约谈。")


# --- 互助联盟 and agencies ----------------------------------------------------------------------


class AllianceListView(ScopedObjectMixin, FilterView):
    model = Alliance
    filterset_class = AllianceFilterSet
    paginate_by = 50
    template_name = "governance/alliance_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("township", "lead_enterprise").annotate(
            member_count=Count("members", distinct=True), activity_count=Count("activities", distinct=True)
        ).order_by("region__sort_order", "name")  # fmt: skip


class AllianceDetailView(ScopedObjectMixin, DetailView):
    model = Alliance
    template_name = "governance/alliance_detail.html"

    def get_queryset(self):
        return super().get_queryset().prefetch_related(Prefetch("members"), "activities")


class AgencyListView(ListExportMixin, ScopedObjectMixin, FilterView):
    """社会化服务机构 with this half-year's assessment and the latest grade."""

    model = Agency
    filterset_class = AgencyFilterSet
    paginate_by = 50
    paginator_class = CappedPaginator
    template_name = "governance/agency_list.html"
    export_title = gettext_lazy("服务机构考评")
    export_columns = [
        Column(gettext_lazy("机构名称"), 28),
        Column(gettext_lazy("统一社会信用代码"), 22),
        Column(gettext_lazy("服务类别"), 10),
        Column(gettext_lazy("注册安全工程师人数"), 10, total=True),
        Column(gettext_lazy("状态"), 10),
        Column(gettext_lazy("资质有效期至"), 12),
    ]

    def export_row(self, agency: Agency) -> tuple:
        return (agency.name, agency.credit_code, agency.get_category_display(), agency.engineers,
                agency.get_status_display(), agency.qualification_expires)  # fmt: skip

    def get_queryset(self):
        return super().get_queryset().prefetch_related("assessments", "grades").order_by("name", "id")

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_import=services.can_keep_registers(self.request.user), **kwargs)


class AgencyDetailView(ScopedObjectMixin, DetailView):
    """One agency: its register entry, assessments, grade history, status history and service logs."""

    model = Agency
    template_name = "governance/agency_detail.html"

    def get_context_data(self, **kwargs):
        agency = self.object
        return super().get_context_data(
            assessments=agency.assessments.all(),
            grades=agency.grades.all(),
            steps=agency.history.order_by("-history_date")[:20],
            logs=ServiceLog.objects.visible_to(self.request.user)
            .filter(agency=agency)
            .select_related("enterprise")[:50],
            **kwargs,
        )


IMPORTS = {
    "agencies": Ledger(
        importers.import_agencies,
        importers.AGENCY_COLUMNS,
        gettext_lazy("导入服务机构考核表"),
        "governance:agencies",
        "governance:agency-import-template",
    )
}


class AgencyImportView(ManageRequiredMixin, LedgerImportView):
    imports = IMPORTS
    can_manage = staticmethod(services.can_keep_registers)


class AgencyImportTemplateView(LedgerTemplateView):
    imports = IMPORTS
