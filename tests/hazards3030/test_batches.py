from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hazards3030 import batches
from hazards3030.models import Batch3030, Hazard
from plan.models import Loop3030Rule
from tests.conftest import api_as
from tests.factories import Batch3030Factory, DepartmentFactory, HazardFactory, county, township

pytestmark = pytest.mark.django_db


def closed_on(day: date):
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10))


def test_every_unit_gets_one_window_and_the_next_follows_on():
    DepartmentFactory(name="苍南县应急管理局")
    assert batches.open_due_windows(county=county(), today=date(2024, 5, 1)) == 1 + 18 + 1
    assert batches.open_due_windows(county=county(), today=date(2024, 5, 15)) == 0  # idempotent
    window = Batch3030.objects.get(unit_kind="township", region=township("灵溪镇"))
    assert (window.opened_on, window.closes_on, window.target_count) == (date(2024, 5, 1), date(2024, 5, 30), 30)
    assert batches.open_due_windows(county=county(), today=date(2024, 5, 31)) == 20
    follow = Batch3030.objects.filter(region=township("灵溪镇")).order_by("opened_on").last()
    assert follow.opened_on == date(2024, 5, 31)


def test_n_and_d_come_from_the_configuration():
    Loop3030Rule.objects.filter(unit_kind="township").update(target_count=10, window_days=15)
    batches.open_due_windows(county=county(), today=date(2024, 5, 1))
    window = Batch3030.objects.get(unit_kind="township", region=township("灵溪镇"))
    assert (window.closes_on, window.target_count) == (date(2024, 5, 15), 10)


def test_progress_counts_major_hazards_found_and_closed_in_the_window():
    window = Batch3030Factory(opened_on=date(2024, 5, 1), closes_on=date(2024, 5, 30), target_count=2)
    for day in (3, 4):
        HazardFactory(
            level="major",
            found_on=date(2024, 5, day),
            deadline=date(2024, 5, 20),
            status="closed",
            closed_at=closed_on(date(2024, 5, 10)),
        )
    HazardFactory(level="major", found_on=date(2024, 5, 5), deadline=date(2024, 5, 20))  # still open
    HazardFactory(
        level="general",
        found_on=date(2024, 5, 5),
        deadline=date(2024, 5, 20),
        status="closed",
        closed_at=closed_on(date(2024, 5, 6)),
    )
    HazardFactory(
        level="major",
        found_on=date(2024, 4, 25),
        deadline=date(2024, 5, 20),
        status="closed",
        closed_at=closed_on(date(2024, 5, 6)),
    )
    HazardFactory(level="major", township=township("矾山镇"), found_on=date(2024, 5, 5), deadline=date(2024, 5, 20))
    [progress] = batches.progress([window])
    assert (progress.found, progress.closed, progress.met, progress.percent) == (3, 2, True, 100)


def test_the_api_lists_progress_within_scope(lingxi_staff):
    today = timezone.localdate()
    Batch3030Factory(opened_on=today - timedelta(days=2), closes_on=today + timedelta(days=27))
    Batch3030Factory(region=township("矾山镇"), opened_on=today, closes_on=today + timedelta(days=29))
    HazardFactory(level=Hazard.Level.MAJOR, found_on=today, deadline=today + timedelta(days=5))
    body = api_as(lingxi_staff).get(reverse("batch3030-list"), {"current": "1"}).json()
    assert [(r["unit"], r["found"], r["closed"], r["met"]) for r in body["results"]] == [("灵溪镇", 1, 0, False)]


def test_the_overview_page_shows_townships_and_departments(client, county_admin):
    DepartmentFactory(name="苍南县住房和城乡建设局")
    batches.open_due_windows(county=county(), today=timezone.localdate())
    client.force_login(county_admin)
    html = client.get(reverse("hazards3030:overview3030")).content.decode()
    assert html.count("data-unit=") == 1 + 18 + 1
    assert "岱岭畲族乡" in html and "苍南县住房和城乡建设局" in html
