"""This app's sheets in the monthly workbook: the month's hotspots with their verification (热点核查)
and the month's forest fires (林火), each as it stood at month end (read from the history)."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from forestfire.models import ForestFire, Hotspot, HotspotResult
from plan.exports import Column, Sheet, sheets
from plan.periods import Month

RESULT = dict(HotspotResult.choices)


def _span(period: Month) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(period.first_day, time.min))
    return start, timezone.make_aware(datetime.combine(period.last_day + timedelta(days=1), time.min))


def _latest(model, period: Month, moment_field: str) -> list:
    """One history row per record dated in the month: the last one before month end, or, for a
    record entered after the month ended (a sheet imported later), the first one recorded."""
    start, end = _span(period)
    rows = model.history.filter(**{f"{moment_field}__gte": start, f"{moment_field}__lt": end}).order_by(
        "id", "history_date", "history_id"
    )
    chosen: dict[int, object] = {}
    for row in rows.select_related("township").iterator(chunk_size=2000):
        if row.id not in chosen or row.history_date < end:
            chosen[row.id] = row
    return [row for row in chosen.values() if row.history_type != "-"]


def _local(moment):
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def hotspot_rows(period: Month):
    for row in sorted(_latest(Hotspot, period, "received_at"), key=lambda r: (r.received_at, r.id)):
        minutes = int((row.verified_at - row.received_at).total_seconds() // 60) if row.verified_at else None
        yield (row.code, row.township.name, row.satellite, _local(row.received_at), row.land_type,
               _local(row.verified_at), minutes, str(RESULT.get(row.result, "")), row.verifier,
               "是" if row.breached_at else "否")  # fmt: skip


def fire_rows(period: Month):
    teams = _team_names(period)
    for row in sorted(_latest(ForestFire, period, "reported_at"), key=lambda r: (r.reported_at, r.id)):
        minutes = int((row.first_arrived_at - row.reported_at).total_seconds() // 60) if row.first_arrived_at else None
        named = "、".join([*teams.get(row.id, []), *([row.first_teams] if row.first_teams else [])])
        yield (row.township.name, row.place, _local(row.started_at), _local(row.reported_at),
               _local(row.first_arrived_at), minutes, named, _local(row.extinguished_at), row.burned_area,
               row.cause, row.deaths, row.injuries)  # fmt: skip


def _team_names(period: Month) -> dict[int, list[str]]:
    """The registered first teams of the month's fires, by fire, in the register's order (one
    query; as they stand now: the link to the register keeps no history)."""
    start, end = _span(period)
    names: dict[int, list[str]] = {}
    through = ForestFire.teams.through.objects.filter(
        forestfire__reported_at__gte=start, forestfire__reported_at__lt=end
    )
    for fire, name in through.values_list("forestfire_id", "rescueteam__name").order_by(
        "rescueteam__kind", "rescueteam__region__sort_order", "rescueteam__name"
    ):
        names.setdefault(fire, []).append(name)
    return names


def _count(model, field):
    def count(period: Month) -> int:
        start, end = _span(period)
        return model.objects.filter(**{f"{field}__gte": start, f"{field}__lt": end}).count()

    return count


sheets.register(
    Sheet(
        "hotspots",
        "热点核查",
        [
            Column("热点编号", 16),
            Column("乡镇", 10),
            Column("卫星", 10),
            Column("接收时间", 18),
            Column("地类", 8),
            Column("核查时间", 18),
            Column("用时(分钟)", 10),
            Column("核查结果", 10),
            Column("反馈人", 10),
            Column("超时", 6),
        ],
        hotspot_rows,
        count=_count(Hotspot, "received_at"),
        order=90,
    )
)
sheets.register(
    Sheet(
        "forest_fires",
        "林火",
        [
            Column("乡镇", 10),
            Column("起火地点", 18),
            Column("起火时间", 18),
            Column("报告时间", 18),
            Column("首支队伍到场", 18),
            Column("到场用时(分钟)", 10),
            Column("到场队伍", 20),
            Column("扑灭时间", 18),
            Column("过火面积(公顷)", 12, "0.00", total=True),
            Column("起火原因", 14),
            Column("死亡人数", 8, total=True),
            Column("受伤人数", 8, total=True),
        ],
        fire_rows,
        count=_count(ForestFire, "reported_at"),
        order=91,
    )
)
