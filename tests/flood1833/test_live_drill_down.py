"""The live view's chart and drill-down: the county by township, a township by village, a
village by danger zone; labelled figures, within the user's scope, the same queries at any size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from flood1833 import live, services
from flood1833.models import Transfer
from tests.factories import DangerZoneFactory, TransferPersonFactory, township, village

pytestmark = pytest.mark.django_db

LIVE = reverse("flood1833:live")


@pytest.fixture
def event(typhoon, county_admin):
    zone = DangerZoneFactory(name="后山地灾点")
    for n in range(3):
        TransferPersonFactory(zone=zone if n else None)
    TransferPersonFactory(village=village("矾山一村", "矾山镇"))
    event = typhoon(stage=3)
    services.confirm_transfer(
        transfer=Transfer.objects.filter(event=event, person__zone=zone).first(), actor=county_admin, status="moved"
    )
    return event


def test_county_township_village_zone(event, county_admin):
    county = live.drill_down(event=event, user=county_admin)
    assert county["level"] == "township"
    assert {(r["name"], r["safe"], r["total"]) for r in county["rows"]} == {("灵溪镇", 1, 3), ("矾山镇", 0, 1)}
    lingxi = next(r for r in county["rows"] if r["name"] == "灵溪镇")
    assert lingxi["bar_total"] == live.CHART_WIDTH and 0 < lingxi["bar_safe"] < lingxi["bar_total"]
    villages = live.drill_down(event=event, user=county_admin, township=str(township("灵溪镇").pk))
    assert [(r["name"], r["safe"], r["total"]) for r in villages["rows"]] == [("测试一村", 1, 3)]
    zones = live.drill_down(event=event, user=county_admin, village=str(village("测试一村").pk))
    assert sorted((r["name"], r["safe"], r["total"]) for r in zones["rows"]) == [
        ("后山地灾点", 1, 2),
        ("未划区域", 0, 1),
    ]


def test_a_township_sees_only_its_own_villages(event, fanshan_staff):
    assert live.drill_down(event=event, user=fanshan_staff, township=str(township("灵溪镇").pk))["rows"] == []


def test_the_page_draws_a_labelled_chart_with_links_one_level_down(client, county_admin, event):
    client.force_login(county_admin)
    html = client.get(LIVE, {"event": event.pk}).content.decode()
    assert 'id="live-chart"' in html and "灵溪镇 1 / 3(33%)" in html
    assert f"township={township('灵溪镇').pk}#live-drill" in html
    down = client.get(LIVE, {"event": event.pk, "township": township("灵溪镇").pk}).content.decode()
    assert "测试一村 1 / 3(33%)" in down and f"village={village('测试一村').pk}" in down
    data = client.get(reverse("flood1833:live-data"), {"event": event.pk, "village": village("测试一村").pk}).json()
    assert data["drill"]["level"] == "zone"


def test_the_live_json_costs_the_same_number_of_queries_at_any_size(client, county_admin, event):
    client.force_login(county_admin)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("flood1833:live-data"), {"event": event.pk}).status_code == 200
        return len(queries)

    few = count()
    for n in range(30):
        TransferPersonFactory(village=village(f"测试{n % 4}村", ["灵溪镇", "钱库镇"][n % 2]))
    services.open_transfers(event=event, stage=event.stage)
    assert count() == few
