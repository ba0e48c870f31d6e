"""Townships' ledgers (台账) in Excel, read as they are kept.

A sheet may have a title row and a 填报单位 line above its header; columns are found by their
header text in any order; dates may be Excel dates or text (2024.5.3, 2024-05-03, 2024年5月3日);
blank lines and a 合计 row are skipped; unknown columns (备注 …) are ignored. Every row is checked
and, if any row fails, nothing is saved and every problem is reported by row and column. The
file's size and its unpacked size are checked before anything is unpacked, and openpyxl reads
the XML through defusedxml, which refuses entity bombs (checked when the app starts). Each app describes its columns and saves rows.
"""

import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from io import BytesIO

import openpyxl
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils.translation import gettext as _
from openpyxl.comments import Comment
from openpyxl.utils.datetime import from_excel

from org.history import changes_because

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 150 * 1024 * 1024
MAX_COMPRESSION_RATIO = 150
MAX_ROWS = 50_000
HEADER_SEARCH_ROWS = 10
TOTAL_MARKERS = ("合计", "总计", "小计")
YES_WORDS = {"是", "已", "有", "√", "Y", "YES", "TRUE", "1"}
NO_WORDS = {"否", "未", "无", "×", "N", "NO", "FALSE", "0", ""}
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100  # a ledger's dates lie within these years
IMPORT_REASON = "台账导入"  # the history entries an import writes say so
MAX_NUMBER_DIGITS = 15  # more digits than any ledger's amount or count: a typo, refused


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


class ImportFailed(Exception):
    """Nothing was saved; ``errors`` says why, row by row."""

    def __init__(self, errors: list[RowError]):
        super().__init__(_("导入失败,共 %(n)s 处错误,未保存任何数据。") % {"n": len(errors)})
        self.errors = errors


def stop_unless_clean(rows: list, errors: list[RowError]) -> None:
    """Stops the import with every error found, or because the sheet has no data rows."""
    if errors or not rows:
        raise ImportFailed(errors or [RowError(0, "", _("表中没有数据行。"))])


def townships_by_name(actor) -> dict:
    """The townships an import by ``actor`` may name."""
    from org.models import Region

    return {t.name: t for t in Region.objects.visible_to(actor).townships()}


def own_township(actor):
    """A township clerk's rows that name no township are their own township's."""
    from org.models import Region

    return actor.region if actor.region and actor.region.level == Region.Level.TOWNSHIP else None


@dataclass(frozen=True)
class Change:
    """One field a row changed: its column, the value on record and the sheet's value."""

    column: str
    old: str
    new: str

    def as_dict(self) -> dict:
        return {"column": self.column, "old": self.old, "new": self.new}


@dataclass
class RowOutcome:
    """What saving one row did: ``created``, ``updated`` (with its changes) or ``unchanged``."""

    CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"

    row: int
    outcome: str
    record: str = ""
    changes: list[Change] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "row": self.row,
            "outcome": self.outcome,
            "record": self.record,
            "changes": [c.as_dict() for c in self.changes],
        }


@dataclass
class ImportResult:
    created: int
    enterprises_created: int = 0
    warnings: list[RowError] = field(default_factory=list)
    updated: int = 0
    unchanged: int = 0
    rows: list[RowOutcome] = field(default_factory=list)
    dry_run: bool = False

    def add(self, outcome: RowOutcome) -> None:
        self.rows.append(outcome)
        if outcome.outcome == RowOutcome.CREATED:
            self.created += 1
        elif outcome.outcome == RowOutcome.UPDATED:
            self.updated += 1
        else:
            self.unchanged += 1


# --- Reading the file safely ----------------------------------------------------------------


def open_workbook(upload: UploadedFile):
    """Checks size and unpacked size before openpyxl unpacks anything (defusedxml guards the XML)."""
    if upload.size > MAX_FILE_BYTES:
        raise ImportFailed([RowError(0, "", _("文件超过%(mb)sMB上限。") % {"mb": MAX_FILE_BYTES // 1024 // 1024})])
    data = upload.read()
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = archive.infolist()
            unpacked = sum(member.file_size for member in members)
            packed = max(1, sum(member.compress_size for member in members))
    except zipfile.BadZipFile as error:
        raise ImportFailed([RowError(0, "", _("不是有效的 .xlsx 文件。"))]) from error
    if unpacked > MAX_UNCOMPRESSED_BYTES or unpacked / packed > MAX_COMPRESSION_RATIO:
        raise ImportFailed([RowError(0, "", _("文件解压后过大,疑似压缩炸弹,已拒收。"))])
    try:
        return openpyxl.load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl and defusedxml raise many kinds for a hostile file
        raise ImportFailed([RowError(0, "", _("文件无法读取(格式错误或含有不安全的内容)。"))]) from error


# --- Columns and cells ----------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    headers: tuple[str, ...]
    parse: Callable[[object], object]
    required: bool = False
    hint: str = ""  # how to fill it in: on the import page and as a note on the template's header


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


_DATE_TEXT = re.compile(r"^(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*[.\-/月]\s*(\d{1,2})\s*日?$")


def parse_date(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return _within_years(value.date())
    if isinstance(value, date):
        return _within_years(value)
    if isinstance(value, int | float):
        try:
            return _within_years(from_excel(value).date())
        except (ValueError, OverflowError, ArithmeticError) as error:  # 1e300, 10⁹, nan: no such day
            raise ValueError(_out_of_years()) from error
    match = _DATE_TEXT.match(text(value))
    if not match:
        raise ValueError(_("无法识别的日期“%(v)s”,请写作 2024-05-03、2024.5.3 或 2024年5月3日。") % {"v": text(value)})
    try:
        return _within_years(date(int(match[1]), int(match[2]), int(match[3])))
    except ValueError as error:
        if str(error) == _out_of_years():
            raise
        raise ValueError(_("日期“%(v)s”不存在。") % {"v": text(value)}) from error


def _out_of_years() -> str:
    return _("日期须在%(first)s年至%(last)s年之间。") % {"first": EARLIEST_YEAR, "last": LATEST_YEAR}


def _within_years(day: date) -> date:
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise ValueError(_out_of_years())
    return day


def parse_decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(text(value))
    except InvalidOperation as error:
        raise ValueError(_("“%(v)s”不是数字。") % {"v": text(value)}) from error
    if not number.is_finite():
        raise ValueError(_("“%(v)s”不是数字。") % {"v": text(value)})
    if number.adjusted() >= MAX_NUMBER_DIGITS:
        raise ValueError(_("数值过大。"))
    if number < 0:
        raise ValueError(_("不能为负数。"))
    return number


def parse_bool(value) -> bool:
    """是/否 and √/×. A blank cell never reaches it: the sheet said nothing, so nothing changes."""
    word = text(value).upper()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise ValueError(_("请填写“是”或“否”。"))


def choice(choices) -> Callable[[object], str]:
    by_label = {str(label): value for value, label in choices}
    allowed = "、".join(by_label)

    def parse(value) -> str:
        word = text(value)
        if not word:
            return ""
        if word in by_label:
            return by_label[word]
        if word in by_label.values():
            return word
        raise ValueError(_("“%(v)s”不在可选范围内(%(allowed)s)。") % {"v": word, "allowed": allowed})

    return parse


# --- The sheet ------------------------------------------------------------------------------


def read_rows(workbook, columns: list[Column]) -> tuple[list[tuple[int, dict]], list[RowError]]:
    """Finds the header, then parses every data row. Returns (row number, values) and errors."""
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header_row, positions = _find_header(rows, columns)
    if positions is None:
        names = "、".join(c.headers[0] for c in columns if c.required)
        return [], [RowError(0, "", _("没有找到表头,表头须包含:%(names)s。") % {"names": names})]
    errors = [
        RowError(header_row, column.headers[0], _("缺少必填列。"))
        for column in columns
        if column.required and column.key not in positions
    ]
    if errors:
        return [], errors
    parsed = []
    for number, cells in enumerate(rows, start=header_row + 1):
        if number - header_row > MAX_ROWS:
            errors.append(RowError(number, "", _("数据超过%(n)s行上限。") % {"n": MAX_ROWS}))
            break
        if _is_blank_or_total(cells):
            continue
        values, row_errors = _parse_row(number, cells, positions, columns)
        errors += row_errors
        parsed.append((number, values))
    return parsed, errors


def _find_header(rows: Iterator, columns: list[Column]) -> tuple[int, dict | None]:
    for number, cells in enumerate(rows, start=1):
        labels = [text(cell) for cell in cells]
        positions = {}
        for column in columns:
            for index, label in enumerate(labels):
                if label in column.headers:
                    positions[column.key] = index
                    break
        if sum(1 for c in columns if c.required and c.key in positions) >= 2:
            return number, positions
        if number >= HEADER_SEARCH_ROWS:
            break
    return 0, None


def _is_blank_or_total(cells) -> bool:
    values = [text(cell) for cell in cells if text(cell)]
    return not values or values[0].replace(" ", "").startswith(TOTAL_MARKERS)


def _parse_row(number: int, cells, positions: dict, columns: list[Column]) -> tuple[dict, list[RowError]]:
    """The row's values as the sheet says them: a column the sheet lacks, or a blank cell, is not
    among them, so a save keeps what is on record (a re-upload never erases)."""
    values, errors = {}, []
    for column in columns:
        index = positions.get(column.key)
        raw = cells[index] if index is not None and index < len(cells) else None
        if text(raw) == "":
            if column.required:
                errors.append(RowError(number, column.headers[0], _("必填。")))
            continue
        if isinstance(raw, str) and "\x00" in raw:
            errors.append(RowError(number, column.headers[0], _("含有不允许的控制字符。")))
            continue
        try:
            values[column.key] = column.parse(raw)
        except ValueError as error:
            errors.append(RowError(number, column.headers[0], str(error)))
    return values, errors


def template_workbook(columns: list[Column], title: str) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([title])
    sheet.append([_("填报单位:")])
    sheet.append([column.headers[0] for column in columns])
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = max(12, len(column.headers[0]) * 2 + 4)
        if column.hint:
            sheet.cell(row=3, column=index).comment = Comment(str(column.hint), _("填表说明"), width=240, height=90)
    sheet.freeze_panes = "A4"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- Saving the rows through the app's own save service ---------------------------------------


def shown(value) -> str:
    """A value as a row's change lists it (old → new)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


class Watch:
    """Remembers a record's fields before a row is saved, so the row's outcome can say which
    fields it changed (``fields``: field name → the column header it is shown under). The history
    entries the save writes already say why (``save_rows``)."""

    def __init__(self, instance: models.Model | None, fields: dict[str, str]):
        self.fields = fields
        self.before = None if instance is None or instance.pk is None else self._values(instance)

    def _values(self, instance) -> dict[str, str]:
        return {name: shown(getattr(instance, name)) for name in self.fields}

    def outcome(self, number: int, instance: models.Model, record: str = "") -> RowOutcome:
        record = record or str(instance)
        if self.before is None:
            return RowOutcome(number, RowOutcome.CREATED, record)
        after = self._values(instance)
        changes = [
            Change(header, self.before[name], after[name])
            for name, header in self.fields.items()
            if after[name] != self.before[name]
        ]
        return RowOutcome(number, RowOutcome.UPDATED if changes else RowOutcome.UNCHANGED, record, changes)


def headers_of(columns: list[Column]) -> dict[str, str]:
    """Each column's key → the header its errors and changes are shown under."""
    return {column.key: column.headers[0] for column in columns}


def row_errors(number: int, error: Exception, headers: dict[str, str]) -> list[RowError]:
    """A save service's refusal as the row's errors, a field's under its column's header."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return [
            RowError(number, "" if name == NON_FIELD_ERRORS else headers.get(name, ""), message)
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    if isinstance(error, ValidationError):
        return [RowError(number, "", message) for message in error.messages]
    return [RowError(number, "", str(error))]


@transaction.atomic
def save_rows(
    rows: list[tuple[int, dict]],
    save_row: Callable[[int, dict], RowOutcome],
    *,
    actor,
    headers: dict[str, str],
    result: ImportResult | None = None,
) -> ImportResult:
    """Saves every row through ``save_row`` (which calls the app's save service, the one the page
    and the API use) inside one transaction: a refusal of any row is that row's error by column,
    and if any row is refused nothing is saved. Every history entry the saves write says 台账导入,
    by ``actor``."""
    from org.errors import PortalError

    result = result or ImportResult(created=0)
    errors: list[RowError] = []
    with changes_because(IMPORT_REASON, user=actor):
        for number, values in rows:
            try:
                with transaction.atomic():  # a refused row leaves the transaction usable for the next
                    result.add(save_row(number, values))
            except (ValidationError, PermissionDenied, PortalError) as error:
                errors += row_errors(number, error, headers)
    if errors:
        raise ImportFailed(errors)  # leaves the atomic block: the rows saved so far are undone
    return result


class _RollBack(Exception):
    def __init__(self, result: ImportResult):
        super().__init__()
        self.result = result


def dry_run(importer: Callable[..., ImportResult], **arguments) -> ImportResult:
    """预览: the same import, every check and save included, in a transaction that is then rolled
    back; the result says what a real import would do, and nothing is kept."""
    try:
        with transaction.atomic():
            raise _RollBack(importer(**arguments))
    except _RollBack as done:
        done.result.dry_run = True
        return done.result


def run_import(importer: Callable[..., ImportResult], *, preview: bool = False, **arguments) -> ImportResult:
    """Imports for real, or (``preview``) as a dry run."""
    return dry_run(importer, **arguments) if preview else importer(**arguments)
