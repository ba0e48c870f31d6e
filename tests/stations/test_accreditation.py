"""管理站达标 through /api/v1/accreditations/: the township assesses itself with evidence and
submits, only the county verifies or returns, and a new checklist version keeps old results."""

from decimal import Decimal

import pytest
from django.urls import reverse

from org.assessments import ItemSpec, publish_checklist
from org.models import Assessment
from stations import accreditation
from tests.conftest import api_as
from tests.factories import township
from tests.hazards3030.conftest import jpeg

pytestmark = pytest.mark.django_db


def begin(user, name="灵溪镇") -> dict:
    accreditation.publish_first_version()
    response = api_as(user).post(reverse("accreditation-list"), {"township": township(name).pk}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def fill_and_submit(user, assessment: dict) -> dict:
    client, pk = api_as(user), assessment["id"]
    items = assessment["checklist"]["items"]
    scores = [{"item": item["id"], "score": str(item["points"]), "note": "已落实"} for item in items]
    assert (
        client.patch(reverse("accreditation-detail", args=[pk]), {"scores": scores}, format="json").status_code == 200
    )
    for item in items:
        if item["evidence"]:
            response = client.post(
                reverse("accreditation-evidence", args=[pk]),
                {"item": item["id"], "files": [jpeg()]},
                format="multipart",
            )
            assert response.status_code == 200, response.content
    response = client.post(reverse("accreditation-submit", args=[pk]))
    assert response.status_code == 200, response.content
    return response.json()


def verified_scores(assessment: dict, minus: int = 0) -> list[dict]:
    return [
        {"item": item["id"], "score": str(Decimal(item["points"]) - minus), "note": ""}
        for item in assessment["checklist"]["items"]
    ]


def passed_assessment(township_region, county_admin, staff) -> Assessment:
    assessment = fill_and_submit(staff, begin(staff, township_region.name))
    response = api_as(county_admin).post(
        reverse("accreditation-verify", args=[assessment["id"]]), {"scores": verified_scores(assessment)}, format="json"
    )
    assert response.json()["status"] == "passed"
    return Assessment.objects.get(pk=assessment["id"])


def test_the_township_submits_and_the_county_verifies_a_pass(county_admin, lingxi_staff):
    assessment = fill_and_submit(lingxi_staff, begin(lingxi_staff))
    assert assessment["status"] == "submitted" and Decimal(assessment["self_total"]) == 100
    assert len(assessment["evidence"]) == 7
    response = api_as(county_admin).post(
        reverse("accreditation-verify", args=[assessment["id"]]),
        {"scores": verified_scores(assessment, minus=1)},
        format="json",
    )
    assert response.status_code == 200
    assert (response.json()["status"], Decimal(response.json()["verified_total"])) == ("passed", 92)


def test_a_verified_total_below_the_pass_mark_goes_back(county_admin, lingxi_staff):
    assessment = fill_and_submit(lingxi_staff, begin(lingxi_staff))
    response = api_as(county_admin).post(
        reverse("accreditation-verify", args=[assessment["id"]]),
        {"scores": verified_scores(assessment, minus=3)},
        format="json",
    )
    assert response.json()["status"] == "returned" and "低于达标分80" in response.json()["return_reason"]


def test_only_the_county_verifies_or_returns(lingxi_staff):
    assessment = fill_and_submit(lingxi_staff, begin(lingxi_staff))
    client = api_as(lingxi_staff)
    verify = client.post(
        reverse("accreditation-verify", args=[assessment["id"]]), {"scores": verified_scores(assessment)}, format="json"
    )
    back = client.post(
        reverse("accreditation-send-back", args=[assessment["id"]]), {"reason": "自己退回"}, format="json"
    )
    assert (verify.status_code, back.status_code) == (403, 403)
    assert "县级" in verify.json()["detail"]
    assert Assessment.objects.get(pk=assessment["id"]).status == "submitted"


def test_the_county_returns_with_reasons_and_the_township_resubmits(county_admin, lingxi_staff):
    assessment = fill_and_submit(lingxi_staff, begin(lingxi_staff))
    response = api_as(county_admin).post(
        reverse("accreditation-send-back", args=[assessment["id"]]), {"reason": "佐证照片不清晰"}, format="json"
    )
    assert (response.json()["status"], response.json()["return_reason"]) == ("returned", "佐证照片不清晰")
    again = api_as(lingxi_staff).post(reverse("accreditation-submit", args=[assessment["id"]]))
    assert again.json()["status"] == "submitted"


def test_a_new_checklist_version_keeps_the_old_assessments_result(county_admin, lingxi_staff):
    old = passed_assessment(township("灵溪镇"), county_admin, lingxi_staff)
    items = [ItemSpec(1, "新增考评项", Decimal(100), "照片")]
    new_version = publish_checklist(
        actor=county_admin, kind=accreditation.KIND, title="第二版", items=items, pass_mark=90
    )
    old.refresh_from_db()
    assert (old.status, old.checklist.version, old.checklist.items.count()) == ("passed", 1, 8)
    fresh = api_as(lingxi_staff).post(reverse("accreditation-list"), {"township": township("灵溪镇").pk}, format="json")
    assert fresh.json()["checklist"]["id"] == new_version.pk and fresh.json()["status"] == "draft"
    assert fresh.json()["id"] != old.pk


def test_another_townships_accreditation_is_not_found(lingxi_staff, fanshan_staff):
    assessment = begin(lingxi_staff)
    assert api_as(fanshan_staff).get(reverse("accreditation-detail", args=[assessment["id"]])).status_code == 404
    other = api_as(fanshan_staff).post(
        reverse("accreditation-list"), {"township": township("灵溪镇").pk}, format="json"
    )
    assert other.status_code == 400
