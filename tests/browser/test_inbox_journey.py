"""A township officer sees the unread count in the header, on a phone and a desktop, opens the
inbox, follows an overdue notice to its hazard, and the count is gone."""

from datetime import date

import pytest

from hazards3030.services import mark_overdue_hazards
from org.models import User
from tests.browser.conftest import log_in, screenshot
from tests.factories import HazardFactory, UserFactory, township

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [{"width": 375, "height": 812}, {"width": 1280, "height": 900}])
def test_an_overdue_notice_is_followed_from_the_header_to_the_hazard(browser, live_server, seeded, viewport):
    UserFactory(username="b_lingxi", role=User.Role.TOWNSHIP_STAFF, region=township("灵溪镇"))
    hazard = HazardFactory(found_on=date(2024, 5, 1), deadline=date(2024, 5, 20), description="配电房私拉乱接")
    mark_overdue_hazards(today=date(2024, 6, 1))  # committed: the notice is in the inbox now
    context = browser.new_context(locale="zh-CN", viewport=viewport, is_mobile=viewport["width"] < 500)
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, live_server, "b_lingxi")
    badge = page.locator(".topbar .inbox-link .badge")
    assert badge.inner_text() == "1"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.click(".topbar .inbox-link")
    page.wait_for_url("**/inbox/")
    screenshot(page, f"inbox-{viewport['width']}")
    page.click(f"text=隐患#{hazard.pk}已超过整改期限")
    page.wait_for_url(f"**/hazards/{hazard.pk}/")
    assert page.locator(".topbar .inbox-link .badge").count() == 0
    context.close()
