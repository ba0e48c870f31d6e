import pytest

from plan.models import Target
from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.browser


def test_the_county_admin_logs_in_and_reads_the_plan(page, live_server, browser_county_admin):
    log_in(page, live_server, browser_county_admin.username)
    assert page.url.endswith("/plan/2024/")
    rows = page.locator("tr[data-target]")
    assert rows.count() == 28
    body = page.inner_text("main")
    for target in Target.objects.filter(plan__year=2024):
        assert target.text in body, target.code
    assert "未接入" in body
    assert "安全生产治本攻坚" in page.inner_text("nav")
    path = screenshot(page, "plan-desktop")
    assert path.stat().st_size > 10_000


def test_the_plan_page_fits_a_phone(page, live_server, browser_county_admin):
    page.set_viewport_size({"width": 375, "height": 812})
    log_in(page, live_server, browser_county_admin.username)
    assert page.locator("tr[data-target]").count() == 28
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    screenshot(page, "plan-phone")


def test_a_wrong_password_is_told_in_chinese(page, live_server, browser_county_admin):
    log_in(page, live_server, browser_county_admin.username, password="wrong")
    assert "用户名或密码不正确" in page.inner_text("main")


def test_the_api_docs_render_from_local_assets(page, live_server, browser_county_admin):
    log_in(page, live_server, browser_county_admin.username)
    outside = []
    page.on("request", lambda request: None if request.url.startswith(live_server.url) else outside.append(request.url))
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "苍南应急 API" in page.inner_text(".swagger-ui .info .title")
    assert page.locator(".opblock").count() >= 4
    assert outside == []
    screenshot(page, "api-docs")
