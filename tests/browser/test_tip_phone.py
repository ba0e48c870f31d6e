"""码上报 on a 375 px phone: a citizen without an account reports a hazard (with a photo and the
phone's position), keeps the receipt, and watches it go 待核实 → 已受理,进入整改 (整改中) → 已销号
while 灵溪镇's staff verify it and the hazard runs the 3030 loop; a second tip, sent with
JavaScript off, is closed as 不予受理 with the reason the tipster reads."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from hazards3030 import services
from hazards3030.models import Hazard, HazardAttachment, Tip
from org.models import User
from org.services import create_portal_user
from tests.browser.conftest import log_in, screenshot
from tests.factories import PASSWORD, township

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
TAP = 44  # the smallest comfortable tap target, in CSS pixels
HERE = {"latitude": 27.5012, "longitude": 120.4021}


def photo_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def assert_fits_the_phone(phone) -> None:
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    taps = phone.locator(
        "#tip-page :is(button, select, input[type=text], input[type=file], textarea):visible:not([name=website])"
    ).all()
    assert taps
    for tap in taps:
        box = tap.bounding_box()
        assert box["height"] >= TAP and box["width"] >= TAP, (tap.evaluate("e => e.outerHTML"), box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box


def phone_context(browser, *, javascript: bool = True):
    context = browser.new_context(
        locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=javascript,
        permissions=["geolocation"], geolocation=HERE,
    )  # fmt: skip
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def test_an_anonymous_tip_is_verified_into_the_loop_and_the_receipt_follows_it(
    browser, live_server, browser_county_admin, fresh_limits
):
    lingxi = township("灵溪镇")
    staff = create_portal_user(username="b_tips", password=PASSWORD, role=User.Role.TOWNSHIP_STAFF, region=lingxi)

    citizen_context, citizen = phone_context(browser)
    citizen.goto(f"{live_server.url}/tip/")
    expect(citizen.locator("h1")).to_contain_text("码上报")
    assert_fits_the_phone(citizen)
    citizen.select_option("#id_township", label="灵溪镇")
    citizen.fill("#id_place", "城东路12号楼道")
    citizen.fill("#id_description", "楼道里堆满纸箱,堵住了消防通道")
    citizen.fill("#id_phone", "13800135678")
    citizen.set_input_files(
        "#id_photo", files=[{"name": "现场.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes()}]
    )
    citizen.get_by_role("button", name="提供我的位置(可选)").click()
    expect(citizen.locator("#tip-locate-state")).to_have_text("已获取位置")
    screenshot(citizen, "tip-phone-form")
    citizen.get_by_role("button", name="提交举报").click()

    expect(citizen.locator("#tip-status h1")).to_contain_text("举报已提交")
    tip = Tip.objects.get()
    receipt_url = f"{live_server.url}/tip/status/{tip.receipt}/"
    expect(citizen.locator("#tip-receipt-code")).to_have_text(tip.receipt)
    expect(citizen.locator("#tip-public-status")).to_have_text("待核实")
    assert citizen.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(citizen, "tip-phone-receipt")
    assert tip.phone_masked == "138****5678" and tip.photo
    assert (float(tip.lat), float(tip.lng)) == (HERE["latitude"], HERE["longitude"])

    # 灵溪镇's staff find it in their queue and verify it: a hazard with source 举报.
    office_context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    office = office_context.new_page()
    office.set_default_timeout(15_000)
    log_in(office, live_server, staff.username)
    office.goto(f"{live_server.url}/tips/")
    office.get_by_role("link", name=tip.receipt).click()
    expect(office.locator("#tip-state")).to_have_text("待核实")
    expect(office.locator("img.thumb")).to_be_visible()
    office.select_option("#tip-accept select[name=category]", "fire")
    office.fill("#tip-accept textarea[name=note]", "现场核实属实")
    office.get_by_role("button", name="核实属实,进入“3030”闭环").click()
    expect(office.locator("#hazard-status")).to_have_text("排查发现")
    hazard = Hazard.objects.get()
    assert hazard.source == Hazard.Source.TIP and Tip.objects.get().hazard == hazard
    assert HazardAttachment.objects.filter(hazard=hazard, kind="before").count() == 1
    screenshot(office, "tip-verified-hazard")

    citizen.goto(receipt_url)
    expect(citizen.locator("#tip-public-status")).to_have_text("已受理,进入整改:整改中")
    for step in (services.assign_hazard, services.start_rectification, services.submit_rectification):
        step(hazard=hazard, actor=staff)
    services.accept_hazard(hazard=hazard, actor=browser_county_admin)
    citizen.goto(receipt_url)
    expect(citizen.locator("#tip-public-status")).to_have_text("已受理,进入整改:已销号")
    page_text = citizen.locator("body").inner_text()
    assert "b_tips" not in page_text and "现场核实属实" not in page_text
    screenshot(citizen, "tip-phone-closed")

    # A second tip, from a phone with JavaScript off (no position button): closed with a reason.
    plain_context, plain = phone_context(browser, javascript=False)
    plain.goto(f"{live_server.url}/tip/")
    expect(plain.locator("#tip-locate")).to_be_hidden()
    plain.select_option("#id_township", label="灵溪镇")
    plain.fill("#id_description", "路边广告牌松动,随时可能掉落")
    plain.get_by_role("button", name="提交举报").click()
    expect(plain.locator("#tip-public-status")).to_have_text("待核实")
    second = Tip.objects.exclude(pk=tip.pk).get()

    office.goto(f"{live_server.url}/tips/{second.pk}/")
    office.fill("#tip-reject textarea[name=reason]", "广告牌已由业主加固,不属于安全生产隐患。")
    office.get_by_role("button", name="不予受理").click()
    expect(office.locator("#tip-state")).to_have_text("不予受理")

    plain.goto(f"{live_server.url}/tip/status/{second.receipt.lower()}/")
    expect(plain.locator("#tip-public-status")).to_have_text("不予受理")
    expect(plain.locator("#tip-reason")).to_contain_text("广告牌已由业主加固")
    assert Hazard.objects.count() == 1
    for context in (citizen_context, office_context, plain_context):
        context.close()
