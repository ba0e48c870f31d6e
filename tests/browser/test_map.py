"""The command map (指挥要素图) in a real browser: Leaflet from our own server draws every zone,
shelter and depot that has a location, whether or not a tile server is configured or reachable."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, screenshot
from tests.factories import DangerZoneFactory, DepotFactory, ShelterFactory, township, village

pytestmark = pytest.mark.browser

# Nothing listens on the discard port: a tile server that cannot be reached.
UNREACHABLE_TILES = "http://127.0.0.1:9/tiles/{z}/{x}/{y}.png"


def place(n: int) -> dict:
    return {"lat": Decimal("27.50") + Decimal(n) / 100, "lng": Decimal("120.40") + Decimal(n) / 100}


@pytest.mark.parametrize("tiles", ["", UNREACHABLE_TILES], ids=["no-tiles", "unreachable-tiles"])
def test_the_county_map_draws_every_located_zone_shelter_and_depot(
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
    page.goto(f"{live_server.url}/flood/map/")

    markers = page.locator("#flood-map path.leaflet-interactive")
    expect(markers).to_have_count(len(zones) + len(shelters) + len(depots))
    expect(page.locator('#flood-map [data-marker="zone"]')).to_have_count(len(zones))
    expect(page.locator('#flood-map [data-marker="shelter"]')).to_have_count(len(shelters))
    expect(page.locator('#flood-map [data-marker="depot"]')).to_have_count(len(depots))
    assert page.get_attribute("#flood-map", "data-tiles") == tiles
    if tiles:
        # Leaflet did try the tile server; its failure leaves the markers in place.
        expect(page.locator("#flood-map img.leaflet-tile").first).to_be_attached()
    assert all(url.startswith("http://127.0.0.1:9/") for url in outside), outside
    screenshot(page, f"flood-map-{'unreachable-tiles' if tiles else 'no-tiles'}")
