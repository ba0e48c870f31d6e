"""The page-side choke point for scope: every list and detail page starts here."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import QuerySet


class ScopedObjectMixin(LoginRequiredMixin):
    """Limits a class-based view's queryset to the signed-in user's scope.

    An object outside the scope is not found (404), exactly like a missing id.
    """

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().visible_to(self.request.user)
