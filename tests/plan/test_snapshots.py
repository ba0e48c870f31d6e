from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from org.models import Region
from plan import snapshots
from plan.models import IndicatorValue, ListingNotice, RankingRow, RankingScheme, SnapshotRun
from plan.periods import Month
from plan.publication import publish_ranking, withdraw_ranking
from plan.registry import registry
from tests.factories import DepartmentFactory, EnterpriseFactory, HazardFactory, county, credit_code, township

pytestmark = pytest.mark.django_db
MAY = Month(2024, 5)


def aware(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10))


def some_hazards():
    lingxi, fanshan, qianku = township("灵溪镇"), township("矾山镇"), township("钱库镇")
    for _ in range(4):
        HazardFactory(
            township=lingxi,
            found_on=date(2024, 5, 3),
            deadline=date(2024, 5, 10),
            status="closed",
            closed_at=aware(date(2024, 5, 8)),
        )
    HazardFactory(township=fanshan, found_on=date(2024, 5, 3), deadline=date(2024, 5, 10))  # overdue
    HazardFactory(
        township=qianku,
        found_on=date(2024, 5, 4),
        deadline=date(2024, 5, 12),
        status="closed",
        closed_at=aware(date(2024, 5, 20)),
    )


@pytest.fixture
def run_month(django_capture_on_commit_callbacks):
    """Starts a snapshot and runs what it queues on commit (tasks run in-process in tests)."""

    def run(period: Month) -> SnapshotRun:
        with django_capture_on_commit_callbacks(execute=True):
            started = snapshots.start_snapshot(period=period)
        started.refresh_from_db()
        return started

    return run


def rows(run: SnapshotRun) -> list[tuple]:
    values = IndicatorValue.objects.filter(run=run).order_by("indicator", "region_id", "department_id")
    return [(v.indicator, v.region_id, v.department_id, v.value, v.numerator, v.denominator, v.detail) for v in values]


def ranking(run: SnapshotRun) -> list[tuple]:
    return list(RankingRow.objects.filter(run=run).order_by("scheme_id", "rank", "region_id", "department_id")
                .values_list("scheme_id", "region_id", "department_id", "score", "rank", "flagged"))  # fmt: skip


def test_a_snapshot_stores_every_indicator_for_the_county_each_township_and_departments(run_month):
    DepartmentFactory(name="苍南县应急管理局")
    some_hazards()
    run = run_month(MAY)
    run.refresh_from_db()
    assert run.status == "complete" and run.done == run.total
    values = IndicatorValue.objects.filter(run=run)
    department_indicators = sum(1 for i in registry if i.supports_departments)
    assert values.count() == len(registry) * (1 + 18) + department_indicators
    found = values.get(indicator="hazards.found", region=county(), department__isnull=True)
    assert found.value == 6
    on_time = values.get(indicator="hazards.closed_on_time", region=township("灵溪镇"))
    assert (on_time.value, on_time.numerator, on_time.denominator) == (Decimal("100.00"), 4, 4)
    county_on_time = values.get(indicator="hazards.closed_on_time", region=county(), department__isnull=True)
    assert (county_on_time.numerator, county_on_time.denominator) == (4, 6)


def test_rerunning_a_month_replaces_it_with_identical_rows(run_month):
    some_hazards()
    first = run_month(MAY)
    first_rows, first_ranking = rows(first), ranking(first)
    second = run_month(MAY)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("replaced", "complete")
    assert rows(second) == first_rows and ranking(second) == first_ranking
    assert not IndicatorValue.objects.filter(run=first).exists()
    assert IndicatorValue.objects.filter(period=MAY.first_day).count() == len(first_rows)


def test_a_run_that_dies_midway_leaves_the_previous_snapshot_and_can_be_run_again(
    monkeypatch, run_month, django_capture_on_commit_callbacks
):
    some_hazards()
    good = run_month(MAY)
    expected = rows(good)
    calls = {"n": 0}
    real_step = snapshots._step

    def dying_step(run_id, attempt):
        calls["n"] += 1
        if calls["n"] == 3:
            raise SystemExit("worker killed")
        real_step(run_id, attempt)

    monkeypatch.setattr(snapshots, "_step", dying_step)
    with pytest.raises(SystemExit):
        run_month(MAY)
    dead = SnapshotRun.objects.get(status="running")
    good.refresh_from_db()
    assert good.status == "complete" and rows(good) == expected  # still the month's snapshot
    monkeypatch.setattr(snapshots, "_step", real_step)
    with django_capture_on_commit_callbacks(execute=True):
        assert snapshots.resume_stalled(older_than=timedelta(0)) == [dead.pk]
    dead.refresh_from_db()
    assert dead.status == "complete" and rows(dead) == expected


def test_a_finished_run_is_not_run_twice(run_month):
    run = run_month(MAY)
    finished = SnapshotRun.objects.get(pk=run.pk).finished_at
    snapshots.run_snapshot(run_id=run.pk)
    assert SnapshotRun.objects.get(pk=run.pk).finished_at == finished


def test_the_ranking_keeps_the_breakdown_the_change_and_flags_the_bottom_three(run_month, county_admin):
    some_hazards()
    run_month(Month(2024, 4))
    run_month(MAY)
    rows_ = RankingRow.objects.filter(period=MAY.first_day, scheme__kind="township").order_by("rank")
    assert rows_.count() == 18
    top = rows_.first()
    assert top.region == township("灵溪镇")
    assert set(top.breakdown) == {
        "hazards.found_per_enterprise",
        "hazards.closed_on_time",
        "hazards.overdue",
        "hazards.listed_closure",
        "M1.loop3030",
    }
    assert top.previous_rank is not None and top.rank_change == top.previous_rank - top.rank
    flagged = list(rows_.filter(flagged=True))
    # Bottom three places: ranks 16–18, one place each (ties are broken by the stated rule).
    assert [r.rank for r in rows_] == list(range(1, 19))
    assert flagged == list(rows_.filter(rank__gt=15)) and len(flagged) == 3 and flagged[-1].region == township("矾山镇")
    assert not ListingNotice.objects.filter(period=MAY.first_day).exists()  # a draft lists nobody yet
    publish_ranking(period=MAY, actor=county_admin)
    notices = ListingNotice.objects.filter(period=MAY.first_day)
    assert sorted(n.region_id for n in notices) == sorted(r.region_id for r in flagged)


def test_a_township_that_reports_nothing_ranks_below_every_township_that_reports(run_month):
    some_hazards()  # 灵溪镇 closes four on time, 钱库镇 one late, 矾山镇 leaves one overdue
    for n, name in enumerate(["灵溪镇", "灵溪镇", "矾山镇", "钱库镇", "马站镇"]):
        EnterpriseFactory(credit_code=credit_code(40 + n), township=township(name), supervised=True)
    run_month(MAY)
    ranked = RankingRow.objects.filter(period=MAY.first_day, scheme__kind="township").select_related("region")
    by_name = {row.region.name: row for row in ranked}
    silent = by_name["马站镇"]  # supervises an enterprise and files nothing
    assert [by_name[name].rank for name in ("灵溪镇", "钱库镇", "矾山镇", "马站镇")] == [1, 2, 3, 4]
    assert silent.not_reported == ["hazards.closed_on_time", "hazards.listed_closure", "M1.loop3030"]
    assert silent.breakdown["hazards.closed_on_time"] == {
        **silent.breakdown["hazards.closed_on_time"],
        "reported": False,
        "missing": "worst",
        "points": "0.000",
    }
    assert silent.breakdown["hazards.listed_closure"]["missing"] == "reweight"
    nothing_supervised = by_name["宜山镇"]  # not even an enterprise on the register: below again
    assert nothing_supervised.rank > silent.rank and "hazards.found_per_enterprise" in nothing_supervised.not_reported


def test_a_published_month_is_computed_again_only_after_it_is_withdrawn(run_month, county_admin):
    from org.errors import Conflict

    some_hazards()
    first = run_month(MAY)
    publish_ranking(period=MAY, actor=county_admin)
    with pytest.raises(Conflict):
        snapshots.start_snapshot(period=MAY)
    notices = set(ListingNotice.objects.filter(period=MAY.first_day).values_list("pk", flat=True))
    withdraw_ranking(period=MAY, actor=county_admin, reason="数据更正")
    second = run_month(MAY)
    assert second.status == "complete" and second.pk != first.pk
    assert not ListingNotice.objects.visible_to(county_admin).filter(period=MAY.first_day).exists()
    publish_ranking(period=MAY, actor=county_admin)
    again = ListingNotice.objects.filter(period=MAY.first_day)
    assert set(again.values_list("pk", flat=True)) == notices and {n.run_id for n in again} == {second.pk}


def test_last_place_two_months_running_is_the_other_rule(run_month):
    RankingScheme.objects.filter(kind="township").update(flag_rule="last_n_months", flag_count=2)
    HazardFactory(township=township("矾山镇"), found_on=date(2024, 3, 3), deadline=date(2024, 3, 5))
    HazardFactory(township=township("矾山镇"), found_on=date(2024, 4, 3), deadline=date(2024, 4, 5))
    for month in (3, 4):
        run_month(Month(2024, month))
    assert not RankingRow.objects.filter(period=date(2024, 3, 1), flagged=True).exists()
    flagged = RankingRow.objects.get(period=date(2024, 4, 1), flagged=True)
    assert flagged.region == township("矾山镇") and flagged.flag_reason == "连续两个月末位"


def test_the_monthly_job_takes_last_month_once(settings, django_capture_on_commit_callbacks):
    from plan.tasks import monthly_snapshot

    with django_capture_on_commit_callbacks(execute=True):
        first = monthly_snapshot()
    assert first is not None
    assert monthly_snapshot() is None
    run = SnapshotRun.objects.get(pk=first)
    assert Month.of(run.period) == Month.of(timezone.localdate()).previous()
    schedule = {e["task"]: e["schedule"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    monthly = schedule["plan.tasks.monthly_snapshot"]
    assert (monthly.day_of_month, monthly.hour, monthly.minute) == ({1}, {2}, {0})


def test_a_month_cannot_be_started_twice_at_once():
    from org.errors import Conflict

    SnapshotRun.objects.create(period=MAY.first_day)
    with pytest.raises(Conflict):
        snapshots.start_snapshot(period=MAY)


def test_only_townships_are_ranked_as_townships(run_month):
    run_month(MAY)
    regions = RankingRow.objects.filter(period=MAY.first_day, scheme__kind="township").values_list(
        "region__level", flat=True
    )
    assert set(regions) == {Region.Level.TOWNSHIP}
