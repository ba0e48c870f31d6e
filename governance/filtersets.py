"""One FilterSet per list, shared by the page and the API."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.models import Agency, Alliance, Committee, Interview, InterviewProposal, ServiceLog, SupervisionTask
from org.filtersets import TownshipFilter


class CommitteeFilterSet(django_filters.FilterSet):
    class Meta:
        model = Committee
        fields = ["kind", "parent", "region"]


class SupervisionTaskFilterSet(django_filters.FilterSet):
    township = TownshipFilter(field_name="township")
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("已逾期"))
    deadline = django_filters.DateFromToRangeFilter(label=_("办理期限"))
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("关键词"))

    class Meta:
        model = SupervisionTask
        fields = ["committee", "status", "assignee_kind", "department", "township", "overdue", "deadline", "meeting"]

    def filter_overdue(self, queryset, name, value):
        today = timezone.localdate()
        if value is None:
            return queryset
        if value:
            return queryset.overdue(on=today)
        return queryset.filter(Q(status=SupervisionTask.Status.DONE) | Q(deadline__gte=today))


class InterviewFilterSet(django_filters.FilterSet):
    township = TownshipFilter(field_name="township")
    held_on = django_filters.DateFromToRangeFilter(label=_("约谈日期"))

    class Meta:
        model = Interview
        fields = ["level", "unit_kind", "reason", "status", "township", "department", "held_on"]


class ProposalFilterSet(django_filters.FilterSet):
    class Meta:
        model = InterviewProposal
        fields = ["period", "status", "unit_kind", "reason"]


class AllianceFilterSet(django_filters.FilterSet):
    township = TownshipFilter(field_name="township")
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("联盟名称"))

    class Meta:
        model = Alliance
        fields = ["kind", "township", "industry", "name"]


class AgencyFilterSet(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("机构名称"))

    class Meta:
        model = Agency
        fields = ["status", "category", "name", "credit_code"]


class ServiceLogFilterSet(django_filters.FilterSet):
    served_on = django_filters.DateFromToRangeFilter(label=_("服务日期"))
    township = TownshipFilter(field_name="enterprise__township")

    class Meta:
        model = ServiceLog
        fields = ["agency", "enterprise", "served_on", "township"]
