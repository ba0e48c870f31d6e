"""A township's transfer lists in Excel: people (转移对象), danger zones and shelters.

Read by org.ledgers (title rows, headers in any order, blank and
合计 rows skipped); every row is checked and nothing is saved unless every row is valid.
"""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from flood1833.models import DangerZone, Shelter, TransferPerson, ZoneKind
from flood1833.services import can_confirm, open_transfers_for
from flood1833.validators import validate_id_number
from org.history import record_creations
from org.ledgers import (
    Column,
    ImportFailed,
    ImportResult,
    RowError,
    choice,
    open_workbook,
    parse_bool,
    parse_decimal,
    read_rows,
    text,
)
from org.models import Region, User

IMPORT_NOTE = "转移名单导入"


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
        self.townships = {t.name: t for t in regions.townships()}
        self.villages: dict[str, list[Region]] = {}
        for village in regions.villages().select_related("parent"):
            self.villages.setdefault(village.name, []).append(village)
        self.own_township = actor.region if actor.region and actor.region.level == Region.Level.TOWNSHIP else None

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
    if not can_confirm(actor):
        raise ImportFailed([RowError(0, "", _("您的角色不能导入转移名单。"))])
    rows, errors = read_rows(open_workbook(upload), columns)
    return rows, errors, Places(actor)


def _finish(rows, errors) -> None:
    if errors or not rows:
        raise ImportFailed(errors or [RowError(0, "", _("表中没有数据行。"))])


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
]


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
        resolved.append((values, village, zone))
    _finish(rows, errors)
    return _save_people(resolved, known=known, actor=actor)


@transaction.atomic
def _save_people(resolved, *, known, actor) -> ImportResult:
    """Saves the checked rows; anyone already due in an ongoing event gets a transfer at once."""
    fresh = []
    flags = ("elderly", "child", "disabled", "sick_or_pregnant")
    for values, village, zone in resolved:
        fields = {"name": values["name"], "phone": values.get("phone", ""), "village": village, "zone": zone}
        fields.update({flag: values.get(flag, False) for flag in flags})
        person = known.get(values["id_number"])
        if person is None:
            fresh.append(TransferPerson(id_number=values["id_number"], **fields))
            continue
        for name, value in fields.items():
            setattr(person, name, value)
        person.save(update_fields=list(fields))
    created = TransferPerson.objects.bulk_create(fresh)
    record_creations(TransferPerson, [p.pk for p in created], user=actor, reason=IMPORT_NOTE)
    villages = {village.pk for _values, village, _zone in resolved}
    open_transfers_for(people=TransferPerson.objects.filter(village_id__in=villages))
    return ImportResult(created=len(created))


# --- Danger zones ---------------------------------------------------------------------------

ZONE_COLUMNS = [
    Column("name", ("名称", "危险区域", "区域名称"), text, required=True),
    Column("kind", ("类别", "区域类别"), choice(ZoneKind.choices), required=True),
    Column("township", ("乡镇", "所属乡镇"), text),
    Column("village", ("村(社区)", "村（社区）", "村社", "所属村"), text, required=True),
    Column("lat", ("纬度",), parse_decimal),
    Column("lng", ("经度",), parse_decimal),
]


def import_zones(*, upload: UploadedFile, actor: User) -> ImportResult:
    """Registers new danger zones: all rows or none."""
    rows, errors, places = _start(upload, actor, ZONE_COLUMNS)
    fresh, seen = [], set(DangerZone.objects.visible_to(actor).values_list("village_id", "name"))
    for number, values in rows:
        village = places.village(number, values, errors)
        if village is None:
            continue
        key = (village.pk, values["name"])
        if key in seen:
            errors.append(RowError(number, "名称", _("该村已有同名危险区域。")))
        seen.add(key)
        fields = {k: values.get(k) for k in ("name", "kind", "lat", "lng")}
        fresh.append(DangerZone(village=village, **fields))
    _finish(rows, errors)
    with transaction.atomic():
        created = DangerZone.objects.bulk_create(fresh)
    return ImportResult(created=len(created))


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


def import_shelters(*, upload: UploadedFile, actor: User) -> ImportResult:
    """Registers shelters of the actor's townships: all rows or none."""
    rows, errors, places = _start(upload, actor, SHELTER_COLUMNS)
    existing = set(Shelter.objects.values_list("township_id", "name"))
    fresh = []
    for number, values in rows:
        township = places.township(number, values, errors)
        if township is None:
            continue
        if (township.pk, values["name"]) in existing:
            errors.append(RowError(number, "安置场所", _("该乡镇已有同名安置场所。")))
        existing.add((township.pk, values["name"]))
        fields = {k: values.get(k) or "" for k in ("name", "manager_name", "manager_phone", "address")}
        fresh.append(
            Shelter(
                township=township,
                capacity=values.get("capacity"),
                lat=values.get("lat"),
                lng=values.get("lng"),
                **fields,
            )
        )
    _finish(rows, errors)
    with transaction.atomic():
        created = Shelter.objects.bulk_create(fresh)
    return ImportResult(created=len(created))
