"""A township clerk files a publicity activity with a photo and sees its 五进 cell turn green; a
passer-by scans a QR code and reads the material without logging in."""

import pytest
from django.utils import timezone
from PIL import Image

from campaigns.models import Activity, FiveInto
from campaigns.services import ensure_default_kinds, save_resource
from org.models import User
from org.services import create_portal_user
from tests.browser.conftest import log_in, screenshot
from tests.factories import PASSWORD, county, township

pytestmark = pytest.mark.browser
CELL = "#five-into td[data-township='灵溪镇'][data-category='school']"


def click_and_wait(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def watch_csp(page) -> list[str]:
    """Collects what the browser refused under the Content-Security-Policy."""
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    return refused


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_township_staff_file_an_activity_and_the_cell_turns_green(page, live_server, seeded, tmp_path, width):
    ensure_default_kinds()
    staff = create_portal_user(username="b_lingxi", password=PASSWORD, role=User.Role.TOWNSHIP_STAFF,
                               region=township("灵溪镇"))  # fmt: skip
    page.set_viewport_size({"width": width, "height": 900})
    refused = watch_csp(page)
    photo = tmp_path / "活动现场.jpg"
    Image.new("RGB", (320, 240), (40, 140, 60)).save(photo, "JPEG")

    log_in(page, live_server, staff.username)
    page.goto(f"{live_server.url}/campaigns/")
    assert "status-unmet" in page.get_attribute(CELL, "class")
    page.goto(f"{live_server.url}/campaigns/activities/new/")
    page.fill("#id_held_on", timezone.localdate().isoformat())
    page.fill("#id_title", "安全知识进校园")
    page.select_option("#id_kind", label="知识抢答")
    page.select_option("#id_category", FiveInto.SCHOOL)
    page.fill("#id_participants", "260")
    page.set_input_files("#id_photos", str(photo))
    click_and_wait(page, "#record-form button[type=submit]")

    activity = Activity.objects.get()
    assert page.url.endswith(activity.get_absolute_url())
    image = page.locator(".photos img")
    assert image.count() == 1
    assert image.evaluate("img => img.complete && img.naturalWidth") == 320  # served, not blocked

    page.goto(f"{live_server.url}/campaigns/")
    assert "status-met" in page.get_attribute(CELL, "class")
    assert page.inner_text(CELL) == "1"
    screenshot(page, f"campaigns-five-into-{width}")
    click_and_wait(page, f"{CELL} a")
    assert "安全知识进校园" in page.inner_text("table.list")
    assert refused == []


def test_a_scanned_code_opens_the_material_without_login(page, live_server, seeded):
    admin = create_portal_user(username="b_admin2", password=PASSWORD, role=User.Role.COUNTY_ADMIN, region=county())
    resource = save_resource(actor=admin, region=county(), title="家庭用电安全十条", summary="不私拉乱接电线。",
                             published=True)  # fmt: skip
    refused = watch_csp(page)
    log_in(page, live_server, admin.username)
    page.goto(f"{live_server.url}{resource.get_absolute_url()}")
    code = page.locator("img[alt='二维码']")
    assert code.evaluate("img => img.complete && img.naturalWidth") > 0
    page.goto(f"{live_server.url}/campaigns/library/sheet/")
    assert page.locator(".code img").evaluate("img => img.complete && img.naturalWidth") > 0
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/r/{resource.slug}/")
    assert page.inner_text("h1") == "家庭用电安全十条"
    assert "不私拉乱接电线。" in page.inner_text("article")
    assert refused == []
