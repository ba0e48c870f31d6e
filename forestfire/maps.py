"""What forestfire puts on the county map: satellite hotspots, coloured by status and age.

Three layers over the same rows (each handed the user's own hotspots): 待核查 (the hour still
running), 超时 (the hour passed, verified late or not yet), and 已核查 of the last 30 days; each
point says how long ago it was received.
"""

from datetime import timedelta

from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forestfire import sla
from forestfire.models import Hotspot, HotspotResult
from org.models import User
from plan.layers import Layer, point, register_layer

RECENT_DAYS = 30
FIELDS = ("pk", "lat", "lng", "code", "received_at", "result")


def _features(rows: QuerySet) -> list[dict]:
    now, labels = timezone.now(), dict(HotspotResult.choices)
    features = []
    for row in rows.values(*FIELDS, township_name=F("township__name")):
        minutes = int((now - row.pop("received_at")).total_seconds() // 60)
        age = (
            _("%(h)s小时%(m)s分钟前") % {"h": minutes // 60, "m": minutes % 60}
            if minutes < 2880
            else _("%(d)s天前") % {"d": minutes // 1440}
        )
        row["name"] = row.pop("code")
        features.append(point(**row, age=age, result_label=str(labels.get(row.pop("result"), "")) or "—"))
    return features


def open_features(hotspots: QuerySet) -> list[dict]:
    return _features(hotspots.open().filter(breached_at__isnull=True))


def late_features(hotspots: QuerySet) -> list[dict]:
    recent = timezone.now() - timedelta(days=RECENT_DAYS)
    return _features(hotspots.breached().filter(received_at__gte=recent))


def verified_features(hotspots: QuerySet) -> list[dict]:
    recent = timezone.now() - timedelta(days=RECENT_DAYS)
    return _features(hotspots.verified().filter(breached_at__isnull=True, received_at__gte=recent))


def hotspots_open(user: User) -> bool:
    """A hotspot of the user's area is waiting: the map refreshes while its clock runs."""
    limit = timedelta(minutes=sla.hotspot_minutes() + 5)
    return Hotspot.objects.visible_to(user).open().filter(received_at__gte=timezone.now() - limit).exists()


DETAILS = [
    ("township_name", gettext_lazy("乡镇")),
    ("age", gettext_lazy("接收")),
    ("result_label", gettext_lazy("核查结果")),
]

register_layer(
    Layer(
        key="hotspots-open",
        label=gettext_lazy("卫星热点·待核查"),
        colour="#f79009",
        model=Hotspot,
        features=open_features,
        details=DETAILS,
        live=hotspots_open,
    )
)
register_layer(
    Layer(
        key="hotspots-late",
        label=gettext_lazy("卫星热点·超时"),
        colour="#b42318",
        model=Hotspot,
        features=late_features,
        details=DETAILS,
        live=hotspots_open,
    )
)
register_layer(
    Layer(
        key="hotspots-verified",
        label=gettext_lazy("卫星热点·已核查"),
        colour="#667085",
        model=Hotspot,
        features=verified_features,
        details=DETAILS,
    )
)
