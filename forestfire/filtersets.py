"""One FilterSet per list, shared by the page and the API."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forestfire.models import FireSourceCheck, ForestFire, ForestRisk, Hotspot
from org import choices
from org.filtersets import YearFilter

_townships = choices.for_request(choices.townships)


class HotspotFilterSet(django_filters.FilterSet):
    township = django_filters.ModelChoiceFilter(queryset=_townships, label=_("乡镇"))
    status = django_filters.ChoiceFilter(
        label=_("状态"),
        choices=[("open", _("待核查")), ("verified", _("已核查")), ("breached", _("超时"))],
        method="filter_status",
    )
    received_after = django_filters.DateFilter(field_name="received_at", lookup_expr="date__gte", label=_("接收日期起"))
    received_before = django_filters.DateFilter(
        field_name="received_at", lookup_expr="date__lte", label=_("接收日期止")
    )

    class Meta:
        model = Hotspot
        fields = ["township", "status", "result", "received_after", "received_before"]

    def filter_status(self, queryset, name, value):
        return {"open": queryset.open(), "verified": queryset.verified(), "breached": queryset.breached()}[value]


class ForestFireFilterSet(django_filters.FilterSet):
    township = django_filters.ModelChoiceFilter(queryset=_townships, label=_("乡镇"))
    year = YearFilter(field_name="reported_at", label=_("年份"))

    class Meta:
        model = ForestFire
        fields = ["township", "year"]


class FireSourceCheckFilterSet(django_filters.FilterSet):
    township = django_filters.ModelChoiceFilter(queryset=_townships, label=_("乡镇"))
    checked_after = django_filters.DateFilter(field_name="checked_on", lookup_expr="gte", label=_("检查日期起"))
    checked_before = django_filters.DateFilter(field_name="checked_on", lookup_expr="lte", label=_("检查日期止"))

    class Meta:
        model = FireSourceCheck
        fields = ["township", "kind", "checked_after", "checked_before"]


class ForestRiskFilterSet(django_filters.FilterSet):
    township = django_filters.ModelChoiceFilter(queryset=_townships, label=_("乡镇"))
    overdue = django_filters.BooleanFilter(label=_("已逾期"), method="filter_overdue")
    done = django_filters.BooleanFilter(field_name="done_on", lookup_expr="isnull", exclude=True, label=_("已整改"))

    class Meta:
        model = ForestRisk
        fields = ["township", "overdue", "done"]

    def filter_overdue(self, queryset, name, value):
        overdue = queryset.overdue(on=timezone.localdate())
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))
