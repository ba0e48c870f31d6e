from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from forestfire.models import Hotspot
from forestfire.places import distance_km, nearest
from tests.conftest import api_as
from tests.factories import VillageFactory, township
from tests.forestfire.factories import HotspotFactory

pytestmark = pytest.mark.django_db


def push(**fields) -> dict:
    received = timezone.now() - timedelta(minutes=5)
    return {"code": "2024-33-0999", "satellite": "NPP", "received_at": received.isoformat(), "lng": "120.400000",
            "lat": "27.500000", "pixels": 2, "land_type": "林地", "township": township("灵溪镇").pk, **fields}  # fmt: skip


def test_pushing_the_same_hotspot_twice_creates_one(feed):
    first = api_as(feed).post(reverse("hotspot-list"), push(), format="json")
    assert first.status_code == 201, first.content
    again = api_as(feed).post(reverse("hotspot-list"), push(pixels=4), format="json")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert Hotspot.objects.get().pixels == 4


def test_a_read_only_api_client_cannot_push(reader_feed):
    response = api_as(reader_feed).post(reverse("hotspot-list"), push(), format="json")
    assert response.status_code == 403 and Hotspot.objects.count() == 0


def test_township_staff_cannot_register_hotspots(lingxi_staff):
    response = api_as(lingxi_staff).post(reverse("hotspot-list"), push(), format="json")
    assert response.status_code == 403
    assert "热点" in response.json()["detail"]


def test_an_unknown_result_is_refused_in_chinese(feed):
    response = api_as(feed).post(reverse("hotspot-list"), push(result="烧荒"), format="json")
    assert response.status_code == 400 and "result" in response.json()


def test_a_verification_before_the_hotspot_was_received_is_refused(feed):
    early = (timezone.now() - timedelta(hours=1)).isoformat()
    response = api_as(feed).post(reverse("hotspot-list"), push(verified_at=early, result="false_alarm"), format="json")
    assert response.status_code == 400
    assert response.json()["verified_at"] == ["核查时间不能早于接收时间。"]


def test_a_hotspot_without_township_goes_to_the_nearest_seat_or_village(feed):
    lingxi, fanshan = township("灵溪镇"), township("矾山镇")
    lingxi.lat, lingxi.lng = Decimal("27.5078"), Decimal("120.4067")
    lingxi.save(update_fields=["lat", "lng"])
    fanshan.lat, fanshan.lng = Decimal("27.3125"), Decimal("120.4296")
    fanshan.save(update_fields=["lat", "lng"])
    village = VillageFactory(parent=fanshan, name="矾山坐标村", lat=Decimal("27.2900"), lng=Decimal("120.3900"))
    body = push(township=None, lat="27.290500", lng="120.390500")
    body.pop("township")
    response = api_as(feed).post(reverse("hotspot-list"), body, format="json")
    assert response.status_code == 201, response.content
    hotspot = Hotspot.objects.get()
    assert hotspot.township == fanshan and hotspot.village == village
    body = {**body, "code": "2024-33-1000", "lat": "27.500000", "lng": "120.410000"}
    api_as(feed).post(reverse("hotspot-list"), body, format="json")
    assert Hotspot.objects.get(code="2024-33-1000").township == lingxi


def test_without_any_located_place_the_township_must_be_given(feed):
    body = push()
    body.pop("township")
    response = api_as(feed).post(reverse("hotspot-list"), body, format="json")
    assert response.status_code == 400 and "township" in response.json()


def test_nearest_picks_the_closest_located_place():
    class Place:
        def __init__(self, name, lat, lng):
            self.name, self.lat, self.lng = name, lat, lng

    places = [Place("灵溪", 27.5078, 120.4067), Place("矾山", 27.3125, 120.4296), Place("无坐标", None, None)]
    assert nearest(places, 27.33, 120.42).name == "矾山"
    assert nearest(places, 27.49, 120.40).name == "灵溪"
    assert nearest([Place("无坐标", None, None)], 27.3, 120.4) is None
    assert 21 < distance_km(27.5078, 120.4067, 27.3125, 120.4296) < 23


def test_township_staff_verify_their_hotspot_and_the_result_is_stored(lingxi_staff):
    hotspot = HotspotFactory()
    url = reverse("hotspot-verify", args=[hotspot.pk])
    body = {"result": "farm_burning", "feedback": "村民烧田埂,已劝离", "lat": "27.500100", "lng": "120.400200"}
    response = api_as(lingxi_staff).post(url, body, format="json")
    assert response.status_code == 200, response.content
    hotspot.refresh_from_db()
    assert hotspot.result == "farm_burning" and hotspot.verified_by == lingxi_staff
    assert hotspot.breached_at is None and hotspot.arrived_at is not None
    assert hotspot.verified_lat == Decimal("27.500100")


def test_a_late_verification_stores_the_missed_deadline(lingxi_staff):
    hotspot = HotspotFactory(received_at=timezone.now() - timedelta(minutes=90))
    api_as(lingxi_staff).post(reverse("hotspot-verify", args=[hotspot.pk]), {"result": "false_alarm"}, format="json")
    hotspot.refresh_from_db()
    assert hotspot.breached_at == hotspot.received_at + timedelta(minutes=60)


def test_another_township_cannot_verify(fanshan_staff):
    hotspot = HotspotFactory()
    response = api_as(fanshan_staff).post(reverse("hotspot-verify", args=[hotspot.pk]), {"result": "other"})
    assert response.status_code == 404


def test_a_photo_that_is_not_an_image_is_refused(lingxi_staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    hotspot = HotspotFactory()
    fake = SimpleUploadedFile("现场.jpg", b"MZ\x90\x00 not an image")
    response = api_as(lingxi_staff).post(
        reverse("hotspot-verify", args=[hotspot.pk]), {"result": "other", "photos": [fake]}, format="multipart"
    )
    assert response.status_code == 400
    hotspot.refresh_from_db()
    assert hotspot.verified_at is None


def test_arrival_is_recorded_once(lingxi_staff):
    hotspot = HotspotFactory()
    url = reverse("hotspot-arrive", args=[hotspot.pk])
    first = api_as(lingxi_staff).post(url, {}, format="json").json()["arrived_at"]
    assert first is not None
    assert api_as(lingxi_staff).post(url, {}, format="json").json()["arrived_at"] == first
