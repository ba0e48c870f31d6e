"""转移对象 pages: township staff register and correct the people of their township, with the
danger zone and the cadre responsible; the ID number is never shown whole to them, not even in
the edit form, and village cadres only read."""

import pytest
from django.urls import reverse

from flood1833.models import TransferPerson
from org.models import User
from tests.factories import DangerZoneFactory, TransferPersonFactory, UserFactory, id_number, village

pytestmark = pytest.mark.django_db

WHOLE = id_number(31)
NEW = reverse("flood1833:person-new")


def edit_url(person) -> str:
    return reverse("flood1833:person-edit", args=[person.pk])


def form(**changes) -> dict:
    data = {"name": "吴小妹", "id_number": id_number(21), "phone": "13800000001", "village": village("测试一村").pk}
    return {**data, "zone": "", "responsible": "", "child": "on", **changes}


def page(response) -> str:
    return response.content.decode()


@pytest.fixture
def person(db):
    return TransferPersonFactory(name="林阿公", id_number=WHOLE, phone="13700000000")


def test_township_staff_register_a_person_with_zone_and_cadre(client, lingxi_staff, cadre):
    zone = DangerZoneFactory(name="后山地灾点", village=village("测试一村"))
    client.force_login(lingxi_staff)
    response = client.post(NEW, form(zone=zone.pk, responsible=cadre.pk))
    person = TransferPerson.objects.get(name="吴小妹")
    assert response.status_code == 302 and response.url == person.get_absolute_url()
    assert (person.id_number, person.zone, person.responsible, person.child) == (id_number(21), zone, cadre, True)
    created = person.history.get()
    assert created.history_type == "+" and created.history_user == lingxi_staff


def test_the_edit_form_hides_the_whole_id_number_and_blank_keeps_it(client, lingxi_staff, person):
    client.force_login(lingxi_staff)
    html = page(client.get(edit_url(person)))
    assert WHOLE not in html and person.masked_id_number in html and "林阿公" in html
    response = client.post(edit_url(person), form(name="林阿公", id_number="", phone="13900000000"))
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.id_number, person.phone, person.child) == (WHOLE, "13900000000", True)
    changed = person.history.first()
    assert changed.history_type == "~" and changed.history_user == lingxi_staff and changed.phone == "13900000000"


def test_a_new_id_number_replaces_the_old_one(client, lingxi_staff, person):
    client.force_login(lingxi_staff)
    client.post(edit_url(person), form(name="林阿公", id_number=id_number(32).lower()))
    person.refresh_from_db()
    assert person.id_number == id_number(32)


def test_county_admins_see_the_whole_number_on_the_edit_form(client, county_admin, person):
    client.force_login(county_admin)
    assert WHOLE in page(client.get(edit_url(person)))


def test_a_wrong_check_digit_is_shown_in_chinese_and_nothing_is_saved(client, lingxi_staff):
    wrong = id_number(21)[:-1] + ("0" if id_number(21)[-1] != "0" else "1")
    client.force_login(lingxi_staff)
    response = client.post(NEW, form(id_number=wrong))
    assert response.status_code == 200 and "身份证号校验位不正确" in page(response)
    assert not TransferPerson.objects.filter(name="吴小妹").exists()


def test_a_new_person_needs_an_id_number_and_a_known_one_is_refused(client, lingxi_staff, person):
    client.force_login(lingxi_staff)
    assert "该字段是必填项" in page(client.post(NEW, form(id_number="")))
    assert "已存在" in page(client.post(NEW, form(id_number=WHOLE)))
    assert TransferPerson.objects.count() == 1


def test_a_zone_of_another_village_is_refused(client, lingxi_staff):
    zone = DangerZoneFactory(village=village("测试二村"))
    client.force_login(lingxi_staff)
    assert "危险区域不在该村" in page(client.post(NEW, form(zone=zone.pk)))
    assert not TransferPerson.objects.exists()


def test_the_cadre_must_work_in_the_persons_village_or_its_township(client, lingxi_staff, other_cadre):
    client.force_login(lingxi_staff)
    response = client.post(NEW, form(responsible=other_cadre.pk))
    assert "转移责任人须为本村或本乡镇的人员" in page(response)
    assert not TransferPerson.objects.exists()
    client.post(NEW, form(responsible=lingxi_staff.pk))
    assert TransferPerson.objects.get().responsible == lingxi_staff


def test_township_staff_cannot_pick_a_village_or_cadre_of_another_township(client, lingxi_staff):
    village("测试一村")
    outsider = UserFactory(role=User.Role.VILLAGE_CADRE, region=village("矾山测试村", "矾山镇"))
    client.force_login(lingxi_staff)
    html = page(client.get(NEW))
    assert "测试一村" in html and "矾山测试村" not in html and outsider.username not in html
    for changes in ({"village": village("矾山测试村", "矾山镇").pk}, {"responsible": outsider.pk}):
        response = client.post(NEW, form(**changes))
        assert response.status_code == 200 and "选择一个有效的选项" in page(response)
    assert not TransferPerson.objects.exists()


def test_township_staff_cannot_edit_another_townships_people(client, fanshan_staff, person):
    client.force_login(fanshan_staff)
    assert client.get(edit_url(person)).status_code == 404
    assert client.post(edit_url(person), form(name="改名")).status_code == 404
    assert TransferPerson.objects.get(pk=person.pk).name == "林阿公"


def test_village_cadres_read_but_do_not_edit(client, cadre, person):
    client.force_login(cadre)
    assert client.get(NEW).status_code == 403
    assert client.get(edit_url(person)).status_code == 403
    assert client.post(edit_url(person), form(name="改名")).status_code == 403
    assert TransferPerson.objects.get(pk=person.pk).name == "林阿公"
    html = page(client.get(person.get_absolute_url()))
    assert "林阿公" in html and edit_url(person) not in html
    assert NEW not in page(client.get(reverse("flood1833:people")))


def test_the_list_and_the_detail_lead_to_the_forms(client, lingxi_staff, person):
    client.force_login(lingxi_staff)
    assert NEW in page(client.get(reverse("flood1833:people")))
    assert edit_url(person) in page(client.get(person.get_absolute_url()))
