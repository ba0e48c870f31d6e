"""Incident reports with the SLA clock (30 minutes verbal, 60 minutes in the system)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from flood1833.models.events import ResponseEvent
from org.models import TOWNSHIP_ONLY, Region
from org.scoping import ScopedQuerySet


class Incident(models.Model):
    """突发事件信息报送: occurred at, verbal report (≤30 min), system first report (≤60 min), updates."""

    class Level(models.TextChoices):
        ORDINARY = "ordinary", _("一般")
        LARGER = "larger", _("较大")
        MAJOR = "major", _("重大")
        EXTRAORDINARY = "extraordinary", _("特别重大")

    title = models.CharField(_("事件"), max_length=100)
    township = models.ForeignKey(
        Region, verbose_name=_("乡镇"), on_delete=models.PROTECT, related_name="+", limit_choices_to=TOWNSHIP_ONLY
    )
    event = models.ForeignKey(
        ResponseEvent, verbose_name=_("所属过程"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    level = models.CharField(_("等级"), max_length=16, choices=Level.choices, default=Level.ORDINARY)
    is_disaster = models.BooleanField(_("自然灾害"), default=True)
    occurred_at = models.DateTimeField(_("发生时间"))
    verbal_reported_at = models.DateTimeField(_("口头报告时间"), null=True, blank=True)
    system_reported_at = models.DateTimeField(_("系统首报时间"), null=True, blank=True)
    deaths = models.PositiveIntegerField(_("死亡人数"), default=0)
    injuries = models.PositiveIntegerField(_("受伤人数"), default=0)
    direct_loss = models.DecimalField(_("直接经济损失(万元)"), max_digits=12, decimal_places=2, default=0)
    description = models.TextField(_("情况"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("填报人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "township"

    class Meta:
        verbose_name = _("事件信息报送")
        verbose_name_plural = _("事件信息报送")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["occurred_at"], name="incident_occurred_at")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("flood1833:incident", kwargs={"pk": self.pk})


class IncidentUpdate(models.Model):
    """续报: a later update on an incident."""

    incident = models.ForeignKey(Incident, verbose_name=_("事件"), on_delete=models.CASCADE, related_name="updates")
    text = models.TextField(_("续报内容"))
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("报送人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("续报")
        verbose_name_plural = _("续报")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.text[:30]
