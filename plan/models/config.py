"""Configuration of the local mechanisms (3030, 633, 1833, rescue circles, time limits)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Loop3030Rule(models.Model):
    """“3030”闭环规则: N major hazards within D days, per kind of unit."""

    class UnitKind(models.TextChoices):
        COUNTY = "county", _("县级")
        TOWNSHIP = "township", _("乡镇")
        DEPARTMENT = "department", _("部门")

    unit_kind = models.CharField(_("单位类型"), max_length=16, choices=UnitKind.choices, unique=True)
    target_count = models.PositiveIntegerField(_("重大隐患目标数 N"), default=30)
    window_days = models.PositiveIntegerField(_("周期天数 D"), default=30)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("“3030”闭环规则")
        verbose_name_plural = _("“3030”闭环规则")
        ordering = ["unit_kind"]

    def __str__(self) -> str:
        return _("%(unit)s:%(days)s天%(count)s个") % {
            "unit": self.get_unit_kind_display(),
            "days": self.window_days,
            "count": self.target_count,
        }


class ResponseStage(models.Model):
    """“633”台风响应阶段 (default six: 关注 / IV级 / III级 / II级 / I级 / 解除)."""

    order = models.PositiveSmallIntegerField(_("顺序"), unique=True)
    name = models.CharField(_("名称"), max_length=32)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    is_lifted = models.BooleanField(_("为解除阶段"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("台风响应阶段")
        verbose_name_plural = _("“633”台风响应阶段")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class ResponseLevel(models.Model):
    """“633”防御层级: 乡级、村级、群众."""

    order = models.PositiveSmallIntegerField(_("顺序"), unique=True)
    name = models.CharField(_("名称"), max_length=16)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("防御层级")
        verbose_name_plural = _("“633”防御层级")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class StageMeasure(models.Model):
    """“633”防御措施: what one level does at one stage (3 per stage × level by default)."""

    stage = models.ForeignKey(
        ResponseStage, verbose_name=_("响应阶段"), on_delete=models.CASCADE, related_name="measures"
    )
    level = models.ForeignKey(ResponseLevel, verbose_name=_("层级"), on_delete=models.CASCADE, related_name="measures")
    order = models.PositiveSmallIntegerField(_("顺序"))
    text = models.CharField(_("措施"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("防御措施")
        verbose_name_plural = _("“633”防御措施")
        ordering = ["stage__order", "level__order", "order"]
        constraints = [models.UniqueConstraint(fields=["stage", "level", "order"], name="stage_measure_unique_slot")]

    def __str__(self) -> str:
        return f"{self.stage} · {self.level} · {self.text}"


class CommandGroup(models.Model):
    """“1833”联合指挥部的工作组."""

    name = models.CharField(_("名称"), max_length=32, unique=True)
    duties = models.TextField(_("职责"), blank=True)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("“1833”工作组")
        verbose_name_plural = _("“1833”工作组")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class RescueCircle(models.Model):
    """救援圈时限: the town "135" circle and the village 15-minute circle, in minutes."""

    class Area(models.TextChoices):
        TOWN = "town", _("城镇“135应急救援圈”")
        VILLAGE = "village", _("乡村“15分钟救援圈”")

    area = models.CharField(_("范围"), max_length=16, choices=Area.choices, unique=True)
    response_minutes = models.PositiveSmallIntegerField(_("响应(分钟)"), null=True, blank=True)
    arrival_minutes = models.PositiveSmallIntegerField(_("到达(分钟)"))
    joint_minutes = models.PositiveSmallIntegerField(_("联动处置(分钟)"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("救援圈时限")
        verbose_name_plural = _("救援圈时限")
        ordering = ["area"]

    def __str__(self) -> str:
        return self.get_area_display()


class ServiceLevel(models.Model):
    """时限要求 (SLA): hotspot verification, verbal and system reports."""

    key = models.SlugField(_("键"), max_length=32, unique=True)
    label = models.CharField(_("名称"), max_length=64)
    minutes = models.PositiveIntegerField(_("时限(分钟)"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("时限要求")
        verbose_name_plural = _("时限要求")
        ordering = ["key"]

    def __str__(self) -> str:
        return _("%(label)s:%(minutes)s分钟") % {"label": self.label, "minutes": self.minutes}
