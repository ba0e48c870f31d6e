"""Issue 11, item 7: NUL bytes in JSON bodies, forms or query strings answer 400, never 500."""

import json

import pytest
from django.urls import reverse

from hazards3030.models import Accident, Hazard
from org.models import Enterprise
from tests.conftest import api_as
from tests.factories import ShelterFactory, credit_code

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("basename", ["accident", "hazard", "enterprise"])
def test_a_nul_in_a_json_body_is_a_400_in_chinese(lingxi_staff, basename):
    body = {"township": "灵溪镇", "name": "甲\x00厂", "credit_code": credit_code(1), "description": "a\x00b",
            "industry": "other", "occurred_on": "2024-05-03", "found_on": "2024-05-03", "deadline": "2024-05-18"}  # fmt: skip
    response = api_as(lingxi_staff).post(reverse(f"{basename}-list"), json.dumps(body), content_type="application/json")
    assert response.status_code == 400 and "空字符" in response.json()["detail"]
    assert not (Accident.objects.exists() or Hazard.objects.exists() or Enterprise.objects.exists())


@pytest.mark.parametrize("basename", ["accident", "hazard", "enterprise"])
def test_a_nul_in_a_query_string_is_a_400(lingxi_staff, basename):
    response = api_as(lingxi_staff).get(reverse(f"{basename}-list") + "?search=%00x&township=%00")
    assert response.status_code == 400


def test_a_nul_in_a_page_form_or_query_is_a_400(client, lingxi_staff):
    client.force_login(lingxi_staff)
    shelter = ShelterFactory()
    response = client.post(reverse("flood1833:shelter-checkin", args=[shelter.pk]), {"count": "1\x00", "note": "\x00"})
    assert response.status_code == 400 and "空字符" in response.content.decode()
    assert client.get(reverse("hazards3030:hazards") + "?q=%00").status_code == 400
    assert client.get(reverse("hazards3030:hazards") + "?q=ok").status_code == 200
