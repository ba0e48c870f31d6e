from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from org.scoping import PortalWideQuerySet


class WorkPlan(models.Model):
    """年度工作计划: one county's "365" programme for one year (the plan in force for a month is the
    plan of that month's year)."""

    county = models.ForeignKey(
        "org.Region",
        verbose_name=_("县(市、区)"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": 3},  # Region.Level.COUNTY
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("标题"), max_length=200)
    issued_by = models.CharField(_("发布机构"), max_length=64, blank=True)
    issued_on = models.DateField(_("发布日期"), null=True, blank=True)
    summary = models.TextField(_("总体要求"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("年度工作计划")
        verbose_name_plural = _("年度工作计划")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["county", "year"], name="plan_once_per_county_year")]

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


class TargetQuerySet(PortalWideQuerySet):
    """The plan is public within the portal."""


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
