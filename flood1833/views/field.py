"""村社转移确认: the village cadre's page, one tap per person, usable without JavaScript."""

import uuid
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View
from django.views.generic.detail import SingleObjectMixin

from flood1833 import live, services
from flood1833.filtersets import FieldFilterSet
from flood1833.forms import FieldConfirmForm, FieldCorrectForm
from flood1833.models import Shelter, Transfer
from flood1833.views.common import event_from_query
from flood1833.views.events import local_next
from org.errors import SERVICE_ERRORS, error_message
from org.models import Region
from org.views import ScopedObjectMixin

# The first page a phone loads on a slow line: 50 cards stay within 30 KB compressed.
FIELD_PAGE_SIZE = 50
# The buttons every card shows, always in these places (a status not possible now is disabled,
# never hidden, so nothing moves under a finger).
CARD_STATUSES = [
    Transfer.Status.NOTIFIED,
    Transfer.Status.MOVED,
    Transfer.Status.WITH_RELATIVES,
    Transfer.Status.SHELTERED,
]


class FieldView(LoginRequiredMixin, TemplateView):
    """村社转移确认: one card per person, filtered and paged on the server. The buttons are plain
    form posts (FieldConfirmView, FieldCorrectView); static/js/flood-field.js takes them over,
    queues taps, sends the queue as one batch, and asks the server for the list alone
    (``?fragment=list``) when a filter changes. static/js/flood-field-sw.js keeps the page for
    when the phone is offline."""

    template_name = "flood1833/field.html"

    def get_template_names(self):
        if self.request.GET.get("fragment") == "list":
            return ["flood1833/field_list.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        event, user = event_from_query(self.request), self.request.user
        transfers = Transfer.objects.none()
        if event is not None:
            transfers = Transfer.objects.visible_to(user).filter(event=event)
        filterset = FieldFilterSet(self.request.GET, queryset=transfers, request=self.request)
        # A choice outside the scope (another township's id) is invalid: it shows nobody, not everybody.
        found = filterset.qs if filterset.is_valid() else transfers.none()
        found = found.select_related("person__zone", "village", "shelter")
        page = Paginator(found, FIELD_PAGE_SIZE).get_page(self.request.GET.get("page"))
        chosen = self.request.GET.get("shelter", "")
        shelters = list(
            Shelter.objects.visible_to(user).order_by("name").values("pk", "name", "township_id", "village_id")
        )
        return super().get_context_data(
            event=event,
            filter=filterset,
            page_obj=page,
            is_paginated=page.has_other_pages(),
            rows=_field_rows(self.request, page, event, shelters, chosen) if event else [],
            progress=live.transfer_progress(event=event, user=user) if event else None,
            **_field_areas(user, self.request.GET),
            request_id=uuid.uuid4(),
            statuses={key: str(label) for key, label in Transfer.Status.choices},
            chosen_shelter=chosen,
            can_confirm=services.can_confirm(user),
            undo_minutes=settings.FLOOD_UNDO_MINUTES,
            **kwargs,
        )


def _field_rows(request, page, event, shelters: list[dict], chosen: str) -> list[dict]:
    """Each card: the transfer, its buttons (status, label, possible now), the refusal of the last
    tap on it if any, the shelters of its township and the one chosen for it."""
    labels = dict(Transfer.Status.choices)
    refusals = {m.extra_tags: m.message for m in messages.get_messages(request) if m.level == messages.ERROR}
    shown = CARD_STATUSES + ([Transfer.Status.RETURNED] if event.allows_return else [])
    rows = []
    for transfer in page:
        possible = set(services.next_statuses(transfer, event))
        own = [shelter for shelter in shelters if shelter["township_id"] == transfer.township_id]
        rows.append(
            {
                "transfer": transfer,
                "person": transfer.person,
                "buttons": [(status, labels[status], status in possible) for status in shown],
                "refusal": refusals.get(f"transfer-{transfer.pk}"),
                "shelters": own,
                "shelter": _default_shelter(transfer, own, chosen),
                "done": transfer.status in services.SAFE_STATUSES,
            }
        )
    return rows


def _default_shelter(transfer: Transfer, shelters: list[dict], chosen: str) -> int | None:
    """Where this person goes unless the cadre picks another: where they are, their zone's shelter,
    their village's, else the shelter last used on this page (``?shelter=``)."""
    ids = {shelter["pk"] for shelter in shelters}
    zone = transfer.person.zone
    for candidate in (
        transfer.shelter_id,
        zone.shelter_id if zone else None,
        next((s["pk"] for s in shelters if s["village_id"] == transfer.village_id), None),
        int(chosen) if chosen.isascii() and chosen.isdigit() else None,
    ):
        if candidate in ids:
            return candidate
    return None


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
        data = request.POST.copy()
        # Each card has its own shelter choice (shelter-<id>); a plain ``shelter`` is accepted too.
        data["shelter"] = request.POST.get(f"shelter-{transfer.pk}") or request.POST.get("shelter", "")
        form = FieldConfirmForm(data, user=request.user)
        if not form.is_valid():
            _tell(request, transfer, messages.ERROR, " ".join(e for errors in form.errors.values() for e in errors))
            return redirect(_back_to_field(request, transfer))
        shelter = form.cleaned_data["shelter"]
        try:
            confirmed, replayed = services.confirm_transfer(
                transfer=transfer, actor=request.user, **form.confirmation(transfer)
            )
        except SERVICE_ERRORS as error:
            # The refusal goes on the person's card, not only at the top of the page.
            _tell(request, transfer, messages.ERROR, error_message(error))
        else:
            status = confirmed.get_status_display()
            done = (
                _("这次确认已经提交过,没有重复记录。") if replayed else _("已确认“%(status)s”。") % {"status": status}
            )
            _tell(request, transfer, messages.SUCCESS, done)
        return redirect(_back_to_field(request, transfer, shelter=shelter))


class FieldCorrectView(ScopedObjectMixin, SingleObjectMixin, View):
    """撤销 without JavaScript: takes back the last step (services.correct_transfer), then back."""

    model = Transfer

    def get_queryset(self):
        return super().get_queryset().select_related("person")

    def post(self, request, *args, **kwargs):
        transfer = self.get_object()
        form = FieldCorrectForm(request.POST)
        if not form.is_valid():
            _tell(request, transfer, messages.ERROR, " ".join(e for errors in form.errors.values() for e in errors))
            return redirect(_back_to_field(request, transfer))
        try:
            corrected, replayed = services.correct_transfer(
                transfer=transfer, actor=request.user, **form.correction(transfer)
            )
        except SERVICE_ERRORS as error:
            _tell(request, transfer, messages.ERROR, error_message(error))
        else:
            done = _("已撤销,现为“%(status)s”。") % {"status": corrected.get_status_display()}
            _tell(request, transfer, messages.SUCCESS, _("这次撤销已经提交过,没有重复记录。") if replayed else done)
        return redirect(_back_to_field(request, transfer))


def _tell(request, transfer: Transfer, level: int, text: str) -> None:
    """A message naming the person, tagged so the field page also shows a refusal on their card."""
    text = _("%(name)s:%(text)s") % {"name": transfer.person.name, "text": text}
    messages.add_message(request, level, text, extra_tags=f"transfer-{transfer.pk}")


def _back_to_field(request, transfer: Transfer, shelter: Shelter | None = None) -> str:
    """Post/redirect/get: back to the page, filters and page number as they were, at the person,
    with the shelter chosen for this tap still chosen for the next one (``?shelter=``)."""
    back = urlsplit((local_next(request) or reverse("flood1833:field")).split("#")[0])
    if shelter is not None:
        query = [(key, value) for key, value in parse_qsl(back.query, keep_blank_values=True) if key != "shelter"]
        back = back._replace(query=urlencode([*query, ("shelter", shelter.pk)]))
    return f"{urlunsplit(back)}#transfer-{transfer.pk}"


class FieldServiceWorkerView(TemplateView):
    """The field page's service worker (templates/flood1833/field_sw.js): it keeps the page, the
    last list and their scripts for when the phone is offline. Public like any script; it holds
    no data, only the addresses of the page's static files."""

    template_name = "flood1833/field_sw.js"
    content_type = "application/javascript; charset=utf-8"

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response["Cache-Control"] = "no-cache"
        response["Service-Worker-Allowed"] = reverse("flood1833:field")
        return response
