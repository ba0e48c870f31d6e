from io import BytesIO

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from forestfire.importers import import_hotspots, parse_datetime
from forestfire.models import Hotspot
from org.ledgers import ImportFailed
from tests.conftest import api_as
from tests.factories import township

pytestmark = pytest.mark.django_db
SAMPLE = "/work/shared/data/hotspots-sample.xlsx"
HEADER = [
    "热点编号",
    "卫星",
    "接收时间",
    "经度",
    "纬度",
    "像元数",
    "地类",
    "所属乡镇",
    "核查时间",
    "核查结果",
    "反馈人",
]


def sample() -> SimpleUploadedFile:
    with open(SAMPLE, "rb") as handle:
        return SimpleUploadedFile("hotspots-sample.xlsx", handle.read())


def sheet(*rows, header=HEADER) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    book.active.append(["卫星监测热点核查反馈登记表"])
    book.active.append(["填报单位:苍南县森林防灭火指挥部办公室"])
    book.active.append(header)
    for row in rows:
        book.active.append(list(row))
    buffer = BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("hotspots.xlsx", buffer.getvalue())


def test_the_sample_sheet_imports_as_it_is(county_admin):
    result = import_hotspots(upload=sample(), actor=county_admin)
    assert result.created == 24 == Hotspot.objects.count()
    first = Hotspot.objects.get(code="2024-33-0001")
    assert first.township == township("霞关镇") and first.result == Hotspot.Result.FARM_BURNING
    assert first.breached_at is None  # verified after 16 minutes
    late = Hotspot.objects.get(code="2024-33-0003")  # 06:36 → 07:50
    assert late.breached_at == late.received_at + (late.breached_at - late.received_at)
    assert (late.breached_at - late.received_at).total_seconds() == 3600
    assert Hotspot.objects.filter(breached_at__isnull=False).count() == 5


def test_importing_the_same_sheet_twice_keeps_one_row_per_code(county_admin):
    import_hotspots(upload=sample(), actor=county_admin)
    again = import_hotspots(upload=sample(), actor=county_admin)
    assert again.created == 0 and Hotspot.objects.count() == 24


def test_a_bad_file_saves_nothing_and_names_each_row_and_column(county_admin):
    upload = sheet(
        ["2024-33-9001", "NPP", "2024-05-01 10:00", 120.4, 27.5, 2, "林地", "灵溪镇", "2024-05-01 09:00", "林火", "甲"],
        ["2024-33-9002", "NPP", "2024-05-01 10:00", 120.4, 27.5, 2, "林地", "灵溪镇", "2024-05-01 10:30", "烧荒", "乙"],
        ["2024-33-9003", "NPP", "2024年5月1日 11:00", 120.4, 27.5, 2, "林地", "灵溪镇", "", "", ""],
        ["2024-33-9003", "NPP", "2024.5.1 11:00", 120.4, 27.5, 2, "林地", "灵溪镇", "", "", ""],
    )
    with pytest.raises(ImportFailed) as failure:
        import_hotspots(upload=upload, actor=county_admin)
    found = {(e.row, e.column) for e in failure.value.errors}
    assert found == {(4, "核查时间"), (5, "核查结果"), (7, "热点编号")}
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in e.message) for e in failure.value.errors)
    assert Hotspot.objects.count() == 0


def test_a_row_the_service_refuses_rolls_back_the_rows_before_it(county_admin):
    upload = sheet(
        ["2024-33-9101", "NPP", "2024-05-01 10:00", 120.4, 27.5, 2, "林地", "灵溪镇", "", "", ""],
        ["2024-33-9102", "NPP", "2024-05-01 10:00", 120.4, 27.5, 2, "林地", "灵溪镇", "2024-05-01 10:20", "", ""],
    )
    with pytest.raises(ImportFailed) as failure:
        import_hotspots(upload=upload, actor=county_admin)
    assert [(e.row, e.column) for e in failure.value.errors] == [(5, "核查结果")]
    assert Hotspot.objects.count() == 0


def test_a_blank_cell_keeps_what_is_stored(county_admin):
    import_hotspots(upload=sample(), actor=county_admin)
    upload = sheet(["2024-33-0001", "", "2024-04-04 22:40", "", "", "", "", "", "", "", "新反馈人"])
    import_hotspots(upload=upload, actor=county_admin)
    hotspot = Hotspot.objects.get(code="2024-33-0001")
    assert hotspot.verifier == "新反馈人" and hotspot.satellite == "FY-3D" and hotspot.pixels == 5


def test_township_staff_cannot_import_the_feed(lingxi_staff):
    with pytest.raises(ImportFailed) as failure:
        import_hotspots(upload=sample(), actor=lingxi_staff)
    assert "不能导入" in failure.value.errors[0].message


def test_the_api_import_answers_errors_by_row(feed):
    upload = sheet(["2024-33-9201", "NPP", "2024-05-01 10:00", 120.4, 27.5, 2, "林地", "灵溪镇", "", "误判", ""])
    response = api_as(feed).post(reverse("hotspot-import-ledger"), {"file": upload}, format="multipart")
    assert response.status_code == 400
    assert response.json()["errors"][0]["column"] == "核查结果"
    ok = api_as(feed).post(reverse("hotspot-import-ledger"), {"file": sample()}, format="multipart")
    assert ok.status_code == 200 and ok.json()["created"] == 24


@pytest.mark.parametrize(
    "text, expected",
    [("2024-04-04 22:40", (2024, 4, 4, 22, 40)), ("2024.4.4 22:40", (2024, 4, 4, 22, 40)),
     ("2024年4月4日 8:05", (2024, 4, 4, 8, 5)), ("2024-04-04", (2024, 4, 4, 0, 0))],
)  # fmt: skip
def test_times_are_read_in_the_ways_sheets_write_them(text, expected):
    moment = parse_datetime(text)
    assert (moment.year, moment.month, moment.day, moment.hour, moment.minute) == expected


def test_an_unreadable_time_is_refused():
    with pytest.raises(ValueError):
        parse_datetime("昨天晚上")
