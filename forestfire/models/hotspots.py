"""卫星监测热点: the feed's hotspots, their verification on the spot and the 1-hour clock.

A breach is stored on the hotspot as the deadline that was missed (``breached_at``): by the
service when a late verification is recorded, and by the every-minute job when the deadline
passes with no verification (which also notifies the township and the county). Pages, the API
and A6.hotspot read the stored breaches, so a later change of the limit does not rewrite what
was late under the limit in force at the time.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from org.models import TOWNSHIP_ONLY, VILLAGE_ONLY, Region
from org.scoping import ScopedQuerySet

# The clock still runs: not verified and no breach flagged yet.
CLOCK_OPEN = Q(verified_at__isnull=True, breached_at__isnull=True)


class HotspotResult(models.TextChoices):
    FOREST_FIRE = "forest_fire", _("林火")
    FARM_BURNING = "farm_burning", _("农事用火")
    FALSE_ALARM = "false_alarm", _("误报")
    OTHER = "other", _("其他")


class HotspotQuerySet(ScopedQuerySet):
    def open(self) -> "HotspotQuerySet":
        """Not verified yet (whether or not the hour has passed)."""
        return self.filter(verified_at__isnull=True)

    def verified(self) -> "HotspotQuerySet":
        return self.filter(verified_at__isnull=False)

    def breached(self) -> "HotspotQuerySet":
        return self.filter(breached_at__isnull=False)


class Hotspot(models.Model):
    """卫星监测热点: received from the feed, verified on the spot within the hour, fed back."""

    Result = HotspotResult

    code = models.CharField(_("热点编号"), max_length=32, unique=True)
    satellite = models.CharField(_("卫星"), max_length=32, blank=True)
    received_at = models.DateTimeField(_("接收时间"))
    lng = models.DecimalField(_("经度"), max_digits=9, decimal_places=6)
    lat = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6)
    pixels = models.PositiveIntegerField(_("像元数"), null=True, blank=True)
    land_type = models.CharField(_("地类"), max_length=16, blank=True)
    township = models.ForeignKey(
        Region, verbose_name=_("乡镇"), on_delete=models.PROTECT, related_name="+", limit_choices_to=TOWNSHIP_ONLY
    )
    village = models.ForeignKey(
        Region,
        verbose_name=_("村(社区)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=VILLAGE_ONLY,
    )
    arrived_at = models.DateTimeField(_("到达时间"), null=True, blank=True)
    verified_at = models.DateTimeField(_("核查时间"), null=True, blank=True)
    result = models.CharField(_("核查结果"), max_length=16, choices=Result.choices, blank=True)
    verifier = models.CharField(_("反馈人"), max_length=32, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("核查账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    feedback = models.TextField(_("反馈情况"), blank=True)
    # Where the phone was when the verification was sent.
    verified_lat = models.DecimalField(_("核查位置纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    verified_lng = models.DecimalField(_("核查位置经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    # The deadline that was missed (received_at + the limit in force), or empty when it was not.
    breached_at = models.DateTimeField(_("核查超时"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    history = HistoricalRecords()

    objects = HotspotQuerySet.as_manager()
    scope_region_field = "township"

    class Meta:
        verbose_name = _("卫星监测热点")
        verbose_name_plural = _("卫星监测热点")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["received_at"], name="hotspot_received_at"),
            # The clock job's scan: only the hotspots whose clock still runs.
            models.Index(fields=["received_at"], condition=CLOCK_OPEN, name="hotspot_clock_open"),
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("forestfire:hotspot", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors = {}
        if self.verified_at is not None and self.received_at is not None and self.verified_at < self.received_at:
            errors["verified_at"] = _("核查时间不能早于接收时间。")
        if self.arrived_at is not None and self.received_at is not None and self.arrived_at < self.received_at:
            errors["arrived_at"] = _("到达时间不能早于接收时间。")
        if self.verified_at is not None and not self.result:
            errors["result"] = _("请填写核查结果。")
        if self.result and self.verified_at is None:
            errors["verified_at"] = _("请填写核查时间。")
        if self.village_id and self.township_id and self.village.parent_id != self.township_id:
            errors["village"] = _("村(社区)不属于所选乡镇。")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.verified_at is None


class HotspotNotice(models.Model):
    """热点核查超时提醒: raised by the clock job for the township and for the county."""

    class Audience(models.TextChoices):
        TOWNSHIP = "township", _("乡镇")
        COUNTY = "county", _("县级")

    hotspot = models.ForeignKey(Hotspot, verbose_name=_("热点"), on_delete=models.CASCADE, related_name="notices")
    audience = models.CharField(_("通知对象"), max_length=8, choices=Audience.choices)
    region = models.ForeignKey(Region, verbose_name=_("通知区划"), on_delete=models.PROTECT, related_name="+")
    message = models.CharField(_("内容"), max_length=255)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        verbose_name = _("热点核查超时提醒")
        verbose_name_plural = _("热点核查超时提醒")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["hotspot", "audience"], name="hotspot_notice_once_per_audience")]

    def __str__(self) -> str:
        return self.message


def photo_path(instance: "HotspotPhoto", filename: str) -> str:
    return f"hotspots/{instance.hotspot_id}/{filename}"


class HotspotPhoto(models.Model):
    """核查照片: taken on the spot and sent with the verification (checked by org.uploads)."""

    hotspot = models.ForeignKey(Hotspot, verbose_name=_("热点"), on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("照片"), upload_to=photo_path)
    original_name = models.CharField(_("原文件名"), max_length=255)
    content_type = models.CharField(_("文件类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小(字节)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "hotspot__township"

    class Meta:
        verbose_name = _("核查照片")
        verbose_name_plural = _("核查照片")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name
