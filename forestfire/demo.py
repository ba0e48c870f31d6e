"""Demo hotspots, fires, fire-source checks, 三张清单 and standardization assessments in four
townships, month by month over the demo span; and now one hotspot past its hour (flagged, with
its notices) and one with the clock still running, for the phone page.

Codes and names carry “演示” so nobody mistakes them for real records. The history of past
records is dated when they happened, so month-end sheets and indicators read them. Idempotent.
"""

import random
from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.utils import timezone
from PIL import Image

from forestfire import services
from forestfire.models import FireSourceCheck, ForestFire, Hotspot
from forestfire.standardization import KIND, seed_checklist
from org import assessments
from org.demo import at, demo_span
from org.models import Assessment, Region, User
from stations.models import RescueTeam

DEMO_TOWNSHIPS = ["灵溪镇", "矾山镇", "桥墩镇", "马站镇"]
# Rough township positions for the demo hotspots (the feed's own coordinates).
CENTRES = {"灵溪镇": (27.50, 120.40), "矾山镇": (27.31, 120.43), "桥墩镇": (27.42, 120.27), "马站镇": (27.24, 120.36)}
RESULTS = ["farm_burning", "false_alarm", "farm_burning", "other", "forest_fire"]


def seed(*, stdout) -> None:
    if Hotspot.objects.filter(code__startswith="演示").exists():
        stdout.write("forestfire: demo data already present")
        return
    rng = random.Random(66)  # noqa: S311 -- repeatable demo data, not security
    admin = User.objects.get(username="county_admin")
    townships = list(Region.objects.townships().filter(name__in=DEMO_TOWNSHIPS).order_by("sort_order"))
    start, today = demo_span(timezone.localdate())
    hotspots = _past_hotspots(rng, admin, townships, start, today)
    _fires(rng, admin, hotspots)
    _sources(admin, townships, start, today)
    _standardization(admin, townships, today)
    _now(admin, townships)
    stdout.write(f"forestfire: {Hotspot.objects.count()} hotspots, {ForestFire.objects.count()} fires")


def _months(start: date, today: date):
    day = start
    while day <= today:
        yield day
        day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def _past_hotspots(rng, admin, townships, start, today) -> list[Hotspot]:
    """Two hotspots a month in each township, verified and fed back; about one in six late."""
    made, serial = [], 0
    for month in _months(start, today - timedelta(days=1)):
        for township in townships:
            for _n in range(2):
                serial += 1
                day = month.replace(day=rng.randint(1, 27))
                if day >= today:
                    continue
                received = at(day, rng.randint(0, 22), rng.randint(0, 59))
                minutes = rng.choice([12, 18, 25, 31, 40, 47, 55, 75, 95]) if serial % 6 == 0 else rng.randint(10, 55)
                lat, lng = CENTRES[township.name]
                hotspot, _new = services.receive_hotspot(
                    actor=admin,
                    code=f"演示-{day.year}-{serial:04d}",
                    satellite=rng.choice(["FY-3D", "NPP", "NOAA-20", "Himawari-9"]),
                    received_at=received,
                    lat=Decimal(str(lat)) + Decimal(rng.randint(-300, 300)) / 10000,
                    lng=Decimal(str(lng)) + Decimal(rng.randint(-300, 300)) / 10000,
                    pixels=rng.randint(1, 6),
                    land_type=rng.choice(["林地", "耕地", "草地"]),
                    township=township,
                    verified_at=received + timedelta(minutes=minutes),
                    result=RESULTS[serial % len(RESULTS)],
                    verifier=f"{township.name[:2]}护林员",
                    feedback="演示:已到场核查",
                )
                made.append(hotspot)
    Hotspot.history.filter(id__in=[h.pk for h in made]).update(history_date=F("verified_at"))
    return made


def _fires(rng, admin, hotspots) -> None:
    """A fire from each hotspot found to be 林火: most reached within the hour, some not."""
    fires = [h for h in hotspots if h.result == "forest_fire"]
    for number, hotspot in enumerate(fires, start=1):
        reported = hotspot.verified_at
        arrival = 35 + (number * 17) % 50  # 35 … 84 minutes: a few outside the circle
        teams = _first_teams(hotspot.township)
        services.save_fire(
            actor=admin,
            hotspot=hotspot,
            township=hotspot.township,
            place=f"演示{hotspot.township.name[:2]}山场{number}号",
            started_at=hotspot.received_at - timedelta(minutes=20),
            reported_at=reported,
            first_arrived_at=reported + timedelta(minutes=arrival),
            teams=teams,
            first_teams="" if teams else "演示半专业扑火队",
            controlled_at=reported + timedelta(minutes=arrival + 60),
            extinguished_at=reported + timedelta(minutes=arrival + 150),
            burned_area=Decimal(rng.randint(5, 300)) / 100,
            cause=rng.choice(["祭祀用火", "农事用火", "电线短路"]),
        )
    ForestFire.history.filter(place__startswith="演示").update(history_date=F("extinguished_at"))


def _first_teams(township: Region) -> list[RescueTeam]:
    """The township's own forest fire team (else its rescue team) from the stations' register."""
    own = RescueTeam.objects.filter(region=township)
    forest = list(own.filter(kind=RescueTeam.Kind.TOWNSHIP_FOREST)[:1])
    return forest or list(own.filter(kind=RescueTeam.Kind.TOWNSHIP_RESCUE)[:1])


def _sources(admin, townships, start, today) -> None:
    qingming, dongzhi = date(today.year, 4, 4), date(today.year - 1, 12, 21)
    for township in townships:
        for kind, day, finding in (
            (FireSourceCheck.Kind.QINGMING, qingming, "演示:墓区巡查,劝阻焚烧纸钱3起"),
            (FireSourceCheck.Kind.DONGZHI, dongzhi, "演示:未发现违规用火"),
            (FireSourceCheck.Kind.FARM, today - timedelta(days=20), "演示:田间烧秸秆1处,已扑灭并教育"),
        ):
            if start <= day <= today:
                services.save_check(actor=admin, kind=kind, checked_on=day, township=township,
                                    place=f"演示{township.name[:2]}山林", finding=finding,
                                    follow_up="演示:已登记并回访", inspector="护林员")  # fmt: skip
        services.save_risk(actor=admin, township=township, description=f"演示:{township.name[:2]}林区输电线路下可燃物",
                           owner="供电所", measure="清理线路走廊", due_on=today - timedelta(days=10))  # fmt: skip
        services.save_risk(actor=admin, township=township, description=f"演示:{township.name[:2]}取水点淤塞",
                           owner="村委会", due_on=today + timedelta(days=20))  # fmt: skip
        done = services.save_risk(actor=admin, township=township, description=f"演示:{township.name[:2]}防火隔离带杂草",
                                  owner="护林队", due_on=today - timedelta(days=30))  # fmt: skip
        services.complete_risk(actor=admin, risk=done, done_on=today - timedelta(days=32))


def _photo() -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (8, 8), (34, 120, 60)).save(buffer, "PNG")
    return SimpleUploadedFile("演示佐证.png", buffer.getvalue(), content_type="image/png")


def _standardization(admin, townships, today) -> None:
    """The first township verified complete (before last month ended), the next submitted, the third in progress."""
    from django.apps import apps

    seed_checklist(apps.get_model)
    for township, stage in zip(townships, ["passed", "submitted", "draft"], strict=False):
        assessment = assessments.start_assessment(actor=admin, township=township, kind=KIND)
        items = list(assessment.checklist.items.all())
        scores = {
            item.pk: (item.points if stage != "draft" or item.number < 5 else "", "演示:已落实") for item in items
        }
        files = {item.pk: [_photo()] for item in items if item.evidence and stage != "draft"}
        assessments.save_self_assessment(actor=admin, assessment=assessment, scores=scores, files=files)
        if stage == "draft":
            continue
        assessments.submit_assessment(actor=admin, assessment=assessment)
        if stage == "passed":
            verified = {item.pk: (item.points - (1 if item.number % 3 == 0 else 0), "") for item in items}
            assessments.verify_assessment(actor=admin, assessment=assessment, scores=verified)
    # Dated before last month ended, in the order the steps were taken.
    back = at(today.replace(day=1) - timedelta(days=20))
    for row in Assessment.history.filter(checklist__kind=KIND).order_by("history_id"):
        Assessment.history.filter(history_id=row.history_id).update(
            history_date=back + timedelta(minutes=row.history_id)
        )


def _now(admin, townships) -> None:
    """One hotspot past its hour (flagged now) and one still within it, both in 灵溪镇."""
    now, lingxi = timezone.now(), townships[0]
    lat, lng = CENTRES[lingxi.name]
    for code, minutes in (("演示-当前-超时", 95), ("演示-当前-待核查", 15)):
        services.receive_hotspot(actor=admin, code=code, satellite="FY-3D", received_at=now - timedelta(minutes=minutes),
                                 lat=Decimal(str(lat)) + Decimal("0.012"), lng=Decimal(str(lng)) + Decimal("0.008"),
                                 pixels=2, land_type="林地", township=lingxi)  # fmt: skip
    services.flag_overdue_hotspots(now=now)
