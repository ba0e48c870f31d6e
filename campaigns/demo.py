"""Demo publicity for the whole county: activities in every township since 1 January of last
month's year (most townships reach all five 五进 categories, a few miss one or two), the
“一呼百应” members of the demo townships and their talks, warning videos, public places with
their coverage, the QR library with its scans, and demonstration sites, halls and broadcast points.

Names carry "演示" and links point to example.com, so nobody mistakes them for real records.
Idempotent: a second run adds nothing.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from campaigns import services
from campaigns.models import Activity, ActivityKind, FiveInto, PublicPlace, ResourceScan, Site
from org.demo import DEMO_TOWNSHIPS, at, demo_span
from org.models import Region, User

# Activities per township; the townships listed miss these categories this year.
ACTIVITIES_PER_TOWNSHIP = (5, 9)
GAPS = {
    "岱岭畲族乡": [FiveInto.SCHOOL, FiveInto.FAMILY],
    "凤阳畲族乡": [FiveInto.FAMILY],
    "霞关镇": [FiveInto.ENTERPRISE],
}
PLACES = [("汽车站", PublicPlace.Kind.STATION), ("文化广场", PublicPlace.Kind.SQUARE), ("购物中心", PublicPlace.Kind.MALL),
          ("中心卫生院", PublicPlace.Kind.HOSPITAL), ("中心小学", PublicPlace.Kind.SCHOOL)]  # fmt: skip
PLACES_COVERED = 0.75
VIDEOS = 12  # of which the last is still being edited (unpublished)
RESOURCES = [("演示:家庭用电安全十条", "article"), ("演示:台风来了怎么办", "video"), ("演示:燃气泄漏应急处置", "document"),
             ("演示:森林防火广播稿", "audio"), ("演示:电动自行车安全充电", "article"), ("演示:有限空间作业须知", "document")]  # fmt: skip
SITES = [(Site.Kind.DEMONSTRATION, "安全文化示范点"), (Site.Kind.EXPERIENCE_HALL, "应急安全体验馆"),
         (Site.Kind.BROADCAST, "应急广播点")]  # fmt: skip


def _near(rng: random.Random) -> tuple[Decimal, Decimal]:
    return Decimal("27.40") + Decimal(rng.randint(0, 300)) / 1000, Decimal("120.30") + Decimal(
        rng.randint(0, 400)
    ) / 1000


def seed(*, stdout) -> None:
    if Activity.objects.filter(title__startswith="演示").exists():
        stdout.write("campaigns: demo data already present")
        return
    services.ensure_default_kinds()
    rng = random.Random(5)  # noqa: S311 -- repeatable demo data, not security
    admin = User.objects.get(username="county_admin")
    county = Region.objects.get(level=Region.Level.COUNTY, name="苍南县")
    townships = list(Region.objects.townships().order_by("sort_order"))
    members = _members(rng, admin, [t for t in townships if t.name in DEMO_TOWNSHIPS])
    for township in townships:
        _activities(rng, admin, township, members.get(township.pk, []))
    _videos(rng, admin, county, townships)
    _places(rng, admin, [t for t in townships if t.name in DEMO_TOWNSHIPS])
    _resources(rng, admin, county)
    _sites(rng, admin, [t for t in townships if t.name in DEMO_TOWNSHIPS])
    stdout.write(f"campaigns: {Activity.objects.count()} demo activities in {len(townships)} townships")


def _members(rng, admin, townships) -> dict[int, list]:
    skills = ["消防安全", "用电安全", "防汛防台", "燃气安全", "应急救护"]
    members = {}
    for township in townships:
        members[township.pk] = [
            services.save_member(
                actor=admin,
                name=f"演示队员{township.name[:2]}{n}",
                township=township,
                skills="、".join(rng.sample(skills, 2)),
                phone="0577-00000000",
            )
            for n in (1, 2)
        ]
    return members


def _activities(rng, admin, township, members) -> None:
    start, today = demo_span(timezone.localdate())
    kinds = list(ActivityKind.objects.filter(active=True))
    talk = next(k for k in kinds if k.name == "安全宣讲")
    open_categories = [c for c in FiveInto.values if c not in GAPS.get(township.name, [])]
    count = rng.randint(*ACTIVITIES_PER_TOWNSHIP)
    for number in range(count):
        # The first ones reach every category the township covers; the rest fall anywhere.
        category = open_categories[number] if number < len(open_categories) else rng.choice(open_categories)
        held_on = start + timedelta(days=rng.randint(0, (today - start).days))
        speaker = rng.choice(members) if members and number % 3 == 0 else None
        kind = talk if speaker else rng.choice(kinds)
        services.save_activity(
            actor=admin, township=township, held_on=held_on, title=f"演示{township.name}{kind.name}{number + 1}",
            kind=kind, category=category, participants=rng.randint(30, 400), organiser=f"{township.name}应急消防管理站",
            place=f"演示地点{number + 1}", speaker=speaker,
        )  # fmt: skip


def _videos(rng, admin, county, townships) -> None:
    start, today = demo_span(timezone.localdate())
    for number in range(1, VIDEOS + 1):
        region = county if number % 3 == 0 else rng.choice(townships)
        made_on = start + timedelta(days=rng.randint(0, (today - start).days))
        published = number < VIDEOS
        services.save_video(
            actor=admin, region=region, title=f"演示警示教育片{number}", producer=f"{region.name}应急管理部门",
            made_on=made_on, duration_minutes=rng.randint(3, 20), link=f"https://www.example.com/demo-video-{number}",
            published=published, published_on=min(today, made_on + timedelta(days=7)) if published else None,
        )  # fmt: skip


def _places(rng, admin, townships) -> None:
    start, today = demo_span(timezone.localdate())
    for township in townships:
        for name, kind in PLACES:
            lat, lng = _near(rng)
            place = services.save_place(actor=admin, township=township, name=f"演示{township.name[:2]}{name}",
                                        kind=kind, lat=lat, lng=lng)  # fmt: skip
            PublicPlace.objects.filter(pk=place.pk).update(created_at=at(start - timedelta(days=30)))
            if rng.random() < PLACES_COVERED:
                services.record_coverage(actor=admin, place=place, content="宣传栏、海报",
                                         covered_on=start + timedelta(days=rng.randint(0, (today - start).days)))  # fmt: skip


def _resources(rng, admin, county) -> None:
    today = timezone.localdate()
    for number, (title, kind) in enumerate(RESOURCES):
        resource = services.save_resource(
            actor=admin, region=county, title=title, kind=kind, summary=f"{title}:示例内容,仅供演示。",
            link=f"https://www.example.com/demo-resource-{number + 1}", published=number < len(RESOURCES) - 1,
        )  # fmt: skip
        month = today.replace(day=1)
        for _back in range(3):
            ResourceScan.objects.create(resource=resource, month=month, count=rng.randint(5, 120))
            month = (month - timedelta(days=1)).replace(day=1)


def _sites(rng, admin, townships) -> None:
    for township in townships:
        for kind, name in SITES:
            lat, lng = _near(rng)
            services.save_site(actor=admin, kind=kind, name=f"演示{township.name[:2]}{name}", township=township,
                               address=f"{township.name}演示路1号", lat=lat, lng=lng)  # fmt: skip
