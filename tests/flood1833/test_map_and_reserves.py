"""The command map (Leaflet served locally, no tiles needed) and material reserves."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.conftest import api_as
from tests.factories import DepotFactory, DepotItemFactory, ShelterFactory, township

pytestmark = pytest.mark.django_db


def test_the_map_page_uses_local_leaflet_and_works_without_tiles(client, lingxi_staff, settings):
    settings.MAP_TILE_URL = ""
    client.force_login(lingxi_staff)
    html = client.get(reverse("flood1833:map")).content.decode()
    assert "/static/vendor/leaflet/leaflet.js" in html and "/static/js/flood-map.js" in html
    assert 'data-tiles=""' in html and "<script>" not in html


def test_the_map_data_holds_only_what_the_user_may_see(client, lingxi_staff):
    ShelterFactory(name="灵溪一小", lat=Decimal("27.5"), lng=Decimal("120.4"))
    ShelterFactory(name="矾山中学", township=township("矾山镇"), lat=Decimal("27.4"), lng=Decimal("120.3"))
    DepotFactory(name="灵溪仓库", lat=Decimal("27.51"), lng=Decimal("120.41"))
    client.force_login(lingxi_staff)
    data = client.get(reverse("flood1833:map-data")).json()
    assert [s["name"] for s in data["shelters"]] == ["灵溪一小"]
    assert [d["name"] for d in data["depots"]] == ["灵溪仓库"]


def test_a_township_keeps_its_reserves_and_the_county_reads_them(lingxi_staff, county_admin, fanshan_staff):
    depot = DepotFactory(name="灵溪镇防汛物资仓库")
    api = api_as(lingxi_staff)
    item = api.post(reverse("depot-item-list"), {"depot": depot.pk, "name": "救生衣", "quantity": 200}, format="json")
    assert item.status_code == 201, item.json()
    assert (
        api.patch(reverse("depot-item-detail", args=[item.json()["id"]]), {"quantity": 180}, format="json").json()[
            "quantity"
        ]
        == 180
    )
    rows = api_as(county_admin).get(reverse("depot-list")).json()["results"]
    assert rows[0]["items"][0]["name"] == "救生衣"
    assert api_as(fanshan_staff).get(reverse("depot-detail", args=[depot.pk])).status_code == 404
    DepotItemFactory(depot=depot)


def test_each_map_point_names_its_layer_and_a_zone_keeps_its_own_kind(client, county_admin):
    from tests.factories import DangerZoneFactory

    DangerZoneFactory(name="后山滑坡点", kind="landslide", lat=Decimal("27.5"), lng=Decimal("120.4"))
    client.force_login(county_admin)
    data = client.get(reverse("flood1833:map-data")).json()
    assert data["zones"] == [
        {"name": "后山滑坡点", "lat": 27.5, "lng": 120.4, "zone_kind": "landslide", "kind": "zone"}
    ]
