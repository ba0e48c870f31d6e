from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from org.models import TOWNSHIP_ONLY, Department, Region
from org.scoping import AreaWideQuerySet, ScopedQuerySet


class Committee(models.Model):
    """“1+9+N”: the 安委会 (1), its 专委会 (9 by default) and key areas (N), each with its duties."""

    class Kind(models.TextChoices):
        SAFETY_COMMITTEE = "safety_committee", _("安委会")
        SPECIAL = "special", _("专委会")
        KEY_AREA = "key_area", _("重点领域")

    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=64)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # The county's committees, or a township's own 安委会.
    region = models.ForeignKey(Region, verbose_name=_("区划"), on_delete=models.PROTECT, related_name="+")
    lead_department = models.ForeignKey(
        Department, verbose_name=_("牵头部门"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    member_departments = models.ManyToManyField(
        Department, verbose_name=_("成员单位"), blank=True, related_name="governance_committees"
    )
    duties = models.TextField(_("职责清单"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    history = HistoricalRecords(m2m_fields=[member_departments])

    # Everyone working below a committee's area sees it (a township reads the county's tree).
    objects = AreaWideQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        verbose_name = _("委员会")
        verbose_name_plural = _("“1+9+N”委员会")
        ordering = ["sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="committee_unique_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("governance:committee", kwargs={"pk": self.pk})


class Meeting(models.Model):
    """月度会商: date, topics, attendees and the decisions that become 督办事项."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("委员会"), on_delete=models.PROTECT, related_name="meetings"
    )
    held_on = models.DateField(_("会商日期"))
    topics = models.TextField(_("议题"))
    attendee_departments = models.ManyToManyField(Department, verbose_name=_("参会单位"), blank=True, related_name="+")
    attendees = models.TextField(_("参会人员"), blank=True)
    decisions = models.TextField(_("会议决定"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = AreaWideQuerySet.as_manager()
    scope_region_field = "committee__region"

    class Meta:
        verbose_name = _("会商")
        verbose_name_plural = _("月度会商")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.committee} {self.held_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("governance:meeting", kwargs={"pk": self.pk})


class TaskQuerySet(ScopedQuerySet):
    def open(self) -> "TaskQuerySet":
        return self.filter(status=SupervisionTask.Status.OPEN)

    def overdue(self, *, on: date) -> "TaskQuerySet":
        return self.open().filter(deadline__lt=on)


class SupervisionTask(models.Model):
    """督办事项: a committee assigns a task to a department or a township, with a deadline."""

    class AssigneeKind(models.TextChoices):
        DEPARTMENT = "department", _("部门")
        TOWNSHIP = "township", _("乡镇")

    class Status(models.TextChoices):
        OPEN = "open", _("办理中")
        DONE = "done", _("已办结")

    committee = models.ForeignKey(
        Committee, verbose_name=_("交办委员会"), on_delete=models.PROTECT, related_name="tasks"
    )
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("来源会商"), null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    title = models.CharField(_("督办事项"), max_length=120)
    description = models.TextField(_("具体要求"), blank=True)
    assignee_kind = models.CharField(_("承办单位类型"), max_length=12, choices=AssigneeKind.choices)
    department = models.ForeignKey(
        Department, verbose_name=_("承办部门"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    township = models.ForeignKey(
        Region,
        verbose_name=_("承办乡镇"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=TOWNSHIP_ONLY,
    )
    # Where the task sits for scope: the township, or the department's county.
    region = models.ForeignKey(
        Region, verbose_name=_("区划"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    assigned_on = models.DateField(_("交办日期"))
    deadline = models.DateField(_("办理期限"))
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.OPEN)
    completed_on = models.DateField(_("办结日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("交办人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = TaskQuerySet.as_manager()
    scope_region_field = "region"
    scope_department_field = "department"

    class Meta:
        verbose_name = _("督办事项")
        verbose_name_plural = _("督办事项")
        ordering = ["status", "deadline", "id"]
        indexes = [models.Index(fields=["status", "deadline"], name="task_status_deadline")]
        constraints = [
            models.CheckConstraint(condition=Q(deadline__gte=models.F("assigned_on")), name="task_deadline_after"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("governance:task", kwargs={"pk": self.pk})

    @property
    def assignee(self):
        return self.department if self.assignee_kind == self.AssigneeKind.DEPARTMENT else self.township

    def is_overdue(self, *, on: date) -> bool:
        return self.status == self.Status.OPEN and self.deadline < on


class TaskProgress(models.Model):
    """办理进展: a progress update on a task, with its evidence (佐证)."""

    task = models.ForeignKey(
        SupervisionTask, verbose_name=_("督办事项"), on_delete=models.CASCADE, related_name="progress"
    )
    on = models.DateField(_("日期"))
    text = models.TextField(_("进展情况"))
    evidence = models.TextField(_("佐证材料"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("填报时间"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "task__region"
    scope_department_field = "task__department"

    class Meta:
        verbose_name = _("办理进展")
        verbose_name_plural = _("办理进展")
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return self.text[:30]


class TaskReminder(models.Model):
    """督办提醒: raised by the daily job once per task and stage (临期, 逾期) for the assignee."""

    class Stage(models.TextChoices):
        DUE_SOON = "due_soon", _("临期提醒")
        OVERDUE = "overdue", _("逾期提醒")

    task = models.ForeignKey(
        SupervisionTask, verbose_name=_("督办事项"), on_delete=models.CASCADE, related_name="reminders"
    )
    stage = models.CharField(_("提醒类型"), max_length=10, choices=Stage.choices)
    message = models.CharField(_("内容"), max_length=255)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "task__region"
    scope_department_field = "task__department"

    class Meta:
        verbose_name = _("督办提醒")
        verbose_name_plural = _("督办提醒")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["task", "stage"], name="task_reminder_once_per_stage")]

    def __str__(self) -> str:
        return self.message
