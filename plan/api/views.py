from org.api.viewsets import ScopedReadOnlyViewSet
from plan.api.serializers import AttainmentCache, TargetSerializer
from plan.filtersets import TargetFilterSet
from plan.models import Target


class TargetViewSet(ScopedReadOnlyViewSet):
    """目标: every target of the plan, with the part it belongs to and its status."""

    queryset = Target.objects.select_related("plan", "focus", "action", "mechanism")
    serializer_class = TargetSerializer
    filterset_class = TargetFilterSet

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "attainment": AttainmentCache(self.request.user)}
