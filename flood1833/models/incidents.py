"""Incident reports with the SLA clock (30 minutes verbal, 60 minutes in the system).

The plan's clock (“规范重大以上事件半小时口头报告1小时系统首报机制”) runs for incidents of level
重大 and 特别重大. A breach is stored when it happens: by the service when a late report is
recorded, and by the every-minute job when a deadline passes with no report (which also sends the
township a notice). Pages, the API and A2.report read the stored breaches.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from flood1833.models.events import ResponseEvent
from org.models import TOWNSHIP_ONLY, Region
from org.scoping import ScopedQuerySet


class IncidentLevel(models.TextChoices):
    ORDINARY = "ordinary", _("一般")
    LARGER = "larger", _("较大")
    MAJOR = "major", _("重大")
    EXTRAORDINARY = "extraordinary", _("特别重大")


# The levels the reporting clock runs for: 重大以上 (重大 and 特别重大).
CLOCKED_LEVELS = [IncidentLevel.MAJOR, IncidentLevel.EXTRAORDINARY]


def _clock_open(reported: str, breached: str) -> Q:
    """Incidents whose clock still runs: a level that is timed, no report and no breach yet."""
    return Q(level__in=CLOCKED_LEVELS, **{f"{reported}__isnull": True, f"{breached}__isnull": True})


class Incident(models.Model):
    """突发事件信息报送: occurred at, verbal report (≤30 min), system first report (≤60 min), updates."""

    Level = IncidentLevel

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
    # The deadline that was missed (occurred_at + the limit in force), or empty when it was not.
    verbal_breached_at = models.DateTimeField(_("口头报告超时"), null=True, blank=True, editable=False)
    system_breached_at = models.DateTimeField(_("系统首报超时"), null=True, blank=True, editable=False)
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
        indexes = [
            models.Index(fields=["occurred_at"], name="incident_occurred_at"),
            # The clock job's scans: only the incidents whose clock still runs.
            models.Index(
                fields=["occurred_at"],
                condition=_clock_open("verbal_reported_at", "verbal_breached_at"),
                name="incident_verbal_clock_open",
            ),
            models.Index(
                fields=["occurred_at"],
                condition=_clock_open("system_reported_at", "system_breached_at"),
                name="incident_system_clock_open",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("flood1833:incident", kwargs={"pk": self.pk})

    @property
    def is_clocked(self) -> bool:
        """Whether the 30/60-minute clock runs for this incident (重大 and 特别重大)."""
        return self.level in CLOCKED_LEVELS

    @property
    def breaches(self) -> list[str]:
        """The stored breaches, as labels."""
        labels = ((self.verbal_breached_at, _("口头报告超时")), (self.system_breached_at, _("系统首报超时")))
        return [str(label) for at, label in labels if at is not None]

    @property
    def is_awaiting_report(self) -> bool:
        """A clocked incident with a report still missing and no breach recorded for it yet."""
        return self.is_clocked and (
            (self.verbal_reported_at is None and self.verbal_breached_at is None)
            or (self.system_reported_at is None and self.system_breached_at is None)
        )


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


class IncidentNotice(models.Model):
    """报送超时提醒: raised by the clock job for the township when a report's deadline passes."""

    class Clock(models.TextChoices):
        VERBAL = "verbal", _("口头报告")
        SYSTEM = "system", _("系统首报")

    incident = models.ForeignKey(Incident, verbose_name=_("事件"), on_delete=models.CASCADE, related_name="notices")
    township = models.ForeignKey(
        Region, verbose_name=_("乡镇"), on_delete=models.PROTECT, related_name="+", limit_choices_to=TOWNSHIP_ONLY
    )
    clock = models.CharField(_("超时报告"), max_length=8, choices=Clock.choices)
    message = models.CharField(_("内容"), max_length=255)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "township"

    class Meta:
        verbose_name = _("报送超时提醒")
        verbose_name_plural = _("报送超时提醒")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["incident", "clock"], name="incident_notice_once_per_clock")]

    def __str__(self) -> str:
        return self.message
