"""Many cadres confirming at once: exact counts, no step applied twice (PostgreSQL row locks)."""

import uuid

import pytest
from django.db import connection

from flood1833 import services
from flood1833.models import Shelter, Transfer, TransferStep
from org.errors import Conflict
from org.models import User
from org.services import create_portal_user
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

THREADS = 8


@pytest.fixture
def setup(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL (CI sets DATABASE_URL)")
    ensure_seeded()
    admins = [
        create_portal_user(username=f"flood{i}", password=PASSWORD, role=User.Role.COUNTY_ADMIN, region=county())
        for i in range(THREADS)
    ]
    village("测试一村")
    people = TransferPersonFactory.create_batch(THREADS)
    event = ResponseEventFactory()
    services.change_stage(event=event, actor=admins[0], stage_order=3, note="测试")
    return admins, people, event


def test_the_same_person_confirmed_at_once_moves_once(setup):
    admins, people, event = setup
    transfer = Transfer.objects.get(event=event, person=people[0])
    results = run_at_once(
        THREADS,
        lambda i: services.confirm_transfer(
            transfer=transfer, actor=admins[i], status="moved", request_id=str(uuid.uuid4())
        ),
    )
    assert sum(isinstance(r, tuple) for r in results) == 1, results
    assert sum(isinstance(r, Conflict) for r in results) == THREADS - 1, results
    assert TransferStep.objects.filter(transfer=transfer).count() == 1


def test_the_same_request_retried_at_once_is_applied_once_and_answered_alike(setup):
    admins, people, event = setup
    transfer = Transfer.objects.get(event=event, person=people[0])
    request_id = str(uuid.uuid4())
    results = run_at_once(
        THREADS,
        lambda i: services.confirm_transfer(transfer=transfer, actor=admins[i], status="moved", request_id=request_id),
    )
    assert all(isinstance(r, tuple) and r[0].status == "moved" for r in results), results
    assert sum(1 for _transfer, replayed in results if not replayed) == 1
    assert TransferStep.objects.filter(request_id=request_id).count() == 1


def test_different_people_confirmed_at_once_into_one_shelter_never_overfill_it(setup):
    admins, _people, event = setup
    shelter = ShelterFactory(capacity=THREADS // 2)
    transfers = list(Transfer.objects.filter(event=event).order_by("pk"))
    assert len(transfers) == THREADS
    results = run_at_once(
        THREADS,
        lambda i: services.confirm_transfer(
            transfer=transfers[i],
            actor=admins[i],
            status="sheltered",
            request_id=str(uuid.uuid4()),
            shelter=Shelter.objects.get(pk=shelter.pk),
        ),
    )
    assert sum(isinstance(r, tuple) for r in results) == THREADS // 2, results
    assert sum(isinstance(r, Conflict) for r in results) == THREADS // 2, results
    assert Transfer.objects.filter(shelter=shelter, status="sheltered").count() == THREADS // 2
    assert TransferStep.objects.filter(to_status="sheltered").count() == THREADS // 2


def test_different_people_confirmed_at_once_each_move_exactly_once(setup):
    admins, _people, event = setup
    transfers = list(Transfer.objects.filter(event=event).order_by("pk"))
    results = run_at_once(
        THREADS,
        lambda i: services.confirm_transfer(
            transfer=transfers[i], actor=admins[i], status="moved", request_id=str(uuid.uuid4())
        ),
    )
    assert all(isinstance(r, tuple) for r in results), results
    assert Transfer.objects.filter(event=event, status="moved").count() == THREADS
    assert TransferStep.objects.filter(transfer__event=event).count() == THREADS
