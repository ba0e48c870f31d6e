"""The flood pages and API lists cost the same number of queries with 3 rows as with 30.

Each case adds rows in two steps (3, then 27 more, spread over villages and townships, with the
related rows each page shows) and compares the queries of the same request before and after.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from flood1833 import live, services, tasks
from flood1833.models import Incident, ResponseEvent, Shelter, Transfer
from org.models import User
from tests.conftest import api_as
from tests.factories import (
    DangerZoneFactory,
    DepotFactory,
    DepotItemFactory,
    IncidentFactory,
    ResponseEventFactory,
    ShelterFactory,
    TransferFactory,
    TransferPersonFactory,
    township,
    village,
)

pytestmark = pytest.mark.django_db
TOWNSHIPS = ["灵溪镇", "矾山镇", "钱库镇"]


def spread(index: int):
    """A village and township for the index-th row, over three townships and several villages."""
    name = TOWNSHIPS[index % 3]
    return village(f"计数{index % 5}村", name), township(name)


def cadre_of(place) -> User:
    """The village's cadre (no password: hashing one per village would dominate the test)."""
    return User.objects.get_or_create(
        username=f"count_cadre{place.pk}", defaults={"role": User.Role.VILLAGE_CADRE, "region": place}
    )[0]


def add_people(start: int, count: int) -> None:
    for index in range(start, start + count):
        place, _township = spread(index)
        TransferPersonFactory(
            village=place, zone=DangerZoneFactory(village=place), responsible=cadre_of(place), elderly=index % 2 == 0
        )


def add_shelters(start: int, count: int) -> None:
    for index in range(start, start + count):
        place, area = spread(index)
        ShelterFactory(township=area, village=place, lat=Decimal("27.5"), lng=Decimal("120.4"))


def add_zones(start: int, count: int) -> None:
    for index in range(start, start + count):
        DangerZoneFactory(village=spread(index)[0], lat=Decimal("27.5"), lng=Decimal("120.4"))


def add_depots(start: int, count: int) -> None:
    for index in range(start, start + count):
        depot = DepotFactory(region=spread(index)[1], lat=Decimal("27.5"), lng=Decimal("120.4"))
        DepotItemFactory.create_batch(2, depot=depot)


def add_incidents(start: int, count: int) -> None:
    occurred = timezone.now() - timedelta(hours=2)
    for index in range(start, start + count):
        IncidentFactory(township=spread(index)[1], level=Incident.Level.MAJOR, occurred_at=occurred)
    tasks.flag_overdue_incident_reports()  # stored breaches and a notice for each


def add_events(start: int, count: int) -> None:
    for index in range(start, start + count):
        ResponseEventFactory(region=spread(index)[1])


def event_with_people(admin):
    """One typhoon with people moving in it, its stage changed back and forth as it grows."""
    event = ResponseEvent.objects.first()
    if event is None:
        event = services.change_stage(event=ResponseEventFactory(), actor=admin, stage_order=3, note="测试")
    else:
        services.change_stage(event=event, actor=admin, stage_order=4, note="测试")
        event = services.change_stage(event=event, actor=admin, stage_order=3, note="测试")
    services.open_transfers(event=event, stage=event.stage)
    return event


def count(fetch) -> tuple[int, object]:
    fetch()  # sessions, content types and caches are filled on the first request
    with CaptureQueriesContext(connection) as queries:
        response = fetch()
    assert response.status_code == 200
    return len(queries), response


def rows_of(response) -> int:
    return len(response.json()["results"])


def assert_flat(fetch, grow, *, rows=None) -> None:
    grow(0, 3)
    small, response = count(fetch)
    if rows:
        assert rows(response) == 3
    grow(3, 27)
    large, response = count(fetch)
    if rows:
        assert rows(response) == 30
    assert large == small, f"{small} queries with 3 rows, {large} with 30"


# --- Pages ----------------------------------------------------------------------------------


def test_the_person_list(client, county_admin):
    client.force_login(county_admin)
    html_rows = lambda response: response.content.decode().count('<td class="id-number">')  # noqa: E731
    assert_flat(lambda: client.get(reverse("flood1833:people")), add_people, rows=html_rows)


def test_the_shelter_list(client, county_admin):
    client.force_login(county_admin)
    html_rows = lambda response: response.content.decode().count("测试安置点")  # noqa: E731
    assert_flat(lambda: client.get(reverse("flood1833:shelters")), add_shelters, rows=html_rows)


def test_the_incident_list_with_its_notices(client, county_admin):
    client.force_login(county_admin)
    html_rows = lambda response: response.content.decode().count("<tr data-incident=")  # noqa: E731
    assert_flat(lambda: client.get(reverse("flood1833:incidents")), add_incidents, rows=html_rows)


def test_the_depot_list(client, county_admin):
    client.force_login(county_admin)
    html_rows = lambda response: response.content.decode().count("<h2>测试物资仓库")  # noqa: E731
    assert_flat(lambda: client.get(reverse("flood1833:depots")), add_depots, rows=html_rows)


def add_sheltered_people(start: int, count: int) -> None:
    """One person sheltered in each of the newest shelters (the shelter layer's occupancy)."""
    event = ResponseEvent.objects.first() or ResponseEventFactory()
    for shelter in Shelter.objects.order_by("-pk")[:count]:
        TransferFactory(event=event, shelter=shelter, status=Transfer.Status.SHELTERED)


@pytest.mark.parametrize("key", ["zones", "shelters", "depots"])
def test_the_county_map_layers(client, county_admin, key):
    client.force_login(county_admin)

    def grow(start, count):
        add_zones(start, count)
        add_shelters(start, count)
        add_sheltered_people(start, count)
        add_depots(start, count)

    features = lambda response: len(response.json()["features"])  # noqa: E731
    assert_flat(lambda: client.get(reverse("plan:map-layer", kwargs={"key": key})), grow, rows=features)


def test_the_event_detail_page(client, county_admin):
    client.force_login(county_admin)

    def grow(start, count):
        add_people(start, count)
        event_with_people(county_admin)

    def fetch():
        return client.get(ResponseEvent.objects.get().get_absolute_url())

    assert_flat(fetch, grow)
    assert live.transfer_counts(event=ResponseEvent.objects.get(), user=county_admin)["total"] == 30


def test_the_live_page(client, county_admin):
    client.force_login(county_admin)

    def grow(start, count):
        add_people(start, count)
        add_shelters(start, count)
        event_with_people(county_admin)

    assert_flat(lambda: client.get(reverse("flood1833:live")), grow)
    assert "测试安置点" in client.get(reverse("flood1833:live")).content.decode()


# --- API lists ------------------------------------------------------------------------------


def test_the_api_event_list(county_admin):
    api = api_as(county_admin)
    assert_flat(lambda: api.get(reverse("event-list")), add_events, rows=rows_of)


def test_the_api_transfer_list(county_admin):
    api = api_as(county_admin)

    def grow(start, count):
        add_people(start, count)
        event_with_people(county_admin)

    assert_flat(lambda: api.get(reverse("transfer-list")), grow, rows=rows_of)


def test_the_api_person_list(county_admin):
    api = api_as(county_admin)
    assert_flat(lambda: api.get(reverse("person-list")), add_people, rows=rows_of)


def test_the_api_shelter_list(county_admin):
    api = api_as(county_admin)
    assert_flat(lambda: api.get(reverse("shelter-list")), add_shelters, rows=rows_of)


def test_the_api_incident_list(county_admin):
    api = api_as(county_admin)
    assert_flat(lambda: api.get(reverse("incident-list")), add_incidents, rows=rows_of)
