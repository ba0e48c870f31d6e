"""督办提醒 reaches the assignee's people and 约谈 the interviewed unit's, on commit and once."""

from datetime import date

import pytest

from governance import services
from governance.models import Interview, SupervisionTask
from org.models import InboxItem, User
from tests.factories import DepartmentFactory, UserFactory, county, township
from tests.governance.factories import SupervisionTaskFactory

pytestmark = pytest.mark.django_db
TODAY = date(2024, 5, 20)


def kinds(user) -> list[str]:
    return list(InboxItem.objects.filter(recipient=user).values_list("kind", flat=True))


def test_task_reminders_reach_the_assignee_once_per_stage(committed, lingxi_staff, fanshan_staff):
    department = DepartmentFactory(name="测试水利局")
    officer = UserFactory(username="t_water", role=User.Role.DEPARTMENT_STAFF, region=county(), department=department)
    late = SupervisionTaskFactory(deadline=date(2024, 5, 19), title="落实企业主体责任")
    SupervisionTaskFactory(
        deadline=date(2024, 5, 22),
        assignee_kind=SupervisionTask.AssigneeKind.DEPARTMENT,
        township=None,
        department=department,
        region=county(),
    )
    assert committed(services.remind_due_tasks, today=TODAY) == 2
    assert committed(services.remind_due_tasks, today=TODAY) == 0
    item = InboxItem.objects.get(recipient=lingxi_staff)
    assert item.kind == InboxItem.Kind.TASK_REMINDER and "落实企业主体责任" in item.title
    assert item.url == late.get_absolute_url()
    assert kinds(officer) == [InboxItem.Kind.TASK_REMINDER]
    assert kinds(fanshan_staff) == []
    committed(services.remind_due_tasks, today=date(2024, 5, 23))  # the department's task is now late
    assert kinds(officer) == [InboxItem.Kind.TASK_REMINDER] * 2


def test_an_interview_reaches_the_interviewed_township(committed, county_admin, lingxi_staff, fanshan_staff):
    interview = committed(
        services.register_interview,
        actor=county_admin, level=Interview.Level.COUNTY_COMMITTEE, unit_kind="township", township=township("灵溪镇"),
        reason=Interview.Reason.LISTING, held_on=date(2024, 5, 6), rectification="限期整改消防通道",
        rectification_due=date(2024, 6, 5),
    )  # fmt: skip
    item = InboxItem.objects.get(recipient=lingxi_staff)
    assert (
        item.kind == InboxItem.Kind.INTERVIEW and item.title == "灵溪镇被县安委会约谈(2024-05-06),整改期限2024-06-05。"
    )
    assert item.body == "限期整改消防通道" and item.url == interview.get_absolute_url()
    assert kinds(fanshan_staff) == [] and kinds(county_admin) == []
