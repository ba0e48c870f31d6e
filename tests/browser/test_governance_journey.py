"""A county administrator in a real browser: the month's ranking is published, the portal proposes
约谈; she confirms one, records the follow-up with its evidence, and closes the interview (销号)."""

import io
from datetime import date, timedelta

import pytest
from django.utils import timezone
from PIL import Image

from governance.models import FollowUpEvidence, Interview, InterviewProposal
from plan import snapshots
from plan.periods import Month
from plan.publication import publish_ranking
from tests.browser.conftest import log_in, screenshot
from tests.factories import HazardFactory, township

pytestmark = pytest.mark.browser
MAY = Month(2024, 5)


@pytest.fixture
def published_may(browser_county_admin):
    """May's snapshot, 矾山镇 worst for overdue hazards, and its ranking published."""
    for name, count in (("矾山镇", 3), ("钱库镇", 1)):
        for _ in range(count):
            HazardFactory(township=township(name), found_on=date(2024, 5, 3), deadline=date(2024, 5, 10))
    snapshots.start_snapshot(period=MAY)
    publish_ranking(period=MAY, actor=browser_county_admin)


def test_a_county_admin_confirms_a_proposed_interview_follows_it_up_and_closes_it(
    page, live_server, browser_county_admin, published_may, tmp_path
):
    outside = []
    page.on("request", lambda r: None if r.url.startswith(live_server.url) else outside.append(r.url))
    log_in(page, live_server, browser_county_admin.username)

    # The month's proposals, made from the published ranking.
    page.goto(f"{live_server.url}/governance/proposals/")
    page.fill("#id_period", str(MAY))
    page.click("button:has-text('生成约谈建议')")
    page.wait_for_selector(".messages >> text=新增约谈建议")
    card = page.locator("section.proposal[data-status=proposed]", has_text="矾山镇")
    assert "逾期未整改隐患3个" in card.inner_text()
    screenshot(page, "governance-proposals")

    # Confirm it: the interview is registered.
    today = timezone.localdate()
    card.locator("[name=level]").select_option("county_committee")
    card.locator("[name=attendees]").fill("县安委办、矾山镇分管领导")
    card.locator("[name=rectification]").fill("30日内完成逾期隐患整改并报送佐证")
    card.locator("[name=rectification_due]").fill(f"{today + timedelta(days=30):%Y-%m-%d}")
    card.locator("button:has-text('确认约谈')").click()
    page.wait_for_selector("#interview-status:has-text('整改中')")
    interview = Interview.objects.get(township=township("矾山镇"))
    assert page.url.endswith(interview.get_absolute_url())
    assert InterviewProposal.objects.get(interview=interview).status == InterviewProposal.Status.CONFIRMED

    # Record the follow-up, with a photo as evidence.
    photo = tmp_path / "整改后.png"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "green").save(buffer, format="PNG")
    photo.write_bytes(buffer.getvalue())
    follow_up = page.locator("form.follow-up")
    follow_up.locator("[name=text]").fill("三处逾期隐患已全部整改,已复查")
    follow_up.locator("[name=files]").set_input_files(str(photo))
    follow_up.locator("button:has-text('记录跟踪')").click()
    page.wait_for_selector("#follow-ups >> text=三处逾期隐患已全部整改")
    evidence = FollowUpEvidence.objects.get(follow_up__interview=interview)
    assert page.locator(f"a.evidence[href='{evidence.get_absolute_url()}']").inner_text() == "整改后.png"

    # Close it.
    page.locator("form.close button:has-text('销号')").click()
    page.wait_for_selector("#interview-status:has-text('已销号')")
    interview.refresh_from_db()
    assert interview.status == Interview.Status.CLOSED and interview.closed_by == browser_county_admin
    assert page.locator("form.follow-up").count() == 0 and page.locator("form.close").count() == 0
    screenshot(page, "governance-interview-closed")

    # The register lists it as closed.
    page.goto(f"{live_server.url}/governance/interviews/")
    row = page.locator("table.list tr", has_text="矾山镇")
    assert "已销号" in row.inner_text()
    assert outside == []
