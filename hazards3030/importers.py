"""Hazard ledgers (隐患台账) from the townships' Excel files.

The sheets are read by org.ledgers (title rows, headers in any order, blank and 合计 rows skipped);
this module says what the columns mean and saves all rows or none. The enterprises a ledger names
are looked up and registered through org's register (org.importers), which also imports the
enterprise registers (检查对象名录) themselves.
"""

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from hazards3030.models import Hazard, HazardTransition
from hazards3030.services import can_file
from org.history import record_creations
from org.importers import (
    ENTERPRISE_COLUMNS,
    IMPORT_NOTE,
    create_enterprises,
    credit_code_errors,
    import_enterprises,
    known_enterprises,
)
from org.ledgers import (
    Column,
    ImportFailed,
    ImportResult,
    RowError,
    choice,
    open_workbook,
    own_township,
    parse_date,
    parse_decimal,
    read_rows,
    stop_unless_clean,
    template_workbook,
    text,
    townships_by_name,
)
from org.models import Enterprise, User

STATUS_WORDS = {
    "未整改": Hazard.Status.ASSIGNED,
    "整改中": Hazard.Status.RECTIFYING,
    "已整改": Hazard.Status.SUBMITTED,
}

__all__ = [
    "ENTERPRISE_COLUMNS",
    "HAZARD_COLUMNS",
    "ImportFailed",
    "import_enterprises",
    "import_hazards",
    "template_workbook",
]


def parse_status(value) -> str:
    word = text(value)
    if not word:
        return Hazard.Status.REPORTED
    if word in STATUS_WORDS:
        return STATUS_WORDS[word]
    if word in ("已销号", "已验收"):
        raise ValueError(_("导入不能销号:销号只能经县级验收。"))
    raise ValueError(_("“%(v)s”不是可识别的整改状态(未整改、整改中、已整改)。") % {"v": word})


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
    townships, default_township = townships_by_name(actor), own_township(actor)
    known = known_enterprises(rows)
    errors += _check_hazard_rows(rows, townships, default_township, known)
    stop_unless_clean(rows, errors)
    return _save_hazards(rows, actor=actor, townships=townships, default_township=default_township, known=known)


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
            errors += credit_code_errors(number, code, known=known, township=townships.get(name))
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
        created = create_enterprises(new_enterprises.values(), actor=actor)
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
