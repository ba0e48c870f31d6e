from decimal import Decimal
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from governance.models import Agency, AgencyAssessment, AgencyGrade
from tests.conftest import api_as

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).resolve().parents[2] / ".." / ".." / "shared" / "data" / "agency-assessment-sample.xlsx"
SAMPLE = SAMPLE if SAMPLE.exists() else Path("/work/shared/data/agency-assessment-sample.xlsx")


def upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("agencies.xlsx", data)


def post(user, data: bytes):
    return api_as(user).post("/api/v1/agencies/import/", {"file": upload(data)}, format="multipart")


def test_the_sample_sheet_imports_as_it_is(county_admin):
    response = post(county_admin, SAMPLE.read_bytes())
    assert response.status_code == 200, response.json()
    assert response.json()["created"] == 12
    assert Agency.objects.count() == 12
    first = Agency.objects.get(credit_code="91330300MA2001AB1H")
    assert first.category == Agency.Category.CONSULTING and first.engineers == 3 and first.enterprises_served == 40
    assert first.status == Agency.Status.BLACKLISTED
    # 填报日期 2024.6.28: the scores are 2024's, assessed that day.
    scores = dict(AgencyAssessment.objects.filter(agency=first).values_list("half", "score"))
    assert scores == {1: Decimal(66), 2: Decimal(71)}
    assert AgencyGrade.objects.get(agency=first).grade == "A" and AgencyGrade.objects.get(agency=first).year == 2024
    assert Agency.objects.filter(status="blacklisted").count() == 7


def test_importing_again_updates_by_credit_code_and_keeps_what_a_blank_cell_leaves(county_admin):
    post(county_admin, SAMPLE.read_bytes())
    book = openpyxl.load_workbook(SAMPLE)
    sheet = book.active
    sheet["E4"] = None  # 注册安全工程师人数 left blank
    sheet["G4"] = 90
    buffer = BytesIO()
    book.save(buffer)
    assert post(county_admin, buffer.getvalue()).status_code == 200
    assert Agency.objects.count() == 12
    first = Agency.objects.get(credit_code="91330300MA2001AB1H")
    assert first.engineers == 3
    assert AgencyAssessment.objects.get(agency=first, half=1).score == Decimal(90)


def _broken_sample() -> bytes:
    book = openpyxl.load_workbook(SAMPLE)
    sheet = book.active
    sheet["C5"] = "91330300MA2002AB2X"  # wrong check digit
    sheet["I6"] = "E"  # unknown grade
    sheet["G7"] = "优秀"  # not a number
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_each_bad_cell_is_reported_by_row_and_column_and_nothing_is_saved(county_admin):
    response = post(county_admin, _broken_sample())
    assert response.status_code == 400
    errors = {(e["row"], e["column"]): e["message"] for e in response.json()["errors"]}
    assert set(errors) == {(5, "统一社会信用代码"), (6, "年度等级"), (7, "上半年考核得分")}
    assert "校验位" in errors[(5, "统一社会信用代码")]
    assert "E" in errors[(6, "年度等级")] and "数字" in errors[(7, "上半年考核得分")]
    assert not Agency.objects.exists() and not AgencyAssessment.objects.exists()


def test_township_staff_cannot_import(lingxi_staff):
    response = post(lingxi_staff, SAMPLE.read_bytes())
    assert response.status_code == 400 and not Agency.objects.exists()
