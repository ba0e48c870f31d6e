"""Material reserves (物资储备 / 社会化云仓): depots and their items."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from org.models import Region
from org.scoping import ScopedQuerySet


class Depot(models.Model):
    """物资仓库: a government depot or a social (社会化云仓) one, with its location."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("政府储备")
        SOCIAL = "social", _("社会化云仓")

    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices, default=Kind.GOVERNMENT)
    region = models.ForeignKey(Region, verbose_name=_("所属区划"), on_delete=models.PROTECT, related_name="+")
    manager_name = models.CharField(_("管理人员"), max_length=32, blank=True)
    manager_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    lat = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        verbose_name = _("物资仓库")
        verbose_name_plural = _("物资仓库")
        ordering = ["region__level", "region__sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class DepotItem(models.Model):
    """储备物资: one kind of item in a depot, with its quantity."""

    depot = models.ForeignKey(Depot, verbose_name=_("仓库"), on_delete=models.CASCADE, related_name="items")
    name = models.CharField(_("物资名称"), max_length=64)
    unit = models.CharField(_("单位"), max_length=8, default="件")
    quantity = models.PositiveIntegerField(_("数量"), default=0)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "depot__region"

    class Meta:
        verbose_name = _("储备物资")
        verbose_name_plural = _("储备物资")
        ordering = ["depot", "name"]
        constraints = [models.UniqueConstraint(fields=["depot", "name"], name="depot_item_unique_name")]

    def __str__(self) -> str:
        return f"{self.name} {self.quantity}{self.unit}"
