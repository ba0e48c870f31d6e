"""林火: each forest fire from report to extinguished, and the one-hour suppression circle (A6.circle)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from forestfire.models.hotspots import Hotspot
from org.models import TOWNSHIP_ONLY, Region
from org.scoping import ScopedQuerySet


class ForestFire(models.Model):
    """林火: started, reported, first team on the spot, controlled, extinguished; area, cause, casualties."""

    hotspot = models.ForeignKey(
        Hotspot, verbose_name=_("来源热点"), null=True, blank=True, on_delete=models.SET_NULL, related_name="fires"
    )
    township = models.ForeignKey(
        Region, verbose_name=_("乡镇"), on_delete=models.PROTECT, related_name="+", limit_choices_to=TOWNSHIP_ONLY
    )
    place = models.CharField(_("起火地点"), max_length=100)
    started_at = models.DateTimeField(_("起火时间"))
    reported_at = models.DateTimeField(_("报告时间"))
    first_arrived_at = models.DateTimeField(_("首支队伍到场时间"), null=True, blank=True)
    # The one tie to another app: the rescue teams kept by stations.
    teams = models.ManyToManyField(
        "stations.RescueTeam", verbose_name=_("首批到场队伍"), blank=True, related_name="forest_fires"
    )
    first_teams = models.CharField(
        _("其他到场队伍"), max_length=200, blank=True, help_text=_("未在救援队伍名录中的队伍,填写名称")
    )
    controlled_at = models.DateTimeField(_("控制时间"), null=True, blank=True)
    extinguished_at = models.DateTimeField(_("扑灭时间"), null=True, blank=True)
    burned_area = models.DecimalField(_("过火面积(公顷)"), max_digits=10, decimal_places=2, default=0)
    cause = models.CharField(_("起火原因"), max_length=100, blank=True)
    deaths = models.PositiveIntegerField(_("死亡人数"), default=0)
    injuries = models.PositiveIntegerField(_("受伤人数"), default=0)
    note = models.TextField(_("备注"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "township"

    class Meta:
        verbose_name = _("林火")
        verbose_name_plural = _("林火")
        ordering = ["-reported_at", "-id"]
        indexes = [models.Index(fields=["reported_at"], name="forestfire_reported_at")]

    def __str__(self) -> str:
        return f"{self.township} · {self.place}" if self.township_id else self.place

    def get_absolute_url(self) -> str:
        return reverse("forestfire:fire-edit", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors = {}
        steps = [
            ("reported_at", self.started_at, _("报告时间不能早于起火时间。")),
            ("first_arrived_at", self.reported_at, _("到场时间不能早于报告时间。")),
            ("controlled_at", self.started_at, _("控制时间不能早于起火时间。")),
            ("extinguished_at", self.controlled_at or self.started_at, _("扑灭时间不能早于控制时间。")),
        ]
        for field, earliest, message in steps:
            value = getattr(self, field)
            if value is not None and earliest is not None and value < earliest:
                errors[field] = message
        if self.hotspot_id and self.township_id and self.hotspot.township_id != self.township_id:
            errors["hotspot"] = _("来源热点不在所选乡镇。")
        if errors:
            raise ValidationError(errors)

    def team_names(self) -> str:
        """The first teams on the spot: the registered ones, then any others named."""
        names = [team.name for team in self.teams.all()]
        return "、".join(names + ([self.first_teams] if self.first_teams else []))

    def arrival_minutes(self) -> int | None:
        """Minutes from the report to the first team on the spot."""
        if self.first_arrived_at is None:
            return None
        return int((self.first_arrived_at - self.reported_at).total_seconds() // 60)
