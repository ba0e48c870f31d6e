"""村社转移确认: the village cadre's page, one tap per person, usable without JavaScript."""

import uuid
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View
from django.views.generic.detail import SingleObjectMixin

from flood1833 import services
from flood1833.filtersets import FieldFilterSet
from flood1833.forms import FieldConfirmForm
from flood1833.models import Shelter, Transfer
from flood1833.views.common import event_from_query
from flood1833.views.events import local_next
from org.errors import SERVICE_ERRORS, error_message
from org.models import Region
from org.views import ScopedObjectMixin

FIELD_PAGE_SIZE = 100


class FieldView(LoginRequiredMixin, TemplateView):
    """村社转移确认: one tap per person, filtered and paged on the server. The buttons are plain
    form posts (FieldConfirmView); static/js/flood-field.js takes them over and queues taps made
    offline."""

    template_name = "flood1833/field.html"

    def get_context_data(self, **kwargs):
        event, user = event_from_query(self.request), self.request.user
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
