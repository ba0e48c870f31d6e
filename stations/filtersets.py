"""One FilterSet per list, shared by the page and the API."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from org import choices
from org.filtersets import RegionFilter, TownshipFilter
from stations.models import EntrustedCase, Grid, LinkageAgreement, RescueTeam, Station, TeamEvaluation

village_choices = choices.for_request(choices.villages)


class StationFilterSet(django_filters.FilterSet):
    township = TownshipFilter(field_name="township")
    status = django_filters.ChoiceFilter(choices=Station.Status.choices, label=_("建设状态"))

    class Meta:
        model = Station
        fields = ["township", "status", "has_fire_team"]


class GridFilterSet(django_filters.FilterSet):
    township = TownshipFilter(field_name="village__parent")
    village = RegionFilter(queryset=village_choices, label=_("村(社区)"))
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("网格名称"))
    complete = django_filters.BooleanFilter(method="filter_complete", label=_("三项职责齐全"))

    class Meta:
        model = Grid
        fields = ["township", "village", "name", "complete"]

    def filter_complete(self, queryset, name, value):
        all_three = Q(covers_safety=True, covers_fire=True, covers_disaster=True)
        if value is None:
            return queryset
        return queryset.filter(all_three) if value else queryset.exclude(all_three)


class TeamFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=RescueTeam.Kind.choices, label=_("队伍类别"))
    region = RegionFilter(queryset=choices.for_request(choices.command_regions), label=_("所属区划"))
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("队伍名称"))
    evaluated = django_filters.BooleanFilter(method="filter_evaluated", label=_("测评有效"))

    class Meta:
        model = RescueTeam
        fields = ["kind", "region", "name", "evaluated"]

    def filter_evaluated(self, queryset, name, value):
        if value is None:
            return queryset
        valid = Exists(TeamEvaluation.objects.valid_on(timezone.localdate()).filter(team=OuterRef("pk")))
        return queryset.filter(valid) if value else queryset.exclude(valid)


class EntrustedCaseFilterSet(django_filters.FilterSet):
    township = TownshipFilter(field_name="township")
    decided_on = django_filters.DateFromToRangeFilter(label=_("立案日期"))

    class Meta:
        model = EntrustedCase
        fields = ["township", "decided_on", "entrusted"]


class LinkageFilterSet(django_filters.FilterSet):
    partner = django_filters.CharFilter(lookup_expr="icontains", label=_("合作地区"))

    class Meta:
        model = LinkageAgreement
        fields = ["partner"]
