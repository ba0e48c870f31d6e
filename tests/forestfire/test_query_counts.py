"""The forest fire pages, API lists, map layers and workbook sheets cost the same number of queries
with 3 rows as with 30.

Each case adds rows in two steps (3, then 27 more, spread over townships and villages, with the
related rows each page shows: photos, breach notices, verifiers) and compares the queries of the
same request before and after.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forestfire import services
from plan import workbooks
from plan.periods import Month
from stations.models import RescueTeam
from tests.conftest import api_as
from tests.factories import county, township, village
from tests.forestfire.factories import (
    FireSourceCheckFactory,
    ForestFireFactory,
    ForestRiskFactory,
    HotspotFactory,
    HotspotPhotoFactory,
)

pytestmark = pytest.mark.django_db
TOWNSHIPS = ["灵溪镇", "矾山镇", "桥墩镇"]
MAY = Month(2024, 5)


def spread(index: int, names=TOWNSHIPS):
    """A village and township for the index-th row, over the townships and several villages."""
    name = names[index % len(names)]
    return village(f"计数{index % 5}村", name), township(name)


def add_hotspots(start: int, count: int, *, names=TOWNSHIPS) -> None:
    """Of every three hotspots: one still open, one breached and noticed, one verified with a photo."""
    now = timezone.now()
    for index in range(start, start + count):
        place, area = spread(index, names)
        lat = Decimal("27.4") + Decimal(index) / 1000
        if index % 3 == 0:
            HotspotFactory(code=f"Q-{index:03d}", township=area, village=place, lat=lat, received_at=now)
        elif index % 3 == 1:
            HotspotFactory(code=f"Q-{index:03d}", township=area, village=place, lat=lat,
                           received_at=now - timedelta(hours=3))  # fmt: skip
        else:
            hotspot = HotspotFactory(code=f"Q-{index:03d}", township=area, village=place, lat=lat,
                                     received_at=now - timedelta(hours=2), verified_at=now - timedelta(hours=1, minutes=30),
                                     result="false_alarm", verifier="护林员")  # fmt: skip
            HotspotPhotoFactory(hotspot=hotspot)
    services.flag_overdue_hotspots(now=now)  # stored breaches and their notices


def add_fires(start: int, count: int, *, when=None) -> None:
    """Fires with their first teams from the register: the township's own, and every other one the county's."""
    county_team = RescueTeam.objects.get_or_create(
        name="计数县级森林消防队", defaults={"kind": RescueTeam.Kind.COUNTY_FOREST, "region": county()}
    )[0]
    for index in range(start, start + count):
        reported, area = when or timezone.now() - timedelta(hours=3), spread(index)[1]
        fire = ForestFireFactory(township=area, started_at=reported - timedelta(minutes=10), reported_at=reported,
                                 first_arrived_at=reported + timedelta(minutes=index), first_teams="测试扑火队")  # fmt: skip
        own = RescueTeam.objects.create(name=f"计数乡镇队{index}", kind=RescueTeam.Kind.TOWNSHIP_FOREST, region=area)
        fire.teams.set([own, county_team] if index % 2 else [own])


def add_checks(start: int, count: int) -> None:
    for index in range(start, start + count):
        place, area = spread(index)
        FireSourceCheckFactory(township=area, village=place if index % 2 else None)


def add_risks(start: int, count: int) -> None:
    for index in range(start, start + count):
        overdue = index % 2 == 0
        ForestRiskFactory(
            township=spread(index)[1],
            due_on=date.today() + timedelta(days=-3 if overdue else 10),
            done_on=date.today() if index % 4 == 1 else None,
        )


def count(fetch) -> tuple[int, object]:
    fetch()  # sessions, content types and caches are filled on the first request
    with CaptureQueriesContext(connection) as queries:
        response = fetch()
    assert response.status_code == 200
    return len(queries), response


def assert_flat(fetch, grow, *, rows=None, expect=(3, 30)) -> None:
    grow(0, 3)
    small, response = count(fetch)
    if rows:
        assert rows(response) == expect[0]
    grow(3, 27)
    large, response = count(fetch)
    if rows:
        assert rows(response) == expect[1]
    assert large == small, f"{small} queries with 3 rows, {large} with 30"


def html_count(marker: str):
    return lambda response: response.content.decode().count(marker)


def api_rows(response) -> int:
    return len(response.json()["results"])


# --- Pages ----------------------------------------------------------------------------------


def test_the_hotspot_list_with_its_notices(client, county_admin):
    client.force_login(county_admin)
    assert_flat(lambda: client.get(reverse("forestfire:hotspots")), add_hotspots, rows=html_count("<tr data-hotspot="))
    assert "核查超时提醒" in client.get(reverse("forestfire:hotspots")).content.decode()


def test_the_fire_list(client, county_admin):
    client.force_login(county_admin)
    assert_flat(lambda: client.get(reverse("forestfire:fires")), add_fires, rows=html_count("测试山场"))


def test_the_check_list(client, county_admin):
    client.force_login(county_admin)
    assert_flat(lambda: client.get(reverse("forestfire:checks")), add_checks, rows=html_count("测试墓区"))


def test_the_risk_list(client, county_admin):
    client.force_login(county_admin)
    assert_flat(lambda: client.get(reverse("forestfire:risks")), add_risks, rows=html_count("可燃物堆积"))


@pytest.mark.parametrize("position", ["", "?lat=27.45&lng=120.40"])
def test_the_phone_countdown_page(client, lingxi_staff, position):
    """The township's hotspots not yet verified (two in three): the same with 2 as with 20."""
    client.force_login(lingxi_staff)
    grow = lambda start, n: add_hotspots(start, n, names=["灵溪镇"])  # noqa: E731
    fetch = lambda: client.get(reverse("forestfire:field") + position)  # noqa: E731
    cards = html_count('<li class="hotspot-card')
    assert_flat(fetch, grow, rows=cards, expect=(2, 20))  # open, and breached but not verified


@pytest.mark.parametrize("name", ["hotspots", "fires", "checks", "risks"])
def test_the_excel_exports(client, county_admin, name):
    client.force_login(county_admin)
    grow = {"hotspots": add_hotspots, "fires": add_fires, "checks": add_checks, "risks": add_risks}[name]
    assert_flat(lambda: client.get(reverse(f"forestfire:{name}") + "?export=xlsx"), grow)


# --- Map layers -----------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["hotspots-open", "hotspots-late", "hotspots-verified"])
def test_the_county_map_layers(client, county_admin, key):
    client.force_login(county_admin)
    features = lambda response: len(response.json()["features"])  # noqa: E731
    fetch = lambda: client.get(reverse("plan:map-layer", kwargs={"key": key}))  # noqa: E731
    assert_flat(fetch, add_hotspots, rows=features, expect=(1, 10))


# --- API lists ------------------------------------------------------------------------------


def test_the_api_hotspot_list(county_admin):
    api = api_as(county_admin)
    assert_flat(lambda: api.get(reverse("hotspot-list")), add_hotspots, rows=api_rows)


def test_the_api_fire_list(county_admin):
    api = api_as(county_admin)
    assert_flat(lambda: api.get(reverse("forest-fire-list")), add_fires, rows=api_rows)


def test_the_api_check_list(county_admin):
    api = api_as(county_admin)
    assert_flat(lambda: api.get(reverse("forest-check-list")), add_checks, rows=api_rows)


def test_the_api_risk_list(county_admin):
    api = api_as(county_admin)
    assert_flat(lambda: api.get(reverse("forest-risk-list")), add_risks, rows=api_rows)


# --- The workbook ---------------------------------------------------------------------------


def test_the_workbook_sheets_cost_the_same_with_more_hotspots_and_fires(county_admin, tmp_path):
    may = timezone.make_aware(datetime(2024, 5, 10, 9))

    def grow(start, n):
        for index in range(start, start + n):
            services.receive_hotspot(actor=county_admin, code=f"W-{index:03d}", received_at=may, lat=27.5, lng=120.4,
                                     township=spread(index)[1], verified_at=may + timedelta(minutes=20 + 3 * index),
                                     result="false_alarm")  # fmt: skip
        add_fires(start, n, when=may)

    grow(0, 3)
    with CaptureQueriesContext(connection) as few:
        workbooks.write(MAY, tmp_path / "few.xlsx")
    grow(3, 27)
    with CaptureQueriesContext(connection) as many:
        workbooks.write(MAY, tmp_path / "many.xlsx")
    assert len(many) == len(few), f"{len(few)} queries with 3 rows, {len(many)} with 30"
