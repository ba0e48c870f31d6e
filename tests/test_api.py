import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from org.models import User
from tests.conftest import api_as
from tests.factories import UserFactory, county

pytestmark = pytest.mark.django_db


def test_a_token_is_issued_for_a_username_and_password(lingxi_staff, password):
    response = APIClient().post(
        reverse("api-token"), {"username": lingxi_staff.username, "password": password}, format="json"
    )
    assert response.status_code == 200
    token = response.json()["token"]
    client = APIClient(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get(reverse("region-list")).status_code == 200


def test_a_wrong_password_gets_no_token(lingxi_staff):
    response = APIClient().post(reverse("api-token"), {"username": lingxi_staff.username, "password": "x"})
    assert response.status_code == 400
    assert "token" not in response.json()


@pytest.mark.parametrize("name", ["region-list", "target-list"])
def test_unauthenticated_calls_get_no_data(name):
    response = APIClient().get(reverse(name))
    assert response.status_code in (401, 403)
    assert "results" not in response.json()


def test_a_bad_token_is_refused():
    client = APIClient(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get(reverse("target-list")).status_code == 401


def test_regions_are_scoped_to_the_township(lingxi_staff):
    body = api_as(lingxi_staff).get(reverse("region-list")).json()
    assert {row["name"] for row in body["results"]} == {"灵溪镇"}


def test_targets_are_paginated_and_filterable(lingxi_staff):
    client = api_as(lingxi_staff)
    body = client.get(reverse("target-list")).json()
    assert body["count"] == 28
    a1 = client.get(reverse("target-list"), {"part": "A1"}).json()
    assert {row["code"] for row in a1["results"]} == {"A1.coverage", "A1.equipment", "A1.spotcheck", "A1.chemicals"}
    ratio = client.get(reverse("target-list"), {"kind": "ratio_at_least", "owner_app": "stations"}).json()
    assert {row["code"] for row in ratio["results"]} == {"F2.stations", "A3.grid", "A3.accredited", "A3.circles"}
    page = client.get(reverse("target-list"), {"page_size": 5, "page": 2}).json()
    assert len(page["results"]) == 5
    row = a1["results"][0]
    assert row["status"] == {"code": "no_data", "label": "暂无数据"}
    assert row["part"] == {"code": "A1", "name": "安全生产治本攻坚"}
    a6 = client.get(reverse("target-list"), {"part": "A6"}).json()["results"]
    # A6 is measured by forestfire, and A6.teams by stations (the teams are its records).
    assert {row["code"]: row["status"]["code"] for row in a6} == {
        "A6.townships": "no_data",
        "A6.hotspot": "no_data",
        "A6.circle": "no_data",
        "A6.teams": "no_data",
    }


def test_read_only_roles_cannot_write(lingxi_staff):
    viewer = UserFactory(role=User.Role.COUNTY_VIEWER, region=county())
    reader = UserFactory(role=User.Role.API_CLIENT, region=county())
    writer = UserFactory(role=User.Role.API_CLIENT, region=county(), api_can_write=True)
    # Permissions are checked before the method: read-only roles are refused (403); writers get
    # as far as the endpoint, which has no create (405).
    for user in (viewer, reader):
        assert api_as(user).get(reverse("region-list")).status_code == 200
        assert api_as(user).post(reverse("region-list"), {}, format="json").status_code == 403
    for user in (writer, lingxi_staff):
        assert api_as(user).post(reverse("region-list"), {}, format="json").status_code == 405


def test_a_user_without_a_role_reads_nothing():
    user = UserFactory(role="", region=None)
    assert api_as(user).get(reverse("target-list")).status_code == 403


def test_the_schema_is_a_valid_openapi_3_document(tmp_path):
    from django.core.management import call_command

    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    text = out.read_text(encoding="utf-8")
    assert text.startswith("openapi: 3.")
    assert "/api/v1/targets/" in text and "/api/v1/regions/" in text and "/api/v1/auth/token/" in text


def test_the_schema_and_docs_are_served_locally(client, lingxi_staff):
    client.force_login(lingxi_staff)
    assert client.get(reverse("api-schema")).status_code == 200
    docs = client.get(reverse("api-docs")).content.decode()
    assert "drf_spectacular_sidecar" in docs
    assert "//cdn" not in docs and "unpkg" not in docs and "jsdelivr" not in docs
