from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from flood1833 import importers, live, services
from flood1833.api.serializers import (
    BatchItemSerializer,
    BatchRequestSchema,
    BatchRequestSerializer,
    BatchResponseSerializer,
    ConfirmSerializer,
    CorrectSerializer,
    DangerZoneSerializer,
    DepotItemSerializer,
    DepotSerializer,
    DutyShiftSerializer,
    EndRequestSerializer,
    IncidentSerializer,
    IncidentUpdateSerializer,
    MatrixTaskSerializer,
    NoteSerializer,
    ResponseEventSerializer,
    RollCallAnswerSerializer,
    RollCallSerializer,
    ShelterSerializer,
    StageChangeSerializer,
    StageRequestSerializer,
    TransferPersonSerializer,
    TransferSerializer,
    TransferStepSerializer,
)
from flood1833.filtersets import (
    DepotFilterSet,
    DutyShiftFilterSet,
    EventFilterSet,
    IncidentFilterSet,
    MatrixTaskFilterSet,
    PersonFilterSet,
    ShelterFilterSet,
    TransferFilterSet,
    ZoneFilterSet,
)
from flood1833.models import (
    DangerZone,
    Depot,
    DepotItem,
    DutyShift,
    Incident,
    MatrixTask,
    ResponseEvent,
    RollCall,
    RollCallAnswer,
    Shelter,
    Transfer,
    TransferPerson,
)
from org.api.ledgers import LedgerImportMixin
from org.api.pagination import NewestFirstCursorPagination
from org.api.viewsets import ScopedCreateViewSet, ScopedReadOnlyViewSet, ScopedViewSet, ServiceSaveMixin
from org.errors import SERVICE_ERRORS, PortalError, error_message


class ResponseEventViewSet(ScopedCreateViewSet):
    """台风/强降雨过程: start one, raise or lower its response stage, end it."""

    queryset = ResponseEvent.objects.select_related("region", "stage")
    serializer_class = ResponseEventSerializer
    filterset_class = EventFilterSet

    def perform_create(self, serializer):
        serializer.instance = services.create_event(actor=self.request.user, **serializer.validated_data)

    @extend_schema(request=StageRequestSerializer, responses=ResponseEventSerializer)
    @action(detail=True, methods=["post"])
    def stage(self, request, pk=None):
        """调整响应阶段 (`{"stage": order}`): opens the stage's 633 measures and due transfers once."""
        event = self.get_object()  # scope first: out of scope is a 404 whatever the body says
        form = StageRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.change_stage(
            event=event, actor=request.user, stage_order=form.validated_data["stage"], note=form.validated_data["note"]
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=event.pk)).data)

    @extend_schema(request=EndRequestSerializer, responses=ResponseEventSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        """结束过程 (`{"note": reason}`): the reason goes into the stage history."""
        event = self.get_object()
        form = EndRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        event = services.end_event(event=event, actor=request.user, note=form.validated_data["note"])
        return Response(self.get_serializer(self.get_queryset().get(pk=event.pk)).data)

    @extend_schema(responses=StageChangeSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def changes(self, request, pk=None):
        """响应阶段调整记录: who changed the stage and when."""
        changes = self.get_object().changes.select_related("from_stage", "to_stage", "actor")
        return Response(StageChangeSerializer(changes, many=True).data)


class MatrixTaskViewSet(ScopedReadOnlyViewSet):
    """“633”防御措施: the checklist of each township and village; checked off with `done`."""

    queryset = MatrixTask.objects.select_related("stage", "level", "region", "township", "done_by")
    serializer_class = MatrixTaskSerializer
    filterset_class = MatrixTaskFilterSet

    @extend_schema(request=NoteSerializer, responses=MatrixTaskSerializer)
    @action(detail=True, methods=["post"])
    def done(self, request, pk=None):
        task = self.get_object()
        form = NoteSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.complete_task(task=task, actor=request.user, note=form.validated_data["note"])
        return Response(self.get_serializer(self.get_queryset().get(pk=task.pk)).data)


class DangerZoneViewSet(ServiceSaveMixin, LedgerImportMixin, ScopedViewSet):
    """危险区域 (no delete)."""

    queryset = DangerZone.objects.select_related("village")
    serializer_class = DangerZoneSerializer
    filterset_class = ZoneFilterSet
    save_service = staticmethod(services.save_zone)
    instance_kwarg = "zone"
    importer = staticmethod(importers.import_zones)


class ShelterViewSet(ServiceSaveMixin, LedgerImportMixin, ScopedViewSet):
    """避灾安置场所, with the people checked in now (no delete)."""

    queryset = (
        Shelter.objects.select_related("township")
        .annotate(present=Count("transfers", filter=Q(transfers__status=Transfer.Status.SHELTERED)))
        .order_by("township__sort_order", "name")
    )
    serializer_class = ShelterSerializer
    filterset_class = ShelterFilterSet
    save_service = staticmethod(services.save_shelter)
    instance_kwarg = "shelter"
    importer = staticmethod(importers.import_shelters)


class TransferPersonViewSet(ServiceSaveMixin, LedgerImportMixin, ScopedViewSet):
    """转移对象 (no delete). ID numbers are masked except for county administrators."""

    queryset = TransferPerson.objects.select_related("village")
    serializer_class = TransferPersonSerializer
    filterset_class = PersonFilterSet
    save_service = staticmethod(services.save_person)
    instance_kwarg = "person"
    importer = staticmethod(importers.import_people)


class TransferViewSet(ScopedReadOnlyViewSet):
    """人员转移 per event and person. Confirm each step with `confirm` and a client request id."""

    queryset = Transfer.objects.select_related("person", "village", "township", "shelter", "updated_by", "event__stage")
    serializer_class = TransferSerializer
    filterset_class = TransferFilterSet

    @extend_schema(request=ConfirmSerializer, responses=TransferSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """确认转移状态. A retried `request_id` is applied once and answered with the same result."""
        # The busiest endpoint in a typhoon, so the scope check and the row lock are one query
        # (tests/flood1833/test_confirm_transfer.py counts them), the scope stated on the village
        # row the lock joins anyway. Out of scope is a 404 whatever the body says.
        scope = Transfer.objects.visible_to(request.user, joined=True)
        form = ConfirmSerializer(data=request.data, context=self.get_serializer_context())
        if not form.is_valid():
            get_object_or_404(scope, pk=pk)
            raise ValidationError(form.errors)
        try:
            pk = int(pk)
        except ValueError:
            raise Http404 from None
        try:
            transfer, _replayed = services.confirm_transfer(
                transfer=pk, within=scope, actor=request.user, **form.validated_data
            )
        except Transfer.DoesNotExist:  # missing or out of scope
            raise Http404 from None
        return Response(self.get_serializer(transfer).data)

    @extend_schema(request=CorrectSerializer, responses=TransferSerializer)
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        """更正: takes back the last step still standing, as a correction step with its reason (a
        cadre their own, within the undo window; township staff anyone's in their area)."""
        scope = Transfer.objects.visible_to(request.user, joined=True)
        transfer = get_object_or_404(scope, pk=pk)
        form = CorrectSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        transfer, _replayed = services.correct_transfer(
            transfer=transfer.pk, within=scope, actor=request.user, **form.validated_data
        )
        return Response(self.get_serializer(transfer).data)

    @extend_schema(
        request=BatchRequestSchema, responses=BatchResponseSerializer, operation_id="v1_transfers_confirm_batch"
    )
    @action(detail=False, methods=["post"], url_path="confirm", pagination_class=None, filterset_class=None)
    def confirm_batch(self, request):
        """确认转移状态, many at once (a phone's queue): `{"items": [{transfer, status, request_id,
        shelter}, …]}` in the order tapped. Each item is applied on its own by the same service as
        `confirm` (or `correct`, with `correction: true` and a `reason`), idempotent by its request
        id, and answered on its own: one refused item never refuses the others."""
        form = BatchRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        scope = Transfer.objects.visible_to(request.user, joined=True)
        context = self.get_serializer_context()
        answers, events = [], set()
        for raw in form.validated_data["items"]:
            answer = self._apply_one(raw, scope, context)
            if answer["result"] is not None:
                events.add(answer["result"]["event"])
            answers.append(answer)
        progress = [
            {"event": event.pk, "safe": counts["safe"], "total": counts["total"]}
            for event in ResponseEvent.objects.filter(pk__in=events).order_by("pk")
            for counts in [live.transfer_progress(event=event, user=request.user)]
        ]
        return Response({"items": answers, "progress": progress})

    def _apply_one(self, raw, scope, context) -> dict:
        item = BatchItemSerializer(data=raw, context=context)
        answer = {"request_id": "", "transfer": None, "ok": False, "replayed": False, "detail": "", "result": None}
        if isinstance(raw, dict):
            answer["request_id"] = str(raw.get("request_id", ""))[:64]
            sent = raw.get("transfer")
            answer["transfer"] = sent if isinstance(sent, int) and not isinstance(sent, bool) else None
        if not item.is_valid():
            return {**answer, "status": 400, "detail": _first_error(item.errors), "errors": item.errors}
        data = item.validated_data
        try:
            if data["correction"]:
                transfer, replayed = services.correct_transfer(
                    transfer=data["transfer"],
                    within=scope,
                    actor=self.request.user,
                    reason=data["reason"],
                    request_id=data["request_id"],
                )
            else:
                transfer, replayed = services.confirm_transfer(
                    transfer=data["transfer"],
                    within=scope,
                    actor=self.request.user,
                    status=data["status"],
                    request_id=data["request_id"],
                    shelter=data.get("shelter"),
                    location=data["location"],
                )
        except Transfer.DoesNotExist:  # missing or out of scope: as `confirm` answers, a 404
            return {**answer, "status": 404, "detail": _("未找到该人员,或不在您的辖区内。")}
        except SERVICE_ERRORS as error:
            return {**answer, "status": _status_of(error), "detail": error_message(error)}
        result = self.get_serializer(transfer).data
        return {**answer, "ok": True, "replayed": replayed, "status": 200, "result": result}

    @extend_schema(responses=TransferStepSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def steps(self, request, pk=None):
        """转移确认记录: every confirmation, oldest first."""
        steps = self.get_object().steps.select_related("actor")
        return Response(TransferStepSerializer(steps, many=True).data)


class DutyShiftViewSet(ServiceSaveMixin, ScopedViewSet):
    """“1833”值班表."""

    queryset = DutyShift.objects.select_related("group", "officer")
    serializer_class = DutyShiftSerializer
    filterset_class = DutyShiftFilterSet
    save_service = staticmethod(services.save_duty_shift)
    instance_kwarg = "shift"


class RollCallViewSet(ScopedCreateViewSet):
    """一键通抽查: POST sends one to every officer on duty now in the caller's area."""

    queryset = RollCall.objects.prefetch_related("answers__officer", "answers__roll_call")
    serializer_class = RollCallSerializer
    pagination_class = NewestFirstCursorPagination

    def perform_create(self, serializer):
        serializer.instance = services.send_roll_call(
            actor=self.request.user, note=serializer.validated_data.get("note", "")
        )


class RollCallAnswerViewSet(ScopedReadOnlyViewSet):
    """抽查应答: an officer answers with `answer`; the response time is recorded."""

    queryset = RollCallAnswer.objects.select_related("officer", "roll_call")
    serializer_class = RollCallAnswerSerializer
    filterset_fields = ["roll_call"]

    @extend_schema(request=None, responses=RollCallAnswerSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        answer = services.answer_roll_call(answer=self.get_object(), actor=request.user)
        return Response(self.get_serializer(answer).data)


class IncidentViewSet(ServiceSaveMixin, ScopedViewSet):
    """事件信息报送 with the reporting clock (重大以上): `verbal_breached_at` / `system_breached_at`
    hold the deadline a report missed, as stored when the late report was recorded or when the
    deadline passed with no report; `breaches` names them."""

    queryset = Incident.objects.select_related("township")
    serializer_class = IncidentSerializer
    filterset_class = IncidentFilterSet
    save_service = staticmethod(services.save_incident)
    instance_kwarg = "incident"

    @extend_schema(request=IncidentUpdateSerializer, responses=IncidentUpdateSerializer)
    @action(detail=True, methods=["post"])
    def updates(self, request, pk=None):
        """续报."""
        incident = self.get_object()
        form = IncidentUpdateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        update = services.add_incident_update(incident=incident, actor=request.user, text=form.validated_data["text"])
        return Response(IncidentUpdateSerializer(update).data, status=201)


class DepotViewSet(ServiceSaveMixin, ScopedViewSet):
    """物资仓库 (政府储备 / 社会化云仓) with their items."""

    queryset = Depot.objects.select_related("region").prefetch_related("items")
    serializer_class = DepotSerializer
    filterset_class = DepotFilterSet
    save_service = staticmethod(services.save_depot)
    instance_kwarg = "depot"


class DepotItemViewSet(ServiceSaveMixin, ScopedViewSet):
    """储备物资."""

    queryset = DepotItem.objects.select_related("depot")
    serializer_class = DepotItemSerializer
    filterset_fields = ["depot"]
    save_service = staticmethod(services.save_depot_item)
    instance_kwarg = "item"


def _status_of(error: Exception) -> int:
    if isinstance(error, PortalError):
        return error.status_code
    if isinstance(error, DjangoPermissionDenied):
        return 403
    return 400


def _first_error(errors) -> str:
    """The first message of a serializer's errors, for the item's one-line answer."""
    if isinstance(errors, dict):
        for value in errors.values():
            return _first_error(value)
    if isinstance(errors, list) and errors:
        return _first_error(errors[0])
    return str(errors)
