"""Writing .xlsx for people to read: the monthly workbook's sheets and every list page's export.

Written with xlsxwriter's constant-memory mode (each row goes to disk as soon as it is written,
so memory stays flat at any size). Headers in Chinese and bold, the header row frozen, column
widths, date and number formats set; text is always written as text, and text that starts with
= + - @ gets a leading apostrophe so no spreadsheet runs it.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import xlsxwriter
from django.utils import timezone

RISKY_STARTS = ("=", "+", "-", "@")
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


@dataclass(frozen=True)
class Column:
    header: str
    width: int = 14
    number_format: str | None = None


def safe(value):
    """Text that a spreadsheet would read as a formula is kept as text."""
    if isinstance(value, str) and value.startswith(RISKY_STARTS):
        return "'" + value
    return value


def open_workbook(target) -> xlsxwriter.Workbook:
    """A workbook written to ``target`` (a path) row by row."""
    return xlsxwriter.Workbook(str(target), {"constant_memory": True, "strings_to_formulas": False})


class Formats:
    """xlsxwriter wants each cell format made once per workbook."""

    def __init__(self, book) -> None:
        self.book = book
        self.header = book.add_format({"bold": True})
        self.date = book.add_format({"num_format": DATE_FORMAT})
        self.datetime = book.add_format({"num_format": DATETIME_FORMAT})
        self._numbers: dict[str, object] = {}

    def number(self, pattern: str):
        if pattern not in self._numbers:
            self._numbers[pattern] = self.book.add_format({"num_format": pattern})
        return self._numbers[pattern]


def write_table(
    book,
    formats: Formats,
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence],
    *,
    progress: Callable[[int], None] | None = None,
    progress_every: int = 2_000,
) -> int:
    """One worksheet: the header row, then ``rows`` as they come; returns how many were written."""
    page = book.add_worksheet(title[:31])
    for index, column in enumerate(columns):
        page.set_column(index, index, column.width)
        page.write_string(0, index, str(column.header), formats.header)
    page.freeze_panes(1, 0)
    numbers = [formats.number(c.number_format) if c.number_format else None for c in columns]
    count = 0
    for count, row in enumerate(rows, start=1):
        for index, value in enumerate(row):
            _write_cell(page, count, index, value, numbers[index], formats)
        if progress and count % progress_every == 0:
            progress(count)
    return count


def _write_cell(page, row: int, column: int, value, number_format, formats: Formats) -> None:
    if value is None or value == "":
        return
    if isinstance(value, str):
        page.write_string(row, column, safe(value))
    elif isinstance(value, bool):
        page.write_boolean(row, column, value)
    elif isinstance(value, int | float | Decimal):
        page.write_number(row, column, float(value), number_format)
    elif isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        page.write_datetime(row, column, local.replace(tzinfo=None), formats.datetime)
    elif isinstance(value, date):
        page.write_datetime(row, column, value, formats.date)
    else:
        page.write_string(row, column, safe(str(value)))
