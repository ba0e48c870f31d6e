from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from forestfire.models import FireSourceCheck, ForestFire, ForestRisk, Hotspot, HotspotPhoto, HotspotResult
from org import choices
from org.api.choices import ScopedChoicesMixin
from stations.models import RescueTeam


class HotspotPhotoSerializer(serializers.ModelSerializer):
    class Meta:
        model = HotspotPhoto
        fields = ["id", "original_name", "content_type", "size", "uploaded_at"]


class HotspotSerializer(ScopedChoicesMixin, serializers.ModelSerializer):
    """A hotspot as the feed sends it; the same ``code`` again updates the one hotspot."""

    scoped_fields = {"township": choices.townships, "village": choices.villages}
    # Not a unique validator here: a code already known is an update (idempotent push).
    code = serializers.CharField(max_length=32, help_text=_("热点编号(卫星监测系统的编号,唯一)"))
    township_name = serializers.CharField(source="township.name", read_only=True)
    is_open = serializers.BooleanField(read_only=True, help_text=_("尚未核查"))
    photos = HotspotPhotoSerializer(many=True, read_only=True)

    class Meta:
        model = Hotspot
        fields = [
            "id",
            "code",
            "satellite",
            "received_at",
            "lng",
            "lat",
            "pixels",
            "land_type",
            "township",
            "township_name",
            "village",
            "arrived_at",
            "verified_at",
            "result",
            "verifier",
            "feedback",
            "verified_lat",
            "verified_lng",
            "breached_at",
            "is_open",
            "photos",
        ]
        read_only_fields = ["arrived_at", "verified_lat", "verified_lng", "breached_at"]
        extra_kwargs = {"township": {"required": False}}


class ArrivalSerializer(serializers.Serializer):
    lat = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True)
    lng = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True)


class VerifySerializer(ArrivalSerializer):
    result = serializers.ChoiceField(choices=HotspotResult.choices)
    feedback = serializers.CharField(required=False, allow_blank=True, default="")
    verified_at = serializers.DateTimeField(required=False, allow_null=True, help_text=_("留空为当前时间"))
    verifier = serializers.CharField(required=False, allow_blank=True, default="", max_length=32)
    photos = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class ForestFireSerializer(ScopedChoicesMixin, serializers.ModelSerializer):
    scoped_fields = {
        "township": choices.townships,
        "hotspot": lambda user: Hotspot.objects.visible_to(user),
    }
    township_name = serializers.CharField(source="township.name", read_only=True)
    arrival_minutes = serializers.IntegerField(read_only=True, allow_null=True, help_text=_("报告至首支队伍到场(分钟)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A many field's choices are its child's: limited to the teams the caller may see.
        request, teams = self.context.get("request"), self.fields.get("teams")
        if request is not None and request.user.is_authenticated and teams is not None:
            teams.child_relation.queryset = RescueTeam.objects.visible_to(request.user)

    class Meta:
        model = ForestFire
        fields = [
            "id",
            "hotspot",
            "township",
            "township_name",
            "place",
            "started_at",
            "reported_at",
            "first_arrived_at",
            "teams",
            "first_teams",
            "arrival_minutes",
            "controlled_at",
            "extinguished_at",
            "burned_area",
            "cause",
            "deaths",
            "injuries",
            "note",
        ]


class FireSourceCheckSerializer(ScopedChoicesMixin, serializers.ModelSerializer):
    scoped_fields = {"township": choices.townships, "village": choices.villages}
    township_name = serializers.CharField(source="township.name", read_only=True)

    class Meta:
        model = FireSourceCheck
        fields = ["id", "kind", "checked_on", "township", "township_name", "village", "place", "finding",
                  "follow_up", "inspector"]  # fmt: skip


class ForestRiskSerializer(ScopedChoicesMixin, serializers.ModelSerializer):
    scoped_fields = {"township": choices.townships}
    township_name = serializers.CharField(source="township.name", read_only=True)
    is_overdue = serializers.SerializerMethodField(help_text=_("已逾期未整改"))

    class Meta:
        model = ForestRisk
        fields = ["id", "township", "township_name", "description", "place", "measure", "owner", "due_on",
                  "done_on", "is_overdue"]  # fmt: skip

    def get_is_overdue(self, risk: ForestRisk) -> bool:
        return risk.is_overdue(self.context["today"])
