"""Two people acting on one hazard at once produce exactly one transition (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection, connections

from hazards3030 import services
from hazards3030.models import Hazard, HazardTransition
from org.errors import Conflict
from org.models import User
from org.services import create_portal_user
from tests.factories import PASSWORD, HazardFactory, county, ensure_seeded


def run_at_once(count: int, work) -> list:
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def worker(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = work(index)
        except Exception as error:  # collected and asserted on below
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_accepts_make_one_transition():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL (CI sets DATABASE_URL)")
    ensure_seeded()
    admins = [
        create_portal_user(username=f"admin{i}", password=PASSWORD, role=User.Role.COUNTY_ADMIN, region=county())
        for i in range(2)
    ]
    for _round in range(5):
        hazard = HazardFactory(status=Hazard.Status.SUBMITTED)
        results = run_at_once(2, lambda i, hazard=hazard: services.accept_hazard(hazard=hazard, actor=admins[i]))
        assert sum(isinstance(r, Hazard) for r in results) == 1, results
        assert sum(isinstance(r, Conflict) for r in results) == 1, results
        assert HazardTransition.objects.filter(hazard=hazard, to_status=Hazard.Status.CLOSED).count() == 1
