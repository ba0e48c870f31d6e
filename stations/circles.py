"""Rescue circles (救援圈): how long the nearest rescue point takes to reach each village and
township seat, against the minutes of the plan's configuration table (plan.RescueCircle).

The first model, stated on the circle page: travel time = straight-line (great-circle) distance
× road factor ÷ speed, with ``STATIONS_ROAD_FACTOR`` (1.4: roads are longer than the crow flies)
and ``STATIONS_SPEED_KMH`` (40 km/h) from the settings. Where a village's (or seat's) travel time
was measured by a routing engine and imported (MeasuredTravelTime), the measured minutes replace
the estimate. Rescue points are the built stations and the township rescue and full-time fire
teams, wherever in the county they are based (the nearest may be in the next township). A place
without coordinates and without a measured time is not reached: nothing is assumed.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from org.models import Region
from plan.models import RescueCircle
from plan.plan2024 import RESCUE_CIRCLES
from stations.models import MeasuredTravelTime, RescueTeam, Station

EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle (haversine) distance between two points given in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lng2 - lng1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def travel_minutes(km: float) -> float:
    """Minutes by road for a straight-line distance, by the first model."""
    return km * settings.STATIONS_ROAD_FACTOR / settings.STATIONS_SPEED_KMH * 60


@dataclass(frozen=True)
class RescuePoint:
    label: str
    lat: float
    lng: float


@dataclass(frozen=True)
class Limits:
    """Arrival minutes of the two circles (town "135": 3 minutes to arrive; village: 15)."""

    town: int
    village: int


@dataclass(frozen=True)
class Reach:
    place: Region
    is_seat: bool
    minutes: float | None  # None: neither coordinates nor a measured time
    nearest: str
    measured: bool
    limit: int

    @property
    def within(self) -> bool:
        return self.minutes is not None and self.minutes <= self.limit

    @property
    def label(self) -> str:
        return str(self.place) if not self.is_seat else _("%(township)s驻地") % {"township": self.place}


def limits() -> Limits:
    """The arrival minutes the bureau set (plan.RescueCircle), the plan's defaults where a row is missing."""
    defaults = {area: arrival for area, _response, arrival, _joint in RESCUE_CIRCLES}
    configured = dict(RescueCircle.objects.values_list("area", "arrival_minutes"))
    minutes = {**defaults, **configured}
    return Limits(town=minutes[RescueCircle.Area.TOWN], village=minutes[RescueCircle.Area.VILLAGE])


def rescue_points(*, on: date | None = None) -> list[RescuePoint]:
    """Built stations (by ``on``, if given) and the township rescue and full-time fire teams, with coordinates."""
    stations = Station.objects.filter(status=Station.Status.BUILT, lat__isnull=False, lng__isnull=False)
    if on is not None:
        stations = stations.filter(built_on__lte=on)
    teams = RescueTeam.objects.filter(kind__in=RescueTeam.CIRCLE_KINDS, lat__isnull=False, lng__isnull=False)
    points = [RescuePoint(s.name, float(s.lat), float(s.lng)) for s in stations.only("name", "lat", "lng")]
    points += [RescuePoint(t.name, float(t.lat), float(t.lng)) for t in teams.only("name", "lat", "lng")]
    return points


def nearest(lat: Decimal, lng: Decimal, points: Sequence[RescuePoint]) -> tuple[float, str] | None:
    """(minutes, label) of the nearest point by the first model, or None without points."""
    best = min(((distance_km(float(lat), float(lng), p.lat, p.lng), p.label) for p in points), default=None)
    return None if best is None else (travel_minutes(best[0]), best[1])


def reach_of(place: Region, *, is_seat: bool, points, measured: dict, circle: Limits) -> Reach:
    limit = circle.town if is_seat else circle.village
    if place.pk in measured:
        return Reach(place, is_seat, float(measured[place.pk]), "", True, limit)
    found = nearest(place.lat, place.lng, points) if place.lat is not None and place.lng is not None else None
    if found is None:
        return Reach(place, is_seat, None, "", False, limit)
    return Reach(place, is_seat, found[0], found[1], False, limit)


def coverage(townships: Iterable[Region], *, on: date | None = None) -> dict[int, list[Reach]]:
    """Every township seat and village of ``townships``, by township id: four queries in all."""
    townships = list(townships)
    villages = list(Region.objects.villages().filter(parent__in=[t.pk for t in townships]).order_by("sort_order"))
    places = [(t, True) for t in townships] + [(v, False) for v in villages]
    measured = dict(
        MeasuredTravelTime.objects.filter(region__in=[p.pk for p, _seat in places]).values_list("region", "minutes")
    )
    points, circle = rescue_points(on=on), limits()
    found: dict[int, list[Reach]] = defaultdict(list)
    for place, is_seat in places:
        found[place.pk if is_seat else place.parent_id].append(
            reach_of(place, is_seat=is_seat, points=points, measured=measured, circle=circle)
        )
    return found
