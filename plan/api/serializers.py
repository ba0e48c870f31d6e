from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from plan.attainment import attainment
from plan.models import Target


class TargetSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="plan.year", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    part = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()

    class Meta:
        model = Target
        fields = [
            "id",
            "year",
            "code",
            "text",
            "kind",
            "kind_display",
            "threshold",
            "threshold_2",
            "unit",
            "goal",
            "owner_app",
            "indicator_key",
            "part",
            "status",
        ]
        read_only_fields = fields

    @extend_schema_field({"type": "object", "properties": {"code": {"type": "string"}, "name": {"type": "string"}}})
    def get_part(self, target: Target) -> dict:
        part = target.part
        return {"code": part.code, "name": part.name}

    @extend_schema_field({"type": "object", "properties": {"code": {"type": "string"}, "label": {"type": "string"}}})
    def get_status(self, target: Target) -> dict:
        """达成 / 未达成 / 暂无数据 / 未接入, from the newest complete snapshot."""
        status = self.context["attainment"].status_of(target)
        return {"code": status.code, "label": str(status.label)}


class AttainmentCache:
    """Computes each plan's attainment once per request, for however many targets are listed."""

    def __init__(self, user) -> None:
        self.user = user
        self._by_plan: dict[int, dict[int, object]] = {}

    def status_of(self, target: Target):
        if target.plan_id not in self._by_plan:
            self._by_plan[target.plan_id] = {
                item.target.pk: item.status for item in attainment(target.plan, user=self.user)
            }
        return self._by_plan[target.plan_id][target.pk]
