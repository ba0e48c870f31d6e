"""“一呼百应” safety service team members and the registers of sites shown on the map."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from org.models import TOWNSHIP_ONLY, Region
from org.scoping import ScopedQuerySet


class ServiceTeamMember(models.Model):
    """“一呼百应”安全服务队队员: their 安全宣讲 are filed as activities."""

    name = models.CharField(_("姓名"), max_length=32)
    township = models.ForeignKey(
        Region, verbose_name=_("乡镇"), on_delete=models.PROTECT, related_name="+", limit_choices_to=TOWNSHIP_ONLY
    )
    skills = models.CharField(_("专长"), max_length=200, blank=True, help_text=_("如:消防、用电安全、防汛防台"))
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    active = models.BooleanField(_("在队"), default=True)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "township"

    class Meta:
        verbose_name = _("安全服务队员")
        verbose_name_plural = _("“一呼百应”安全服务队")
        ordering = ["township__sort_order", "name", "id"]

    def __str__(self) -> str:
        return f"{self.name}({self.township})"

    def get_absolute_url(self) -> str:
        return reverse("campaigns:member-edit", kwargs={"pk": self.pk})


class Site(models.Model):
    """安全文化示范点、应急安全体验场馆、应急广播点: places with coordinates, one map layer per kind."""

    class Kind(models.TextChoices):
        DEMONSTRATION = "demonstration", _("安全文化示范点")
        EXPERIENCE_HALL = "experience_hall", _("应急安全体验场馆")
        BROADCAST = "broadcast", _("应急广播")

    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=100)
    township = models.ForeignKey(
        Region, verbose_name=_("乡镇"), on_delete=models.PROTECT, related_name="+", limit_choices_to=TOWNSHIP_ONLY
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    lat = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "township"

    class Meta:
        verbose_name = _("示范点与场馆")
        verbose_name_plural = _("示范点、体验场馆与应急广播")
        ordering = ["kind", "township__sort_order", "name", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("campaigns:site-edit", kwargs={"pk": self.pk})
