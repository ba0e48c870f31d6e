"""The API contract: regions by id, code or name; one township shape; a schema that says what
the API answers (nullable fields, periods, pagination, refusals); conditional attainment."""

from datetime import date

import pytest
from django.urls import reverse

from plan import snapshots
from plan.periods import Month
from tests.conftest import api_as
from tests.factories import HazardFactory, ShelterFactory, credit_code, township

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(county_admin):
    response = api_as(county_admin).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def component(schema, name):
    return schema["components"]["schemas"][name]["properties"]


@pytest.mark.parametrize("way", ["id", "code", "name"])
def test_a_township_is_taken_by_its_id_code_or_name(county_admin, way):
    lingxi = township("灵溪镇")
    lingxi.code = lingxi.code or "330327100000"
    lingxi.save(update_fields=["code"])
    sent = {"id": lingxi.pk, "code": lingxi.code, "name": lingxi.name}[way]
    body = {"name": f"{way}厂", "credit_code": credit_code(len(way)), "industry": "other", "township": sent}
    response = api_as(county_admin).post(reverse("enterprise-list"), body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["township"] == lingxi.pk and response.json()["township_name"] == "灵溪镇"
    # The same three ways in a module whose field was an id only (flood1833's shelters).
    shelter = {"name": f"{way}安置点", "township": sent, "capacity": 10}
    response = api_as(county_admin).post(reverse("shelter-list"), shelter, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["township"] == lingxi.pk


def test_an_unknown_or_out_of_scope_township_is_a_field_error(lingxi_staff):
    for sent in ["矾山镇", township("矾山镇").pk, "9" * 30, True]:
        body = {"name": "x厂", "credit_code": credit_code(1), "industry": "other", "township": sent}
        response = api_as(lingxi_staff).post(reverse("enterprise-list"), body, format="json")
        assert response.status_code == 400 and "township" in response.json()
    # A NUL in a multipart PATCH (the middleware reads posted forms only) is a field error too.
    shelter = ShelterFactory()
    url = reverse("shelter-detail", args=[shelter.pk])
    response = api_as(lingxi_staff).patch(url, {"township": "灵溪\x00镇"}, format="multipart")
    assert response.status_code == 400 and "township" in response.json()


def test_every_api_answers_a_township_as_its_id_and_name(county_admin):
    hazard, shelter = HazardFactory(), ShelterFactory()
    client = api_as(county_admin)
    for url in [reverse("hazard-detail", args=[hazard.pk]), reverse("shelter-detail", args=[shelter.pk])]:
        body = client.get(url).json()
        assert isinstance(body["township"], int) and body["township_name"] == township(body["township_name"]).name


def test_lists_filter_by_a_township_id_code_or_name(county_admin):
    HazardFactory(township=township("灵溪镇"))
    HazardFactory(township=township("矾山镇"))
    client = api_as(county_admin)
    for sent in [township("矾山镇").pk, "矾山镇"]:
        rows = client.get(reverse("hazard-list"), {"township": sent}).json()["results"]
        assert [row["township_name"] for row in rows] == ["矾山镇"]
    assert client.get(reverse("hazard-list"), {"township": "没有这个镇"}).status_code == 400


def test_the_schema_declares_what_may_be_null(schema):
    assert component(schema, "ResponseEvent")["stage"]["nullable"] is True
    assert component(schema, "Hazard")["supervision"]["nullable"] is True
    assert component(schema, "RollCallAnswer")["response_seconds"]["nullable"] is True
    assert component(schema, "IndicatorValue")["department_name"]["nullable"] is True
    assert component(schema, "ChecklistAssessment")["verified_by"]["nullable"] is True
    # A field that is always there is not.
    assert "nullable" not in component(schema, "Hazard")["description"]


def test_a_period_is_a_yyyy_mm_string(schema):
    for name in ["IndicatorValue", "RankingRow", "SnapshotRun"]:
        period = component(schema, name)["period"]
        assert period["type"] == "string" and period["pattern"] == r"^\d{4}-\d{2}$"
    params = schema["paths"]["/api/v1/indicator-values/"]["get"]["parameters"]
    assert next(p for p in params if p["name"] == "period")["schema"]["pattern"] == r"^\d{4}-\d{2}$"


def test_the_indicator_list_is_documented_as_answered(schema, county_admin):
    documented = schema["paths"]["/api/v1/indicators/"]["get"]["responses"]["200"]["content"]["application/json"]
    ref = documented["schema"]["$ref"].rsplit("/", 1)[1]
    assert set(schema["components"]["schemas"][ref]["properties"]) == {"count", "next", "previous", "results"}
    assert set(api_as(county_admin).get(reverse("indicator-list")).json()) == {"count", "next", "previous", "results"}


def test_every_operation_documents_its_refusals(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert {"400", "403"} <= codes, (method, path)
            assert "404" in codes or "{" not in path, (method, path)
            assert method == "get" or "409" in codes, (method, path)


def test_attainment_answers_304_when_nothing_changed(county_admin, django_capture_on_commit_callbacks):
    HazardFactory(found_on=date(2024, 5, 2), deadline=date(2024, 5, 9))
    with django_capture_on_commit_callbacks(execute=True):
        snapshots.start_snapshot(period=Month(2024, 5))
    client, url = api_as(county_admin), reverse("attainment") + "?year=2024"
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        snapshots.start_snapshot(period=Month(2024, 6))
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


@pytest.mark.parametrize("name", ["rescueteam-list", "activity-list", "shelter-list", "person-list"])
def test_a_body_that_is_not_an_object_is_a_400(county_admin, name):
    assert api_as(county_admin).post(reverse(name), "false", content_type="application/json").status_code == 400


@pytest.mark.parametrize("year", ["0", "99999", "2024.5"])
def test_a_year_out_of_range_is_a_400(county_admin, year):
    assert api_as(county_admin).get(reverse("activity-list"), {"year": year}).status_code == 400
    assert api_as(county_admin).get(reverse("video-list"), {"year": year}).status_code == 400


def test_a_batch_item_echoes_only_an_integer_transfer(county_admin):
    item = {"transfer": False, "status": "pending", "request_id": "r1"}
    body = api_as(county_admin).post(reverse("transfer-confirm-batch"), {"items": [item]}, format="json").json()
    assert body["items"][0]["transfer"] is None and body["items"][0]["ok"] is False


def test_every_answer_with_a_township_gives_its_id_and_name(schema):
    answers = {
        name: component["properties"]
        for name, component in schema["components"]["schemas"].items()
        if not name.endswith("Request") and "properties" in component
    }
    with_township = {name: fields for name, fields in answers.items() if "township" in fields}
    assert len(with_township) >= 10
    for name, fields in with_township.items():
        assert fields["township"].get("type") == "integer", name
        assert "township_name" in fields, name


@pytest.mark.parametrize("year", ["0", "0.3333333333333333", "99999"])
def test_the_fires_year_filter_answers_400_out_of_range(county_admin, year):
    assert api_as(county_admin).get("/api/v1/fires/", {"year": year}).status_code == 400
