"""月度工作簿: every registered sheet for a month, streamed to disk row by row.

Written with xlsxwriter's constant-memory mode (each row goes to disk as soon as it is written,
so memory stays flat at any size); the files are read back — and the townships' ledgers read —
with openpyxl. Headers in Chinese and bold, the header row frozen, column widths, date and number
formats set; text is always written as text, and text that starts with = + - @ gets a leading
apostrophe so no spreadsheet runs it.
"""

import tempfile
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from org.models import User
from plan.exports import Sheet, sheets
from plan.models import MonthlyWorkbook
from plan.periods import Month

RISKY_STARTS = ("=", "+", "-", "@")
PROGRESS_EVERY = 2_000
DATE_FORMAT = "yyyy-mm-dd"


def safe(value):
    """Text that a spreadsheet would read as a formula is kept as text."""
    if isinstance(value, str) and value.startswith(RISKY_STARTS):
        return "'" + value
    return value


def write(period: Month, target, *, progress: Callable[[int], None] | None = None) -> int:
    """Writes the month's workbook to ``target`` (a path); returns the number of data rows."""
    book = xlsxwriter.Workbook(str(target), {"constant_memory": True, "strings_to_formulas": False})
    formats = _Formats(book)
    written = 0
    for sheet in sheets:
        written += _write_sheet(book, formats, sheet, period, progress, written)
    book.close()
    return written


class _Formats:
    """xlsxwriter wants each cell format made once per workbook."""

    def __init__(self, book) -> None:
        self.book = book
        self.header = book.add_format({"bold": True})
        self.date = book.add_format({"num_format": DATE_FORMAT})
        self._numbers: dict[str, object] = {}

    def number(self, pattern: str):
        if pattern not in self._numbers:
            self._numbers[pattern] = self.book.add_format({"num_format": pattern})
        return self._numbers[pattern]


def _write_sheet(book, formats: _Formats, sheet: Sheet, period: Month, progress, offset: int) -> int:
    page = book.add_worksheet(sheet.title)
    for index, column in enumerate(sheet.columns):
        page.set_column(index, index, column.width)
    page.freeze_panes(1, 0)
    for index, column in enumerate(sheet.columns):
        page.write_string(0, index, column.header, formats.header)
    numbers = [formats.number(c.number_format) if c.number_format else None for c in sheet.columns]
    count = 0
    for count, row in enumerate(sheet.rows(period), start=1):
        for index, value in enumerate(row):
            _write_cell(page, count, index, value, numbers[index], formats)
        if progress and count % PROGRESS_EVERY == 0:
            progress(offset + count)
    return count


def _write_cell(page, row: int, column: int, value, number_format, formats: _Formats) -> None:
    if value is None or value == "":
        return
    if isinstance(value, str):
        page.write_string(row, column, safe(value))
    elif isinstance(value, bool):
        page.write_boolean(row, column, value)
    elif isinstance(value, int | float | Decimal):
        page.write_number(row, column, float(value), number_format)
    elif isinstance(value, datetime | date):
        page.write_datetime(row, column, value, formats.date)
    else:
        page.write_string(row, column, safe(str(value)))


def start(*, period: Month, requested_by: User | None = None) -> MonthlyWorkbook:
    """Queues the month's workbook; the page and the API poll its progress."""
    workbook = MonthlyWorkbook.objects.create(
        period=period.first_day, requested_by=requested_by, rows_total=sum(s.count(period) for s in sheets)
    )
    from plan.tasks import build_workbook

    transaction.on_commit(lambda: build_workbook.delay(workbook.pk))
    return workbook


def build(*, workbook_id: int) -> None:
    """Writes and stores one workbook. Running it again rewrites the same file."""
    workbook = MonthlyWorkbook.objects.get(pk=workbook_id)
    if workbook.status == MonthlyWorkbook.Status.COMPLETE:
        return
    period = Month.of(workbook.period)

    def progress(rows: int) -> None:
        MonthlyWorkbook.objects.filter(pk=workbook_id).update(rows_written=rows)

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{period}.xlsx"
        rows = write(period, path, progress=progress)
        with path.open("rb") as handle:
            workbook.file.save(f"苍南应急月报-{period}.xlsx", File(handle), save=False)
    workbook.status, workbook.rows_written, workbook.finished_at = MonthlyWorkbook.Status.COMPLETE, rows, timezone.now()
    workbook.rows_total = max(workbook.rows_total, rows)
    workbook.save(update_fields=["file", "status", "rows_written", "rows_total", "finished_at"])


def latest(period: Month) -> MonthlyWorkbook | None:
    return MonthlyWorkbook.objects.filter(period=period.first_day, status=MonthlyWorkbook.Status.COMPLETE).first()
