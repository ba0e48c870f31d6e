from org import importers, services
from org.api.ledgers import LedgerImportMixin
from org.api.serializers import EnterpriseSerializer, RegionSerializer
from org.api.viewsets import ScopedReadOnlyViewSet, ScopedViewSet, ServiceSaveMixin
from org.filtersets import EnterpriseFilterSet, RegionFilterSet
from org.models import Enterprise, Region


class RegionViewSet(LedgerImportMixin, ScopedReadOnlyViewSet):
    """行政区划: the regions within the caller's scope; POST …/import/ takes a villages register."""

    queryset = Region.objects.select_related("parent")
    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet
    importer = staticmethod(importers.import_villages)


class EnterpriseViewSet(ServiceSaveMixin, LedgerImportMixin, ScopedViewSet):
    """检查对象 (生产经营单位): list, read, register and correct, within the caller's area."""

    queryset = Enterprise.objects.select_related("township")
    serializer_class = EnterpriseSerializer
    filterset_class = EnterpriseFilterSet
    importer = staticmethod(importers.import_enterprises)
    save_service = staticmethod(services.save_enterprise)
    instance_kwarg = "enterprise"
