from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from org.models import TOWNSHIP_ONLY, Department, Enterprise, Region
from org.scoping import ScopedQuerySet


class UnitKind(models.TextChoices):
    TOWNSHIP = "township", _("乡镇")
    DEPARTMENT = "department", _("部门")
    ENTERPRISE = "enterprise", _("企业")


class Reason(models.TextChoices):
    LISTING = "listing", _("区域挂牌")
    OVERDUE_HAZARDS = "overdue_hazards", _("重大隐患逾期")
    ACCIDENT = "accident", _("事故")
    OTHER = "other", _("其他")


class InterviewedUnit(models.Model):
    """The unit interviewed or proposed: a township, a department or an enterprise."""

    unit_kind = models.CharField(_("约谈对象类型"), max_length=12, choices=UnitKind.choices)
    township = models.ForeignKey(
        Region,
        verbose_name=_("乡镇"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=TOWNSHIP_ONLY,
    )
    department = models.ForeignKey(
        Department, verbose_name=_("部门"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("企业"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Where the row sits for scope: the township (an enterprise's township), or a department's county.
    region = models.ForeignKey(
        Region, verbose_name=_("区划"), on_delete=models.PROTECT, related_name="+", editable=False
    )

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "region"
    scope_department_field = "department"

    class Meta:
        abstract = True

    @property
    def unit(self):
        return {UnitKind.TOWNSHIP: self.township, UnitKind.DEPARTMENT: self.department}.get(
            self.unit_kind, self.enterprise
        )


class Interview(InterviewedUnit):
    """分级分类约谈: who was interviewed, why, what rectification was asked for, followed up until closed."""

    class Level(models.TextChoices):
        COUNTY_COMMITTEE = "county_committee", _("县安委会")
        SPECIAL_COMMITTEE = "special_committee", _("专委会")
        DEPARTMENT = "department", _("部门")

    class Status(models.TextChoices):
        RECTIFYING = "rectifying", _("整改中")
        CLOSED = "closed", _("已销号")

    Reason = Reason

    level = models.CharField(_("约谈层级"), max_length=20, choices=Level.choices)
    reason = models.CharField(_("约谈事由"), max_length=16, choices=Reason.choices)
    reason_detail = models.CharField(_("事由说明"), max_length=255, blank=True)
    held_on = models.DateField(_("约谈日期"))
    attendees = models.TextField(_("参加人员"), blank=True)
    rectification = models.TextField(_("整改要求"))
    rectification_due = models.DateField(_("整改期限"))
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.RECTIFYING)
    closed_on = models.DateField(_("销号日期"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("销号人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("约谈")
        verbose_name_plural = _("约谈台账")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["rectification_due", "status"], name="interview_due_status")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rectification_due__gte=models.F("held_on")), name="interview_due_after_held"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.unit}"

    def get_absolute_url(self) -> str:
        return reverse("governance:interview", kwargs={"pk": self.pk})


class InterviewFollowUp(models.Model):
    """约谈整改跟踪: one follow-up of an interview's rectification."""

    interview = models.ForeignKey(
        Interview, verbose_name=_("约谈"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    on = models.DateField(_("跟踪日期"))
    text = models.TextField(_("整改进展"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "interview__region"
    scope_department_field = "interview__department"

    class Meta:
        verbose_name = _("整改跟踪")
        verbose_name_plural = _("整改跟踪")
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return self.text[:30]


class InterviewProposal(InterviewedUnit):
    """约谈建议: a unit the month's published data points at; a county admin confirms or dismisses it."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("待审核")
        CONFIRMED = "confirmed", _("已确认约谈")
        DISMISSED = "dismissed", _("不予约谈")

    period = models.DateField(_("月份"), help_text=_("该月第一天"))
    reason = models.CharField(_("约谈事由"), max_length=16, choices=Reason.choices)
    reason_detail = models.CharField(_("事由说明"), max_length=255)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.PROPOSED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    dismiss_reason = models.CharField(_("不予约谈原因"), max_length=200, blank=True)
    interview = models.OneToOneField(
        Interview, verbose_name=_("约谈"), null=True, blank=True, on_delete=models.SET_NULL, related_name="proposal"
    )
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("约谈建议")
        verbose_name_plural = _("约谈建议")
        ordering = ["-period", "status", "id"]
        constraints = [
            # One proposal per unit and month, however often the job runs.
            models.UniqueConstraint(
                fields=["period", "township"],
                condition=models.Q(unit_kind="township"),
                name="proposal_once_per_township",
            ),
            models.UniqueConstraint(
                fields=["period", "department"],
                condition=models.Q(unit_kind="department"),
                name="proposal_once_per_department",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period:%Y-%m} {self.unit}"

    def get_absolute_url(self) -> str:
        return reverse("governance:proposals")
