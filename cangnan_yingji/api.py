"""The one API router: every app registers its viewsets here, under /api/v1/."""

from rest_framework.routers import DefaultRouter

from org.api.views import RegionViewSet
from plan.api.views import TargetViewSet

router = DefaultRouter()
router.register("regions", RegionViewSet, basename="region")
router.register("targets", TargetViewSet, basename="target")
