from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from hazards3030 import batches, exports, importers, services
from hazards3030.api.serializers import (
    HAZARD_EDITABLE,
    AccidentSerializer,
    Batch3030Serializer,
    HazardSerializer,
    HazardUpdateSerializer,
    SupervisionRequestSerializer,
    TipAcceptSerializer,
    TipRejectSerializer,
    TipSerializer,
    TransitionRequestSerializer,
    TransitionSerializer,
)
from hazards3030.filtersets import AccidentFilterSet, HazardFilterSet, TipFilterSet
from hazards3030.models import Accident, Batch3030, Hazard, HazardTransition, Tip
from hazards3030.services import tips
from org.api.ledgers import LedgerImportMixin
from org.api.pagination import IdsFirstCursorPagination
from org.api.viewsets import ScopedReadOnlyViewSet, ScopedViewSet, ScopedViewSetMixin, ServiceSaveMixin
from org.spreadsheets import XLSX


class HazardViewSet(LedgerImportMixin, ScopedViewSet):
    """事故隐患 and its closed loop. State changes only through the actions below."""

    importer = staticmethod(importers.import_hazards)
    queryset = Hazard.objects.select_related("township", "enterprise", "supervision")
    serializer_class = HazardSerializer
    filterset_class = HazardFilterSet
    pagination_class = IdsFirstCursorPagination
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return HazardUpdateSerializer
        if self.action in ("assign", "rectify", "submit", "accept", "reject"):
            return TransitionRequestSerializer
        return super().get_serializer_class()

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.file_hazard(
            actor=self.request.user, files=self.request.FILES.getlist("files"), **data
        )

    @extend_schema(request=HazardUpdateSerializer, responses=HazardSerializer)
    def partial_update(self, request, *args, **kwargs):
        hazard = self.get_object()
        serializer = HazardUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        fields = {k: v for k, v in serializer.validated_data.items() if k in HAZARD_EDITABLE}
        hazard = services.update_hazard(hazard=hazard, actor=request.user, **fields)
        return Response(HazardSerializer(hazard, context=self.get_serializer_context()).data)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    def _transition(self, request, service, *, with_files: bool = False, with_responsible: bool = False):
        hazard = self.get_object()  # scope first: out of scope is a 404 whatever the body says
        form = TransitionRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        extra = {}
        if with_files:
            extra["files"] = request.FILES.getlist("files")
        if with_responsible:
            extra["responsible"] = form.validated_data["responsible"]
        hazard = service(hazard=hazard, actor=request.user, note=form.validated_data["note"], **extra)
        return Response(HazardSerializer(hazard, context=self.get_serializer_context()).data)

    @extend_schema(request=TransitionRequestSerializer, responses=HazardSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        """交办: reported → assigned."""
        return self._transition(request, services.assign_hazard, with_responsible=True)

    @extend_schema(request=TransitionRequestSerializer, responses=HazardSerializer)
    @action(detail=True, methods=["post"])
    def rectify(self, request, pk=None):
        """整改中: assigned → rectifying (photos before rectification in `files`)."""
        return self._transition(request, services.start_rectification, with_files=True)

    @extend_schema(request=TransitionRequestSerializer, responses=HazardSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """整改完成待验收: rectifying → submitted (photos after rectification in `files`)."""
        return self._transition(request, services.submit_rectification, with_files=True)

    @extend_schema(request=TransitionRequestSerializer, responses=HazardSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """验收通过并销号: submitted → closed (county, or the supervising level)."""
        return self._transition(request, services.accept_hazard)

    @extend_schema(request=TransitionRequestSerializer, responses=HazardSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """验收不通过: submitted → rectifying, with the reason in `note`."""
        return self._transition(request, services.reject_hazard)

    @extend_schema(request=SupervisionRequestSerializer, responses=HazardSerializer)
    @action(detail=True, methods=["post"], url_path="supervision")
    def supervise(self, request, pk=None):
        """挂牌督办: lists a major hazard; only its supervising level may then close it."""
        hazard = self.get_object()  # scope first: out of scope is a 404 whatever the body says
        form = SupervisionRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.list_hazard(hazard=hazard, actor=request.user, **form.validated_data)
        hazard = self.get_queryset().get(pk=hazard.pk)
        return Response(HazardSerializer(hazard, context=self.get_serializer_context()).data)

    @extend_schema(filters=True, responses={(200, XLSX): OpenApiTypes.BINARY})
    @action(detail=False, methods=["get"], pagination_class=None)
    def export(self, request):
        """导出Excel: every hazard the list's filters select (within the caller's scope), in the
        list's order, as the 隐患台账 workbook — the same file as the page's 导出Excel."""
        return exports.ledger_download(self.filter_queryset(self.get_queryset()), user=request.user)

    @extend_schema(responses=TransitionSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def transitions(self, request, pk=None):
        """流转记录: every step of this hazard, oldest first, with its attachments."""
        hazard = self.get_object()
        steps = HazardTransition.objects.filter(hazard=hazard).select_related("actor").prefetch_related("attachments")
        return Response(TransitionSerializer(steps, many=True).data)


class Batch3030ViewSet(ScopedViewSetMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """“3030”窗口 with their progress: major hazards found and closed in the window."""

    queryset = Batch3030.objects.select_related("region", "department")
    serializer_class = Batch3030Serializer
    filterset_fields = ["unit_kind"]

    @extend_schema(parameters=[OpenApiParameter("current", bool, description="只看包含今天的窗口")])
    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        if request.query_params.get("current") in ("1", "true"):
            today = timezone.localdate()
            queryset = queryset.filter(opened_on__lte=today, closes_on__gte=today)
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(Batch3030Serializer(batches.progress(list(page)), many=True).data)


class AccidentViewSet(ServiceSaveMixin, ScopedViewSet):
    """生产安全事故: records that feed 双下降 and the 较大及以上 target."""

    queryset = Accident.objects.select_related("township")
    serializer_class = AccidentSerializer
    filterset_class = AccidentFilterSet
    save_service = staticmethod(services.save_accident)
    instance_kwarg = "accident"


class TipViewSet(ScopedReadOnlyViewSet):
    """群众举报 (码上报) in the caller's area: the township's queue (``?status=pending``), and
    its decision: accept (a hazard with source 举报 enters the loop) or reject (with a reason
    the tipster reads on the receipt page)."""

    queryset = Tip.objects.select_related("township", "enterprise")
    serializer_class = TipSerializer
    filterset_class = TipFilterSet

    def get_serializer_class(self):
        return {"accept": TipAcceptSerializer, "reject": TipRejectSerializer}.get(self.action, TipSerializer)

    @extend_schema(request=TipAcceptSerializer, responses=TipSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """核实属实: files the hazard (整改期限 `deadline` required) and links the tip to it."""
        tip = self.get_object()  # scope first: out of scope is a 404 whatever the body says
        form = TipAcceptSerializer(data=request.data, context=self.get_serializer_context())
        form.is_valid(raise_exception=True)
        tip = tips.accept_tip(tip=tip, actor=request.user, **form.validated_data)
        return Response(TipSerializer(tip).data)

    @extend_schema(request=TipRejectSerializer, responses=TipSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """不予受理, with the `reason` shown to the tipster."""
        tip = self.get_object()
        form = TipRejectSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        tip = tips.reject_tip(tip=tip, actor=request.user, reason=form.validated_data["reason"])
        return Response(TipSerializer(tip).data)
