"""Scored checklists (org.assessments): self-assess with evidence, submit, the county verifies or
returns; versions keep their assessments; only a verified pass counts."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIRequestFactory, force_authenticate

from org import assessments
from org.api.assessments import AssessmentViewSet
from org.assessments import ItemSpec
from org.errors import Conflict
from org.models import Assessment, AssessmentEvidence
from tests.factories import UserFactory, checklist, township
from tests.hazards3030.conftest import jpeg

pytestmark = pytest.mark.django_db


def items_of(assessment):
    return list(assessment.checklist.items.order_by("number"))


def filled(actor, kind="test", scores=(40, 30, 20)):
    """The 灵溪镇 assessment with every item scored and the first item's photo uploaded."""
    assessment = assessments.start_assessment(actor=actor, township=township("灵溪镇"), kind=kind)
    items = items_of(assessment)
    return assessments.save_self_assessment(
        actor=actor,
        assessment=assessment,
        scores={item.pk: (score, "自评说明") for item, score in zip(items, scores, strict=True)},
        files={items[0].pk: [jpeg()]},
    )


def test_a_township_fills_in_submits_and_the_county_passes_it(lingxi_staff, county_admin):
    checklist()
    assessment = filled(lingxi_staff)
    assert assessment.self_total == Decimal("90.0")
    assessments.submit_assessment(actor=lingxi_staff, assessment=assessment)
    items = items_of(assessment)
    verified = assessments.verify_assessment(
        actor=county_admin,
        assessment=assessment,
        scores={items[0].pk: ("38", "基本到位"), items[1].pk: ("30", ""), items[2].pk: ("15", "")},
    )
    assert verified.status == Assessment.Status.PASSED
    assert verified.verified_total == Decimal("83.0")
    assert verified.verified_by == county_admin
    assert assessments.passed_townships("test") == {township("灵溪镇").pk}


def test_below_the_pass_mark_the_assessment_goes_back_with_the_reason(lingxi_staff, county_admin):
    checklist()
    assessment = filled(lingxi_staff)
    assessments.submit_assessment(actor=lingxi_staff, assessment=assessment)
    items = items_of(assessment)
    verified = assessments.verify_assessment(
        actor=county_admin,
        assessment=assessment,
        scores={items[0].pk: ("30", ""), items[1].pk: ("20", ""), items[2].pk: ("20", "")},
        note="消防队员未满编。",
    )
    assert verified.status == Assessment.Status.RETURNED
    assert "70.0" in verified.return_reason and "80" in verified.return_reason
    assert "消防队员未满编" in verified.return_reason
    assert assessments.passed_townships("test") == set()
    # Back with the township: it may change its scores and submit again.
    assessments.save_self_assessment(actor=lingxi_staff, assessment=verified, scores={items[2].pk: ("25", None)})
    again = assessments.submit_assessment(actor=lingxi_staff, assessment=verified)
    assert again.status == Assessment.Status.SUBMITTED
    assert again.return_reason == ""


def test_only_the_county_verifies_or_returns(lingxi_staff, county_admin):
    checklist()
    assessment = filled(lingxi_staff)
    assessments.submit_assessment(actor=lingxi_staff, assessment=assessment)
    items = items_of(assessment)
    with pytest.raises(PermissionDenied):
        assessments.verify_assessment(
            actor=lingxi_staff, assessment=assessment, scores={item.pk: ("30", "") for item in items}
        )
    with pytest.raises(PermissionDenied):
        assessments.return_assessment(actor=lingxi_staff, assessment=assessment, reason="自己退回")
    returned = assessments.return_assessment(actor=county_admin, assessment=assessment, reason="佐证照片不清晰")
    assert returned.status == Assessment.Status.RETURNED


def test_a_submission_needs_every_score_and_every_required_evidence(lingxi_staff):
    checklist()
    assessment = assessments.start_assessment(actor=lingxi_staff, township=township("灵溪镇"), kind="test")
    items = items_of(assessment)
    assessments.save_self_assessment(
        actor=lingxi_staff, assessment=assessment, scores={items[0].pk: ("40", ""), items[1].pk: ("30", "")}
    )
    with pytest.raises(ValidationError) as refused:
        assessments.submit_assessment(actor=lingxi_staff, assessment=assessment)
    text = " ".join(refused.value.messages)
    assert "第3项未自评打分" in text
    assert "第1项需上传佐证:照片" in text
    assert Assessment.objects.get(pk=assessment.pk).status == Assessment.Status.DRAFT


def test_scores_outside_the_item_points_are_refused_and_nothing_is_saved(lingxi_staff):
    checklist()
    assessment = assessments.start_assessment(actor=lingxi_staff, township=township("灵溪镇"), kind="test")
    items = items_of(assessment)
    for bad in ("41", "-1", "八分", "NaN"):
        with pytest.raises(ValidationError):
            assessments.save_self_assessment(
                actor=lingxi_staff, assessment=assessment, scores={items[1].pk: ("20", ""), items[0].pk: (bad, "")}
            )
    assert not assessment.scores.exists()


def test_a_submitted_assessment_is_not_edited_until_returned(lingxi_staff):
    checklist()
    assessment = filled(lingxi_staff)
    assessments.submit_assessment(actor=lingxi_staff, assessment=assessment)
    with pytest.raises(Conflict):
        assessments.save_self_assessment(actor=lingxi_staff, assessment=assessment, scores={})
    with pytest.raises(Conflict):
        assessments.submit_assessment(actor=lingxi_staff, assessment=assessment)


def test_a_township_assesses_only_itself(lingxi_staff):
    checklist()
    with pytest.raises(PermissionDenied):
        assessments.start_assessment(actor=lingxi_staff, township=township("矾山镇"), kind="test")


def test_a_new_version_keeps_the_old_assessments_and_their_items(lingxi_staff, county_admin):
    first = checklist()
    old = filled(lingxi_staff)
    assessments.submit_assessment(actor=lingxi_staff, assessment=old)
    items = items_of(old)
    assessments.verify_assessment(
        actor=county_admin, assessment=old, scores={item.pk: (str(item.points), "") for item in items}
    )
    second = assessments.publish_checklist(
        actor=county_admin,
        kind="test",
        title="测试考评细则(修订)",
        items=[ItemSpec(1, "新考评项", Decimal(60)), ItemSpec(2, "另一项", Decimal(40))],
        pass_mark=85,
    )
    assert (first.version, second.version) == (1, 2)
    assert assessments.current_checklist("test") == second
    new = assessments.start_assessment(actor=lingxi_staff, township=township("灵溪镇"), kind="test")
    assert new.checklist == second and new.pk != old.pk
    old.refresh_from_db()
    assert old.checklist == first and old.status == Assessment.Status.PASSED
    assert [item.title for item in items_of(old)] == ["考评项1", "考评项2", "考评项3"]


def test_a_pass_mark_above_the_total_is_refused(county_admin):
    with pytest.raises(ValidationError):
        assessments.publish_checklist(
            actor=county_admin, kind="test", title="细则", items=[ItemSpec(1, "一项", Decimal(50))], pass_mark=80
        )
    with pytest.raises(PermissionDenied):
        assessments.publish_checklist(
            actor=UserFactory(), kind="test", title="细则", items=[ItemSpec(1, "一项", Decimal(100))]
        )


def test_passed_townships_as_of_a_moment_reads_the_history(lingxi_staff, county_admin):
    checklist()
    assessment = filled(lingxi_staff)
    assessments.submit_assessment(actor=lingxi_staff, assessment=assessment)
    before = timezone.now()
    items = items_of(assessment)
    assessments.verify_assessment(
        actor=county_admin, assessment=assessment, scores={item.pk: (str(item.points), "") for item in items}
    )
    assert assessments.passed_townships("test", as_of=before) == set()
    assert assessments.passed_townships("test", as_of=timezone.now()) == {township("灵溪镇").pk}


def test_the_page_takes_scores_and_a_photo_then_the_county_verifies_there(client, lingxi_staff, county_admin):
    checklist()
    assessment = assessments.start_assessment(actor=lingxi_staff, township=township("灵溪镇"), kind="test")
    items = items_of(assessment)
    url = reverse("org:assessment", kwargs={"pk": assessment.pk})
    client.force_login(lingxi_staff)
    page = client.get(url)
    assert page.status_code == 200 and "考评项1" in page.content.decode()
    form = {f"score-{item.pk}": str(item.points) for item in items}
    form |= {f"note-{item.pk}": "" for item in items} | {"do": "submit", f"files-{items[0].pk}": jpeg()}
    client.post(url, form)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED
    evidence = AssessmentEvidence.objects.get(assessment=assessment)
    assert client.get(evidence.get_absolute_url())["Content-Type"] == "image/jpeg"

    client.force_login(county_admin)
    verify = {f"verified-score-{item.pk}": str(item.points) for item in items}
    verify |= {f"verified-note-{item.pk}": "" for item in items} | {"do": "verify", "note": ""}
    client.post(url, verify)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.PASSED


def test_the_page_shows_a_refusal_instead_of_failing(client, lingxi_staff):
    checklist()
    assessment = assessments.start_assessment(actor=lingxi_staff, township=township("灵溪镇"), kind="test")
    client.force_login(lingxi_staff)
    answer = client.post(reverse("org:assessment", kwargs={"pk": assessment.pk}), {"do": "submit"}, follow=True)
    assert answer.status_code == 200
    assert "未自评打分" in answer.content.decode()


def test_the_api_viewset_runs_the_same_rules(lingxi_staff, county_admin):
    """A minimal endpoint of a kind, as an app declares one, routed here for the test."""
    checklist(evidence=("", "", ""))

    class TestKindViewSet(AssessmentViewSet):
        kind = "test"

    view = TestKindViewSet
    factory = APIRequestFactory()

    def call(user, method, action, pk=None, data=None):
        request = getattr(factory, method)("/", data or {}, format="json")
        force_authenticate(request, user)
        handler = view.as_view({method: action})
        return handler(request, pk=pk) if pk else handler(request)

    created = call(lingxi_staff, "post", "create", data={"township": township("灵溪镇").pk})
    assert created.status_code == 201, created.data
    pk = created.data["id"]
    item_ids = [item["id"] for item in created.data["checklist"]["items"]]
    patched = call(
        lingxi_staff, "patch", "partial_update", pk, {"scores": [{"item": i, "score": "30"} for i in item_ids]}
    )
    assert patched.status_code == 200 and patched.data["self_total"] == "90.0"
    assert call(lingxi_staff, "post", "submit", pk).data["status"] == "submitted"
    refused = call(lingxi_staff, "post", "verify", pk, {"scores": [{"item": i, "score": "30"} for i in item_ids]})
    assert refused.status_code == 403
    back = call(county_admin, "post", "send_back", pk, {"reason": "请补充照片"})
    assert back.status_code == 200 and back.data["status"] == "returned"
    outside = call(UserFactory(region=township("矾山镇")), "post", "submit", pk)
    assert outside.status_code == 404
