from org.api.serializers import RegionSerializer
from org.api.viewsets import ScopedReadOnlyViewSet
from org.filtersets import RegionFilterSet
from org.models import Region


class RegionViewSet(ScopedReadOnlyViewSet):
    """行政区划: the regions within the caller's scope."""

    queryset = Region.objects.select_related("parent")
    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet
