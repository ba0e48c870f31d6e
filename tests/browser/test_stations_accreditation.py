"""A township clerk self-assesses the station on a phone, with a photo for every item that needs
one, and submits; the county verifies it; the plan's 达标率 light on the dashboard turns green."""

import pytest
from django.utils import timezone
from PIL import Image

from org.models import Assessment, User
from org.services import create_portal_user
from plan import snapshots
from plan.models import WorkPlan
from plan.periods import Month
from plan.services import copy_work_plan
from stations import accreditation
from stations.models import Station
from tests.browser.conftest import log_in, screenshot
from tests.factories import PASSWORD, township

pytestmark = pytest.mark.browser
LIGHT = "li.light[data-target='A3.accredited']"


def click_and_wait(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def snapshot_now() -> None:
    snapshots.start_snapshot(period=Month.of(timezone.localdate()))


def test_self_assess_with_photos_verify_and_the_light_turns_green(browser, live_server, browser_county_admin, tmp_path):
    today = timezone.localdate()
    if not WorkPlan.objects.filter(year=today.year).exists():
        copy_work_plan(plan=WorkPlan.objects.order_by("-year").first(), year=today.year)
    staff = create_portal_user(
        username="b_lingxi", password=PASSWORD, role=User.Role.TOWNSHIP_STAFF, region=township("灵溪镇")
    )
    station = Station.objects.create(
        township=township("灵溪镇"), name="灵溪镇应急消防管理站", status=Station.Status.BUILT, built_on="2023-03-01"
    )
    checklist = accreditation.publish_first_version()
    photo = tmp_path / "挂牌.jpg"
    Image.new("RGB", (320, 240), (40, 120, 180)).save(photo, "JPEG")
    snapshot_now()

    county = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    desk = county.new_page()
    log_in(desk, live_server, browser_county_admin.username)
    desk.goto(f"{live_server.url}/dashboard/")
    assert "light-unmet" in desk.get_attribute(LIGHT, "class")

    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True)
    page = phone.new_page()
    page.set_default_timeout(15_000)
    log_in(page, live_server, staff.username)
    page.goto(f"{live_server.url}{station.get_absolute_url()}")
    click_and_wait(page, "#accreditation button:has-text('按现行评分细则自评')")
    assessment = Assessment.objects.get(township=township("灵溪镇"))
    assert page.url.endswith(assessment.get_absolute_url())
    for item in checklist.items.all():
        page.fill(f"input[name='score-{item.pk}']", str(item.points - (1 if item.number == 1 else 0)))
        if item.evidence:
            page.set_input_files(f"input[name='files-{item.pk}']", str(photo))
    screenshot(page, "station-self-assessment-phone")
    click_and_wait(page, "button[value=submit]")
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED and assessment.self_total == 99
    assert assessment.evidence.count() == 7
    assert page.locator("button[value=verify]").count() == 0  # a township cannot verify its own
    phone.close()

    desk.goto(f"{live_server.url}{assessment.get_absolute_url()}")
    desk.fill("input[name=note]", "现场核验,材料齐全")
    click_and_wait(desk, "button[value=verify]")
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.PASSED and assessment.verified_total == 99
    desk.goto(f"{live_server.url}{station.get_absolute_url()}")
    assert desk.get_attribute("[data-assessment-status]", "data-assessment-status") == "passed"

    snapshot_now()
    desk.goto(f"{live_server.url}/dashboard/")
    assert "light-met" in desk.get_attribute(LIGHT, "class")
    screenshot(desk, "station-accredited-dashboard")
    county.close()
