"""The one API router: every app registers its viewsets here, under /api/v1/."""

from rest_framework.routers import DefaultRouter

from hazards3030.api.views import AccidentViewSet, Batch3030ViewSet, EnterpriseViewSet, HazardViewSet
from org.api.views import RegionViewSet
from plan.api.monthly import IndicatorValueViewSet, RankingViewSet, SnapshotViewSet, WorkbookViewSet
from plan.api.views import TargetViewSet

router = DefaultRouter()
router.register("regions", RegionViewSet, basename="region")
router.register("targets", TargetViewSet, basename="target")
router.register("enterprises", EnterpriseViewSet, basename="enterprise")
router.register("hazards", HazardViewSet, basename="hazard")
router.register("batches3030", Batch3030ViewSet, basename="batch3030")
router.register("accidents", AccidentViewSet, basename="accident")
router.register("indicator-values", IndicatorValueViewSet, basename="indicator-value")
router.register("rankings", RankingViewSet, basename="ranking")
router.register("snapshots", SnapshotViewSet, basename="snapshot")
router.register("workbooks", WorkbookViewSet, basename="workbook")
