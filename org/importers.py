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
    parse_decimal,
    read_rows,
    save_rows,
    stop_unless_clean,
    text,
    townships_by_name,
)
from org.models import Enterprise, Industry, Region, User
from org.services import can_keep_villages, can_register_enterprises, save_enterprise, save_village
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
        watch = Watch(existing, ENTERPRISE_FIELDS)
        said = {key: values[key] for key in said_keys if key in values}
        if existing is None:
            said["credit_code"] = values["credit_code"]
            said["township"] = townships[values.get("township") or default_township.name]
        saved = save_enterprise(actor=actor, enterprise=existing, **said)
        return watch.outcome(number, saved, saved.name)

    result = save_rows(rows, save_row, actor=actor, headers=ENTERPRISE_FIELDS)
    result.enterprises_created = result.created
    return result


# --- The villages register (村(社区)名册) -----------------------------------------------------

VILLAGE_KIND_WORDS = {"村": Region.Kind.VILLAGE, "行政村": Region.Kind.VILLAGE, "社区": Region.Kind.COMMUNITY}


def parse_village_kind(value) -> str:
    word = text(value)
    if not word:
        return ""
    if word in VILLAGE_KIND_WORDS:
        return VILLAGE_KIND_WORDS[word]
    raise ValueError(_("“%(v)s”不是村或社区。") % {"v": word})


def parse_division_code(value) -> str:
    code = text(value)
    if code and (not code.isdigit() or len(code) != 12):
        raise ValueError(_("区划代码应为12位数字。"))
    return code


VILLAGE_COLUMNS = [
    Column("township", ("乡镇", "所属乡镇", "乡镇(街道)"), text, required=True),
    Column("name", ("村(社区)", "村(社区)", "村社区", "村(社区)名称", "名称"), text, required=True),
    Column("kind", ("类型", "村/社区"), parse_village_kind),
    Column("code", ("区划代码", "统计用区划代码"), parse_division_code),
    Column("lng", ("经度",), parse_decimal, hint=_("十进制度数,如 120.4219")),
    Column("lat", ("纬度",), parse_decimal, hint=_("十进制度数,如 27.4889")),
]
VILLAGE_FIELD_COLUMNS = {"name": "村(社区)", "kind": "类型", "code": "区划代码", "lat": "纬度", "lng": "经度"}


def import_villages(*, upload: UploadedFile, actor: User) -> ImportResult:
    """Registers new villages and updates known ones (by division code, else by name within the
    township): all rows or none. A blank cell keeps what the register has."""
    if not can_keep_villages(actor):
        raise ImportFailed([RowError(0, "", _("您的角色不能导入村(社区)名册。"))])
    rows, errors = read_rows(open_workbook(upload), VILLAGE_COLUMNS)
    townships, default_township = townships_by_name(actor), own_township(actor)
    codes = {values["code"] for _number, values in rows if values.get("code")}
    by_code = {v.code: v for v in Region.objects.villages().filter(code__in=codes).select_related("parent")}
    by_name = {(v.parent_id, v.name): v for v in Region.objects.villages().filter(parent__in=list(townships.values()))}
    errors += _check_village_rows(rows, townships, default_township, by_code)
    stop_unless_clean(rows, errors)
    return _save_villages(rows, by_code=by_code, by_name=by_name, actor=actor)


def _check_village_rows(rows, townships, default_township, by_code) -> list[RowError]:
    errors, seen = [], set()
    for number, values in rows:
        name = values.get("township") or (default_township.name if default_township else "")
        township = townships.get(name)
        if township is None:
            errors.append(RowError(number, "乡镇", _("“%(v)s”不是本辖区的乡镇。") % {"v": name or "—"}))
            continue
        values["township"] = township
        known = by_code.get(values.get("code"))
        if known and known.parent_id != township.pk:
            errors.append(RowError(number, "区划代码", _("该区划代码已登记在%(t)s。") % {"t": known.parent.name}))
        key = (township.pk, values["name"])
        if key in seen:
            errors.append(RowError(number, "村(社区)", _("与上方行重复。")))
        seen.add(key)
    return errors


def _save_villages(rows, *, by_code, by_name, actor) -> ImportResult:
    """Each row through save_village: only what a row says changes."""

    def save_row(number: int, values: dict) -> RowOutcome:
        township = values["township"]
        village = by_code.get(values.get("code")) or by_name.get((township.pk, values["name"]))
        watch = Watch(village, VILLAGE_FIELD_COLUMNS)
        said = {k: v for k, v in values.items() if k != "township"}
        placed = {"township": township} if village is None else {}
        saved = save_village(actor=actor, village=village, **placed, **said)
        return watch.outcome(number, saved, f"{township.name} · {saved.name}")

    return save_rows(rows, save_row, actor=actor, headers=VILLAGE_FIELD_COLUMNS)
