"""Township ledgers (台账) in Excel, imported as they are kept.

A sheet may have a title row and a 填报单位 line above its header; columns are found by their
header text in any order; dates may be Excel dates or text (2024.5.3, 2024-05-03, 2024年5月3日);
blank lines and a 合计 row are skipped; unknown columns (备注 …) are ignored. Every row is checked
and, if any row fails, nothing is saved and every problem is reported by row and column.
"""

import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from io import BytesIO

import openpyxl
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl.utils.datetime import from_excel

from hazards3030.models import Enterprise, Hazard, HazardTransition, Industry
from hazards3030.services import can_file
from hazards3030.validators import validate_credit_code
from org.history import record_creations
from org.models import Region, User

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 150 * 1024 * 1024
MAX_COMPRESSION_RATIO = 150
MAX_ROWS = 50_000
HEADER_SEARCH_ROWS = 10
TOTAL_MARKERS = ("合计", "总计", "小计")
IMPORT_NOTE = "台账导入"

STATUS_WORDS = {
    "未整改": Hazard.Status.ASSIGNED,
    "整改中": Hazard.Status.RECTIFYING,
    "已整改": Hazard.Status.SUBMITTED,
}
YES_WORDS = {"是", "已", "有", "√", "Y", "YES", "TRUE", "1"}
NO_WORDS = {"否", "未", "无", "×", "N", "NO", "FALSE", "0", ""}


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


@dataclass
class ImportResult:
    created: int
    enterprises_created: int = 0
    warnings: list[RowError] = field(default_factory=list)


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
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float):
        return from_excel(value).date()
    match = _DATE_TEXT.match(text(value))
    if not match:
        raise ValueError(_("无法识别的日期“%(v)s”,请写作 2024-05-03、2024.5.3 或 2024年5月3日。") % {"v": text(value)})
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as error:
        raise ValueError(_("日期“%(v)s”不存在。") % {"v": text(value)}) from error


def parse_decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(text(value))
    except InvalidOperation as error:
        raise ValueError(_("“%(v)s”不是数字。") % {"v": text(value)}) from error
    if number < 0:
        raise ValueError(_("不能为负数。"))
    return number


def parse_bool(value) -> bool:
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


def parse_status(value) -> str:
    word = text(value)
    if not word:
        return Hazard.Status.REPORTED
    if word in STATUS_WORDS:
        return STATUS_WORDS[word]
    if word in ("已销号", "已验收"):
        raise ValueError(_("导入不能销号:销号只能经县级验收。"))
    raise ValueError(_("“%(v)s”不是可识别的整改状态(未整改、整改中、已整改)。") % {"v": word})


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
    values, errors = {}, []
    for column in columns:
        index = positions.get(column.key)
        raw = cells[index] if index is not None and index < len(cells) else None
        if column.required and text(raw) == "":
            errors.append(RowError(number, column.headers[0], _("必填。")))
            continue
        try:
            values[column.key] = column.parse(raw)
        except ValueError as error:
            errors.append(RowError(number, column.headers[0], str(error)))
    return values, errors


# --- Hazard ledgers -------------------------------------------------------------------------

HAZARD_COLUMNS = [
    Column("township", ("乡镇", "乡镇(街道)", "所属乡镇"), text),
    Column("enterprise_name", ("企业名称", "单位名称", "检查对象"), text),
    Column("credit_code", ("统一社会信用代码", "信用代码"), lambda v: text(v).upper()),
    Column("description", ("隐患描述", "隐患内容", "存在问题"), text, required=True),
    Column("level", ("隐患等级", "等级"), choice(Hazard.Level.choices), required=True),
    Column("category", ("隐患类别", "类别"), choice(Hazard.Category.choices)),
    Column("source", ("隐患来源", "来源"), choice(Hazard.Source.choices)),
    Column("found_on", ("发现日期", "排查日期", "检查日期"), parse_date, required=True),
    Column("deadline", ("整改期限", "整改时限"), parse_date, required=True),
    Column("responsible", ("整改责任人", "责任人"), text),
    Column("measures", ("整改措施",), text),
    Column("funds", ("整改资金(万元)", "整改资金（万元）", "整改资金"), parse_decimal),
    Column("contingency_plan", ("应急预案", "预案"), text),
    Column("status", ("整改状态", "状态"), parse_status),
]


def import_hazards(*, upload: UploadedFile, actor: User) -> ImportResult:
    """Imports a hazard ledger for the actor's area: all rows or none."""
    if not can_file(actor):
        raise ImportFailed([RowError(0, "", _("您的角色不能导入隐患。"))])
    rows, errors = read_rows(open_workbook(upload), HAZARD_COLUMNS)
    townships = {t.name: t for t in Region.objects.visible_to(actor).townships()}
    default_township = actor.region if actor.region and actor.region.level == Region.Level.TOWNSHIP else None
    known = {e.credit_code: e for e in Enterprise.objects.filter(credit_code__in=_codes(rows))}
    errors += _check_hazard_rows(rows, townships, default_township, known)
    if errors or not rows:
        raise ImportFailed(errors or [RowError(0, "", _("表中没有数据行。"))])
    return _save_hazards(rows, actor=actor, townships=townships, default_township=default_township, known=known)


def _codes(rows) -> set[str]:
    return {values["credit_code"] for _number, values in rows if values.get("credit_code")}


def _check_hazard_rows(rows, townships, default_township, known) -> list[RowError]:
    errors = []
    for number, values in rows:
        name = values.get("township") or (default_township.name if default_township else "")
        if not name:
            errors.append(RowError(number, "乡镇", _("请填写乡镇。")))
        elif name not in townships:
            errors.append(RowError(number, "乡镇", _("“%(v)s”不是本辖区的乡镇,只能导入本辖区的隐患。") % {"v": name}))
        code = values.get("credit_code")
        if code:
            try:
                validate_credit_code(code)
            except ValidationError as error:
                errors.append(RowError(number, "统一社会信用代码", " ".join(error.messages)))
            else:
                existing = known.get(code)
                if existing and name in townships and existing.township_id != townships[name].pk:
                    errors.append(RowError(number, "统一社会信用代码", _("该单位登记在其他乡镇。")))
        elif values.get("enterprise_name"):
            errors.append(RowError(number, "统一社会信用代码", _("填写了企业名称时须填写统一社会信用代码。")))
        found, deadline = values.get("found_on"), values.get("deadline")
        if found and deadline and deadline < found:
            errors.append(RowError(number, "整改期限", _("整改期限不能早于发现日期。")))
    return errors


@transaction.atomic
def _save_hazards(rows, *, actor, townships, default_township, known) -> ImportResult:
    result = ImportResult(created=0)
    new_enterprises = {}
    for _number, values in rows:
        code = values.get("credit_code")
        if code and code not in known and code not in new_enterprises:
            township = townships[values.get("township") or default_township.name]
            new_enterprises[code] = Enterprise(
                name=values.get("enterprise_name") or code, credit_code=code, township=township
            )
    if new_enterprises:
        created = Enterprise.objects.bulk_create(new_enterprises.values())
        record_creations(Enterprise, [e.pk for e in created], user=actor, reason=IMPORT_NOTE)
        known.update({e.credit_code: e for e in created})
        result.enterprises_created = len(created)
    hazards = []
    for number, values in rows:
        enterprise = known.get(values.get("credit_code") or "")
        if values["level"] == Hazard.Level.MAJOR and values["status"] == Hazard.Status.SUBMITTED:
            hazard_probe = Hazard(**_hazard_fields(values), deadline=values["deadline"])
            if missing := hazard_probe.missing_five_implementations():
                result.warnings.append(
                    RowError(number, "整改状态", _("重大隐患“五落实”尚缺:%(m)s。") % {"m": "、".join(missing)})
                )
        hazards.append(
            Hazard(
                township=townships[values.get("township") or default_township.name],
                enterprise=enterprise,
                department_id=enterprise.department_id if enterprise else None,
                found_on=values["found_on"],
                deadline=values["deadline"],
                status=values["status"],
                submitted_at=None,
                created_by=actor,
                **_hazard_fields(values),
            )
        )
    saved = Hazard.objects.bulk_create(hazards)
    record_creations(Hazard, [h.pk for h in saved], user=actor, reason=IMPORT_NOTE)
    # One step per hazard: it entered the portal at the status its ledger gave.
    HazardTransition.objects.bulk_create(
        HazardTransition(hazard=h, actor=actor, from_status="", to_status=h.status, note=IMPORT_NOTE) for h in saved
    )
    result.created = len(saved)
    return result


def _hazard_fields(values: dict) -> dict:
    return {
        "level": values["level"],
        "category": values.get("category") or Hazard.Category.OTHER,
        "source": values.get("source") or Hazard.Source.INSPECTION,
        "description": values["description"],
        "responsible": values.get("responsible", ""),
        "measures": values.get("measures", ""),
        "funds": values.get("funds"),
        "contingency_plan": values.get("contingency_plan", ""),
    }


# --- Enterprise registers -------------------------------------------------------------------

ENTERPRISE_COLUMNS = [
    Column("name", ("单位名称", "企业名称"), text, required=True),
    Column("credit_code", ("统一社会信用代码", "信用代码"), lambda v: text(v).upper(), required=True),
    Column("township", ("乡镇", "所属乡镇"), text),
    Column("industry", ("行业", "行业领域"), choice(Industry.choices)),
    Column("risk_level", ("风险等级", "风险"), choice(Enterprise.RiskLevel.choices)),
    Column("supervised", ("是否纳管", "纳管"), parse_bool),
    Column("uses_hazardous_chemicals", ("使用危险化学品", "是否使用危化品"), parse_bool),
    Column("old_equipment_evaluated", ("老旧设备已评定", "老旧设备评定"), parse_bool),
]


def import_enterprises(*, upload: UploadedFile, actor: User) -> ImportResult:
    """Registers new enterprises and updates known ones (matched by credit code): all or none."""
    if not can_file(actor):
        raise ImportFailed([RowError(0, "", _("您的角色不能导入检查对象。"))])
    rows, errors = read_rows(open_workbook(upload), ENTERPRISE_COLUMNS)
    townships = {t.name: t for t in Region.objects.visible_to(actor).townships()}
    default_township = actor.region if actor.region and actor.region.level == Region.Level.TOWNSHIP else None
    known = {e.credit_code: e for e in Enterprise.objects.filter(credit_code__in=_codes(rows))}
    seen = set()
    for number, values in rows:
        name = values.get("township") or (default_township.name if default_township else "")
        if name not in townships:
            errors.append(RowError(number, "乡镇", _("“%(v)s”不是本辖区的乡镇。") % {"v": name or "—"}))
        code = values.get("credit_code", "")
        try:
            validate_credit_code(code)
        except ValidationError as error:
            errors.append(RowError(number, "统一社会信用代码", " ".join(error.messages)))
        if code in seen:
            errors.append(RowError(number, "统一社会信用代码", _("与上方行重复。")))
        seen.add(code)
        if code in known and name in townships and known[code].township_id != townships[name].pk:
            errors.append(RowError(number, "统一社会信用代码", _("该单位登记在其他乡镇。")))
    if errors or not rows:
        raise ImportFailed(errors or [RowError(0, "", _("表中没有数据行。"))])
    return _save_enterprises(rows, townships=townships, default_township=default_township, known=known, actor=actor)


@transaction.atomic
def _save_enterprises(rows, *, townships, default_township, known, actor) -> ImportResult:
    fresh = []
    for _number, values in rows:
        fields = {k: v for k, v in values.items() if k not in ("township", "credit_code") and v not in ("", None)}
        township = townships[values.get("township") or default_township.name]
        existing = known.get(values["credit_code"])
        if existing:
            for name, value in fields.items():
                setattr(existing, name, value)
            existing.save()
        else:
            fresh.append(Enterprise(credit_code=values["credit_code"], township=township, **fields))
    created = Enterprise.objects.bulk_create(fresh)
    record_creations(Enterprise, [e.pk for e in created], user=actor, reason=IMPORT_NOTE)
    return ImportResult(created=len(fresh), enterprises_created=len(fresh))


# --- Templates ------------------------------------------------------------------------------


def template_workbook(columns: list[Column], title: str) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([title])
    sheet.append([_("填报单位:")])
    sheet.append([column.headers[0] for column in columns])
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = max(12, len(column.headers[0]) * 2 + 4)
    sheet.freeze_panes = "A4"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
