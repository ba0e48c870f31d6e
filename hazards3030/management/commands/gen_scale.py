"""Generates hazards at scale for the benchmarks in bench/ (never for a real database).

    python manage.py gen_scale --hazards 1000000 [--townships 180] [--seed 1]

Hazards are spread over the townships by a population-like weight (the county seat largest),
found over the last two years, 6 % major, with deadlines 7–30 days out; older hazards are mostly
closed, recent ones still moving through the loop. Extra townships beyond the real 18 are created
under the county, marked demo. Rows are added to what is there, in batches.
"""

import random
from datetime import datetime, time, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from hazards3030.models import Enterprise, Hazard
from hazards3030.validators import CREDIT_CODE_CHARS, credit_code_check_char
from org.models import Region

BATCH = 10_000
CATEGORIES = list(Hazard.Category.values)
SOURCES = list(Hazard.Source.values)
OPEN_STATUSES = [Hazard.Status.REPORTED, Hazard.Status.ASSIGNED, Hazard.Status.RECTIFYING, Hazard.Status.SUBMITTED]
# What inspectors write, with how often (the keyword benchmark searches a rare and a common one).
DESCRIPTIONS = {
    "消防通道被货物堵塞": 12,
    "灭火器压力不足": 10,
    "灭火器过期未更换": 8,
    "安全出口指示灯损坏": 8,
    "配电箱未接地": 8,
    "电线私拉乱接": 10,
    "电气焊作业无动火审批": 6,
    "有限空间作业未检测气体": 4,
    "危化品仓库未分类存放": 4,
    "厂中厂未签安全管理协议": 4,
    "违章搭建彩钢棚": 5,
    "疏散通道宽度不足": 5,
    "应急照明不亮": 6,
    "员工未经安全培训上岗": 5,
    "特种设备未定期检验": 4,
    "粉尘清扫不及时": 3,
    "液化气瓶与明火距离过近": 0.5,
}
PHRASES, PHRASE_WEIGHTS = list(DESCRIPTIONS), list(DESCRIPTIONS.values())


class Command(BaseCommand):
    help = "Adds N synthetic hazards (and their enterprises) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--hazards", type=int, required=True)
        parser.add_argument("--townships", type=int, default=18, help="spread over this many townships")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, hazards: int, townships: int, seed: int, **options):
        rng = random.Random(seed)  # noqa: S311 -- synthetic data
        regions = self.townships(townships)
        weights = [1 / (rank + 1) ** 0.6 for rank in range(len(regions))]
        enterprises = self.enterprises(rng, regions, weights, max(1, hazards // 8))
        today = timezone.localdate()
        made = 0
        while made < hazards:
            size = min(BATCH, hazards - made)
            rows = [self.hazard(rng, regions, weights, enterprises, today) for _ in range(size)]
            with transaction.atomic():
                Hazard.objects.bulk_create(rows, batch_size=BATCH)
            made += size
            self.stdout.write(f"\r{made}/{hazards}", ending="")
        self.stdout.write(f"\nhazards now: {Hazard.objects.count()}")

    def townships(self, count: int) -> list[Region]:
        county = Region.objects.get(level=Region.Level.COUNTY, name="苍南县")
        regions = list(Region.objects.filter(parent=county, level=Region.Level.TOWNSHIP))
        for number in range(len(regions) + 1, count + 1):
            regions.append(
                Region.objects.get_or_create(
                    parent=county,
                    name=f"规模测试乡镇{number:03d}",
                    defaults={"level": Region.Level.TOWNSHIP, "is_demo": True, "sort_order": number},
                )[0]
            )
        return regions[:count]

    def enterprises(self, rng: random.Random, regions: list[Region], weights, count: int) -> list[Enterprise]:
        existing = list(Enterprise.objects.filter(name__startswith="规模测试")[:count])
        fresh = []
        for number in range(len(existing), count):
            body = "91" + "".join(rng.choice(CREDIT_CODE_CHARS) for _ in range(15))
            fresh.append(
                Enterprise(
                    name=f"规模测试企业{number}",
                    credit_code=body + credit_code_check_char(body),
                    township=rng.choices(regions, weights)[0],
                    supervised=rng.random() < 0.95,
                )
            )
        Enterprise.objects.bulk_create(fresh, batch_size=BATCH, ignore_conflicts=True)
        return list(Enterprise.objects.filter(name__startswith="规模测试").only("pk", "township_id")[:count])

    def hazard(self, rng: random.Random, regions, weights, enterprises, today) -> Hazard:
        enterprise = rng.choice(enterprises) if rng.random() < 0.9 else None
        township_id = enterprise.township_id if enterprise else rng.choices(regions, weights)[0].pk
        found = today - timedelta(days=int(rng.expovariate(1 / 180)) % 730)
        deadline = found + timedelta(days=rng.randint(7, 30))
        age = (today - found).days
        closed = rng.random() < min(0.97, age / 60)
        status = Hazard.Status.CLOSED if closed else rng.choice(OPEN_STATUSES)
        closed_at = None
        if closed:
            day = found + timedelta(days=rng.randint(1, max(1, min(age, 40))))
            closed_at = timezone.make_aware(datetime.combine(day, time(10)))
        return Hazard(
            enterprise_id=enterprise.pk if enterprise else None,
            township_id=township_id,
            level=Hazard.Level.MAJOR if rng.random() < 0.06 else Hazard.Level.GENERAL,
            source=rng.choice(SOURCES),
            category=rng.choice(CATEGORIES),
            description=f"{rng.choices(PHRASES, PHRASE_WEIGHTS)[0]}({rng.randint(1, 60)}号车间)",
            found_on=found,
            deadline=deadline,
            status=status,
            closed_at=closed_at,
        )
