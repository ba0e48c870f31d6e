"""Demo hazards in org's demo enterprises, found month by month since 1 January of last month's
year and closed on time, closed late or still open past their deadline; accidents this year and
last (for 双下降 and the spot checks); and the 3030 windows of every unit over the same months.

Names carry "演示" so nobody mistakes them for real records. Idempotent: a second run adds nothing.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Min
from django.utils import timezone

from hazards3030 import batches
from hazards3030.models import Accident, Hazard, HazardTransition
from hazards3030.services import mark_overdue_hazards, rewards, tips
from org.demo import DEMO_TOWNSHIPS, at, demo_span, last_month
from org.models import Enterprise, Region, User
from plan.models import Loop3030Rule

Status = Hazard.Status
FLOW = [Status.REPORTED, Status.ASSIGNED, Status.RECTIFYING, Status.SUBMITTED, Status.CLOSED]
DESCRIPTIONS = [
    ("消防通道被货物堵塞", Hazard.Category.FIRE),
    ("有限空间作业未落实审批", Hazard.Category.CONFINED_SPACE),
    ("电气焊作业人员无证上岗", Hazard.Category.WELDING),
    ("危化品仓库未设防爆灯具", Hazard.Category.CHEMICALS),
    ("厂中厂未签订安全管理协议", Hazard.Category.NESTED_PLANTS),
]
MAJOR_CATEGORIES = (Hazard.Category.CONFINED_SPACE, Hazard.Category.CHEMICALS)
# Days between two hazards found in one enterprise (about one a month).
FOUND_EVERY = (20, 40)
# The accidents of the demo span and of the same span a year earlier: fewer, and fewer deaths.
ACCIDENTS = {"this_year": (6, [1]), "last_year": (9, [1, 2])}


def seed(*, stdout) -> None:
    if Hazard.objects.filter(enterprise__name__startswith="演示").exists():
        stdout.write("hazards3030: demo data already present")
        return
    rng = random.Random(365)  # noqa: S311 -- repeatable demo data, not security
    actor = User.objects.get(username="county_admin")
    today = timezone.localdate()
    start, _ = demo_span(today)
    townships = list(Region.objects.townships().filter(name__in=DEMO_TOWNSHIPS).order_by("sort_order"))
    enterprises = Enterprise.objects.filter(township__in=townships, name__startswith="演示").select_related("township")
    for enterprise in enterprises.order_by("township__sort_order", "name"):
        found = start + timedelta(days=rng.randint(0, FOUND_EVERY[1]))
        while found <= today:
            _demo_hazard(rng, enterprise, actor, found, today)
            found += timedelta(days=rng.randint(*FOUND_EVERY))
    _demo_accidents(rng, townships, today)
    county = Region.objects.get(level=Region.Level.COUNTY, name="苍南县")
    _open_windows(county, start, today)
    mark_overdue_hazards(today=today)
    _demo_tips(townships[0], today)
    _demo_rewards(townships[0], actor, today)
    stdout.write(f"hazards3030: {Hazard.objects.count()} demo hazards in {len(townships)} townships since {start}")


def _demo_hazard(rng: random.Random, enterprise: Enterprise, actor: User, found: date, today: date) -> None:
    description, category = rng.choice(DESCRIPTIONS)
    major = category in MAJOR_CATEGORIES
    deadline = found + timedelta(days=30 if major else 15)
    status, closed_on = _outcome(rng, found, deadline, today)
    # The day of its last step: closed, or somewhere between its finding and today.
    last = closed_on or found + (today - found) // 2
    hazard = Hazard.objects.create(
        enterprise=enterprise,
        township=enterprise.township,
        level=Hazard.Level.MAJOR if major else Hazard.Level.GENERAL,
        category=category,
        description=description,
        found_on=found,
        deadline=deadline,
        status=status,
        responsible="张三" if status != Status.REPORTED else "",
        measures="制定整改方案,落实专人管理" if major else "",
        funds=2 if major else None,
        contingency_plan="专项应急预案" if major else "",
        submitted_at=at(last, hour=8) if status in (Status.SUBMITTED, Status.CLOSED) else None,
        closed_at=at(closed_on, hour=10) if closed_on else None,
        created_by=actor,
    )
    Hazard.objects.filter(pk=hazard.pk).update(created_at=at(found))
    _transitions(hazard, actor, status, found, last)


def _outcome(rng: random.Random, found: date, deadline: date, today: date) -> tuple[str, date | None]:
    """Past its deadline: mostly closed on time, some closed late, a few still open (overdue).
    Still within it: anywhere along the loop."""
    if deadline < today:
        roll = rng.random()
        if roll < 0.7:
            return Status.CLOSED, found + timedelta(days=rng.randint(1, (deadline - found).days))
        if roll < 0.85:
            return Status.CLOSED, min(today, deadline + timedelta(days=rng.randint(1, 20)))
        return rng.choice([Status.ASSIGNED, Status.RECTIFYING]), None
    status = rng.choice(FLOW)
    return status, (found + timedelta(days=rng.randint(0, (today - found).days)) if status == Status.CLOSED else None)


def _transitions(hazard: Hazard, actor: User, status: str, found: date, last: date) -> None:
    """留痕 from 排查发现 to the hazard's status, dated between its finding and its last step."""
    steps = FLOW[: FLOW.index(status) + 1]
    rows = HazardTransition.objects.bulk_create(
        HazardTransition(hazard=hazard, actor=actor, from_status=before, to_status=after, note="演示数据")
        for before, after in zip(["", *steps[:-1]], steps, strict=True)
    )
    span, now = (last - found).days, timezone.now()
    for number, row in enumerate(rows):
        row.at = min(now, at(found + timedelta(days=span * number // max(len(rows) - 1, 1)), hour=9 + number))
    HazardTransition.objects.bulk_update(rows, ["at"])


def _demo_accidents(rng: random.Random, townships: list[Region], today: date) -> None:
    """Accidents spread over the year to last month, and more of them (with more deaths) over the
    same months a year earlier: the county reads 双下降; a third of this year's are spot-checked."""
    start, end = date(last_month(today)[1].year, 1, 1), last_month(today)[1]
    for key, shift in (("this_year", 0), ("last_year", 1)):
        count, deaths = ACCIDENTS[key]
        first, last = start.replace(year=start.year - shift), end.replace(year=end.year - shift, day=min(end.day, 28))
        for number in range(count):
            Accident.objects.create(
                occurred_on=first + timedelta(days=(last - first).days * (2 * number + 1) // (2 * count)),
                township=townships[number % len(townships)],
                industry=rng.choice(["trade", "construction", "transport"]),
                deaths=deaths[number] if number < len(deaths) else 0,
                injuries=rng.randint(0, 2),
                description="演示事故记录",
                spot_checked=shift == 0 and number % 3 == 0,
            )


def _open_windows(county: Region, start: date, today: date) -> None:
    """Every unit's 3030 windows, one after another from before ``start`` to today, placed so that
    one closes in the middle of last month (a 30-day window may otherwise skip a short month)."""
    days = Loop3030Rule.objects.aggregate(days=Min("window_days"))["days"] or 30
    day = last_month(today)[0] + timedelta(days=14) - timedelta(days=days - 1)
    while day > start:
        day -= timedelta(days=days)
    while day <= today:
        batches.open_due_windows(county=county, today=day)
        day += timedelta(days=days)


def _demo_tips(township: Region, today: date) -> None:
    """码上报 in the first demo township, through the same services as the public page and the
    township's queue: a QR point at a demo enterprise, and three tips — one waiting, one found
    true (now a hazard in the loop), one not taken up."""
    staff = User.objects.filter(role=User.Role.TOWNSHIP_STAFF, region=township).order_by("pk").first()
    if staff is None:
        return
    enterprise = Enterprise.objects.filter(township=township, name__startswith="演示").order_by("name").first()
    point = tips.save_tip_point(actor=staff, township=township, enterprise=enterprise, place="演示企业大门")
    tips.submit_tip(description="演示:车间通道堆放纸箱,灭火器被挡住", point=point)
    found = tips.submit_tip(description="演示:仓库门口堆放液化气瓶", township=township, place="演示路12号")
    tips.accept_tip(tip=found, actor=staff, deadline=today + timedelta(days=15), category=Hazard.Category.FIRE)
    wrong = tips.submit_tip(description="演示:路灯不亮", township=township, place="演示广场")
    tips.reject_tip(tip=wrong, actor=staff, reason="不属于安全生产隐患,已转交市政部门。")


def _demo_rewards(township: Region, actor: User, today: date) -> None:
    """内部报告奖励: three closed demo hazards of the township were reported by the enterprise's own
    staff; two rewards are approved, one of them already paid."""
    reported = list(
        Hazard.objects.filter(township=township, status=Status.CLOSED, enterprise__name__startswith="演示")
        .order_by("found_on", "pk")
        .values_list("pk", flat=True)[:3]
    )
    Hazard.objects.filter(pk__in=reported).update(source=Hazard.Source.INTERNAL_REPORT)
    for number, hazard in enumerate(Hazard.objects.filter(pk__in=reported[:2]).order_by("pk")):
        approved = min(today, hazard.found_on + timedelta(days=7))
        rewards.record_reward(
            actor=actor,
            hazard=hazard,
            amount=Decimal(500 * (number + 1)),
            approved_by="演示企业负责人",
            approved_on=approved,
            paid_on=approved if number == 0 else None,
        )
