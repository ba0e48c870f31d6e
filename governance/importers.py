"""The county's agency assessment sheet (社会化服务机构考核情况表) from Excel, read as it is kept.

org.ledgers reads the sheet (title row, 填报单位 line, header by text, blank and 合计 rows); this
module says what the columns mean and saves all rows or none through the agency services. An
agency is found by its credit code and updated; a blank cell or a missing column keeps what is
stored. The scores are the year's of the sheet's 填报日期 (else this year's).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import Agency, AgencyGrade
from governance.services import agencies as services
from governance.services.rules import can_keep_registers
from org.errors import SERVICE_ERRORS, error_message
from org.ledgers import (
    Column,
    ImportFailed,
    ImportResult,
    RowError,
    choice,
    open_workbook,
    parse_bool,
    parse_date,
    parse_decimal,
    read_rows,
    stop_unless_clean,
    text,
)
from org.models import User
from org.validators import validate_credit_code

IMPORT_NOTE = "台账导入"
REPORT_DATE_LABELS = ("填报日期:", "填报日期：", "填报日期")
MAX_SCORE = 100


def parse_count(value) -> int | None:
    number = parse_decimal(value)
    if number is None:
        return None
    if number != int(number):
        raise ValueError(_("请填写整数。"))
    return int(number)


def parse_score(value):
    number = parse_decimal(value)
    if number is not None and number > MAX_SCORE:
        raise ValueError(_("考核得分应在0到100之间。"))
    return number


def parse_code(value) -> str:
    code = text(value).upper()
    try:
        validate_credit_code(code)
    except ValidationError as error:
        raise ValueError(" ".join(error.messages)) from error
    return code


AGENCY_COLUMNS = [
    Column("name", ("机构名称", "服务机构名称", "单位名称"), text, required=True),
    Column("credit_code", ("统一社会信用代码", "信用代码"), parse_code, required=True, hint=_("18位,末位为校验码")),
    Column("category", ("服务类别", "服务类型"), choice(Agency.Category.choices)),
    Column("engineers", ("注册安全工程师人数", "注册安全工程师"), parse_count),
    Column("enterprises_served", ("服务企业数",), parse_count),
    Column("qualification_expires", ("资质有效期", "资质有效期至"), parse_date),
    Column("first_half", ("上半年考核得分", "上半年得分"), parse_score, hint=_("0–100")),
    Column("second_half", ("下半年考核得分", "下半年得分"), parse_score, hint=_("0–100")),
    Column("grade", ("年度等级", "考评等级"), choice(AgencyGrade.Grade.choices), hint=_("A、B、C、D")),
    Column("assessor", ("考核人", "考核单位"), text),
    Column("blacklisted", ("是否列入黑名单", "黑名单"), parse_bool),
    Column("exited_on", ("退出日期",), parse_date),
    Column("notes", ("备注",), text),
]


def import_agencies(*, upload: UploadedFile, actor: User) -> ImportResult:
    """Imports the agency sheet: every row or none."""
    if not can_keep_registers(actor):
        raise ImportFailed([RowError(0, "", _("只有县级管理员可以导入服务机构考核表。"))])
    workbook = open_workbook(upload)
    reported_on = _report_date(workbook) or timezone.localdate()
    rows, errors = read_rows(workbook, AGENCY_COLUMNS)
    errors += _duplicates(rows)
    stop_unless_clean(rows, errors)
    return _save(rows, actor=actor, on=reported_on)


def _report_date(workbook) -> date | None:
    """The 填报日期 written beside its label above the header, if any."""
    for cells in workbook.worksheets[0].iter_rows(max_row=5, values_only=True):
        cells = list(cells)
        for index, cell in enumerate(cells):
            if text(cell) in REPORT_DATE_LABELS:
                following = [c for c in cells[index + 1 :] if text(c)]
                try:
                    return parse_date(following[0]) if following else None
                except ValueError:
                    return None
            if text(cell).startswith(REPORT_DATE_LABELS[:2]) and len(text(cell)) > 5:
                try:
                    return parse_date(text(cell)[5:])
                except ValueError:
                    return None
    return None


def _duplicates(rows) -> list[RowError]:
    seen, errors = {}, []
    for number, values in rows:
        code = values.get("credit_code")
        if code and code in seen:
            errors.append(RowError(number, "统一社会信用代码", _("与第%(row)s行重复。") % {"row": seen[code]}))
        seen.setdefault(code, number)
    return errors


def _save(rows, *, actor: User, on: date) -> ImportResult:
    errors: list[RowError] = []
    with transaction.atomic():  # a row the services refuse undoes every row before it
        codes = [values["credit_code"] for _number, values in rows]
        known = {a.credit_code: a for a in Agency.objects.filter(credit_code__in=codes)}
        for number, values in rows:
            try:
                _save_row(values, known.get(values["credit_code"]), actor=actor, on=on)
            except SERVICE_ERRORS as error:
                errors.append(RowError(number, _column_of(error), error_message(error)))
        if errors:
            raise ImportFailed(errors)
    return ImportResult(created=len(rows))


def _column_of(error) -> str:
    names = {"credit_code": "统一社会信用代码", "name": "机构名称", "score": "考核得分", "grade": "年度等级"}
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return next((names.get(field, field) for field in error.error_dict), "")
    return ""


def _given(values: dict, *names: str) -> dict:
    """The fields the row fills in: a blank cell or a missing column keeps the stored value."""
    return {name: values[name] for name in names if values.get(name) not in (None, "")}


def _save_row(values: dict, agency: Agency | None, *, actor: User, on: date) -> None:
    fields = _given(values, "name", "credit_code", "category", "engineers", "enterprises_served",
                    "qualification_expires", "notes")  # fmt: skip
    agency = services.save_agency(actor=actor, agency=agency, **fields)
    assessor = values.get("assessor") or ""
    for half, key in ((1, "first_half"), (2, "second_half")):
        if values.get(key) is not None:
            services.assess_agency(
                actor=actor,
                agency=agency,
                year=on.year,
                half=half,
                score=values[key],
                assessor=assessor,
                assessed_on=on,
            )
    if values.get("grade"):
        services.grade_agency(
            actor=actor, agency=agency, year=on.year, grade=values["grade"], graded_by=assessor, graded_on=on
        )
    if values.get("blacklisted") and agency.status == Agency.Status.ACTIVE:
        services.blacklist_agency(actor=actor, agency=agency, reason=IMPORT_NOTE, on=on)
    if values.get("exited_on") and agency.status != Agency.Status.EXITED:
        services.exit_agency(actor=actor, agency=agency, reason=IMPORT_NOTE, on=values["exited_on"])
