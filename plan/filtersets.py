import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plan.models import Target


class TargetFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="plan__year", label=_("年度"))
    part = django_filters.CharFilter(method="filter_part", label=_("重点/行动/机制编号"))
    code = django_filters.CharFilter(lookup_expr="istartswith", label=_("编号"))

    class Meta:
        model = Target
        fields = ["year", "kind", "owner_app", "part", "code"]

    def filter_part(self, queryset, name, value):
        code = value.upper()
        return queryset.filter(Q(focus__code=code) | Q(action__code=code) | Q(mechanism__code=code))
