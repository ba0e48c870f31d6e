"""One FilterSet per list, shared by the page and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from campaigns.models import Activity, ActivityKind, FiveInto, PublicPlace, Resource, ServiceTeamMember, Site, Video
from org import choices
from org.filtersets import RegionFilter, TownshipFilter, YearFilter

region_choices = choices.for_request(choices.command_regions)


class ActivityFilterSet(django_filters.FilterSet):
    township = TownshipFilter(field_name="township")
    category = django_filters.ChoiceFilter(choices=FiveInto.choices, label=_("“五进”类别"))
    kind = django_filters.ModelChoiceFilter(queryset=ActivityKind.objects.all(), label=_("活动形式"))
    year = YearFilter(field_name="held_on", label=_("年度"))
    held_on = django_filters.DateFromToRangeFilter(label=_("活动日期"))
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("关键词"))

    class Meta:
        model = Activity
        fields = ["township", "category", "kind", "year", "held_on", "q"]


class VideoFilterSet(django_filters.FilterSet):
    region = RegionFilter(queryset=region_choices, label=_("所属区划"))
    published = django_filters.BooleanFilter(label=_("已发布"))
    year = YearFilter(field_name="made_on", label=_("制作年度"))
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("关键词"))

    class Meta:
        model = Video
        fields = ["region", "published", "year", "q"]


class PlaceFilterSet(django_filters.FilterSet):
    township = TownshipFilter(field_name="township")
    kind = django_filters.ChoiceFilter(choices=PublicPlace.Kind.choices, label=_("场所类型"))
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("名称"))

    class Meta:
        model = PublicPlace
        fields = ["township", "kind", "q"]


class ResourceFilterSet(django_filters.FilterSet):
    region = RegionFilter(queryset=region_choices, label=_("所属区划"))
    kind = django_filters.ChoiceFilter(choices=Resource.Kind.choices, label=_("类型"))
    published = django_filters.BooleanFilter(label=_("已发布"))
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("关键词"))

    class Meta:
        model = Resource
        fields = ["region", "kind", "published", "q"]


class MemberFilterSet(django_filters.FilterSet):
    township = TownshipFilter(field_name="township")
    q = django_filters.CharFilter(field_name="skills", lookup_expr="icontains", label=_("专长"))

    class Meta:
        model = ServiceTeamMember
        fields = ["township", "active", "q"]


class SiteFilterSet(django_filters.FilterSet):
    township = TownshipFilter(field_name="township")
    kind = django_filters.ChoiceFilter(choices=Site.Kind.choices, label=_("类型"))

    class Meta:
        model = Site
        fields = ["township", "kind"]
