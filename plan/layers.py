"""The map layer registry: each app registers what it puts on the county map (县域一张图).

Like the indicator registry, apps register in their own ``maps.py`` (imported by
``PlanConfig.ready``) and the map page reads only this registry, so ``plan`` never imports a
domain app.

A layer names a model and turns its rows into GeoJSON features, but it never chooses the rows:
it is handed ``model.objects.visible_to(user)``, so every layer goes through the one scope choke
point (org.scoping) and cannot show another township's data by forgetting to filter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet

if TYPE_CHECKING:
    from org.models import User

Features = Callable[[QuerySet], list[dict]]


@dataclass(frozen=True)
class Layer:
    key: str
    label: str
    colour: str
    model: type[Model] = field(repr=False)
    # The user's own rows in, GeoJSON features out (see ``point``).
    features: Features = field(repr=False)
    # (property, label) pairs shown in a feature's popup under its name.
    details: Sequence[tuple[str, str]] = ()
    # True while the layer's data changes by the minute for this user (a typhoon is open):
    # the map then fetches it again every FLOOD_LIVE_POLL_SECONDS.
    live: Callable[[User], bool] | None = field(default=None, repr=False)

    def collection(self, user: User) -> dict:
        """The user's part of the layer as a GeoJSON FeatureCollection."""
        return {"type": "FeatureCollection", "features": self.features(self.model.objects.visible_to(user))}


def point(*, pk: int, lat: Decimal, lng: Decimal, **properties) -> dict:
    """One GeoJSON Point feature; GeoJSON puts the longitude first."""
    return {
        "type": "Feature",
        "id": pk,
        "geometry": {"type": "Point", "coordinates": [float(lng), float(lat)]},
        "properties": properties,
    }


_layers: dict[str, Layer] = {}


def register_layer(layer: Layer) -> Layer:
    if layer.key in _layers:
        raise ImproperlyConfigured(f"Map layer key {layer.key!r} is registered twice.")
    _layers[layer.key] = layer
    return layer


def unregister_layer(key: str) -> None:
    _layers.pop(key, None)


def get_layer(key: str) -> Layer | None:
    return _layers.get(key)


def layers() -> Iterator[Layer]:
    """The layers in the order they were registered (the legend's order)."""
    return iter(list(_layers.values()))


def live_keys(user: User) -> set[str]:
    """The layers to fetch again while the page is open; each distinct check is asked once."""
    answers: dict[Callable, bool] = {}
    for layer in layers():
        if layer.live is not None and layer.live not in answers:
            answers[layer.live] = layer.live(user)
    return {layer.key for layer in layers() if layer.live is not None and answers[layer.live]}
