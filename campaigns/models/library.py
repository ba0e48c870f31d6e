"""The online QR library of safety materials (二维码资料库): items and their monthly scans."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from campaigns.models.files import resource_file_path
from org.models import Region
from org.scoping import AreaWideQuerySet, ScopedQuerySet


def new_slug() -> str:
    """The public address of an item: random, so unpublished items cannot be guessed in turn."""
    return secrets.token_urlsafe(9)


class ResourceQuerySet(AreaWideQuerySet):
    def published(self) -> "ResourceQuerySet":
        return self.filter(published=True)


class Resource(models.Model):
    """宣教资料: a poster, video, audio or document with a public page and a QR code."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("图文")
        VIDEO = "video", _("视频")
        AUDIO = "audio", _("音频")
        DOCUMENT = "document", _("文档")

    region = models.ForeignKey(Region, verbose_name=_("所属区划"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("标题"), max_length=128)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.ARTICLE)
    summary = models.TextField(_("内容简介"), blank=True)
    file = models.FileField(_("文件"), upload_to=resource_file_path, blank=True)
    file_type = models.CharField(_("文件类型"), max_length=100, blank=True)
    link = models.URLField(_("链接"), max_length=300, blank=True)
    published = models.BooleanField(_("已发布"), default=False)
    slug = models.SlugField(_("公开地址"), max_length=16, unique=True, default=new_slug, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    history = HistoricalRecords()

    # County materials are posted in every township's villages: townships see them too.
    objects = ResourceQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        verbose_name = _("宣教资料")
        verbose_name_plural = _("二维码资料库")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("campaigns:resource", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if not self.file and not self.link and not self.summary:
            raise ValidationError({"file": _("请上传文件、填写链接或内容简介。")})

    def get_public_path(self) -> str:
        return reverse("campaigns:public-resource", kwargs={"slug": self.slug})


class ResourceScan(models.Model):
    """扫码次数: how often an item's public page was opened in a month."""

    resource = models.ForeignKey(Resource, verbose_name=_("宣教资料"), on_delete=models.CASCADE, related_name="scans")
    month = models.DateField(_("月份"))
    count = models.PositiveIntegerField(_("次数"), default=0)

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "resource__region"

    class Meta:
        verbose_name = _("扫码统计")
        verbose_name_plural = _("扫码统计")
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["resource", "month"], name="campaigns_scan_per_month")]

    def __str__(self) -> str:
        return f"{self.resource} {self.month:%Y-%m}: {self.count}"
