"""Issue 11, item 4: bad cells and out-of-range values are row/column (or field) errors, never 500."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from flood1833.models import DangerZone, Shelter, TransferPerson
from hazards3030.models import Accident, Hazard
from org.models import Enterprise
from tests.conftest import api_as
from tests.factories import credit_code, id_number, township, village
from tests.org.sheets import post_sheet

pytestmark = pytest.mark.django_db

HAZARD = ["乡镇", "企业名称", "统一社会信用代码", "隐患描述", "隐患等级", "发现日期", "整改期限", "整改资金(万元)"]


def hazard_row(**overrides):
    cells = ["灵溪镇", "甲厂", credit_code(1), "消防通道堵塞", "一般", "2024-05-03", "2024-05-18", 1.5]
    values = dict(zip(HAZARD, cells, strict=True))
    values.update(overrides)
    return [values[h] for h in HAZARD]


def errors_of(response) -> set[tuple[int, str]]:
    assert response.status_code == 400, response.content
    return {(e["row"], e["column"]) for e in response.json()["errors"]}


def test_hazard_cells_out_of_range_are_named_by_row_and_column(lingxi_staff):
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    rows = [
        hazard_row(**{"整改资金(万元)": 123456789012}),
        hazard_row(隐患描述="二", 发现日期=10**9),
        hazard_row(隐患描述="三", 发现日期=1e300),
        hazard_row(隐患描述="四", 发现日期="1999-12-31"),
        hazard_row(隐患描述="五", 整改资金="nan"),
        hazard_row(隐患描述="六", 发现日期=future, 整改期限=future),
    ]
    rows[4][HAZARD.index("整改资金(万元)")] = "NaN"
    response = post_sheet(lingxi_staff, "hazard", HAZARD, rows)
    assert errors_of(response) == {(5, "发现日期"), (6, "发现日期"), (7, "发现日期"), (8, "整改资金(万元)")}
    # The model's limits and the rules are checked by the save service once the cells are readable.
    response = post_sheet(lingxi_staff, "hazard", HAZARD, [rows[0], rows[5]])
    assert errors_of(response) == {(4, "整改资金(万元)"), (5, "发现日期")}
    assert not Hazard.objects.exists() and not Enterprise.objects.exists()


def test_text_longer_than_its_column_is_a_cell_error(lingxi_staff):
    response = post_sheet(lingxi_staff, "enterprise", ["单位名称", "统一社会信用代码"], [["厂" * 200, credit_code(2)]])
    assert errors_of(response) == {(4, "单位名称")}
    village("测试一村")
    response = post_sheet(
        lingxi_staff, "person", ["姓名", "身份证号", "村(社区)", "联系电话"],
        [["陈" * 40, id_number(1), "测试一村", ""], ["陈二", id_number(2), "测试一村", "12345"]],
    )  # fmt: skip
    assert errors_of(response) == {(4, "姓名"), (5, "联系电话")}
    assert not TransferPerson.objects.exists()


def test_shelter_capacity_and_coordinates_out_of_range(lingxi_staff):
    header = ["安置场所", "容纳人数", "纬度", "经度"]
    rows = [["一小", 10**12, 27.5, 120.4], ["二小", 100, 12345.678, 120.4], ["三小", 100, 39.9, 116.4]]
    assert errors_of(post_sheet(lingxi_staff, "shelter", header, rows)) == {
        (4, "容纳人数"), (5, "纬度"), (6, "纬度"), (6, "经度"),
    }  # fmt: skip
    assert not Shelter.objects.exists()
    village("测试一村")
    rows = [["后山", "山洪点", "测试一村", 27.5, 1e300]]
    response = post_sheet(lingxi_staff, "zone", ["名称", "类别", "村(社区)", "纬度", "经度"], rows)
    assert errors_of(response) == {(4, "经度")}
    assert not DangerZone.objects.exists()


def test_the_api_refuses_negative_amounts_future_days_and_a_deadline_before_it_was_found(lingxi_staff):
    client = api_as(lingxi_staff)
    body = {"township": "灵溪镇", "description": "堵塞", "found_on": "2024-05-03", "deadline": "2024-05-01"}
    response = client.post(reverse("hazard-list"), body, format="json")
    assert response.status_code == 400 and "deadline" in response.json()
    assert "hazard_deadline_after_found" not in response.content.decode()
    response = client.post(reverse("hazard-list"), {**body, "deadline": "2024-06-01", "funds": "-3"}, format="json")
    assert response.status_code == 400 and "funds" in response.json()
    future = (timezone.localdate() + timedelta(days=1)).isoformat()
    accident = {"township": "灵溪镇", "industry": "other", "occurred_on": future, "direct_loss": "-1"}
    response = client.post(reverse("accident-list"), accident, format="json")
    assert response.status_code == 400 and {"occurred_on", "direct_loss"} <= set(response.json())
    assert not Hazard.objects.exists() and not Accident.objects.exists()


def test_a_shelter_phone_must_be_a_mainland_number(lingxi_staff):
    client = api_as(lingxi_staff)
    body = {"name": "一小", "township": township("灵溪镇").pk, "capacity": 10, "manager_phone": "abc"}
    response = client.post(reverse("shelter-list"), body, format="json")
    assert response.status_code == 400 and "manager_phone" in response.json()
    for phone in ("13800000001", "0577-64712345", "+8613800000001"):
        response = client.post(reverse("shelter-list"), {**body, "name": phone, "manager_phone": phone}, format="json")
        assert response.status_code == 201, response.json()
    assert Shelter.objects.count() == 3
