from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from flood1833 import services
from flood1833.models import (
    DangerZone,
    Depot,
    DepotItem,
    DutyShift,
    Incident,
    IncidentUpdate,
    MatrixTask,
    ResponseEvent,
    RollCall,
    RollCallAnswer,
    Shelter,
    Transfer,
    TransferPerson,
    TransferStep,
    ZoneKind,
)
from org import choices
from org.api.choices import ScopedChoicesMixin


class ResponseEventSerializer(ScopedChoicesMixin, serializers.ModelSerializer):
    scoped_fields = {"region": choices.regions}
    region_name = serializers.CharField(source="region.name", read_only=True)
    stage = serializers.IntegerField(source="stage.order", read_only=True, default=None)
    stage_name = serializers.CharField(source="stage.name", read_only=True, default="")
    allows_return = serializers.BooleanField(read_only=True)
    second = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        label=_("另行启动"),
        help_text="县级管理员有意在同一范围启动第二个进行中的过程",
    )

    class Meta:
        model = ResponseEvent
        fields = [
            "id",
            "name",
            "kind",
            "region",
            "region_name",
            "started_at",
            "ended_at",
            "stage",
            "stage_name",
            "allows_return",
            "second",
        ]
        read_only_fields = ["ended_at"]
        extra_kwargs = {"region": {"required": False}, "started_at": {"required": False}}


class StageRequestSerializer(serializers.Serializer):
    stage = serializers.IntegerField(min_value=1, label=_("响应阶段顺序"), help_text="1 关注 … 6 解除")
    note = serializers.CharField(max_length=200, label=_("理由"), help_text="调整的理由,记入阶段调整记录")


class EndRequestSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=200, label=_("理由"), help_text="结束的理由,记入阶段调整记录")


class StageChangeSerializer(serializers.Serializer):
    from_stage = serializers.CharField(source="from_stage.name", default="")
    # Empty: the change ended the event.
    to_stage = serializers.CharField(source="to_stage.name", default="")
    actor = serializers.CharField(source="actor.get_username", default="")
    note = serializers.CharField()
    at = serializers.DateTimeField()


class MatrixTaskSerializer(serializers.ModelSerializer):
    stage_name = serializers.CharField(source="stage.name", read_only=True)
    level_name = serializers.CharField(source="level.name", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    township_name = serializers.CharField(source="township.name", read_only=True)
    done_by = serializers.CharField(source="done_by.get_username", read_only=True, default="")

    class Meta:
        model = MatrixTask
        fields = [
            "id",
            "event",
            "stage_name",
            "level_name",
            "text",
            "region",
            "region_name",
            "township",
            "township_name",
            "done_at",
            "done_by",
            "note",
        ]


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=200, label=_("落实情况"))


class DangerZoneSerializer(ScopedChoicesMixin, serializers.ModelSerializer):
    scoped_fields = {"village": choices.villages}
    village_name = serializers.CharField(source="village.name", read_only=True)

    class Meta:
        model = DangerZone
        fields = ["id", "kind", "name", "village", "village_name", "lat", "lng", "note"]


class ShelterSerializer(ScopedChoicesMixin, serializers.ModelSerializer):
    scoped_fields = {"township": choices.townships, "village": choices.villages}
    township_name = serializers.CharField(source="township.name", read_only=True)
    present = serializers.IntegerField(read_only=True, default=None, help_text=_("当前安置人数"))

    class Meta:
        model = Shelter
        fields = [
            "id",
            "name",
            "township",
            "township_name",
            "village",
            "capacity",
            "present",
            "manager_name",
            "manager_phone",
            "address",
            "lat",
            "lng",
        ]


class TransferPersonSerializer(ScopedChoicesMixin, serializers.ModelSerializer):
    """ID numbers are written whole and read back masked, except by county administrators."""

    scoped_fields = {
        "village": choices.villages,
        "zone": lambda user: DangerZone.objects.visible_to(user),
        "responsible": lambda user: services.responsible_choices(user),
    }
    village_name = serializers.CharField(source="village.name", read_only=True)

    class Meta:
        model = TransferPerson
        fields = [
            "id",
            "name",
            "id_number",
            "phone",
            "village",
            "village_name",
            "zone",
            "elderly",
            "child",
            "disabled",
            "sick_or_pregnant",
            "responsible",
        ]
        # Uniqueness and the check digit are checked by the service (full_clean), in Chinese.
        extra_kwargs = {"id_number": {"validators": []}}

    def to_representation(self, person):
        data = super().to_representation(person)
        request = self.context.get("request")
        if request is None or not services.can_see_id_numbers(request.user):
            data["id_number"] = person.masked_id_number
        return data


# 人员转移 as the API answers it: the lists, one transfer, and every confirmation, the busiest answer
# in a typhoon. Read-only, and declared field by field: a model serializer would derive its fields
# from the model again on every answer.
class TransferSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    event = serializers.IntegerField(source="event_id", read_only=True, label=_("过程"))
    person = serializers.IntegerField(source="person_id", read_only=True, label=_("转移对象"))
    person_name = serializers.CharField(source="person.name", read_only=True)
    phone = serializers.CharField(source="person.phone", read_only=True)
    village = serializers.IntegerField(source="village_id", read_only=True, label=_("村(社区)"))
    village_name = serializers.CharField(source="village.name", read_only=True)
    township = serializers.IntegerField(source="township_id", read_only=True, label=_("乡镇"))
    township_name = serializers.CharField(source="township.name", read_only=True)
    zone_kind = serializers.ChoiceField(choices=ZoneKind.choices, allow_blank=True, read_only=True, label=_("区域类别"))
    status = serializers.ChoiceField(choices=Transfer.Status.choices, read_only=True, label=_("状态"))
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    shelter = serializers.IntegerField(source="shelter_id", read_only=True, allow_null=True, label=_("安置场所"))
    shelter_name = serializers.CharField(source="shelter.name", read_only=True, default="")
    location = serializers.CharField(max_length=200, read_only=True, label=_("当前位置"))
    updated_at = serializers.DateTimeField(read_only=True, label=_("更新时间"))
    updated_by = serializers.CharField(source="updated_by.get_username", read_only=True, default="")
    next_statuses = serializers.SerializerMethodField()

    def get_next_statuses(self, transfer: Transfer) -> list[str]:
        return services.next_statuses(transfer, transfer.event)


class ConfirmSerializer(ScopedChoicesMixin, serializers.Serializer):
    scoped_fields = {"shelter": lambda user: Shelter.objects.visible_to(user)}
    status = serializers.ChoiceField(choices=Transfer.Status.choices, label=_("状态"))
    request_id = serializers.CharField(max_length=64, label=_("请求编号"), help_text="客户端生成的唯一编号(UUID)")
    shelter = serializers.PrimaryKeyRelatedField(
        queryset=Shelter.objects.none(), required=False, allow_null=True, label=_("安置场所")
    )
    location = serializers.CharField(required=False, allow_blank=True, default="", max_length=200, label=_("位置"))


class CorrectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200, label=_("更正原因"))
    request_id = serializers.CharField(max_length=64, label=_("请求编号"), help_text="客户端生成的唯一编号(UUID)")


class BatchItemSerializer(ScopedChoicesMixin, serializers.Serializer):
    """One queued tap: a confirmation, or (``correction``) the taking back of the last step."""

    scoped_fields = {"shelter": lambda user: Shelter.objects.visible_to(user)}
    transfer = serializers.IntegerField(label=_("人员转移"))
    status = serializers.ChoiceField(choices=Transfer.Status.choices, required=False, label=_("状态"))
    request_id = serializers.CharField(max_length=64, label=_("请求编号"), help_text="客户端生成的唯一编号(UUID)")
    shelter = serializers.PrimaryKeyRelatedField(
        queryset=Shelter.objects.none(), required=False, allow_null=True, label=_("安置场所")
    )
    location = serializers.CharField(required=False, allow_blank=True, default="", max_length=200, label=_("位置"))
    correction = serializers.BooleanField(required=False, default=False, label=_("更正上一步"))
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=200, label=_("更正原因"))

    def validate(self, attrs):
        if not attrs["correction"] and not attrs.get("status"):
            raise serializers.ValidationError({"status": _("请选择状态。")})
        return attrs


class BatchRequestSerializer(serializers.Serializer):
    items = serializers.ListField(child=serializers.JSONField(), min_length=1, max_length=200, label=_("待发送的确认"))


class BatchRequestSchema(serializers.Serializer):
    """What the batch endpoint reads (each item is checked on its own, so one bad item is answered
    alone and does not refuse the rest)."""

    items = BatchItemSerializer(many=True)


class BatchAnswerSerializer(serializers.Serializer):
    request_id = serializers.CharField(allow_blank=True)
    transfer = serializers.IntegerField(allow_null=True)
    ok = serializers.BooleanField(help_text="true: applied, or already applied (replayed)")
    replayed = serializers.BooleanField()
    status = serializers.IntegerField(help_text="HTTP status this item would have had on its own")
    detail = serializers.CharField(allow_blank=True)
    errors = serializers.DictField(required=False)
    result = TransferSerializer(required=False, allow_null=True)


class ProgressSerializer(serializers.Serializer):
    event = serializers.IntegerField()
    safe = serializers.IntegerField()
    total = serializers.IntegerField()


class BatchResponseSerializer(serializers.Serializer):
    items = BatchAnswerSerializer(many=True)
    progress = ProgressSerializer(
        many=True, help_text="已转移 x / y per event the items touched, in the caller's scope"
    )


class TransferStepSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.get_username", default="", read_only=True)

    class Meta:
        model = TransferStep
        fields = [
            "id",
            "from_status",
            "to_status",
            "shelter",
            "location",
            "actor",
            "at",
            "request_id",
            "corrects",
            "reason",
        ]


class DutyShiftSerializer(ScopedChoicesMixin, serializers.ModelSerializer):
    scoped_fields = {"region": choices.regions}
    group_name = serializers.CharField(source="group.name", read_only=True)
    officer_name = serializers.CharField(source="officer.get_full_name", read_only=True)

    class Meta:
        model = DutyShift
        fields = ["id", "region", "group", "group_name", "officer", "officer_name", "starts_at", "ends_at"]


class RollCallAnswerSerializer(serializers.ModelSerializer):
    officer = serializers.CharField(source="officer.get_username", read_only=True)
    response_seconds = serializers.IntegerField(read_only=True)

    class Meta:
        model = RollCallAnswer
        fields = ["id", "roll_call", "officer", "group", "due_at", "answered_at", "response_seconds", "flagged_at"]


class RollCallSerializer(serializers.ModelSerializer):
    answers = RollCallAnswerSerializer(many=True, read_only=True)

    class Meta:
        model = RollCall
        fields = ["id", "region", "sent_at", "answer_within_minutes", "note", "answers"]
        read_only_fields = ["region", "sent_at", "answer_within_minutes"]


class IncidentSerializer(ScopedChoicesMixin, serializers.ModelSerializer):
    scoped_fields = {"township": choices.townships, "event": lambda user: ResponseEvent.objects.visible_to(user)}
    township_name = serializers.CharField(source="township.name", read_only=True)
    is_clocked = serializers.BooleanField(read_only=True, help_text=_("重大以上:计时"))
    breaches = serializers.ListField(child=serializers.CharField(), read_only=True, help_text=_("已记录的超时"))

    class Meta:
        model = Incident
        fields = [
            "id",
            "title",
            "township",
            "township_name",
            "event",
            "level",
            "is_disaster",
            "occurred_at",
            "verbal_reported_at",
            "system_reported_at",
            "deaths",
            "injuries",
            "direct_loss",
            "description",
            "is_clocked",
            "verbal_breached_at",
            "system_breached_at",
            "breaches",
        ]


class IncidentUpdateSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.get_username", default="", read_only=True)

    class Meta:
        model = IncidentUpdate
        fields = ["id", "text", "at", "actor"]
        read_only_fields = ["at"]


class DepotItemSerializer(ScopedChoicesMixin, serializers.ModelSerializer):
    scoped_fields = {"depot": lambda user: Depot.objects.visible_to(user)}

    class Meta:
        model = DepotItem
        fields = ["id", "depot", "name", "unit", "quantity"]


class DepotSerializer(ScopedChoicesMixin, serializers.ModelSerializer):
    scoped_fields = {"region": choices.regions}
    items = DepotItemSerializer(many=True, read_only=True)

    class Meta:
        model = Depot
        fields = ["id", "name", "kind", "region", "manager_name", "manager_phone", "lat", "lng", "items"]
