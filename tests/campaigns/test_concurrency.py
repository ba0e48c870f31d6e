"""Scans at the same moment are all counted, in one row per item and month (PostgreSQL)."""

from datetime import date

import pytest
from django.db import connection

from campaigns import services
from campaigns.models import ResourceScan
from tests.campaigns.factories import ResourceFactory
from tests.factories import ensure_seeded
from tests.hazards3030.test_concurrency import run_at_once

THREADS = 8


@pytest.mark.django_db(transaction=True)
def test_simultaneous_first_scans_of_a_month_are_all_counted():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writes are tested on PostgreSQL (CI sets DATABASE_URL)")
    ensure_seeded()
    resource = ResourceFactory()
    results = run_at_once(THREADS, lambda i: services.count_scan(resource=resource, on=date(2024, 7, 1 + i)))
    assert [r for r in results if isinstance(r, Exception)] == []
    scans = ResourceScan.objects.filter(resource=resource)
    assert scans.count() == 1 and scans.get().count == THREADS
