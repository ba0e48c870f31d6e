"""Issue 11, item 1: a re-upload never erases what it does not say, and says what it changed."""

import pytest

from flood1833.models import TransferPerson
from org.models import Enterprise
from tests.factories import DangerZoneFactory, EnterpriseFactory, TransferPersonFactory, credit_code, id_number
from tests.org.sheets import post_sheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def known_person(lingxi_staff):
    zone = DangerZoneFactory(name="后山滑坡点")
    return TransferPersonFactory(
        name="陈一", id_number=id_number(1), phone="13800000001", village=zone.village, zone=zone,
        elderly=True, child=False, disabled=True, sick_or_pregnant=True,
    )  # fmt: skip


def test_a_sheet_without_the_columns_keeps_phone_zone_and_flags(lingxi_staff, known_person):
    response = post_sheet(
        lingxi_staff, "person", ["姓名", "身份证号", "村(社区)"], [["陈一", id_number(1), "测试一村"]]
    )
    assert response.status_code == 200, response.json()
    person = TransferPerson.objects.get(pk=known_person.pk)
    assert (person.phone, person.zone.name) == ("13800000001", "后山滑坡点")
    assert (person.elderly, person.disabled, person.sick_or_pregnant) == (True, True, True)
    assert response.json()["rows"] == [{"row": 4, "outcome": "unchanged", "record": "陈一", "changes": []}]


def test_blank_cells_keep_what_is_on_record_and_a_said_cell_changes_it(lingxi_staff, known_person):
    header = ["姓名", "身份证号", "联系电话", "村(社区)", "危险区域", "老年人", "儿童", "残疾人", "病患或孕妇"]
    response = post_sheet(
        lingxi_staff, "person", header, [["陈一", id_number(1), "", "测试一村", "", "", "是", "", "否"]]
    )
    assert response.status_code == 200, response.json()
    person = TransferPerson.objects.get(pk=known_person.pk)
    assert (person.phone, person.zone.name, person.elderly, person.disabled) == (
        "13800000001",
        "后山滑坡点",
        True,
        True,
    )
    assert (person.child, person.sick_or_pregnant) == (True, False)
    body = response.json()
    assert (body["created"], body["updated"], body["unchanged"]) == (0, 1, 0)
    assert body["rows"][0]["outcome"] == "updated"
    assert body["rows"][0]["changes"] == [
        {"column": "儿童", "old": "否", "new": "是"},
        {"column": "病患或孕妇", "old": "是", "new": "否"},
    ]


def test_a_new_person_is_listed_as_created(lingxi_staff, known_person):
    rows = [["陈一", id_number(1), "测试一村"], ["陈二", id_number(2), "测试一村"]]
    body = post_sheet(lingxi_staff, "person", ["姓名", "身份证号", "村(社区)"], rows).json()
    assert [r["outcome"] for r in body["rows"]] == ["unchanged", "created"]
    assert (body["created"], body["unchanged"]) == (1, 1)


def test_the_enterprise_register_keeps_its_flags_when_the_sheet_is_silent(lingxi_staff):
    known = EnterpriseFactory(
        name="甲厂", credit_code=credit_code(7), supervised=True, uses_hazardous_chemicals=True,
        old_equipment_evaluated=True,
    )  # fmt: skip
    header = ["单位名称", "统一社会信用代码", "是否纳管", "使用危险化学品"]
    response = post_sheet(lingxi_staff, "enterprise", header, [["甲厂", credit_code(7), "", ""]])
    assert response.status_code == 200, response.json()
    known.refresh_from_db()
    assert (known.supervised, known.uses_hazardous_chemicals, known.old_equipment_evaluated) == (True, True, True)
    response = post_sheet(lingxi_staff, "enterprise", header, [["甲厂", credit_code(7), "否", ""]])
    known.refresh_from_db()
    assert (known.supervised, known.uses_hazardous_chemicals) == (False, True)
    assert response.json()["rows"][0]["changes"] == [{"column": "是否纳管", "old": "是", "new": "否"}]
    assert Enterprise.objects.count() == 1
