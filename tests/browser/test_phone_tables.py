"""On a 375 px phone the list tables become cards that keep their column labels, and nothing
scrolls sideways: the dashboard ranking (with the user's own township marked) and the live
transfer figures, including the rows the page rebuilds as it refreshes."""

import pytest
from django.utils import timezone

from flood1833 import services
from org.models import User
from org.services import create_portal_user
from plan import snapshots
from plan.models import RankingPublication
from plan.periods import Month
from tests.browser.conftest import log_in, screenshot
from tests.factories import (
    PASSWORD,
    DangerZoneFactory,
    ResponseEventFactory,
    ShelterFactory,
    TransferPersonFactory,
    township,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}

# Every visible cell of the stacked tables: its column header, its data-label, what its ::before
# shows, and how the row is laid out.
CELLS = """() => [...document.querySelectorAll("table.stack tbody td")]
  .filter((td) => td.offsetParent !== null)
  .map((td) => {
    const table = td.closest("table");
    const header = table.querySelectorAll("thead th")[td.cellIndex];
    return {
      text: td.textContent.trim(),
      header: header ? header.textContent.trim() : "",
      label: td.dataset.label || "",
      before: getComputedStyle(td, "::before").content,
      row: getComputedStyle(td.parentElement).display,
      colspan: td.colSpan,
    };
  })"""


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def assert_cells_are_labelled(page) -> list[dict]:
    cells = [cell for cell in page.evaluate(CELLS) if cell["colspan"] == 1]
    assert cells
    for cell in cells:
        assert cell["row"] == "block", cell
        assert cell["label"] == cell["header"], cell
        if cell["header"]:
            assert cell["label"] in cell["before"], cell
        else:
            assert cell["before"] in ("none", "normal"), cell
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    return cells


def test_the_ranking_keeps_its_labels_on_a_phone_and_marks_the_users_township(phone, live_server, seeded):
    lingxi = create_portal_user(
        username="b_lingxi", password=PASSWORD, role=User.Role.TOWNSHIP_STAFF, region=township("灵溪镇")
    )
    for month in (4, 5):
        snapshots.start_snapshot(period=Month(2024, month))
        RankingPublication.objects.update_or_create(
            period=Month(2024, month).first_day, defaults={"published_at": timezone.now(), "withdrawn_at": None}
        )
    log_in(phone, live_server, lingxi.username)
    phone.goto(f"{live_server.url}/dashboard/?period=2024-05")
    phone.wait_for_selector("#ranking-chart[data-rendered=true] svg")
    assert phone.locator("table.ranking tr[data-rank]").count() == 18

    cells = assert_cells_are_labelled(phone)
    assert {"名次", "单位", "得分", "较上月"} <= {cell["label"] for cell in cells}
    own = phone.locator("table.ranking tr.own")
    assert own.count() == 1 and "本乡镇" in own.inner_text() and "灵溪镇" in own.inner_text()
    assert phone.locator("table.ranking a").all_inner_texts() == ["灵溪镇"]
    own.scroll_into_view_if_needed()
    screenshot(phone, "phone-dashboard-ranking")


def test_the_live_figures_keep_their_labels_on_a_phone_after_a_refresh(
    phone, live_server, browser_county_admin, settings
):
    settings.FLOOD_LIVE_POLL_SECONDS = 2
    zone = DangerZoneFactory()
    ShelterFactory(name="灵溪镇第一小学")
    for name in ("陈阿婆", "林阿公", "吴小妹"):
        TransferPersonFactory(name=name, village=zone.village, zone=zone)
    event = services.change_stage(event=ResponseEventFactory(), actor=browser_county_admin, stage_order=3, note="测试")

    log_in(phone, live_server, browser_county_admin.username)
    phone.goto(f"{live_server.url}/flood/?event={event.pk}")
    assert_cells_are_labelled(phone)

    # The page rebuilds the grouped rows on each refresh: wait until every server row is replaced.
    phone.evaluate("document.querySelectorAll('[data-live-rows] tr').forEach((tr) => { tr.dataset.server = '1'; })")
    phone.wait_for_function(
        "() => document.querySelector('[data-live-rows] tr') && !document.querySelector('[data-live-rows] tr[data-server]')"
    )
    cells = assert_cells_are_labelled(phone)
    labels = {cell["label"] for cell in cells}
    assert {"状态", "人数", "乡镇", "应转移", "已转移", "已安置", "类别", "场所", "容纳", "层级", "已落实"} <= labels
    assert any(cell["label"] == "乡镇" and cell["text"] == "灵溪镇" for cell in cells)
    screenshot(phone, "phone-flood-live")
