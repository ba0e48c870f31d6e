"""Demo zones, shelters, reserve depots and people in the demo villages of 灵溪镇 and 矾山镇; past
events of this year (people moved and back home, most 633 measures done), incident reports month
by month (this year and last), and a typhoon at III级 now.

Names carry "演示" and ID numbers are made up (valid check digit, birth year 1900) so nobody
mistakes them for real records. Idempotent: a second run adds nothing.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from flood1833 import services
from flood1833.models import (
    DangerZone,
    Depot,
    DepotItem,
    Incident,
    MatrixTask,
    ResponseEvent,
    Shelter,
    StageChange,
    Transfer,
    TransferPerson,
    TransferStep,
    ZoneKind,
)
from flood1833.validators import id_check_char
from org.demo import at, demo_span, last_month
from org.models import Region, User
from plan.models import ResponseStage

DEMO_TOWNSHIPS = ["灵溪镇", "矾山镇"]
SURNAMES = "陈林黄王李张吴郑刘杨"
GIVEN = ["国强", "秀英", "建华", "美玲", "志明", "小红", "德福", "丽娟"]
# What a township's flood depot typically holds (name, quantity, unit).
DEPOT_ITEMS = [("救生衣", 200, "件"), ("冲锋舟", 2, "艘"), ("编织袋", 5000, "只"), ("应急照明灯", 60, "台")]
# Past events: months before this one, kind, name, and whether its 重大 incident was reported in time.
PAST_EVENTS = [
    (1, ResponseEvent.Kind.RAINSTORM, "演示强降雨过程", True),
    (4, ResponseEvent.Kind.TYPHOON, "演示台风过程", False),
]
# Share of a past event's 633 measures checked off.
MEASURES_DONE = 0.85
SAFE = [Transfer.Status.MOVED, Transfer.Status.SHELTERED, Transfer.Status.WITH_RELATIVES]


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
    today = timezone.localdate()
    past = [_past_event(rng, admin, *row, today=today) for row in PAST_EVENTS]
    _demo_incidents(rng, admin, today)
    event = services.create_event(actor=admin, name="演示台风过程", kind=ResponseEvent.Kind.TYPHOON)
    services.change_stage(event=event, actor=admin, stage_order=3, note="演示数据")
    names = "、".join(e.name for e in past if e)
    stdout.write(f"flood1833: {serial} demo people, past events {names}, one demo typhoon at III级")


def _past_event(
    rng: random.Random, admin: User, months_ago: int, kind: str, name: str, in_time: bool, *, today: date
) -> ResponseEvent | None:
    """A past event in the demo span: III级, everyone moved, the response lifted, everyone back home,
    most measures done, and one 重大 incident (reported in time or not). None before the span."""
    first = today.replace(day=1)
    for _ in range(months_ago):
        first = (first - timedelta(days=1)).replace(day=1)
    if first < demo_span(today)[0]:
        return None
    started, ended = at(first + timedelta(days=9), hour=8), at(first + timedelta(days=12), hour=18)
    event = services.create_event(actor=admin, name=f"{name}({first:%Y-%m})", kind=kind, started_at=started)
    services.change_stage(event=event, actor=admin, stage_order=3, note="演示数据")
    _move_everyone(rng, event, admin)
    lifted = ResponseStage.objects.filter(is_lifted=True).order_by("order").first()
    services.change_stage(event=event, actor=admin, stage_order=lifted.order, note="演示数据")
    for transfer in Transfer.objects.filter(event=event):
        services.confirm_transfer(transfer=transfer, actor=admin, status=Transfer.Status.RETURNED)
    tasks = list(MatrixTask.objects.filter(event=event).values_list("pk", flat=True))
    done = rng.sample(tasks, int(len(tasks) * MEASURES_DONE))
    MatrixTask.objects.filter(pk__in=done).update(done_at=started + timedelta(hours=6), done_by=admin, note="演示数据")
    services.end_event(event=event, actor=admin, note="演示数据")
    _backdate(event, started, ended)
    _major_incident(event, admin, started + timedelta(hours=5), in_time=in_time)
    return event


def _move_everyone(rng: random.Random, event: ResponseEvent, admin: User) -> None:
    shelters = {shelter.township_id: shelter for shelter in Shelter.objects.filter(name__startswith="演示")}
    for transfer in Transfer.objects.filter(event=event).order_by("pk"):
        status = rng.choice(SAFE)
        shelter = shelters[transfer.township_id] if status == Transfer.Status.SHELTERED else None
        services.confirm_transfer(transfer=transfer, actor=admin, status=status, shelter=shelter)


def _backdate(event: ResponseEvent, started, ended) -> None:
    """The steps of a past event at the event's own times (the services stamp them with now)."""
    ResponseEvent.objects.filter(pk=event.pk).update(ended_at=ended)
    StageChange.objects.filter(event=event, to_stage__is_lifted=False).update(at=started)
    StageChange.objects.filter(event=event, to_stage__is_lifted=True).update(at=ended)
    steps = TransferStep.objects.filter(transfer__event=event)
    steps.exclude(to_status=Transfer.Status.RETURNED).update(at=started + timedelta(hours=4))
    steps.filter(to_status=Transfer.Status.RETURNED).update(at=ended)
    Transfer.objects.filter(event=event).update(updated_at=ended)


def _major_incident(event: ResponseEvent, admin: User, occurred, *, in_time: bool) -> Incident:
    """重大 incidents start the 30/60-minute reporting clock (A2.report)."""
    township = Region.objects.townships().get(name=DEMO_TOWNSHIPS[0])
    return services.save_incident(
        actor=admin,
        title=f"演示{township.name}山体滑坡",
        township=township,
        event=event,
        level=Incident.Level.MAJOR,
        occurred_at=occurred,
        verbal_reported_at=occurred + timedelta(minutes=20),
        system_reported_at=occurred + timedelta(minutes=45 if in_time else 95),
        injuries=2,
        direct_loss=Decimal("35.00"),
        description="演示数据",
    )


def _demo_incidents(rng: random.Random, admin: User, today: date) -> None:
    """一般 natural-disaster incidents, one a month this year and last: fewer hurt, less lost this year."""
    start, end = demo_span(today)[0], last_month(today)[1]
    townships = list(Region.objects.townships().filter(name__in=DEMO_TOWNSHIPS))
    for shift, hurt, loss in ((0, (0, 1), (2, 12)), (1, (1, 3), (8, 30))):
        day = start.replace(year=start.year - shift)
        while day <= end.replace(year=end.year - shift, day=min(end.day, 28)):
            township = rng.choice(townships)
            services.save_incident(
                actor=admin,
                title=f"演示{township.name}局地内涝",
                township=township,
                occurred_at=at(day + timedelta(days=rng.randint(0, 20)), hour=15),
                injuries=rng.randint(*hurt),
                direct_loss=Decimal(rng.randint(*loss)),
                description="演示数据",
            )
            day = (day + timedelta(days=32)).replace(day=1)
