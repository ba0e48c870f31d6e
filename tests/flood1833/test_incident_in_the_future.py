"""An incident cannot have happened, or been reported, in the future: a plain field error on the
API and the service (a phone's clock a few minutes fast is tolerated)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from flood1833 import services
from flood1833.models import Incident
from tests.conftest import api_as
from tests.factories import IncidentFactory

pytestmark = pytest.mark.django_db


def body(user, **times):
    moments = {"occurred_at": timezone.now(), **times}
    return {"title": "山洪冲毁便桥", "township": user.region.pk, **{k: v.isoformat() for k, v in moments.items()}}


@pytest.mark.parametrize("field", ["occurred_at", "verbal_reported_at", "system_reported_at"])
def test_a_time_in_the_future_is_a_field_error(lingxi_staff, field):
    tomorrow = timezone.now() + timedelta(days=1)
    times = {field: tomorrow} if field == "occurred_at" else {"occurred_at": timezone.now(), field: tomorrow}
    response = api_as(lingxi_staff).post(reverse("incident-list"), body(lingxi_staff, **times), format="json")
    assert response.status_code == 400 and response.json()[field] == ["不能晚于现在。"]
    assert not Incident.objects.exists()


def test_a_phone_clock_a_minute_fast_is_accepted(lingxi_staff):
    soon = timezone.now() + timedelta(minutes=1)
    response = api_as(lingxi_staff).post(reverse("incident-list"), body(lingxi_staff, occurred_at=soon), format="json")
    assert response.status_code == 201, response.json()


def test_correcting_a_stored_incident_into_the_future_is_refused(lingxi_staff):
    incident = IncidentFactory(created_by=lingxi_staff)
    with pytest.raises(ValidationError) as refused:
        services.save_incident(actor=lingxi_staff, incident=incident, occurred_at=timezone.now() + timedelta(hours=2))
    assert "occurred_at" in refused.value.message_dict
    url = reverse("incident-detail", args=[incident.pk])
    later = (timezone.now() + timedelta(hours=2)).isoformat()
    assert api_as(lingxi_staff).patch(url, {"occurred_at": later}, format="json").status_code == 400
