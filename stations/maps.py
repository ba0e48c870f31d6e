"""What stations puts on the county map: the stations, the rescue teams, and villages coloured by
whether a rescue circle reaches them (stations.circles).

Each layer reads the rows the map hands it (already limited to the user's scope); rows without a
location are listed on their own pages but not drawn.
"""

from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy

from org.models import Region
from plan.layers import Layer, point, register_layer
from stations import circles
from stations.models import RescueTeam, Station

REACHED, NOT_REACHED = "#1b7f3b", "#d92d20"


def _located(rows: QuerySet) -> QuerySet:
    return rows.filter(lat__isnull=False, lng__isnull=False)


def station_features(stations: QuerySet) -> list[dict]:
    labels = dict(Station.Status.choices)
    rows = _located(stations).values("pk", "lat", "lng", "name", "status", "staff_count")
    return [point(**row, status_label=str(labels[row["status"]])) for row in rows]


def team_features(teams: QuerySet) -> list[dict]:
    labels = dict(RescueTeam.Kind.choices)
    rows = _located(teams).values("pk", "lat", "lng", "name", "kind", "members", region_name=F("region__name"))
    return [point(**row, kind_label=str(labels[row["kind"]])) for row in rows]


def reach_features(regions: QuerySet, *, within: bool) -> list[dict]:
    """Villages (and township seats) with coordinates that a rescue circle reaches (or does not)."""
    townships = list(regions.townships())
    if not townships:  # a village cadre: their own village's township, as far as they see it
        townships = list(Region.objects.filter(pk__in=regions.villages().values("parent")))
    visible = set(regions.values_list("pk", flat=True))
    features = []
    for reaches in circles.coverage(townships).values():
        for reach in reaches:
            place = reach.place
            if reach.within != within or place.pk not in visible or place.lat is None or place.lng is None:
                continue
            minutes = "" if reach.minutes is None else f"{reach.minutes:.1f}"
            features.append(point(pk=place.pk, lat=place.lat, lng=place.lng, name=reach.label, minutes=minutes,
                                  limit=reach.limit))  # fmt: skip
    return features


register_layer(
    Layer(
        key="stations",
        label=gettext_lazy("应急消防管理站"),
        colour="#b54708",
        model=Station,
        features=station_features,
        details=[("status_label", gettext_lazy("建设状态")), ("staff_count", gettext_lazy("在编在岗人员"))],
    )
)
register_layer(
    Layer(
        key="rescue_teams",
        label=gettext_lazy("救援队伍"),
        colour="#6941c6",
        model=RescueTeam,
        features=team_features,
        details=[
            ("kind_label", gettext_lazy("队伍类别")),
            ("region_name", gettext_lazy("所属区划")),
            ("members", gettext_lazy("队员人数")),
        ],
    )
)
REACH_DETAILS = [("minutes", gettext_lazy("通行时间(分钟)")), ("limit", gettext_lazy("时限(分钟)"))]
register_layer(
    Layer(
        key="village_reached",
        label=gettext_lazy("救援圈内的村(社区)"),
        colour=REACHED,
        model=Region,
        features=lambda regions: reach_features(regions, within=True),
        details=REACH_DETAILS,
    )
)
register_layer(
    Layer(
        key="village_not_reached",
        label=gettext_lazy("救援圈外的村(社区)"),
        colour=NOT_REACHED,
        model=Region,
        features=lambda regions: reach_features(regions, within=False),
        details=REACH_DETAILS,
    )
)
