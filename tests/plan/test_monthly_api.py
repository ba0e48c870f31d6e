from datetime import date

import pytest
from django.urls import reverse

from org.models import User
from plan import snapshots
from plan.periods import Month
from plan.publication import publish_ranking
from plan.registry import registry
from tests.conftest import api_as
from tests.factories import HazardFactory, UserFactory, county, township

pytestmark = pytest.mark.django_db


@pytest.fixture
def may(django_capture_on_commit_callbacks):
    HazardFactory(found_on=date(2024, 5, 2), deadline=date(2024, 5, 9))
    HazardFactory(found_on=date(2024, 5, 3), deadline=date(2024, 5, 9), township=township("矾山镇"))
    with django_capture_on_commit_callbacks(execute=True):
        return snapshots.start_snapshot(period=Month(2024, 5))


@pytest.fixture
def lingxi_client(db):
    return UserFactory(username="lingxi_api", role=User.Role.API_CLIENT, region=township("灵溪镇"))


def test_the_indicator_list_comes_from_the_registry(lingxi_client):
    body = api_as(lingxi_client).get(reverse("indicator-list")).json()
    assert {row["key"] for row in body["results"]} == {i.key for i in registry}
    coverage = next(r for r in body["results"] if r["key"] == "A1.coverage")
    assert coverage == {**coverage, "label": "检查对象纳管率", "unit": "%", "owner_app": "hazards3030", "ratio": True}


def test_values_filter_by_indicator_region_and_period(county_admin, may):
    client = api_as(county_admin)
    body = client.get(
        reverse("indicator-value-list"), {"indicator": "hazards.found", "period": "2024-05", "region": county().pk}
    ).json()
    [row] = [r for r in body["results"] if r["department"] is None]
    assert (row["value"], row["period"], row["region_name"]) == ("2.00", "2024-05", "苍南县")
    assert client.get(reverse("indicator-value-list"), {"period": "2024-13"}).status_code == 400
    assert client.get(reverse("indicator-value-list"), {"period": "2024-04"}).json()["count"] == 0


def test_a_township_client_sees_its_own_values_the_county_s_and_the_whole_published_ranking(
    lingxi_client, may, county_admin
):
    """The county's own figures are portal-wide (org.scoping.UnitFiguresQuerySet); other
    townships' are not. The ranking is everyone's once published."""
    client = api_as(lingxi_client)
    values = client.get(reverse("indicator-value-list"), {"page_size": 500}).json()
    assert {row["region_name"] for row in values["results"]} == {"灵溪镇", "苍南县"}
    query = {"period": "2024-05", "kind": "township"}
    assert client.get(reverse("ranking-list"), query).json()["count"] == 0  # a draft until published
    publish_ranking(period=Month(2024, 5), actor=county_admin)
    ranking = client.get(reverse("ranking-list"), query).json()
    assert ranking["count"] == 18 and {r["unit"] for r in ranking["results"]} >= {"灵溪镇", "矾山镇"}
    first = ranking["results"][0]
    assert set(first["breakdown"]) == {
        "hazards.found_per_enterprise",
        "hazards.closed_on_time",
        "hazards.overdue",
        "hazards.listed_closure",
        "M1.loop3030",
    }
    assert first["published"] is True and first["tie_rule"].startswith("得分相同时")
    assert first["reported"] == 5 - len(first["not_reported"])


def test_an_unchanged_answer_is_a_304(lingxi_client, may, django_capture_on_commit_callbacks):
    client = api_as(lingxi_client)
    url = reverse("indicator-value-list") + "?indicator=hazards.found"
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        snapshots.start_snapshot(period=Month(2024, 5))  # a new snapshot changes the answer's tag
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
    rankings = client.get(reverse("ranking-list"))
    assert client.get(reverse("ranking-list"), HTTP_IF_NONE_MATCH=rankings["ETag"]).status_code == 304


def test_attainment_for_a_year(lingxi_client, may):
    body = api_as(lingxi_client).get(reverse("attainment"), {"year": 2024}).json()
    by_code = {row["code"]: row for row in body["results"]}
    assert len(by_code) == 28
    # No hotspot was recorded: the target says so (no data), never a made-up value.
    assert by_code["A6.hotspot"]["status"] == "no_data" and by_code["A6.hotspot"]["value"] is None
    assert by_code["F1.major"]["status"] == "met" and by_code["F1.major"]["period"] == "2024-05"
    assert by_code["F1.major"]["trend"] == [{"period": "2024-05", "value": "0.00"}]
    assert api_as(lingxi_client).get(reverse("attainment"), {"year": 1999}).status_code == 400


def test_county_admins_start_a_snapshot_and_poll_it(county_admin, lingxi_staff, django_capture_on_commit_callbacks):
    assert api_as(lingxi_staff).post(reverse("snapshot-list"), {"period": "2024-05"}, format="json").status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(county_admin).post(reverse("snapshot-list"), {"period": "2024-05"}, format="json")
    assert response.status_code == 202
    job = api_as(county_admin).get(reverse("snapshot-detail", args=[response.json()["id"]])).json()
    assert (job["period"], job["status"], job["percent"]) == ("2024-05", "complete", 100)
    bad = api_as(county_admin).post(reverse("snapshot-list"), {"period": "May"}, format="json")
    assert bad.status_code == 400 and "YYYY-MM" in str(bad.json())


def test_the_new_endpoints_are_in_the_schema(tmp_path):
    from django.core.management import call_command

    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    text = out.read_text(encoding="utf-8")
    for path in ("/api/v1/indicators/", "/api/v1/indicator-values/", "/api/v1/rankings/", "/api/v1/attainment/",
                 "/api/v1/snapshots/", "/api/v1/workbooks/", "/api/v1/rankings/publish/",
                 "/api/v1/rankings/withdraw/"):  # fmt: skip
        assert path in text
