"""The phone's queue in one request: POST /api/v1/transfers/confirm/ answers each item on its own,
applies each once by its request id (through services.confirm_transfer, the one path), and
reports 已转移 x / y; replayed and raced batches on PostgreSQL."""

import uuid

import pytest
from django.db import connection
from django.urls import reverse

from flood1833 import services
from flood1833.models import Transfer, TransferStep
from org.models import User
from org.services import create_portal_user
from tests.conftest import api_as
from tests.factories import (
    PASSWORD,
    ResponseEventFactory,
    ShelterFactory,
    TransferPersonFactory,
    county,
    ensure_seeded,
    village,
)
from tests.hazards3030.test_concurrency import run_at_once

BATCH = reverse("transfer-confirm-batch")


def item(transfer, status, **extra):
    return {"transfer": transfer.pk, "status": status, "request_id": str(uuid.uuid4()), **extra}


@pytest.fixture
def people(typhoon):
    event = typhoon(stage=3)
    persons = [TransferPersonFactory(name=name) for name in ("陈阿婆", "林阿公", "吴小妹")]
    services.open_transfers(event=event, stage=event.stage)
    return [Transfer.objects.get(event=event, person=person) for person in persons]


@pytest.mark.django_db
def test_each_item_is_answered_on_its_own_in_the_order_tapped(cadre, people, fanshan_staff):
    a, b, c = people
    items = [
        item(a, "notified"),
        item(a, "moved"),  # back to back on one person: applied in order
        item(b, "with_relatives"),
        item(c, "returned"),  # refused: the response is not lifted
        {"transfer": c.pk, "request_id": str(uuid.uuid4())},  # no status
        {"transfer": 999999, "status": "moved", "request_id": str(uuid.uuid4())},  # missing
        item(c, "sheltered"),  # no shelter
    ]
    response = api_as(cadre).post(BATCH, {"items": items}, format="json")
    assert response.status_code == 200, response.json()
    answers = response.json()["items"]
    assert [(x["ok"], x["status"]) for x in answers] == [
        (True, 200),
        (True, 200),
        (True, 200),
        (False, 409),
        (False, 400),
        (False, 404),
        (False, 400),
    ]
    assert [x["request_id"] for x in answers] == [x["request_id"] for x in items]
    assert answers[1]["result"]["status"] == "moved" and "尚未解除" in answers[3]["detail"]
    assert [Transfer.objects.get(pk=t.pk).status for t in people] == ["moved", "with_relatives", "pending"]
    assert response.json()["progress"] == [{"event": a.event_id, "safe": 2, "total": 3}]
    # The same batch again (the phone never heard the answer): nothing applied twice.
    again = api_as(cadre).post(BATCH, {"items": items[:3]}, format="json").json()["items"]
    assert [(x["ok"], x["replayed"]) for x in again] == [(True, True)] * 3
    assert TransferStep.objects.filter(transfer__event=a.event).count() == 3


@pytest.mark.django_db
def test_out_of_scope_items_are_404_and_nothing_else_is_refused(other_cadre, cadre, people):
    response = api_as(other_cadre).post(BATCH, {"items": [item(people[0], "moved")]}, format="json")
    assert [x["status"] for x in response.json()["items"]] == [404]
    assert Transfer.objects.get(pk=people[0].pk).status == "pending"


@pytest.mark.django_db
def test_a_check_in_and_a_correction_in_the_batch(cadre, people):
    shelter = ShelterFactory()
    items = [
        item(people[0], "moved"),
        item(people[0], "sheltered", shelter=shelter.pk),
        {"transfer": people[0].pk, "correction": True, "reason": "点错了", "request_id": str(uuid.uuid4())},
    ]
    answers = api_as(cadre).post(BATCH, {"items": items}, format="json").json()["items"]
    assert all(x["ok"] for x in answers), answers
    assert Transfer.objects.get(pk=people[0].pk).status == "moved"
    assert TransferStep.objects.get(transfer=people[0], corrects__isnull=False).reason == "点错了"


@pytest.mark.django_db
def test_a_request_id_used_for_another_person_is_refused(cadre, people):
    request_id = str(uuid.uuid4())
    items = [
        {"transfer": people[0].pk, "status": "moved", "request_id": request_id},
        {"transfer": people[1].pk, "status": "moved", "request_id": request_id},
    ]
    answers = api_as(cadre).post(BATCH, {"items": items}, format="json").json()["items"]
    assert [x["status"] for x in answers] == [200, 409]


@pytest.mark.django_db
def test_an_empty_or_malformed_batch_is_a_400(cadre):
    api = api_as(cadre)
    assert api.post(BATCH, {"items": []}, format="json").status_code == 400
    assert api.post(BATCH, {"items": "x"}, format="json").status_code == 400
    answers = api.post(BATCH, {"items": ["x", {"transfer": "a"}]}, format="json").json()["items"]
    assert [x["status"] for x in answers] == [400, 400]


@pytest.mark.django_db
def test_the_batch_is_in_the_schema(client, county_admin):
    client.force_login(county_admin)
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/transfers/confirm/"]["post"]
    assert "requestBody" in operation and "200" in operation["responses"]


@pytest.fixture
def raced(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL (CI sets DATABASE_URL)")
    ensure_seeded()
    admin = create_portal_user(username="batch_admin", password=PASSWORD, role=User.Role.COUNTY_ADMIN, region=county())
    home = village("测试一村")
    cadre = create_portal_user(username="batch_cadre", password=PASSWORD, role=User.Role.VILLAGE_CADRE, region=home)
    TransferPersonFactory.create_batch(6, village=home)
    event = services.change_stage(event=ResponseEventFactory(), actor=admin, stage_order=3, note="测试")
    return cadre, list(Transfer.objects.filter(event=event).order_by("pk"))


def test_the_same_batch_sent_four_times_at_once_is_applied_once(raced):
    cadre, transfers = raced
    items = [item(t, "notified") for t in transfers] + [item(t, "moved") for t in transfers]

    def send(_index):
        return api_as(cadre).post(BATCH, {"items": items}, format="json").json()["items"]

    results = run_at_once(4, send)
    for answers in results:
        assert isinstance(answers, list), answers
        # Each item is applied by one copy and answered as its replay to the others.
        assert all(x["ok"] for x in answers), answers
    assert TransferStep.objects.filter(transfer__in=transfers).count() == 2 * len(transfers)
    assert set(Transfer.objects.filter(pk__in=[t.pk for t in transfers]).values_list("status", flat=True)) == {"moved"}


def test_a_replayed_batch_on_postgresql_changes_nothing(raced):
    cadre, transfers = raced
    items = [item(t, "moved") for t in transfers]
    first = api_as(cadre).post(BATCH, {"items": items}, format="json").json()
    again = api_as(cadre).post(BATCH, {"items": items}, format="json").json()
    assert [x["replayed"] for x in first["items"]] == [False] * len(transfers)
    assert [x["replayed"] for x in again["items"]] == [True] * len(transfers)
    assert first["progress"] == again["progress"] == [{"event": transfers[0].event_id, "safe": 6, "total": 6}]
    assert TransferStep.objects.filter(transfer__in=transfers).count() == len(transfers)
