import django_filters
from django.utils.translation import gettext_lazy as _

from org import choices
from org.models import Enterprise, Region


class RegionFilterSet(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("名称"))
    parent = django_filters.NumberFilter(field_name="parent_id", label=_("上级ID"))

    class Meta:
        model = Region
        fields = ["level", "code", "parent", "is_demo"]


township_choices = choices.for_request(choices.townships)


class TownshipFilter(django_filters.ModelChoiceFilter):
    """A township (by id) among those the user may see."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", township_choices)
        kwargs.setdefault("label", _("乡镇"))
        super().__init__(*args, **kwargs)


class EnterpriseFilterSet(django_filters.FilterSet):
    township = TownshipFilter(field_name="township")
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("单位名称"))

    class Meta:
        model = Enterprise
        fields = ["township", "name", "credit_code", "industry", "risk_level", "supervised", "uses_hazardous_chemicals"]
