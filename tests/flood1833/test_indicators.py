"""A2.transfer, A2.report, M2.matrix and F1.disaster, registered in the plan's registry."""

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from flood1833 import services
from flood1833.models import Incident, MatrixTask, Transfer
from org.models import Region, User
from plan.periods import Month
from plan.registry import registry
from tests.conftest import api_as
from tests.factories import IncidentFactory, TransferPersonFactory, township

pytestmark = pytest.mark.django_db


def measure(key: str, region_name: str = "苍南县", *, period: Month | None = None):
    period = period or Month.of(timezone.localdate())
    return registry.get(key).measure(period=period, region=Region.objects.get(name=region_name))


def two_hours_ago():
    """When the clocked incidents happened: their reports (at most 50 minutes later) are all in the
    past, at any hour. Their month is the one measured (the previous one, just after midnight on
    the first)."""
    return timezone.now() - timedelta(hours=2)


def incident_month() -> Month:
    return Month.of(timezone.localdate(two_hours_ago()))


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


def test_disaster_deaths_and_injuries(db):
    IncidentFactory(injuries=2)
    IncidentFactory(deaths=1)
    disaster = measure("F1.disaster")
    assert disaster.value == 1 and disaster.detail["injuries"] == 2


def clocked(township_name: str, *, level=Incident.Level.MAJOR, late: bool = False):
    """A 重大 incident two hours ago reported through the service, late (verbal at 40 min) or in time."""
    occurred = two_hours_ago()
    return services.save_incident(
        actor=User.objects.get(username="t_county_admin"),
        title="测试事件",
        township=township(township_name),
        level=level,
        occurred_at=occurred,
        verbal_reported_at=occurred + timedelta(minutes=40 if late else 10),
        system_reported_at=occurred + timedelta(minutes=50),
    )


def test_report_rate_counts_major_incidents_per_township_from_the_stored_breaches(county_admin):
    clocked("灵溪镇")
    clocked("灵溪镇", late=True)
    clocked("灵溪镇", level=Incident.Level.EXTRAORDINARY)
    clocked("灵溪镇", level=Incident.Level.ORDINARY, late=True)  # 一般: not counted
    clocked("灵溪镇", level=Incident.Level.LARGER, late=True)  # 较大: not counted
    clocked("矾山镇", late=True)
    clocked("矾山镇", level=Incident.Level.ORDINARY)
    lingxi, fanshan, qianku = township("灵溪镇"), township("矾山镇"), township("钱库镇")
    values = registry.get("A2.report").townships(incident_month(), [lingxi, fanshan, qianku])
    assert (values[lingxi.pk].numerator, values[lingxi.pk].denominator, values[lingxi.pk].value) == (
        2,
        3,
        Decimal("66.67"),
    )
    assert (values[fanshan.pk].numerator, values[fanshan.pk].denominator, values[fanshan.pk].value) == (0, 1, 0)
    assert values[qianku.pk].value is None  # no 重大 incident there: nothing to measure
    county = measure("A2.report", period=incident_month())
    assert (county.numerator, county.denominator) == (2, 4)


def test_report_rate_reads_the_stored_breaches_not_the_report_times(county_admin):
    incident = clocked("灵溪镇")
    assert measure("A2.report", "灵溪镇", period=incident_month()).value == 100
    # Late under the limits in force when it was recorded (stored), whatever the times say now.
    Incident.objects.filter(pk=incident.pk).update(system_breached_at=incident.occurred_at + timedelta(hours=1))
    assert measure("A2.report", "灵溪镇", period=incident_month()).value == 0


def test_report_rate_makes_the_same_number_of_queries_at_any_size(county_admin):
    period = incident_month()
    townships = list(Region.objects.filter(level=Region.Level.TOWNSHIP))
    clocked("灵溪镇")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            registry.get("A2.report").townships(period, townships)
        return len(queries)

    small = count()
    for index in range(30):
        clocked(["灵溪镇", "矾山镇", "钱库镇"][index % 3], late=index % 2 == 0)
    assert count() == small == 1


def test_the_indicator_says_it_counts_major_incidents_only():
    indicator = registry.get("A2.report")
    assert str(indicator.label) == "重大以上事件按时报送率"
    assert "一般" in indicator.by_township.__doc__ and "重大" in indicator.by_township.__doc__
