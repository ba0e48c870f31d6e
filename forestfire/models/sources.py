"""火源管控: checks of fire sources in the field, and the 三张清单 of forest fire risks."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from org.models import TOWNSHIP_ONLY, VILLAGE_ONLY, Region
from org.scoping import ScopedQuerySet


class FireSourceCheck(models.Model):
    """野外火源检查: 清明 / 冬至 祭祀用火, 农事用火 and 野外施工, with what was found and done."""

    class Kind(models.TextChoices):
        QINGMING = "qingming", _("清明祭祀用火")
        DONGZHI = "dongzhi", _("冬至祭祀用火")
        FARM = "farm", _("农事用火")
        CONSTRUCTION = "construction", _("野外施工用火")

    kind = models.CharField(_("检查类别"), max_length=16, choices=Kind.choices)
    checked_on = models.DateField(_("检查日期"))
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
    place = models.CharField(_("检查地点"), max_length=100)
    finding = models.TextField(_("检查发现"), blank=True)
    follow_up = models.TextField(_("处理情况"), blank=True)
    inspector = models.CharField(_("检查人"), max_length=32, blank=True)
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
        verbose_name = _("火源检查")
        verbose_name_plural = _("火源检查")
        ordering = ["-checked_on", "-id"]

    def __str__(self) -> str:
        return f"{self.checked_on} {self.place}"

    def get_absolute_url(self) -> str:
        return reverse("forestfire:check-edit", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.village_id and self.township_id and self.village.parent_id != self.township_id:
            raise ValidationError({"village": _("村(社区)不属于所选乡镇。")})


class ForestRiskQuerySet(ScopedQuerySet):
    def overdue(self, *, on: date) -> "ForestRiskQuerySet":
        return self.filter(done_on__isnull=True, due_on__lt=on)


class ForestRisk(models.Model):
    """“三张清单”: one forest fire risk (风险隐患清单), who rectifies it (责任清单) and by when
    (整改清单), with the day it was done."""

    township = models.ForeignKey(
        Region, verbose_name=_("乡镇"), on_delete=models.PROTECT, related_name="+", limit_choices_to=TOWNSHIP_ONLY
    )
    description = models.CharField(_("风险隐患"), max_length=200)
    place = models.CharField(_("位置"), max_length=100, blank=True)
    measure = models.CharField(_("整改措施"), max_length=200, blank=True)
    owner = models.CharField(_("整改责任人"), max_length=32)
    due_on = models.DateField(_("整改期限"))
    done_on = models.DateField(_("完成日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = ForestRiskQuerySet.as_manager()
    scope_region_field = "township"

    class Meta:
        verbose_name = _("森林火险隐患(三张清单)")
        verbose_name_plural = _("森林火险隐患(三张清单)")
        ordering = ["done_on", "due_on", "id"]

    def __str__(self) -> str:
        return self.description

    def get_absolute_url(self) -> str:
        return reverse("forestfire:risk-edit", kwargs={"pk": self.pk})

    def is_overdue(self, on: date) -> bool:
        return self.done_on is None and self.due_on < on
