"""Pages of the 3030 loop. Each one: parse → scope → call a service → render."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, TemplateView, View
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView

from hazards3030 import batches, exports, importers, services
from hazards3030.filtersets import AccidentFilterSet, HazardFilterSet
from hazards3030.forms import (
    AccidentForm,
    EnterpriseForm,
    HazardDetailsForm,
    HazardForm,
    SupervisionForm,
    TransitionForm,
)
from hazards3030.models import (
    OPEN_STATUSES,
    Accident,
    Batch3030,
    EscalationNotice,
    Hazard,
    HazardAttachment,
)
from hazards3030.services import rewards
from org.filtersets import EnterpriseFilterSet
from org.importers import ENTERPRISE_COLUMNS, import_enterprises
from org.models import Enterprise
from org.pagination import IdsFirstPaginator
from org.services import can_register_enterprises, save_enterprise
from org.views import (
    DefaultFiltersMixin,
    Ledger,
    LedgerImportView,
    LedgerTemplateView,
    ListExportMixin,
    ManageRequiredMixin,
    RecordFormView,
    ScopedObjectMixin,
    ServiceFormMixin,
    call_service,
    report_form_errors,
)

# --- Hazards --------------------------------------------------------------------------------


class HazardListView(DefaultFiltersMixin, ListExportMixin, ScopedObjectMixin, FilterView):
    """The worklist: open hazards first by deadline, overdue in red, and the user's notices; any
    other filter lists newest first. 导出Excel downloads the filtered rows as the 隐患台账."""

    model = Hazard
    filterset_class = HazardFilterSet
    paginate_by = 50
    paginator_class = IdsFirstPaginator
    template_name = "hazards3030/hazard_list.html"
    default_filters = {"status": list(OPEN_STATUSES)}  # the worklist opens on what still needs doing

    def get_queryset(self):
        return super().get_queryset().select_related("township", "enterprise")

    def export_response(self, rows):
        return exports.ledger_download(rows, user=self.request.user)

    def get_context_data(self, **kwargs):
        notices = EscalationNotice.objects.visible_to(self.request.user).filter(read_at__isnull=True)
        return super().get_context_data(
            today=timezone.localdate(),
            notices=notices.select_related("hazard")[:10],
            notice_count=notices.count(),
            can_file=services.can_file(self.request.user),
            **kwargs,
        )


class HazardDetailView(ScopedObjectMixin, DetailView):
    """One hazard: its details, its timeline (留痕) with photos, and the next steps as buttons."""

    model = Hazard
    template_name = "hazards3030/hazard_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("township", "enterprise", "supervision")

    def get_context_data(self, **kwargs):
        hazard = self.object
        steps = hazard.transitions.select_related("actor").prefetch_related("attachments")
        return super().get_context_data(
            steps=steps,
            actions=services.allowed_actions(hazard=hazard, user=self.request.user),
            action_form=TransitionForm(),
            details_form=HazardDetailsForm(instance=hazard),
            can_edit=hazard.status != Hazard.Status.CLOSED and services.can_file(self.request.user),
            overdue=hazard.is_overdue(on=timezone.localdate()),
            can_list=services.can_list(user=self.request.user, hazard=hazard),
            supervision_form=SupervisionForm(initial={"listed_on": timezone.localdate()}),
            **kwargs,
        )


class HazardCreateView(LoginRequiredMixin, ManageRequiredMixin, ServiceFormMixin, FormView):
    form_class = HazardForm
    template_name = "hazards3030/hazard_form.html"
    can_manage = staticmethod(services.can_file)

    def save(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "files"}
        return services.file_hazard(actor=self.request.user, files=form.cleaned_data["files"], **data)


ACTION_SERVICES = {
    "assign": services.assign_hazard,
    "rectify": services.start_rectification,
    "submit": services.submit_rectification,
    "accept": services.accept_hazard,
    "reject": services.reject_hazard,
}


class HazardActionView(ScopedObjectMixin, SingleObjectMixin, View):
    """The buttons on a hazard's page: one POST per step of the loop."""

    model = Hazard
    action = ""

    def post(self, request, *args, **kwargs):
        hazard = self.get_object()
        form = TransitionForm(request.POST, request.FILES)
        if not form.is_valid():
            report_form_errors(request, form)
            return redirect(hazard.get_absolute_url())
        extra = {}
        if self.action in ("rectify", "submit"):
            extra["files"] = form.cleaned_data["files"]
        if self.action == "assign":
            extra["responsible"] = form.cleaned_data["responsible"]
        service = ACTION_SERVICES[self.action]
        note = form.cleaned_data["note"]
        call_service(request, service, hazard=hazard, actor=request.user, note=note, success=_("操作已完成。"), **extra)
        return redirect(hazard.get_absolute_url())


class HazardDetailsView(ScopedObjectMixin, SingleObjectMixin, View):
    """Saves corrections to an open hazard (its 五落实)."""

    model = Hazard

    def post(self, request, *args, **kwargs):
        hazard = self.get_object()
        form = HazardDetailsForm(request.POST, instance=Hazard.objects.get(pk=hazard.pk))
        if form.is_valid():
            call_service(
                request,
                services.update_hazard,
                hazard=hazard,
                actor=request.user,
                success=_("已保存。"),
                **form.cleaned_data,
            )
        else:
            report_form_errors(request, form)
        return redirect(hazard.get_absolute_url())


class HazardSupervisionView(ScopedObjectMixin, SingleObjectMixin, View):
    """挂牌督办 from the hazard's page (county administrators, major hazards)."""

    model = Hazard

    def post(self, request, *args, **kwargs):
        hazard = self.get_object()
        form = SupervisionForm(request.POST)
        if not form.is_valid():
            report_form_errors(request, form)
            return redirect(hazard.get_absolute_url())
        call_service(
            request,
            services.list_hazard,
            hazard=hazard,
            actor=request.user,
            success=_("已挂牌督办。"),
            **form.cleaned_data,
        )
        return redirect(hazard.get_absolute_url())


class AttachmentView(ScopedObjectMixin, SingleObjectMixin, View):
    """Serves a photo or file only to users who may see its hazard."""

    model = HazardAttachment

    def get(self, request, *args, **kwargs):
        attachment = self.get_object()
        inline = attachment.content_type.startswith("image/") or attachment.content_type == "application/pdf"
        return FileResponse(
            attachment.file.open("rb"),
            content_type=attachment.content_type,
            as_attachment=not inline,
            filename=attachment.original_name,
        )


# --- 3030 overview --------------------------------------------------------------------------


class Overview3030View(LoginRequiredMixin, TemplateView):
    """The county's 3030 overview: each unit's current window, by township and by department."""

    template_name = "hazards3030/overview3030.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        current = (
            Batch3030.objects.visible_to(self.request.user)
            .filter(opened_on__lte=today, closes_on__gte=today)
            .select_related("region", "department")
            .order_by("unit_kind", "region__sort_order", "department__sort_order")
        )
        rows = batches.progress(list(current))
        return super().get_context_data(
            today=today,
            county_rows=[r for r in rows if r.batch.unit_kind == Batch3030.UnitKind.COUNTY],
            township_rows=[r for r in rows if r.batch.unit_kind == Batch3030.UnitKind.TOWNSHIP],
            department_rows=[r for r in rows if r.batch.unit_kind == Batch3030.UnitKind.DEPARTMENT],
            rewards=rewards.year_figures(user=self.request.user, year=today.year),
            **kwargs,
        )


# --- Enterprises and accidents --------------------------------------------------------------


class EnterpriseListView(ScopedObjectMixin, FilterView):
    model = Enterprise
    filterset_class = EnterpriseFilterSet
    paginate_by = 50
    template_name = "hazards3030/enterprise_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("township")


class EnterpriseDetailView(ScopedObjectMixin, DetailView):
    model = Enterprise
    template_name = "hazards3030/enterprise_detail.html"

    def get_context_data(self, **kwargs):
        hazards = Hazard.objects.visible_to(self.request.user).filter(enterprise=self.object)
        return super().get_context_data(hazards=hazards.order_by("-found_on")[:50], **kwargs)


class EnterpriseFormView(RecordFormView):
    """登记检查对象 (the register lives in org; this is the 3030 loop's page for it)."""

    model = Enterprise
    form_class = EnterpriseForm
    service = staticmethod(save_enterprise)
    instance_kwarg = "enterprise"
    list_url = "hazards3030:enterprises"
    titles = (gettext_lazy("登记检查对象"), gettext_lazy("修改检查对象"))
    can_manage = staticmethod(can_register_enterprises)

    def get_saved_url(self, obj) -> str:
        return obj.get_absolute_url()


class AccidentListView(ScopedObjectMixin, FilterView):
    model = Accident
    filterset_class = AccidentFilterSet
    paginate_by = 50
    template_name = "hazards3030/accident_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("township")


class AccidentDetailView(ScopedObjectMixin, DetailView):
    model = Accident
    template_name = "hazards3030/accident_detail.html"


class AccidentFormView(RecordFormView):
    model = Accident
    form_class = AccidentForm
    service = staticmethod(services.save_accident)
    instance_kwarg = "accident"
    list_url = "hazards3030:accidents"
    titles = (gettext_lazy("登记生产安全事故"), gettext_lazy("修改生产安全事故"))
    can_manage = staticmethod(services.can_file)

    def get_saved_url(self, obj) -> str:
        return obj.get_absolute_url()


# --- Excel imports --------------------------------------------------------------------------

IMPORTS = {
    "hazards": Ledger(
        importers.import_hazards,
        importers.HAZARD_COLUMNS,
        gettext_lazy("隐患台账"),
        "hazards3030:hazards",
        "hazards3030:import-template",
    ),
    "enterprises": Ledger(
        import_enterprises,
        ENTERPRISE_COLUMNS,
        gettext_lazy("检查对象名录"),
        "hazards3030:enterprises",
        "hazards3030:enterprise-import-template",
    ),
}


class ImportView(LedgerImportView):
    imports = IMPORTS


class ImportTemplateView(LedgerTemplateView):
    imports = IMPORTS
