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
