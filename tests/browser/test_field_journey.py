"""A village cadre confirms three people on a phone, one of them offline; the county sees all three."""

import pytest
from playwright.sync_api import expect

from flood1833 import services
from flood1833.models import Transfer, TransferStep
from org.models import User
from org.services import create_portal_user
from tests.browser.conftest import log_in, screenshot
from tests.factories import PASSWORD, ResponseEventFactory, TransferPersonFactory, village

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}


def status_of(page, transfer):
    return page.locator(f'[data-transfer="{transfer.pk}"] [data-role="status"]')


def tap(page, transfer, status="moved"):
    page.click(f'[data-transfer="{transfer.pk}"] button.tap[data-status="{status}"]')


def test_a_cadre_confirms_three_people_one_offline_and_the_county_sees_them(
    browser, live_server, browser_county_admin, settings
):
    settings.FLOOD_LIVE_POLL_SECONDS = 2
    home = village("测试一村")
    cadre = create_portal_user(username="b_cadre", password=PASSWORD, role=User.Role.VILLAGE_CADRE, region=home)
    people = [TransferPersonFactory(name=name, village=home) for name in ("陈阿婆", "林阿公", "吴小妹")]
    event = services.change_stage(
        event=ResponseEventFactory(name="测试台风"), actor=browser_county_admin, stage_order=3, note="测试"
    )
    transfers = [Transfer.objects.get(event=event, person=person) for person in people]

    county_context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    county = county_context.new_page()
    county.set_default_timeout(15_000)
    log_in(county, live_server, browser_county_admin.username)
    county.goto(f"{live_server.url}/flood/?event={event.pk}")
    assert county.inner_text('[data-live="status-moved"]') == "0"

    phone_context = browser.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True)
    phone = phone_context.new_page()
    phone.set_default_timeout(15_000)
    log_in(phone, live_server, cadre.username)
    phone.goto(f"{live_server.url}/flood/field/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    button = phone.locator(f'[data-transfer="{transfers[0].pk}"] button.tap').first.bounding_box()
    assert button["height"] >= 48

    for transfer in transfers[:2]:
        tap(phone, transfer)
        expect(status_of(phone, transfer)).to_have_text("已转移")

    phone_context.set_offline(True)
    tap(phone, transfers[2])
    phone.wait_for_selector("#field-queue:not([hidden])")
    assert phone.inner_text("#field-queue-count") == "1"
    assert "吴小妹" in phone.inner_text("#field-queue-list")
    assert phone.is_visible("#field-offline")
    screenshot(phone, "flood-field-offline")
    assert Transfer.objects.get(pk=transfers[2].pk).status == "pending"

    phone_context.set_offline(False)
    phone.wait_for_selector("#field-queue", state="hidden")
    assert status_of(phone, transfers[2]).inner_text() == "已转移"
    screenshot(phone, "flood-field-online")
    assert Transfer.objects.filter(event=event, status="moved").count() == 3
    assert TransferStep.objects.filter(transfer__event=event).count() == 3

    # The county's open page catches up by itself, without a reload.
    expect(county.locator('[data-live="status-moved"]')).to_have_text("3")
    assert county.inner_text('[data-live="safe"]') == "3"
    screenshot(county, "flood-live-county")
    phone_context.close()
    county_context.close()
