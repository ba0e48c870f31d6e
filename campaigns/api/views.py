from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from campaigns import importers, services
from campaigns.api.serializers import (
    ActivitySerializer,
    CoverageRequestSerializer,
    MemberSerializer,
    PlaceSerializer,
    ResourceSerializer,
    SiteSerializer,
    VideoSerializer,
)
from campaigns.filtersets import (
    ActivityFilterSet,
    MemberFilterSet,
    PlaceFilterSet,
    ResourceFilterSet,
    SiteFilterSet,
    VideoFilterSet,
)
from campaigns.models import Activity, PublicPlace, Resource, ServiceTeamMember, Site, Video
from org.api.ledgers import LedgerImportMixin
from org.api.viewsets import ScopedViewSet, ServiceSaveMixin

PARSERS = [JSONParser, MultiPartParser, FormParser]


class FileSaveMixin(ServiceSaveMixin):
    """Create and edit through the save service, handing over the uploaded ``upload_field``
    (multipart) as the service's ``upload_param``."""

    upload_field = "file"
    upload_param = "file"
    many = False

    def _uploads(self) -> dict:
        files = self.request.FILES
        value = files.getlist(self.upload_field) if self.many else files.get(self.upload_field)
        return {self.upload_param: value} if value else {}

    def perform_create(self, serializer):
        serializer.instance = type(self).save_service(
            actor=self.request.user, **serializer.validated_data, **self._uploads()
        )

    def perform_update(self, serializer):
        serializer.instance = type(self).save_service(
            actor=self.request.user,
            **{self.instance_kwarg: serializer.instance},
            **serializer.validated_data,
            **self._uploads(),
        )


class ActivityViewSet(LedgerImportMixin, FileSaveMixin, ScopedViewSet):
    """宣传活动; photos as multipart ``photos``; a township ledger at POST …/import/."""

    importer = staticmethod(importers.import_activities)
    queryset = Activity.objects.select_related("township", "kind").prefetch_related("photos")
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilterSet
    parser_classes = PARSERS
    save_service = staticmethod(services.save_activity)
    instance_kwarg = "activity"
    upload_field = upload_param = "photos"
    many = True


class VideoViewSet(FileSaveMixin, ScopedViewSet):
    """警示教育视频; an MP4 file as multipart ``file``, or a ``link``."""

    queryset = Video.objects.select_related("region")
    serializer_class = VideoSerializer
    filterset_class = VideoFilterSet
    parser_classes = PARSERS
    save_service = staticmethod(services.save_video)
    instance_kwarg = "video"


class PlaceViewSet(ServiceSaveMixin, ScopedViewSet):
    """公共场所 with their publicity coverage (POST …/{id}/cover/)."""

    queryset = PublicPlace.objects.select_related("township").prefetch_related("coverages")
    serializer_class = PlaceSerializer
    filterset_class = PlaceFilterSet
    parser_classes = PARSERS
    save_service = staticmethod(services.save_place)
    instance_kwarg = "place"

    @extend_schema(request=CoverageRequestSerializer, responses=PlaceSerializer)
    @action(detail=True, methods=["post"])
    def cover(self, request, pk=None):
        """宣传覆盖: what was put up on which day, with an optional ``photo``."""
        place = self.get_object()  # scope first: out of scope is a 404 whatever the body says
        body = CoverageRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.record_coverage(actor=request.user, place=place, **body.validated_data)
        place = self.get_queryset().get(pk=place.pk)
        return Response(PlaceSerializer(place, context=self.get_serializer_context()).data, status=201)


class ResourceViewSet(FileSaveMixin, ScopedViewSet):
    """宣教资料 of the QR library; a file as multipart ``file``."""

    queryset = Resource.objects.select_related("region")
    serializer_class = ResourceSerializer
    filterset_class = ResourceFilterSet
    parser_classes = PARSERS
    save_service = staticmethod(services.save_resource)
    instance_kwarg = "resource"


class MemberViewSet(ServiceSaveMixin, ScopedViewSet):
    """“一呼百应”安全服务队员."""

    queryset = ServiceTeamMember.objects.select_related("township")
    serializer_class = MemberSerializer
    filterset_class = MemberFilterSet
    save_service = staticmethod(services.save_member)
    instance_kwarg = "member"


class SiteViewSet(ServiceSaveMixin, ScopedViewSet):
    """安全文化示范点、应急安全体验场馆、应急广播点."""

    queryset = Site.objects.select_related("township")
    serializer_class = SiteSerializer
    filterset_class = SiteFilterSet
    save_service = staticmethod(services.save_site)
    instance_kwarg = "site"
