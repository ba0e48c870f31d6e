"""The live figures of an event, as the county (or a township, or a village) may see them.

Every figure is one grouped query over TransferTally, the counts the database keeps by village,
zone kind and status as transfers are written, so the live view costs the same with 5,000 or
500,000 people (bench/bench_live_view.py); only a village's zones are counted from its transfers.
"""

from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext as _

from flood1833.models import MatrixTask, ResponseEvent, Shelter, Transfer, TransferTally, ZoneKind
from flood1833.services import SAFE_STATUSES
from org.models import Region, User


def current_event(user: User) -> ResponseEvent | None:
    """The event a user works on now: the latest one still open, else the latest one."""
    events = ResponseEvent.objects.visible_to(user).select_related("stage", "region")
    return events.filter(ended_at__isnull=True).first() or events.first()


def _tallies(event: ResponseEvent, user: User):
    return TransferTally.objects.visible_to(user).filter(event=event)


def _total():
    return Sum("n", default=0)


def _safe_total():
    return Sum("n", filter=Q(status__in=SAFE_STATUSES), default=0)


def transfer_counts(*, event: ResponseEvent, user: User) -> dict:
    by_status = dict(_tallies(event, user).values_list("status").annotate(total=_total()).order_by())
    statuses = [
        {"key": key, "label": str(label), "count": by_status.get(key, 0)} for key, label in Transfer.Status.choices
    ]
    total = sum(by_status.values())
    safe = sum(by_status.get(key, 0) for key in SAFE_STATUSES)
    return {"statuses": statuses, "total": total, "safe": safe, "percent": round(100 * safe / total) if total else 0}


def transfer_progress(*, event: ResponseEvent, user: User) -> dict:
    """已转移 x / y in the user's scope: one grouped query (the field page's header)."""
    counts = _tallies(event, user).aggregate(total=_total(), safe=_safe_total())
    return {"safe": counts["safe"], "total": counts["total"]}


def _safe_count():
    return Count("pk", filter=Q(status__in=SAFE_STATUSES))


def by_township(*, event: ResponseEvent, user: User) -> list[dict]:
    rows = (
        _tallies(event, user)
        .values("township_id")
        .annotate(total=_total(), safe=_safe_total(), sheltered=Sum("n", filter=Q(status="sheltered"), default=0))
        .order_by()
    )
    counts = {row["township_id"]: row for row in rows}
    names = Region.objects.filter(pk__in=counts).order_by("sort_order").values_list("pk", "name")
    return [{"name": name, **{k: v for k, v in counts[pk].items() if k != "township_id"}} for pk, name in names]


def by_zone_kind(*, event: ResponseEvent, user: User) -> list[dict]:
    rows = _tallies(event, user).values("zone_kind").annotate(total=_total(), safe=_safe_total()).order_by()
    labels = dict(ZoneKind.choices)
    return [
        {"kind": row["zone_kind"], "label": str(labels.get(row["zone_kind"]) or _("未划区域")), **row}
        for row in sorted(rows, key=lambda row: row["zone_kind"])
    ]


def shelter_occupancy(*, user: User) -> list[dict]:
    shelters = (
        Shelter.objects.visible_to(user)
        .annotate(present=Count("transfers", filter=Q(transfers__status=Transfer.Status.SHELTERED)))
        .values("pk", "name", "capacity", "present", "township__name")
        .order_by("township__sort_order", "name")
    )
    return [
        {
            "id": row["pk"],
            "name": row["name"],
            "township": row["township__name"],
            "capacity": row["capacity"],
            "present": row["present"],
            "full": row["present"] >= row["capacity"],
        }
        for row in shelters
    ]


def matrix_completion(*, event: ResponseEvent, user: User) -> dict:
    """633 completion of the current stage (or a given one), by level and by township."""
    tasks = MatrixTask.objects.visible_to(user).filter(event=event)
    if event.stage_id:
        tasks = tasks.filter(stage_id=event.stage_id)
    done = Count("pk", filter=Q(done_at__isnull=False))
    levels = tasks.values("level__order", "level__name").annotate(total=Count("pk"), done=done).order_by("level__order")
    townships = (
        tasks.values("township__sort_order", "township__name")
        .annotate(total=Count("pk"), done=done)
        .order_by("township__sort_order")
    )
    return {
        "by_level": [{"name": r["level__name"], "total": r["total"], "done": r["done"]} for r in levels],
        "by_township": [{"name": r["township__name"], "total": r["total"], "done": r["done"]} for r in townships],
    }


def drill_down(*, event: ResponseEvent, user: User, township: str = "", village: str = "") -> dict:
    """已转移 / 应转移 one level down: the county by township, a township by village, a village by
    danger zone (one grouped query, within the user's scope: another area's id shows nobody)."""
    if _is_id(village):
        # One village: its own transfers by danger zone (a village is a few hundred people).
        rows = (
            Transfer.objects.visible_to(user)
            .filter(event=event, village_id=village)
            .values(key=F("person__zone_id"), name=F("person__zone__name"))
            .annotate(total=Count("pk"), safe=_safe_count())
        )
        level, area = "zone", Region.objects.filter(pk=village).values("pk", "name", "parent_id").first()
    elif _is_id(township):
        rows = _tallies(event, user).filter(township_id=township).values(key=F("village_id"), name=F("village__name"))
        rows = rows.annotate(total=_total(), safe=_safe_total())
        level, area = "village", Region.objects.filter(pk=township).values("pk", "name", "parent_id").first()
    else:
        rows = _tallies(event, user).values(key=F("township_id"), name=F("township__name"))
        rows = rows.annotate(total=_total(), safe=_safe_total())
        level, area = "township", None
    rows = rows.order_by("name")
    rows = list(rows)
    most = max((row["total"] for row in rows), default=0)
    found = [
        {
            "id": row["key"],
            "name": row["name"] or str(_("未划区域")),
            "total": row["total"],
            "safe": row["safe"],
            "percent": round(100 * row["safe"] / row["total"]) if row["total"] else 0,
            # The chart's bars (server-drawn SVG, CHART_WIDTH wide, one row per CHART_ROW).
            "y": index * CHART_ROW,
            "bar_total": round(CHART_WIDTH * row["total"] / most) if most else 0,
            "bar_safe": round(CHART_WIDTH * row["safe"] / most) if most else 0,
        }
        for index, row in enumerate(rows)
    ]
    return {"level": level, "area": area, "rows": found, "height": len(found) * CHART_ROW}


CHART_WIDTH = 340
CHART_ROW = 40


def _is_id(value: str) -> bool:
    return bool(value) and value.isascii() and value.isdigit()


def snapshot(*, event: ResponseEvent, user: User, township: str = "", village: str = "") -> dict:
    """Everything the live view shows, as plain data (also its JSON)."""
    return {
        "drill": drill_down(event=event, user=user, township=township, village=village),
        "event": {
            "id": event.pk,
            "name": event.name,
            "stage": event.stage.name if event.stage else "",
            "ended": event.ended_at is not None,
        },
        "transfers": transfer_counts(event=event, user=user),
        "by_township": by_township(event=event, user=user),
        "by_zone_kind": by_zone_kind(event=event, user=user),
        "shelters": shelter_occupancy(user=user),
        "matrix": matrix_completion(event=event, user=user),
    }
