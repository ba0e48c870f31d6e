"""Demo hazards at every step of the loop in org's demo enterprises, accidents and open 3030 windows.

Names carry "演示" so nobody mistakes them for real records. Idempotent: a second run adds nothing.
"""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from hazards3030 import batches
from hazards3030.models import Accident, Hazard, HazardTransition
from org.demo import DEMO_TOWNSHIPS
from org.models import Enterprise, Region, User

FLOW = [
    Hazard.Status.REPORTED,
    Hazard.Status.ASSIGNED,
    Hazard.Status.RECTIFYING,
    Hazard.Status.SUBMITTED,
    Hazard.Status.CLOSED,
]
DESCRIPTIONS = [
    ("消防通道被货物堵塞", Hazard.Category.FIRE),
    ("有限空间作业未落实审批", Hazard.Category.CONFINED_SPACE),
    ("电气焊作业人员无证上岗", Hazard.Category.WELDING),
    ("危化品仓库未设防爆灯具", Hazard.Category.CHEMICALS),
    ("厂中厂未签订安全管理协议", Hazard.Category.NESTED_PLANTS),
]


def seed(*, stdout) -> None:
    if Hazard.objects.filter(enterprise__name__startswith="演示").exists():
        stdout.write("hazards3030: demo data already present")
        return
    rng = random.Random(365)  # noqa: S311 -- repeatable demo data, not security
    actor = User.objects.get(username="county_admin")
    today = timezone.localdate()
    for township in Region.objects.townships().filter(name__in=DEMO_TOWNSHIPS):
        for enterprise in Enterprise.objects.filter(township=township, name__startswith="演示").order_by("name"):
            for _ in range(rng.randint(2, 5)):
                _demo_hazard(rng, enterprise, actor, today)
        Accident.objects.create(
            occurred_on=today - timedelta(days=rng.randint(10, 200)),
            township=township,
            industry="trade",
            injuries=rng.randint(0, 2),
            description="演示事故记录",
            spot_checked=rng.random() < 0.4,
        )
    county = Region.objects.get(level=Region.Level.COUNTY, name="苍南县")
    batches.open_due_windows(county=county, today=today - timedelta(days=10))
    stdout.write(f"hazards3030: {Hazard.objects.count()} demo hazards in {len(DEMO_TOWNSHIPS)} townships")


def _closed_at(rng: random.Random, found, today):
    day = found + timedelta(days=rng.randint(0, (today - found).days))
    return timezone.make_aware(datetime.combine(day, time(hour=10)))


def _demo_hazard(rng: random.Random, enterprise: Enterprise, actor: User, today) -> None:
    description, category = rng.choice(DESCRIPTIONS)
    found = today - timedelta(days=rng.randint(0, 40))
    status = rng.choice(FLOW)
    major = category in (Hazard.Category.CONFINED_SPACE, Hazard.Category.CHEMICALS)
    hazard = Hazard.objects.create(
        enterprise=enterprise,
        township=enterprise.township,
        level=Hazard.Level.MAJOR if major else Hazard.Level.GENERAL,
        category=category,
        description=description,
        found_on=found,
        deadline=found + timedelta(days=30 if major else 15),
        status=status,
        responsible="张三" if status != Hazard.Status.REPORTED else "",
        measures="制定整改方案,落实专人管理" if major else "",
        funds=2 if major else None,
        contingency_plan="专项应急预案" if major else "",
        closed_at=_closed_at(rng, found, today) if status == Hazard.Status.CLOSED else None,
        created_by=actor,
    )
    steps = FLOW[: FLOW.index(status) + 1]
    HazardTransition.objects.bulk_create(
        HazardTransition(hazard=hazard, actor=actor, from_status=before, to_status=after, note="演示数据")
        for before, after in zip(["", *steps[:-1]], steps, strict=True)
    )
