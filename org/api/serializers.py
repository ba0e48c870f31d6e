from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from org import choices
from org.models import Enterprise, Region


class RegionSerializer(serializers.ModelSerializer):
    level_display = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = Region
        fields = ["id", "name", "level", "level_display", "code", "parent", "is_demo"]
        read_only_fields = fields


class RegionRelatedField(serializers.PrimaryKeyRelatedField):
    """A region (county, township or village) written as the id /api/v1/regions/ answers, its
    division code or its name, among the regions the field offers (the caller's scope); read back
    as its id, next to a ``…_name`` field with its name."""

    default_error_messages = {
        "unknown": _("找不到区划“{value}”,或不在您的辖区内。"),
        "ambiguous": _("名称“{value}”对应多个区划,请改用区划ID或区划代码。"),
        "incorrect_type": _("请填写区划ID、区划代码或名称。"),
    }

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("incorrect_type")
        value = str(data).strip()
        if "\x00" in value:
            self.fail("unknown", value=value.replace("\x00", ""))
        regions = self.get_queryset()
        if isinstance(data, int) or (value.isascii() and value.isdigit()):
            by_code = [] if isinstance(data, int) else list(regions.filter(code=value)[:1])
            found = by_code or (list(regions.filter(pk=int(value))[:1]) if int(value) < 2**63 else [])
        else:
            found = list(regions.filter(name=value)[:2]) if value else []
            if len(found) > 1:
                self.fail("ambiguous", value=value)
        if not found:
            self.fail("unknown", value=value)
        return found[0]


class TownshipField(RegionRelatedField):
    """A township of the caller's area, by id, division code or name; read back as its id."""

    default_error_messages = {"unknown": _("找不到乡镇“{value}”,或不在您的辖区内。")}

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Region.objects.none())
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return choices.townships(request.user) if request is not None else Region.objects.none()


class ChoiceOrLabelField(serializers.ChoiceField):
    """Accepts a choice's value or its Chinese label (e.g. "red" or "红")."""

    def to_internal_value(self, data):
        for key, label in self.choices.items():
            if data == str(label):
                return key
        return super().to_internal_value(data)


class EnterpriseSerializer(serializers.ModelSerializer):
    township = TownshipField()
    township_name = serializers.CharField(source="township.name", read_only=True)
    risk_level = ChoiceOrLabelField(choices=Enterprise.RiskLevel.choices, required=False, allow_blank=True)
    industry = ChoiceOrLabelField(choices=Enterprise._meta.get_field("industry").choices, required=False)

    class Meta:
        model = Enterprise
        fields = [
            "id",
            "name",
            "credit_code",
            "industry",
            "township",
            "township_name",
            "department",
            "risk_level",
            "supervised",
            "uses_hazardous_chemicals",
            "old_equipment_evaluated",
        ]

    def validate_credit_code(self, value: str) -> str:
        return value.strip().upper()
