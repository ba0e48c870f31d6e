"""The flood layers of the county map (Leaflet served locally, no tiles needed) and material reserves."""

from decimal import Decimal

import pytest
from django.urls import reverse

from flood1833.models import Transfer
from tests.conftest import api_as
from tests.factories import (
    DangerZoneFactory,
    DepotFactory,
    DepotItemFactory,
    ResponseEventFactory,
    ShelterFactory,
    TransferFactory,
    township,
    village,
)

pytestmark = pytest.mark.django_db


def layer(client, key: str) -> list[dict]:
    response = client.get(reverse("plan:map-layer", kwargs={"key": key}))
    assert response["Content-Type"] == "application/geo+json"
    assert response.json()["type"] == "FeatureCollection"
    return response.json()["features"]


def test_the_map_page_uses_local_leaflet_and_works_without_tiles(client, lingxi_staff, settings):
    settings.MAP_TILE_URL = ""
    client.force_login(lingxi_staff)
    html = client.get(reverse("plan:map")).content.decode()
    assert "/static/vendor/leaflet/leaflet.js" in html and "/static/js/county-map.js" in html
    assert 'data-tiles=""' in html and "<script>" not in html


def test_the_old_flood_map_address_moved_to_the_county_map_for_good(client, lingxi_staff):
    client.force_login(lingxi_staff)
    response = client.get("/flood/map/")
    assert response.status_code == 301 and response["Location"] == reverse("plan:map") == "/map/"


def test_the_layers_hold_only_what_the_user_may_see(client, lingxi_staff):
    ShelterFactory(name="灵溪一小", lat=Decimal("27.5"), lng=Decimal("120.4"))
    ShelterFactory(name="矾山中学", township=township("矾山镇"), lat=Decimal("27.4"), lng=Decimal("120.3"))
    DepotFactory(name="灵溪仓库", lat=Decimal("27.51"), lng=Decimal("120.41"))
    DepotFactory(name="矾山仓库", region=township("矾山镇"), lat=Decimal("27.41"), lng=Decimal("120.31"))
    DangerZoneFactory(name="灵溪山塘", lat=Decimal("27.52"), lng=Decimal("120.42"))
    DangerZoneFactory(name="矾山矿区", village=village("矾山一村", "矾山镇"), lat=Decimal("27.4"), lng=Decimal("120.3"))
    client.force_login(lingxi_staff)
    assert [f["properties"]["name"] for f in layer(client, "shelters")] == ["灵溪一小"]
    assert [f["properties"]["name"] for f in layer(client, "depots")] == ["灵溪仓库"]
    assert [f["properties"]["name"] for f in layer(client, "zones")] == ["灵溪山塘"]


def test_a_zone_is_a_point_with_its_own_kind_and_unlocated_rows_are_not_drawn(client, county_admin):
    zone = DangerZoneFactory(name="后山滑坡点", kind="landslide", lat=Decimal("27.5"), lng=Decimal("120.4"))
    DangerZoneFactory(name="未标注位置的危房", kind="unsafe_house")
    client.force_login(county_admin)
    assert layer(client, "zones") == [
        {
            "type": "Feature",
            "id": zone.pk,
            "geometry": {"type": "Point", "coordinates": [120.4, 27.5]},
            "properties": {
                "name": "后山滑坡点",
                "kind": "landslide",
                "kind_label": "地灾点",
                "village_name": "测试一村",
            },
        }
    ]


def test_a_shelter_shows_its_capacity_and_the_people_sheltered_there_now(client, county_admin):
    shelter = ShelterFactory(name="灵溪一小", capacity=80, lat=Decimal("27.5"), lng=Decimal("120.4"))
    ShelterFactory(name="灵溪二小", capacity=60, lat=Decimal("27.6"), lng=Decimal("120.5"))
    event = ResponseEventFactory()
    TransferFactory.create_batch(2, event=event, shelter=shelter, status=Transfer.Status.SHELTERED)
    TransferFactory(event=event, shelter=shelter, status=Transfer.Status.RETURNED)
    client.force_login(county_admin)
    shelters = {f["properties"]["name"]: f["properties"] for f in layer(client, "shelters")}
    assert shelters["灵溪一小"] == {"name": "灵溪一小", "capacity": 80, "occupancy": 2, "township_name": "灵溪镇"}
    assert shelters["灵溪二小"]["occupancy"] == 0


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
