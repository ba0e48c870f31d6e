"""“1+9+N”: the committee tree, monthly meetings, 督办事项 with progress, and their reminders."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from governance.models import Committee, Meeting, SupervisionTask, TaskEvidence, TaskProgress, TaskReminder
from governance.services.evidence import check_files, store_files
from governance.services.rules import can_keep_registers, can_report_on
from org import inbox
from org.access import require, require_within
from org.changes import UNSET, assign, save
from org.errors import Conflict
from org.models import Department, Region, User

Kind = SupervisionTask.AssigneeKind


def _require_keeper(actor: User) -> None:
    require(can_keep_registers(actor), _("只有县级管理员可以维护“1+9+N”工作机制。"))


@transaction.atomic
def save_committee(
    *,
    actor: User,
    committee: Committee | None = None,
    kind: str = UNSET,
    name: str = UNSET,
    parent: Committee | None = UNSET,
    region: Region = UNSET,
    lead_department: Department | None = UNSET,
    member_departments: list[Department] = UNSET,
    duties: str = UNSET,
    sort_order: int = UNSET,
) -> Committee:
    """登记或修改委员会 (安委会、专委会、重点领域)."""
    _require_keeper(actor)
    committee = committee or Committee()
    changed = assign(
        committee,
        kind=kind,
        name=name,
        parent=parent,
        region=region,
        lead_department=lead_department,
        duties=duties,
        sort_order=sort_order,
    )
    require_within(actor, committee.region if committee.region_id else None)
    if committee.parent_id and committee.pk and committee.parent_id == committee.pk:
        raise ValidationError({"parent": _("委员会不能以自己为上级。")})
    if committee.kind != Committee.Kind.SAFETY_COMMITTEE and committee.parent is None:
        raise ValidationError({"parent": _("专委会和重点领域须指定上级委员会。")})
    committee.full_clean(exclude=["member_departments"])
    save(committee, changed)
    if member_departments is not UNSET:
        committee.member_departments.set(member_departments)
    return committee


@transaction.atomic
def record_meeting(
    *,
    actor: User,
    committee: Committee,
    held_on: date,
    topics: str,
    attendee_departments: list[Department] = (),
    attendees: str = "",
    decisions: str = "",
) -> Meeting:
    """记录月度会商; its decisions become 督办事项 through ``assign_task(meeting=…)``."""
    _require_keeper(actor)
    require_within(actor, committee.region)
    meeting = Meeting(
        committee=committee, held_on=held_on, topics=topics, attendees=attendees, decisions=decisions, created_by=actor
    )
    meeting.full_clean()
    meeting.save()
    meeting.attendee_departments.set(attendee_departments)
    return meeting


@transaction.atomic
def assign_task(
    *,
    actor: User,
    committee: Committee,
    title: str,
    assignee_kind: str,
    assigned_on: date,
    deadline: date,
    department: Department | None = None,
    township: Region | None = None,
    description: str = "",
    meeting: Meeting | None = None,
) -> SupervisionTask:
    """交办督办事项 to one department or one township, with a deadline."""
    _require_keeper(actor)
    require_within(actor, committee.region)
    if meeting is not None and meeting.committee_id != committee.pk:
        raise ValidationError({"meeting": _("会商不属于该委员会。")})
    task = SupervisionTask(
        committee=committee,
        meeting=meeting,
        title=title,
        description=description,
        assignee_kind=assignee_kind,
        assigned_on=assigned_on,
        deadline=deadline,
        created_by=actor,
    )
    _place(task, department=department, township=township)
    if deadline < assigned_on:
        raise ValidationError({"deadline": _("办理期限不能早于交办日期。")})
    task.full_clean()
    task.save()
    return task


def _place(task: SupervisionTask, *, department: Department | None, township: Region | None) -> None:
    if task.assignee_kind == Kind.DEPARTMENT:
        if department is None:
            raise ValidationError({"department": _("请选择承办部门。")})
        task.department, task.township, task.region = department, None, department.region
    elif task.assignee_kind == Kind.TOWNSHIP:
        if township is None or township.level != Region.Level.TOWNSHIP:
            raise ValidationError({"township": _("请选择承办乡镇。")})
        task.department, task.township, task.region = None, township, township
    else:
        raise ValidationError({"assignee_kind": _("请选择承办单位类型。")})


@transaction.atomic
def update_task(
    *,
    actor: User,
    task: SupervisionTask,
    title: str = UNSET,
    description: str = UNSET,
    deadline: date = UNSET,
) -> SupervisionTask:
    """修改督办事项 (its wording or deadline) while it is open."""
    _require_keeper(actor)
    task = _lock(task)
    if task.status == SupervisionTask.Status.DONE:
        raise Conflict(_("督办事项已办结,不能再修改。"))
    changed = assign(task, title=title, description=description, deadline=deadline)
    if task.deadline < task.assigned_on:
        raise ValidationError({"deadline": _("办理期限不能早于交办日期。")})
    task.full_clean()
    save(task, changed)
    return task


@transaction.atomic
def report_progress(
    *,
    actor: User,
    task: SupervisionTask,
    on: date,
    text: str,
    evidence: str = "",
    files: Iterable[UploadedFile] = (),
) -> TaskProgress:
    """报送办理进展: the assignee (or the county) records what was done, with its evidence: a note
    and photos or files, each checked before anything is stored."""
    require(can_report_on(actor, task.region, task.department_id), _("只能为本单位承办的督办事项报送进展。"))
    task = _lock(task)
    if task.status == SupervisionTask.Status.DONE:
        raise Conflict(_("督办事项已办结。"))
    checked = check_files(files)
    progress = TaskProgress(task=task, on=on, text=text, evidence=evidence, actor=actor)
    progress.full_clean()
    progress.save()
    store_files(checked, actor=actor, make=lambda: TaskEvidence(progress=progress))
    return progress


@transaction.atomic
def complete_task(*, actor: User, task: SupervisionTask, completed_on: date) -> SupervisionTask:
    """办结: the committee accepts the task as done (on time if by its deadline)."""
    _require_keeper(actor)
    task = _lock(task)
    if task.status == SupervisionTask.Status.DONE:
        raise Conflict(_("督办事项已办结。"))
    if completed_on < task.assigned_on:
        raise ValidationError({"completed_on": _("办结日期不能早于交办日期。")})
    task.status, task.completed_on = SupervisionTask.Status.DONE, completed_on
    task.save(update_fields=["status", "completed_on"])
    return task


def _lock(task: SupervisionTask) -> SupervisionTask:
    return SupervisionTask.objects.select_for_update().get(pk=task.pk)


# --- Reminders -------------------------------------------------------------------------------


def reminder_days() -> int:
    return getattr(settings, "GOVERNANCE_TASK_REMINDER_DAYS", 3)


@transaction.atomic
def remind_due_tasks(*, today: date) -> int:
    """临期 and 逾期 reminders for open tasks: one per task and stage, however often it runs.

    Returns how many reminders were newly raised."""
    soon = today + timedelta(days=reminder_days())
    due = SupervisionTask.objects.open().filter(deadline__lte=soon).select_related("department", "township")
    already = set(TaskReminder.objects.filter(task__in=due).values_list("task_id", "stage"))
    new = []
    for task in due:
        stage = TaskReminder.Stage.OVERDUE if task.deadline < today else TaskReminder.Stage.DUE_SOON
        if (task.pk, stage) not in already:
            new.append(TaskReminder(task=task, stage=stage, message=_reminder_text(task, stage)))
    created = TaskReminder.objects.bulk_create(new, ignore_conflicts=True)
    _tell_assignees(new)
    return len(created)


def _tell_assignees(reminders: list[TaskReminder]) -> None:
    """督办提醒 reaches the assignee's people: the township's staff, or the department's."""
    staff = inbox.staff_by_township({r.task.township_id for r in reminders if r.task.township_id})
    inbox.deliver_all(
        inbox.notice(
            kind=inbox.Kind.TASK_REMINDER,
            key=f"governance.task:{r.task.pk}:{r.stage}",
            recipients=inbox.department_staff(r.task.department_id)
            if r.task.department_id
            else staff.get(r.task.township_id, []),
            title=r.message,
            url=r.task.get_absolute_url(),
        )
        for r in reminders
    )


def _reminder_text(task: SupervisionTask, stage: str) -> str:
    values = {"title": task.title[:80], "unit": task.assignee, "deadline": task.deadline.isoformat()}
    if stage == TaskReminder.Stage.OVERDUE:
        return _("督办事项“%(title)s”(%(unit)s)已超过办理期限(%(deadline)s)。") % values
    return _("督办事项“%(title)s”(%(unit)s)将于%(deadline)s到期,请按期办结。") % values
