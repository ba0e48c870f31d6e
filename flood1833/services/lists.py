"""The transfer lists a township keeps: 转移对象, 危险区域 and 避灾安置场所. Each save names its
fields; a field not given (``UNSET``) is left as it is, so the page and an API PATCH share it."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from flood1833.models import DangerZone, Shelter, TransferPerson
from flood1833.services.access import can_manage_lists
from flood1833.services.events import open_transfers_for
from org.access import require, require_within
from org.changes import UNSET, already_read, assign, save
from org.models import Region, User
from org.validators import check_coordinates, check_counts, validate_phone


def _check_phone(field: str, value) -> None:
    if value is not UNSET and value:
        try:
            validate_phone(value)
        except ValidationError as error:
            raise ValidationError({field: error.messages}) from error


def _check_place(instance, **counts) -> None:
    if errors := check_coordinates(instance.lat, instance.lng) | check_counts(**counts):
        raise ValidationError(errors)


def _save(instance, *, actor: User, region: Region | None, changed: list[str]):
    require(can_manage_lists(actor), _("您的角色不能修改转移名单。"))
    require_within(actor, region)
    instance.full_clean(exclude=already_read(instance))  # a register's sheet saves thousands of rows
    save(instance, changed)
    return instance


@transaction.atomic
def save_person(
    *,
    actor: User,
    person: TransferPerson | None = None,
    name: str = UNSET,
    id_number: str = UNSET,
    phone: str = UNSET,
    village: Region = UNSET,
    zone: DangerZone | None = UNSET,
    elderly: bool = UNSET,
    child: bool = UNSET,
    disabled: bool = UNSET,
    sick_or_pregnant: bool = UNSET,
    responsible: User | None = UNSET,
) -> TransferPerson:
    """登记或修改转移对象 in the actor's area; during an event, one already due is opened a transfer."""
    person = person or TransferPerson()
    _check_phone("phone", phone)
    if id_number is not UNSET:
        id_number = (id_number or "").strip().upper()
    changed = assign(
        person,
        name=name,
        id_number=id_number,
        phone=phone,
        village=village,
        zone=zone,
        elderly=elderly,
        child=child,
        disabled=disabled,
        sick_or_pregnant=sick_or_pregnant,
        responsible=responsible,
    )
    if person.zone is not None and person.zone.village_id != person.village_id:
        raise ValidationError({"zone": _("危险区域不在该村。")})
    _check_responsible(person)
    _save(person, actor=actor, region=person.village if person.village_id else None, changed=changed)
    open_transfers_for(people=TransferPerson.objects.filter(pk=person.pk))
    return person


def _check_responsible(person: TransferPerson) -> None:
    """谁去转: someone who works in the person's village or in its township."""
    if person.responsible is None or person.village_id is None:
        return
    if person.responsible.region_id not in (person.village_id, person.village.parent_id):
        message = _("转移责任人须为本村或本乡镇的人员。")
        raise ValidationError({"responsible": message})


@transaction.atomic
def save_zone(
    *,
    actor: User,
    zone: DangerZone | None = None,
    name: str = UNSET,
    kind: str = UNSET,
    village: Region = UNSET,
    lat: Decimal | None = UNSET,
    lng: Decimal | None = UNSET,
    note: str = UNSET,
) -> DangerZone:
    """登记或修改危险区域."""
    zone = zone or DangerZone()
    changed = assign(zone, name=name, kind=kind, village=village, lat=lat, lng=lng, note=note)
    _check_place(zone)
    return _save(zone, actor=actor, region=zone.village if zone.village_id else None, changed=changed)


@transaction.atomic
def save_shelter(
    *,
    actor: User,
    shelter: Shelter | None = None,
    name: str = UNSET,
    township: Region = UNSET,
    village: Region | None = UNSET,
    capacity: int = UNSET,
    manager_name: str = UNSET,
    manager_phone: str = UNSET,
    address: str = UNSET,
    lat: Decimal | None = UNSET,
    lng: Decimal | None = UNSET,
) -> Shelter:
    """登记或修改避灾安置场所 (a township or the county manages them)."""
    shelter = shelter or Shelter()
    _check_phone("manager_phone", manager_phone)
    changed = assign(
        shelter,
        name=name,
        township=township,
        village=village,
        capacity=capacity,
        manager_name=manager_name,
        manager_phone=manager_phone,
        address=address,
        lat=lat,
        lng=lng,
    )
    _check_place(shelter, capacity=shelter.capacity)
    if shelter.village is not None and shelter.village.parent_id != shelter.township_id:
        raise ValidationError({"village": _("该村不属于所选乡镇。")})
    return _save(shelter, actor=actor, region=shelter.township if shelter.township_id else None, changed=changed)
