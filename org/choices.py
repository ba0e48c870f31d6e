"""The rows a user may pick in a form or an API body: always within their scope.

Forms (org.forms.ScopedChoicesMixin) and serializers (org.api.choices.ScopedChoicesMixin) name
these by field, so a township's clerk is never offered, and can never send, another township's
village or record.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from org.models import Region

if TYPE_CHECKING:
    from org.models import User


def regions(user: User) -> QuerySet[Region]:
    return Region.objects.visible_to(user)


def townships(user: User) -> QuerySet[Region]:
    return Region.objects.visible_to(user).townships()


def villages(user: User) -> QuerySet[Region]:
    return (
        Region.objects.visible_to(user).villages().select_related("parent").order_by("parent__sort_order", "sort_order")
    )


def command_regions(user: User) -> QuerySet[Region]:
    """Where a command or a committee sits: the county or a township."""
    return Region.objects.visible_to(user).filter(level__lte=Region.Level.TOWNSHIP)


def place_label(region: Region) -> str:
    """A village with its township (two villages of different townships may share a name)."""
    return f"{region.parent.name} · {region.name}" if region.level == Region.Level.VILLAGE else region.name


def person_label(user: User) -> str:
    return f"{user.get_full_name() or user.username}({user.region})"


def for_request(choose: Callable[[User], QuerySet]) -> Callable:
    """The same choices for a FilterSet, which hands over the request (``None`` while the API
    schema is built: then nothing is offered)."""

    def queryset(request) -> QuerySet:
        return choose(request.user if request is not None else AnonymousUser())

    return queryset
