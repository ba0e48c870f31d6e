from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from governance.models import AgencyAssessment
from org.models import Department
from plan.periods import Month
from plan.registry import registry
from tests.factories import county, township
from tests.governance.factories import AgencyFactory, InterviewFactory, SupervisionTaskFactory

pytestmark = pytest.mark.django_db


def assess(agency, year, half, on):
    AgencyAssessment.objects.create(agency=agency, year=year, half=half, score=80, assessed_on=on)


def test_m5_counts_active_agencies_assessed_in_the_half_year_of_the_month():
    assessed, unassessed, blacklisted = AgencyFactory(), AgencyFactory(), AgencyFactory(blacklisted_on=date(2024, 4, 1))
    AgencyFactory(exited_on=date(2024, 9, 1))  # active until September: counts in May, not in September
    assess(assessed, 2024, 1, date(2024, 5, 10))
    assess(blacklisted, 2024, 1, date(2024, 5, 10))
    indicator = registry.get("M5.agencies")
    may = indicator.measure(period=Month(2024, 5), region=county())
    assert (may.numerator, may.denominator, may.value) == (1, 3, Decimal("33.33"))
    april = indicator.measure(period=Month(2024, 4), region=county())  # assessed after April's end
    assert april.numerator == 0
    september = indicator.measure(period=Month(2024, 9), region=county())  # 下半年: nobody assessed yet
    assert (september.numerator, september.denominator) == (0, 2)
    assess(unassessed, 2024, 2, date(2024, 9, 2))
    assert indicator.measure(period=Month(2024, 9), region=county()).numerator == 1


def test_tasks_on_time_by_department_and_township():
    department = Department.objects.create(name="测试住建局", region=county())
    common = {"assignee_kind": "department", "department": department, "township": None, "region": county()}
    SupervisionTaskFactory(**common, deadline=date(2024, 5, 20), status="done", completed_on=date(2024, 5, 18))
    SupervisionTaskFactory(**common, deadline=date(2024, 5, 20), status="done", completed_on=date(2024, 5, 25))
    SupervisionTaskFactory(**common, deadline=date(2024, 5, 21))
    SupervisionTaskFactory(deadline=date(2024, 5, 20), status="done", completed_on=date(2024, 5, 20))
    indicator = registry.get("governance.tasks_on_time")
    assert indicator.supports_departments
    by_department = indicator.measure(period=Month(2024, 5), department=department)
    assert (by_department.numerator, by_department.denominator) == (1, 3)
    assert indicator.measure(period=Month(2024, 5), region=township("灵溪镇")).value == Decimal(100)
    assert indicator.measure(period=Month(2024, 5), region=county()).denominator == 4


def test_interviews_rectified_counts_those_due_this_year_closed_by_the_months_end():
    InterviewFactory(rectification_due=date(2024, 5, 31), status="closed", closed_on=date(2024, 5, 30))
    InterviewFactory(rectification_due=date(2024, 5, 31), status="closed", closed_on=date(2024, 6, 2))
    InterviewFactory(rectification_due=date(2024, 7, 1))  # not due yet
    indicator = registry.get("governance.interviews_rectified")
    may = indicator.measure(period=Month(2024, 5), region=township("灵溪镇"))
    assert (may.numerator, may.denominator) == (1, 2)
    assert indicator.measure(period=Month(2024, 6), region=township("灵溪镇")).value == Decimal(100)


def test_after_seed_demo_and_a_snapshot_m5_shows_a_value(django_capture_on_commit_callbacks, client):
    from plan import snapshots
    from plan.attainment import attainment
    from plan.selectors import plan_of_year

    call_command("seed_demo", "--force", stdout=StringIO())
    month = Month.of(timezone.localdate()).previous()
    with django_capture_on_commit_callbacks(execute=True):
        snapshots.start_snapshot(period=month)
    items = {item.target.code: item for item in attainment(plan_of_year(month.year), as_of=month.first_day)}
    m5 = items["M5.agencies"]
    assert m5.status.code in ("met", "unmet") and m5.latest.value is not None
    call_command("seed_demo", "--force", stdout=StringIO())  # idempotent
    from governance.models import Agency

    assert Agency.objects.filter(name__startswith="演示").count() == 5
    from org.models import User

    client.force_login(User.objects.get(username="county_admin"))
    rows = client.get("/api/v1/attainment/", {"year": month.year}).json()["results"]
    m5_row = next(row for row in rows if row["code"] == "M5.agencies")
    assert m5_row["value"] is not None and m5_row["status"] in ("met", "unmet")

    # The plan page (where / leads) and the dashboard show the measured value, not 未接入.
    shown = f"({m5.latest.numerator.normalize():f}/{m5.latest.denominator.normalize():f})"
    plan_page = client.get("/", follow=True).content.decode()
    row = plan_page[plan_page.rfind("<tr", 0, plan_page.index("M5.agencies")) :]
    row = row[: row.index("</tr>")]
    assert shown in row and str(m5.status.label) in row and "未接入" not in row
    dashboard = client.get("/dashboard/").content.decode()
    light = dashboard[dashboard.index('data-target="M5.agencies"') :]
    light = light[: light.index("</li>")]
    assert shown in light and "未接入" not in light and f"status-{m5.status.code}" in light
