"""危险区域 and 避灾安置场所 pages: listed for everyone in the area, registered and corrected by
the township (or the county), read only for village cadres."""

import pytest
from django.urls import reverse

from flood1833.models import DangerZone, Shelter, ZoneKind
from tests.factories import DangerZoneFactory, ShelterFactory, TransferPersonFactory, township, village

pytestmark = pytest.mark.django_db


def page(response) -> str:
    return response.content.decode()


def zone_form(**changes) -> dict:
    data = {"name": "后山地灾点", "kind": ZoneKind.LANDSLIDE, "village": village("测试一村").pk}
    return {**data, "lat": "27.5", "lng": "120.4", "note": "", **changes}


def shelter_form(**changes) -> dict:
    data = {"name": "灵溪一小", "township": township("灵溪镇").pk, "village": "", "capacity": "120"}
    return {**data, "manager_name": "张校长", "manager_phone": "13800000002", "address": "灵溪镇学前路", **changes}


# --- Danger zones ---------------------------------------------------------------------------


def test_the_zone_list_shows_the_areas_zones_with_their_people(client, lingxi_staff):
    zone = DangerZoneFactory(name="后山地灾点")
    TransferPersonFactory(zone=zone)
    DangerZoneFactory(name="矾山塌方点", village=village("矾山测试村", "矾山镇"))
    client.force_login(lingxi_staff)
    html = page(client.get(reverse("flood1833:zones")))
    assert "后山地灾点" in html and "矾山塌方点" not in html
    assert reverse("flood1833:zone-new") in html and reverse("flood1833:zone-edit", args=[zone.pk]) in html


def test_township_staff_register_and_correct_a_zone(client, lingxi_staff):
    client.force_login(lingxi_staff)
    response = client.post(reverse("flood1833:zone-new"), zone_form())
    assert response.status_code == 302 and response.url == reverse("flood1833:zones")
    zone = DangerZone.objects.get(name="后山地灾点")
    assert (zone.kind, zone.village, str(zone.lat)) == (ZoneKind.LANDSLIDE, village("测试一村"), "27.500000")
    client.post(reverse("flood1833:zone-edit", args=[zone.pk]), zone_form(kind=ZoneKind.FLASH_FLOOD, note="雨后巡查"))
    zone.refresh_from_db()
    assert (zone.kind, zone.note) == (ZoneKind.FLASH_FLOOD, "雨后巡查")
    assert [h.history_type for h in zone.history.all()] == ["~", "+"]
    assert {h.history_user for h in zone.history.all()} == {lingxi_staff}


def test_a_zone_without_a_kind_or_with_a_taken_name_is_refused(client, lingxi_staff):
    DangerZoneFactory(name="后山地灾点", village=village("测试一村"))
    client.force_login(lingxi_staff)
    assert "该字段是必填项" in page(client.post(reverse("flood1833:zone-new"), zone_form(name="新点", kind="")))
    assert "危险区域 已经存在" in page(client.post(reverse("flood1833:zone-new"), zone_form()))
    assert DangerZone.objects.count() == 1


def test_township_staff_cannot_place_or_edit_zones_in_another_township(client, lingxi_staff):
    outside = DangerZoneFactory(name="矾山塌方点", village=village("矾山测试村", "矾山镇"))
    client.force_login(lingxi_staff)
    response = client.post(reverse("flood1833:zone-new"), zone_form(village=outside.village_id))
    assert "选择一个有效的选项" in page(response)
    edit = reverse("flood1833:zone-edit", args=[outside.pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit, zone_form(name="改名")).status_code == 404
    assert list(DangerZone.objects.values_list("name", flat=True)) == ["矾山塌方点"]


def test_village_cadres_see_zones_but_cannot_register_them(client, cadre):
    zone = DangerZoneFactory(name="后山地灾点")
    client.force_login(cadre)
    html = page(client.get(reverse("flood1833:zones")))
    assert "后山地灾点" in html and reverse("flood1833:zone-new") not in html
    assert client.post(reverse("flood1833:zone-new"), zone_form(name="新点")).status_code == 403
    assert client.get(reverse("flood1833:zone-edit", args=[zone.pk])).status_code == 403
    assert DangerZone.objects.count() == 1


# --- Shelters -------------------------------------------------------------------------------


def test_township_staff_register_a_shelter_with_capacity_and_manager(client, lingxi_staff):
    client.force_login(lingxi_staff)
    response = client.post(reverse("flood1833:shelter-new"), shelter_form())
    assert response.status_code == 302 and response.url == reverse("flood1833:shelters")
    shelter = Shelter.objects.get(name="灵溪一小")
    assert (shelter.capacity, shelter.manager_name, shelter.manager_phone) == (120, "张校长", "13800000002")
    assert shelter.history.get().history_user == lingxi_staff
    html = page(client.get(reverse("flood1833:shelters")))
    assert reverse("flood1833:shelter-edit", args=[shelter.pk]) in html
    assert reverse("flood1833:shelter-checkin", args=[shelter.pk]) in html


def test_a_shelters_capacity_and_manager_are_corrected(client, lingxi_staff):
    shelter = ShelterFactory(name="灵溪一小", capacity=50)
    client.force_login(lingxi_staff)
    client.post(
        reverse("flood1833:shelter-edit", args=[shelter.pk]), shelter_form(capacity="80", manager_name="李主任")
    )
    shelter.refresh_from_db()
    assert (shelter.capacity, shelter.manager_name) == (80, "李主任")
    assert shelter.history.first().history_type == "~"


def test_an_invalid_capacity_or_a_village_of_another_township_is_refused(client, county_admin):
    client.force_login(county_admin)
    assert "该字段是必填项" in page(client.post(reverse("flood1833:shelter-new"), shelter_form(capacity="")))
    assert "大于或等于0" in page(client.post(reverse("flood1833:shelter-new"), shelter_form(capacity="-5")))
    wrong_village = shelter_form(village=village("矾山测试村", "矾山镇").pk)
    assert "该村不属于所选乡镇" in page(client.post(reverse("flood1833:shelter-new"), wrong_village))
    assert not Shelter.objects.exists()


def test_township_staff_cannot_edit_another_townships_shelter(client, lingxi_staff):
    outside = ShelterFactory(name="矾山中学", township=township("矾山镇"), capacity=30)
    client.force_login(lingxi_staff)
    edit = reverse("flood1833:shelter-edit", args=[outside.pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit, shelter_form(capacity="999")).status_code == 404
    response = client.post(reverse("flood1833:shelter-new"), shelter_form(township=township("矾山镇").pk))
    assert "选择一个有效的选项" in page(response)
    assert list(Shelter.objects.values_list("capacity", flat=True)) == [30]


def test_village_cadres_cannot_edit_shelters(client, cadre):
    shelter = ShelterFactory(name="灵溪一小", capacity=50)
    client.force_login(cadre)
    html = page(client.get(reverse("flood1833:shelters")))
    assert "灵溪一小" in html and reverse("flood1833:shelter-edit", args=[shelter.pk]) not in html
    assert client.post(reverse("flood1833:shelter-edit", args=[shelter.pk]), shelter_form()).status_code == 403
    assert Shelter.objects.get().capacity == 50
