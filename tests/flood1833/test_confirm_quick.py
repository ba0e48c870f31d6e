"""The quick confirmation (flood1833/api/quick.py): the common confirmation answered before DRF,
with the API view's own answer, and everything else left to the API view."""

import uuid

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from flood1833 import services
from flood1833.models import Transfer, TransferStep
from org import prepared
from tests.factories import ShelterFactory, TransferPersonFactory
from tests.flood1833.test_concurrency import THREADS
from tests.flood1833.test_concurrency import setup as setup
from tests.flood1833.test_confirm_transfer import token_client
from tests.hazards3030.test_concurrency import run_at_once

pytestmark = pytest.mark.django_db

QUICK = "flood1833.api.quick.QuickConfirmMiddleware"
# What differs between two people's answers to the same move.
PER_PERSON = {"id", "person", "person_name", "phone", "updated_at"}


def full_way_only():
    return override_settings(MIDDLEWARE=[m for m in settings.MIDDLEWARE if m != QUICK])


def post(client, transfer, status, request_id=None, **extra):
    body = {"status": status, "request_id": request_id or str(uuid.uuid4()), **extra}
    return client.post(reverse("transfer-confirm", args=[transfer.pk]), body, format="json")


def same_for_everyone(answer: dict) -> dict:
    return {key: value for key, value in answer.items() if key not in PER_PERSON}


@pytest.fixture
def pair(typhoon):
    """Two people of 测试一村 in a typhoon at III级: one confirmed the quick way, one the full way."""
    first, second = TransferPersonFactory(name="甲", phone="13800000001"), TransferPersonFactory(name="乙")
    event = typhoon(stage=3)
    return event, Transfer.objects.get(event=event, person=first), Transfer.objects.get(event=event, person=second)


@pytest.fixture
def full_way_forbidden(monkeypatch):
    """Fails the test if a confirmation goes through the API view's service."""

    def forbidden(**kwargs):
        raise AssertionError("went the full way")

    monkeypatch.setattr(services, "confirm_transfer", forbidden)


@pytest.mark.parametrize("lifted", [False, True], ids=["ongoing", "lifted"])
def test_every_move_is_answered_as_the_api_view_answers_it(cadre, county_admin, pair, lifted):
    """From each status to each status the quick way handles, before and after the response is
    lifted: the same HTTP status, the same answer and the same step as the API view alone."""
    event, quick, full = pair
    if lifted:
        services.change_stage(event=event, actor=county_admin, stage_order=6)
    client = token_client(cadre)
    for start in Transfer.Status.values:
        for target in sorted(services.QUICK_STATUSES):
            Transfer.objects.filter(pk__in=[quick.pk, full.pk]).update(status=start, location="")
            quick_answer = post(client, quick, target, location="村委会")
            with full_way_only():
                full_answer = post(client, full, target, location="村委会")
            case = f"{start} → {target}"
            assert quick_answer.status_code == full_answer.status_code, case
            assert quick_answer["Content-Type"] == full_answer["Content-Type"], case
            quick_body, full_body = quick_answer.json(), full_answer.json()
            if full_answer.status_code == 200:
                assert same_for_everyone(quick_body) == same_for_everyone(full_body), case
                assert quick_body["person_name"] == "甲" and quick_body["phone"] == "13800000001", case
                assert quick_body["updated_at"] and quick_body["updated_by"] == cadre.username, case
            else:
                assert quick_body == full_body, case
            steps = [
                list(
                    TransferStep.objects.filter(transfer=t).values_list("from_status", "to_status", "location", "actor")
                )
                for t in (quick, full)
            ]
            assert steps[0] == steps[1], case
            TransferStep.objects.all().delete()


def test_a_token_client_is_answered_the_quick_way(cadre, pair, full_way_forbidden):
    _event, transfer, _other = pair
    request_id = str(uuid.uuid4())
    first = post(token_client(cadre), transfer, "moved", request_id)
    again = post(token_client(cadre), transfer, "moved", request_id)
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    assert first.json()["status_display"] == "已转移" and first.json()["next_statuses"] == [
        "sheltered",
        "with_relatives",
    ]
    assert first["X-Frame-Options"] == "DENY" and first["X-Content-Type-Options"] == "nosniff"
    assert list(TransferStep.objects.filter(transfer=transfer).values_list("to_status", "request_id")) == [
        ("moved", request_id)
    ]


def test_the_field_page_session_is_answered_the_quick_way_with_its_csrf_token(cadre, pair, full_way_forbidden):
    _event, transfer, _other = pair
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(cadre)
    assert browser.get(reverse("flood1833:field")).status_code == 200
    url, body = reverse("transfer-confirm", args=[transfer.pk]), {"status": "notified", "request_id": "tap-1"}
    answer = browser.post(
        url, body, content_type="application/json", HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value
    )
    assert answer.status_code == 200 and answer.json()["status"] == "notified"


def test_without_the_csrf_token_the_session_is_refused_by_the_api_view(cadre, pair):
    _event, transfer, _other = pair
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(cadre)
    url, body = reverse("transfer-confirm", args=[transfer.pk]), {"status": "notified", "request_id": "tap-1"}
    answer = browser.post(url, body, content_type="application/json")
    assert answer.status_code == 403 and "CSRF" in answer.json()["detail"]
    assert Transfer.objects.get(pk=transfer.pk).status == "pending"


@pytest.mark.parametrize(
    "case",
    [
        {"body": {"status": "sheltered"}, "code": 200},  # a check-in counts heads: the full way
        {"body": {"status": "moved", "request_id": " padded "}, "code": 200},  # DRF trims it
        {"body": {"status": "moved", "location": 12}, "code": 200},  # DRF turns it into text
        {"body": {"status": "moved"}, "query": "?format=json", "code": 200},
        {"body": {"status": "moved"}, "accept": "text/html", "code": 200},
        {"body": {"status": "moved", "request_id": ""}, "code": 400},
        {"body": {"status": "flying"}, "code": 400},
    ],
)
def test_anything_out_of_the_ordinary_goes_to_the_api_view(cadre, pair, case):
    _event, transfer, _other = pair
    body = {"request_id": str(uuid.uuid4())} | case["body"]
    if body["status"] == "sheltered":
        body["shelter"] = ShelterFactory().pk
        Transfer.objects.filter(pk=transfer.pk).update(status="moved")
    url = reverse("transfer-confirm", args=[transfer.pk]) + case.get("query", "")
    answer = token_client(cadre).post(url, body, format="json", HTTP_ACCEPT=case.get("accept", "application/json"))
    with full_way_only():
        Transfer.objects.filter(pk=transfer.pk).update(status="moved" if body["status"] == "sheltered" else "pending")
        TransferStep.objects.all().delete()
        expected = token_client(cadre).post(
            url, body, format="json", HTTP_ACCEPT=case.get("accept", "application/json")
        )
    assert answer.status_code == expected.status_code == case["code"]
    assert answer["Content-Type"] == expected["Content-Type"]


def test_a_request_id_used_for_another_person_is_refused_and_nothing_is_written(cadre, pair):
    _event, transfer, other = pair
    client = token_client(cadre)
    assert post(client, transfer, "notified", "same-id").status_code == 200
    refused = post(client, other, "notified", "same-id")
    assert refused.status_code == 409 and "其他人员" in refused.json()["detail"]
    assert Transfer.objects.get(pk=other.pk).status == "pending"
    assert TransferStep.objects.filter(transfer=other).count() == 0


def test_a_cadre_of_another_village_gets_404_and_nothing_is_written(other_cadre, pair):
    _event, transfer, _other = pair
    assert post(token_client(other_cadre), transfer, "moved").status_code == 404
    assert Transfer.objects.get(pk=transfer.pk).status == "pending" and not TransferStep.objects.exists()


def test_prepared_statements_survive_a_new_connection(cadre, pair):
    """On PostgreSQL the statements are prepared per connection: after a reconnect they are
    prepared again, not assumed."""
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's (CI sets DATABASE_URL)")
    _event, transfer, other = pair
    client = token_client(cadre)
    assert post(client, transfer, "notified").status_code == 200
    assert any(name.startswith("p_") for name in prepared.texts)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        assert cursor.fetchone()[0] >= 3  # the token, the locking read, the update with its step
        cursor.execute("DEALLOCATE ALL")  # as a new connection would have them
    prepared._new_connection(sender=None, connection=connection)
    assert post(client, other, "notified").status_code == 200


# --- At once, on PostgreSQL (the fixture skips elsewhere) -----------------------------------


def quickly(transfer, actor, status, request_id):
    return services.confirm_quickly(transfer=transfer.pk, actor=actor, status=status, request_id=request_id)


def test_the_same_person_confirmed_quickly_at_once_moves_once(setup):
    admins, people, event = setup
    transfer = Transfer.objects.get(event=event, person=people[0])
    results = run_at_once(THREADS, lambda i: quickly(transfer, admins[i], "moved", str(uuid.uuid4())))
    # One is applied; the others find it already moved and are left to the full way's refusal.
    assert sum(isinstance(r, dict) for r in results) == 1, results
    assert sum(r is None for r in results) == THREADS - 1, results
    assert TransferStep.objects.filter(transfer=transfer).count() == 1


def test_the_same_request_retried_quickly_and_fully_at_once_is_applied_once(setup):
    """Half the retries come the quick way (handed on to the full way when it cannot answer them,
    as the middleware does), half the full way: all answered, applied once."""
    admins, people, event = setup
    transfer = Transfer.objects.get(event=event, person=people[0])
    request_id = str(uuid.uuid4())

    def fully(i):
        transfer_now, replayed = services.confirm_transfer(
            transfer=transfer, actor=admins[i], status="moved", request_id=request_id
        )
        return {"status": transfer_now.status, "replayed": replayed}

    def either_way(i):
        return (i % 2 and quickly(transfer, admins[i], "moved", request_id)) or fully(i)

    results = run_at_once(THREADS, either_way)
    assert all(isinstance(r, dict) and r["status"] == "moved" for r in results), results
    assert sum(1 for r in results if not r["replayed"]) == 1, results
    assert TransferStep.objects.filter(request_id=request_id).count() == 1


def test_different_people_confirmed_quickly_at_once_each_move_exactly_once(setup):
    admins, _people, event = setup
    transfers = list(Transfer.objects.filter(event=event).order_by("pk"))
    results = run_at_once(THREADS, lambda i: quickly(transfers[i], admins[i], "moved", str(uuid.uuid4())))
    assert all(isinstance(r, dict) and r["status"] == "moved" for r in results), results
    assert Transfer.objects.filter(event=event, status="moved").count() == THREADS
    assert TransferStep.objects.filter(transfer__event=event).count() == THREADS


def test_one_request_id_sent_at_once_for_different_moves_is_applied_once(setup):
    """A client bug: the same request id for 已通知 and 已转移 at once. Whoever waited for the lock
    cannot yet see the step its request id made; the unique request id stops it, and the full way
    answers it as the retry it is."""
    admins, people, event = setup
    transfer = Transfer.objects.get(event=event, person=people[0])
    request_id = str(uuid.uuid4())
    results = run_at_once(THREADS, lambda i: quickly(transfer, admins[i], "moved" if i % 2 else "notified", request_id))
    assert all(r is None or isinstance(r, dict) for r in results), results
    assert sum(1 for r in results if isinstance(r, dict) and not r["replayed"]) == 1, results
    assert TransferStep.objects.filter(request_id=request_id).count() == 1
