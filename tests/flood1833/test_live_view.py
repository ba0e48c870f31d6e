"""The live county view and its JSON: the figures, the scope, and a flat number of queries."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from flood1833.models import Transfer
from tests.conftest import api_as
from tests.factories import ShelterFactory, TransferPersonFactory, village

pytestmark = pytest.mark.django_db


def fetch(client, event):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("flood1833:live-data"), {"event": event.pk})
    assert response.status_code == 200
    return response.json(), len(queries)


def move_all(user, event, status="moved", **extra):
    api = api_as(user)
    for transfer in Transfer.objects.visible_to(user).filter(event=event):
        body = {"status": status, "request_id": str(uuid.uuid4()), **extra}
        assert api.post(reverse("transfer-confirm", args=[transfer.pk]), body, format="json").status_code == 200


def test_the_county_sees_counts_by_status_township_zone_kind_and_shelter(client, county_admin, cadre, typhoon):
    shelter = ShelterFactory(name="灵溪一小", capacity=10)
    TransferPersonFactory.create_batch(3)
    TransferPersonFactory(village=village("矾山一村", "矾山镇"))
    event = typhoon(stage=3)
    move_all(cadre, event, "sheltered", shelter=shelter.pk)
    client.force_login(county_admin)
    data, _queries = fetch(client, event)
    statuses = {row["key"]: row["count"] for row in data["transfers"]["statuses"]}
    assert statuses["sheltered"] == 3 and statuses["pending"] == 1
    assert data["transfers"]["total"] == 4 and data["transfers"]["safe"] == 3 and data["transfers"]["percent"] == 75
    assert {row["name"]: row["safe"] for row in data["by_township"]} == {"灵溪镇": 3, "矾山镇": 0}
    assert [(row["label"], row["total"]) for row in data["by_zone_kind"]] == [("未划区域", 4)]
    assert [(row["name"], row["present"], row["capacity"]) for row in data["shelters"]] == [("灵溪一小", 3, 10)]


def test_a_township_sees_only_its_own_figures(client, lingxi_staff, typhoon):
    TransferPersonFactory()
    TransferPersonFactory(village=village("矾山一村", "矾山镇"))
    event = typhoon(stage=3)
    client.force_login(lingxi_staff)
    data, _queries = fetch(client, event)
    assert data["transfers"]["total"] == 1
    assert [row["name"] for row in data["by_township"]] == ["灵溪镇"]


def test_the_live_json_makes_the_same_number_of_queries_at_any_size(client, county_admin, cadre, typhoon):
    ShelterFactory()
    TransferPersonFactory.create_batch(2)
    event = typhoon(stage=3)
    client.force_login(county_admin)
    _data, small = fetch(client, event)
    for index in range(30):
        TransferPersonFactory(village=village(f"测试{index % 5}村", ["灵溪镇", "矾山镇", "钱库镇"][index % 3]))
    ShelterFactory.create_batch(5)
    from flood1833 import services

    services.open_transfers(event=event, stage=event.stage)
    move_all(county_admin, event)
    data, large = fetch(client, event)
    assert data["transfers"]["total"] == 32
    assert large == small


def test_the_live_page_refreshes_itself_from_our_own_script(client, county_admin, typhoon):
    event = typhoon(stage=3)
    client.force_login(county_admin)
    html = client.get(reverse("flood1833:live")).content.decode()
    assert reverse("flood1833:live-data") in html and "js/flood-live.js" in html
    assert "<script>" not in html  # CSP: script-src 'self', no inline scripts
    assert event.name in html


def test_an_event_outside_the_scope_is_404_on_the_live_json(client, lingxi_staff):
    from flood1833.models import ResponseEvent
    from tests.scope_registry import OUT_OF_SCOPE

    event = OUT_OF_SCOPE[ResponseEvent]()
    client.force_login(lingxi_staff)
    assert client.get(reverse("flood1833:live-data"), {"event": event.pk}).status_code == 404
    assert client.get(reverse("flood1833:field"), {"event": event.pk}).status_code == 404
