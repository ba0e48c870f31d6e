"""Monthly snapshots of every indicator, the composite ranking built on them, and the workbook."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from org.models import Department, Region
from org.scoping import PortalWideQuerySet, ScopedQuerySet, UnitFiguresQuerySet
from plan.registry import registry


class SnapshotRunQuerySet(models.QuerySet):
    def complete(self) -> "SnapshotRunQuerySet":
        return self.filter(status=SnapshotRun.Status.COMPLETE)

    def stalled(self, *, older_than: timedelta) -> "SnapshotRunQuerySet":
        limit = timezone.now() - older_than
        return self.filter(status=SnapshotRun.Status.RUNNING).filter(
            Q(heartbeat_at__lt=limit) | Q(heartbeat_at__isnull=True, started_at__lt=limit)
        )


class SnapshotRun(models.Model):
    """月度快照: one computation of every indicator for one month; the newest complete one counts."""

    class Status(models.TextChoices):
        RUNNING = "running", _("计算中")
        COMPLETE = "complete", _("已完成")
        REPLACED = "replaced", _("已被新快照替换")
        FAILED = "failed", _("失败")
        WITHDRAWN = "withdrawn", _("已撤回")

    period = models.DateField(_("月份"), help_text=_("该月第一天"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发起人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    started_at = models.DateTimeField(_("开始时间"), auto_now_add=True)
    heartbeat_at = models.DateTimeField(_("最近进展"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    attempt = models.PositiveIntegerField(_("执行次数"), default=0)
    done = models.PositiveIntegerField(_("已完成步骤"), default=0)
    total = models.PositiveIntegerField(_("步骤总数"), default=0)
    error = models.TextField(_("错误"), blank=True)
    # 撤回: a county administrator takes a month's snapshot back (its ranking and notices with
    # it); the run is kept with who, when and why.
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("撤回人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdraw_reason = models.CharField(_("撤回原因"), max_length=200, blank=True)

    objects = SnapshotRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("月度快照")
        verbose_name_plural = _("月度快照")
        ordering = ["-period", "-id"]
        indexes = [models.Index(fields=["period", "status"], name="snapshot_period_status")]

    def __str__(self) -> str:
        return f"{self.period:%Y-%m} #{self.pk} {self.get_status_display()}"

    @property
    def percent(self) -> int:
        return 100 if self.status == self.Status.COMPLETE else int(100 * self.done / self.total) if self.total else 0


class IndicatorValue(models.Model):
    """一个指标在一个单位、一个月的值 (numerator and denominator kept for ratios)."""

    run = models.ForeignKey(SnapshotRun, verbose_name=_("快照"), on_delete=models.CASCADE, related_name="values")
    period = models.DateField(_("月份"))
    indicator = models.CharField(_("指标"), max_length=64)
    region = models.ForeignKey(Region, verbose_name=_("区划"), on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        Department, verbose_name=_("部门"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    value = models.DecimalField(_("值"), max_digits=16, decimal_places=2, null=True)
    numerator = models.DecimalField(_("分子"), max_digits=16, decimal_places=2, null=True)
    denominator = models.DecimalField(_("分母"), max_digits=16, decimal_places=2, null=True)
    detail = models.JSONField(_("明细"), default=dict, blank=True)

    objects = UnitFiguresQuerySet.as_manager()
    scope_region_field = "region"
    scope_department_field = "department"

    class Meta:
        verbose_name = _("指标值")
        verbose_name_plural = _("指标值")
        ordering = ["period", "indicator", "region__sort_order", "region_id", "department_id"]
        indexes = [models.Index(fields=["period", "indicator"], name="value_period_indicator")]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "indicator", "region"],
                condition=Q(department__isnull=True),
                name="value_once_per_region",
            ),
            models.UniqueConstraint(
                fields=["run", "indicator", "department"],
                condition=Q(department__isnull=False),
                name="value_once_per_department",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.department or self.region} {self.period:%Y-%m}: {self.value}"


class RankingScheme(models.Model):
    """综合评价方案: which indicators, with which weights, rank the townships (or departments)."""

    class Kind(models.TextChoices):
        TOWNSHIP = "township", _("乡镇")
        DEPARTMENT = "department", _("部门")

    class FlagRule(models.TextChoices):
        BOTTOM_N = "bottom_n", _("末位N名挂牌")
        LAST_N_MONTHS = "last_n_months", _("连续N个月末位挂牌")

    name = models.CharField(_("名称"), max_length=64)
    kind = models.CharField(_("排名对象"), max_length=12, choices=Kind.choices)
    is_active = models.BooleanField(_("启用"), default=True)
    flag_rule = models.CharField(_("区域挂牌规则"), max_length=16, choices=FlagRule.choices, default=FlagRule.BOTTOM_N)
    flag_count = models.PositiveSmallIntegerField(_("规则中的N"), default=3)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("综合评价方案")
        verbose_name_plural = _("综合评价方案")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind"], condition=Q(is_active=True), name="one_active_scheme_per_kind")
        ]

    def __str__(self) -> str:
        return self.name


class RankingComponent(models.Model):
    """One weighted indicator of a scheme (values min–max normalised across the units)."""

    scheme = models.ForeignKey(
        RankingScheme, verbose_name=_("方案"), on_delete=models.CASCADE, related_name="components"
    )
    indicator = models.CharField(_("指标"), max_length=64)
    weight = models.DecimalField(_("权重"), max_digits=6, decimal_places=3)
    higher_is_better = models.BooleanField(_("越大越好"), default=True)

    class Normalisation(models.TextChoices):
        MINMAX = "minmax", _("最小—最大归一(数量类)")
        PERCENT = "percent", _("按百分比(比率类)")

    normalisation = models.CharField(
        _("归一化"), max_length=8, choices=Normalisation.choices, default=Normalisation.MINMAX
    )
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Missing(models.TextChoices):
        WORST = "worst", _("按最差计分(未报送)")
        REWEIGHT = "reweight", _("不计入,其余权重重新分配")

    missing = models.CharField(_("无数据时"), max_length=10, choices=Missing.choices, default=Missing.WORST)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("评价指标")
        verbose_name_plural = _("评价指标")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "indicator"], name="component_once_per_scheme"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="component_weight_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} × {self.weight}"


class RankingRowQuerySet(PortalWideQuerySet):
    """The month's ranking. After the snapshot it is a draft that county administrators review;
    once published every unit sees where all stand. ``visible_to`` is the one choke point: a
    county administrator reads drafts too, everyone else (townships, departments, leaders, API
    clients) published months only."""

    def visible_to(self, user) -> "RankingRowQuerySet":
        from plan.publication import can_publish_rankings

        rows = super().visible_to(user)
        return rows if can_publish_rankings(user) else rows.published()

    def complete(self) -> "RankingRowQuerySet":
        return self.filter(run__status=SnapshotRun.Status.COMPLETE)

    def published(self) -> "RankingRowQuerySet":
        return self.filter(period__in=RankingPublication.objects.published().values("period"))

    def with_publication(self) -> "RankingRowQuerySet":
        """Each row knows whether its month is published (``is_published``), for drafts marked 草稿."""
        published = RankingPublication.objects.published().filter(period=OuterRef("period"))
        return self.annotate(is_published=Exists(published))


class RankingRow(models.Model):
    """综合评价月排名: one unit's score, rank and why (the per-indicator breakdown)."""

    run = models.ForeignKey(SnapshotRun, verbose_name=_("快照"), on_delete=models.CASCADE, related_name="ranking_rows")
    scheme = models.ForeignKey(RankingScheme, verbose_name=_("方案"), on_delete=models.CASCADE, related_name="+")
    period = models.DateField(_("月份"))
    region = models.ForeignKey(
        Region, verbose_name=_("乡镇"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("部门"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    score = models.DecimalField(_("得分"), max_digits=7, decimal_places=3)
    rank = models.PositiveSmallIntegerField(_("名次"))
    previous_rank = models.PositiveSmallIntegerField(_("上月名次"), null=True, blank=True)
    breakdown = models.JSONField(_("得分构成"), default=dict)
    flagged = models.BooleanField(_("区域挂牌"), default=False)
    flag_reason = models.CharField(_("挂牌原因"), max_length=64, blank=True)

    objects = RankingRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("月排名")
        verbose_name_plural = _("月排名")
        ordering = ["period", "scheme", "rank", "id"]
        indexes = [models.Index(fields=["period", "scheme"], name="ranking_period_scheme")]

    def __str__(self) -> str:
        return f"{self.period:%Y-%m} {self.department or self.region} #{self.rank}"

    @property
    def unit(self):
        return self.department or self.region

    @property
    def rank_change(self) -> int | None:
        """Places gained since last month (negative: places lost)."""
        return None if self.previous_rank is None else self.previous_rank - self.rank

    @property
    def parts(self) -> list[dict]:
        """The breakdown in the scheme's order, each part with its indicator key and label."""
        parts = [{"indicator": key, "label": _label(key), **part} for key, part in self.breakdown.items()]
        return sorted(parts, key=lambda part: (part.get("order", 0), part["indicator"]))

    @property
    def reported(self) -> int:
        """How many components the unit reported (the first tie-break)."""
        return sum(1 for part in self.breakdown.values() if part.get("reported", part.get("value") is not None))

    @property
    def not_reported(self) -> list[str]:
        """The components the unit did not report (未报送), in the scheme's order."""
        return [part["indicator"] for part in self.parts if not part.get("reported", part.get("value") is not None)]

    @property
    def not_reported_labels(self) -> list[str]:
        return [_label(key) for key in self.not_reported]


def _label(key: str) -> str:
    indicator = registry.get(key)
    return str(indicator.label) if indicator else key


class RankingPublicationQuerySet(models.QuerySet):
    def published(self) -> "RankingPublicationQuerySet":
        return self.filter(published_at__isnull=False, withdrawn_at__isnull=True)


class RankingPublication(models.Model):
    """一个月排名的发布: county administrators review the month's draft ranking and publish it (who,
    when); townships, departments and API clients see published months only. A published month can
    be withdrawn with a reason and published again; the history keeps every step."""

    period = models.DateField(_("月份"), unique=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("撤回人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdraw_reason = models.CharField(_("撤回原因"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = RankingPublicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("排名发布")
        verbose_name_plural = _("排名发布")
        ordering = ["-period"]

    def __str__(self) -> str:
        return f"{self.period:%Y-%m}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None and self.withdrawn_at is None

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class ListingNoticeQuerySet(ScopedQuerySet):
    """Notices in scope; one withdrawn with its month's ranking is no notice any more."""

    def visible_to(self, user) -> "ListingNoticeQuerySet":
        return super().visible_to(user).current()

    def current(self) -> "ListingNoticeQuerySet":
        return self.filter(withdrawn_at__isnull=True)


class ListingNotice(models.Model):
    """区域挂牌通知: raised for a unit the monthly ranking flags, when that ranking is published."""

    run = models.ForeignKey(SnapshotRun, verbose_name=_("快照"), on_delete=models.CASCADE, related_name="+")
    period = models.DateField(_("月份"))
    region = models.ForeignKey(Region, verbose_name=_("区划"), on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        Department, verbose_name=_("部门"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    message = models.CharField(_("内容"), max_length=255)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)

    objects = ListingNoticeQuerySet.as_manager()
    scope_region_field = "region"
    scope_department_field = "department"

    class Meta:
        verbose_name = _("区域挂牌通知")
        verbose_name_plural = _("区域挂牌通知")
        ordering = ["-period", "-id"]

    def __str__(self) -> str:
        return self.message


def workbook_path(instance: "MonthlyWorkbook", filename: str) -> str:
    return f"exports/{instance.period:%Y-%m}/{filename}"


class MonthlyWorkbook(models.Model):
    """月度工作簿: the Excel file for leaders, made by the monthly job or on demand."""

    class Status(models.TextChoices):
        RUNNING = "running", _("生成中")
        COMPLETE = "complete", _("已完成")
        FAILED = "failed", _("失败")
        WITHDRAWN = "withdrawn", _("已撤回")

    period = models.DateField(_("月份"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    file = models.FileField(_("文件"), upload_to=workbook_path, blank=True)
    report = models.FileField(_("月度通报"), upload_to=workbook_path, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发起人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    rows_written = models.PositiveIntegerField(_("已写行数"), default=0)
    rows_total = models.PositiveIntegerField(_("总行数"), default=0)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    error = models.TextField(_("错误"), blank=True)

    class Meta:
        verbose_name = _("月度工作簿")
        verbose_name_plural = _("月度工作簿")
        ordering = ["-period", "-id"]

    def __str__(self) -> str:
        return f"{self.period:%Y-%m} #{self.pk}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.COMPLETE:
            return 100
        return int(100 * self.rows_written / self.rows_total) if self.rows_total else 0
