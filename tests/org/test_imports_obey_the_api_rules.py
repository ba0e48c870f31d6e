"""Issue 11, item 5: imports obey the same rules as the API (one service per rule)."""

import pytest
from django.urls import reverse

from hazards3030.models import Hazard
from org.models import User
from tests.conftest import api_as
from tests.factories import DepartmentFactory, EnterpriseFactory, UserFactory, credit_code, township
from tests.org.sheets import post_sheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def departments():
    return DepartmentFactory(name="住建局"), DepartmentFactory(name="市场监管局")


@pytest.fixture
def building_staff(departments):
    return UserFactory(
        username="t_building", role=User.Role.DEPARTMENT_STAFF, region=township("灵溪镇"), department=departments[0]
    )


def test_department_staff_cannot_update_another_departments_enterprise_by_import(building_staff, departments):
    foreign = EnterpriseFactory(name="外厂", credit_code=credit_code(3), department=departments[1])
    response = post_sheet(building_staff, "enterprise", ["单位名称", "统一社会信用代码"], [["改名", credit_code(3)]])
    assert response.status_code == 400 and "本行业" in response.json()["errors"][0]["message"]
    foreign.refresh_from_db()
    assert foreign.name == "外厂"


def test_department_staff_cannot_post_or_patch_another_department(building_staff, departments):
    client = api_as(building_staff)
    body = {"name": "乙厂", "credit_code": credit_code(4), "township": "灵溪镇", "department": departments[1].pk}
    assert client.post(reverse("enterprise-list"), body, format="json").status_code in (400, 403)
    own = EnterpriseFactory(credit_code=credit_code(5), department=departments[0])
    response = client.patch(
        reverse("enterprise-detail", args=[own.pk]), {"department": departments[1].pk}, format="json"
    )
    assert response.status_code in (400, 403)
    own.refresh_from_db()
    assert own.department == departments[0]


def test_department_staff_cannot_import_hazards_the_api_refuses(building_staff, departments):
    EnterpriseFactory(credit_code=credit_code(6), department=departments[1])
    header = ["统一社会信用代码", "隐患描述", "隐患等级", "发现日期", "整改期限"]
    response = post_sheet(
        building_staff, "hazard", header, [[credit_code(6), "堵塞", "一般", "2024-05-03", "2024-05-18"]]
    )
    assert response.status_code == 400 and not Hazard.objects.exists()


def test_an_imported_major_hazard_without_its_five_implementations_does_not_arrive_submitted(lingxi_staff):
    header = ["隐患描述", "隐患等级", "发现日期", "整改期限", "整改状态", "整改责任人"]
    body = post_sheet(
        lingxi_staff, "hazard", header, [["有限空间", "重大", "2024-05-03", "2024-05-18", "已整改", "张三"]]
    )
    assert body.status_code == 200, body.json()
    assert Hazard.objects.get().status == Hazard.Status.RECTIFYING
    assert "五落实" in body.json()["warnings"][0]["message"]
