"""The campaigns pages, API lists, map layers and sheets cost the same with 3 rows as with 30."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from campaigns import exports
from campaigns.models import FiveInto, Site
from plan.periods import Month
from tests.campaigns.factories import (
    ActivityFactory,
    ActivityPhotoFactory,
    CoverageFactory,
    MemberFactory,
    PlaceFactory,
    ResourceFactory,
    SiteFactory,
    VideoFactory,
)
from tests.conftest import api_as
from tests.factories import township

pytestmark = pytest.mark.django_db
TOWNSHIPS = ["灵溪镇", "矾山镇", "钱库镇"]
CATEGORIES = list(FiveInto.values)


def add_rows(start: int, count: int) -> None:
    for index in range(start, start + count):
        area = township(TOWNSHIPS[index % 3])
        member = MemberFactory(township=area)
        activity = ActivityFactory(township=area, held_on=date(2024, 5, 1 + index % 28), speaker=member,
                                   category=CATEGORIES[index % 5])  # fmt: skip
        ActivityPhotoFactory(activity=activity)
        VideoFactory(region=area)
        CoverageFactory(place=PlaceFactory(township=area, lat="27.5", lng="120.4"))
        ResourceFactory(region=area)
        SiteFactory(township=area, kind=Site.Kind.BROADCAST)


def queries(request) -> int:
    request()  # once to warm what is cached per process (the plan navigation, the session)
    with CaptureQueriesContext(connection) as captured:
        response = request()
    assert response.status_code == 200
    return len(captured)


PAGES = ["/campaigns/", "/campaigns/activities/", "/campaigns/activities/?export=xlsx", "/campaigns/videos/",
         "/campaigns/places/", "/campaigns/library/", "/campaigns/library/sheet/", "/campaigns/service-team/",
         "/campaigns/sites/", "/campaigns/sites/?export=xlsx", "/campaigns/service-team/?export=xlsx", "/campaigns/library/?export=xlsx", "/map/layers/broadcast_points.geojson", "/map/layers/public_places.geojson"]  # fmt: skip
API = ["/api/v1/activities/", "/api/v1/videos/", "/api/v1/places/", "/api/v1/resources/", "/api/v1/service-team/",
       "/api/v1/sites/"]  # fmt: skip


@pytest.mark.parametrize("url", PAGES)
def test_pages_are_flat(url, county_admin):
    client = Client()
    client.force_login(county_admin)
    add_rows(0, 3)
    few = queries(lambda: client.get(url))
    add_rows(3, 27)
    assert queries(lambda: client.get(url)) == few


@pytest.mark.parametrize("url", API)
def test_api_lists_are_flat(url, county_admin):
    client = api_as(county_admin)
    add_rows(0, 3)
    few = queries(lambda: client.get(url))
    add_rows(3, 27)
    assert queries(lambda: client.get(url)) == few


@pytest.mark.parametrize("rows", [exports.activity_rows, exports.five_into_rows], ids=["activities", "five_into"])
def test_workbook_sheets_are_flat(rows):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            list(rows(Month(2024, 5)))
        return len(captured)

    add_rows(0, 3)
    few = count()
    add_rows(3, 27)
    assert count() == few
