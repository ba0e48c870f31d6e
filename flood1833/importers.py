"""A township's transfer lists in Excel: people (转移对象), danger zones and shelters.

Read by org.ledgers (title rows, headers in any order, blank and
合计 rows skipped); every row is checked and nothing is saved unless every row is valid.
"""

import re

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from flood1833 import services
from flood1833.models import DangerZone, Shelter, TransferPerson, ZoneKind
from flood1833.services import can_manage_lists
from flood1833.validators import validate_id_number
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
from org.models import Region, User

IMPORT_NOTE = "转移名单导入"
PERSON_FLAGS = ("elderly", "child", "disabled", "sick_or_pregnant")


def _positive_int(value) -> int | None:
    number = parse_decimal(value)
    if number is None:
        return None
    if number != int(number) or number <= 0:
        raise ValueError(_("须为正整数。"))
    return int(number)


class Places:
    """The villages and townships an importer may write to, found by name (乡镇 disambiguates)."""

    def __init__(self, actor: User):
        regions = Region.objects.visible_to(actor)
        self.townships = townships_by_name(actor)
        self.villages: dict[str, list[Region]] = {}
        for village in regions.villages().select_related("parent"):
            self.villages.setdefault(village.name, []).append(village)
        self.own_township = own_township(actor)

    def village(self, number: int, values: dict, errors: list[RowError]) -> Region | None:
        name, township = values.get("village", ""), values.get("township", "")
        found = [v for v in self.villages.get(name, []) if not township or v.parent.name == township]
        if not found:
            errors.append(RowError(number, "村(社区)", _("“%(v)s”不是本辖区的村(社区)。") % {"v": name or "—"}))
            return None
        if len(found) > 1:
            errors.append(RowError(number, "乡镇", _("多个乡镇都有“%(v)s”,请填写乡镇。") % {"v": name}))
            return None
        return found[0]

    def township(self, number: int, values: dict, errors: list[RowError]) -> Region | None:
        name = values.get("township") or (self.own_township.name if self.own_township else "")
        if name not in self.townships:
            errors.append(RowError(number, "乡镇", _("“%(v)s”不是本辖区的乡镇。") % {"v": name or "—"}))
            return None
        return self.townships[name]


def _start(upload: UploadedFile, actor: User, columns: list[Column]) -> tuple[list, list[RowError], Places]:
    if not can_manage_lists(actor):
        raise ImportFailed([RowError(0, "", _("您的角色不能导入转移名单。"))])
    rows, errors = read_rows(open_workbook(upload), columns)
    return rows, errors, Places(actor)


# --- People ---------------------------------------------------------------------------------

PERSON_COLUMNS = [
    Column("name", ("姓名",), text, required=True),
    Column("id_number", ("身份证号", "身份证号码", "公民身份号码"), lambda v: text(v).upper(), required=True),
    Column("phone", ("联系电话", "手机号", "电话"), text),
    Column("township", ("乡镇", "所属乡镇"), text),
    Column("village", ("村(社区)", "村（社区）", "村社", "所属村"), text, required=True),
    Column("zone", ("危险区域", "所在危险区域"), text),
    Column("elderly", ("老年人",), parse_bool),
    Column("child", ("儿童",), parse_bool),
    Column("disabled", ("残疾人",), parse_bool),
    Column("sick_or_pregnant", ("病患或孕妇", "病患孕妇"), parse_bool),
    Column(
        "responsible",
        ("责任人", "转移责任人"),
        text,
        hint=gettext_lazy("选填。本村或所属乡镇的用户:填用户名,或填姓名(重名时再填责任人手机)。留空则不改。"),
    ),
    Column(
        "responsible_phone",
        ("责任人手机", "责任人电话", "责任人联系电话"),
        text,
        hint=gettext_lazy("选填。与“责任人”姓名一起用于区分重名;也可只填手机号。"),
    ),
]


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


class Responsibles:
    """谁去转: the users a person's transfer may be entrusted to, those bound to the person's
    village or its township, found by username, or by full name (and phone, where names repeat)."""

    def __init__(self, villages: set[Region]):
        self.by_region: dict[int, list[User]] = {}
        regions = {v.pk for v in villages} | {v.parent_id for v in villages}
        users = User.objects.filter(is_active=True, region_id__in=regions).order_by("pk") if regions else []
        for user in users:
            self.by_region.setdefault(user.region_id, []).append(user)

    def find(self, number: int, values: dict, village: Region, errors: list[RowError]) -> User | None:
        name, phone = values.get("responsible", ""), _digits(values.get("responsible_phone", ""))
        if not name and not phone:
            return None
        found = self.by_region.get(village.pk, []) + self.by_region.get(village.parent_id, [])
        if name:
            found = [u for u in found if u.username == name] or [u for u in found if name in _full_names(u)]
            if not found:
                message = _("本村及所属乡镇没有用户名或姓名为“%(v)s”的用户。") % {"v": name}
                errors.append(RowError(number, "责任人", message))
                return None
        if phone:
            found = [u for u in found if _digits(u.phone) == phone]
            if not found:
                message = (
                    _("与责任人“%(v)s”的手机号不符。") % {"v": name}
                    if name
                    else _("本村及所属乡镇没有手机号为“%(v)s”的用户。") % {"v": phone}
                )
                errors.append(RowError(number, "责任人手机", message))
                return None
        if len(found) > 1:
            message = _("本村及所属乡镇有%(n)s名用户符合“%(v)s”,请改填用户名或加填责任人手机。")
            errors.append(RowError(number, "责任人", message % {"n": len(found), "v": name or phone}))
            return None
        return found[0]


def _full_names(user: User) -> set[str]:
    """A Chinese name is written without spaces and in either order of the two name fields."""
    first, last = user.first_name.strip(), user.last_name.strip()
    return {name for name in (first + last, last + first) if name}


def _find_responsibles(resolved, errors: list[RowError]) -> dict[int, User | None]:
    """The 责任人 of each row that names one, by row number (one query for the whole file)."""
    named = [
        (number, values, village)
        for number, values, village, _zone in resolved
        if village is not None and (values.get("responsible") or values.get("responsible_phone"))
    ]
    responsibles = Responsibles({village for _number, _values, village in named})
    return {number: responsibles.find(number, values, village, errors) for number, values, village in named}


def import_people(*, upload: UploadedFile, actor: User) -> ImportResult:
    """Adds people to the transfer lists and updates known ones (matched by ID number): all or none."""
    rows, errors, places = _start(upload, actor, PERSON_COLUMNS)
    known = {
        p.id_number: p for p in TransferPerson.objects.filter(id_number__in=[v.get("id_number") for _n, v in rows])
    }
    zones = {(z.village_id, z.name): z for z in DangerZone.objects.visible_to(actor)}
    seen, resolved = set(), []
    for number, values in rows:
        village = places.village(number, values, errors)
        code = values.get("id_number", "")
        try:
            validate_id_number(code)
        except ValidationError as error:
            errors.append(RowError(number, "身份证号", " ".join(error.messages)))
        if code in seen:
            errors.append(RowError(number, "身份证号", _("与上方行重复。")))
        seen.add(code)
        if code in known and village is not None and known[code].village_id != village.pk:
            errors.append(RowError(number, "身份证号", _("此人已登记在其他村(社区)。")))
        zone = zones.get((village.pk if village else None, values.get("zone"))) if values.get("zone") else None
        if values.get("zone") and zone is None:
            errors.append(
                RowError(number, "危险区域", _("本村没有名为“%(v)s”的危险区域,请先登记。") % {"v": values["zone"]})
            )
        resolved.append((number, values, village, zone))
    found = _find_responsibles(resolved, errors)
    resolved = [(number, values, village, zone, found.get(number)) for number, values, village, zone in resolved]
    stop_unless_clean(rows, errors)
    return _save_people(resolved, known=known, actor=actor)


PERSON_FIELDS = {
    "name": "姓名",
    "phone": "联系电话",
    "village": "村(社区)",
    "zone": "危险区域",
    "elderly": "老年人",
    "child": "儿童",
    "disabled": "残疾人",
    "sick_or_pregnant": "病患或孕妇",
    "responsible": "责任人",
}


def _save_people(resolved, *, known, actor) -> ImportResult:
    """Saves the checked rows through save_person (the page's and the API's): only what a row says
    changes; anyone already due in an ongoing event gets a transfer at once."""
    by_row = {number: (values, village, zone, responsible) for number, values, village, zone, responsible in resolved}

    def save_row(number: int, values: dict) -> RowOutcome:
        _values, village, zone, responsible = by_row[number]
        person = known.get(values["id_number"])
        watch = Watch(person, PERSON_FIELDS)
        said = {key: values[key] for key in ("name", "phone", *PERSON_FLAGS) if key in values}
        if zone is not None:
            said["zone"] = zone
        if responsible is not None:  # an empty 责任人 cell leaves the one on record
            said["responsible"] = responsible
        if person is None:
            said["id_number"] = values["id_number"]
        saved = services.save_person(actor=actor, person=person, village=village, **said)
        return watch.outcome(number, saved, saved.name)

    rows = [(number, values) for number, values, *_rest in resolved]
    return save_rows(rows, save_row, actor=actor, headers={**PERSON_FIELDS, "id_number": "身份证号"})


# --- Danger zones ---------------------------------------------------------------------------

ZONE_COLUMNS = [
    Column("name", ("名称", "危险区域", "区域名称"), text, required=True),
    Column("kind", ("类别", "区域类别"), choice(ZoneKind.choices), required=True),
    Column("township", ("乡镇", "所属乡镇"), text),
    Column("village", ("村(社区)", "村（社区）", "村社", "所属村"), text, required=True),
    Column("lat", ("纬度",), parse_decimal),
    Column("lng", ("经度",), parse_decimal),
]


ZONE_FIELDS = {"name": "名称", "kind": "类别", "village": "村(社区)", "lat": "纬度", "lng": "经度"}


def import_zones(*, upload: UploadedFile, actor: User) -> ImportResult:
    """Registers new danger zones and updates known ones (the same name in the same township):
    all rows or none."""
    rows, errors, places = _start(upload, actor, ZONE_COLUMNS)
    known = {(z.village.parent_id, z.name): z for z in DangerZone.objects.visible_to(actor).select_related("village")}
    villages, seen = {}, set()
    for number, values in rows:
        village = places.village(number, values, errors)
        if village is None:
            continue
        key = (village.parent_id, values["name"])
        if key in seen:
            errors.append(RowError(number, "名称", _("与上方行重复。")))
        seen.add(key)
        villages[number] = village
    stop_unless_clean(rows, errors)

    def save_row(number: int, values: dict) -> RowOutcome:
        village = villages[number]
        zone = known.get((village.parent_id, values["name"]))
        watch = Watch(zone, ZONE_FIELDS)
        said = {key: values[key] for key in ("name", "kind", "lat", "lng") if key in values}
        saved = services.save_zone(actor=actor, zone=zone, village=village, **said)
        return watch.outcome(number, saved, saved.name)

    return save_rows(rows, save_row, actor=actor, headers=ZONE_FIELDS)


# --- Shelters -------------------------------------------------------------------------------

SHELTER_COLUMNS = [
    Column("name", ("安置场所", "名称", "场所名称"), text, required=True),
    Column("township", ("乡镇", "所属乡镇"), text),
    Column("capacity", ("容纳人数", "可容纳人数"), _positive_int, required=True),
    Column("manager_name", ("管理人员", "负责人"), text),
    Column("manager_phone", ("管理人员电话", "联系电话"), text),
    Column("address", ("地址",), text),
    Column("lat", ("纬度",), parse_decimal),
    Column("lng", ("经度",), parse_decimal),
]


SHELTER_FIELDS = {
    "name": "安置场所",
    "capacity": "容纳人数",
    "manager_name": "管理人员",
    "manager_phone": "管理人员电话",
    "address": "地址",
    "lat": "纬度",
    "lng": "经度",
}


def import_shelters(*, upload: UploadedFile, actor: User) -> ImportResult:
    """Registers shelters of the actor's townships and updates known ones (the same name in the
    same township): all rows or none."""
    rows, errors, places = _start(upload, actor, SHELTER_COLUMNS)
    known = {(s.township_id, s.name): s for s in Shelter.objects.visible_to(actor)}
    townships, seen = {}, set()
    for number, values in rows:
        township = places.township(number, values, errors)
        if township is None:
            continue
        if (township.pk, values["name"]) in seen:
            errors.append(RowError(number, "安置场所", _("与上方行重复。")))
        seen.add((township.pk, values["name"]))
        townships[number] = township
    stop_unless_clean(rows, errors)

    def save_row(number: int, values: dict) -> RowOutcome:
        township = townships[number]
        shelter = known.get((township.pk, values["name"]))
        watch = Watch(shelter, SHELTER_FIELDS)
        said = {key: values[key] for key in SHELTER_FIELDS if key in values}
        saved = services.save_shelter(actor=actor, shelter=shelter, township=township, **said)
        return watch.outcome(number, saved, saved.name)

    return save_rows(rows, save_row, actor=actor, headers=SHELTER_FIELDS)
