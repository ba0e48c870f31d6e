"""The monthly workbook carries the month's transfer ledger and 633 completion, read back from the file."""

import uuid
from datetime import datetime

import openpyxl
import pytest
from django.utils import timezone

from flood1833 import services
from flood1833.models import MatrixTask, Transfer
from plan import workbooks
from plan.periods import Month
from tests.factories import TransferPersonFactory

pytestmark = pytest.mark.django_db
HEADER_ROW = 3  # below the title row and the 填报单位 line


def book_of(period: Month, tmp_path):
    path = tmp_path / f"{period}.xlsx"
    workbooks.write(period, path)
    return openpyxl.load_workbook(path)


@pytest.fixture
def september_typhoon(typhoon, county_admin):
    TransferPersonFactory(name="陈阿婆")
    TransferPersonFactory(name="林阿公")
    event = typhoon(stage=3, started_at=timezone.make_aware(datetime(2026, 9, 12, 8)))
    moved = Transfer.objects.get(person__name="陈阿婆")
    services.confirm_transfer(transfer=moved, actor=county_admin, status="moved", request_id=str(uuid.uuid4()))
    task = MatrixTask.objects.filter(event=event).first()
    services.complete_task(task=task, actor=county_admin)
    return event


def test_the_transfer_ledger_lists_every_transfer_of_the_month_s_events(september_typhoon, tmp_path):
    sheet = book_of(Month(2026, 9), tmp_path)["人员转移台账"]
    rows = list(sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    header = [cell.value for cell in sheet[HEADER_ROW]]
    by_name = {row[header.index("姓名")]: row for row in rows}
    assert len(rows) == Transfer.objects.filter(event=september_typhoon).count() == 2
    assert by_name["陈阿婆"][header.index("转移状态")] == "已转移"
    assert by_name["林阿公"][header.index("转移状态")] == "待转移"
    assert by_name["陈阿婆"][header.index("确认人")] == "t_county_admin"


def test_the_633_sheet_counts_measures_done_by_stage_and_township(september_typhoon, tmp_path):
    sheet = book_of(Month(2026, 9), tmp_path)["“633”措施落实"]
    assert [cell.value for cell in sheet[HEADER_ROW]][3:5] == ["措施数", "已落实"]
    *rows, total = sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)
    tasks = MatrixTask.objects.filter(event=september_typhoon)
    assert sum(row[3] for row in rows) == total[3] == tasks.count()
    assert sum(row[4] for row in rows) == total[4] == tasks.filter(done_at__isnull=False).count() == 1
    assert total[0] == "合计" and total[5] is None  # rates do not add up


def test_a_month_without_events_has_empty_flood_sheets(september_typhoon, tmp_path):
    september_typhoon.ended_at = timezone.make_aware(datetime(2026, 9, 20))
    september_typhoon.save(update_fields=["ended_at"])
    book = book_of(Month(2026, 10), tmp_path)
    assert book["人员转移台账"].max_row == HEADER_ROW and book["“633”措施落实"].max_row == HEADER_ROW
