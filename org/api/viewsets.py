"""The API-side choke point for scope: every viewset of every app derives from these."""

from django.db.models import QuerySet
from rest_framework import mixins, viewsets


class ScopedViewSetMixin:
    """Limits a viewset's queryset to the requesting user's scope (404 outside it)."""

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().visible_to(self.request.user)


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """List and retrieve within scope."""


class ScopedViewSet(
    ScopedViewSetMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """List, retrieve, create and edit within scope (no delete: records are kept)."""
