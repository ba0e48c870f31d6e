"""Saves name their fields: a PATCH changes what it sends and writes only those columns."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from flood1833 import services
from tests.conftest import api_as
from tests.factories import DangerZoneFactory, TransferPersonFactory

pytestmark = pytest.mark.django_db


def test_a_patch_changes_the_phone_and_keeps_the_zone_and_the_flags(lingxi_staff):
    person = TransferPersonFactory(phone="13800000000", elderly=True, zone=DangerZoneFactory())
    url = reverse("person-detail", args=[person.pk])
    with CaptureQueriesContext(connection) as captured:
        response = api_as(lingxi_staff).patch(url, {"phone": "13900000000"}, format="json")
    assert response.status_code == 200, response.json()
    person.refresh_from_db()
    assert (person.phone, person.elderly, person.zone_id is not None) == ("13900000000", True, True)
    update = next(q["sql"] for q in captured if q["sql"].startswith("UPDATE") and "transferperson" in q["sql"])
    assert '"phone"' in update and '"elderly"' not in update and '"zone_id"' not in update


def test_a_save_refuses_a_field_it_does_not_know(lingxi_staff):
    with pytest.raises(TypeError):
        services.save_person(actor=lingxi_staff, person=TransferPersonFactory(), nickname="阿婆")
