"""The map layer registry: one key per layer, and a layer only ever sees the user's own rows."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from flood1833.models import DangerZone
from plan.layers import Layer, get_layer, layers, point, register_layer, unregister_layer
from tests.factories import DangerZoneFactory, ResponseEventFactory, village


def names(zones) -> list[dict]:
    return [point(pk=zone.pk, lat=0, lng=0, name=zone.name) for zone in zones]


@pytest.fixture
def test_layer():
    layer = register_layer(Layer(key="test-zones", label="测试", colour="#000", model=DangerZone, features=names))
    yield layer
    unregister_layer(layer.key)


def test_a_duplicate_key_fails_loudly(test_layer):
    with pytest.raises(ImproperlyConfigured, match="test-zones"):
        register_layer(Layer(key="test-zones", label="再一次", colour="#fff", model=DangerZone, features=names))
    assert get_layer("test-zones") is test_layer


def test_the_apps_register_their_layers_at_start_up():
    assert {"zones", "shelters", "depots"} <= {layer.key for layer in layers()}


@pytest.mark.django_db
def test_a_layer_is_handed_only_the_rows_the_user_may_see(test_layer, lingxi_staff, fanshan_staff, county_admin):
    DangerZoneFactory(name="灵溪山塘")
    DangerZoneFactory(name="矾山矿区", village=village("矾山一村", "矾山镇"))

    def drawn(user):
        return [feature["properties"]["name"] for feature in test_layer.collection(user)["features"]]

    assert drawn(lingxi_staff) == ["灵溪山塘"]
    assert drawn(fanshan_staff) == ["矾山矿区"]
    assert sorted(drawn(county_admin)) == sorted(["灵溪山塘", "矾山矿区"])


def test_a_point_puts_the_longitude_first():
    assert point(pk=7, lat=27.5, lng=120.4, name="某点") == {
        "type": "Feature",
        "id": 7,
        "geometry": {"type": "Point", "coordinates": [120.4, 27.5]},
        "properties": {"name": "某点"},
    }


@pytest.mark.django_db
def test_the_page_lists_every_layer_with_its_data_url(client, lingxi_staff):
    client.force_login(lingxi_staff)
    response = client.get(reverse("plan:map"))
    config = {layer["key"]: layer for layer in response.context["layers"]}
    assert {"zones", "shelters", "depots"} <= set(config)
    assert config["zones"]["url"] == "/map/layers/zones.geojson"
    assert 'id="county-map-layers" type="application/json"' in response.content.decode()


@pytest.mark.django_db
def test_an_unknown_layer_is_404(client, lingxi_staff):
    client.force_login(lingxi_staff)
    assert client.get(reverse("plan:map-layer", kwargs={"key": "nothing"})).status_code == 404


@pytest.mark.django_db
def test_the_page_polls_only_while_a_typhoon_is_open_for_the_user(client, lingxi_staff, settings):
    settings.FLOOD_LIVE_POLL_SECONDS = 7
    client.force_login(lingxi_staff)

    def page():
        response = client.get(reverse("plan:map"))
        return response.context["poll_seconds"], {layer["key"] for layer in response.context["layers"] if layer["live"]}

    assert page() == (0, set())
    ResponseEventFactory(name="已结束的台风", ended_at=timezone.now())
    assert page() == (0, set())
    ResponseEventFactory(name="正在影响的台风")
    poll, live = page()
    assert poll == 7 and {"zones", "shelters", "depots"} <= live
    assert 'data-poll="7"' in client.get(reverse("plan:map")).content.decode()
