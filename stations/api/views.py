from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from org.api.assessments import AssessmentViewSet
from org.api.ledgers import LedgerImportMixin
from org.api.viewsets import ScopedViewSet, ServiceSaveMixin
from org.models import Assessment
from stations import accreditation, importers, services
from stations.api.serializers import (
    EntrustedCaseSerializer,
    EvaluationRequestSerializer,
    GridSerializer,
    LinkageSerializer,
    StationSerializer,
    TeamEvaluationSerializer,
    TeamSerializer,
)
from stations.filtersets import (
    EntrustedCaseFilterSet,
    GridFilterSet,
    LinkageFilterSet,
    StationFilterSet,
    TeamFilterSet,
)
from stations.models import EntrustedCase, Grid, LinkageAgreement, RescueTeam, Station, TeamEvaluation


class StationViewSet(ServiceSaveMixin, LedgerImportMixin, ScopedViewSet):
    """乡镇应急消防管理站: list, read, register and correct within the caller's area; POST …/import/."""

    queryset = Station.objects.select_related("township")
    serializer_class = StationSerializer
    filterset_class = StationFilterSet
    importer = staticmethod(importers.import_stations)
    save_service = staticmethod(services.save_station)
    instance_kwarg = "station"


class GridViewSet(ServiceSaveMixin, LedgerImportMixin, ScopedViewSet):
    """网格 with their workers and duties; POST …/import/ takes a township's grid ledger."""

    queryset = Grid.objects.select_related("village__parent").prefetch_related("workers")
    serializer_class = GridSerializer
    filterset_class = GridFilterSet
    importer = staticmethod(importers.import_grids)
    save_service = staticmethod(services.save_grid)
    instance_kwarg = "grid"


class TeamViewSet(ServiceSaveMixin, LedgerImportMixin, ScopedViewSet):
    """救援队伍 (the county's are seen county-wide) and their 三级测评; POST …/import/."""

    queryset = RescueTeam.objects.select_related("region").prefetch_related(
        Prefetch("evaluations", queryset=TeamEvaluation.objects.order_by("-assessed_on", "-id"))
    )
    serializer_class = TeamSerializer
    filterset_class = TeamFilterSet
    importer = staticmethod(importers.import_teams)
    save_service = staticmethod(services.save_team)
    instance_kwarg = "team"

    @extend_schema(request=EvaluationRequestSerializer, responses={201: TeamEvaluationSerializer})
    @action(detail=True, methods=["post"])
    def evaluations(self, request, pk=None):
        """登记三级测评结果 (county only)."""
        team = self.get_object()  # scope first: out of scope is a 404 whatever the body says
        form = EvaluationRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        evaluation = services.save_evaluation(actor=request.user, team=team, **form.validated_data)
        return Response(TeamEvaluationSerializer(evaluation).data, status=201)


class EntrustedCaseViewSet(ServiceSaveMixin, ScopedViewSet):
    """执法案件 of the townships, entrusted (委托执法) or not."""

    queryset = EntrustedCase.objects.select_related("township")
    serializer_class = EntrustedCaseSerializer
    filterset_class = EntrustedCaseFilterSet
    save_service = staticmethod(services.save_entrusted_case)
    instance_kwarg = "case"


class LinkageViewSet(ServiceSaveMixin, ScopedViewSet):
    """跨区域应急联动协议 (the county's, read by its townships too)."""

    queryset = LinkageAgreement.objects.all()
    serializer_class = LinkageSerializer
    filterset_class = LinkageFilterSet
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    save_service = staticmethod(services.save_linkage)
    instance_kwarg = "agreement"


class AccreditationViewSet(AssessmentViewSet):
    """管理站达标: the township assesses its station and submits; the county verifies or returns."""

    kind = accreditation.KIND
    # Names the model for the URL conf's scope walk (tests/test_scope_urls.py); the rows still come
    # from AssessmentViewSet.get_queryset: this kind's, within the caller's scope.
    queryset = Assessment.objects.all()
