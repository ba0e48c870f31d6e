"""Demo data for org: villages (marked demo), county departments, one user per role and a few
enterprises (生产经营单位) in six townships for the other apps' demo records.

Every app's demo records are dated within ``demo_span``: from 1 January of last month's year up to
today, so that the snapshot of last month (and of each month before it that year) has real data.
"""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from rest_framework.authtoken.models import Token

from org.models import Department, Enterprise, Region, User
from org.seeding import COUNTY
from org.services import county_admin_group, create_portal_user
from org.validators import CREDIT_CODE_CHARS, credit_code_check_char

DEMO_PASSWORD = "Yingji-365-demo"  # noqa: S105 -- printed for demo logins on purpose
DEMO_VILLAGES_PER_TOWNSHIP = 3
DEMO_TOWNSHIPS = ["灵溪镇", "矾山镇", "钱库镇", "马站镇", "桥墩镇", "金乡镇"]
DEMO_ENTERPRISES_PER_TOWNSHIP = 3
# Each township's demo enterprises, by number: industry (None: one of the others at random) and
# whether it uses hazardous chemicals, so every register indicator has units to count.
ENTERPRISE_PROFILES = {1: ("chemicals", True), 2: ("trade", False), 3: (None, False)}

DEPARTMENTS = [
    ("苍南县应急管理局", "应急管理局"),
    ("苍南县消防救援大队", "消防救援大队"),
    ("苍南县水利局", "水利局"),
    ("苍南县自然资源和规划局", "自然资源和规划局"),
    ("苍南县住房和城乡建设局", "住建局"),
    ("苍南县交通运输局", "交通运输局"),
    ("苍南县市场监督管理局", "市场监管局"),
    ("苍南县农业农村局", "农业农村局"),
    ("苍南县教育局", "教育局"),
    ("苍南县气象局", "气象局"),
]

# username, role, region name (None: the county), department short name, full name
USERS = [
    ("county_admin", User.Role.COUNTY_ADMIN, None, None, "县应急管理局管理员"),
    ("county_viewer", User.Role.COUNTY_VIEWER, None, None, "县领导"),
    ("dept_yjj", User.Role.DEPARTMENT_STAFF, None, "应急管理局", "应急管理局科员"),
    ("lingxi_staff", User.Role.TOWNSHIP_STAFF, "灵溪镇", None, "灵溪镇应急消防管理站"),
    ("fanshan_staff", User.Role.TOWNSHIP_STAFF, "矾山镇", None, "矾山镇应急消防管理站"),
    ("lingxi_cadre", User.Role.VILLAGE_CADRE, "灵溪演示1村", None, "灵溪演示1村网格员"),
    ("api_client", User.Role.API_CLIENT, None, None, "城市大脑接口"),
]


def last_month(today: date) -> tuple[date, date]:
    """The first and last day of the month before ``today``'s."""
    end = today.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def demo_span(today: date) -> tuple[date, date]:
    """Where demo records' dates fall: 1 January of last month's year to today."""
    return date(last_month(today)[0].year, 1, 1), today


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """A demo record's time on ``day``, in the portal's time zone."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def seed(*, stdout) -> None:
    county = Region.objects.get(name=COUNTY[0], level=Region.Level.COUNTY)
    _seed_villages(county)
    _seed_departments(county)
    _seed_enterprises(demo_span(timezone.localdate())[0])
    county_admin_group()
    created = _seed_users(county)
    stdout.write(f"演示账号(密码:{DEMO_PASSWORD}):")
    for user in User.objects.filter(username__in=[row[0] for row in USERS]).select_related("region"):
        mark = " (new)" if user.username in created else ""
        stdout.write(f"  {user.username:<14} {user.get_role_display()} · {user.region}{mark}")
    token = Token.objects.get_or_create(user=User.objects.get(username="api_client"))[0]
    stdout.write(f"  api_client token: {token.key}")


def _seed_villages(county: Region) -> None:
    for township in Region.objects.filter(parent=county, level=Region.Level.TOWNSHIP):
        stem = township.name[:2]
        for number in range(1, DEMO_VILLAGES_PER_TOWNSHIP + 1):
            Region.objects.get_or_create(
                parent=township,
                name=f"{stem}演示{number}村",
                defaults={"level": Region.Level.VILLAGE, "is_demo": True, "sort_order": number},
            )


def _seed_departments(county: Region) -> None:
    for order, (name, short_name) in enumerate(DEPARTMENTS, start=1):
        Department.objects.get_or_create(
            region=county, name=name, defaults={"short_name": short_name, "sort_order": order}
        )


def demo_code(rng: random.Random) -> str:
    body = "91330327" + "".join(rng.choice(CREDIT_CODE_CHARS) for _ in range(9))
    return body + credit_code_check_char(body)


def _seed_enterprises(start: date) -> None:
    """Registered in the year before the demo span, so every month of it counts them (A1.coverage
    counts the units registered by the end of the month)."""
    rng = random.Random(365)  # noqa: S311 -- repeatable demo data, not security
    for township in Region.objects.townships().filter(name__in=DEMO_TOWNSHIPS).order_by("sort_order"):
        for number in range(1, DEMO_ENTERPRISES_PER_TOWNSHIP + 1):
            industry, chemicals = ENTERPRISE_PROFILES[number]
            enterprise, created = Enterprise.objects.get_or_create(
                name=f"演示{township.name[:2]}{number}号企业",
                township=township,
                defaults={
                    "credit_code": demo_code(rng),
                    "industry": industry or rng.choice(["construction", "small_venues", "other"]),
                    "risk_level": rng.choice(["red", "orange", "yellow", "blue"]),
                    "supervised": chemicals or rng.random() < 0.9,
                    "uses_hazardous_chemicals": chemicals,
                    "old_equipment_evaluated": rng.random() < 0.6,
                },
            )
            if created:
                registered = at(start - timedelta(days=rng.randint(30, 700)))
                Enterprise.objects.filter(pk=enterprise.pk).update(created_at=registered)


def _seed_users(county: Region) -> set[str]:
    created = set()
    for username, role, region_name, department_name, full_name in USERS:
        if User.objects.filter(username=username).exists():
            continue
        region = Region.objects.get(name=region_name) if region_name else county
        department = Department.objects.get(short_name=department_name) if department_name else None
        create_portal_user(
            username=username,
            password=DEMO_PASSWORD,
            role=role,
            region=region,
            department=department,
            full_name=full_name,
        )
        created.add(username)
    return created
