from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from org.models import TOWNSHIP_ONLY, Enterprise, Industry, Region
from org.scoping import AreaWideQuerySet, ScopedQuerySet


class Alliance(models.Model):
    """安全生产互助联盟: enterprises of a township or an industry, led by one of them."""

    class Kind(models.TextChoices):
        TOWNSHIP = "township", _("乡镇")
        INDUSTRY = "industry", _("行业")

    name = models.CharField(_("联盟名称"), max_length=64, unique=True)
    kind = models.CharField(_("组建方式"), max_length=10, choices=Kind.choices)
    township = models.ForeignKey(
        Region,
        verbose_name=_("乡镇"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=TOWNSHIP_ONLY,
    )
    industry = models.CharField(_("行业"), max_length=16, choices=Industry.choices, blank=True)
    # The township of a township alliance; the county for an industry one.
    region = models.ForeignKey(
        Region, verbose_name=_("区划"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    lead_enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("牵头企业"), on_delete=models.PROTECT, related_name="+"
    )
    members = models.ManyToManyField(Enterprise, verbose_name=_("成员企业"), blank=True, related_name="alliances")
    founded_on = models.DateField(_("成立日期"), null=True, blank=True)
    notes = models.TextField(_("备注"), blank=True)
    history = HistoricalRecords(m2m_fields=[members])

    objects = AreaWideQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        verbose_name = _("互助联盟")
        verbose_name_plural = _("互助联盟")
        ordering = ["region__sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("governance:alliance", kwargs={"pk": self.pk})


class AllianceActivity(models.Model):
    """联盟活动: 互学、互查、互助、互保, with the date and what was found."""

    class Kind(models.TextChoices):
        STUDY = "study", _("互学")
        INSPECT = "inspect", _("互查")
        HELP = "help", _("互助")
        GUARANTEE = "guarantee", _("互保")

    alliance = models.ForeignKey(Alliance, verbose_name=_("联盟"), on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("活动类型"), max_length=10, choices=Kind.choices)
    held_on = models.DateField(_("活动日期"))
    topic = models.CharField(_("活动内容"), max_length=120)
    findings = models.TextField(_("发现问题及成效"), blank=True)

    objects = AreaWideQuerySet.as_manager()
    scope_region_field = "alliance__region"

    class Meta:
        verbose_name = _("联盟活动")
        verbose_name_plural = _("联盟活动")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.alliance} {self.get_kind_display()} {self.held_on:%Y-%m-%d}"


class CompliancePilot(models.Model):
    """合规管理试点企业."""

    enterprise = models.OneToOneField(
        Enterprise, verbose_name=_("企业"), on_delete=models.PROTECT, related_name="compliance_pilot"
    )
    since = models.DateField(_("列入试点日期"))
    notes = models.TextField(_("试点内容"), blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "enterprise__township"
    scope_department_field = "enterprise__department"

    class Meta:
        verbose_name = _("合规管理试点")
        verbose_name_plural = _("合规管理试点企业")
        ordering = ["-since", "id"]

    def __str__(self) -> str:
        return str(self.enterprise)
