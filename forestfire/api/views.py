from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from forestfire import importers, services
from forestfire.api.serializers import (
    ArrivalSerializer,
    FireSourceCheckSerializer,
    ForestFireSerializer,
    ForestRiskSerializer,
    HotspotSerializer,
    VerifySerializer,
)
from forestfire.filtersets import FireSourceCheckFilterSet, ForestFireFilterSet, ForestRiskFilterSet, HotspotFilterSet
from forestfire.models import FireSourceCheck, ForestFire, ForestRisk, ForestTownshipAssessment, Hotspot
from forestfire.standardization import KIND
from org.api.assessments import AssessmentViewSet
from org.api.ledgers import LedgerImportMixin
from org.api.viewsets import ScopedCreateViewSet, ScopedViewSet, ServiceSaveMixin


class HotspotViewSet(LedgerImportMixin, ScopedCreateViewSet):
    """卫星监测热点. `POST` is idempotent by `code`: the same hotspot pushed again updates it (200)
    instead of adding a second one (201). `breached_at` is the deadline (received + the limit in
    plan.ServiceLevel `hotspot_verify`) a verification missed; `verify` records the result."""

    queryset = Hotspot.objects.select_related("township").prefetch_related("photos")
    serializer_class = HotspotSerializer
    filterset_class = HotspotFilterSet
    importer = staticmethod(importers.import_hotspots)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        hotspot, created = services.receive_hotspot(actor=request.user, **serializer.validated_data)
        body = self.get_serializer(self.get_queryset().get(pk=hotspot.pk)).data
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @extend_schema(request=ArrivalSerializer, responses=HotspotSerializer)
    @action(detail=True, methods=["post"])
    def arrive(self, request, pk=None):
        """到达: the verifier is on the spot."""
        hotspot = self.get_object()
        form = ArrivalSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.record_arrival(hotspot=hotspot, actor=request.user, **form.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=hotspot.pk)).data)

    @extend_schema(request={"multipart/form-data": VerifySerializer, "application/json": VerifySerializer},
                   responses=HotspotSerializer)  # fmt: skip
    @action(detail=True, methods=["post"], parser_classes=[JSONParser, MultiPartParser, FormParser])
    def verify(self, request, pk=None):
        """核查反馈: result, feedback, the phone's position and photos (multipart `photos`)."""
        hotspot = self.get_object()
        form = VerifySerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.verify_hotspot(hotspot=hotspot, actor=request.user, **form.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=hotspot.pk)).data)


class ForestFireViewSet(ServiceSaveMixin, ScopedViewSet):
    """林火: `arrival_minutes` from the report to the first team on the spot (the one-hour circle);
    `teams` are the first teams from the rescue-team register (`/api/v1/teams/`), `first_teams`
    names any others."""

    queryset = ForestFire.objects.select_related("township").prefetch_related("teams")
    serializer_class = ForestFireSerializer
    filterset_class = ForestFireFilterSet
    save_service = staticmethod(services.save_fire)
    instance_kwarg = "fire"


class FireSourceCheckViewSet(ServiceSaveMixin, ScopedViewSet):
    """火源检查: 清明 / 冬至祭祀用火, 农事用火, 野外施工用火."""

    queryset = FireSourceCheck.objects.select_related("township")
    serializer_class = FireSourceCheckSerializer
    filterset_class = FireSourceCheckFilterSet
    save_service = staticmethod(services.save_check)
    instance_kwarg = "check"


class ForestRiskViewSet(ServiceSaveMixin, ScopedViewSet):
    """“三张清单”: forest fire risks, who rectifies them, by when; `is_overdue` past the due day."""

    queryset = ForestRisk.objects.select_related("township")
    serializer_class = ForestRiskSerializer
    filterset_class = ForestRiskFilterSet
    save_service = staticmethod(services.save_risk)
    instance_kwarg = "risk"

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}


class StandardizationViewSet(AssessmentViewSet):
    """涉林乡镇规范化建设: each forest township's self-assessment and the county's verification."""

    kind = KIND
    queryset = ForestTownshipAssessment.objects.all()  # get_queryset narrows it to the kind and the scope
