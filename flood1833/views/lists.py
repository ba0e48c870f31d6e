"""The lists a township keeps: 转移对象, 危险区域, 避灾安置场所 with check-in, and their imports."""

import uuid

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView
from django_filters.views import FilterView

from flood1833 import importers, live, services
from flood1833.filtersets import PersonFilterSet, ShelterFilterSet, ZoneFilterSet
from flood1833.forms import PersonForm, ShelterForm, ShelterStayForm, ZoneForm
from flood1833.models import DangerZone, Shelter, Transfer, TransferPerson
from flood1833.views.common import ListKeeperButtons, ListRecordFormView
from org.errors import SERVICE_ERRORS, error_message
from org.spreadsheets import Column
from org.views import (
    Ledger,
    LedgerImportView,
    LedgerTemplateView,
    ListExportMixin,
    ScopedObjectMixin,
    report_form_errors,
)

SHELTER_PAGE_SIZE = 300


class PersonListView(ListKeeperButtons, ListExportMixin, ScopedObjectMixin, FilterView):
    model = TransferPerson
    filterset_class = PersonFilterSet
    paginate_by = 50
    template_name = "flood1833/person_list.html"
    export_columns = [
        Column(gettext_lazy("姓名"), 10),
        Column(gettext_lazy("身份证号"), 20),
        Column(gettext_lazy("联系电话"), 14),
        Column(gettext_lazy("乡镇"), 10),
        Column(gettext_lazy("村(社区)"), 14),
        Column(gettext_lazy("危险区域"), 20),
        Column(gettext_lazy("特殊群体"), 12),
        Column(gettext_lazy("转移责任人"), 12),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("village__parent", "zone", "responsible")

    def get_context_data(self, **kwargs):
        return super().get_context_data(show_id=services.can_see_id_numbers(self.request.user), **kwargs)

    def export_row(self, person: TransferPerson) -> tuple:
        whole = services.can_see_id_numbers(self.request.user)
        responsible = person.responsible
        return (
            person.name,
            person.id_number if whole else person.masked_id_number,
            person.phone,
            person.village.parent.name,
            person.village.name,
            person.zone.name if person.zone else "",
            "、".join(person.vulnerable_labels),
            (responsible.get_full_name() or responsible.username) if responsible else "",
        )


class PersonDetailView(ListKeeperButtons, ScopedObjectMixin, DetailView):
    model = TransferPerson
    template_name = "flood1833/person_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("village", "zone", "responsible")

    def get_context_data(self, **kwargs):
        transfers = self.object.transfers.select_related("event", "shelter").order_by("-event__started_at")
        return super().get_context_data(
            show_id=services.can_see_id_numbers(self.request.user), transfers=transfers, **kwargs
        )


class PersonFormView(ListRecordFormView):
    model = TransferPerson
    form_class = PersonForm
    service = staticmethod(services.save_person)
    instance_kwarg = "person"
    list_url = "flood1833:people"
    titles = (gettext_lazy("登记转移对象"), gettext_lazy("修改转移对象"))

    def get_saved_url(self, obj) -> str:
        return obj.get_absolute_url()


class ZoneListView(ListKeeperButtons, ScopedObjectMixin, FilterView):
    model = DangerZone
    filterset_class = ZoneFilterSet
    paginate_by = 100
    template_name = "flood1833/zone_list.html"

    def get_queryset(self):
        zones = super().get_queryset().select_related("village__parent").annotate(people_count=Count("people"))
        return zones.order_by("village__sort_order", "village_id", "name")


class ZoneFormView(ListRecordFormView):
    model = DangerZone
    form_class = ZoneForm
    service = staticmethod(services.save_zone)
    instance_kwarg = "zone"
    list_url = "flood1833:zones"
    titles = (gettext_lazy("登记危险区域"), gettext_lazy("修改危险区域"))


class ShelterListView(ListKeeperButtons, ScopedObjectMixin, FilterView):
    model = Shelter
    filterset_class = ShelterFilterSet
    paginate_by = 100
    template_name = "flood1833/shelter_list.html"

    def get_queryset(self):
        present = Count("transfers", filter=Q(transfers__status=Transfer.Status.SHELTERED))
        shelters = super().get_queryset().select_related("township", "village").annotate(present=present)
        return shelters.order_by("township__sort_order", "name")


class ShelterFormView(ListRecordFormView):
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
        except SERVICE_ERRORS as error:
            messages.error(self.request, error_message(error))
            return
        done = {"name": transfer.person.name, "status": transfer.get_status_display()}
        if replayed:
            messages.info(self.request, _("%(name)s的这次登记已办理过(%(status)s),未重复办理。") % done)
        else:
            messages.success(self.request, _("%(name)s:%(status)s。") % done)


IMPORTS = {
    "people": Ledger(
        importers.import_people,
        importers.PERSON_COLUMNS,
        gettext_lazy("转移对象名单"),
        "flood1833:people",
        "flood1833:import-people-template",
    ),
    "zones": Ledger(
        importers.import_zones,
        importers.ZONE_COLUMNS,
        gettext_lazy("危险区域"),
        "flood1833:people",
        "flood1833:import-zones-template",
    ),
    "shelters": Ledger(
        importers.import_shelters,
        importers.SHELTER_COLUMNS,
        gettext_lazy("避灾安置场所"),
        "flood1833:shelters",
        "flood1833:import-shelters-template",
    ),
}


class ImportView(LedgerImportView):
    imports = IMPORTS


class ImportTemplateView(LedgerTemplateView):
    imports = IMPORTS
