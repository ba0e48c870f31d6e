"""卫星监测热点核查反馈登记表 in Excel, read as the county's forest fire office keeps it.

Read by org.ledgers (title rows, headers in any order, blank and 合计 rows skipped). Each row is
saved through the same service as the API push and the form (idempotent by 热点编号), inside one
transaction: if any row fails, every error is reported by row and column and nothing is saved. A
blank cell or a missing column keeps what is stored.
"""

import re
from datetime import date, datetime, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.utils.datetime import from_excel

from forestfire.models import HotspotResult
from forestfire.places import PlaceFinder
from forestfire.services import can_receive_hotspots, receive_hotspot
from org.changes import UNSET
from org.ledgers import (
    Column,
    ImportFailed,
    ImportResult,
    RowError,
    choice,
    open_workbook,
    parse_date,
    parse_decimal,
    read_rows,
    stop_unless_clean,
    text,
    townships_by_name,
)
from org.models import User

_TIME = re.compile(r"^(.+?)[\sT]+(\d{1,2})[:：](\d{1,2})(?:[:：](\d{1,2}))?$")


def parse_datetime(value) -> datetime | None:
    """An Excel date-time, or text such as 2024-04-04 22:40, 2024.4.4 22:40, 2024年4月4日 22:40."""
    if value in (None, ""):
        return None
    if isinstance(value, int | float):
        value = from_excel(value)
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time.min)
    else:
        word = text(value)
        match = _TIME.match(word)
        try:
            day = parse_date(match[1] if match else word)
        except ValueError as error:
            raise ValueError(
                _("无法识别的时间“%(v)s”,请写作 2024-05-03 14:30 或 2024年5月3日 14:30。") % {"v": word}
            ) from error
        try:
            clock = time(int(match[2]), int(match[3]), int(match[4] or 0)) if match else time.min
        except ValueError as error:
            raise ValueError(_("时间“%(v)s”不存在。") % {"v": word}) from error
        moment = datetime.combine(day, clock)
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _count(value) -> int | None:
    number = parse_decimal(value)
    if number is None:
        return None
    if number != int(number):
        raise ValueError(_("须为整数。"))
    return int(number)


COLUMNS = [
    Column(
        "code",
        ("热点编号", "编号"),
        text,
        required=True,
        hint=gettext_lazy("必填。卫星监测热点的编号,同一编号再次导入时更新原记录。"),
    ),
    Column("satellite", ("卫星", "卫星名称"), text),
    Column(
        "received_at",
        ("接收时间", "发现时间"),
        parse_datetime,
        required=True,
        hint=gettext_lazy("如 2024-04-04 22:40。"),
    ),
    Column("lng", ("经度",), parse_decimal),
    Column("lat", ("纬度",), parse_decimal),
    Column("pixels", ("像元数",), _count),
    Column("land_type", ("地类",), text),
    Column("township", ("所属乡镇", "乡镇"), text, hint=gettext_lazy("留空则按坐标取最近的乡镇驻地或村。")),
    Column("verified_at", ("核查时间", "反馈时间"), parse_datetime),
    Column("result", ("核查结果",), choice(HotspotResult.choices), hint=gettext_lazy("林火、农事用火、误报或其他。")),
    Column("verifier", ("反馈人", "核查人"), text),
    Column("feedback", ("备注", "反馈情况"), text),
]
HEADERS = {column.key: column.headers[0] for column in COLUMNS}


def import_hotspots(*, upload: UploadedFile, actor: User) -> ImportResult:
    """Adds the sheet's hotspots and updates known ones (matched by 热点编号): all or none."""
    if not can_receive_hotspots(actor):
        raise ImportFailed([RowError(0, "", _("您的角色不能导入卫星监测热点。"))])
    rows, errors = read_rows(open_workbook(upload), COLUMNS)
    townships = townships_by_name(actor)
    seen: dict[str, int] = {}
    resolved = []
    for number, values in rows:
        code = values.get("code", "")
        if code in seen:
            errors.append(RowError(number, HEADERS["code"], _("与第%(n)s行的热点编号重复。") % {"n": seen[code]}))
        seen.setdefault(code, number)
        name = values.get("township", "")
        if name and name not in townships:
            errors.append(RowError(number, HEADERS["township"], _("“%(v)s”不是本辖区的乡镇。") % {"v": name}))
        received, verified = values.get("received_at"), values.get("verified_at")
        if received and verified and verified < received:
            errors.append(RowError(number, HEADERS["verified_at"], _("核查时间不能早于接收时间。")))
        resolved.append((number, values, townships.get(name)))
    stop_unless_clean(rows, errors)
    return _save(resolved, actor=actor)


def _save(resolved, *, actor: User) -> ImportResult:
    created, errors, places = 0, [], PlaceFinder()
    with transaction.atomic():
        for number, values, township in resolved:
            fields = {key: value for key, value in values.items() if key != "township" and value not in (None, "")}
            if township is not None:
                fields["township"] = township
            try:
                with transaction.atomic():
                    _hotspot, new = receive_hotspot(actor=actor, places=places, **{**_unset(), **fields})
            except ValidationError as error:
                errors += _row_errors(number, error)
                continue
            except PermissionDenied as error:
                errors.append(RowError(number, HEADERS["township"], str(error)))
                continue
            created += new
        if errors:
            raise ImportFailed(errors)  # rolls back every row saved above
    return ImportResult(created=created)


def _unset() -> dict:
    return {key: UNSET for key in HEADERS if key not in ("code",)}


def _row_errors(number: int, error: ValidationError) -> list[RowError]:
    if not hasattr(error, "error_dict"):
        return [RowError(number, "", message) for message in error.messages]
    return [
        RowError(number, HEADERS.get(field, ""), message)
        for field, messages in error.message_dict.items()
        for message in messages
    ]
