"""On PostgreSQL + Redis: a worker killed (kill -9) midway through the monthly job; the month
still ends complete and identical to a clean run."""

import time
from datetime import date, timedelta

import pytest

from plan import snapshots
from plan.models import IndicatorValue, RankingRow, SnapshotRun
from plan.periods import Month
from tests.factories import HazardFactory, township

MAY = Month(2024, 5)


def wait_for(condition, timeout: float = 90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("timed out")


def snapshot_rows(run_id: int):
    values = IndicatorValue.objects.filter(run_id=run_id).order_by("indicator", "region_id", "department_id")
    ranks = RankingRow.objects.filter(run_id=run_id).order_by("scheme_id", "region_id", "department_id")
    return (
        [(v.indicator, v.region_id, v.department_id, v.value, v.numerator, v.denominator) for v in values],
        [(r.scheme_id, r.region_id, r.department_id, r.score, r.rank) for r in ranks],
    )


@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_is_resumed_and_the_month_is_identical_to_a_clean_run(committed_db, real_workers):
    from tests.workers import start_worker, stop_worker

    for n, name in enumerate(["灵溪镇", "矾山镇", "钱库镇", "马站镇"]):
        for day in range(1, 4 + n):
            HazardFactory(township=township(name), found_on=date(2024, 5, day), deadline=date(2024, 5, 10 + n))

    worker = start_worker("clean")
    try:
        clean = snapshots.start_snapshot(period=MAY)
        wait_for(lambda: SnapshotRun.objects.get(pk=clean.pk).status == SnapshotRun.Status.COMPLETE)
        expected = snapshot_rows(clean.pk)
    finally:
        stop_worker(worker)

    slow = start_worker("slow", SNAPSHOT_PAUSE_SECONDS="0.5")
    run = snapshots.start_snapshot(period=MAY)
    wait_for(lambda: SnapshotRun.objects.get(pk=run.pk).done >= 3)
    stop_worker(slow, kill=True)
    killed = SnapshotRun.objects.get(pk=run.pk)
    assert killed.status == SnapshotRun.Status.RUNNING and killed.done < killed.total
    assert SnapshotRun.objects.get(pk=clean.pk).status == SnapshotRun.Status.COMPLETE  # still the month's
    assert snapshot_rows(clean.pk) == expected

    worker = start_worker("restarted")
    try:
        assert snapshots.resume_stalled(older_than=timedelta(0)) == [run.pk]
        wait_for(lambda: SnapshotRun.objects.get(pk=run.pk).status == SnapshotRun.Status.COMPLETE)
    finally:
        stop_worker(worker)
    assert snapshot_rows(run.pk) == expected
    assert SnapshotRun.objects.get(pk=clean.pk).status == SnapshotRun.Status.REPLACED
    assert not IndicatorValue.objects.filter(run_id=clean.pk).exists()
