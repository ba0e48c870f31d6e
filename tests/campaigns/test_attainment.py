"""After a snapshot, the four A5 targets show values on the plan page, the dashboard and the API."""

import re
from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import FiveInto
from plan import snapshots
from plan.periods import Month
from tests.campaigns.factories import ActivityFactory, CoverageFactory, PlaceFactory, VideoFactory
from tests.conftest import api_as

pytestmark = pytest.mark.django_db
MAY = Month(2024, 5)
A5 = {"A5.activities", "A5.five_into", "A5.videos", "A5.places"}


@pytest.fixture
def may_snapshot(django_capture_on_commit_callbacks):
    for category in FiveInto.values:
        ActivityFactory(held_on=date(2024, 4, 2), category=category)
    VideoFactory(published_on=date(2024, 3, 1))
    place = PlaceFactory()
    type(place).objects.filter(pk=place.pk).update(created_at=timezone.make_aware(datetime(2024, 1, 2)))
    CoverageFactory(place=place, covered_on=date(2024, 2, 1))
    with django_capture_on_commit_callbacks(execute=True):
        snapshots.start_snapshot(period=MAY)


def test_the_attainment_api_reads_the_a5_values(may_snapshot, county_admin):
    rows = api_as(county_admin).get("/api/v1/attainment/?year=2024").json()["results"]
    by_code = {row["code"]: row for row in rows if row["code"] in A5}
    assert {code: row["status"] for code, row in by_code.items()} == {
        "A5.activities": "unmet",
        "A5.five_into": "unmet",  # one township of eighteen
        "A5.videos": "unmet",
        "A5.places": "met",
    }
    assert by_code["A5.activities"]["value"] == "5.00"
    assert by_code["A5.videos"]["value"] == "1.00"
    assert (by_code["A5.five_into"]["numerator"], by_code["A5.five_into"]["denominator"]) == ("5.00", "90.00")
    assert by_code["A5.places"]["value"] == "100.00"


def test_the_plan_page_and_the_dashboard_no_longer_say_untracked(may_snapshot, client, county_admin):
    client.force_login(county_admin)
    part = client.get(reverse("plan:part", kwargs={"year": 2024, "code": "A5"})).content.decode()
    assert "status-untracked" not in part and "尚在建设中" not in part
    dashboard = client.get(reverse("plan:dashboard") + "?year=2024&period=2024-05").content.decode()
    lights = {
        code: status
        for status, code in re.findall(r'class="light light-([a-z_]+)" data-target="(A5\.[a-z_]+)"', dashboard)
    }
    assert lights == {"A5.activities": "unmet", "A5.five_into": "unmet", "A5.videos": "unmet", "A5.places": "met"}
