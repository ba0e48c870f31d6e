"""What campaigns puts on the county map: demonstration sites, experience halls, broadcast points
and the public places with their publicity.

Each layer is one query over the rows the map hands it (already limited to the user's scope);
rows without a location are listed on their own pages but not drawn.
"""

from django.db.models import F, Max, QuerySet
from django.utils.translation import gettext_lazy as _

from campaigns.models import PublicPlace, Site
from plan.layers import Layer, point, register_layer


def _located(rows: QuerySet) -> QuerySet:
    return rows.filter(lat__isnull=False, lng__isnull=False)


def site_features(kind: str):
    def features(sites: QuerySet) -> list[dict]:
        rows = _located(sites.filter(kind=kind)).values(
            "pk", "lat", "lng", "name", "address", township_name=F("township__name")
        )
        return [point(**row) for row in rows]

    return features


def place_features(places: QuerySet) -> list[dict]:
    labels = dict(PublicPlace.Kind.choices)
    rows = (
        _located(places)
        .annotate(last_covered=Max("coverages__covered_on"))
        .values("pk", "lat", "lng", "name", "kind", "last_covered", township_name=F("township__name"))
    )
    return [
        point(**{**row, "last_covered": row["last_covered"].isoformat() if row["last_covered"] else ""},
              kind_label=str(labels.get(row["kind"], "")))
        for row in rows
    ]  # fmt: skip


SITE_DETAILS = [("township_name", _("乡镇")), ("address", _("地址"))]
for key, kind, colour in (
    ("demonstration_sites", Site.Kind.DEMONSTRATION, "#7a5af8"),
    ("experience_halls", Site.Kind.EXPERIENCE_HALL, "#0e9384"),
    ("broadcast_points", Site.Kind.BROADCAST, "#dc6803"),
):
    register_layer(Layer(key=key, label=kind.label, colour=colour, model=Site, features=site_features(kind),
                         details=SITE_DETAILS))  # fmt: skip
register_layer(
    Layer(
        key="public_places",
        label=_("公共场所"),
        colour="#4e5ba6",
        model=PublicPlace,
        features=place_features,
        details=[("kind_label", _("场所类型")), ("township_name", _("乡镇")), ("last_covered", _("最近覆盖日期"))],
    )
)
