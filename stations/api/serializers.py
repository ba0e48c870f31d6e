from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from org import choices
from org.api.choices import ScopedChoicesMixin
from org.api.serializers import ChoiceOrLabelField, TownshipField
from stations.models import (
    EntrustedCase,
    Grid,
    GridWorker,
    LinkageAgreement,
    RescueTeam,
    Station,
    TeamEvaluation,
)


class StationSerializer(serializers.ModelSerializer):
    township = TownshipField()
    township_name = serializers.CharField(source="township.name", read_only=True)
    status = ChoiceOrLabelField(choices=Station.Status.choices, required=False)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Station
        fields = [
            "id",
            "township",
            "township_name",
            "name",
            "status",
            "status_display",
            "planned_on",
            "started_on",
            "built_on",
            "address",
            "lat",
            "lng",
            "staff_count",
            "has_fire_team",
            "fire_team_members",
            "head",
            "phone",
            "station_team_integrated",
            "emergency_fire_integrated",
            "prevention_fire_integrated",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]


class GridWorkerSerializer(serializers.ModelSerializer):
    class Meta:
        model = GridWorker
        fields = ["id", "name", "phone"]


class GridSerializer(ScopedChoicesMixin, serializers.ModelSerializer):
    scoped_fields = {"village": choices.villages}
    village_name = serializers.CharField(source="village.name", read_only=True)
    township = serializers.IntegerField(source="village.parent_id", read_only=True)
    township_name = serializers.CharField(source="village.parent.name", read_only=True)
    workers = GridWorkerSerializer(many=True, read_only=True)
    duties = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Grid
        fields = [
            "id",
            "village",
            "village_name",
            "township",
            "township_name",
            "name",
            "covers_safety",
            "covers_fire",
            "covers_disaster",
            "duties",
            "workers",
        ]


class TeamEvaluationSerializer(serializers.ModelSerializer):
    specialty = ChoiceOrLabelField(choices=TeamEvaluation.Specialty.choices)
    specialty_display = serializers.CharField(source="get_specialty_display", read_only=True)
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    valid = serializers.SerializerMethodField()
    expires_soon = serializers.SerializerMethodField()

    class Meta:
        model = TeamEvaluation
        fields = [
            "id",
            "specialty",
            "specialty_display",
            "level",
            "level_display",
            "assessed_on",
            "valid_until",
            "valid",
            "expires_soon",
        ]

    def get_valid(self, evaluation: TeamEvaluation) -> bool:
        return evaluation.is_valid_on(timezone.localdate())

    def get_expires_soon(self, evaluation: TeamEvaluation) -> bool:
        return evaluation.expires_soon(timezone.localdate())


class TeamSerializer(ScopedChoicesMixin, serializers.ModelSerializer):
    scoped_fields = {"region": choices.command_regions}
    kind = ChoiceOrLabelField(choices=RescueTeam.Kind.choices)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    evaluations = TeamEvaluationSerializer(many=True, read_only=True)

    class Meta:
        model = RescueTeam
        fields = [
            "id",
            "name",
            "kind",
            "kind_display",
            "region",
            "region_name",
            "leader",
            "phone",
            "members",
            "equipment",
            "lat",
            "lng",
            "evaluations",
        ]


class EvaluationRequestSerializer(serializers.Serializer):
    specialty = ChoiceOrLabelField(choices=TeamEvaluation.Specialty.choices)
    level = serializers.ChoiceField(choices=TeamEvaluation.Level.choices)
    assessed_on = serializers.DateField()
    valid_until = serializers.DateField(required=False, allow_null=True)


class EntrustedCaseSerializer(serializers.ModelSerializer):
    township = TownshipField()
    township_name = serializers.CharField(source="township.name", read_only=True)

    class Meta:
        model = EntrustedCase
        fields = ["id", "township", "township_name", "number", "decided_on", "case_type", "entrusted"]


class LinkageSerializer(serializers.ModelSerializer):
    document = serializers.FileField(required=False, allow_null=True, write_only=True)
    document_url = serializers.SerializerMethodField()
    is_signed = serializers.BooleanField(read_only=True)

    class Meta:
        model = LinkageAgreement
        fields = [
            "id",
            "partner",
            "title",
            "signed_on",
            "scope",
            "is_signed",
            "document",
            "document_name",
            "document_url",
        ]
        read_only_fields = ["document_name"]

    @extend_schema_field(serializers.CharField(allow_blank=True))
    def get_document_url(self, agreement: LinkageAgreement) -> str:
        from django.urls import reverse

        return reverse("stations:linkage-document", kwargs={"pk": agreement.pk}) if agreement.document else ""
