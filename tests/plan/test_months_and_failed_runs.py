"""Issue 11, item 6: one month parser (2000-01 up to the current month) for every ``period``, and
a snapshot run that raises is retried at most three times, then marked failed with its error."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from plan import snapshots
from plan.models import SnapshotRun
from plan.periods import Month
from tests.conftest import api_as

pytestmark = pytest.mark.django_db


def next_month() -> str:
    return str(Month.of(timezone.localdate() + timedelta(days=32 - timezone.localdate().day)))


@pytest.mark.parametrize("period", ["9999-12", "0000-01", "1999-12", "2024-13", "2024-5", "x", ""])
def test_a_month_outside_2000_to_now_is_a_400_and_starts_nothing(county_admin, period):
    response = api_as(county_admin).post(reverse("snapshot-list"), {"period": period}, format="json")
    assert response.status_code == 400 and "period" in response.json()
    assert not SnapshotRun.objects.exists()


def test_next_month_is_refused_and_this_month_accepted(county_admin):
    client = api_as(county_admin)
    assert client.post(reverse("snapshot-list"), {"period": next_month()}, format="json").status_code == 400
    assert Month.parse(str(Month.of(timezone.localdate()))) == Month.of(timezone.localdate())
    assert Month.parse("2000-01") == Month(2000, 1)


PAGES = [
    "/dashboard/?period=0000-01",
    "/dashboard/?period=9999-12",
    "/rankings/review/?period=0000-01",
    "/exports/monthly/0000-01.xlsx",
    "/exports/monthly/2999-01.docx",
    "/plan/0/",
    "/plan/99999/x/",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_answer_a_bad_month_without_a_server_error(client, county_admin, path):
    client.force_login(county_admin)
    assert client.get(path).status_code < 500
    assert api_as(county_admin).get(reverse("indicator-value-list") + "?period=0000-01").status_code == 400


def test_a_run_that_raises_is_retried_three_times_then_failed_with_its_error(
    monkeypatch, django_capture_on_commit_callbacks
):
    calls = {"n": 0}

    def broken(indicator, period):
        calls["n"] += 1
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(snapshots, "_measure", broken)
    with django_capture_on_commit_callbacks(execute=True):
        run = snapshots.start_snapshot(period=Month(2024, 5))
    run.refresh_from_db()
    assert calls["n"] == snapshots.MAX_ATTEMPTS == 3
    assert run.status == SnapshotRun.Status.FAILED and "ZeroDivisionError" in run.error and run.attempt == 3
    assert snapshots.resume_stalled(older_than=timedelta(0)) == []  # the scan leaves it failed


def test_a_run_stalled_three_times_is_failed_not_requeued_forever():
    run = SnapshotRun.objects.create(period=Month(2024, 5).first_day, attempt=3)
    assert snapshots.resume_stalled(older_than=timedelta(0)) == []
    run.refresh_from_db()
    assert run.status == SnapshotRun.Status.FAILED and run.error


def test_the_snapshots_page_shows_a_failed_runs_error(client, county_admin):
    SnapshotRun.objects.create(period=Month(2024, 5).first_day, status="failed", error="ZeroDivisionError: boom")
    client.force_login(county_admin)
    assert "ZeroDivisionError: boom" in client.get(reverse("plan:snapshots")).content.decode()
