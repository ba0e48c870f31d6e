"""The enterprise register (生产经营单位) at its home in org: the API list, the register import and
the save service."""

import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from org.models import Enterprise
from org.services import save_enterprise
from tests.conftest import api_as
from tests.factories import DepartmentFactory, EnterpriseFactory, credit_code, township

pytestmark = pytest.mark.django_db

REGISTER_HEADER = ["单位名称", "统一社会信用代码", "行业", "风险等级", "是否纳管", "使用危险化学品"]


def register(rows) -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    workbook.active.append(["灵溪镇检查对象名录"])
    workbook.active.append(REGISTER_HEADER)
    for values in rows:
        workbook.active.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("register.xlsx", buffer.getvalue())


def post_register(user, rows):
    return api_as(user).post(reverse("enterprise-import-ledger"), {"file": register(rows)}, format="multipart")


def test_the_api_list_shows_only_the_callers_area(lingxi_staff, county_admin, django_assert_num_queries):
    own = [EnterpriseFactory(name=f"灵溪{n}厂") for n in range(3)]
    other = EnterpriseFactory(name="矾山厂", township=township("矾山镇"))
    with django_assert_num_queries(2):  # the count and the page, however many rows
        body = api_as(lingxi_staff).get(reverse("enterprise-list")).json()
    assert {row["id"] for row in body["results"]} == {e.pk for e in own}
    assert body["results"][0]["township_name"] == "灵溪镇"
    assert other.pk in {row["id"] for row in api_as(county_admin).get(reverse("enterprise-list")).json()["results"]}


def test_a_register_with_a_bad_row_saves_nothing_and_names_every_problem(lingxi_staff):
    assert reverse("enterprise-import-ledger") == "/api/v1/enterprises/import/"
    rows = [["甲厂", credit_code(1), "工贸", "红", "是", "否"], ["乙厂", "bad", "火星", "紫", "也许", "否"]]
    response = post_register(lingxi_staff, rows)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {e["column"] for e in errors} == {"统一社会信用代码", "行业", "风险等级", "是否纳管"}
    assert {e["row"] for e in errors} == {4}
    assert not Enterprise.objects.exists()


def test_a_register_adds_new_units_and_updates_known_ones(lingxi_staff):
    known = EnterpriseFactory(credit_code=credit_code(2), name="旧名称", risk_level="blue", supervised=False)
    rows = [["甲厂", credit_code(1), "危化品", "红", "是", "是"], ["乙厂", credit_code(2), "", "橙", "是", "否"]]
    response = post_register(lingxi_staff, rows)
    assert response.status_code == 200 and response.json()["created"] == 1
    new = Enterprise.objects.get(credit_code=credit_code(1))
    assert (new.township, new.industry, new.risk_level, new.uses_hazardous_chemicals) == (
        township("灵溪镇"),
        "chemicals",
        "red",
        True,
    )
    known.refresh_from_db()
    assert (known.name, known.industry, known.risk_level, known.supervised) == ("乙厂", "trade", "orange", True)
    assert new.history.get().history_change_reason == "台账导入"
    assert known.history.first().history_type == "~"


def test_a_register_naming_a_unit_of_another_township_is_refused(lingxi_staff):
    EnterpriseFactory(credit_code=credit_code(3), township=township("矾山镇"), name="矾山厂")
    response = post_register(lingxi_staff, [["矾山厂", credit_code(3), "工贸", "红", "是", "否"]])
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "该单位登记在其他乡镇。"
    assert Enterprise.objects.get().name == "矾山厂"


def test_the_service_refuses_a_township_outside_the_actors_area(lingxi_staff):
    with pytest.raises(PermissionDenied):
        save_enterprise(actor=lingxi_staff, name="越界厂", credit_code=credit_code(4), township=township("矾山镇"))
    assert not Enterprise.objects.exists()


def test_the_service_refuses_to_take_over_a_unit_of_another_area(lingxi_staff):
    other = EnterpriseFactory(township=township("矾山镇"), name="矾山厂")
    with pytest.raises(PermissionDenied):
        save_enterprise(
            actor=lingxi_staff,
            enterprise=other,
            name="改名",
            credit_code=other.credit_code,
            township=township("灵溪镇"),
        )
    other.refresh_from_db()
    assert (other.name, other.township) == ("矾山厂", township("矾山镇"))


def test_a_patch_changes_only_what_it_sends(county_admin):
    department = DepartmentFactory()
    enterprise = EnterpriseFactory(risk_level="red", department=department, uses_hazardous_chemicals=True)
    response = api_as(county_admin).patch(
        reverse("enterprise-detail", args=[enterprise.pk]), {"supervised": True}, format="json"
    )
    assert response.status_code == 200, response.json()
    enterprise.refresh_from_db()
    assert enterprise.supervised and enterprise.risk_level == "red" and enterprise.uses_hazardous_chemicals
    assert enterprise.department == department
