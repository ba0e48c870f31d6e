"""Township staff verify a satellite hotspot on a 375 px phone within its countdown: open 热点核查,
tap 到达, record the 核查结果; after the month's snapshot the county dashboard's A6.hotspot light
shows it."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from forestfire import services
from forestfire.models import Hotspot
from org.models import User
from org.services import create_portal_user
from plan import snapshots
from plan.models import SnapshotRun
from plan.periods import Month
from plan.selectors import latest_plan, plan_of_year
from plan.services import copy_work_plan
from tests.browser.conftest import log_in, screenshot
from tests.factories import PASSWORD, township

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
TAP = 44  # the smallest comfortable tap target, in CSS pixels
HERE = {"latitude": 27.5012, "longitude": 120.4021}


def assert_fits_the_phone(phone) -> None:
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    taps = phone.locator("#hotspot-field :is(a, button, input[type=file], textarea):visible").all()
    assert taps
    for tap in taps:
        box = tap.bounding_box()
        assert box["height"] >= TAP and box["width"] >= TAP, (tap.evaluate("e => e.outerHTML"), box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box


def snapshot(month: Month, admin: User) -> None:
    """The month's snapshot, computed as the 月度快照 page starts it (the task runs in-process here)."""
    run = snapshots.start_snapshot(period=month, requested_by=admin)
    assert SnapshotRun.objects.get(pk=run.pk).status == SnapshotRun.Status.COMPLETE


def a6_hotspot_light(county):
    return county.locator('.light[data-target="A6.hotspot"]')


def test_township_staff_verify_a_hotspot_in_time_and_the_dashboard_light_turns_green(
    browser, live_server, browser_county_admin
):
    lingxi = township("灵溪镇")
    staff = create_portal_user(username="b_forest", password=PASSWORD, role=User.Role.TOWNSHIP_STAFF, region=lingxi)
    received = timezone.now() - timedelta(minutes=12)
    hotspot, _created = services.receive_hotspot(
        actor=browser_county_admin, code="B-2024-0001", satellite="FY-3D", received_at=received,
        lat=Decimal("27.5"), lng=Decimal("120.4"), land_type="林地", township=lingxi,
    )  # fmt: skip
    services.receive_hotspot(actor=browser_county_admin, code="B-OTHER", received_at=received, lat=Decimal("27.2"), lng=Decimal("120.5"),
                             township=township("矾山镇"))  # fmt: skip

    county_context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    county = county_context.new_page()
    county.set_default_timeout(15_000)
    log_in(county, live_server, browser_county_admin.username)
    month = Month.of(timezone.localtime(received).date())
    if plan_of_year(month.year) is None:  # the portal's seeded plan is 2024's: this year's is copied from it
        copy_work_plan(plan=latest_plan(), year=month.year, actor=browser_county_admin)
    snapshot(month, browser_county_admin)
    county.goto(f"{live_server.url}/dashboard/?year={month.year}")
    expect(a6_hotspot_light(county)).to_have_class("light light-unmet")  # neither verified yet
    expect(a6_hotspot_light(county).locator(".value")).to_contain_text("(0/2)")

    phone_context = browser.new_context(
        locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True, permissions=["geolocation"], geolocation=HERE
    )
    phone = phone_context.new_page()
    phone.set_default_timeout(15_000)
    log_in(phone, live_server, staff.username)
    phone.goto(f"{live_server.url}/forest/field/")
    card = phone.locator(f"#hotspot-{hotspot.pk}")
    expect(card).to_contain_text("B-2024-0001")
    expect(phone.locator(".hotspot-card")).to_have_count(1)  # 矾山镇's hotspot is not theirs

    # The countdown ticks in the page: minutes and seconds left of the 60.
    clock = card.locator(".clock .left")
    expect(clock).to_contain_text("秒")
    first = clock.inner_text()
    assert first.startswith("剩余 4"), first  # 12 minutes gone: 47 or 48 left
    phone.wait_for_function(
        "([el, text]) => el.textContent !== text", arg=[clock.element_handle(), first], timeout=5_000
    )
    assert_fits_the_phone(phone)
    screenshot(phone, "forestfire-phone-countdown")

    # The phone shares its position: nearest first, with the distance.
    phone.get_by_role("button", name="按我的位置排列").click()
    expect(phone.locator("#hotspot-nearby")).to_contain_text("按距您的位置由近到远排列")
    expect(card).to_contain_text("0.2 km")
    assert_fits_the_phone(phone)

    card.get_by_role("button", name="到达").click()
    expect(phone.locator(".messages")).to_contain_text("已记录到达B-2024-0001")
    expect(card).to_contain_text("已到达")
    arrived = Hotspot.objects.get(pk=hotspot.pk)
    assert arrived.arrived_at is not None and arrived.verified_at is None

    card.locator("textarea[name=feedback]").fill("村民田间烧秸秆,已劝离并扑灭")
    assert_fits_the_phone(phone)
    screenshot(phone, "forestfire-phone-arrived")
    card.get_by_role("button", name="农事用火").click()
    expect(phone.locator(".messages")).to_contain_text("热点B-2024-0001已核查反馈")
    expect(phone.locator(".hotspot-cards")).to_contain_text("暂无待核查的热点")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "forestfire-phone-verified")

    verified = Hotspot.objects.get(pk=hotspot.pk)
    assert verified.result == "farm_burning" and verified.feedback == "村民田间烧秸秆,已劝离并扑灭"
    assert verified.verified_by == staff and verified.breached_at is None
    assert verified.verified_at - verified.received_at < timedelta(minutes=60)
    assert (float(verified.verified_lat), float(verified.verified_lng)) == (HERE["latitude"], HERE["longitude"])

    # 矾山镇's hotspot is still open; verified as a false alarm by the county, both are in time.
    other = Hotspot.objects.get(code="B-OTHER")
    services.verify_hotspot(hotspot=other, actor=browser_county_admin, result="false_alarm")
    snapshot(month, browser_county_admin)

    county.goto(f"{live_server.url}/dashboard/?year={month.year}")
    light = a6_hotspot_light(county)
    expect(light).to_have_class("light light-met")
    expect(light.locator(".value")).to_contain_text("100%")
    expect(light.locator(".value")).to_contain_text("(2/2)")
    screenshot(county, "forestfire-dashboard-a6")
    phone_context.close()
    county_context.close()
