"""Typhoon and rainstorm events (台风/强降雨过程), their 633 stage history and the matrix checklist."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from org.models import TOWNSHIP_ONLY, Region
from org.scoping import AreaWideQuerySet, ScopedQuerySet


class ResponseEvent(models.Model):
    """台风/强降雨过程: one typhoon or rainstorm, with its current 633 response stage."""

    class Kind(models.TextChoices):
        TYPHOON = "typhoon", _("台风")
        RAINSTORM = "rainstorm", _("强降雨")

    name = models.CharField(_("名称"), max_length=64)
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices, default=Kind.TYPHOON)
    region = models.ForeignKey(
        Region,
        verbose_name=_("影响范围"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("一般为全县;局地强降雨可为某个乡镇。"),
    )
    started_at = models.DateTimeField(_("开始时间"))
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    stage = models.ForeignKey(
        "plan.ResponseStage",
        verbose_name=_("当前响应阶段"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    objects = AreaWideQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        verbose_name = _("台风/强降雨过程")
        verbose_name_plural = _("台风/强降雨过程")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("flood1833:event", kwargs={"pk": self.pk})

    @property
    def is_active(self) -> bool:
        return self.ended_at is None

    @property
    def allows_return(self) -> bool:
        """群众返回 only once the response is lifted (解除) or the event has ended."""
        return self.ended_at is not None or (self.stage is not None and self.stage.is_lifted)


class StageChange(models.Model):
    """响应阶段调整记录: who raised or lowered the stage, when and why."""

    event = models.ForeignKey(ResponseEvent, verbose_name=_("过程"), on_delete=models.CASCADE, related_name="changes")
    from_stage = models.ForeignKey(
        "plan.ResponseStage", verbose_name=_("原阶段"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    # Empty when the change ended the event (结束本次过程).
    to_stage = models.ForeignKey(
        "plan.ResponseStage", verbose_name=_("新阶段"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("理由"), max_length=200, blank=True)
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("响应阶段调整")
        verbose_name_plural = _("响应阶段调整")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.from_stage_id} → {self.to_stage_id}"


class MatrixTaskQuerySet(ScopedQuerySet):
    def done(self) -> "MatrixTaskQuerySet":
        return self.filter(done_at__isnull=False)


class MatrixTask(models.Model):
    """“633”防御措施落实: one measure of one stage for one township (乡级) or village (村级、群众)."""

    event = models.ForeignKey(ResponseEvent, verbose_name=_("过程"), on_delete=models.CASCADE, related_name="tasks")
    stage = models.ForeignKey(
        "plan.ResponseStage", verbose_name=_("响应阶段"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.ForeignKey("plan.ResponseLevel", verbose_name=_("层级"), on_delete=models.PROTECT, related_name="+")
    measure = models.ForeignKey(
        "plan.StageMeasure", verbose_name=_("措施"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Copied from the measure, so editing the configuration later does not rewrite what was done.
    text = models.CharField(_("措施内容"), max_length=200)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    region = models.ForeignKey(Region, verbose_name=_("落实单位"), on_delete=models.PROTECT, related_name="+")
    township = models.ForeignKey(
        Region, verbose_name=_("乡镇"), on_delete=models.PROTECT, related_name="+", limit_choices_to=TOWNSHIP_ONLY
    )
    done_at = models.DateTimeField(_("落实时间"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("落实人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("落实情况"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = MatrixTaskQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        verbose_name = _("“633”防御措施落实")
        verbose_name_plural = _("“633”防御措施落实")
        ordering = ["stage__order", "level__order", "region__sort_order", "region_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["event", "stage", "level", "order", "region"], name="matrix_task_once"),
        ]
        indexes = [models.Index(fields=["event", "township", "level"], name="matrix_task_by_township")]

    def __str__(self) -> str:
        return f"{self.region} · {self.text}"
