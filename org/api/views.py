from org import importers, services
from org.api.ledgers import LedgerImportMixin
from org.api.serializers import EnterpriseSerializer, RegionSerializer
from org.api.viewsets import ScopedReadOnlyViewSet, ScopedViewSet
from org.filtersets import EnterpriseFilterSet, RegionFilterSet
from org.models import Enterprise, Region


class RegionViewSet(ScopedReadOnlyViewSet):
    """行政区划: the regions within the caller's scope."""

    queryset = Region.objects.select_related("parent")
    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet


class EnterpriseViewSet(LedgerImportMixin, ScopedViewSet):
    """检查对象 (生产经营单位): list, read, register and correct, within the caller's area."""

    queryset = Enterprise.objects.select_related("township")
    serializer_class = EnterpriseSerializer
    filterset_class = EnterpriseFilterSet
    importer = staticmethod(importers.import_enterprises)

    def perform_create(self, serializer):
        serializer.instance = services.save_enterprise(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        enterprise = serializer.instance
        fields = {**services.enterprise_fields(enterprise), **serializer.validated_data}  # a PATCH gives some
        serializer.instance = services.save_enterprise(actor=self.request.user, enterprise=enterprise, **fields)
