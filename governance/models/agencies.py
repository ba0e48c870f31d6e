from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from org.models import Enterprise, Region
from org.scoping import AreaWideQuerySet, ScopedQuerySet
from org.validators import validate_credit_code


class Half(models.IntegerChoices):
    FIRST = 1, _("上半年")
    SECOND = 2, _("下半年")


def half_of(day: date) -> int:
    """上半年 is January to June, 下半年 July to December."""
    return Half.FIRST if day.month <= 6 else Half.SECOND


class AgencyQuerySet(AreaWideQuerySet):
    def active_on(self, day: date) -> "AgencyQuerySet":
        """Neither blacklisted nor exited by the end of ``day``."""
        return self.exclude(blacklisted_on__lte=day).exclude(exited_on__lte=day)


class Agency(models.Model):
    """社会化服务机构: its register entry and where it stands (正常, 黑名单, 已退出)."""

    class Category(models.TextChoices):
        CONSULTING = "consulting", _("安全咨询")
        TRAINING = "training", _("安全培训")
        EVALUATION = "evaluation", _("安全评价")
        TESTING = "testing", _("检测检验")
        HOSTING = "hosting", _("安全托管")
        OTHER = "other", _("其他")

    class Status(models.TextChoices):
        ACTIVE = "active", _("正常")
        BLACKLISTED = "blacklisted", _("黑名单")
        EXITED = "exited", _("已退出")

    name = models.CharField(_("机构名称"), max_length=128)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True, validators=[validate_credit_code])
    category = models.CharField(_("服务类别"), max_length=12, choices=Category.choices, default=Category.OTHER)
    engineers = models.PositiveIntegerField(_("注册安全工程师人数"), default=0)
    enterprises_served = models.PositiveIntegerField(_("服务企业数"), default=0)
    qualification_expires = models.DateField(_("资质有效期至"), null=True, blank=True)
    # The county's register (a township may keep its own).
    region = models.ForeignKey(Region, verbose_name=_("登记区划"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.ACTIVE)
    blacklisted_on = models.DateField(_("列入黑名单日期"), null=True, blank=True)
    blacklist_reason = models.CharField(_("列入黑名单原因"), max_length=200, blank=True)
    exited_on = models.DateField(_("退出日期"), null=True, blank=True)
    exit_reason = models.CharField(_("退出原因"), max_length=200, blank=True)
    notes = models.TextField(_("备注"), blank=True)
    history = HistoricalRecords()

    objects = AgencyQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        verbose_name = _("社会化服务机构")
        verbose_name_plural = _("社会化服务机构")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("governance:agency", kwargs={"pk": self.pk})

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class AgencyAssessment(models.Model):
    """半年度考核: an agency's score for one half-year, and who assessed it."""

    Half = Half

    agency = models.ForeignKey(Agency, verbose_name=_("机构"), on_delete=models.CASCADE, related_name="assessments")
    year = models.PositiveSmallIntegerField(_("年度"))
    half = models.PositiveSmallIntegerField(_("半年度"), choices=Half.choices)
    score = models.DecimalField(
        _("考核得分"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    assessor = models.CharField(_("考核人"), max_length=64, blank=True)
    assessed_on = models.DateField(_("考核日期"))
    history = HistoricalRecords()

    objects = AreaWideQuerySet.as_manager()
    scope_region_field = "agency__region"

    class Meta:
        verbose_name = _("半年度考核")
        verbose_name_plural = _("半年度考核")
        ordering = ["-year", "-half"]
        constraints = [models.UniqueConstraint(fields=["agency", "year", "half"], name="assessment_once_per_half")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}{self.get_half_display()} {self.score}"


class AgencyGrade(models.Model):
    """年终考评定级: an agency's grade (A–D) for one year."""

    class Grade(models.TextChoices):
        A = "A", "A"
        B = "B", "B"
        C = "C", "C"
        D = "D", "D"

    agency = models.ForeignKey(Agency, verbose_name=_("机构"), on_delete=models.CASCADE, related_name="grades")
    year = models.PositiveSmallIntegerField(_("年度"))
    grade = models.CharField(_("等级"), max_length=1, choices=Grade.choices)
    graded_by = models.CharField(_("评定人"), max_length=64, blank=True)
    graded_on = models.DateField(_("评定日期"))
    history = HistoricalRecords()

    objects = AreaWideQuerySet.as_manager()
    scope_region_field = "agency__region"

    class Meta:
        verbose_name = _("年度等级")
        verbose_name_plural = _("年度等级")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="grade_once_per_year")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} {self.grade}"


class ServiceLog(models.Model):
    """服务记录 (一企一档): an agency's service in one enterprise, what it found, hazards reported."""

    agency = models.ForeignKey(Agency, verbose_name=_("服务机构"), on_delete=models.PROTECT, related_name="logs")
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("服务企业"), on_delete=models.PROTECT, related_name="service_logs"
    )
    served_on = models.DateField(_("服务日期"))
    service = models.CharField(_("服务内容"), max_length=120)
    findings = models.TextField(_("发现问题"), blank=True)
    hazards_reported = models.PositiveIntegerField(_("报告隐患数"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("填报时间"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "enterprise__township"
    scope_department_field = "enterprise__department"

    class Meta:
        verbose_name = _("服务记录")
        verbose_name_plural = _("服务记录")
        ordering = ["-served_on", "-id"]
        indexes = [models.Index(fields=["enterprise", "served_on"], name="service_log_enterprise")]

    def __str__(self) -> str:
        return f"{self.agency} → {self.enterprise} {self.served_on:%Y-%m-%d}"


class ExpertVisit(models.Model):
    """专家“面对面”、送教上门: an expert's visit to an enterprise and what was covered."""

    class Kind(models.TextChoices):
        FACE_TO_FACE = "face_to_face", _("专家“面对面”")
        TEACHING = "teaching", _("送教上门")

    kind = models.CharField(_("类型"), max_length=14, choices=Kind.choices, default=Kind.FACE_TO_FACE)
    visited_on = models.DateField(_("日期"))
    enterprise = models.ForeignKey(Enterprise, verbose_name=_("企业"), on_delete=models.PROTECT, related_name="+")
    expert = models.CharField(_("专家"), max_length=64)
    topics = models.TextField(_("内容"))

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "enterprise__township"
    scope_department_field = "enterprise__department"

    class Meta:
        verbose_name = _("专家服务")
        verbose_name_plural = _("专家“面对面”与送教上门")
        ordering = ["-visited_on", "-id"]
        constraints = [models.CheckConstraint(condition=~Q(expert=""), name="expert_visit_names_expert")]

    def __str__(self) -> str:
        return f"{self.visited_on:%Y-%m-%d} {self.expert} → {self.enterprise}"
