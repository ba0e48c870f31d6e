"""Incident reports with the SLA clock (30 min verbal, 60 min system, from plan.ServiceLevel)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from plan.models import ServiceLevel
from tests.conftest import api_as
from tests.factories import IncidentFactory

pytestmark = pytest.mark.django_db


def test_late_and_missing_reports_are_flagged(lingxi_staff):
    occurred = timezone.now() - timedelta(hours=3)
    on_time = IncidentFactory(
        occurred_at=occurred,
        verbal_reported_at=occurred + timedelta(minutes=20),
        system_reported_at=occurred + timedelta(minutes=50),
    )
    late = IncidentFactory(occurred_at=occurred, verbal_reported_at=occurred + timedelta(minutes=40))
    api = api_as(lingxi_staff)
    assert api.get(reverse("incident-detail", args=[on_time.pk])).json()["breaches"] == []
    assert api.get(reverse("incident-detail", args=[late.pk])).json()["breaches"] == ["口头报告超时", "系统首报超时"]


def test_the_limits_come_from_the_bureau_configuration(lingxi_staff):
    ServiceLevel.objects.filter(key="verbal_report").update(minutes=45)
    occurred = timezone.now() - timedelta(hours=3)
    incident = IncidentFactory(
        occurred_at=occurred,
        verbal_reported_at=occurred + timedelta(minutes=40),
        system_reported_at=occurred + timedelta(minutes=55),
    )
    assert api_as(lingxi_staff).get(reverse("incident-detail", args=[incident.pk])).json()["breaches"] == []


def test_a_township_reports_an_incident_and_adds_an_update(lingxi_staff, client):
    api = api_as(lingxi_staff)
    now = timezone.now()
    body = {"title": "山洪冲毁便桥", "township": lingxi_staff.region.pk, "occurred_at": now.isoformat()}
    created = api.post(reverse("incident-list"), body, format="json")
    assert created.status_code == 201, created.json()
    update = api.post(reverse("incident-updates", args=[created.json()["id"]]), {"text": "已设置警戒"}, format="json")
    assert update.status_code == 201
    early = {**body, "verbal_reported_at": (now - timedelta(minutes=5)).isoformat()}
    assert api.post(reverse("incident-list"), early, format="json").status_code == 400
    client.force_login(lingxi_staff)
    assert "已设置警戒" in client.get(reverse("flood1833:incident", args=[created.json()["id"]])).content.decode()
