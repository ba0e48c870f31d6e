"""The API-side choke point for scope: every viewset of every app derives from these."""

from collections.abc import Callable

from django.db.models import QuerySet
from rest_framework import mixins, viewsets


class ScopedViewSetMixin:
    """Limits a viewset's queryset to the requesting user's scope (404 outside it)."""

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().visible_to(self.request.user)


class ServiceSaveMixin:
    """Create and edit through the app's save service (scope and rules checked there): the
    service takes ``actor``, the record as ``instance_kwarg`` when editing, and the fields sent."""

    save_service: Callable = None
    instance_kwarg = ""

    def perform_create(self, serializer):
        serializer.instance = type(self).save_service(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = type(self).save_service(
            actor=self.request.user, **{self.instance_kwarg: serializer.instance}, **serializer.validated_data
        )


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """List and retrieve within scope."""


class ScopedCreateViewSet(
    ScopedViewSetMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Create, list and retrieve within scope: records that change only through their actions
    (an event's stage, a roll call's answers), never by editing."""


class ScopedViewSet(
    ScopedViewSetMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """List, retrieve, create and edit within scope (no delete: records are kept)."""
