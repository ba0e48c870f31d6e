"""Safety publicity activities (宣传活动) and their 五进 categories."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from campaigns.models.files import activity_photo_path
from campaigns.models.teams import ServiceTeamMember
from org.models import TOWNSHIP_ONLY, Enterprise, Region
from org.scoping import ScopedQuerySet


class FiveInto(models.TextChoices):
    """安全宣传“五进”: the five places publicity must reach in every township."""

    ENTERPRISE = "enterprise", _("进企业")
    VILLAGE = "village", _("进农村")
    COMMUNITY = "community", _("进社区")
    SCHOOL = "school", _("进学校")
    FAMILY = "family", _("进家庭")


class ActivityKind(models.Model):
    """活动形式 (应急演练、知识抢答 …): a configuration table the bureau extends in the admin."""

    name = models.CharField(_("名称"), max_length=32, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("活动形式")
        verbose_name_plural = _("活动形式")
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class ActivityQuerySet(ScopedQuerySet):
    def in_year(self, year: int, *, until=None) -> "ActivityQuerySet":
        rows = self.filter(held_on__year=year)
        return rows.filter(held_on__lte=until) if until else rows


class Activity(models.Model):
    """宣传活动: a drill, quiz, contest, talk or hands-on event, in one of the 五进 categories."""

    township = models.ForeignKey(
        Region, verbose_name=_("乡镇"), on_delete=models.PROTECT, related_name="+", limit_choices_to=TOWNSHIP_ONLY
    )
    held_on = models.DateField(_("活动日期"))
    title = models.CharField(_("活动名称"), max_length=128)
    kind = models.ForeignKey(ActivityKind, verbose_name=_("活动形式"), on_delete=models.PROTECT, related_name="+")
    category = models.CharField(_("“五进”类别"), max_length=12, choices=FiveInto.choices)
    participants = models.PositiveIntegerField(_("参与人数"), default=0)
    organiser = models.CharField(_("组织单位"), max_length=100, blank=True)
    place = models.CharField(_("活动地点"), max_length=128, blank=True)
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("企业(进企业时)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    speaker = models.ForeignKey(
        ServiceTeamMember,
        verbose_name=_("宣讲队员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="talks",
        help_text=_("“一呼百应”安全服务队员的宣讲"),
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("填报人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("填报时间"), auto_now_add=True)
    history = HistoricalRecords()

    objects = ActivityQuerySet.as_manager()
    scope_region_field = "township"

    class Meta:
        verbose_name = _("宣传活动")
        verbose_name_plural = _("宣传活动")
        ordering = ["-held_on", "-id"]
        constraints = [
            # The ledger's natural key: one township does not hold two activities of one name on one day.
            models.UniqueConstraint(fields=["township", "held_on", "title"], name="campaigns_activity_natural_key")
        ]
        indexes = [models.Index(fields=["township", "held_on"], name="campaigns_activity_day")]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("campaigns:activity", kwargs={"pk": self.pk})


class ActivityPhoto(models.Model):
    """活动照片: evidence that the activity took place."""

    activity = models.ForeignKey(Activity, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("文件"), upload_to=activity_photo_path)
    original_name = models.CharField(_("原文件名"), max_length=255)
    content_type = models.CharField(_("文件类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小(字节)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "activity__township"

    class Meta:
        verbose_name = _("活动照片")
        verbose_name_plural = _("活动照片")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("campaigns:activity-photo", kwargs={"pk": self.pk})
