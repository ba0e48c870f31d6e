"""Demo zones, shelters, reserve depots, people and a typhoon at III级 in the demo villages of
灵溪镇 and 矾山镇.

Names carry "演示" and ID numbers are made up (valid check digit, birth year 1900) so nobody
mistakes them for real records. Idempotent: a second run adds nothing.
"""

import random
from decimal import Decimal

from flood1833 import services
from flood1833.models import DangerZone, Depot, DepotItem, ResponseEvent, Shelter, TransferPerson, ZoneKind
from flood1833.validators import id_check_char
from org.models import Region, User

DEMO_TOWNSHIPS = ["灵溪镇", "矾山镇"]
SURNAMES = "陈林黄王李张吴郑刘杨"
GIVEN = ["国强", "秀英", "建华", "美玲", "志明", "小红", "德福", "丽娟"]
# What a township's flood depot typically holds (name, quantity, unit).
DEPOT_ITEMS = [("救生衣", 200, "件"), ("冲锋舟", 2, "艘"), ("编织袋", 5000, "只"), ("应急照明灯", 60, "台")]


def demo_id(serial: int) -> str:
    body = f"330327190001{serial:05d}"
    return body + id_check_char(body)


def seed(*, stdout) -> None:
    if ResponseEvent.objects.filter(name__startswith="演示").exists():
        stdout.write("flood1833: demo data already present")
        return
    rng = random.Random(1833)  # noqa: S311 -- repeatable demo data, not security
    admin = User.objects.get(username="county_admin")
    serial = 0
    for township in Region.objects.townships().filter(name__in=DEMO_TOWNSHIPS):
        Shelter.objects.create(
            name=f"演示{township.name[:2]}中心避灾安置点",
            township=township,
            capacity=80,
            manager_name="安置点管理员",
            manager_phone="0577-00000000",
            lat=Decimal("27.5") + Decimal(rng.randint(0, 300)) / 1000,
            lng=Decimal("120.4") + Decimal(rng.randint(0, 300)) / 1000,
        )
        depot = Depot.objects.create(
            name=f"演示{township.name[:2]}防汛物资仓库",
            kind=Depot.Kind.GOVERNMENT if township.name == DEMO_TOWNSHIPS[0] else Depot.Kind.SOCIAL,
            region=township,
            manager_name="仓库管理员",
            manager_phone="0577-00000000",
            lat=Decimal("27.5") + Decimal(rng.randint(0, 300)) / 1000,
            lng=Decimal("120.4") + Decimal(rng.randint(0, 300)) / 1000,
        )
        for name, quantity, unit in DEPOT_ITEMS:
            DepotItem.objects.create(depot=depot, name=name, quantity=quantity, unit=unit)
        for village in Region.objects.villages().filter(parent=township, is_demo=True):
            zone = DangerZone.objects.create(
                kind=rng.choice(list(ZoneKind.values)),
                name=f"演示{village.name}风险点",
                village=village,
                lat=Decimal("27.5") + Decimal(rng.randint(0, 300)) / 1000,
                lng=Decimal("120.4") + Decimal(rng.randint(0, 300)) / 1000,
            )
            for _ in range(6):
                serial += 1
                TransferPerson.objects.create(
                    name=rng.choice(SURNAMES) + rng.choice(GIVEN),
                    id_number=demo_id(serial),
                    village=village,
                    zone=zone,
                    elderly=rng.random() < 0.3,
                )
    event = services.create_event(actor=admin, name="演示台风过程", kind=ResponseEvent.Kind.TYPHOON)
    services.change_stage(event=event, actor=admin, stage_order=3, note="演示数据")
    stdout.write(f"flood1833: {serial} demo people, one demo typhoon at III级")
