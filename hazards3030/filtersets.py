"""One FilterSet per list, shared by the page and the API."""

import django_filters
from django.db.models import Q
from django.forms import HiddenInput
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hazards3030.models import OPEN_STATUSES, Accident, Hazard, Tip
from org.filtersets import TownshipFilter


class EnterpriseFilters(django_filters.FilterSet):
    """检查对象 on a hazard list: a clerk looks a unit up by its name; the id stays for API clients
    and for links from the register (hidden on the page, kept across its filters and pages)."""

    enterprise = django_filters.NumberFilter(field_name="enterprise_id", label=_("检查对象ID"), widget=HiddenInput)
    enterprise_name = django_filters.CharFilter(
        field_name="enterprise__name", lookup_expr="icontains", label=_("检查对象")
    )


class HazardFilterSet(EnterpriseFilters):
    township = TownshipFilter(field_name="township")
    status = django_filters.MultipleChoiceFilter(choices=Hazard.Status.choices, label=_("状态"), distinct=False)
    level = django_filters.ChoiceFilter(choices=Hazard.Level.choices, label=_("隐患等级"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("已逾期"))
    found_on = django_filters.DateFromToRangeFilter(label=_("发现日期"))
    q = django_filters.CharFilter(field_name="description", lookup_expr="icontains", label=_("关键词"))

    class Meta:
        model = Hazard
        fields = [
            "township",
            "status",
            "level",
            "overdue",
            "found_on",
            "enterprise",
            "enterprise_name",
            "source",
            "category",
        ]

    def filter_queryset(self, queryset):
        """The rows in the order the list shows them, each shape walking an index of its own
        (hazards3030.models.Hazard.Meta.indexes): what is still open by deadline, most urgent
        first; anything else newest first (the ledger's order)."""
        rows = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        statuses = set(data.get("status") or ())
        if data.get("overdue") or (statuses and statuses <= set(OPEN_STATUSES)):
            return rows.order_by("deadline", "id")
        return rows.order_by("-found_on", "-id")

    def filter_overdue(self, queryset, name, value):
        today = timezone.localdate()
        if value is None:
            return queryset
        if value:
            return queryset.overdue(on=today)
        return queryset.filter(Q(status=Hazard.Status.CLOSED) | Q(deadline__gte=today))


class AccidentFilterSet(django_filters.FilterSet):
    township = TownshipFilter(field_name="township")
    occurred_on = django_filters.DateFromToRangeFilter(label=_("发生日期"))

    class Meta:
        model = Accident
        fields = ["township", "occurred_on", "level", "industry", "spot_checked"]


class TipFilterSet(django_filters.FilterSet):
    """码上报 queue: 待核实 first by default (the page), any status by choice."""

    township = TownshipFilter(field_name="township")
    status = django_filters.ChoiceFilter(choices=Tip.Status.choices, label=_("状态"))
    received_at = django_filters.DateFromToRangeFilter(field_name="received_at__date", label=_("举报日期"))

    class Meta:
        model = Tip
        fields = ["township", "status", "received_at"]


class RewardFilterSet(EnterpriseFilters):
    """内部报告奖励 register: internal-report hazards by township, enterprise and year."""

    township = TownshipFilter(field_name="township")
    year = django_filters.NumberFilter(field_name="found_on__year", label=_("年度"), min_value=2000, max_value=2100)
    rewarded = django_filters.BooleanFilter(
        field_name="reward", lookup_expr="isnull", exclude=True, label=_("已登记奖励")
    )

    class Meta:
        model = Hazard
        fields = ["township", "enterprise", "enterprise_name", "year", "rewarded"]
