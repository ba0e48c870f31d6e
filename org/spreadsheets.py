"""Writing .xlsx for people to read: the monthly workbook's sheets and every list page's export.

Written with xlsxwriter's constant-memory mode (each row goes to disk as soon as it is written,
so memory stays flat at any size). Headers in Chinese and bold, the header row frozen, column
widths, date and number formats set, every header and data cell boxed, printed A4 landscape one
page wide with the header repeated on every page; text is always written as a text cell (never a
formula, whatever it starts with: = + - @), and written as it is, so "+86…" phones stay unaltered.

A sheet of the monthly workbook is a 台账: a title row and a 填报单位 / 日期 line above the header
(``Heading``) and a 合计 row below the data for the columns marked ``total``. Constant-memory mode
writes rows strictly in order, so the totals are added up while the rows stream past.
"""

import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import xlsxwriter
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _

RISKY_STARTS = ("=", "+", "-", "@")
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
A4 = 9  # xlsxwriter's paper code
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    header: str
    width: int = 14
    number_format: str | None = None
    total: bool = False  # the figures add up: the 合计 row sums this column


@dataclass(frozen=True)
class Heading:
    """台账抬头: the title row (merged across the columns) and the 填报单位 / 日期 line."""

    title: str
    line: str


def safe(value):
    """Text as it is: it goes into a text cell (write_string, strings_to_formulas off), which no
    spreadsheet evaluates, so nothing is prepended (an apostrophe would alter "+86…" phones)."""
    return value


def open_workbook(target) -> xlsxwriter.Workbook:
    """A workbook written to ``target`` (a path) row by row."""
    return xlsxwriter.Workbook(str(target), {"constant_memory": True, "strings_to_formulas": False})


class Formats:
    """xlsxwriter wants each cell format made once per workbook."""

    def __init__(self, book) -> None:
        self.book = book
        self.title = book.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"})
        self.line = book.add_format({"align": "left", "valign": "vcenter"})
        self.header = book.add_format({"bold": True, "border": 1, "align": "center", "valign": "vcenter"})
        self.text = book.add_format({"border": 1})
        self.total = book.add_format({"bold": True, "border": 1})
        self.date = book.add_format({"num_format": DATE_FORMAT, "border": 1})
        self.datetime = book.add_format({"num_format": DATETIME_FORMAT, "border": 1})
        self._numbers: dict[tuple[str, bool], object] = {}

    def number(self, pattern: str | None, *, bold: bool = False):
        if (pattern, bold) not in self._numbers:
            spec = {"border": 1, "bold": bold} | ({"num_format": pattern} if pattern else {})
            self._numbers[(pattern, bold)] = self.book.add_format(spec)
        return self._numbers[(pattern, bold)]


def write_table(
    book,
    formats: Formats,
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence],
    *,
    heading: Heading | None = None,
    progress: Callable[[int], None] | None = None,
    progress_every: int = 2_000,
) -> int:
    """One worksheet: the ``heading`` if given (list exports go without), the header row, ``rows``
    as they come and a 合计 row if a column is marked ``total``; returns how many rows were written."""
    page = book.add_worksheet(title[:31])
    top = _write_heading(page, formats, heading, len(columns)) if heading else 0
    for index, column in enumerate(columns):
        page.set_column(index, index, column.width)
        page.write_string(top, index, str(column.header), formats.header)
    page.freeze_panes(top + 1, 0)
    _set_up_printing(page, header_row=top)
    numbers = [formats.number(c.number_format) for c in columns]
    totals = _Totals(columns)
    count = 0
    for count, row in enumerate(rows, start=1):
        for index, value in enumerate(row):
            _write_cell(page, top + count, index, value, numbers[index], formats)
        totals.add(row)
        if progress and count % progress_every == 0:
            progress(count)
    if count and totals:
        totals.write(page, top + count + 1, formats)
    return count


def download(
    title: str, columns: Sequence[Column], rows: Iterable[Sequence], *, heading: Heading | None = None
) -> FileResponse:
    """One table as a workbook to download (every list export, page or API): written row by row
    to a temporary file and streamed from there, so memory stays flat at any size."""
    descriptor, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(descriptor)
    try:
        book = open_workbook(path)
        write_table(book, Formats(book), title, columns, rows, heading=heading)
        book.close()
        handle = open(path, "rb")  # noqa: SIM115 -- FileResponse closes it once sent
    finally:
        os.unlink(path)  # the open handle keeps the file readable until it is closed
    stamp = timezone.localdate().strftime("%Y%m%d")
    return FileResponse(handle, as_attachment=True, filename=f"{title}-{stamp}.xlsx", content_type=XLSX)


def _write_heading(page, formats: Formats, heading: Heading, width: int) -> int:
    """The title row and the 填报单位 line, each across the table; returns the header's row."""
    page.set_row(0, 30)
    for row, (text, style) in enumerate([(heading.title, formats.title), (heading.line, formats.line)]):
        if width > 1:
            page.merge_range(row, 0, row, width - 1, safe(text), style)
        else:
            page.write_string(row, 0, safe(text), style)
    return 2


def _set_up_printing(page, *, header_row: int) -> None:
    page.set_paper(A4)
    page.set_landscape()
    page.fit_to_pages(1, 0)  # one page wide, as many tall as it takes
    page.repeat_rows(0, header_row)


class _Totals:
    """The 合计 row, summed as the rows stream past (written as values, which every reader shows)."""

    def __init__(self, columns: Sequence[Column]) -> None:
        self.columns = columns
        self.sums = {index: Decimal(0) for index, column in enumerate(columns) if column.total}

    def __bool__(self) -> bool:
        return bool(self.sums)

    def add(self, row: Sequence) -> None:
        for index in self.sums:
            value = row[index]
            if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                self.sums[index] += value if isinstance(value, int | Decimal) else Decimal(str(value))

    def write(self, page, row: int, formats: Formats) -> None:
        for index, column in enumerate(self.columns):
            if index in self.sums:
                page.write_number(row, index, float(self.sums[index]), formats.number(column.number_format, bold=True))
            elif index == 0:
                page.write_string(row, index, _("合计"), formats.total)
            else:
                page.write_blank(row, index, None, formats.total)


def _write_cell(page, row: int, column: int, value, number_format, formats: Formats) -> None:
    if value is None or value == "":
        page.write_blank(row, column, None, formats.text)
    elif isinstance(value, str):
        page.write_string(row, column, safe(value), formats.text)
    elif isinstance(value, bool):
        page.write_boolean(row, column, value, formats.text)
    elif isinstance(value, int | float | Decimal):
        page.write_number(row, column, float(value), number_format)
    elif isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        page.write_datetime(row, column, local.replace(tzinfo=None), formats.datetime)
    elif isinstance(value, date):
        page.write_datetime(row, column, value, formats.date)
    else:
        page.write_string(row, column, safe(str(value)), formats.text)
