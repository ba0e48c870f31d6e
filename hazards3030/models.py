from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# The enterprise register (Enterprise, 生产经营单位) and its industries live in org, shared by every app.
from org.models import TOWNSHIP_ONLY, Department, Enterprise, Industry, Region
from org.scoping import ScopedQuerySet

# Industries whose old equipment must be evaluated in this round (A1.equipment).
HIGH_RISK_INDUSTRIES = (Industry.CHEMICALS, Industry.TRADE, Industry.CONSTRUCTION)

OPEN_STATUSES = ["reported", "assigned", "rectifying", "submitted"]


class HazardQuerySet(ScopedQuerySet):
    def open(self) -> "HazardQuerySet":
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, *, on: date) -> "HazardQuerySet":
        return self.open().filter(deadline__lt=on)

    def major(self) -> "HazardQuerySet":
        return self.filter(level=Hazard.Level.MAJOR)


class Hazard(models.Model):
    """事故隐患: found, assigned, rectified, verified and closed (销号) — the 3030 closed loop."""

    class Status(models.TextChoices):
        REPORTED = "reported", _("排查发现")
        ASSIGNED = "assigned", _("已交办")
        RECTIFYING = "rectifying", _("整改中")
        SUBMITTED = "submitted", _("整改完成待验收")
        CLOSED = "closed", _("验收销号")

    class Level(models.TextChoices):
        GENERAL = "general", _("一般")
        MAJOR = "major", _("重大")

    class Source(models.TextChoices):
        SELF_CHECK = "self_check", _("企业自查")
        INSPECTION = "inspection", _("检查")
        JOINT_INSPECTION = "joint_inspection", _("综合查一次")
        TIP = "tip", _("举报")
        INTERNAL_REPORT = "internal_report", _("内部报告奖励")
        AGENCY = "agency", _("服务机构")

    class Category(models.TextChoices):
        WELDING = "welding", _("电气焊")
        CONFINED_SPACE = "confined_space", _("有限空间")
        CHEMICALS = "chemicals", _("危化品")
        NESTED_PLANTS = "nested_plants", _("园中园/厂中厂")
        FIRE = "fire", _("消防")
        ILLEGAL_BUILDING = "illegal_building", _("违建危房")
        OTHER = "other", _("其他")

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("检查对象"), null=True, blank=True, on_delete=models.PROTECT, related_name="hazards"
    )
    township = models.ForeignKey(
        Region, verbose_name=_("乡镇"), on_delete=models.PROTECT, related_name="+", limit_choices_to=TOWNSHIP_ONLY
    )
    department = models.ForeignKey(
        Department, verbose_name=_("行业主管部门"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(_("隐患等级"), max_length=8, choices=Level.choices, default=Level.GENERAL)
    source = models.CharField(_("隐患来源"), max_length=20, choices=Source.choices, default=Source.INSPECTION)
    category = models.CharField(_("隐患类别"), max_length=20, choices=Category.choices, default=Category.OTHER)
    description = models.TextField(_("隐患描述"))
    found_on = models.DateField(_("发现日期"))
    deadline = models.DateField(_("整改期限"))
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.REPORTED)
    responsible = models.CharField(_("整改责任人"), max_length=64, blank=True)
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("责任人账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    measures = models.TextField(_("整改措施"), blank=True)
    funds = models.DecimalField(_("整改资金(万元)"), max_digits=10, decimal_places=2, null=True, blank=True)
    # 五落实 for a major hazard: 责任 = responsible, 措施 = measures, 资金 = funds, 时限 = deadline,
    # and the contingency plan (预案) below.
    contingency_plan = models.TextField(_("应急预案"), blank=True)
    submitted_at = models.DateTimeField(_("提交验收时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("销号时间"), null=True, blank=True)
    overdue_marked_on = models.DateField(_("逾期标记日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("填报时间"), auto_now_add=True)
    history = HistoricalRecords()

    objects = HazardQuerySet.as_manager()
    scope_region_field = "township"
    scope_department_field = "department"

    class Meta:
        verbose_name = _("事故隐患")
        verbose_name_plural = _("事故隐患")
        ordering = ["-found_on", "-id"]
        indexes = [
            models.Index(fields=["township", "status", "deadline"], name="hazard_township_status"),
            models.Index(fields=["found_on", "id"], name="hazard_found_on"),
            # The worklist: open hazards by deadline, streamed in order at any size.
            models.Index(
                fields=["deadline", "id"], condition=Q(status__in=OPEN_STATUSES), name="hazard_open_by_deadline"
            ),
            # A township's open hazards: by deadline on the worklist, by id in the API (read from
            # the index alone, then the page's rows by id: org.pagination.ids_first).
            models.Index(
                fields=["township", "deadline", "id"],
                condition=Q(status__in=OPEN_STATUSES),
                name="hazard_open_township",
            ),
            # One status in the ledger's order (newest first): the closed hazards, 待验收, ….
            models.Index(fields=["status", "found_on", "id"], name="hazard_status_found"),
            models.Index(fields=["level", "found_on"], name="hazard_level_found"),
            models.Index(fields=["department", "status"], name="hazard_department_status"),
            # And for keyword search, on PostgreSQL only, a trigram index (0005_list_indexes).
        ]
        constraints = [
            models.CheckConstraint(condition=Q(deadline__gte=models.F("found_on")), name="hazard_deadline_after_found"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.description[:30]}"

    def get_absolute_url(self) -> str:
        return reverse("hazards3030:hazard", kwargs={"pk": self.pk})

    def is_overdue(self, *, on: date) -> bool:
        return self.status != self.Status.CLOSED and self.deadline < on

    def missing_five_implementations(self) -> list[str]:
        """The parts of 五落实 (责任、措施、资金、时限、预案) still empty."""
        missing = []
        if not self.responsible:
            missing.append(str(_("责任")))
        if not self.measures:
            missing.append(str(_("措施")))
        if self.funds is None:
            missing.append(str(_("资金")))
        if not self.deadline:
            missing.append(str(_("时限")))
        if not self.contingency_plan:
            missing.append(str(_("预案")))
        return missing


class HazardTransition(models.Model):
    """隐患流转记录 (留痕): who moved a hazard from which status to which, when and why."""

    hazard = models.ForeignKey(Hazard, verbose_name=_("隐患"), on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(_("原状态"), max_length=12, choices=Hazard.Status.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=12, choices=Hazard.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("说明"), blank=True)
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("隐患流转记录")
        verbose_name_plural = _("隐患流转记录")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.hazard_id}: {self.from_status} → {self.to_status}"


def attachment_path(instance: "HazardAttachment", filename: str) -> str:
    return f"hazards/{instance.hazard_id}/{filename}"


class HazardAttachment(models.Model):
    """整改佐证: a before/after photo or a file attached at a step of the loop."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("整改前照片")
        AFTER = "after", _("整改后照片")
        FILE = "file", _("文件")

    hazard = models.ForeignKey(Hazard, verbose_name=_("隐患"), on_delete=models.CASCADE, related_name="attachments")
    transition = models.ForeignKey(
        HazardTransition,
        verbose_name=_("流转记录"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attachments",
    )
    kind = models.CharField(_("类型"), max_length=8, choices=Kind.choices)
    file = models.FileField(_("文件"), upload_to=attachment_path)
    original_name = models.CharField(_("原文件名"), max_length=255)
    content_type = models.CharField(_("文件类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小(字节)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "hazard__township"
    scope_department_field = "hazard__department"

    class Meta:
        verbose_name = _("整改佐证")
        verbose_name_plural = _("整改佐证")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class Supervision(models.Model):
    """挂牌督办: a major hazard listed by a supervising level, closed only by that level."""

    class Level(models.IntegerChoices):
        # Values match org.Region.Level, so "who may close" is a comparison of levels.
        PROVINCE = 1, _("省级")
        CITY = 2, _("市级")
        COUNTY = 3, _("县级")

    hazard = models.OneToOneField(Hazard, verbose_name=_("隐患"), on_delete=models.CASCADE, related_name="supervision")
    level = models.PositiveSmallIntegerField(_("督办层级"), choices=Level.choices, default=Level.COUNTY)
    issuing_body = models.CharField(_("督办单位"), max_length=64)
    listed_on = models.DateField(_("挂牌日期"))
    acceptance_due = models.DateField(_("验收期限"))
    closed_on = models.DateField(_("摘牌日期"), null=True, blank=True)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "hazard__township"
    scope_department_field = "hazard__department"

    class Meta:
        verbose_name = _("挂牌督办")
        verbose_name_plural = _("挂牌督办")
        ordering = ["-listed_on"]

    def __str__(self) -> str:
        return f"{self.get_level_display()} · {self.hazard}"


class Batch3030(models.Model):
    """“3030”窗口: one unit's D-day window to find and close N major hazards."""

    class UnitKind(models.TextChoices):
        COUNTY = "county", _("县级")
        TOWNSHIP = "township", _("乡镇")
        DEPARTMENT = "department", _("部门")

    unit_kind = models.CharField(_("单位类型"), max_length=16, choices=UnitKind.choices)
    region = models.ForeignKey(Region, verbose_name=_("区划"), on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        Department, verbose_name=_("部门"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_on = models.DateField(_("开始日期"))
    closes_on = models.DateField(_("结束日期"))
    target_count = models.PositiveIntegerField(_("目标数 N"))

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "region"
    scope_department_field = "department"

    class Meta:
        verbose_name = _("“3030”窗口")
        verbose_name_plural = _("“3030”窗口")
        ordering = ["-opened_on", "unit_kind", "region__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit_kind", "region", "department", "opened_on"], name="batch3030_unique_window"
            ),
            models.UniqueConstraint(
                fields=["unit_kind", "region", "opened_on"],
                condition=Q(department__isnull=True),
                name="batch3030_unique_area_window",
            ),
        ]

    def __str__(self) -> str:
        unit = self.department or self.region
        return f"{unit} {self.opened_on:%Y-%m-%d}~{self.closes_on:%Y-%m-%d}"

    @property
    def unit_name(self) -> str:
        return str(self.department or self.region)


class EscalationNotice(models.Model):
    """逾期督办通知: raised by the daily job for the responsible person and the township."""

    class Audience(models.TextChoices):
        RESPONSIBLE = "responsible", _("整改责任人")
        TOWNSHIP = "township", _("乡镇")

    hazard = models.ForeignKey(Hazard, verbose_name=_("隐患"), on_delete=models.CASCADE, related_name="notices")
    township = models.ForeignKey(
        Region, verbose_name=_("乡镇"), on_delete=models.PROTECT, related_name="+", limit_choices_to=TOWNSHIP_ONLY
    )
    audience = models.CharField(_("通知对象"), max_length=12, choices=Audience.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接收人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.CharField(_("内容"), max_length=255)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "township"
    scope_department_field = "hazard__department"

    class Meta:
        verbose_name = _("逾期督办通知")
        verbose_name_plural = _("逾期督办通知")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["hazard", "audience"], name="notice_once_per_hazard_and_audience"),
        ]

    def __str__(self) -> str:
        return self.message


class Accident(models.Model):
    """生产安全事故: feeds 双下降 (count and deaths) and the 较大及以上 target."""

    class Level(models.TextChoices):
        ORDINARY = "ordinary", _("一般")
        LARGER = "larger", _("较大")
        MAJOR = "major", _("重大")
        GRAVE = "grave", _("特别重大")

    occurred_on = models.DateField(_("发生日期"))
    township = models.ForeignKey(
        Region, verbose_name=_("乡镇"), on_delete=models.PROTECT, related_name="+", limit_choices_to=TOWNSHIP_ONLY
    )
    industry = models.CharField(_("行业"), max_length=16, choices=Industry.choices)
    level = models.CharField(_("事故等级"), max_length=12, choices=Level.choices, default=Level.ORDINARY)
    deaths = models.PositiveIntegerField(_("死亡人数"), default=0)
    injuries = models.PositiveIntegerField(_("受伤人数"), default=0)
    direct_loss = models.DecimalField(_("直接经济损失(万元)"), max_digits=12, decimal_places=2, default=0)
    description = models.TextField(_("事故经过"), blank=True)
    investigation_report = models.TextField(_("调查报告"), blank=True)
    spot_checked = models.BooleanField(_("已抽查复核"), default=False)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "township"

    class Meta:
        verbose_name = _("生产安全事故")
        verbose_name_plural = _("生产安全事故")
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["occurred_on"], name="accident_occurred_on")]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.township} {self.get_level_display()}"

    def get_absolute_url(self) -> str:
        return reverse("hazards3030:accident", kwargs={"pk": self.pk})

    @property
    def is_larger_or_above(self) -> bool:
        return self.level != self.Level.ORDINARY


# --- 码上报 (public tip-offs) and 内部报告奖励 -------------------------------------------------


class TipPoint(models.Model):
    """码上报点位: a QR code posted at an enterprise or a public place; the tip form it opens
    already knows the township, the place and the enterprise."""

    code = models.SlugField(_("点位码"), max_length=16, unique=True)
    township = models.ForeignKey(
        Region, verbose_name=_("乡镇"), on_delete=models.PROTECT, related_name="+", limit_choices_to=TOWNSHIP_ONLY
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("检查对象"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    place = models.CharField(_("地点"), max_length=100)
    active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "township"
    scope_department_field = "enterprise__department"

    class Meta:
        verbose_name = _("码上报点位")
        verbose_name_plural = _("码上报点位")
        ordering = ["township__sort_order", "place", "id"]

    def __str__(self) -> str:
        return f"{self.township} · {self.place}"

    def get_public_path(self) -> str:
        return reverse("hazards3030:tip-at", kwargs={"code": self.code})


def tip_photo_path(instance: "Tip", filename: str) -> str:
    return f"tips/{instance.received_at:%Y/%m}/{filename}" if instance.received_at else f"tips/{filename}"


class TipQuerySet(ScopedQuerySet):
    def pending(self) -> "TipQuerySet":
        return self.filter(status=Tip.Status.PENDING)


class Tip(models.Model):
    """群众举报 (码上报): a citizen's tip-off, checked by the township; a valid one becomes a
    hazard (source 举报) in the 3030 loop, an invalid one is closed with a reason."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待核实")
        ACCEPTED = "accepted", _("已受理")
        REJECTED = "rejected", _("不予受理")

    receipt = models.CharField(_("回执码"), max_length=16, unique=True)
    point = models.ForeignKey(
        TipPoint, verbose_name=_("点位"), null=True, blank=True, on_delete=models.SET_NULL, related_name="tips"
    )
    township = models.ForeignKey(
        Region, verbose_name=_("乡镇"), on_delete=models.PROTECT, related_name="+", limit_choices_to=TOWNSHIP_ONLY
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("检查对象"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    place = models.CharField(_("地点"), max_length=100, blank=True)
    description = models.TextField(_("隐患情况"))
    lat = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    # Only the masked number is kept (138****5678): enough to recognise a caller, not to call.
    phone_masked = models.CharField(_("联系电话(脱敏)"), max_length=16, blank=True)
    photo = models.FileField(_("照片"), upload_to=tip_photo_path, blank=True)
    photo_type = models.CharField(_("照片类型"), max_length=100, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.CharField(_("不予受理原因"), max_length=200, blank=True)
    hazard = models.OneToOneField(
        Hazard, verbose_name=_("隐患"), null=True, blank=True, on_delete=models.PROTECT, related_name="tip"
    )
    received_at = models.DateTimeField(_("举报时间"), default=timezone.now)
    decided_at = models.DateTimeField(_("核实时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("核实人"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    history = HistoricalRecords(excluded_fields=["phone_masked"])

    objects = TipQuerySet.as_manager()
    scope_region_field = "township"
    scope_department_field = "enterprise__department"

    class Meta:
        verbose_name = _("群众举报")
        verbose_name_plural = _("群众举报")
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["township", "status", "received_at"], name="tip_township_queue")]

    def __str__(self) -> str:
        return f"{self.receipt} {self.description[:30]}"

    def get_absolute_url(self) -> str:
        return reverse("hazards3030:tip", kwargs={"pk": self.pk})


class InternalReportReward(models.Model):
    """内部报告奖励: the reward an enterprise decided for a hazard its own staff reported —
    how much, who approved it and when, and when it was paid."""

    hazard = models.OneToOneField(Hazard, verbose_name=_("隐患"), on_delete=models.PROTECT, related_name="reward")
    amount = models.DecimalField(_("奖励金额(元)"), max_digits=10, decimal_places=2)
    approved_by = models.CharField(_("批准人"), max_length=64)
    approved_on = models.DateField(_("批准日期"))
    paid_on = models.DateField(_("发放日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "hazard__township"
    scope_department_field = "hazard__department"

    class Meta:
        verbose_name = _("内部报告奖励")
        verbose_name_plural = _("内部报告奖励")
        ordering = ["-approved_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="reward_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(paid_on__isnull=True) | Q(paid_on__gte=models.F("approved_on")),
                name="reward_paid_after_approval",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hazard} · {self.amount}"
