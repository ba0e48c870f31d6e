"""Demo rows of governance, dated within org's demo span: tasks of the 专委会 (on time, late and
open), meetings, interviews with follow-ups, a mutual-aid alliance with activities, a compliance
pilot, service agencies assessed each half-year (one blacklisted, one not yet assessed this half),
their service logs and experts' visits. Names carry "演示". Idempotent: a second run adds nothing.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.apps import apps
from django.utils import timezone

from governance import services
from governance.models import Agency, Committee, Half, half_of
from governance.seeding import seed_committees
from org.demo import DEMO_TOWNSHIPS, demo_span, last_month
from org.models import Department, Enterprise, Region, User
from org.validators import credit_code_check_char

AGENCIES = [
    ("演示安全技术咨询有限公司", "consulting"),
    ("演示安全培训学校", "training"),
    ("演示安全评价中心", "evaluation"),
    ("演示检测检验有限公司", "testing"),
    ("演示安全托管服务有限公司", "hosting"),
]


def seed(*, stdout) -> None:
    if Agency.objects.filter(name__startswith="演示").exists():
        stdout.write("governance: demo data already present")
        return
    actor = User.objects.get(username="county_admin")
    today = timezone.localdate()
    start, _end = demo_span(today)
    county = Region.objects.get(level=Region.Level.COUNTY, name="苍南县")
    seed_committees(apps.get_model)  # the default tree, should a flushed database have lost it
    townships = list(Region.objects.townships().filter(name__in=DEMO_TOWNSHIPS).order_by("sort_order"))
    enterprises = list(Enterprise.objects.filter(name__startswith="演示", township__in=townships).order_by("pk"))
    _tasks(actor, county, townships, start, today)
    _interviews(actor, townships, start, today)
    _alliance(actor, townships[0], enterprises, start)
    agencies = _agencies(actor, county, start, today)
    _services(actor, agencies, enterprises, start)
    stdout.write(f"governance: {len(agencies)} demo agencies, tasks and interviews since {start}")


def _tasks(actor: User, county: Region, townships: list[Region], start: date, today: date) -> None:
    committees = list(Committee.objects.filter(region=county, kind=Committee.Kind.SPECIAL).order_by("sort_order")[:3])
    departments = list(Department.objects.filter(region=county).order_by("sort_order", "pk")[:3])
    month = start
    while month <= today:
        meeting = services.record_meeting(
            actor=actor,
            committee=committees[0],
            held_on=month + timedelta(days=4),
            topics="演示:本月安全生产形势会商",
            attendee_departments=departments,
            attendees="各成员单位分管负责人",
            decisions="对排名靠后乡镇开展督办",
        )
        for index, township in enumerate(townships[:3]):
            _task(actor, meeting.committee, meeting, township, None, month, today, index)
        for index, department in enumerate(departments):
            _task(actor, meeting.committee, meeting, None, department, month, today, index + 1)
        month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def _task(actor, committee, meeting, township, department, month, today, index) -> None:
    assigned = meeting.held_on
    if assigned > today:
        return
    deadline = assigned + timedelta(days=20)
    task = services.assign_task(
        actor=actor,
        committee=committee,
        meeting=meeting,
        title=f"演示督办:{(township or department).name}{assigned:%m}月隐患整改",
        assignee_kind="township" if township else "department",
        township=township,
        department=department,
        assigned_on=assigned,
        deadline=deadline,
    )
    if deadline + timedelta(days=5) > today:
        return
    services.report_progress(actor=actor, task=task, on=assigned + timedelta(days=10), text="已制定整改方案并落实")
    # Most are done on time, every third one late.
    done_on = deadline + timedelta(days=4) if index % 3 == 2 else deadline - timedelta(days=2)
    services.complete_task(actor=actor, task=task, completed_on=done_on)


def _interviews(actor: User, townships: list[Region], start: date, today: date) -> None:
    for index, township in enumerate(townships[:3]):
        held = start + timedelta(days=30 * (index + 1))
        if held + timedelta(days=30) > today:
            continue
        interview = services.register_interview(
            actor=actor,
            level="county_committee",
            unit_kind="township",
            township=township,
            reason="overdue_hazards" if index else "listing",
            reason_detail="演示:重大隐患逾期未整改",
            held_on=held,
            attendees="乡镇分管负责人、应急消防管理站站长",
            rectification="一个月内完成逾期隐患整改销号",
            rectification_due=held + timedelta(days=30),
        )
        services.follow_up_interview(actor=actor, interview=interview, on=held + timedelta(days=15), text="已整改过半")
        if index != 2:
            services.close_interview(actor=actor, interview=interview, closed_on=held + timedelta(days=28))


def _alliance(actor: User, township: Region, enterprises: list[Enterprise], start: date) -> None:
    members = [e for e in enterprises if e.township_id == township.pk]
    if not members:
        return
    alliance = services.save_alliance(
        actor=actor,
        name=f"演示{township.name}安全生产互助联盟",
        kind="township",
        township=township,
        lead_enterprise=members[0],
        members=members,
        founded_on=start,
    )
    for offset, kind in enumerate(("study", "inspect", "help", "guarantee")):
        services.record_activity(
            actor=actor, alliance=alliance, kind=kind, held_on=start + timedelta(days=20 * offset + 10),
            topic="演示联盟活动", findings="互查发现问题2处,已当场整改",
        )  # fmt: skip
    services.save_pilot(actor=actor, enterprise=members[0], since=start, notes="演示合规管理试点")


def _code(number: int) -> str:
    first17 = f"91330327MA2{number:05d}X1"[:17]
    return first17 + credit_code_check_char(first17)


def _agencies(actor: User, county: Region, start: date, today: date) -> list[Agency]:
    month_end = last_month(today)[1]
    agencies = []
    for number, (name, category) in enumerate(AGENCIES, start=1):
        agency = services.save_agency(
            actor=actor, name=name, credit_code=_code(number), category=category, engineers=2 + number,
            enterprises_served=10 * number, qualification_expires=date(today.year + 2, 12, 31), region=county,
        )  # fmt: skip
        agencies.append(agency)
    # Every half-year of the span, every agency but the last assessed by the half's 20th day.
    half_start = date(start.year, 1, 1)
    while half_start <= month_end:
        assessed_on = min(half_start + timedelta(days=20), month_end)
        for number, agency in enumerate(agencies[:-1]):
            services.assess_agency(
                actor=actor, agency=agency, year=half_start.year, half=half_of(half_start),
                score=Decimal(70 + 5 * number), assessor="县应急管理局", assessed_on=assessed_on,
            )  # fmt: skip
        half_start = (
            date(half_start.year, 7, 1) if half_of(half_start) == Half.FIRST else date(half_start.year + 1, 1, 1)
        )
    for number, agency in enumerate(agencies):
        services.grade_agency(actor=actor, agency=agency, year=start.year, grade="ABCD"[number % 4], graded_on=start)
    services.blacklist_agency(actor=actor, agency=agencies[3], reason="演示:出具虚假检测报告", on=month_end)
    return agencies


def _services(actor: User, agencies: list[Agency], enterprises: list[Enterprise], start: date) -> None:
    active = list(Agency.objects.filter(pk__in=[a.pk for a in agencies], status=Agency.Status.ACTIVE).order_by("pk"))
    for index, enterprise in enumerate(enterprises):
        services.log_service(
            actor=actor, agency=active[index % len(active)], enterprise=enterprise,
            served_on=start + timedelta(days=7 * index), service="演示:安全生产标准化指导", findings="消防器材过期",
            hazards_reported=index % 3,
        )  # fmt: skip
        if index % 3 == 0:
            services.record_expert_visit(
                actor=actor, enterprise=enterprise, visited_on=start + timedelta(days=7 * index + 3),
                expert="演示专家", topics="有限空间作业安全", kind="face_to_face" if index % 2 else "teaching",
            )  # fmt: skip
