from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from hazards3030.models import Accident, Hazard, HazardAttachment, HazardTransition, Supervision, Tip
from org.api.choices import ScopedChoicesMixin
from org.api.serializers import ChoiceOrLabelField, TownshipField
from org.models import Enterprise


class SupervisionSerializer(serializers.ModelSerializer):
    level_display = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = Supervision
        fields = ["level", "level_display", "issuing_body", "listed_on", "acceptance_due", "closed_on"]


class SupervisionRequestSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=Supervision.Level.choices, label=_("督办层级"))
    issuing_body = serializers.CharField(max_length=64, label=_("督办单位"))
    listed_on = serializers.DateField(label=_("挂牌日期"))
    acceptance_due = serializers.DateField(required=False, label=_("验收期限"), help_text=_("默认为整改期限后10天"))


class HazardSerializer(ScopedChoicesMixin, serializers.ModelSerializer):
    scoped_fields = {"enterprise": lambda user: Enterprise.objects.visible_to(user)}
    township = TownshipField()
    township_name = serializers.CharField(source="township.name", read_only=True)
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True, default="")
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    level = ChoiceOrLabelField(choices=Hazard.Level.choices, required=False)
    source = ChoiceOrLabelField(choices=Hazard.Source.choices, required=False)
    category = ChoiceOrLabelField(choices=Hazard.Category.choices, required=False)
    overdue = serializers.SerializerMethodField()
    supervision = SupervisionSerializer(read_only=True)

    class Meta:
        model = Hazard
        fields = [
            "id",
            "enterprise",
            "enterprise_name",
            "township",
            "township_name",
            "department",
            "level",
            "source",
            "category",
            "description",
            "found_on",
            "deadline",
            "status",
            "status_display",
            "responsible",
            "measures",
            "funds",
            "contingency_plan",
            "overdue",
            "supervision",
            "submitted_at",
            "closed_at",
            "created_at",
        ]
        read_only_fields = ["department", "status", "submitted_at", "closed_at", "created_at"]

    def get_overdue(self, hazard: Hazard) -> bool:
        return hazard.is_overdue(on=timezone.localdate())


# Fields an open hazard may have corrected after it was filed.
HAZARD_EDITABLE = ["category", "description", "responsible", "measures", "funds", "contingency_plan"]


class HazardUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Hazard
        fields = HAZARD_EDITABLE


class TransitionRequestSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", label=_("说明"))
    responsible = serializers.CharField(required=False, allow_blank=True, default="", label=_("整改责任人"))
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list, label=_("照片或文件"))


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = HazardAttachment
        fields = ["id", "kind", "kind_display", "original_name", "content_type", "size", "url"]

    def get_url(self, attachment: HazardAttachment) -> str:
        from django.urls import reverse

        return reverse("hazards3030:attachment", kwargs={"pk": attachment.pk})


class TransitionSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.get_username", default="", read_only=True)
    from_display = serializers.SerializerMethodField()
    to_display = serializers.CharField(source="get_to_status_display", read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = HazardTransition
        fields = ["id", "from_status", "from_display", "to_status", "to_display", "actor", "note", "at", "attachments"]

    def get_from_display(self, step: HazardTransition) -> str:
        return step.get_from_status_display() if step.from_status else ""


class Batch3030Serializer(serializers.Serializer):
    id = serializers.IntegerField(source="batch.pk")
    unit_kind = serializers.CharField(source="batch.unit_kind")
    unit = serializers.CharField(source="batch.unit_name")
    opened_on = serializers.DateField(source="batch.opened_on")
    closes_on = serializers.DateField(source="batch.closes_on")
    target_count = serializers.IntegerField(source="batch.target_count")
    found = serializers.IntegerField()
    closed = serializers.IntegerField()
    met = serializers.BooleanField()
    percent = serializers.IntegerField()


class AccidentSerializer(serializers.ModelSerializer):
    township = TownshipField()
    township_name = serializers.CharField(source="township.name", read_only=True)
    level = ChoiceOrLabelField(choices=Accident.Level.choices, required=False)
    industry = ChoiceOrLabelField(choices=Accident._meta.get_field("industry").choices)

    class Meta:
        model = Accident
        fields = [
            "id",
            "occurred_on",
            "township",
            "township_name",
            "industry",
            "level",
            "deaths",
            "injuries",
            "direct_loss",
            "description",
            "investigation_report",
            "spot_checked",
        ]


class TipSerializer(serializers.ModelSerializer):
    """群众举报 as the township's queue shows it (the phone number only masked)."""

    township_name = serializers.CharField(source="township.name", read_only=True)
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True, default="")
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    has_photo = serializers.SerializerMethodField()

    class Meta:
        model = Tip
        fields = [
            "id", "receipt", "township", "township_name", "enterprise", "enterprise_name", "place", "description",
            "lat", "lng", "phone_masked", "has_photo", "status", "status_display", "reason", "hazard",
            "received_at", "decided_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_has_photo(self, tip: Tip) -> bool:
        return bool(tip.photo)


class TipAcceptSerializer(ScopedChoicesMixin, serializers.Serializer):
    scoped_fields = {"enterprise": lambda user: Enterprise.objects.visible_to(user)}
    deadline = serializers.DateField(label=_("整改期限"))
    description = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=4000, label=_("隐患描述")
    )
    enterprise = serializers.PrimaryKeyRelatedField(
        queryset=Enterprise.objects.none(), required=False, allow_null=True, default=None, label=_("检查对象")
    )
    category = ChoiceOrLabelField(choices=Hazard.Category.choices, required=False, default=Hazard.Category.OTHER)
    level = ChoiceOrLabelField(choices=Hazard.Level.choices, required=False, default=Hazard.Level.GENERAL)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000, label=_("核实情况"))


class TipRejectSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, max_length=2000, label=_("不予受理原因"))
