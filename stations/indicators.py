"""Indicators of F2, A3, A4 and A6.teams, computed from this app's registers.

Registers (stations, grids, teams) are read as they stand when computed, except what carries its
own date: a station counts as built from its 建成日期, an evaluation is valid from its 测评日期 to
its 有效期至 on the period's last day, a case counts in the year to the period's last day, an
agreement from the day it was signed. The county's teams and agreements are measured for the
county itself (``for_county``): a township has none of its own to add up.
"""

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from org import assessments
from org.models import Region
from plan.periods import Month
from plan.registry import Indicator, Measurement, registry
from stations import accreditation, circles
from stations.models import EntrustedCase, Grid, LinkageAgreement, RescueTeam, Station, TeamEvaluation

APP = "stations"


def _ids(units) -> list[int]:
    return [u.pk for u in units]


def _county_q(county) -> Q:
    return Q(region__path__startswith=county.path)


# --- F2: stations built ---------------------------------------------------------------------


def _built_by(day: date) -> Q:
    return Q(status=Station.Status.BUILT, built_on__lte=day)


def stations_built(period: Month, townships) -> dict[int, Measurement]:
    """建成率: each township counts once; its station counts if built by the period's end."""
    built = set(
        Station.objects.filter(_built_by(period.last_day), township__in=_ids(townships)).values_list(
            "township", flat=True
        )
    )
    return {t.pk: Measurement.ratio(1 if t.pk in built else 0, 1) for t in townships}


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def stations_accredited(period: Month, townships) -> dict[int, Measurement]:
    """达标率: built stations (by the period's end) with a verified pass by then ÷ built stations."""
    built = set(
        Station.objects.filter(_built_by(period.last_day), township__in=_ids(townships)).values_list(
            "township", flat=True
        )
    )
    passed = assessments.passed_townships(accreditation.KIND, as_of=_end_of(period.last_day))
    return {pk: Measurement.ratio(1 if pk in passed else 0, 1) for pk in built}


# --- A3: grids, circles, entrusted enforcement ----------------------------------------------


def _covers(duty_field: str):
    return Exists(Grid.objects.filter(village=OuterRef("pk"), **{duty_field: True}))


def grid_coverage(period: Month, townships) -> dict[int, Measurement]:
    """网格协同覆盖率: villages whose grids together cover 安全生产, 消防安全 and 防灾减灾 (two grouped queries)."""
    villages = Region.objects.villages().filter(parent__in=_ids(townships))
    covered = villages.filter(_covers("covers_safety"), _covers("covers_fire"), _covers("covers_disaster"))
    parts = dict(covered.values("parent").annotate(n=Count("pk")).values_list("parent", "n"))
    totals = villages.values("parent").annotate(n=Count("pk")).values_list("parent", "n")
    return {parent: Measurement.ratio(parts.get(parent, 0), total) for parent, total in totals}


def circle_coverage(period: Month, townships) -> dict[int, Measurement]:
    """救援圈覆盖率: villages within the village circle and seats within the town circle's arrival minutes."""
    result = {}
    for township_id, reaches in circles.coverage(townships, on=period.last_day).items():
        villages, seats = [r for r in reaches if not r.is_seat], [r for r in reaches if r.is_seat]
        share = Measurement.ratio(sum(r.within for r in reaches), len(reaches))
        detail = {
            "villages_within": sum(r.within for r in villages),
            "villages": len(villages),
            "seats_within": sum(r.within for r in seats),
            "seats": len(seats),
        }
        result[township_id] = Measurement(share.value, share.numerator, share.denominator, detail=detail)
    return result


def _year_to(day: date) -> tuple[date, date]:
    return date(day.year, 1, 1), day


def _last_year(day: date) -> date:
    return day.replace(year=day.year - 1, day=min(day.day, 28))


def _entrusted_rows(period: Month, cases) -> list[dict]:
    this_year, last_year = _year_to(period.last_day), _year_to(_last_year(period.last_day))
    now, before = Q(decided_on__range=this_year), Q(decided_on__range=last_year)
    return list(
        cases.filter(now | before).annotate(
            total=Count("pk", filter=now),
            part=Count("pk", filter=now & Q(entrusted=True)),
            total_last=Count("pk", filter=before),
            part_last=Count("pk", filter=before & Q(entrusted=True)),
        )
    )


def _with_last_year(row: dict) -> Measurement:
    share = Measurement.ratio(row["part"], row["total"])
    last = Measurement.ratio(row["part_last"], row["total_last"])
    detail = {
        "entrusted_last_year": row["part_last"],
        "cases_last_year": row["total_last"],
        "share_last_year": None if last.value is None else str(last.value),
    }
    return Measurement(share.value, share.numerator, share.denominator, detail=detail)


def entrusted_share(period: Month, townships) -> dict[int, Measurement]:
    """委托执法比例: entrusted cases ÷ cases, year to date; last year's share to the same day in the detail."""
    cases = EntrustedCase.objects.filter(township__in=_ids(townships)).values("township")
    return {row["township"]: _with_last_year(row) for row in _entrusted_rows(period, cases)}


def entrusted_share_county(period: Month, county) -> Measurement:
    cases = EntrustedCase.objects.filter(township__path__startswith=county.path).values("township__parent")
    rows = _entrusted_rows(period, cases)
    return _with_last_year(rows[0] if rows else dict.fromkeys(("part", "total", "part_last", "total_last"), 0))


# --- A4: social teams and linkage -----------------------------------------------------------


def _nothing(period: Month, townships) -> dict[int, Measurement]:
    """The county's own teams and agreements: a township has none to count."""
    return {}


def social_teams_county(period: Month, county) -> Measurement:
    """县级社会救援队伍 with a three-level evaluation valid on the period's last day."""
    valid = TeamEvaluation.objects.valid_on(period.last_day).filter(team=OuterRef("pk"))
    teams = RescueTeam.objects.filter(_county_q(county), kind=RescueTeam.Kind.SOCIAL)
    counted = teams.filter(Exists(valid)).count()
    return Measurement(Measurement.count(counted).value, detail={"teams": teams.count(), "evaluated": counted})


def linkage_county(period: Month, county) -> Measurement:
    """跨区域应急联动协议: 1 once an agreement is signed (by the period's end), else 0."""
    signed = LinkageAgreement.objects.filter(_county_q(county), signed_on__lte=period.last_day)
    partners = sorted(set(signed.values_list("partner", flat=True)))
    return Measurement(Measurement.count(1 if partners else 0).value, detail={"partners": partners})


# --- A6.teams: forest firefighting teams ----------------------------------------------------


def township_forest_teams(period: Month, townships) -> dict[int, Measurement]:
    rows = (
        RescueTeam.objects.filter(kind=RescueTeam.Kind.TOWNSHIP_FOREST, region__in=_ids(townships))
        .values("region")
        .annotate(n=Count("pk"))
    )
    return {row["region"]: Measurement.count(row["n"]) for row in rows}


def forest_teams_county(period: Month, county) -> Measurement:
    """县级森林扑火队伍 (the value, goal 3) and 乡镇及涉林村队伍 (goal 18) in the detail."""
    rows = defaultdict(int)
    kinds = (RescueTeam.Kind.COUNTY_FOREST, RescueTeam.Kind.TOWNSHIP_FOREST)
    for row in RescueTeam.objects.filter(_county_q(county), kind__in=kinds).values("kind").annotate(n=Count("pk")):
        rows[row["kind"]] = row["n"]
    county_teams, township_teams = rows[RescueTeam.Kind.COUNTY_FOREST], rows[RescueTeam.Kind.TOWNSHIP_FOREST]
    return Measurement(
        Measurement.count(county_teams).value, detail={"county": county_teams, "township": township_teams}
    )


for indicator in (
    Indicator("F2.stations", _("乡镇应急消防管理站建成率"), "%", APP, "ratio_at_least", stations_built, ratio=True),
    Indicator(
        "A3.accredited", _("乡镇应急消防管理站建设达标率"), "%", APP, "ratio_at_least", stations_accredited, ratio=True
    ),
    Indicator("A3.grid", _("村(社)网格协同覆盖率"), "%", APP, "ratio_at_least", grid_coverage, ratio=True),
    Indicator("A3.circles", _("救援圈覆盖率"), "%", APP, "ratio_at_least", circle_coverage, ratio=True),
    Indicator(
        "A3.entrusted",
        _("乡镇委托执法比例"),
        "%",
        APP,
        "increase",
        entrusted_share,
        ratio=True,
        for_county=entrusted_share_county,
    ),
    Indicator(
        "A4.social_teams",
        _("完成三级测评的县级社会救援队伍"),
        "支",
        APP,
        "count_at_least",
        _nothing,
        for_county=social_teams_county,
    ),
    Indicator("A4.linkage", _("跨区域应急联动协议签订"), "", APP, "done", _nothing, for_county=linkage_county),
    Indicator(
        "A6.teams",
        _("森林扑火队伍"),
        "支",
        APP,
        "count_at_least",
        township_forest_teams,
        for_county=forest_teams_county,
    ),
):
    registry.register(indicator)
