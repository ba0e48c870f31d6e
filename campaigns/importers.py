"""The townships' activity ledgers (宣传活动台账) from Excel.

The sheet is read by org.ledgers (title rows, headers in any order, blank and 合计 rows
skipped); this module says what the columns mean. Each row is saved through ``save_activity``,
all rows or none. A row that names an activity already kept (same township, date and name)
updates it: a blank cell or a missing column keeps what is stored.
"""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.models import Activity, ActivityKind, FiveInto
from campaigns.services import can_file, save_activity
from org.ledgers import (
    Column,
    ImportFailed,
    ImportResult,
    RowError,
    RowOutcome,
    Watch,
    headers_of,
    open_workbook,
    own_township,
    parse_date,
    read_rows,
    save_rows,
    stop_unless_clean,
    text,
    townships_by_name,
)
from org.models import User

CATEGORY_WORDS = {**{str(label): value for value, label in FiveInto.choices},
                  **{str(label)[1:]: value for value, label in FiveInto.choices}}  # fmt: skip


def parse_category(value) -> str:
    word = text(value).replace(" ", "")
    if not word:
        return ""
    if word in CATEGORY_WORDS:
        return CATEGORY_WORDS[word]
    allowed = "、".join(str(label) for label in FiveInto.labels)
    raise ValueError(_("“%(v)s”不是“五进”类别(%(allowed)s)。") % {"v": word, "allowed": allowed})


def parse_count(value) -> int | None:
    word = text(value)
    if not word:
        return None
    try:
        number = int(float(word))
    except ValueError as error:
        raise ValueError(_("“%(v)s”不是整数。") % {"v": word}) from error
    if number != float(word):
        raise ValueError(_("“%(v)s”不是整数。") % {"v": word})
    if number < 0:
        raise ValueError(_("不能为负数。"))
    return number


ACTIVITY_COLUMNS = [
    Column("held_on", ("活动日期", "日期", "开展日期"), parse_date, required=True),
    Column("township", ("乡镇", "乡镇(街道)", "所属乡镇"), text),
    Column("title", ("活动名称", "活动主题", "名称"), text, required=True),
    Column("kind", ("活动形式", "形式"), text, hint=gettext_lazy("应急演练、知识抢答、技能竞赛、安全宣讲、体验活动")),
    Column(
        "category",
        ("“五进”类别", '"五进"类别', "五进类别", "“五进”", "五进"),
        parse_category,
        hint=gettext_lazy("进企业、进农村、进社区、进学校、进家庭"),
    ),
    Column("participants", ("参与人数", "参加人数", "人数"), parse_count),
    Column("organiser", ("组织单位", "主办单位"), text),
    Column("place", ("活动地点", "地点"), text),
    Column("note", ("备注",), text),
]
# The fields a row may leave blank on an activity already kept; a new one needs them.
NEEDED_FOR_NEW = ("kind", "category")


def import_activities(*, upload: UploadedFile, actor: User) -> ImportResult:
    """Imports an activity ledger for the actor's area: all rows or none."""
    if not can_file(actor):
        raise ImportFailed([RowError(0, "", _("您的角色不能导入宣传活动。"))])
    rows, errors = read_rows(open_workbook(upload), ACTIVITY_COLUMNS)
    townships, default = townships_by_name(actor), own_township(actor)
    kinds = {kind.name: kind for kind in ActivityKind.objects.filter(active=True)}
    errors += _check_rows(rows, townships, default, kinds)
    stop_unless_clean(rows, errors)
    return _save_rows(rows, actor=actor, townships=townships, default=default, kinds=kinds)


def _check_rows(rows, townships, default, kinds) -> list[RowError]:
    errors = []
    for number, values in rows:
        name = values.get("township") or (default.name if default else "")
        if not name:
            errors.append(RowError(number, "乡镇", _("请填写乡镇。")))
        elif name not in townships:
            errors.append(RowError(number, "乡镇", _("“%(v)s”不是本辖区的乡镇,只能导入本辖区的活动。") % {"v": name}))
        kind = values.get("kind")
        if kind and kind not in kinds:
            allowed = "、".join(kinds)
            errors.append(
                RowError(
                    number, "活动形式", _("“%(v)s”不是可选的活动形式(%(allowed)s)。") % {"v": kind, "allowed": allowed}
                )
            )
    return errors


def _save_rows(rows, *, actor, townships, default, kinds) -> ImportResult:
    """Saves every row through the one save service; any refusal leaves nothing saved."""

    def save_row(number: int, values: dict) -> RowOutcome:
        township = townships[values.get("township") or default.name]
        kept = Activity.objects.filter(township=township, held_on=values["held_on"], title=values["title"]).first()
        fields = _given(values, kinds)
        missing = {key: _("新活动须填写。") for key in NEEDED_FOR_NEW if kept is None and key not in fields}
        if missing:
            raise ValidationError(missing)
        watch = Watch(kept, WATCHED)
        activity = save_activity(actor=actor, activity=kept, township=township, held_on=values["held_on"],
                                 title=values["title"], **fields)  # fmt: skip
        return watch.outcome(number, activity)

    return save_rows(rows, save_row, actor=actor, headers=HEADERS)


def _given(values: dict, kinds: dict) -> dict:
    """The cells the row filled in: a blank one keeps the stored value."""
    fields = {
        key: values[key]
        for key in ("category", "participants", "organiser", "place", "note")
        if values.get(key) not in (None, "")
    }
    if values.get("kind"):
        fields["kind"] = kinds[values["kind"]]
    return fields


HEADERS = headers_of(ACTIVITY_COLUMNS)
# The fields whose changes a re-imported row lists (old → new).
WATCHED = {key: HEADERS[key] for key in ("kind", "category", "participants", "organiser", "place", "note")}
