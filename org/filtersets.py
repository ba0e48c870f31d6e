import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from org import choices
from org.models import Enterprise, InboxItem, Region


class RegionFilterSet(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("名称"))
    parent = django_filters.NumberFilter(field_name="parent_id", label=_("上级ID"))

    class Meta:
        model = Region
        fields = ["level", "code", "parent", "is_demo"]


township_choices = choices.for_request(choices.townships)


class RegionChoiceField(forms.ModelChoiceField):
    """A region by its id (as /api/v1/regions/ answers), its division code or its name."""

    def to_python(self, value):
        text = str(value).strip() if value is not None else ""
        if text in self.empty_values or "\x00" in text:
            return super().to_python(None if not text else "\x00")
        if not (text.isascii() and text.isdigit()):
            matches = list(self.queryset.filter(name=text)[:2])
            if len(matches) == 1:
                return matches[0]
        elif len(text) > 9:  # division codes are 12 digits; ids are short
            region = self.queryset.filter(code=text).first()
            if region is not None:
                return region
        return super().to_python(text)


class RegionFilter(django_filters.ModelChoiceFilter):
    """A region among those the user may see, by id, division code or name."""

    field_class = RegionChoiceField


class YearFilter(django_filters.NumberFilter):
    """?year=2024 on a date field: a whole year from 2000 to 2100 (a plain 400 otherwise)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("lookup_expr", "year")
        kwargs.setdefault("min_value", 2000)
        kwargs.setdefault("max_value", 2100)
        super().__init__(*args, **kwargs)


class TownshipFilter(RegionFilter):
    """A township among those the user may see, by id, division code or name."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", township_choices)
        kwargs.setdefault("label", _("乡镇"))
        kwargs.setdefault("empty_label", _("全部乡镇"))
        super().__init__(*args, **kwargs)


class EnterpriseFilterSet(django_filters.FilterSet):
    township = TownshipFilter(field_name="township")
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("单位名称"))

    class Meta:
        model = Enterprise
        fields = ["township", "name", "credit_code", "industry", "risk_level", "supervised", "uses_hazardous_chemicals"]


class InboxFilterSet(django_filters.FilterSet):
    """站内通知: 未读 or all, and by kind; the page and the API alike."""

    UNREAD, READ = "unread", "read"

    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=[(UNREAD, _("未读")), (READ, _("已读"))], empty_label=_("全部"), method="by_status"
    )
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=InboxItem.Kind.choices, empty_label=_("全部类型"))

    class Meta:
        model = InboxItem
        fields = ["status", "kind"]

    def by_status(self, queryset, name, value):
        return queryset.filter(read_at__isnull=value == self.UNREAD)
