"""Pages of governance. Each one: parse → scope → call a service → render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
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
    FollowUpEvidence,
    Interview,
    InterviewProposal,
    Meeting,
    ServiceLog,
    SupervisionTask,
    TaskEvidence,
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
    ManageButtonsMixin,
    ManageRequiredMixin,
    RecordFormView,
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
        form = self.form_class(request.POST, request.FILES)
        if form.is_valid():
            arguments = {self.record_kwarg: record, **form.cleaned_data}
            call_service(request, type(self).service, actor=request.user, success=str(self.success), **arguments)
        else:
            report_form_errors(request, form)
        return redirect(self.next_url(record))

    def next_url(self, record) -> str:
        return record.get_absolute_url()


class KeeperButtons(ManageButtonsMixin):
    """登记 and 修改 buttons for the county's administrators, who keep the registers."""

    can_manage = staticmethod(services.can_keep_registers)


class KeeperFormView(RecordFormView):
    """登记 or 修改 one register row: the county's administrators; others get 403."""

    can_manage = staticmethod(services.can_keep_registers)

    def dispatch(self, request, *args, **kwargs):
        # Scope before the role: an id outside the user's scope is not found, whoever asks.
        if request.user.is_authenticated and "pk" in kwargs:
            get_object_or_404(self.model.objects.visible_to(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_saved_url(self, obj) -> str:
        return obj.get_absolute_url()


class SplitFormView(KeeperFormView):
    """A record registered by one service and changed by another (what stays fixed is not offered)."""

    edit_form_class = None
    edit_service = None

    def get_form_class(self):
        return self.edit_form_class if self.object else self.form_class

    def save(self, form):
        if self.object is None:
            return super().save(form)
        record = {self.instance_kwarg: self.object}
        return type(self).edit_service(actor=self.request.user, **record, **form.cleaned_data)


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


class CommitteeDetailView(KeeperButtons, ScopedObjectMixin, DetailView):
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


class MeetingDetailView(KeeperButtons, ScopedObjectMixin, DetailView):
    model = Meeting
    template_name = "governance/meeting_detail.html"

    def get_context_data(self, **kwargs):
        tasks = SupervisionTask.objects.visible_to(self.request.user).filter(meeting=self.object)
        return super().get_context_data(tasks=tasks.select_related("department", "township"), **kwargs)


class TaskListView(KeeperButtons, ListExportMixin, ScopedObjectMixin, FilterView):
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


class TaskDetailView(KeeperButtons, ScopedObjectMixin, DetailView):
    model = SupervisionTask
    template_name = "governance/task_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("committee", "meeting", "department", "township")

    def get_context_data(self, **kwargs):
        task, user = self.object, self.request.user
        return super().get_context_data(
            progress=task.progress.select_related("actor").prefetch_related("files"),
            overdue=task.is_overdue(on=timezone.localdate()),
            can_report=task.status == OPEN and services.can_report_on(user, task.region, task.department_id),
            can_complete=task.status == OPEN and services.can_keep_registers(user),
            progress_form=forms.ProgressForm(),
            complete_form=forms.CompleteForm(),
            **kwargs,
        )


class TaskFormView(SplitFormView):
    """交办督办事项 (?committee= and ?meeting= preselect where it comes from); 修改 while open."""

    model = SupervisionTask
    form_class = forms.TaskForm
    edit_form_class = forms.TaskEditForm
    service = staticmethod(services.assign_task)
    edit_service = staticmethod(services.update_task)
    instance_kwarg = "task"
    list_url = "governance:tasks"
    titles = (gettext_lazy("交办督办事项"), gettext_lazy("修改督办事项"))

    def get_initial(self):
        if self.object:
            return {}
        return {key: self.request.GET[key] for key in ("committee", "meeting") if self.request.GET.get(key)}


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


class InterviewListView(KeeperButtons, ListExportMixin, ScopedObjectMixin, FilterView):
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


class InterviewDetailView(KeeperButtons, ScopedObjectMixin, DetailView):
    model = Interview
    template_name = "governance/interview_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("township", "department", "enterprise")

    def get_context_data(self, **kwargs):
        interview, user = self.object, self.request.user
        rectifying = interview.status == Interview.Status.RECTIFYING
        return super().get_context_data(
            follow_ups=interview.follow_ups.select_related("actor").prefetch_related("files"),
            can_follow_up=rectifying and services.can_report_on(user, interview.region, interview.department_id),
            can_close=rectifying and services.can_keep_registers(user),
            follow_up_form=forms.FollowUpForm(),
            close_form=forms.CloseForm(),
            **kwargs,
        )


class InterviewFormView(SplitFormView):
    """登记约谈; 修改 while rectification is open."""

    model = Interview
    form_class = forms.InterviewForm
    edit_form_class = forms.InterviewEditForm
    service = staticmethod(services.register_interview)
    edit_service = staticmethod(services.update_interview)
    instance_kwarg = "interview"
    list_url = "governance:interviews"
    titles = (gettext_lazy("登记约谈"), gettext_lazy("修改约谈"))


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


class ServiceButtons(ManageButtonsMixin):
    """登记 and 修改 buttons for those who record alliances and services: the county and townships."""

    can_manage = staticmethod(services.can_record_services)


class AllianceListView(ServiceButtons, ScopedObjectMixin, FilterView):
    model = Alliance
    filterset_class = AllianceFilterSet
    paginate_by = 50
    template_name = "governance/alliance_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("township", "lead_enterprise").annotate(
            member_count=Count("members", distinct=True), activity_count=Count("activities", distinct=True)
        ).order_by("region__sort_order", "name")  # fmt: skip


class AllianceDetailView(ServiceButtons, ScopedObjectMixin, DetailView):
    model = Alliance
    template_name = "governance/alliance_detail.html"

    def get_queryset(self):
        return super().get_queryset().prefetch_related(Prefetch("members"), "activities")


class AllianceFormView(KeeperFormView):
    model = Alliance
    form_class = forms.AllianceForm
    service = staticmethod(services.save_alliance)
    instance_kwarg = "alliance"
    list_url = "governance:alliances"
    titles = (gettext_lazy("登记互助联盟"), gettext_lazy("修改互助联盟"))
    can_manage = staticmethod(services.can_record_services)


class AgencyListView(KeeperButtons, ListExportMixin, ScopedObjectMixin, FilterView):
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
        user = self.request.user
        return super().get_context_data(
            can_import=services.can_keep_registers(user), can_log=services.can_record_services(user), **kwargs
        )


class AgencyDetailView(KeeperButtons, ScopedObjectMixin, DetailView):
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
            can_log=agency.is_active and services.can_record_services(self.request.user),
            **kwargs,
        )


class AgencyFormView(KeeperFormView):
    model = Agency
    form_class = forms.AgencyForm
    service = staticmethod(services.save_agency)
    instance_kwarg = "agency"
    list_url = "governance:agencies"
    titles = (gettext_lazy("登记服务机构"), gettext_lazy("修改服务机构"))


class ServiceLogFormView(KeeperFormView):
    """登记服务记录 (一企一档); ?agency= preselects the agency (its page's button), then back to it."""

    model = ServiceLog
    form_class = forms.ServiceLogForm
    service = staticmethod(services.log_service)
    list_url = "governance:agencies"
    titles = (gettext_lazy("登记服务记录"), gettext_lazy("登记服务记录"))
    can_manage = staticmethod(services.can_record_services)

    def get_object(self, queryset=None):
        return None  # a service log is recorded, never edited

    def get_initial(self):
        return {"agency": self.request.GET["agency"]} if self.request.GET.get("agency") else {}

    def get_saved_url(self, obj) -> str:
        return obj.agency.get_absolute_url()


class EvidenceView(ScopedObjectMixin, SingleObjectMixin, View):
    """Serves a photo or file only to users who may see the task or interview it belongs to."""

    def get(self, request, *args, **kwargs):
        evidence = self.get_object()
        inline = evidence.content_type.startswith("image/") or evidence.content_type == "application/pdf"
        return FileResponse(
            evidence.file.open("rb"),
            content_type=evidence.content_type,
            as_attachment=not inline,
            filename=evidence.original_name,
        )


class TaskEvidenceView(EvidenceView):
    model = TaskEvidence


class FollowUpEvidenceView(EvidenceView):
    model = FollowUpEvidence


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
