"""The county dashboard in a real browser: charts drawn by the locally served ECharts."""

from datetime import date

import pytest

from plan import snapshots
from plan.periods import Month
from tests.browser.conftest import log_in, screenshot
from tests.factories import HazardFactory, township

pytestmark = pytest.mark.browser


def test_the_county_dashboard_draws_its_charts_and_ranking(page, live_server, browser_county_admin):
    for n, name in enumerate(["灵溪镇", "矾山镇", "钱库镇"]):
        for day in range(1, 3 + n):
            HazardFactory(township=township(name), found_on=date(2024, 5, day), deadline=date(2024, 5, 20))
    for month in (4, 5):
        snapshots.start_snapshot(period=Month(2024, month))

    outside = []
    page.on("request", lambda r: None if r.url.startswith(live_server.url) else outside.append(r.url))
    log_in(page, live_server, browser_county_admin.username)
    page.goto(f"{live_server.url}/dashboard/")
    page.wait_for_selector("#ranking-chart[data-rendered=true] svg")
    page.wait_for_selector("#trend-chart[data-rendered=true] svg")
    assert page.locator("table.ranking tr[data-rank]").count() == 18
    assert page.locator(".light").count() == 28
    assert "数据月份:2024-05" in page.inner_text("main")
    assert outside == []
    screenshot(page, "county-dashboard")

    page.click("table.ranking a:has-text('钱库镇')")
    page.wait_for_selector("#rank-history-chart[data-rendered=true] svg")
    assert "全县平均" in page.inner_text("main")
    screenshot(page, "township-dashboard")
