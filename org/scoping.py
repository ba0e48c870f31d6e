"""Who may see which rows: the one place where scope is decided.

Every regional model declares where its region is (``scope_region_field``) and, if it belongs
to a department, where that is (``scope_department_field``); its default manager is built from
``ScopedQuerySet``. Pages and the API start from ``Model.objects.visible_to(user)`` through
``org.views.ScopedObjectMixin`` and ``org.api.viewsets.ScopedViewSetMixin``, so a row outside a
user's scope is simply not found (404), exactly like a missing id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from django.apps import apps
from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from org.models import User


def scope_q(model: type[models.Model], user: User, *, joined: bool = False) -> Q | None:
    """The filter that limits ``model`` to ``user``'s scope; ``None`` means nothing at all.

    ``joined`` states the same rule on the region row itself (its path), for a query that joins
    that row anyway, as a row lock taken with the row's places does: one relation fewer for the
    database to plan than the semi-join that lists need."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Q()
    if not user.role or user.region_id is None:
        return None
    region_field = getattr(model, "scope_region_field", None)
    department_field = getattr(model, "scope_department_field", None)
    if region_field and joined:
        q = Q(**{f"{region_field}__path__startswith": user.region.path})
    elif region_field:
        # "region id in (regions under mine)": a semi-join the database can stream through an
        # ordered index, where a join on the region's path would sort every row first.
        regions = apps.get_model("org", "Region").objects.filter(path__startswith=user.region.path)
        q = Q(**{f"{region_field}__in": regions.values("pk")})
    else:
        q = Q(path__startswith=user.region.path)
    if user.role == user.Role.DEPARTMENT_STAFF and department_field:
        q &= Q(**{department_field: user.department_id})
    return q


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows how to limit itself to what a user may see."""

    def visible_to(self, user: User, *, joined: bool = False) -> Self:
        q = scope_q(self.model, user, joined=joined)
        return self.none() if q is None else self.filter(q)


class AreaWideQuerySet(ScopedQuerySet):
    """Scoped rows that also reach down: a county-wide event or a township's shelter is seen by
    everyone working below it (a village cadre sees the typhoon and the shelters of their township)."""

    def visible_to(self, user: User) -> Self:
        q = scope_q(self.model, user)
        if q is None:
            return self.none()
        if user.region_id is not None and not user.is_superuser:
            above = [int(pk) for pk in user.region.path.strip("/").split("/") if pk]
            q |= Q(**{f"{self.model.scope_region_field}__in": above})
        return self.filter(q)


class UnitFiguresQuerySet(ScopedQuerySet):
    """Figures measured per unit (a month's indicator values): each user reads the units in their
    scope, and the county's own figures (county level and above, not a department's) are
    portal-wide on purpose: every township reads how the county stands against the plan, as it
    reads the published ranking. Pages and the API read them through this one rule."""

    def visible_to(self, user: User) -> Self:
        q = scope_q(self.model, user)
        if q is None:
            return self.none()
        Region = apps.get_model("org", "Region")
        region, department = self.model.scope_region_field, self.model.scope_department_field
        county_wide = Q(**{f"{region}__level__lte": Region.Level.COUNTY, f"{department}__isnull": True})
        return self.filter(q | county_wide)


class PortalWideQuerySet(models.QuerySet):
    """Rows that are the same for everyone in the portal (the plan, the published ranking):
    every signed-in, active user with a role reads them."""

    def visible_to(self, user: User) -> Self:
        if user.is_authenticated and user.is_active and (user.role or user.is_superuser):
            return self
        return self.none()
