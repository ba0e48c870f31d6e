"""警示教育视频 (A5.videos): a file kept by the portal or a link to where it is published."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from campaigns.models.files import video_file_path
from org.models import Region
from org.scoping import AreaWideQuerySet


class Video(models.Model):
    """警示教育视频: made by the county or a township; counts once published."""

    region = models.ForeignKey(Region, verbose_name=_("所属区划"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("标题"), max_length=128)
    producer = models.CharField(_("制作单位"), max_length=100)
    made_on = models.DateField(_("制作日期"))
    duration_minutes = models.PositiveSmallIntegerField(_("时长(分钟)"), null=True, blank=True)
    file = models.FileField(_("视频文件"), upload_to=video_file_path, blank=True)
    file_type = models.CharField(_("文件类型"), max_length=100, blank=True)
    link = models.URLField(_("视频链接"), max_length=300, blank=True)
    published = models.BooleanField(_("已发布"), default=False)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    history = HistoricalRecords()

    # County-made videos are shown to every township, as they are to the public.
    objects = AreaWideQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        verbose_name = _("警示教育视频")
        verbose_name_plural = _("警示教育视频")
        ordering = ["-made_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("campaigns:video", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if not self.file and not self.link:
            raise ValidationError({"link": _("请上传视频文件或填写视频链接。")})
        if self.published and not self.published_on:
            raise ValidationError({"published_on": _("已发布的视频须填写发布日期。")})
