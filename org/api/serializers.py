from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from org.models import Enterprise, Region


class RegionSerializer(serializers.ModelSerializer):
    level_display = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = Region
        fields = ["id", "name", "level", "level_display", "code", "parent", "is_demo"]
        read_only_fields = fields


@extend_schema_field({"type": "string", "description": "乡镇的区划代码或名称"})
class TownshipField(serializers.Field):
    """A township written as its division code or its name; read back as code (or name if none)."""

    default_error_messages = {"unknown": _("找不到乡镇“{value}”,或不在您的辖区内。")}

    def to_internal_value(self, data):
        value = str(data).strip()
        townships = Region.objects.visible_to(self.context["request"].user).townships()
        township = townships.filter(code=value).first() if value.isdigit() else townships.filter(name=value).first()
        if township is None:
            self.fail("unknown", value=value)
        return township

    def to_representation(self, value):
        return value.code or value.name


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
