"""A township files a hazard with a photo and submits it; the county accepts; the timeline shows it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image

from hazards3030.models import Hazard, HazardAttachment
from org.models import User
from org.services import create_portal_user
from tests.browser.conftest import log_in, screenshot
from tests.factories import PASSWORD, township

pytestmark = pytest.mark.browser


def click_and_wait(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def test_file_submit_accept_and_read_the_timeline(page, live_server, browser_county_admin, tmp_path):
    staff = create_portal_user(
        username="b_lingxi", password=PASSWORD, role=User.Role.TOWNSHIP_STAFF, region=township("灵溪镇")
    )
    photo = tmp_path / "现场.jpg"
    Image.new("RGB", (320, 240), (180, 40, 40)).save(photo, "JPEG")
    today = timezone.localdate()

    log_in(page, live_server, staff.username)
    page.goto(f"{live_server.url}/hazards/new/")
    page.select_option("#id_level", "general")
    page.select_option("#id_category", "fire")
    page.fill("#id_description", "仓库安全出口被货物堵塞")
    page.fill("#id_found_on", today.isoformat())
    page.fill("#id_deadline", (today + timedelta(days=7)).isoformat())
    page.set_input_files("#id_files", str(photo))
    click_and_wait(page, "#hazard-form button[type=submit]")
    hazard = Hazard.objects.get()
    assert page.url.endswith(hazard.get_absolute_url())
    assert page.locator(".timeline .photos img").count() == 1

    page.fill(".action-assign input[name=responsible]", "张三")
    click_and_wait(page, ".action-assign button")
    click_and_wait(page, ".action-rectify button")
    page.set_input_files(".action-submit input[type=file]", str(photo))
    page.fill(".action-submit textarea", "已清理通道")
    click_and_wait(page, ".action-submit button")
    assert page.inner_text("#hazard-status") == "整改完成待验收"
    assert page.locator(".action-accept").count() == 0  # a township cannot close its own hazard
    page.click("button:has-text('退出')")

    log_in(page, live_server, browser_county_admin.username)
    page.goto(f"{live_server.url}{hazard.get_absolute_url()}")
    page.fill(".action-accept textarea", "现场复核通过")
    click_and_wait(page, ".action-accept button")
    assert page.inner_text("#hazard-status") == "验收销号"
    timeline = page.inner_text(".timeline")
    assert "整改中 → 整改完成待验收" in timeline and "整改完成待验收 → 验收销号" in timeline
    assert "已清理通道" in timeline and "现场复核通过" in timeline
    assert page.locator(".timeline .photos img").count() == 2
    assert HazardAttachment.objects.filter(hazard=hazard).count() == 2
    screenshot(page, "hazard-timeline")
