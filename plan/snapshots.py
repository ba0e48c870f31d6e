"""The monthly snapshot job: every registered indicator × unit × month, then the ranking.

A run writes its own rows and, only when everything is written, becomes the month's snapshot
and replaces the previous one in one transaction. Its ranking is a draft until a county
administrator publishes it (plan.publication), and only then do the 区域挂牌 notices go out; a
published month is not computed again until it is withdrawn. A run that dies midway therefore leaves the
previous complete snapshot in place; running it again (or the stalled-run scan) starts that
run afresh. Re-running a month gives the same rows with the same numbers.
"""

import time
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from org.access import require
from org.errors import Conflict
from org.models import Department, Region, User
from plan import workbooks
from plan.models import IndicatorValue, RankingPublication, RankingRow, RankingScheme, SnapshotRun
from plan.periods import Month
from plan.publication import REASON_LENGTH, can_publish_rankings, withdraw_ranking
from plan.rankings import Component, rank
from plan.registry import Measurement, registry

STALL_AFTER = timedelta(minutes=10)
MAX_ATTEMPTS = 3  # a run that raises (or stalls) this often is marked failed, with its error


class TakenOver(Exception):
    """A newer attempt of the same run took it over: this one stops quietly."""


def counties() -> list[Region]:
    return list(Region.objects.filter(level=Region.Level.COUNTY))


@transaction.atomic
def start_snapshot(*, period: Month, requested_by: User | None = None) -> SnapshotRun:
    """Queues a snapshot of ``period``; refused while one for that month is still running, and
    while its ranking is published (what was published stays as it was until withdrawn)."""
    if SnapshotRun.objects.filter(period=period.first_day, status=SnapshotRun.Status.RUNNING).exists():
        raise Conflict(_("%(period)s 的快照正在计算中。") % {"period": period})
    # Locked as publish_ranking locks it, so a month is never published and recomputed at once.
    publication = RankingPublication.objects.select_for_update().filter(period=period.first_day).first()
    if publication is not None and publication.is_published:
        raise Conflict(_("%(period)s 的排名已发布;如需重新计算,请先撤回发布。") % {"period": period})
    run = SnapshotRun.objects.create(period=period.first_day, requested_by=requested_by, total=len(registry))
    from plan.tasks import run_snapshot

    transaction.on_commit(lambda: run_snapshot.delay(run.pk))
    return run


@transaction.atomic
def withdraw_snapshot(*, run: SnapshotRun, actor: User, reason: str) -> SnapshotRun:
    """撤回 a month's complete snapshot with a reason: its values leave the plan pages and the
    API, its ranking is withdrawn with the same reason (plan.publication, kept in the
    publication's history) and so are its 区域挂牌 notices. The run is kept, with who, when and why."""
    require(can_publish_rankings(actor), _("只有县级管理员可以撤回快照。"))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请填写撤回原因。")})
    if len(reason) > REASON_LENGTH:
        raise ValidationError({"reason": _("撤回原因不能超过%(n)s字。") % {"n": REASON_LENGTH}})
    run = SnapshotRun.objects.select_for_update().get(pk=run.pk)
    if run.status != SnapshotRun.Status.COMPLETE:
        raise Conflict(_("只有已完成的快照可以撤回(当前:%(status)s)。") % {"status": run.get_status_display()})
    period = Month.of(run.period)
    published = RankingPublication.objects.filter(period=run.period).first()
    if published is not None and published.is_published:
        withdraw_ranking(period=period, actor=actor, reason=reason)
    run.status, run.withdrawn_at, run.withdrawn_by, run.withdraw_reason = (
        SnapshotRun.Status.WITHDRAWN,
        timezone.now(),
        actor,
        reason,
    )
    run.full_clean()
    run.save(update_fields=["status", "withdrawn_at", "withdrawn_by", "withdraw_reason"])
    return run


def run_snapshot(*, run_id: int) -> None:
    """Computes one run. Safe to call again: a finished run is left alone, a live one too. A run
    that raises is retried, up to MAX_ATTEMPTS times, then marked failed with its error (shown
    on /snapshots/); it never stays "running" for the stalled-run scan to requeue forever."""
    attempt = _claim(run_id)
    if attempt is None:
        return
    try:
        _compute(run_id, attempt)
    except TakenOver:
        return
    except Exception as error:  # any failure of the job is the run's, recorded; never lost
        _failed(run_id, attempt, error)


def _failed(run_id: int, attempt: int, error: Exception) -> None:
    from plan.tasks import run_snapshot as task

    message = f"{type(error).__name__}: {error}"[:2000]
    with transaction.atomic():
        run = SnapshotRun.objects.select_for_update().get(pk=run_id)
        if run.attempt != attempt or run.status != SnapshotRun.Status.RUNNING:
            return
        run.error = message
        if attempt >= MAX_ATTEMPTS:
            run.status, run.finished_at = SnapshotRun.Status.FAILED, timezone.now()
            run.save(update_fields=["error", "status", "finished_at"])
            return
        run.heartbeat_at = None  # free for the next attempt
        run.save(update_fields=["error", "heartbeat_at"])
    task.delay(run_id)


def _compute(run_id: int, attempt: int) -> None:
    run = SnapshotRun.objects.get(pk=run_id)
    period = Month.of(run.period)
    IndicatorValue.objects.filter(run=run).delete()  # leftovers of an attempt that died
    RankingRow.objects.filter(run=run).delete()
    collected: dict[str, dict] = {}
    for indicator in (i for i in registry if not i.from_ranking):
        rows = _measure(indicator, period)
        IndicatorValue.objects.bulk_create(_value_rows(run, period, indicator.key, rows))
        collected[indicator.key] = rows
        _step(run_id, attempt)
    ranked = _rank(run, period, collected)
    for indicator in (i for i in registry if i.from_ranking):
        IndicatorValue.objects.bulk_create(_value_rows(run, period, indicator.key, _published(period, ranked)))
        _step(run_id, attempt)
    _finish(run_id, attempt)


def _claim(run_id: int) -> int | None:
    """Takes the run for this attempt, unless it is finished or another attempt is alive."""
    now = timezone.now()
    with transaction.atomic():
        run = SnapshotRun.objects.select_for_update().get(pk=run_id)
        alive = run.heartbeat_at and run.heartbeat_at > now - STALL_AFTER and run.attempt
        if run.status != SnapshotRun.Status.RUNNING or alive:
            return None
        run.attempt += 1
        run.heartbeat_at, run.done = now, 0
        run.save(update_fields=["attempt", "heartbeat_at", "done"])
        return run.attempt


def _step(run_id: int, attempt: int) -> None:
    updated = SnapshotRun.objects.filter(pk=run_id, attempt=attempt, status=SnapshotRun.Status.RUNNING).update(
        done=F("done") + 1, heartbeat_at=timezone.now()
    )
    if not updated:
        raise TakenOver
    pause = getattr(settings, "SNAPSHOT_PAUSE_SECONDS", 0)
    if pause:
        time.sleep(pause)


def _measure(indicator, period: Month) -> dict[tuple[str, int], tuple[Measurement, int]]:
    """(kind, unit id) → (measurement, region id) for every county, township and department."""
    rows = {}
    for county in counties():
        townships = list(Region.objects.filter(parent=county).townships())
        by_township = indicator.townships(period, townships)
        rows.update({("region", pk): (m, pk) for pk, m in by_township.items()})
        rows[("region", county.pk)] = (indicator.county(period, county, by_township), county.pk)
        if indicator.supports_departments:
            departments = list(Department.objects.filter(region=county, is_active=True))
            by_department = indicator.departments(period, departments)
            rows.update({("department", pk): (m, county.pk) for pk, m in by_department.items()})
    return rows


def _value_rows(run: SnapshotRun, period: Month, key: str, rows: dict) -> Iterable[IndicatorValue]:
    for (kind, pk), (measured, region_id) in rows.items():
        yield IndicatorValue(
            run=run,
            period=period.first_day,
            indicator=key,
            region_id=region_id,
            department_id=pk if kind == "department" else None,
            value=measured.value,
            numerator=measured.numerator,
            denominator=measured.denominator,
            detail=measured.detail,
        )


def _rank(run: SnapshotRun, period: Month, collected: dict) -> list[RankingRow]:
    previous = _previous_ranks(period)
    rows = []
    for scheme in RankingScheme.objects.filter(is_active=True).prefetch_related("components"):
        components = [
            Component(c.indicator, c.weight, c.higher_is_better, c.normalisation, c.missing)
            for c in scheme.components.all()
            if c.indicator in collected
        ]
        if not components:
            continue
        kind = "department" if scheme.kind == RankingScheme.Kind.DEPARTMENT else "region"
        units = _units(scheme)
        values = {
            c.indicator: {u.pk: _scalar(collected[c.indicator].get((kind, u.pk))) for u in units} for c in components
        }
        ranked = rank([u.pk for u in units], values, components)
        for result in ranked:
            unit = next(u for u in units if u.pk == result.unit)
            previous_rank, was_last = previous.get((scheme.pk, kind, unit.pk), (None, False))
            reason = _flag(scheme, result.rank, len(ranked), was_last)
            rows.append(
                RankingRow(
                    run=run,
                    scheme=scheme,
                    period=period.first_day,
                    region=unit if kind == "region" else None,
                    department=unit if kind == "department" else None,
                    score=result.score,
                    rank=result.rank,
                    previous_rank=previous_rank,
                    breakdown=result.breakdown,
                    flagged=bool(reason),
                    flag_reason=reason,
                )
            )
    RankingRow.objects.bulk_create(rows)
    return rows


def _published(period: Month, rows: list[RankingRow]) -> dict:
    """M1.ranking for this run: 1 for the county and each township in its township ranking once
    the month is published (plan.publication keeps it in step when it is published or withdrawn)."""
    published = RankingPublication.objects.published().filter(period=period.first_day).exists()
    townships = [r for r in rows if r.region_id and r.scheme.kind == RankingScheme.Kind.TOWNSHIP]
    measured = {("region", r.region_id): (Measurement.count(1 if published else 0), r.region_id) for r in townships}
    for county in counties():
        measured[("region", county.pk)] = (Measurement.count(1 if townships and published else 0), county.pk)
    return measured


def _units(scheme: RankingScheme) -> list:
    if scheme.kind == RankingScheme.Kind.DEPARTMENT:
        return list(Department.objects.filter(is_active=True, region__level=Region.Level.COUNTY))
    return list(Region.objects.townships().filter(parent__level=Region.Level.COUNTY))


def _scalar(row) -> object:
    return row[0].value if row else None


def _previous_ranks(period: Month) -> dict:
    """(scheme, kind, unit) → (last month's rank, whether it was last place)."""
    last_month = period.previous().first_day
    rows = RankingRow.objects.filter(period=last_month, run__status=SnapshotRun.Status.COMPLETE)
    lowest = {}
    for row in rows:
        lowest[row.scheme_id] = max(lowest.get(row.scheme_id, 0), row.rank)
    return {
        (row.scheme_id, "department" if row.department_id else "region", row.department_id or row.region_id): (
            row.rank,
            row.rank == lowest[row.scheme_id],
        )
        for row in rows
    }


def _flag(scheme: RankingScheme, position: int, count: int, was_last: bool) -> str:
    if scheme.flag_count == 0:
        return ""
    if scheme.flag_rule == RankingScheme.FlagRule.BOTTOM_N and position > count - scheme.flag_count:
        return _("末位%(n)s名") % {"n": scheme.flag_count}
    if scheme.flag_rule == RankingScheme.FlagRule.LAST_N_MONTHS and position == count and was_last:
        return _("连续两个月末位")
    return ""


def _finish(run_id: int, attempt: int) -> None:
    """Makes the run the month's snapshot and drops the one it replaces, all at once."""
    with transaction.atomic():
        run = SnapshotRun.objects.select_for_update().get(pk=run_id)
        newer_complete = SnapshotRun.objects.complete().filter(period=run.period, pk__gt=run.pk).exists()
        if run.attempt != attempt or run.status != SnapshotRun.Status.RUNNING or newer_complete:
            return
        older = SnapshotRun.objects.filter(period=run.period, pk__lt=run.pk)
        IndicatorValue.objects.filter(run__in=older).delete()
        RankingRow.objects.filter(run__in=older).delete()
        older.update(status=SnapshotRun.Status.REPLACED)
        run.status, run.finished_at, run.done = SnapshotRun.Status.COMPLETE, timezone.now(), run.total
        run.save(update_fields=["status", "finished_at", "done"])
        # The month's ranking is now a draft to review (plan.publication publishes it).
        RankingPublication.objects.get_or_create(period=run.period)
        # The month's workbook for the leaders follows every complete snapshot.
        workbooks.start(period=Month.of(run.period), requested_by=run.requested_by)


def resume_stalled(*, older_than: timedelta = STALL_AFTER) -> list[int]:
    """Re-queues runs whose worker died (no progress for ``older_than``)."""
    from plan.tasks import run_snapshot

    stalled = SnapshotRun.objects.stalled(older_than=older_than)
    stalled.filter(attempt__gte=MAX_ATTEMPTS).update(
        status=SnapshotRun.Status.FAILED,
        finished_at=timezone.now(),
        error=_("计算多次中断(%(n)s次),已停止重试。") % {"n": MAX_ATTEMPTS},
    )
    requeued = list(stalled.filter(attempt__lt=MAX_ATTEMPTS).values_list("pk", flat=True))
    for run_id in requeued:
        SnapshotRun.objects.filter(pk=run_id).update(heartbeat_at=None)
        run_snapshot.delay(run_id)
    return requeued
