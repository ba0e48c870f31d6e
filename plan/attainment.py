"""Where each target stands: its latest monthly value against its goal, and its trend.

未接入 — no app measures it yet (never an invented number); 暂无数据 — measured, but no snapshot
has a value yet; 达成 / 未达成 — the latest county value against the goal.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from org.models import Region, User
from plan.models import IndicatorValue, SnapshotRun, Target, WorkPlan
from plan.registry import registry


@dataclass(frozen=True)
class TargetStatus:
    code: str  # untracked | no_data | met | unmet
    label: str


UNTRACKED = TargetStatus("untracked", _("未接入"))
NO_DATA = TargetStatus("no_data", _("暂无数据"))
MET = TargetStatus("met", _("达成"))
UNMET = TargetStatus("unmet", _("未达成"))


@dataclass
class Attainment:
    target: Target
    status: TargetStatus
    latest: IndicatorValue | None = None
    trend: list[tuple[date, Decimal | None]] = field(default_factory=list)


def target_status(target: Target) -> TargetStatus:
    """The status without snapshot data (used where only registration matters)."""
    return NO_DATA if target.indicator_key in registry else UNTRACKED


def module_pending(app_label: str) -> bool:
    """Whether the app that owns a part of the plan is still to be built (not installed)."""
    return bool(app_label) and not apps.is_installed(app_label)


def evaluate(target: Target, value: IndicatorValue | None, last_year: IndicatorValue | None = None) -> TargetStatus:
    if target.indicator_key not in registry:
        return UNTRACKED
    if value is None or value.value is None:
        return NO_DATA
    v, goal = value.value, target.threshold
    kind = Target.Kind
    met = {
        kind.COUNT_AT_LEAST: lambda: v >= goal,
        kind.COUNT_AT_MOST: lambda: v <= goal,
        kind.RATIO_AT_LEAST: lambda: v >= goal,
        kind.YOY_DECREASE: lambda: v >= 1,
        kind.SLA_WITHIN: lambda: v >= 100,
        kind.BATCH: lambda: v >= 100,
        kind.DONE: lambda: v >= 1,
        kind.RANKING: lambda: v >= 1,
        kind.INCREASE: lambda: last_year is not None and last_year.value is not None and v > last_year.value,
    }[target.kind]
    if goal is None and target.kind in (kind.COUNT_AT_LEAST, kind.COUNT_AT_MOST, kind.RATIO_AT_LEAST):
        return NO_DATA
    return MET if met() else UNMET


def county_for(plan: WorkPlan) -> Region:
    """The county whose figures the plan is measured by: the plan's own."""
    return plan.county


def attainment(plan: WorkPlan, *, as_of: date | None = None, user: User | None = None) -> list[Attainment]:
    """Every target of the plan with its status and monthly trend (up to ``as_of``): three queries.
    Read for ``user`` through the scope (pages, API); without one, as the county's jobs read it."""
    targets = list(Target.objects.filter(plan=plan).select_related("focus", "action", "mechanism"))
    values = _county_values(plan, {t.indicator_key for t in targets}, user)
    result = []
    for target in targets:
        series = values.get(target.indicator_key, {})
        this_year = sorted(day for day in series if day.year == plan.year and (as_of is None or day <= as_of))
        latest = series[this_year[-1]] if this_year else None
        last_year = series.get(latest.period.replace(year=latest.period.year - 1)) if latest else None
        result.append(
            Attainment(
                target=target,
                status=evaluate(target, latest, last_year),
                latest=latest,
                trend=[(day, series[day].value) for day in this_year],
            )
        )
    return result


def _county_values(plan: WorkPlan, keys: set[str], user: User | None) -> dict[str, dict[date, IndicatorValue]]:
    readable = IndicatorValue.objects.all() if user is None else IndicatorValue.objects.visible_to(user)
    rows = readable.filter(
        region_id=plan.county_id,
        department__isnull=True,
        indicator__in=keys,
        period__range=(date(plan.year - 1, 1, 1), date(plan.year, 12, 1)),
        run__status=SnapshotRun.Status.COMPLETE,
    )
    values: dict[str, dict[date, IndicatorValue]] = defaultdict(dict)
    for row in rows:
        values[row.indicator][row.period] = row
    return values
