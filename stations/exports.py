"""This app's sheets in the monthly workbook: stations and their accreditation, grid coverage by
village, and the rescue teams with their evaluations — each as it stood at the end of the month
(Asia/Shanghai), read from the rows' history, so a month's file says the same whenever it is made."""

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django.db.models import Model, QuerySet
from django.utils import timezone

from org.models import Assessment, Checklist, Region
from plan.exports import Column, Sheet, sheets
from plan.periods import Month
from stations.accreditation import KIND
from stations.models import Grid, RescueTeam, Station, TeamEvaluation

STATUS = dict(Station.Status.choices)
ASSESSMENT = dict(Assessment.Status.choices)
KINDS = dict(RescueTeam.Kind.choices)
SPECIALTY = dict(TeamEvaluation.Specialty.choices)
LEVEL = dict(TeamEvaluation.Level.choices)
YES, NO = "是", "否"


def _end_of(period: Month) -> datetime:
    day = period.last_day + timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


def as_of(model: type[Model], period: Month, **filters) -> Iterator:
    """Each row's last history entry before the month ended (rows deleted by then left out), streamed."""
    history = model.history.filter(history_date__lt=_end_of(period), **filters).order_by("id", "-history_date")
    last_id = None
    for row in history.iterator(chunk_size=2_000):
        if row.id == last_id:
            continue
        last_id = row.id
        if row.history_type != "-":
            yield row


def _yes(flag: bool) -> str:
    return YES if flag else NO


# --- 管理站建设与达标 -------------------------------------------------------------------------


def _accreditation_at(period: Month) -> dict[int, object]:
    """Each township's newest assessment (highest version) as it stood at the month's end."""
    versions = dict(Checklist.objects.filter(kind=KIND).values_list("pk", "version"))
    found: dict[int, tuple[int, object]] = {}
    for row in as_of(Assessment, period, checklist__kind=KIND):
        version = versions.get(row.checklist_id, 0)
        if row.township_id not in found or version > found[row.township_id][0]:
            found[row.township_id] = (version, row)
    return {township: row for township, (_version, row) in found.items()}


def station_rows(period: Month):
    townships = dict(Region.objects.townships().values_list("pk", "name"))
    assessments = _accreditation_at(period)
    stations = sorted(as_of(Station, period), key=lambda s: (s.township_id,))
    for station in stations:
        assessment = assessments.get(station.township_id)
        yield (
            townships.get(station.township_id, ""),
            station.name,
            str(STATUS[station.status]),
            station.built_on,
            station.staff_count,
            _yes(station.has_fire_team),
            station.fire_team_members,
            _yes(station.station_team_integrated),
            _yes(station.emergency_fire_integrated),
            _yes(station.prevention_fire_integrated),
            str(ASSESSMENT[assessment.status]) if assessment else "",
            assessment.self_total if assessment else None,
            assessment.verified_total if assessment else None,
        )


# --- 网格覆盖 --------------------------------------------------------------------------------


def _villages() -> QuerySet:
    return Region.objects.villages().select_related("parent").order_by("parent__sort_order", "sort_order", "name")


def grid_rows(period: Month):
    duties: dict[int, list] = {}
    for grid in as_of(Grid, period):
        covered = duties.setdefault(grid.village_id, [0, False, False, False])
        covered[0] += 1
        covered[1] |= grid.covers_safety
        covered[2] |= grid.covers_fire
        covered[3] |= grid.covers_disaster
    for village in _villages().iterator(chunk_size=2_000):
        count, safety, fire, disaster = duties.get(village.pk, [0, False, False, False])
        yield (
            village.parent.name,
            village.name,
            count,
            "√" if safety else "×",
            "√" if fire else "×",
            "√" if disaster else "×",
            _yes(safety and fire and disaster),
        )


# --- 救援队伍与测评 --------------------------------------------------------------------------


def _latest_evaluations(period: Month) -> dict[int, object]:
    latest: dict[int, object] = {}
    for evaluation in as_of(TeamEvaluation, period, assessed_on__lte=period.last_day):
        known = latest.get(evaluation.team_id)
        if known is None or evaluation.assessed_on > known.assessed_on:
            latest[evaluation.team_id] = evaluation
    return latest


def _valid(evaluation, day: date) -> str:
    if evaluation is None:
        return ""
    return _yes(evaluation.valid_until is None or evaluation.valid_until >= day)


def team_rows(period: Month):
    regions = dict(Region.objects.filter(level__lte=Region.Level.TOWNSHIP).values_list("pk", "name"))
    evaluations = _latest_evaluations(period)
    order = list(KINDS)
    teams = sorted(as_of(RescueTeam, period), key=lambda t: (order.index(t.kind), t.name))
    for team in teams:
        evaluation = evaluations.get(team.id)
        yield (
            team.name,
            str(KINDS[team.kind]),
            regions.get(team.region_id, ""),
            team.leader,
            team.phone,
            team.members,
            str(SPECIALTY[evaluation.specialty]) if evaluation else "",
            str(LEVEL[evaluation.level]) if evaluation else "",
            evaluation.assessed_on if evaluation else None,
            evaluation.valid_until if evaluation else None,
            _valid(evaluation, period.last_day),
        )


sheets.register(
    Sheet(
        "stations",
        "管理站建设与达标",
        [
            Column("乡镇", 12),
            Column("站名", 26),
            Column("建设状态", 10),
            Column("建成日期", 12),
            Column("在编在岗人员", 12, total=True),
            Column("专职消防队", 10),
            Column("专职消防队员", 12, total=True),
            Column("站队一体", 8),
            Column("应消一体", 8),
            Column("防消一体", 8),
            Column("达标考评", 10),
            Column("自评得分", 10, "0.0"),
            Column("核验得分", 10, "0.0"),
        ],
        station_rows,
        count=lambda period: Station.objects.count(),
        order=80,
    )
)
sheets.register(
    Sheet(
        "grids",
        "网格覆盖",
        [
            Column("乡镇", 12),
            Column("村(社区)", 16),
            Column("网格数", 8, total=True),
            Column("安全生产", 8),
            Column("消防安全", 8),
            Column("防灾减灾", 8),
            Column("三项齐全", 8),
        ],
        grid_rows,
        count=lambda period: _villages().count(),
        order=81,
    )
)
sheets.register(
    Sheet(
        "teams",
        "救援队伍与测评",
        [
            Column("队伍名称", 28),
            Column("队伍类别", 16),
            Column("所属区划", 12),
            Column("负责人", 10),
            Column("联系电话", 14),
            Column("队员人数", 10, total=True),
            Column("测评专业", 14),
            Column("测评等级", 8),
            Column("测评日期", 12),
            Column("有效期至", 12),
            Column("测评有效", 8),
        ],
        team_rows,
        count=lambda period: RescueTeam.objects.count(),
        order=82,
    )
)
