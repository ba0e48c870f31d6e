"""A shelter manager opens 入住登记 from the shelter list, checks a moved person in, and sees the
head count go up."""

import pytest
from playwright.sync_api import expect

from flood1833 import services
from flood1833.models import Transfer
from org.models import User
from org.services import create_portal_user
from tests.browser.conftest import log_in, screenshot
from tests.factories import PASSWORD, ResponseEventFactory, ShelterFactory, TransferPersonFactory, township, village

pytestmark = pytest.mark.browser


def test_a_shelter_manager_checks_a_person_in_and_sees_the_head_count_go_up(page, live_server, browser_county_admin):
    manager = create_portal_user(
        username="b_shelter", password=PASSWORD, role=User.Role.TOWNSHIP_STAFF, region=township("灵溪镇")
    )
    shelter = ShelterFactory(name="灵溪一小", township=township("灵溪镇"), capacity=2)
    person = TransferPersonFactory(name="陈阿婆", village=village("测试一村"))
    event = services.change_stage(
        event=ResponseEventFactory(name="测试台风"), actor=browser_county_admin, stage_order=3, note="测试"
    )
    transfer = Transfer.objects.get(event=event, person=person)
    services.confirm_transfer(transfer=transfer, actor=manager, status="moved", location="村委会")

    log_in(page, live_server, manager.username)
    page.goto(f"{live_server.url}/flood/shelters/")
    page.get_by_role("link", name="入住登记").click()
    expect(page.locator("h1")).to_contain_text("灵溪一小")
    expect(page.locator("#shelter-present")).to_have_text("0")
    arriving = page.locator(f'.arriving [data-transfer="{transfer.pk}"]')
    expect(arriving).to_contain_text("陈阿婆")

    arriving.get_by_role("button", name="入住").click()
    expect(page.locator("#shelter-present")).to_have_text("1")
    expect(page.locator(f'.sheltered [data-transfer="{transfer.pk}"]')).to_contain_text("陈阿婆")
    expect(page.locator(".messages")).to_contain_text("陈阿婆:已安置")
    expect(page.locator(".arriving")).not_to_contain_text("陈阿婆")
    screenshot(page, "flood-shelter-checkin")
    checked_in = Transfer.objects.get(pk=transfer.pk)
    assert (checked_in.status, checked_in.shelter_id) == ("sheltered", shelter.pk)
