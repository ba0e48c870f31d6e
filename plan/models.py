from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class WorkPlan(models.Model):
    """年度工作计划: one year of the bureau's "365" programme."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    title = models.CharField(_("标题"), max_length=200)
    issued_by = models.CharField(_("发布机构"), max_length=64, blank=True)
    issued_on = models.DateField(_("发布日期"), null=True, blank=True)
    summary = models.TextField(_("总体要求"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("年度工作计划")
        verbose_name_plural = _("年度工作计划")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year} {self.title}"


class PlanPart(models.Model):
    """What focuses, actions and mechanisms have in common: a code, a name, the app that owns it."""

    plan = models.ForeignKey(WorkPlan, verbose_name=_("工作计划"), on_delete=models.CASCADE)
    code = models.CharField(_("编号"), max_length=8)
    name = models.CharField(_("名称"), max_length=100)
    description = models.TextField(_("内容"), blank=True)
    owner_app = models.CharField(_("承担模块"), max_length=32, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Focus(PlanPart):
    """重点: one of the 3 focuses (事故防控、基层基础、群防群治)."""

    history = HistoricalRecords()

    class Meta(PlanPart.Meta):
        verbose_name = _("重点")
        verbose_name_plural = _("3大重点")
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="focus_unique_code")]


class Action(PlanPart):
    """行动: one of the 6 actions."""

    history = HistoricalRecords()

    class Meta(PlanPart.Meta):
        verbose_name = _("行动")
        verbose_name_plural = _("6大行动")
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="action_unique_code")]


class Mechanism(PlanPart):
    """机制: one of the 5 mechanisms."""

    history = HistoricalRecords()

    class Meta(PlanPart.Meta):
        verbose_name = _("机制")
        verbose_name_plural = _("5大机制")
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="mechanism_unique_code")]


class TargetQuerySet(models.QuerySet):
    def visible_to(self, user) -> "TargetQuerySet":
        """The plan is public within the portal: every signed-in user with a role reads it."""
        if user.is_authenticated and user.is_active and (user.role or user.is_superuser):
            return self
        return self.none()


class Target(models.Model):
    """目标: a quantified target of the plan, measured by the indicator of the same key."""

    class Kind(models.TextChoices):
        COUNT_AT_LEAST = "count_at_least", _("数量不少于")
        COUNT_AT_MOST = "count_at_most", _("数量不超过")
        RATIO_AT_LEAST = "ratio_at_least", _("比率不低于")
        YOY_DECREASE = "yoy_decrease", _("同比下降")
        SLA_WITHIN = "sla_within", _("时限内完成")
        BATCH = "batch", _("限期批量整治")
        INCREASE = "increase", _("比上年提高")
        DONE = "done", _("完成")
        RANKING = "ranking", _("月度排名")

    plan = models.ForeignKey(WorkPlan, verbose_name=_("工作计划"), on_delete=models.CASCADE, related_name="targets")
    code = models.CharField(_("编号"), max_length=32)
    text = models.CharField(_("目标(计划原文)"), max_length=200)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    threshold = models.DecimalField(_("目标值"), max_digits=10, decimal_places=2, null=True, blank=True)
    threshold_2 = models.DecimalField(
        _("第二目标值"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("如系统首报时限、限期天数、乡镇队伍数。"),
    )
    unit = models.CharField(_("单位"), max_length=16, blank=True)
    goal = models.CharField(_("目标说明"), max_length=200, blank=True)
    owner_app = models.CharField(_("承担模块"), max_length=32, blank=True)
    indicator_key = models.CharField(_("指标键"), max_length=64, help_text=_("由承担模块登记的指标"))
    focus = models.ForeignKey(
        Focus, verbose_name=_("重点"), null=True, blank=True, on_delete=models.CASCADE, related_name="targets"
    )
    action = models.ForeignKey(
        Action, verbose_name=_("行动"), null=True, blank=True, on_delete=models.CASCADE, related_name="targets"
    )
    mechanism = models.ForeignKey(
        Mechanism, verbose_name=_("机制"), null=True, blank=True, on_delete=models.CASCADE, related_name="targets"
    )
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    history = HistoricalRecords()

    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("目标")
        verbose_name_plural = _("目标")
        ordering = ["sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="target_unique_code"),
            models.CheckConstraint(
                condition=(
                    models.Q(focus__isnull=False, action__isnull=True, mechanism__isnull=True)
                    | models.Q(focus__isnull=True, action__isnull=False, mechanism__isnull=True)
                    | models.Q(focus__isnull=True, action__isnull=True, mechanism__isnull=False)
                ),
                name="target_under_exactly_one_part",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"

    def clean(self) -> None:
        if sum(part is not None for part in (self.focus_id, self.action_id, self.mechanism_id)) != 1:
            raise ValidationError(_("目标必须且只能归属一个重点、行动或机制。"))

    @property
    def part(self) -> Focus | Action | Mechanism:
        return self.focus or self.action or self.mechanism


# --- Local mechanisms: configuration the bureau edits, with the plan's defaults -------------


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
