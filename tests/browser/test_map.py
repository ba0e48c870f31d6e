"""The county map (县域一张图) in a real browser: Leaflet from our own server draws every registered
layer (zones, shelters, depots with a location) whether or not a tile server is configured or
reachable; the legend switches layers off and on; names show as text, never as HTML; and the
layers refresh while a typhoon is open."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, screenshot
from tests.factories import DangerZoneFactory, DepotFactory, ResponseEventFactory, ShelterFactory, township, village

pytestmark = pytest.mark.browser

# Nothing listens on the discard port: a tile server that cannot be reached.
UNREACHABLE_TILES = "http://127.0.0.1:9/tiles/{z}/{x}/{y}.png"
HOSTILE_NAME = "<img src=x onerror=window.__pwned=1>"


def place(n: int) -> dict:
    return {"lat": Decimal("27.50") + Decimal(n) / 100, "lng": Decimal("120.40") + Decimal(n) / 100}


def markers(page, key: str):
    return page.locator(f"#county-map path.map-marker-{key}")


@pytest.mark.parametrize("tiles", ["", UNREACHABLE_TILES], ids=["no-tiles", "unreachable-tiles"])
def test_the_county_map_draws_every_layer_and_the_legend_switches_one_off_and_on(
    page, live_server, browser_county_admin, settings, tiles
):
    settings.MAP_TILE_URL = tiles
    fanshan = village("矾山一村", "矾山镇")
    zones = [
        DangerZoneFactory(**place(1)),
        DangerZoneFactory(**place(2)),
        DangerZoneFactory(village=fanshan, **place(3)),
    ]
    shelters = [ShelterFactory(**place(4)), ShelterFactory(township=township("矾山镇"), **place(5))]
    depots = [DepotFactory(**place(6)), DepotFactory(region=township("钱库镇"), **place(7))]
    ShelterFactory(name="未标注位置的安置点")  # no location: listed elsewhere, not drawn

    outside = []
    page.on("request", lambda r: None if r.url.startswith(live_server.url) else outside.append(r.url))
    log_in(page, live_server, browser_county_admin.username)
    page.goto(f"{live_server.url}/map/")

    expect(page.locator("#county-map path.leaflet-interactive")).to_have_count(len(zones) + len(shelters) + len(depots))
    expect(markers(page, "zones")).to_have_count(len(zones))
    expect(markers(page, "shelters")).to_have_count(len(shelters))
    expect(markers(page, "depots")).to_have_count(len(depots))
    expect(page.locator('[data-layer-count="shelters"]')).to_have_text(f"({len(shelters)})")
    assert page.get_attribute("#county-map", "data-tiles") == tiles
    if tiles:
        # Leaflet did try the tile server; its failure leaves the markers in place.
        expect(page.locator("#county-map img.leaflet-tile").first).to_be_attached()
    assert all(url.startswith("http://127.0.0.1:9/") for url in outside), outside

    page.uncheck('input[data-layer="zones"]')
    expect(markers(page, "zones")).to_have_count(0)
    expect(markers(page, "shelters")).to_have_count(len(shelters))
    page.check('input[data-layer="zones"]')
    expect(markers(page, "zones")).to_have_count(len(zones))
    expect(page.locator("#county-map.leaflet-zoom-anim")).to_have_count(0)  # a still picture
    screenshot(page, f"county-map-{'unreachable-tiles' if tiles else 'no-tiles'}")


def test_a_name_is_shown_as_text_in_its_tooltip_and_popup(page, live_server, browser_county_admin):
    DangerZoneFactory(name=HOSTILE_NAME, **place(1))
    log_in(page, live_server, browser_county_admin.username)
    page.goto(f"{live_server.url}/map/")

    zone = markers(page, "zones")
    expect(zone).to_have_count(1)
    zone.hover()
    tooltip = page.locator("#county-map .leaflet-tooltip")
    expect(tooltip).to_contain_text(HOSTILE_NAME)
    assert "<img" in tooltip.text_content()
    expect(tooltip.locator("img")).to_have_count(0)

    zone.click()
    popup = page.locator("#county-map .leaflet-popup-content")
    expect(popup).to_contain_text(HOSTILE_NAME)
    expect(popup.locator("img")).to_have_count(0)
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_the_layers_refresh_while_a_typhoon_is_open(page, live_server, browser_county_admin, settings):
    settings.FLOOD_LIVE_POLL_SECONDS = 2
    ResponseEventFactory(name="正在影响的台风")
    DangerZoneFactory(**place(1))
    log_in(page, live_server, browser_county_admin.username)
    page.goto(f"{live_server.url}/map/")
    expect(markers(page, "zones")).to_have_count(1)

    DangerZoneFactory(name="刚划定的山洪点", **place(2))
    expect(markers(page, "zones")).to_have_count(2, timeout=10_000)


def test_without_an_open_typhoon_the_page_does_not_poll(page, live_server, browser_county_admin, settings):
    settings.FLOOD_LIVE_POLL_SECONDS = 2
    fetched = []
    page.on("request", lambda r: fetched.append(r.url) if r.url.endswith(".geojson") else None)
    log_in(page, live_server, browser_county_admin.username)
    page.goto(f"{live_server.url}/map/")
    page.wait_for_load_state("networkidle")
    first = len(fetched)
    page.wait_for_timeout(4_500)
    assert first >= 3 and len(fetched) == first
