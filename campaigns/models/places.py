"""Public places (公共场所) and the publicity put up in them (A5.places)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from campaigns.models.files import coverage_photo_path
from org.models import TOWNSHIP_ONLY, Region
from org.scoping import ScopedQuerySet


class PublicPlace(models.Model):
    """公共场所: a station, square, mall … where safety publicity should be put up."""

    class Kind(models.TextChoices):
        STATION = "station", _("车站")
        SQUARE = "square", _("广场")
        MALL = "mall", _("商场")
        HOSPITAL = "hospital", _("医院")
        SCHOOL = "school", _("学校")
        SCENIC = "scenic", _("景区")
        PARK = "park", _("公园")
        OTHER = "other", _("其他")

    township = models.ForeignKey(
        Region, verbose_name=_("乡镇"), on_delete=models.PROTECT, related_name="+", limit_choices_to=TOWNSHIP_ONLY
    )
    name = models.CharField(_("场所名称"), max_length=100)
    kind = models.CharField(_("场所类型"), max_length=12, choices=Kind.choices, default=Kind.OTHER)
    lat = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "township"

    class Meta:
        verbose_name = _("公共场所")
        verbose_name_plural = _("公共场所")
        ordering = ["township__sort_order", "name", "id"]
        constraints = [models.UniqueConstraint(fields=["township", "name"], name="campaigns_place_unique_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("campaigns:place", kwargs={"pk": self.pk})


class PlaceCoverage(models.Model):
    """宣传覆盖: on this day this publicity was put up in the place (a photo as evidence)."""

    place = models.ForeignKey(
        PublicPlace, verbose_name=_("公共场所"), on_delete=models.CASCADE, related_name="coverages"
    )
    covered_on = models.DateField(_("覆盖日期"))
    content = models.CharField(_("宣传内容"), max_length=200, help_text=_("如:宣传栏、海报、电子屏、展板"))
    photo = models.FileField(_("照片"), upload_to=coverage_photo_path, blank=True)
    photo_type = models.CharField(_("照片类型"), max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("填报人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("填报时间"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "place__township"

    class Meta:
        verbose_name = _("宣传覆盖")
        verbose_name_plural = _("宣传覆盖")
        ordering = ["-covered_on", "-id"]

    def __str__(self) -> str:
        return f"{self.place} {self.covered_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("campaigns:coverage-photo", kwargs={"pk": self.pk})
