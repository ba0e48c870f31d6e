"""The field page on a phone in a storm: cards that never move under a finger, taps queued in
order and sent as one batch, 撤销, the offline shell, the failure banner, and the cadre's home."""

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
BATCH = "**/api/v1/transfers/confirm/"


@pytest.fixture
def field(browser_county_admin):
    home = village("测试一村")
    cadre = create_portal_user(username="b_cadre", password=PASSWORD, role=User.Role.VILLAGE_CADRE, region=home)
    people = [TransferPersonFactory(name=name, village=home) for name in ("陈阿婆", "陈阿婆", "林阿公", "吴小妹")]
    event = services.change_stage(
        event=ResponseEventFactory(name="测试台风"), actor=browser_county_admin, stage_order=3, note="测试"
    )
    return cadre, event, [Transfer.objects.get(event=event, person=person) for person in people]


def phone_page(browser, live_server, cadre, service_workers="block"):
    context = browser.new_context(
        locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True, service_workers=service_workers
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, live_server, cadre.username)
    return context, page


def card(page, transfer):
    return page.locator(f'[data-transfer="{transfer.pk}"]')


def button(page, transfer, status):
    return page.locator(f'[data-transfer="{transfer.pk}"] button.tap[data-status="{status}"]')


def boxes(page):
    """Where every card and every button is now."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('[data-transfer], [data-transfer] button, [data-transfer] select'))
            .map(e => { const r = e.getBoundingClientRect(); return [r.x, r.y + window.scrollY, r.width, r.height].map(Math.round); })"""
    )


def queue_drained(page):
    page.wait_for_function("() => (JSON.parse(localStorage.getItem('flood1833.queue')) || []).length === 0")


def test_taps_while_one_is_pending_record_exactly_the_people_and_statuses_intended(browser, live_server, field):
    cadre, event, transfers = field
    first, twin, second, _third = transfers
    context, page = phone_page(browser, live_server, cadre)
    assert page.url.endswith("/flood/field/")  # the cadre's home
    page.goto(f"{live_server.url}/flood/field/")
    before = boxes(page)
    # Slow 3G: every answer takes well over a second.
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 1500, "downloadThroughput": 50 * 1024, "uploadThroughput": 25 * 1024},
    )
    button(page, first, "notified").tap()
    expect(button(page, first, "notified")).to_be_disabled()
    assert "pending" in button(page, first, "notified").get_attribute("class")
    expect(button(page, first, "moved")).to_be_enabled()  # the next status, at once
    button(page, first, "moved").tap()
    # A second tap on the same spot is nothing; the next person's card has not moved under it.
    button(page, first, "notified").tap(force=True)
    button(page, second, "with_relatives").tap()
    assert boxes(page) == before
    screenshot(page, "flood-phone-pending")
    queue_drained(page)
    expect(card(page, second)).to_have_class("person done")
    assert boxes(page) == before
    assert [
        (s.transfer_id, s.to_status) for s in TransferStep.objects.filter(transfer__event=event).order_by("id")
    ] == [
        (first.pk, "notified"),
        (first.pk, "moved"),
        (second.pk, "with_relatives"),
    ]
    assert Transfer.objects.get(pk=twin.pk).status == "pending"
    expect(page.locator("#field-safe")).to_have_text("2")
    assert page.inner_text("#field-total") == "4"
    # Two people of the same name are told apart by the ID tail on the card.
    assert card(page, first).locator(".idtail").inner_text() != card(page, twin).locator(".idtail").inner_text()
    context.close()


def test_undo_takes_back_a_queued_tap_or_corrects_the_last_step(browser, live_server, field):
    cadre, _event, transfers = field
    target = transfers[2]
    context, page = phone_page(browser, live_server, cadre)
    page.goto(f"{live_server.url}/flood/field/")
    context.set_offline(True)
    button(page, target, "moved").tap()
    page.locator(f'[data-transfer="{target.pk}"] [data-role="undo"]').tap()  # not sent yet: just dropped
    expect(page.locator("#field-queue")).to_be_hidden()
    context.set_offline(False)
    button(page, target, "moved").tap()
    queue_drained(page)
    page.once("dialog", lambda dialog: dialog.accept("点错了人"))
    page.locator(f'[data-transfer="{target.pk}"] [data-role="undo"]').tap()
    queue_drained(page)
    expect(card(page, target).locator('[data-role="status"]')).to_have_text("待转移")
    correction = TransferStep.objects.get(transfer=target, corrects__isnull=False)
    assert correction.reason == "点错了人" and correction.actor == cadre
    assert list(TransferStep.objects.filter(transfer=target).values_list("to_status", flat=True)) == [
        "moved",
        "pending",
    ]
    context.close()


def test_requests_failing_while_online_show_a_banner_and_are_sent_later(browser, live_server, field):
    cadre, _event, transfers = field
    context, page = phone_page(browser, live_server, cadre)
    page.goto(f"{live_server.url}/flood/field/")
    page.route(BATCH, lambda route: route.abort("timedout"))
    button(page, transfers[0], "moved").tap()
    expect(page.locator("#field-failing")).to_be_visible()
    assert page.evaluate("navigator.onLine") is True
    screenshot(page, "flood-phone-failing")
    assert Transfer.objects.get(pk=transfers[0].pk).status == "pending"
    page.unroute(BATCH)
    queue_drained(page)
    expect(page.locator("#field-failing")).to_be_hidden()
    assert Transfer.objects.get(pk=transfers[0].pk).status == "moved"
    context.close()


def test_the_field_page_opens_offline_and_its_queued_taps_go_out_when_back(browser, live_server, field):
    cadre, _event, transfers = field
    context, page = phone_page(browser, live_server, cadre, service_workers="allow")
    page.goto(f"{live_server.url}/flood/field/")
    page.wait_for_function("() => navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller)")
    page.reload()  # now through the service worker, which keeps it
    page.wait_for_load_state("networkidle")
    context.set_offline(True)
    page.close()
    page = context.new_page()
    page.goto(f"{live_server.url}/flood/field/")  # reopened offline: the page, not the browser's error
    expect(card(page, transfers[3])).to_be_visible()
    expect(page.locator("#field-offline")).to_be_visible()
    button(page, transfers[3], "moved").tap()
    expect(page.locator("#field-queue-count")).to_have_text("1")
    page.reload()  # the queue survives a reload
    expect(page.locator("#field-queue-count")).to_have_text("1")
    screenshot(page, "flood-phone-offline-shell")
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    queue_drained(page)
    assert Transfer.objects.get(pk=transfers[3].pk).status == "moved"
    context.close()


def test_filters_change_the_list_without_reloading_the_page(browser, live_server, field):
    cadre, _event, _transfers = field
    context, page = phone_page(browser, live_server, cadre)
    page.goto(f"{live_server.url}/flood/field/")
    page.evaluate("window.__sameDocument = true")
    page.fill('input[name="name"]', "林")
    page.click("#field-filters button[type=submit]")
    expect(page.locator("[data-transfer]")).to_have_count(1)
    assert page.evaluate("window.__sameDocument") is True and "name=" in page.url
    context.close()


def test_the_cadre_lands_on_the_field_page_with_the_banner_and_44px_targets(browser, live_server, field):
    cadre, event, _transfers = field
    context, page = phone_page(browser, live_server, cadre)
    assert page.url.endswith("/flood/field/")
    banner = page.locator(".typhoon-banner")
    expect(banner).to_contain_text("测试台风")
    expect(banner).to_contain_text(event.stage.name)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.click(".phonenav summary")
    small = page.evaluate(
        """() => Array.from(document.querySelectorAll('a, button, select, input:not([type=hidden]), summary'))
            .filter(e => e.offsetParent !== null)
            .map(e => { const r = e.getBoundingClientRect(); return [e.textContent.trim().slice(0, 12) || e.name, Math.round(r.width), Math.round(r.height)]; })
            .filter(([, w, h]) => w < 44 || h < 44)"""
    )
    assert small == []
    screenshot(page, "flood-phone-home-menu")
    context.close()
