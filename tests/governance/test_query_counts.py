"""The governance pages and API lists cost the same number of queries with 3 rows as with 30.

Each case adds rows in two steps (3, then 27 more, spread over townships, with the related rows
each page shows) and compares the queries of the same request before and after.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from governance.models import (
    AgencyAssessment,
    AgencyGrade,
    Committee,
    InterviewFollowUp,
    TaskProgress,
    TaskReminder,
)
from plan.models import RankingPublication
from tests.conftest import api_as
from tests.factories import DepartmentFactory, EnterpriseFactory, township
from tests.governance.factories import (
    AgencyFactory,
    AllianceActivityFactory,
    AllianceFactory,
    CommitteeFactory,
    InterviewFactory,
    InterviewProposalFactory,
    ServiceLogFactory,
    SupervisionTaskFactory,
)

pytestmark = pytest.mark.django_db
TOWNSHIPS = ["灵溪镇", "矾山镇", "钱库镇"]


def spread(index: int):
    return township(TOWNSHIPS[index % 3])


def add_committees(start: int, count: int) -> None:
    """专委会 under the county's 安委会, each with a key area under it and open tasks."""
    root = Committee.objects.get(kind=Committee.Kind.SAFETY_COMMITTEE, parent=None)
    for index in range(start, start + count):
        special = CommitteeFactory(parent=root, lead_department=DepartmentFactory())
        CommitteeFactory(kind=Committee.Kind.KEY_AREA, parent=special)
        SupervisionTaskFactory(committee=special, township=spread(index))


def add_tasks(start: int, count: int) -> None:
    for index in range(start, start + count):
        place = spread(index)
        if index % 2:
            task = SupervisionTaskFactory(
                assignee_kind="department", township=None, department=DepartmentFactory(), region=place.parent
            )
        else:
            task = SupervisionTaskFactory(township=place)
        TaskProgress.objects.create(task=task, on=date(2024, 5, 10), text="进展")
        TaskReminder.objects.create(task=task, stage=TaskReminder.Stage.OVERDUE, message=f"{task.title}已逾期")


def add_interviews(start: int, count: int) -> None:
    for index in range(start, start + count):
        place = spread(index)
        if index % 3 == 1:
            enterprise = EnterpriseFactory(township=place)
            interview = InterviewFactory(unit_kind="enterprise", enterprise=enterprise, township=place)
        elif index % 3 == 2:
            interview = InterviewFactory(
                unit_kind="department", township=None, department=DepartmentFactory(), region=place.parent
            )
        else:
            interview = InterviewFactory(township=place)
        InterviewFollowUp.objects.create(interview=interview, on=date(2024, 5, 20), text="整改中")


def add_proposals(start: int, count: int) -> None:
    """Proposed, one a month (each month published), and a few decided."""
    for index in range(start, start + count):
        period = date(2020 + index // 12, index % 12 + 1, 1)
        RankingPublication.objects.create(period=period, published_at=timezone.now())
        status = "dismissed" if index % 4 == 3 else "proposed"
        InterviewProposalFactory(period=period, township=spread(index), status=status, dismiss_reason="已约谈过")


def add_alliances(start: int, count: int) -> None:
    for index in range(start, start + count):
        alliance = AllianceFactory(township=spread(index))
        alliance.members.add(alliance.lead_enterprise, EnterpriseFactory(township=spread(index)))
        AllianceActivityFactory(alliance=alliance)


def add_agencies(start: int, count: int) -> None:
    for _index in range(start, start + count):
        agency = AgencyFactory()
        AgencyAssessment.objects.create(
            agency=agency, year=2024, half=1, score=Decimal(80), assessed_on=date(2024, 6, 1)
        )
        AgencyGrade.objects.create(agency=agency, year=2023, grade="A", graded_on=date(2024, 1, 5))
        ServiceLogFactory(agency=agency, enterprise=EnterpriseFactory(township=spread(_index)))


def count(fetch) -> tuple[int, object]:
    fetch()  # sessions, content types and caches are filled on the first request
    with CaptureQueriesContext(connection) as queries:
        response = fetch()
    assert response.status_code == 200
    return len(queries), response


def assert_flat(fetch, grow, *, rows) -> None:
    base = rows(count(fetch)[1])
    grow(0, 3)
    small, response = count(fetch)
    assert rows(response) - base == 3
    grow(3, 27)
    large, response = count(fetch)
    assert rows(response) - base == 30
    assert large == small, f"{small} queries with 3 rows, {large} with 30"


def html(marker: str):
    return lambda response: response.content.decode().count(marker)


def api_rows(response) -> int:
    return len(response.json()["results"])


# --- Pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "grow", "marker"),
    [
        ("governance:committees", add_committees, "data-open="),
        ("governance:tasks", add_tasks, '<tr><td data-label="督办事项">'),
        ("governance:interviews", add_interviews, '<tr><td data-label="约谈日期">'),
        ("governance:proposals", add_proposals, 'class="card proposal"'),
        ("governance:alliances", add_alliances, '<tr><td data-label="联盟名称">'),
        ("governance:agencies", add_agencies, '<tr><td data-label="机构名称">'),
    ],
)
def test_the_list_pages(client, county_admin, url, grow, marker):
    client.force_login(county_admin)
    assert_flat(lambda: client.get(reverse(url)), grow, rows=html(marker))


def test_a_township_sees_the_committee_tree_at_the_same_cost(client, lingxi_staff):
    client.force_login(lingxi_staff)
    assert_flat(lambda: client.get(reverse("governance:committees")), add_committees, rows=html("data-open="))


def test_the_committee_page_with_its_open_tasks(client, county_admin):
    client.force_login(county_admin)
    root = Committee.objects.get(kind=Committee.Kind.SAFETY_COMMITTEE, parent=None)
    root.member_departments.add(DepartmentFactory())

    def grow(start, count):
        for index in range(start, start + count):
            SupervisionTaskFactory(committee=root, township=spread(index))

    assert_flat(lambda: client.get(root.get_absolute_url()), grow, rows=html('<tr><td data-label="督办事项">'))


# --- API lists ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "grow"),
    [
        ("committee-list", add_committees),
        ("supervision-task-list", add_tasks),
        ("interview-list", add_interviews),
        ("interview-proposal-list", add_proposals),
        ("alliance-list", add_alliances),
        ("agency-list", add_agencies),
        ("service-log-list", add_agencies),
    ],
)
def test_the_api_lists(county_admin, name, grow):
    api = api_as(county_admin)
    fetch = lambda: api.get(reverse(name), {"page_size": 100})  # noqa: E731
    if name == "committee-list":
        # Each new 专委会 brings a key area with it: two committees a row.
        assert_flat(fetch, grow, rows=lambda response: api_rows(response) // 2)
    else:
        assert_flat(fetch, grow, rows=api_rows)
