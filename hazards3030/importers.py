"""Hazard ledgers (隐患台账) from the townships' Excel files.

The sheets are read by org.ledgers (title rows, headers in any order, blank and 合计 rows skipped);
this module says what the columns mean and saves all rows or none. The enterprises a ledger names
are looked up and registered through org's register (org.importers), which also imports the
enterprise registers (检查对象名录) themselves.
"""

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from hazards3030 import services
from hazards3030.models import Hazard
from hazards3030.services import can_file
from org.importers import (
    ENTERPRISE_COLUMNS,
    IMPORT_NOTE,
    credit_code_errors,
    import_enterprises,
    known_enterprises,
)
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
    parse_date,
    parse_decimal,
    read_rows,
    save_rows,
    stop_unless_clean,
    template_workbook,
    text,
    townships_by_name,
)
from org.models import Enterprise, User
from org.services import save_enterprise

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
    errors, seen = [], set()
    for number, values in rows:
        key = (values.get("township") or "", values.get("credit_code") or "", values.get("description"))
        key += (values.get("found_on"),)
        if key in seen:
            errors.append(RowError(number, "隐患描述", _("与上方行重复(同一企业、隐患描述和发现日期)。")))
        seen.add(key)
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


HAZARD_FIELDS = {
    "township": "乡镇",
    "enterprise": "统一社会信用代码",
    "description": "隐患描述",
    "level": "隐患等级",
    "category": "隐患类别",
    "source": "隐患来源",
    "found_on": "发现日期",
    "deadline": "整改期限",
    "responsible": "整改责任人",
    "measures": "整改措施",
    "funds": "整改资金(万元)",
    "contingency_plan": "应急预案",
    "status": "整改状态",
}
# What a re-uploaded ledger may correct on a hazard already filed (the rest moves by its steps).
EDITABLE = ("category", "responsible", "measures", "funds", "contingency_plan")
BY_STEPS = ("level", "deadline", "status")


def _save_hazards(rows, *, actor, townships, default_township, known) -> ImportResult:
    """Each row through the services the page and the API use: a new enterprise is registered by
    save_enterprise, a new hazard filed by file_hazard, one already filed (the same enterprise,
    description and 发现日期) corrected by update_hazard, never filed twice."""
    result = ImportResult(created=0)
    filed = _already_filed(rows, townships=townships.values(), actor=actor)

    def save_row(number: int, values: dict) -> RowOutcome:
        township = townships[values.get("township") or default_township.name]
        enterprise = _enterprise(values, township=township, known=known, actor=actor, result=result)
        key = _natural_key(township.pk, getattr(enterprise, "pk", None), values["description"], values["found_on"])
        hazard = filed.get(key)
        watch = Watch(hazard, HAZARD_FIELDS)
        if hazard is None:
            said = {key: values[key] for key in (*EDITABLE, "level", "source") if key in values}
            status = _arriving_status(number, values, said, result)
            hazard = services.file_hazard(
                actor=actor,
                township=township,
                enterprise=enterprise,
                description=values["description"],
                found_on=values["found_on"],
                deadline=values["deadline"],
                status=status,
                note=IMPORT_NOTE,
                **said,
            )
            filed[key] = hazard
            return watch.outcome(number, hazard, hazard.description[:30])
        if hazard.status == Hazard.Status.CLOSED:
            result.warnings.append(RowError(number, "", _("该隐患已销号,未作修改。")))
            return watch.outcome(number, hazard, hazard.description[:30])
        said = {key: values[key] for key in EDITABLE if key in values}
        hazard = services.update_hazard(hazard=hazard, actor=actor, **said)
        if differ := [HAZARD_FIELDS[k] for k in BY_STEPS if k in values and values[k] != getattr(hazard, k)]:
            message = _("该隐患已登记,%(columns)s的变更须在隐患页面按流程办理,本次未改。")
            result.warnings.append(RowError(number, differ[0], message % {"columns": "、".join(differ)}))
        return watch.outcome(number, hazard, hazard.description[:30])

    return save_rows(rows, save_row, actor=actor, headers=HAZARD_FIELDS, result=result)


def _arriving_status(number: int, values: dict, said: dict, result: ImportResult) -> str:
    """The ledger's status, except that a major hazard without its 五落实 does not arrive at
    待验收: it stays 整改中 (with a warning) until they are filled in and it is submitted."""
    status = values.get("status", Hazard.Status.REPORTED)
    if status == Hazard.Status.SUBMITTED and said.get("level") == Hazard.Level.MAJOR:
        probe = Hazard(deadline=values["deadline"], **{k: v for k, v in said.items() if k in EDITABLE})
        if missing := probe.missing_five_implementations():
            message = _("重大隐患“五落实”尚缺:%(m)s,以“整改中”导入,补齐后再提交验收。") % {"m": "、".join(missing)}
            result.warnings.append(RowError(number, "整改状态", message))
            return Hazard.Status.RECTIFYING
    return status


def _enterprise(values, *, township, known, actor, result) -> Enterprise | None:
    code = values.get("credit_code")
    if not code:
        return None
    if code not in known:
        name = values.get("enterprise_name") or code
        known[code] = save_enterprise(actor=actor, name=name, credit_code=code, township=township)
        result.enterprises_created += 1
    return known[code]


def _natural_key(township_id, enterprise_id, description, found_on) -> tuple:
    """A hazard's natural key: its township, enterprise (or none), description and 发现日期."""
    return township_id, enterprise_id, description, found_on


def _already_filed(rows, *, townships, actor) -> dict[tuple, Hazard]:
    """The hazards already filed in the user's area on the days the sheet names, by natural key
    (the first filed, if ever two), read in one query."""
    days = {values["found_on"] for _number, values in rows}
    found = Hazard.objects.visible_to(actor).filter(township__in=list(townships), found_on__in=days)
    filed: dict[tuple, Hazard] = {}
    for hazard in found.select_related("supervision").order_by("pk"):
        key = _natural_key(hazard.township_id, hazard.enterprise_id, hazard.description, hazard.found_on)
        filed.setdefault(key, hazard)
    return filed
