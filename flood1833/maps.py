"""What flood1833 puts on the county map: danger zones, shelters (with who is there now) and depots.

Each layer is one query over the rows the map hands it (already limited to the user's scope);
rows without a location are listed on their own pages but not drawn.
"""

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from flood1833.live import current_event
from flood1833.models import DangerZone, Depot, Shelter, Transfer, ZoneKind
from org.models import User
from plan.layers import Layer, point, register_layer


def typhoon_open(user: User) -> bool:
    """A typhoon (or rain) response this user works on is under way: shelters fill by the minute."""
    event = current_event(user)
    return event is not None and event.is_active


def _located(rows: QuerySet) -> QuerySet:
    return rows.filter(lat__isnull=False, lng__isnull=False)


def zone_features(zones: QuerySet) -> list[dict]:
    labels = dict(ZoneKind.choices)
    rows = _located(zones).values("pk", "lat", "lng", "name", "kind", village_name=F("village__name"))
    return [point(**row, kind_label=str(labels.get(row["kind"], ""))) for row in rows]


def shelter_features(shelters: QuerySet) -> list[dict]:
    rows = (
        _located(shelters)
        .annotate(occupancy=Count("transfers", filter=Q(transfers__status=Transfer.Status.SHELTERED)))
        .values("pk", "lat", "lng", "name", "capacity", "occupancy", township_name=F("township__name"))
    )
    return [point(**row) for row in rows]


def depot_features(depots: QuerySet) -> list[dict]:
    labels = dict(Depot.Kind.choices)
    rows = _located(depots).values("pk", "lat", "lng", "name", "kind", region_name=F("region__name"))
    return [point(**row, kind_label=str(labels.get(row["kind"], ""))) for row in rows]


register_layer(
    Layer(
        key="zones",
        label=_("危险区域"),
        colour="#c4320a",
        model=DangerZone,
        features=zone_features,
        details=[("kind_label", _("类别")), ("village_name", _("村(社区)"))],
        live=typhoon_open,
    )
)
register_layer(
    Layer(
        key="shelters",
        label=_("避灾安置场所"),
        colour="#1b7f3b",
        model=Shelter,
        features=shelter_features,
        details=[
            ("township_name", _("乡镇")),
            ("capacity", _("容纳人数")),
            ("occupancy", Transfer.Status.SHELTERED.label),
        ],
        live=typhoon_open,
    )
)
register_layer(
    Layer(
        key="depots",
        label=_("物资仓库"),
        colour="#175cd3",
        model=Depot,
        features=depot_features,
        details=[("kind_label", _("类型")), ("region_name", _("所属区划"))],
        live=typhoon_open,
    )
)
