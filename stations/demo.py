"""Demo data for stations: township seats and demo villages get coordinates (roughly in the county),
the 18 stations in mixed states, the accreditation checklist's first version with verified passes,
a submission awaiting the county and drafts, grids with their workers, the county's rescue teams
with their evaluations, enforcement cases this year and last, and the agreement with 福鼎市.

Names carry "演示" so nobody mistakes them for real records. Idempotent: a second run adds nothing.
"""

import math
import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from org.demo import at, demo_span
from org.models import Assessment, AssessmentScore, Region, User
from org.seeding import COUNTY
from stations import accreditation
from stations.models import (
    EntrustedCase,
    Grid,
    GridWorker,
    LinkageAgreement,
    MeasuredTravelTime,
    RescueTeam,
    Station,
    TeamEvaluation,
)

# Approximate seats of the 18 townships (made up around the county, not surveyed).
SEATS = {
    "灵溪镇": (27.5080, 120.4180),
    "宜山镇": (27.5480, 120.4720),
    "钱库镇": (27.5450, 120.5400),
    "金乡镇": (27.4370, 120.6050),
    "望里镇": (27.4900, 120.5700),
    "藻溪镇": (27.4650, 120.3550),
    "桥墩镇": (27.4550, 120.2550),
    "矾山镇": (27.3800, 120.3970),
    "赤溪镇": (27.3450, 120.5200),
    "马站镇": (27.2400, 120.5250),
    "炎亭镇": (27.4500, 120.6500),
    "大渔镇": (27.4000, 120.6200),
    "莒溪镇": (27.4050, 120.2700),
    "南宋镇": (27.4100, 120.3300),
    "霞关镇": (27.1700, 120.5750),
    "沿浦镇": (27.2050, 120.5450),
    "凤阳畲族乡": (27.2550, 120.4450),
    "岱岭畲族乡": (27.1950, 120.4800),
}
# Station states by township order: 12 built (10 of them accredited), 4 building, 2 planned.
BUILDING = {"钱库镇", "桥墩镇", "赤溪镇", "莒溪镇"}
PLANNED = {"南宋镇", "岱岭畲族乡"}
# Built stations whose accreditation is not (yet) a verified pass: 灵溪镇 is still drafting its
# self-assessment (the journey a new clerk follows), 宜山镇 awaits the county.
NOT_PASSED = {"灵溪镇": Assessment.Status.DRAFT, "宜山镇": Assessment.Status.SUBMITTED}
# Villages farther out than a rescue circle reaches (km from the seat), so coverage is honest.
FAR_VILLAGE_KM = 9.0


def seed(*, stdout) -> None:
    if Station.objects.filter(is_demo=True).exists():
        stdout.write("stations: demo data already present")
        return
    rng = random.Random(1335)  # noqa: S311 -- repeatable demo data, not security
    today = timezone.localdate()
    start, _ = demo_span(today)
    county = Region.objects.get(name=COUNTY[0], level=Region.Level.COUNTY)
    townships = list(Region.objects.townships().filter(parent=county).order_by("sort_order"))
    admin = User.objects.get(username="county_admin")
    _place_townships(rng, townships)
    stations = _stations(rng, townships, start)
    _accreditation(rng, stations, admin, start)
    _grids(rng, townships)
    _teams(rng, county, townships, start, today)
    _cases(rng, townships, start, today)
    LinkageAgreement.objects.create(
        region=county,
        partner="福鼎市",
        title="苍南县—福鼎市跨区域应急联动合作协议(演示)",
        signed_on=start + timedelta(days=45),
        scope="边界森林火灾、台风洪涝、海上搜救信息互通、队伍互援、物资互济",
        uploaded_by=admin,
        is_demo=True,
    )
    _date_history(start)
    stdout.write(
        f"stations: {len(stations)} demo stations, {Grid.objects.count()} grids, "
        f"{RescueTeam.objects.count()} teams, {EntrustedCase.objects.count()} cases"
    )


def _date_history(start: date) -> None:
    """The registers were kept before the demo span began: their first history entries say so, so
    each month's workbook (read from the history) lists them."""
    before = at(start - timedelta(days=1))
    for model in (Station, Grid, GridWorker, RescueTeam, TeamEvaluation, EntrustedCase, LinkageAgreement):
        model.history.filter(history_date__gt=before).update(history_date=before)


def _offset(lat: float, lng: float, km: float, bearing: float) -> tuple[Decimal, Decimal]:
    d_lat = km / 111.0 * math.cos(bearing)
    d_lng = km / (111.0 * math.cos(math.radians(lat))) * math.sin(bearing)
    return Decimal(f"{lat + d_lat:.6f}"), Decimal(f"{lng + d_lng:.6f}")


def _place_townships(rng: random.Random, townships: list[Region]) -> None:
    """Seats and demo villages without coordinates get them; a register's own stay as they are."""
    for township in townships:
        lat, lng = SEATS[township.name]
        if township.lat is None:
            Region.objects.filter(pk=township.pk).update(lat=Decimal(str(lat)), lng=Decimal(str(lng)))
            township.lat, township.lng = Decimal(str(lat)), Decimal(str(lng))
        villages = Region.objects.villages().filter(parent=township, is_demo=True, lat__isnull=True)
        for number, village in enumerate(villages.order_by("sort_order")):
            # The third village of every third township lies beyond the 15-minute circle.
            far = number == 2 and township.sort_order % 3 == 0
            km = FAR_VILLAGE_KM if far else rng.uniform(0.8, 5.5)
            v_lat, v_lng = _offset(lat, lng, km, rng.uniform(0, 2 * math.pi))
            Region.objects.filter(pk=village.pk).update(
                lat=v_lat, lng=v_lng, kind=Region.Kind.COMMUNITY if number == 0 else Region.Kind.VILLAGE
            )


def _stations(rng: random.Random, townships: list[Region], start: date) -> list[Station]:
    stations = []
    for township in townships:
        name = township.name
        status = (
            Station.Status.BUILDING
            if name in BUILDING
            else Station.Status.PLANNED
            if name in PLANNED
            else Station.Status.BUILT
        )
        built = status == Station.Status.BUILT
        lat, lng = _offset(float(township.lat), float(township.lng), rng.uniform(0.1, 0.6), rng.uniform(0, 6.28))
        fire_team = rng.random() < 0.5
        stations.append(
            Station.objects.create(
                township=township,
                name=f"{name}应急消防管理站",
                status=status,
                planned_on=start - timedelta(days=rng.randint(400, 600)),
                started_on=None if status == Station.Status.PLANNED else start - timedelta(days=rng.randint(200, 390)),
                built_on=start - timedelta(days=rng.randint(10, 180)) if built else None,
                address=f"{name}演示路{rng.randint(1, 99)}号",
                lat=lat if status != Station.Status.PLANNED else None,
                lng=lng if status != Station.Status.PLANNED else None,
                staff_count=rng.randint(4, 12),
                has_fire_team=fire_team,
                fire_team_members=rng.randint(5, 14) if fire_team else 0,
                head=f"演示站长{township.sort_order}",
                phone=f"1385770{township.sort_order:04d}",
                station_team_integrated=built and rng.random() < 0.8,
                emergency_fire_integrated=built and rng.random() < 0.7,
                prevention_fire_integrated=built and rng.random() < 0.6,
                is_demo=True,
            )
        )
    return stations


def _accreditation(rng: random.Random, stations: list[Station], admin: User, start: date) -> None:
    """Verified passes dated within the demo span (their history too, so past snapshots count them)."""
    checklist = accreditation.publish_first_version()
    items = list(checklist.items.all())
    for station in stations:
        if not station.is_built:
            continue
        status = NOT_PASSED.get(station.township.name, Assessment.Status.PASSED)
        scores = [(item, item.points - Decimal(rng.randint(0, 2))) for item in items]
        total = sum((score for _item, score in scores), Decimal(0))
        passed = status == Assessment.Status.PASSED
        submitted = status != Assessment.Status.DRAFT
        verified_on = start + timedelta(days=rng.randint(5, 30))
        assessment = Assessment.objects.create(
            checklist=checklist,
            township=station.township,
            status=status,
            self_total=total,
            verified_total=total if passed else None,
            submitted_at=at(verified_on - timedelta(days=3)) if submitted else None,
            verified_at=at(verified_on) if passed else None,
            verified_by=admin if passed else None,
        )
        AssessmentScore.objects.bulk_create(
            AssessmentScore(
                assessment=assessment, item=item, self_score=score, verified_score=score if passed else None
            )
            for item, score in scores
        )
        if status != Assessment.Status.DRAFT:
            assessment.history.update(history_date=at(verified_on))


def _grids(rng: random.Random, townships: list[Region]) -> None:
    """One or two grids per demo village; most villages' grids cover all three duties together."""
    number = 0
    for village in Region.objects.villages().filter(parent__in=townships, is_demo=True).order_by("path"):
        partial = rng.random() < 0.2
        for order in range(1, rng.randint(1, 2) + 1):
            number += 1
            grid = Grid.objects.create(
                village=village,
                name=f"{village.name}第{order}网格",
                covers_safety=True,
                covers_fire=order == 1 or rng.random() < 0.5,
                covers_disaster=not partial,
                is_demo=True,
            )
            GridWorker.objects.create(grid=grid, name=f"演示网格员{number}", phone=f"1390577{number:04d}")
    far = Region.objects.villages().filter(parent__in=townships, is_demo=True).order_by("path").first()
    if far is not None:
        MeasuredTravelTime.objects.create(region=far, minutes=Decimal("11.5"), source="演示路网测算")


def _teams(rng: random.Random, county: Region, townships: list[Region], start: date, today: date) -> None:
    by_name = {t.name: t for t in townships}

    def team(name, kind, region, lat=None, lng=None):
        if lat is None:
            lat, lng = _offset(float(region.lat or 27.45), float(region.lng or 120.45), rng.uniform(0.2, 1.5), 1.0)
        return RescueTeam.objects.create(
            name=name,
            kind=kind,
            region=region,
            leader=f"演示队长{RescueTeam.objects.count() + 1}",
            phone=f"1376770{RescueTeam.objects.count() + 1:04d}",
            members=rng.randint(12, 60),
            equipment="冲锋舟、救生衣、破拆工具组、应急照明",
            lat=lat,
            lng=lng,
            is_demo=True,
        )

    specialties = list(TeamEvaluation.Specialty.values)[:5]
    for number in range(1, 8):
        social = team(f"苍南县演示社会应急力量{number}队", RescueTeam.Kind.SOCIAL, county, *SEATS["灵溪镇"])
        if number <= 6:
            assessed = start + timedelta(days=rng.randint(0, 60))
            # The sixth was assessed three years ago: its evaluation runs out within the warning window.
            if number == 6:
                assessed = today.replace(year=today.year - 3) + timedelta(days=30)
            TeamEvaluation.objects.create(
                team=social,
                specialty=specialties[number % 5],
                level=rng.choice([1, 2, 3]),
                assessed_on=assessed,
                valid_until=assessed.replace(year=assessed.year + 3),
            )
    for number, name in enumerate(["灵溪镇", "矾山镇", "马站镇"], start=1):
        team(f"苍南县演示森林消防队(县级){number}队", RescueTeam.Kind.COUNTY_FOREST, county, *SEATS[name])
    for name in list(by_name)[:12]:
        team(f"{name}演示森林消防队", RescueTeam.Kind.TOWNSHIP_FOREST, by_name[name])
    for name in ["灵溪镇", "矾山镇", "马站镇", "金乡镇", "钱库镇", "桥墩镇", "霞关镇", "藻溪镇"]:
        team(f"{name}演示综合应急救援队", RescueTeam.Kind.TOWNSHIP_RESCUE, by_name[name])
    for name in ["灵溪镇", "钱库镇", "马站镇"]:
        team(f"{name}演示专职消防队", RescueTeam.Kind.FIRE, by_name[name])


def _cases(rng: random.Random, townships: list[Region], start: date, today: date) -> None:
    """Cases this year to date and over the same months last year: this year more are entrusted."""
    types = ["安全生产违法行为", "消防安全违法行为", "危化品违规储存", "未落实隐患整改"]
    cases = []
    for township in townships[:10]:
        for year_back, share in ((1, 0.3), (0, 0.55)):
            first = start.replace(year=start.year - year_back)
            last = today.replace(year=today.year - year_back, day=min(today.day, 28))
            for _ in range(rng.randint(4, 8)):
                decided = first + timedelta(days=rng.randint(0, max(0, (last - first).days)))
                cases.append(
                    EntrustedCase(
                        township=township,
                        number=f"演示执法〔{decided.year}〕{len(cases) + 1}号",
                        decided_on=decided,
                        case_type=rng.choice(types),
                        entrusted=rng.random() < share,
                        is_demo=True,
                    )
                )
    EntrustedCase.objects.bulk_create(cases)
