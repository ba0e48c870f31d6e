"""The 1833 joint command: duty rosters and roll calls (一键通抽查)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from org.models import Region
from org.scoping import ScopedQuerySet


class DutyShift(models.Model):
    """值班表: an officer on duty for a working group of the 1833 command, from when to when."""

    region = models.ForeignKey(Region, verbose_name=_("指挥部所在区划"), on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey("plan.CommandGroup", verbose_name=_("工作组"), on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("值班人员"), on_delete=models.PROTECT, related_name="+"
    )
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        verbose_name = _("值班安排")
        verbose_name_plural = _("值班安排")
        ordering = ["-starts_at", "group__order"]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="duty_shift_ends")]

    def __str__(self) -> str:
        return f"{self.group} · {self.officer}"


class RollCall(models.Model):
    """一键通抽查 / 随机签到: a check sent to the officers on duty at one moment."""

    region = models.ForeignKey(Region, verbose_name=_("区划"), on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(_("发起时间"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发起人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer_within_minutes = models.PositiveSmallIntegerField(_("应答时限(分钟)"))
    note = models.CharField(_("内容"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        verbose_name = _("一键通抽查")
        verbose_name_plural = _("一键通抽查")
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"{self.region} {self.sent_at:%Y-%m-%d %H:%M}"


class RollCallAnswer(models.Model):
    """抽查应答: one officer's answer to a roll call; unanswered past the time limit is flagged."""

    roll_call = models.ForeignKey(RollCall, verbose_name=_("抽查"), on_delete=models.CASCADE, related_name="answers")
    region = models.ForeignKey(Region, verbose_name=_("区划"), on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("值班人员"), on_delete=models.PROTECT, related_name="+"
    )
    group = models.ForeignKey(
        "plan.CommandGroup", verbose_name=_("工作组"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_at = models.DateTimeField(_("应答截止"))
    answered_at = models.DateTimeField(_("应答时间"), null=True, blank=True)
    flagged_at = models.DateTimeField(_("未应答标记时间"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        verbose_name = _("抽查应答")
        verbose_name_plural = _("抽查应答")
        ordering = ["roll_call", "id"]
        constraints = [models.UniqueConstraint(fields=["roll_call", "officer"], name="roll_call_answer_once")]
        indexes = [
            models.Index(
                fields=["due_at"], condition=Q(answered_at__isnull=True, flagged_at__isnull=True), name="roll_call_due"
            )
        ]

    def __str__(self) -> str:
        return f"{self.roll_call} · {self.officer}"

    @property
    def response_seconds(self) -> int | None:
        if self.answered_at is None:
            return None
        return int((self.answered_at - self.roll_call.sent_at).total_seconds())
