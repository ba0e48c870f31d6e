"""Enterprise registers (检查对象名录) from the townships' Excel files, and the enterprises other
ledgers name (a hazard ledger's 企业名称 and 信用代码).

The sheets are read by org.ledgers; this module says what the register's columns mean and saves
all rows or none: new enterprises are registered, known ones (matched by credit code) updated.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from org.history import record_creations
from org.ledgers import (
    Column,
    ImportFailed,
    ImportResult,
    RowError,
    RowOutcome,
    Watch,
    choice,
    open_workbook,
    own_township,
    parse_bool,
    read_rows,
    save_rows,
    stop_unless_clean,
    text,
    townships_by_name,
)
from org.models import Enterprise, Industry, Region, User
from org.services import can_register_enterprises, save_enterprise
from org.validators import validate_credit_code

IMPORT_NOTE = "台账导入"
CODE_COLUMN = "统一社会信用代码"

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


# --- Enterprises named by any ledger --------------------------------------------------------


def known_enterprises(rows: list[tuple[int, dict]]) -> dict[str, Enterprise]:
    """The registered enterprises whose credit codes the rows give, by credit code."""
    codes = {values["credit_code"] for _number, values in rows if values.get("credit_code")}
    enterprises = Enterprise.objects.filter(credit_code__in=codes).select_related("township", "department")
    return {e.credit_code: e for e in enterprises}


def credit_code_errors(number: int, code: str, *, known: dict, township: Region | None) -> list[RowError]:
    """A row's credit code must be well formed and, if registered, registered in its township."""
    try:
        validate_credit_code(code)
    except ValidationError as error:
        return [RowError(number, CODE_COLUMN, " ".join(error.messages))]
    existing = known.get(code)
    if existing and township and existing.township_id != township.pk:
        return [RowError(number, CODE_COLUMN, _("该单位登记在其他乡镇。"))]
    return []


def create_enterprises(enterprises: Iterable[Enterprise], *, actor: User) -> list[Enterprise]:
    """Registers a ledger's new enterprises at once, each with its first history entry."""
    created = Enterprise.objects.bulk_create(enterprises)
    record_creations(Enterprise, [e.pk for e in created], user=actor, reason=IMPORT_NOTE)
    return created


# --- Enterprise registers -------------------------------------------------------------------


def import_enterprises(*, upload: UploadedFile, actor: User) -> ImportResult:
    """Registers new enterprises and updates known ones (matched by credit code): all or none."""
    if not can_register_enterprises(actor):
        raise ImportFailed([RowError(0, "", _("您的角色不能导入检查对象。"))])
    rows, errors = read_rows(open_workbook(upload), ENTERPRISE_COLUMNS)
    townships, default_township = townships_by_name(actor), own_township(actor)
    known = known_enterprises(rows)
    errors += _check_rows(rows, townships, default_township, known)
    stop_unless_clean(rows, errors)
    return _save_rows(rows, townships=townships, default_township=default_township, known=known, actor=actor)


def _check_rows(rows, townships, default_township, known) -> list[RowError]:
    errors, seen = [], set()
    for number, values in rows:
        name = values.get("township") or (default_township.name if default_township else "")
        if name not in townships:
            errors.append(RowError(number, "乡镇", _("“%(v)s”不是本辖区的乡镇。") % {"v": name or "—"}))
        code = values.get("credit_code", "")
        errors += credit_code_errors(number, code, known=known, township=townships.get(name))
        if code in seen:
            errors.append(RowError(number, CODE_COLUMN, _("与上方行重复。")))
        seen.add(code)
    return errors


ENTERPRISE_FIELDS = {
    "name": "单位名称",
    "credit_code": CODE_COLUMN,
    "township": "乡镇",
    "industry": "行业",
    "risk_level": "风险等级",
    "supervised": "是否纳管",
    "uses_hazardous_chemicals": "使用危险化学品",
    "old_equipment_evaluated": "老旧设备已评定",
}


def _save_rows(rows, *, townships, default_township, known, actor) -> ImportResult:
    """Each row through save_enterprise (the page's and the API's): only what a row says changes."""
    said_keys = ("name", "industry", "risk_level", "supervised", "uses_hazardous_chemicals", "old_equipment_evaluated")

    def save_row(number: int, values: dict) -> RowOutcome:
        existing = known.get(values["credit_code"])
        watch = Watch(existing, ENTERPRISE_FIELDS, actor=actor)
        said = {key: values[key] for key in said_keys if key in values}
        if existing is None:
            said["credit_code"] = values["credit_code"]
            said["township"] = townships[values.get("township") or default_township.name]
        saved = save_enterprise(actor=actor, enterprise=existing, **said)
        return watch.outcome(number, saved, saved.name)

    result = save_rows(rows, save_row, headers=ENTERPRISE_FIELDS)
    result.enterprises_created = result.created
    return result
