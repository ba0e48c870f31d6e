"""Which township a hotspot belongs to when the feed does not say: the nearest township seat or
village (org.Region.lat/lng), by great-circle distance."""

import math
from collections.abc import Iterable
from decimal import Decimal

from org.models import Region

EARTH_RADIUS_KM = 6371.0


def distance_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Haversine distance between two points, in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlng = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlng / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def nearest(places: Iterable, lat: Decimal | float, lng: Decimal | float):
    """The place (anything with ``lat`` and ``lng``) closest to the point, or None if none has both."""
    located = [p for p in places if p.lat is not None and p.lng is not None]
    if not located:
        return None
    return min(located, key=lambda p: distance_km(float(lat), float(lng), float(p.lat), float(p.lng)))


class PlaceFinder:
    """The located township seats and villages, loaded once (an import resolves many rows)."""

    def __init__(self):
        self._places = None

    def find(self, lat: Decimal | float, lng: Decimal | float) -> tuple[Region | None, Region | None]:
        """(township, village) nearest to the point: a village when it is nearer than any
        township seat, otherwise the seat's township and no village."""
        if self._places is None:
            self._places = list(
                Region.objects.filter(
                    level__in=[Region.Level.TOWNSHIP, Region.Level.VILLAGE], lat__isnull=False, lng__isnull=False
                ).select_related("parent")
            )
        found = nearest(self._places, lat, lng)
        if found is None:
            return None, None
        if found.level == Region.Level.VILLAGE:
            return found.parent, found
        return found, None


def nearest_place(lat: Decimal | float, lng: Decimal | float) -> tuple[Region | None, Region | None]:
    return PlaceFinder().find(lat, lng)
