"""Pages of the flood response. Each one: parse → scope → call a service → render."""

import uuid
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, TemplateView, UpdateView, View
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView

from flood1833 import importers, live, services, sla
from flood1833.filtersets import (
    DepotFilterSet,
    DutyShiftFilterSet,
    EventFilterSet,
    FieldFilterSet,
    IncidentFilterSet,
    MatrixTaskFilterSet,
    PersonFilterSet,
    ShelterFilterSet,
    ZoneFilterSet,
)
from flood1833.forms import (
    DepotForm,
    DepotItemForm,
    DutyShiftForm,
    EventForm,
    FieldConfirmForm,
    ImportForm,
    IncidentForm,
    IncidentUpdateForm,
    PersonForm,
    ShelterForm,
    ShelterStayForm,
    StageForm,
    ZoneForm,
)
from flood1833.models import (
    DangerZone,
    Depot,
    DepotItem,
    DutyShift,
    Incident,
    IncidentNotice,
    MatrixTask,
    ResponseEvent,
    RollCall,
    RollCallAnswer,
    Shelter,
    Transfer,
    TransferPerson,
)
from org.errors import Conflict
from org.models import Region
from org.views import (
    LedgerImportView,
    LedgerTemplateView,
    ScopedObjectMixin,
    ServiceFormMixin,
    report_form_errors,
)
from plan.models import ResponseStage

FIELD_PAGE_SIZE = 100
SHELTER_PAGE_SIZE = 300


def _message(error: Exception) -> str:
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


def _report(request, error: Exception) -> None:
    messages.error(request, _message(error))


def _event_from_query(request) -> ResponseEvent | None:
    """?event=<id> among the events the user may see (404 otherwise), else the current one."""
    events = ResponseEvent.objects.visible_to(request.user).select_related("stage", "region")
    if request.GET.get("event"):
        wanted = request.GET["event"]
        event = events.filter(pk=wanted if wanted.isascii() and wanted.isdigit() else 0).first()
        if event is None:
            raise Http404
        return event
    return live.current_event(request.user)


class ManageListsMixin:
    """Pages that change the lists: the county and the townships keep them, others get 403."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not services.can_manage_lists(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CanManageMixin:
    """Lists and details that show 登记 and 修改 buttons to those who keep the lists."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_manage=services.can_manage_lists(self.request.user), **kwargs)


class RecordFormView(ManageListsMixin, ScopedObjectMixin, ServiceFormMixin, UpdateView):
    """登记 (no id in the URL) or 修改 (an id within the user's scope) one record through its save
    service: ``service`` takes the record as ``instance_kwarg``; then back to ``list_url``."""

    template_name = "flood1833/record_form.html"
    service = None
    instance_kwarg = ""
    list_url = ""
    titles = ("", "")  # (登记…, 修改…)

    def get_object(self, queryset=None):
        return super().get_object(queryset) if "pk" in self.kwargs else None

    def save(self, form):
        record = {self.instance_kwarg: self.object} if self.object else {}
        return self.service(actor=self.request.user, **record, **form.cleaned_data)

    def get_saved_url(self, obj) -> str:
        return reverse(self.list_url)

    def get_context_data(self, **kwargs):
        title = self.titles[1] if self.object else self.titles[0]
        list_title = self.model._meta.verbose_name_plural
        return super().get_context_data(title=title, list_url=self.list_url, list_title=list_title, **kwargs)


# --- The live county view -------------------------------------------------------------------


class LiveView(LoginRequiredMixin, TemplateView):
    """转移实况: counts by status, township and zone kind, shelter occupancy, 633 completion."""

    template_name = "flood1833/live.html"

    def get_context_data(self, **kwargs):
        event = _event_from_query(self.request)
        return super().get_context_data(
            event=event,
            data=live.snapshot(event=event, user=self.request.user) if event else None,
            poll_seconds=settings.FLOOD_LIVE_POLL_SECONDS,
            **kwargs,
        )


class LiveDataView(LoginRequiredMixin, View):
    """The live view's figures as JSON, polled by static/js/flood-live.js."""

    def get(self, request):
        event = _event_from_query(request)
        if event is None:
            return JsonResponse({"event": None})
        return JsonResponse(live.snapshot(event=event, user=request.user))


# --- Events and the 633 matrix --------------------------------------------------------------


class EventListView(ScopedObjectMixin, FilterView):
    model = ResponseEvent
    filterset_class = EventFilterSet
    paginate_by = 50
    template_name = "flood1833/event_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("stage", "region")

    def get_context_data(self, **kwargs):
        can = services.can_command(self.request.user)
        return super().get_context_data(form=EventForm() if can else None, **kwargs)

    def post(self, request, *args, **kwargs):
        form = EventForm(request.POST)
        if not form.is_valid():
            report_form_errors(request, form)
            return redirect("flood1833:events")
        try:
            event = services.create_event(actor=request.user, **form.cleaned_data)
        except (PermissionDenied, ValidationError) as error:
            _report(request, error)
            return redirect("flood1833:events")
        return redirect(event)


class EventDetailView(ScopedObjectMixin, DetailView):
    """One event: its stage with buttons to change it, the 633 completion, the stage history."""

    model = ResponseEvent
    template_name = "flood1833/event_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("stage", "region")

    def get_context_data(self, **kwargs):
        event = self.object
        return super().get_context_data(
            stages=ResponseStage.objects.all(),
            can_command=services.can_command(self.request.user, event.region) and event.is_active,
            matrix=live.matrix_completion(event=event, user=self.request.user),
            transfers=live.transfer_counts(event=event, user=self.request.user),
            changes=event.changes.select_related("from_stage", "to_stage", "actor"),
            **kwargs,
        )


class EventStageView(ScopedObjectMixin, SingleObjectMixin, View):
    """The stage buttons on an event's page."""

    model = ResponseEvent

    def post(self, request, *args, **kwargs):
        event = self.get_object()
        form = StageForm(request.POST)
        if form.is_valid():
            try:
                services.change_stage(event=event, actor=request.user, **form.cleaned_data)
            except (Conflict, PermissionDenied, ValidationError) as error:
                _report(request, error)
            else:
                messages.success(request, _("响应阶段已调整。"))
        return redirect(event)


class EventEndView(ScopedObjectMixin, SingleObjectMixin, View):
    model = ResponseEvent

    def post(self, request, *args, **kwargs):
        event = self.get_object()
        try:
            services.end_event(event=event, actor=request.user)
        except (Conflict, PermissionDenied) as error:
            _report(request, error)
        return redirect(event)


class TaskListView(ScopedObjectMixin, FilterView):
    """“633”措施落实: a township's or village's checklist for the current stage."""

    model = MatrixTask
    filterset_class = MatrixTaskFilterSet
    paginate_by = 100
    template_name = "flood1833/task_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("stage", "level", "region", "done_by")

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        event = live.current_event(self.request.user)
        if not kwargs["data"] and event is not None:
            kwargs["data"] = {"event": event.pk, "stage": event.stage_id or ""}
        return kwargs


class TaskDoneView(ScopedObjectMixin, SingleObjectMixin, View):
    model = MatrixTask

    def post(self, request, *args, **kwargs):
        task = self.get_object()
        try:
            services.complete_task(task=task, actor=request.user, note=request.POST.get("note", "")[:200])
        except (Conflict, PermissionDenied) as error:
            _report(request, error)
        else:
            messages.success(request, _("已确认落实。"))
        return redirect(_local_next(request) or "flood1833:tasks")


# --- The field page for village cadres ------------------------------------------------------


class FieldView(LoginRequiredMixin, TemplateView):
    """村社转移确认: one tap per person, filtered and paged on the server. The buttons are plain
    form posts (FieldConfirmView); static/js/flood-field.js takes them over and queues taps made
    offline."""

    template_name = "flood1833/field.html"

    def get_context_data(self, **kwargs):
        event, user = _event_from_query(self.request), self.request.user
        transfers = Transfer.objects.none()
        if event is not None:
            transfers = Transfer.objects.visible_to(user).filter(event=event)
        filterset = FieldFilterSet(self.request.GET, queryset=transfers, request=self.request)
        # A choice outside the scope (another township's id) is invalid: it shows nobody, not everybody.
        found = filterset.qs if filterset.is_valid() else transfers.none()
        found = found.select_related("person", "village", "shelter")
        page = Paginator(found, FIELD_PAGE_SIZE).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            event=event,
            filter=filterset,
            page_obj=page,
            is_paginated=page.has_other_pages(),
            rows=_field_rows(self.request, page, event),
            **_field_areas(user, self.request.GET),
            request_id=uuid.uuid4(),
            statuses={key: str(label) for key, label in Transfer.Status.choices},
            shelters=Shelter.objects.visible_to(user).order_by("name"),
            chosen_shelter=self.request.GET.get("shelter", ""),
            can_confirm=services.can_confirm(user),
            **kwargs,
        )


def _field_rows(request, page, event) -> list[tuple]:
    """(transfer, its next statuses with labels, the refusal of the last tap on it, if any)."""
    labels = dict(Transfer.Status.choices)
    refusals = {m.extra_tags: m.message for m in messages.get_messages(request) if m.level == messages.ERROR}
    return [
        (t, [(s, labels[s]) for s in services.next_statuses(t, event)], refusals.get(f"transfer-{t.pk}")) for t in page
    ]


def _field_areas(user, query) -> dict:
    """Which area filters the field page offers: the township to the county, the village to anyone
    above a village (to the county once a township is chosen, so the list stays short)."""
    level = Region.Level.COUNTY if user.region is None else user.region.level
    county_wide = user.is_superuser or level <= Region.Level.COUNTY
    return {
        "show_townships": county_wide,
        "show_villages": level < Region.Level.VILLAGE and (not county_wide or query.get("township", "") != ""),
        "filtered": any(query.get(key) for key in FieldFilterSet.base_filters),
    }


class FieldConfirmView(ScopedObjectMixin, SingleObjectMixin, View):
    """A button of the field page without JavaScript: one confirmation, then back to the page."""

    model = Transfer

    def get_queryset(self):
        return super().get_queryset().select_related("person")

    def post(self, request, *args, **kwargs):
        transfer = self.get_object()
        form = FieldConfirmForm(request.POST, user=request.user)
        if not form.is_valid():
            _tell(request, transfer, messages.ERROR, " ".join(e for errors in form.errors.values() for e in errors))
            return redirect(_back_to_field(request, transfer))
        shelter = form.cleaned_data["shelter"]
        try:
            confirmed, replayed = services.confirm_transfer(
                transfer=transfer, actor=request.user, **form.confirmation(transfer)
            )
        except (Conflict, PermissionDenied, ValidationError) as error:
            _tell(request, transfer, messages.ERROR, _message(error))
        else:
            status = confirmed.get_status_display()
            done = (
                _("这次确认已经提交过,没有重复记录。") if replayed else _("已确认“%(status)s”。") % {"status": status}
            )
            _tell(request, transfer, messages.SUCCESS, done)
        return redirect(_back_to_field(request, transfer, shelter=shelter))


def _tell(request, transfer: Transfer, level: int, text: str) -> None:
    """A message naming the person, tagged so the field page also shows a refusal on their card."""
    text = _("%(name)s:%(text)s") % {"name": transfer.person.name, "text": text}
    messages.add_message(request, level, text, extra_tags=f"transfer-{transfer.pk}")


def _local_next(request) -> str:
    """The form's ``next`` if it is a path on this portal (never another site), else ""."""
    back = request.POST.get("next", "")
    local = back.startswith("/") and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
    return back if local else ""


def _back_to_field(request, transfer: Transfer, shelter: Shelter | None = None) -> str:
    """Post/redirect/get: back to the page, filters and page number as they were, at the person,
    with the shelter chosen for this tap still chosen for the next one (``?shelter=``)."""
    back = urlsplit((_local_next(request) or reverse("flood1833:field")).split("#")[0])
    if shelter is not None:
        query = [(key, value) for key, value in parse_qsl(back.query, keep_blank_values=True) if key != "shelter"]
        back = back._replace(query=urlencode([*query, ("shelter", shelter.pk)]))
    return f"{urlunsplit(back)}#transfer-{transfer.pk}"


# --- People, zones, shelters ----------------------------------------------------------------


class PersonListView(CanManageMixin, ScopedObjectMixin, FilterView):
    model = TransferPerson
    filterset_class = PersonFilterSet
    paginate_by = 50
    template_name = "flood1833/person_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("village", "zone", "responsible")

    def get_context_data(self, **kwargs):
        return super().get_context_data(show_id=services.can_see_id_numbers(self.request.user), **kwargs)


class PersonDetailView(CanManageMixin, ScopedObjectMixin, DetailView):
    model = TransferPerson
    template_name = "flood1833/person_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("village", "zone", "responsible")

    def get_context_data(self, **kwargs):
        transfers = self.object.transfers.select_related("event", "shelter").order_by("-event__started_at")
        return super().get_context_data(
            show_id=services.can_see_id_numbers(self.request.user), transfers=transfers, **kwargs
        )


class PersonFormView(RecordFormView):
    model = TransferPerson
    form_class = PersonForm
    service = staticmethod(services.save_person)
    instance_kwarg = "person"
    list_url = "flood1833:people"
    titles = (gettext_lazy("登记转移对象"), gettext_lazy("修改转移对象"))

    def get_saved_url(self, obj) -> str:
        return obj.get_absolute_url()


class ZoneListView(CanManageMixin, ScopedObjectMixin, FilterView):
    model = DangerZone
    filterset_class = ZoneFilterSet
    paginate_by = 100
    template_name = "flood1833/zone_list.html"

    def get_queryset(self):
        zones = super().get_queryset().select_related("village__parent").annotate(people_count=Count("people"))
        return zones.order_by("village__sort_order", "village_id", "name")


class ZoneFormView(RecordFormView):
    model = DangerZone
    form_class = ZoneForm
    service = staticmethod(services.save_zone)
    instance_kwarg = "zone"
    list_url = "flood1833:zones"
    titles = (gettext_lazy("登记危险区域"), gettext_lazy("修改危险区域"))


class ShelterListView(CanManageMixin, ScopedObjectMixin, FilterView):
    model = Shelter
    filterset_class = ShelterFilterSet
    paginate_by = 100
    template_name = "flood1833/shelter_list.html"

    def get_queryset(self):
        present = Count("transfers", filter=Q(transfers__status=Transfer.Status.SHELTERED))
        shelters = super().get_queryset().select_related("township", "village").annotate(present=present)
        return shelters.order_by("township__sort_order", "name")


class ShelterFormView(RecordFormView):
    model = Shelter
    form_class = ShelterForm
    service = staticmethod(services.save_shelter)
    instance_kwarg = "shelter"
    list_url = "flood1833:shelters"
    titles = (gettext_lazy("登记避灾安置场所"), gettext_lazy("修改避灾安置场所"))


class ShelterCheckInView(ScopedObjectMixin, DetailView):
    """避灾点入住登记: the head count against capacity, who is here now, and the moved people of the
    current event from the shelter's township who can check in. Each row's form carries a request
    id made when the page is drawn, so a form submitted twice is applied once."""

    model = Shelter
    template_name = "flood1833/shelter_checkin.html"

    def get_context_data(self, **kwargs):
        shelter, user = self.object, self.request.user
        event = live.current_event(user)
        transfers = Transfer.objects.visible_to(user).select_related("person", "village")
        here = transfers.sheltered_at(shelter)
        arriving = transfers.arriving_at(shelter, event) if event else transfers.none()
        if self.request.GET.get("name"):
            arriving = arriving.filter(person__name__icontains=self.request.GET["name"])
        return super().get_context_data(
            event=event,
            present=Transfer.objects.sheltered_at(shelter).count(),
            here=[(t, uuid.uuid4()) for t in here[:SHELTER_PAGE_SIZE]],
            arriving=[(t, uuid.uuid4()) for t in arriving[:SHELTER_PAGE_SIZE]],
            can_confirm=services.can_confirm(user),
            show_id=services.can_see_id_numbers(user),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        shelter = self.get_object()
        form = ShelterStayForm(request.POST)
        if form.is_valid():
            self.confirm(shelter, **form.cleaned_data)
        else:
            report_form_errors(request, form)
        return redirect("flood1833:shelter-checkin", pk=shelter.pk)

    def confirm(self, shelter: Shelter, *, transfer: int, status: str, request_id) -> None:
        """入住 anyone the user may see; 离开 only those checked in here."""
        transfers = Transfer.objects.visible_to(self.request.user).select_related("person")
        if status != Transfer.Status.SHELTERED:
            transfers = transfers.filter(shelter=shelter)
        transfer = get_object_or_404(transfers, pk=transfer)
        try:
            transfer, replayed = services.confirm_transfer(
                transfer=transfer, actor=self.request.user, status=status, request_id=str(request_id), shelter=shelter
            )
        except (Conflict, PermissionDenied, ValidationError) as error:
            _report(self.request, error)
        else:
            done = {"name": transfer.person.name, "status": transfer.get_status_display()}
            if replayed:
                messages.info(self.request, _("%(name)s的这次登记已办理过(%(status)s),未重复办理。") % done)
            else:
                messages.success(self.request, _("%(name)s:%(status)s。") % done)


IMPORTS = {
    "people": (importers.import_people, importers.PERSON_COLUMNS, gettext_lazy("转移对象名单"), "flood1833:people"),
    "zones": (importers.import_zones, importers.ZONE_COLUMNS, gettext_lazy("危险区域"), "flood1833:people"),
    "shelters": (
        importers.import_shelters,
        importers.SHELTER_COLUMNS,
        gettext_lazy("避灾安置场所"),
        "flood1833:shelters",
    ),
}


class ImportView(LedgerImportView):
    imports = IMPORTS
    form_class = ImportForm
    template_name = "flood1833/import.html"


class ImportTemplateView(LedgerTemplateView):
    imports = IMPORTS


# --- 1833: duty and roll calls --------------------------------------------------------------


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
        try:
            services.send_roll_call(actor=request.user, note=request.POST.get("note", "")[:200])
        except (PermissionDenied, ValidationError) as error:
            _report(request, error)
        else:
            messages.success(request, _("抽查已发出。"))
        return redirect("flood1833:rollcalls")


class RollCallAnswerView(ScopedObjectMixin, SingleObjectMixin, View):
    model = RollCallAnswer

    def post(self, request, *args, **kwargs):
        try:
            services.answer_roll_call(answer=self.get_object(), actor=request.user)
        except PermissionDenied as error:
            _report(request, error)
        else:
            messages.success(request, _("已签到。"))
        return redirect("flood1833:rollcalls")


class DutyShiftListView(CanManageMixin, ScopedObjectMixin, FilterView):
    """值班表: the 1833 command's duty roster; opens on the shifts still to come."""

    model = DutyShift
    filterset_class = DutyShiftFilterSet
    paginate_by = 100
    template_name = "flood1833/duty_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("region", "group", "officer").order_by("starts_at", "group__order")

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if not kwargs["data"]:
            kwargs["data"] = {"current": "true"}
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(now=timezone.now(), **kwargs)


class DutyShiftFormView(RecordFormView):
    model = DutyShift
    form_class = DutyShiftForm
    service = staticmethod(services.save_duty_shift)
    instance_kwarg = "shift"
    list_url = "flood1833:duty"
    titles = (gettext_lazy("排班"), gettext_lazy("修改值班安排"))

    def get_initial(self):
        return {} if self.object else {"region": self.request.user.region_id}


# --- Incident reports -----------------------------------------------------------------------


class IncidentListView(ScopedObjectMixin, FilterView):
    """The reports with their stored breaches, and the overdue notices still waiting for a report."""

    model = Incident
    filterset_class = IncidentFilterSet
    paginate_by = 50
    template_name = "flood1833/incident_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("township")

    def get_context_data(self, **kwargs):
        # A notice matters until the report it asks for is in.
        waiting = Q(clock=IncidentNotice.Clock.VERBAL, incident__verbal_reported_at__isnull=True) | Q(
            clock=IncidentNotice.Clock.SYSTEM, incident__system_reported_at__isnull=True
        )
        notices = IncidentNotice.objects.visible_to(self.request.user).filter(waiting, read_at__isnull=True)
        return super().get_context_data(
            notices=notices[:10],
            notice_count=notices.count(),
            form=IncidentForm(user=self.request.user) if services.can_command(self.request.user) else None,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = IncidentForm(request.POST, user=request.user)
        if not form.is_valid():
            report_form_errors(request, form)
            return redirect("flood1833:incidents")
        try:
            incident = services.save_incident(actor=request.user, **form.cleaned_data)
        except (PermissionDenied, ValidationError) as error:
            _report(request, error)
            return redirect("flood1833:incidents")
        return redirect(incident)


class IncidentDetailView(ScopedObjectMixin, DetailView):
    model = Incident
    template_name = "flood1833/incident_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("township")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            limits=sla.limits(),
            updates=self.object.updates.select_related("actor"),
            form=IncidentUpdateForm(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        incident = self.get_object()
        try:
            services.add_incident_update(incident=incident, actor=request.user, text=request.POST.get("text", ""))
        except (PermissionDenied, ValidationError) as error:
            _report(request, error)
        return redirect(incident)


# --- Material reserves and the map ----------------------------------------------------------


class DepotListView(CanManageMixin, ScopedObjectMixin, FilterView):
    model = Depot
    filterset_class = DepotFilterSet
    paginate_by = 50
    template_name = "flood1833/depot_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("region").prefetch_related("items")


class DepotFormView(RecordFormView):
    model = Depot
    form_class = DepotForm
    service = staticmethod(services.save_depot)
    instance_kwarg = "depot"
    list_url = "flood1833:depots"
    titles = (gettext_lazy("登记物资仓库"), gettext_lazy("修改物资仓库"))


class DepotItemFormView(RecordFormView):
    """储备物资; a new item's depot comes from ?depot=<id> (the depot's 添加物资 button)."""

    model = DepotItem
    form_class = DepotItemForm
    service = staticmethod(services.save_depot_item)
    instance_kwarg = "item"
    list_url = "flood1833:depots"
    titles = (gettext_lazy("添加储备物资"), gettext_lazy("修改储备物资"))

    def get_initial(self):
        return {} if self.object else {"depot": self.request.GET.get("depot")}


class MapView(LoginRequiredMixin, TemplateView):
    """指挥要素图: zones, shelters and depots on one map; tiles only if MAP_TILE_URL is set."""

    template_name = "flood1833/map.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            tile_url=settings.MAP_TILE_URL, data_url=reverse("flood1833:map-data"), **kwargs
        )


class MapDataView(LoginRequiredMixin, View):
    def get(self, request):
        user = request.user

        def points(queryset, kind, *fields, **renamed):
            located = queryset.exclude(lat__isnull=True).exclude(lng__isnull=True)
            rows = located.values("name", "lat", "lng", *fields, **renamed)
            # "kind" is the layer (zone, shelter, depot): a zone's own kind travels as zone_kind.
            return [{**row, "kind": kind, "lat": float(row["lat"]), "lng": float(row["lng"])} for row in rows]

        return JsonResponse(
            {
                "zones": points(DangerZone.objects.visible_to(user), "zone", zone_kind=F("kind")),
                "shelters": points(Shelter.objects.visible_to(user), "shelter", "capacity"),
                "depots": points(Depot.objects.visible_to(user), "depot"),
            }
        )
