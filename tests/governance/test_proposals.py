"""约谈 proposals come from the month's published data only, once per unit; a county admin
confirms (the interview is registered) or dismisses each with a reason."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from governance import services
from governance.models import Interview, InterviewProposal
from org.errors import Conflict
from org.models import InboxItem
from plan import snapshots
from plan.models import RankingRow
from plan.periods import Month
from plan.publication import publish_ranking
from tests.conftest import api_as
from tests.factories import HazardFactory, township

pytestmark = pytest.mark.django_db
MAY = Month(2024, 5)


@pytest.fixture
def may(django_capture_on_commit_callbacks):
    """May's snapshot: 矾山镇 leaves two hazards overdue, 钱库镇 one."""
    for name, count in (("矾山镇", 2), ("钱库镇", 1)):
        for _ in range(count):
            HazardFactory(township=township(name), found_on=date(2024, 5, 3), deadline=date(2024, 5, 10))
    with django_capture_on_commit_callbacks(execute=True):
        snapshots.start_snapshot(period=MAY)


@pytest.fixture
def published(may, county_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publish_ranking(period=MAY, actor=county_admin)


def test_a_draft_ranking_proposes_nothing(may):
    assert RankingRow.objects.filter(period=MAY.first_day, flagged=True).exists()
    assert services.propose_interviews(period=MAY) == 0
    assert not InterviewProposal.objects.exists()


def test_a_published_ranking_proposes_its_listed_units_and_the_worst_overdue_townships_once(published):
    listed = set(
        RankingRow.objects.filter(period=MAY.first_day, flagged=True, region__isnull=False).values_list(
            "region_id", flat=True
        )
    )
    created = services.propose_interviews(period=MAY)
    proposals = InterviewProposal.objects.filter(period=MAY.first_day)
    assert created == proposals.count() > 0
    proposed = set(proposals.filter(unit_kind="township").values_list("township_id", flat=True))
    assert listed <= proposed
    fanshan = proposals.get(township=township("矾山镇"))
    assert "逾期未整改隐患2个" in fanshan.reason_detail
    assert township("钱库镇").pk in proposed
    assert township("灵溪镇").pk not in proposed - listed
    assert services.propose_interviews(period=MAY) == 0  # running again proposes nothing new
    assert InterviewProposal.objects.count() == created


def test_the_county_administrators_are_told_of_new_proposals_once(published, county_admin, committed):
    created = committed(services.propose_interviews, period=MAY)
    committed(services.propose_interviews, period=MAY)
    item = InboxItem.objects.get(recipient=county_admin)
    assert item.kind == InboxItem.Kind.INTERVIEW and f"新增约谈建议{created}条" in item.title
    assert item.url == reverse("governance:proposals")


def test_confirming_registers_the_interview_and_dismissing_keeps_the_reason(published, county_admin):
    services.propose_interviews(period=MAY)
    first, second = InterviewProposal.objects.order_by("id")[:2]
    interview = services.confirm_proposal(
        actor=county_admin, proposal=first, level="county_committee", held_on=date(2024, 6, 5),
        rectification="限期整改逾期隐患", rectification_due=date(2024, 7, 5),
    )  # fmt: skip
    first.refresh_from_db()
    assert first.status == "confirmed" and first.interview == interview
    assert interview.reason == first.reason and interview.township == first.township
    with pytest.raises(Conflict):
        services.dismiss_proposal(actor=county_admin, proposal=first, reason="重复")
    with pytest.raises(ValidationError):
        services.dismiss_proposal(actor=county_admin, proposal=second, reason=" ")
    services.dismiss_proposal(actor=county_admin, proposal=second, reason="已于上月约谈")
    second.refresh_from_db()
    assert (
        second.status == "dismissed" and second.dismiss_reason == "已于上月约谈" and second.decided_by == county_admin
    )


def test_only_a_county_admin_decides(published, lingxi_staff):
    services.propose_interviews(period=MAY)
    proposal = (
        InterviewProposal.objects.filter(township=township("灵溪镇")).first() or InterviewProposal.objects.first()
    )
    with pytest.raises(PermissionDenied):
        services.dismiss_proposal(actor=lingxi_staff, proposal=proposal, reason="x")


def test_the_api_proposes_confirms_and_dismisses(published, county_admin):
    client = api_as(county_admin)
    assert client.post("/api/v1/interview-proposals/propose/", {"period": "2024-05"}, format="json").json()["created"]
    ids = list(InterviewProposal.objects.order_by("id").values_list("pk", flat=True))
    body = {"level": "special_committee", "held_on": "2024-06-05", "rectification": "整改",
            "rectification_due": "2024-06-30"}  # fmt: skip
    response = client.post(f"/api/v1/interview-proposals/{ids[0]}/confirm/", body, format="json")
    assert response.status_code == 201 and Interview.objects.filter(pk=response.json()["id"]).exists()
    refused = client.post(f"/api/v1/interview-proposals/{ids[1]}/dismiss/", {"reason": ""}, format="json")
    assert refused.status_code == 400
    assert (
        client.post(f"/api/v1/interview-proposals/{ids[1]}/dismiss/", {"reason": "不需要"}, format="json").status_code
        == 200
    )
