"""转移对象: ID numbers are stored whole and shown masked to everyone but county administrators."""

import pytest
from django.urls import reverse

from flood1833.models import TransferPerson
from tests.conftest import api_as
from tests.factories import TransferPersonFactory, id_number, village

pytestmark = pytest.mark.django_db

WHOLE = id_number(7)


@pytest.fixture
def person(db):
    return TransferPersonFactory(name="林阿公", id_number=WHOLE)


def test_the_api_masks_id_numbers_except_for_county_admins(person, cadre, lingxi_staff, county_admin):
    masked = WHOLE[:6] + "********" + WHOLE[-4:]
    for user in (cadre, lingxi_staff):
        assert api_as(user).get(reverse("person-detail", args=[person.pk])).json()["id_number"] == masked
        listed = api_as(user).get(reverse("person-list")).json()["results"]
        assert [row["id_number"] for row in listed] == [masked]
    assert api_as(county_admin).get(reverse("person-detail", args=[person.pk])).json()["id_number"] == WHOLE


def test_the_pages_mask_id_numbers_except_for_county_admins(client, person, cadre, county_admin):
    client.force_login(cadre)
    for url in (reverse("flood1833:people"), person.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "林阿公" in html and WHOLE not in html and WHOLE[-4:] in html
    client.force_login(county_admin)
    assert WHOLE in client.get(person.get_absolute_url()).content.decode()


def test_a_township_registers_a_person_and_a_wrong_check_digit_is_refused_in_chinese(lingxi_staff):
    api = api_as(lingxi_staff)
    body = {"name": "吴小妹", "id_number": id_number(8), "village": village("测试一村").pk, "child": True}
    created = api.post(reverse("person-list"), body, format="json")
    assert created.status_code == 201, created.json()
    assert TransferPerson.objects.get(name="吴小妹").id_number == id_number(8)
    wrong = {**body, "name": "错号", "id_number": id_number(9)[:-1] + ("0" if id_number(9)[-1] != "0" else "1")}
    refused = api.post(reverse("person-list"), wrong, format="json")
    assert refused.status_code == 400 and "校验位" in str(refused.json())


def test_a_cadre_cannot_register_people_in_another_village(cadre):
    body = {"name": "外村人", "id_number": id_number(10), "village": village("测试二村").pk}
    assert api_as(cadre).post(reverse("person-list"), body, format="json").status_code == 400
    assert not TransferPerson.objects.filter(name="外村人").exists()


def test_the_lists_are_kept_by_the_county_and_townships_cadres_read_them(cadre):
    """Pages, API and import alike: a village cadre confirms transfers but does not edit the list."""
    body = {"name": "本村人", "id_number": id_number(11), "village": cadre.region_id}
    refused = api_as(cadre).post(reverse("person-list"), body, format="json")
    assert refused.status_code == 403 and "转移名单" in refused.json()["detail"]
    assert not TransferPerson.objects.filter(name="本村人").exists()


def test_people_cannot_be_deleted(person, county_admin):
    assert api_as(county_admin).delete(reverse("person-detail", args=[person.pk])).status_code == 405
