"""The field page on a phone with JavaScript off: filters, taps and check-in are plain forms."""

import pytest
from playwright.sync_api import expect

from flood1833 import services
from flood1833.models import Transfer, TransferStep
from org.models import User
from org.services import create_portal_user
from tests.browser.conftest import log_in, screenshot
from tests.factories import PASSWORD, ResponseEventFactory, ShelterFactory, TransferPersonFactory, township, village

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}


def card(page, transfer):
    return page.locator(f'[data-transfer="{transfer.pk}"]')


def test_a_cadre_without_javascript_filters_confirms_and_checks_in(browser, live_server, browser_county_admin):
    home = village("测试一村")
    cadre = create_portal_user(username="b_cadre", password=PASSWORD, role=User.Role.VILLAGE_CADRE, region=home)
    people = [TransferPersonFactory(name=name, village=home) for name in ("陈阿婆", "林阿公", "吴小妹")]
    ShelterFactory(name="灵溪一小", capacity=10)
    event = services.change_stage(event=ResponseEventFactory(), actor=browser_county_admin, stage_order=3, note="测试")
    grandma = Transfer.objects.get(event=event, person=people[0])

    context = browser.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True, java_script_enabled=False)
    phone = context.new_page()
    phone.set_default_timeout(15_000)
    log_in(phone, live_server, cadre.username)
    phone.goto(f"{live_server.url}/flood/field/")
    expect(phone.locator("li.person")).to_have_count(3)

    phone.fill("input[name=name]", "阿婆")
    phone.click(".field-filters button[type=submit]")
    expect(phone.locator("li.person")).to_have_count(1)
    assert "name=" in phone.url

    card(phone, grandma).locator('button.tap[data-status="moved"]').click()
    expect(phone.locator(".messages")).to_contain_text("陈阿婆:已确认“已转移”。")
    expect(card(phone, grandma).locator('[data-role="status"]')).to_have_text("已转移")
    assert "name=" in phone.url and phone.url.endswith(f"#transfer-{grandma.pk}")  # back to the same list

    # Done people are collapsed; their remaining steps and shelter choice are one tap away.
    card(phone, grandma).locator("summary").click()
    card(phone, grandma).locator('[data-role="shelter"]').select_option(label="灵溪一小")
    card(phone, grandma).locator('button.tap[data-status="sheltered"]').click()
    expect(card(phone, grandma).locator('[data-role="status"]')).to_have_text("已安置")
    expect(card(phone, grandma)).to_contain_text("灵溪一小")
    screenshot(phone, "flood-field-no-js")
    assert list(TransferStep.objects.filter(transfer=grandma).values_list("to_status", flat=True)) == [
        "moved",
        "sheltered",
    ]
    context.close()


def test_a_township_s_filters_fit_a_phone(browser, live_server, browser_county_admin):
    staff = create_portal_user(
        username="b_lingxi", password=PASSWORD, role=User.Role.TOWNSHIP_STAFF, region=township("灵溪镇")
    )
    for name in ("测试一村", "测试二村", "一个名字很长很长的测试村民委员会"):
        TransferPersonFactory(name=f"{name[:2]}人", village=village(name))
    services.change_stage(event=ResponseEventFactory(), actor=browser_county_admin, stage_order=3, note="测试")

    context = browser.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True)
    phone = context.new_page()
    phone.set_default_timeout(15_000)
    log_in(phone, live_server, staff.username)
    phone.goto(f"{live_server.url}/flood/field/")
    expect(phone.locator("li.person")).to_have_count(3)
    phone.select_option("select[name=village]", label="测试二村")
    phone.click(".field-filters button[type=submit]")
    expect(phone.locator("li.person")).to_have_count(1)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "flood-field-township-filters")
    context.close()
