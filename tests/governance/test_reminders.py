from datetime import date

import pytest

from governance.models import SupervisionTask, TaskReminder
from governance.services import remind_due_tasks
from governance.tasks import remind_due_tasks as remind_task
from tests.governance.factories import SupervisionTaskFactory

pytestmark = pytest.mark.django_db
TODAY = date(2024, 5, 20)


def test_reminders_go_out_once_per_task_and_stage():
    late = SupervisionTaskFactory(deadline=date(2024, 5, 19))
    soon = SupervisionTaskFactory(deadline=date(2024, 5, 23))  # within the 3 days before its deadline
    SupervisionTaskFactory(deadline=date(2024, 5, 24))  # not yet
    SupervisionTaskFactory(deadline=date(2024, 5, 10), status=SupervisionTask.Status.DONE, completed_on=TODAY)
    assert remind_due_tasks(today=TODAY) == 2
    assert TaskReminder.objects.get(task=late).stage == "overdue"
    assert "已超过办理期限" in TaskReminder.objects.get(task=late).message
    assert TaskReminder.objects.get(task=soon).stage == "due_soon"
    assert remind_due_tasks(today=TODAY) == 0  # the same day again: nothing new
    assert remind_due_tasks(today=date(2024, 5, 24)) == 2  # soon is now late; the next one is due soon
    assert remind_due_tasks(today=date(2024, 5, 26)) == 1
    assert TaskReminder.objects.filter(task=soon).count() == 2
    assert TaskReminder.objects.count() == 5


def test_reminders_show_on_the_assignees_task_list(client, lingxi_staff, fanshan_staff):
    from tests.factories import township

    SupervisionTaskFactory(deadline=date(2024, 5, 19), title="落实企业主体责任")
    SupervisionTaskFactory(deadline=date(2024, 5, 19), township=township("矾山镇"), title="矾山镇事项")
    remind_due_tasks(today=TODAY)
    client.force_login(lingxi_staff)
    html = client.get("/governance/tasks/").content.decode()
    assert "督办提醒 1 条" in html and "落实企业主体责任" in html and "矾山镇事项" not in html


@pytest.mark.django_db(transaction=True)
def test_the_job_runs_on_a_real_worker_and_is_idempotent(committed_db, celery_worker):
    from tests.factories import county
    from tests.governance.factories import CommitteeFactory

    committee = CommitteeFactory(kind="safety_committee", parent=None, region=county(), name="测试安委会")
    task = SupervisionTaskFactory(committee=committee, assigned_on=date(2020, 1, 1), deadline=date(2020, 1, 2))
    assert remind_task.delay().get(timeout=60) == 1
    assert remind_task.delay().get(timeout=60) == 0
    assert TaskReminder.objects.filter(task=task).count() == 1


def test_the_jobs_are_on_the_beat_schedule(settings):
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"governance.tasks.remind_due_tasks", "governance.tasks.propose_interviews"} <= schedule
