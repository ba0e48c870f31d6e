"""Importing a township's transfer list from Excel: all rows or none, errors by row and column."""

from io import BytesIO

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from flood1833.models import Shelter, TransferPerson
from tests.conftest import api_as
from tests.factories import DangerZoneFactory, id_number, village

pytestmark = pytest.mark.django_db

HEADER = ["序号", "姓名", "身份证号", "联系电话", "村(社区)", "危险区域", "老年人", "备注"]


def workbook(rows, header=HEADER) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["灵溪镇危险区域人员转移名单"])
    sheet.append(["填报单位:灵溪镇应急消防管理站"])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    sheet.append([])
    sheet.append(["合计", 3])
    buffer = BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("名单.xlsx", buffer.getvalue())


def upload(user, file, kind="person"):
    return api_as(user).post(reverse(f"{kind}-import-ledger"), {"file": file}, format="multipart")


def test_a_clean_sheet_is_imported_whole(lingxi_staff):
    village("测试一村")
    DangerZoneFactory(name="后山滑坡点")
    rows = [
        [1, "陈一", id_number(1), "13800000001", "测试一村", "后山滑坡点", "是", "独居"],
        [2, "陈二", id_number(2), "", "测试一村", "", "否", ""],
    ]
    response = upload(lingxi_staff, workbook(rows))
    assert response.status_code == 200, response.json()
    assert response.json()["created"] == 2
    first = TransferPerson.objects.get(name="陈一")
    assert first.zone.name == "后山滑坡点" and first.elderly
    assert first.history.count() == 1


def test_one_bad_row_saves_nothing_and_every_problem_is_named_by_row_and_column(lingxi_staff):
    village("测试一村")
    bad_check = id_number(4)[:-1] + ("0" if id_number(4)[-1] != "0" else "1")
    rows = [
        [1, "陈一", id_number(3), "", "测试一村", "", "", ""],
        [2, "陈二", bad_check, "", "测试一村", "", "", ""],
        [3, "陈三", id_number(5), "", "矾山某村", "", "", ""],
        [4, "陈四", id_number(3), "", "测试一村", "不存在的点", "也许", ""],
    ]
    response = upload(lingxi_staff, workbook(rows))
    assert response.status_code == 400
    errors = {(e["row"], e["column"]) for e in response.json()["errors"]}
    assert {(5, "身份证号"), (6, "村(社区)"), (7, "身份证号"), (7, "危险区域"), (7, "老年人")} <= errors
    assert all(e["message"] for e in response.json()["errors"])
    assert not TransferPerson.objects.exists()


def test_shelters_are_imported_for_the_township(lingxi_staff):
    file = workbook(
        [["灵溪一小", 200, "王老师"], ["灵溪二小", "很多", ""]], header=["安置场所", "容纳人数", "管理人员"]
    )
    response = upload(lingxi_staff, file, kind="shelter")
    assert response.status_code == 400
    assert [(e["row"], e["column"]) for e in response.json()["errors"]] == [(5, "容纳人数")]
    assert not Shelter.objects.exists()
    good = workbook([["灵溪一小", 200, "王老师"]], header=["安置场所", "容纳人数", "管理人员"])
    assert upload(lingxi_staff, good, kind="shelter").json()["created"] == 1
    assert Shelter.objects.get().township.name == "灵溪镇"


def test_the_import_page_lists_errors_in_chinese(client, lingxi_staff):
    client.force_login(lingxi_staff)
    rows = [[1, "陈一", "123", "", "测试一村", "", "", ""]]
    html = client.post(reverse("flood1833:import-people"), {"file": workbook(rows)}).content.decode()
    assert "导入失败" in html and "身份证号应为18位" in html


RESPONSIBLE_HEADER = ["姓名", "身份证号", "村(社区)", "责任人", "责任人手机"]


@pytest.fixture
def cadres(cadre, lingxi_staff):
    """Two cadres of 测试一村 named 陈伟 (told apart by phone), 灵溪镇's staff, and a 矾山镇 user."""
    from org.models import User
    from tests.factories import UserFactory

    home = village("测试一村")
    twins = [
        UserFactory(username=f"chenwei{n}", role=User.Role.VILLAGE_CADRE, region=home, last_name="陈伟", phone=phone)
        for n, phone in ((1, "13900000001"), (2, "13900000002"))
    ]
    lingxi_staff.last_name, lingxi_staff.phone = "林镇长", "13700000000"
    lingxi_staff.save(update_fields=["last_name", "phone"])
    UserFactory(username="outsider", role=User.Role.VILLAGE_CADRE, region=village("矾山一村", "矾山镇"))
    return twins


def test_the_responsible_cadre_is_found_by_username_or_by_name_and_phone(lingxi_staff, cadre, cadres):
    rows = [
        ["陈一", id_number(21), "测试一村", "t_cadre", ""],
        ["陈二", id_number(22), "测试一村", "陈伟", "139-0000-0002"],
        ["陈三", id_number(23), "测试一村", "林镇长", ""],  # the township's staff may be responsible too
        ["陈四", id_number(24), "测试一村", "", ""],
    ]
    response = upload(lingxi_staff, workbook(rows, header=RESPONSIBLE_HEADER))
    assert response.status_code == 200, response.json()
    responsible = dict(TransferPerson.objects.values_list("name", "responsible__username"))
    assert responsible == {"陈一": "t_cadre", "陈二": "chenwei2", "陈三": "t_lingxi", "陈四": None}


def test_an_unknown_or_ambiguous_responsible_is_an_error_of_its_row_and_column_and_nothing_is_saved(
    lingxi_staff, cadres
):
    rows = [
        ["陈一", id_number(31), "测试一村", "chenwei1", ""],  # fine on its own
        ["陈二", id_number(32), "测试一村", "陈伟", ""],  # two cadres of that name
        ["陈三", id_number(33), "测试一村", "outsider", ""],  # bound to another township's village
        ["陈四", id_number(34), "测试一村", "陈伟", "13900000009"],  # neither 陈伟 has that phone
        ["陈五", id_number(35), "测试一村", "王五", ""],  # nobody
    ]
    response = upload(lingxi_staff, workbook(rows, header=RESPONSIBLE_HEADER))
    assert response.status_code == 400
    errors = {(e["row"], e["column"]): e["message"] for e in response.json()["errors"]}
    assert set(errors) == {(5, "责任人"), (6, "责任人"), (7, "责任人手机"), (8, "责任人")}
    assert "2名用户" in errors[(5, "责任人")]
    assert "outsider" in errors[(6, "责任人")] and "王五" in errors[(8, "责任人")]
    assert "手机号不符" in errors[(7, "责任人手机")]
    assert not TransferPerson.objects.exists()


def test_a_re_import_without_a_responsible_keeps_the_one_on_record(lingxi_staff, cadre):
    village("测试一村")
    first = upload(lingxi_staff, workbook([["陈一", id_number(41), "测试一村", "t_cadre", ""]], RESPONSIBLE_HEADER))
    assert first.status_code == 200, first.json()
    again = upload(lingxi_staff, workbook([["陈一", id_number(41), "测试一村", "", ""]], RESPONSIBLE_HEADER))
    assert again.status_code == 200
    assert TransferPerson.objects.get(name="陈一").responsible == cadre


def test_the_blank_template_has_the_responsible_columns_with_a_note(client, lingxi_staff):
    client.force_login(lingxi_staff)
    response = client.get(reverse("flood1833:import-people-template"))
    sheet = openpyxl.load_workbook(BytesIO(response.content)).active
    header = [cell.value for cell in sheet[3]]
    assert header[:2] == ["姓名", "身份证号"] and {"责任人", "责任人手机"} <= set(header)
    note = sheet.cell(row=3, column=header.index("责任人") + 1).comment
    assert note is not None and "用户名" in note.text
    page = client.get(reverse("flood1833:import-people")).content.decode()
    assert "责任人手机" in page and "重名" in page


def test_village_cadres_cannot_import_people_or_zones(cadre, client):
    """The lists are kept by the county and the townships, whether typed in or imported."""
    rows = [[1, "陈一", id_number(51), "", "测试一村", "", "否", ""]]
    refused = upload(cadre, workbook(rows))
    assert refused.status_code == 400 and "不能导入转移名单" in str(refused.json())
    assert not TransferPerson.objects.filter(name="陈一").exists()
    client.force_login(cadre)
    listing = client.get(reverse("flood1833:people")).content.decode()
    assert reverse("flood1833:import-people") not in listing
