"""月度工作簿: every registered sheet for a month, written in openpyxl's streaming mode.

Headers in Chinese, the header row frozen, column widths and number formats set; a text cell
that starts with = + - @ is written with a leading apostrophe so no spreadsheet runs it.
"""

import tempfile
from collections.abc import Callable
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from org.models import User
from plan.exports import Sheet, sheets
from plan.models import MonthlyWorkbook
from plan.periods import Month

RISKY_STARTS = ("=", "+", "-", "@")
PROGRESS_EVERY = 2_000
HEADER_FONT = Font(bold=True)


def safe(value):
    """Text that a spreadsheet would read as a formula is kept as text."""
    if isinstance(value, str) and value.startswith(RISKY_STARTS):
        return "'" + value
    return value


def write(period: Month, target, *, progress: Callable[[int], None] | None = None) -> int:
    """Writes the month's workbook to ``target`` (a path or a binary file); returns data rows."""
    book = Workbook(write_only=True)
    written = 0
    for sheet in sheets:
        written += _write_sheet(book, sheet, period, progress, written)
    book.save(target)
    return written


def _write_sheet(book: Workbook, sheet: Sheet, period: Month, progress, offset: int) -> int:
    page = book.create_sheet(sheet.title)
    for index, column in enumerate(sheet.columns, start=1):
        page.column_dimensions[_letter(index)].width = column.width
    page.freeze_panes = "A2"
    header = []
    for column in sheet.columns:
        cell = WriteOnlyCell(page, value=column.header)
        cell.font = HEADER_FONT
        header.append(cell)
    page.append(header)
    formats = [(i, c.number_format) for i, c in enumerate(sheet.columns) if c.number_format]
    count = 0
    for row in sheet.rows(period):
        values = [safe(v) for v in row]
        for index, number_format in formats:
            if values[index] is not None:
                cell = WriteOnlyCell(page, value=values[index])
                cell.number_format = number_format
                values[index] = cell
        page.append(values)
        count += 1
        if progress and count % PROGRESS_EVERY == 0:
            progress(offset + count)
    return count


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


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
