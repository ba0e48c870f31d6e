"""One FilterSet per list, shared by the page and the API."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from flood1833.models import (
    DangerZone,
    Depot,
    DutyShift,
    Incident,
    MatrixTask,
    ResponseEvent,
    Shelter,
    Transfer,
    TransferPerson,
    ZoneKind,
)
from org import choices
from org.filtersets import RegionFilter

_townships = choices.for_request(choices.townships)
_villages = choices.for_request(choices.villages)
_command_regions = choices.for_request(choices.command_regions)


def _events(request):
    return ResponseEvent.objects.none() if request is None else ResponseEvent.objects.visible_to(request.user)


class EventFilterSet(django_filters.FilterSet):
    active = django_filters.BooleanFilter(field_name="ended_at", lookup_expr="isnull", label=_("进行中"))

    class Meta:
        model = ResponseEvent
        fields = ["kind", "active"]


class MatrixTaskFilterSet(django_filters.FilterSet):
    event = django_filters.ModelChoiceFilter(queryset=_events, label=_("过程"))
    township = RegionFilter(queryset=_townships, label=_("乡镇"))
    done = django_filters.BooleanFilter(field_name="done_at", lookup_expr="isnull", exclude=True, label=_("已落实"))

    class Meta:
        model = MatrixTask
        fields = ["event", "stage", "level", "township", "done"]


class PersonFilterSet(django_filters.FilterSet):
    village = RegionFilter(queryset=_villages, label=_("村(社区)"))
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("姓名"))
    zone_kind = django_filters.ChoiceFilter(field_name="zone__kind", choices=ZoneKind.choices, label=_("区域类别"))

    class Meta:
        model = TransferPerson
        fields = ["village", "name", "zone_kind"]


class ZoneFilterSet(django_filters.FilterSet):
    village = RegionFilter(queryset=_villages, label=_("村(社区)"))

    class Meta:
        model = DangerZone
        fields = ["village", "kind"]


class ShelterFilterSet(django_filters.FilterSet):
    township = RegionFilter(queryset=_townships, label=_("乡镇"))

    class Meta:
        model = Shelter
        fields = ["township"]


class TransferFilterSet(django_filters.FilterSet):
    event = django_filters.ModelChoiceFilter(queryset=_events, label=_("过程"))
    township = RegionFilter(queryset=_townships, label=_("乡镇"))
    village = RegionFilter(queryset=_villages, label=_("村(社区)"))
    status = django_filters.MultipleChoiceFilter(choices=Transfer.Status.choices, label=_("状态"), distinct=False)

    class Meta:
        model = Transfer
        fields = ["event", "township", "village", "status", "zone_kind"]


class DutyShiftFilterSet(django_filters.FilterSet):
    region = RegionFilter(queryset=_command_regions, label=_("指挥部所在区划"))
    current = django_filters.BooleanFilter(method="filter_current", label=_("当前及以后"))

    class Meta:
        model = DutyShift
        fields = ["region", "group", "current"]

    def filter_current(self, queryset, name, value):
        now = timezone.now()
        return queryset.filter(ends_at__gt=now) if value else queryset.filter(ends_at__lte=now)


def _villages_of_chosen_township(request):
    villages = _villages(request)
    chosen = request.GET.get("township", "") if request is not None else ""
    return villages.filter(parent_id=chosen) if chosen.isascii() and chosen.isdigit() else villages


class FieldFilterSet(django_filters.FilterSet):
    """村社转移确认, sized for a phone: a name, one status (or everyone not yet moved) and, for
    township and county users, the township and the village (choices: the chosen township's)."""

    TO_MOVE = "to_move"

    name = django_filters.CharFilter(
        field_name="person__name",
        lookup_expr="icontains",
        label=_("姓名"),
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("输入姓名查找")}),
    )
    status = django_filters.ChoiceFilter(
        choices=[(TO_MOVE, _("尚未转移(待转移、已通知)")), *Transfer.Status.choices],
        method="filter_status",
        label=_("状态"),
        empty_label=_("全部"),
    )
    township = RegionFilter(queryset=_townships, label=_("乡镇"), empty_label=_("全部"))
    village = RegionFilter(queryset=_villages_of_chosen_township, label=_("村(社区)"), empty_label=_("全部"))

    class Meta:
        model = Transfer
        fields = ["name", "status", "township", "village"]

    def filter_status(self, queryset, name, value):
        if value == self.TO_MOVE:
            return queryset.filter(status__in=[Transfer.Status.PENDING, Transfer.Status.NOTIFIED])
        return queryset.filter(status=value)


class IncidentFilterSet(django_filters.FilterSet):
    township = RegionFilter(queryset=_townships, label=_("乡镇"))

    class Meta:
        model = Incident
        fields = ["township", "level", "event"]


class DepotFilterSet(django_filters.FilterSet):
    class Meta:
        model = Depot
        fields = ["kind"]
