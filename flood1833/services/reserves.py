"""物资储备: government and social depots with their stock."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from flood1833.models import Depot, DepotItem
from flood1833.services.access import can_command
from org.access import require, require_within
from org.changes import UNSET, assign, save
from org.models import Region, User


@transaction.atomic
def save_depot(
    *,
    actor: User,
    depot: Depot | None = None,
    name: str = UNSET,
    kind: str = UNSET,
    region: Region = UNSET,
    manager_name: str = UNSET,
    manager_phone: str = UNSET,
    lat: Decimal | None = UNSET,
    lng: Decimal | None = UNSET,
) -> Depot:
    """登记或修改物资仓库 (政府储备 / 社会化云仓)."""
    depot = depot or Depot()
    changed = assign(
        depot,
        name=name,
        kind=kind,
        region=region,
        manager_name=manager_name,
        manager_phone=manager_phone,
        lat=lat,
        lng=lng,
    )
    require(can_command(actor), _("您的角色不能管理物资。"))
    require_within(actor, depot.region if depot.region_id else None)
    depot.full_clean()
    save(depot, changed)
    return depot


@transaction.atomic
def save_depot_item(
    *,
    actor: User,
    item: DepotItem | None = None,
    depot: Depot = UNSET,
    name: str = UNSET,
    quantity: int = UNSET,
    unit: str = UNSET,
) -> DepotItem:
    """登记或修改储备物资; an item stays in the depot it was added to."""
    item = item or DepotItem()
    if not item._state.adding:
        depot = UNSET
    changed = assign(item, depot=depot, name=name, quantity=quantity, unit=unit)
    require(can_command(actor), _("您的角色不能管理物资。"))
    require_within(actor, item.depot.region if item.depot_id else None)
    item.full_clean()
    save(item, changed)
    return item
