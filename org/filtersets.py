import django_filters
from django.utils.translation import gettext_lazy as _

from org.models import Region


class RegionFilterSet(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("名称"))
    parent = django_filters.NumberFilter(field_name="parent_id", label=_("上级ID"))

    class Meta:
        model = Region
        fields = ["level", "code", "parent", "is_demo"]
