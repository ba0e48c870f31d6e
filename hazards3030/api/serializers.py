from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from hazards3030.models import Accident, Hazard, HazardAttachment, HazardTransition, Supervision
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
