"""A2.transfer, A2.report, M2.matrix and F1.disaster, registered in the plan's registry."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from flood1833.models import MatrixTask, Transfer
from org.models import Region
from plan.periods import Month
from plan.registry import registry
from tests.conftest import api_as
from tests.factories import IncidentFactory, TransferPersonFactory

pytestmark = pytest.mark.django_db


def measure(key: str, region_name: str = "苍南县"):
    return registry.get(key).measure(period=Month.of(timezone.localdate()), region=Region.objects.get(name=region_name))


def test_all_four_are_registered():
    assert {"A2.transfer", "A2.report", "M2.matrix", "F1.disaster"} <= {i.key for i in registry}


def test_transfer_rate_counts_people_moved_of_those_required(county_admin, typhoon):
    TransferPersonFactory.create_batch(4)
    event = typhoon(stage=3)
    for transfer in Transfer.objects.filter(event=event)[:3]:
        body = {"status": "moved", "request_id": str(uuid.uuid4())}
        api_as(county_admin).post(reverse("transfer-confirm", args=[transfer.pk]), body, format="json")
    result = measure("A2.transfer")
    assert (result.numerator, result.denominator, result.value) == (3, 4, 75)
    assert measure("A2.transfer", "矾山镇").value is None  # nothing to measure there


def test_matrix_completion_ratio(county_admin, typhoon):
    event = typhoon(stage=1)
    task = MatrixTask.objects.filter(event=event).first()
    api_as(county_admin).post(reverse("matrix-task-done", args=[task.pk]), {}, format="json")
    result = measure("M2.matrix")
    assert result.numerator == 1 and result.denominator == MatrixTask.objects.filter(event=event).count()


def test_report_rate_and_disaster_deaths(db):
    occurred = timezone.now() - timedelta(hours=2)
    IncidentFactory(
        occurred_at=occurred,
        verbal_reported_at=occurred + timedelta(minutes=10),
        system_reported_at=occurred + timedelta(minutes=30),
        injuries=2,
    )
    IncidentFactory(occurred_at=occurred, deaths=1)
    report = measure("A2.report")
    assert (report.numerator, report.denominator) == (1, 2)
    disaster = measure("F1.disaster")
    assert disaster.value == 1 and disaster.detail["injuries"] == 2
