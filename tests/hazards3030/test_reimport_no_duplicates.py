"""Issue 11, item 3: the same ledger uploaded twice updates what is there, never duplicates it."""

import pytest

from flood1833.models import DangerZone, Shelter, TransferPerson
from hazards3030.models import Hazard
from org.models import Enterprise
from tests.factories import credit_code, id_number, village
from tests.org.sheets import post_sheet

pytestmark = pytest.mark.django_db

HAZARD = ["乡镇", "企业名称", "统一社会信用代码", "隐患描述", "隐患等级", "发现日期", "整改期限", "整改措施"]


def test_a_hazard_ledger_uploaded_twice_files_each_hazard_once(lingxi_staff):
    rows = [
        ["灵溪镇", f"示例{n}厂", credit_code(n), f"隐患{n}", "一般", "2024-05-03", "2024-05-18", ""] for n in range(40)
    ]
    assert post_sheet(lingxi_staff, "hazard", HAZARD, rows).json()["created"] == 40
    rows[0][-1] = "立即清理"
    body = post_sheet(lingxi_staff, "hazard", HAZARD, rows).json()
    assert (body["created"], body["updated"], body["unchanged"]) == (0, 1, 39)
    assert Hazard.objects.count() == 40 and Enterprise.objects.count() == 40
    assert Hazard.objects.get(description="隐患0").measures == "立即清理"


def test_the_same_row_twice_in_one_sheet_is_an_error(lingxi_staff):
    row = ["灵溪镇", "甲厂", credit_code(1), "隐患", "一般", "2024-05-03", "2024-05-18", ""]
    response = post_sheet(lingxi_staff, "hazard", HAZARD, [row, list(row)])
    assert response.status_code == 400 and response.json()["errors"][0]["row"] == 5
    assert not Hazard.objects.exists()


def test_zones_shelters_and_people_are_matched_by_their_natural_keys(lingxi_staff):
    village("测试一村")
    zones = [["后山滑坡点", "地灾点", "测试一村", 27.5]]
    shelters = [["灵溪一小", 200]]
    people = [["陈一", id_number(1), "测试一村"]]
    for _ in range(2):
        post_sheet(lingxi_staff, "zone", ["名称", "类别", "村(社区)", "纬度"], zones)
        post_sheet(lingxi_staff, "shelter", ["安置场所", "容纳人数"], shelters)
        post_sheet(lingxi_staff, "person", ["姓名", "身份证号", "村(社区)"], people)
    shelters[0][1] = 300
    body = post_sheet(lingxi_staff, "shelter", ["安置场所", "容纳人数"], shelters).json()
    assert body["rows"][0]["changes"] == [{"column": "容纳人数", "old": "200", "new": "300"}]
    assert (DangerZone.objects.count(), Shelter.objects.count(), TransferPerson.objects.count()) == (1, 1, 1)
    assert Shelter.objects.get().capacity == 300
