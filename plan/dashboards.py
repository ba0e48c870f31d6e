"""What the dashboards show, read from stored snapshots in a fixed number of queries."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Max, QuerySet
from django.utils.translation import gettext as _

from org.models import Region, User
from plan.attainment import attainment, county_for
from plan.models import IndicatorValue, RankingRow, RankingScheme, SnapshotRun, WorkPlan
from plan.periods import Month
from plan.registry import registry

TREND_KEYS = ("A1.coverage", "M1.loop3030", "hazards.closed_on_time", "hazards.major_closure")


def latest_period(*, year: int | None = None) -> Month | None:
    """The newest month with a complete snapshot (within ``year`` when given)."""
    runs = SnapshotRun.objects.complete() if year is None else SnapshotRun.objects.complete().filter(period__year=year)
    last = runs.aggregate(period=Max("period"))["period"]
    return Month.of(last) if last else None


def county_overview(plan: WorkPlan, period: Month | None, *, user: User) -> dict:
    """Read for ``user`` through the scope, as the API reads it (the county's own figures are
    portal-wide: org.scoping.UnitFiguresQuerySet)."""
    items = attainment(plan, as_of=period.first_day if period else None, user=user)
    groups = defaultdict(list)
    for item in items:
        groups[item.target.part.code[0]].append(item)
    county = county_for(plan)
    ranking = _ranking(period, RankingScheme.Kind.TOWNSHIP, user=user)
    return {
        "period": period,
        "focuses": groups["F"],
        "actions": groups["A"],
        "mechanisms": groups["M"],
        "met": sum(1 for i in items if i.status.code == "met"),
        "unmet": sum(1 for i in items if i.status.code == "unmet"),
        "untracked": sum(1 for i in items if i.status.code == "untracked"),
        "no_data": sum(1 for i in items if i.status.code == "no_data"),
        "ranking": ranking,
        "ranking_chart": {"units": [str(r.unit) for r in ranking], "scores": [float(r.score) for r in ranking]},
        "department_ranking": _ranking(period, RankingScheme.Kind.DEPARTMENT, user=user),
        "trend": _trend(IndicatorValue.objects.visible_to(user), county, plan.year, TREND_KEYS),
        "loop3030": _value(IndicatorValue.objects.visible_to(user), county, period, "M1.loop3030"),
    }


def _ranking(period: Month | None, kind: str, *, user: User) -> list[RankingRow]:
    """The month's ranking as ``user`` may read it: published, or the draft (marked) for county admins."""
    if period is None:
        return []
    return list(
        RankingRow.objects.visible_to(user)
        .complete()
        .with_publication()
        .filter(period=period.first_day, scheme__kind=kind)
        .select_related("region", "department")
        .order_by("rank", "id")
    )


def _value(values: QuerySet, region: Region | None, period: Month | None, key: str) -> IndicatorValue | None:
    if region is None or period is None:
        return None
    return values.filter(
        region=region, department__isnull=True, indicator=key, period=period.first_day, run__status="complete"
    ).first()


def _trend(values: QuerySet, region: Region | None, year: int, keys) -> dict:
    """{"months": [...], "series": [{"name": label, "data": [...]}]} for a line chart."""
    rows = values.filter(
        region=region,
        department__isnull=True,
        indicator__in=keys,
        period__year=year,
        run__status=SnapshotRun.Status.COMPLETE,
    ).order_by("period")
    months = sorted({row.period for row in rows})
    by_key = defaultdict(dict)
    for row in rows:
        by_key[row.indicator][row.period] = row.value
    series = [
        {
            "name": str(registry.get(key).label) if key in registry else key,
            "data": [_number(by_key[key].get(m)) for m in months],
        }
        for key in keys
        if key in by_key
    ]
    return {"months": [m.strftime("%Y-%m") for m in months], "series": series}


def _number(value) -> float | None:
    return None if value is None else float(value)


def township_view(township: Region, period: Month | None, *, user: User) -> dict:
    """A township's indicators against the county's, and its rank month by month (read for
    ``user`` through the scope)."""
    county = township.parent
    keys = [c.indicator for c in _township_components()]
    values = IndicatorValue.objects.visible_to(user).filter(
        region__in=[township, county],
        department__isnull=True,
        period=period.first_day if period else date.min,
        run__status=SnapshotRun.Status.COMPLETE,
    )
    mine, whole = {}, {}
    for row in values:
        (mine if row.region_id == township.pk else whole)[row.indicator] = row
    townships = Region.objects.filter(parent=county, level=Region.Level.TOWNSHIP).count() or 1
    comparison = []
    for key in keys or [i.key for i in registry]:
        indicator = registry.get(key)
        if indicator is None:
            continue
        own, total = mine.get(key), whole.get(key)
        # Ratios: the county's own ratio; counts: the county total shared among its townships.
        average = None
        if total is not None and total.value is not None:
            average = total.value if indicator.ratio else (total.value / townships).quantize(Decimal("0.01"))
        comparison.append(
            {"key": key, "label": str(indicator.label), "unit": indicator.unit, "own": own, "average": average}
        )
    history = list(
        RankingRow.objects.visible_to(user)
        .complete()
        .filter(region=township, scheme__kind="township")
        .order_by("period")
        .values_list("period", "rank")
    )
    return {
        "comparison": comparison,
        "rank_history": {"months": [p.strftime("%Y-%m") for p, _ in history], "ranks": [r for _, r in history]},
        "chart": {
            "own_label": township.name,
            "average_label": str(_("全县平均")),
            "labels": [c["label"] for c in comparison],
            "own": [_number(c["own"].value if c["own"] else None) for c in comparison],
            "average": [_number(c["average"]) for c in comparison],
        },
    }


def _township_components():
    scheme = RankingScheme.objects.filter(kind=RankingScheme.Kind.TOWNSHIP, is_active=True).first()
    return list(scheme.components.all()) if scheme else []
