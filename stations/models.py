"""乡镇应急消防管理站、网格、救援圈与救援队伍 (A3 + A4)."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from org.models import TOWNSHIP_ONLY, VILLAGE_ONLY, Region
from org.scoping import AreaWideQuerySet, ScopedQuerySet

# Days before an evaluation runs out that the team list warns about it.
EVALUATION_WARNING_DAYS = 60

LATITUDE = [MinValueValidator(-90), MaxValueValidator(90)]
LONGITUDE = [MinValueValidator(-180), MaxValueValidator(180)]


def latitude_field():
    return models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True, validators=LATITUDE)


def longitude_field():
    return models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True, validators=LONGITUDE)


class Station(models.Model):
    """乡镇应急消防管理站: one per township, from 规划 through 在建 to 已建成."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("规划")
        BUILDING = "building", _("在建")
        BUILT = "built", _("已建成")

    township = models.OneToOneField(
        Region, verbose_name=_("乡镇"), on_delete=models.PROTECT, related_name="station", limit_choices_to=TOWNSHIP_ONLY
    )
    name = models.CharField(_("站名"), max_length=64)
    status = models.CharField(_("建设状态"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    planned_on = models.DateField(_("规划日期"), null=True, blank=True)
    started_on = models.DateField(_("开工日期"), null=True, blank=True)
    built_on = models.DateField(_("建成日期"), null=True, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    lat = latitude_field()
    lng = longitude_field()
    staff_count = models.PositiveSmallIntegerField(_("在编在岗人员"), default=0)
    has_fire_team = models.BooleanField(_("建有专职消防队"), default=False)
    fire_team_members = models.PositiveSmallIntegerField(_("专职消防队员"), default=0)
    head = models.CharField(_("站长"), max_length=32, blank=True)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    station_team_integrated = models.BooleanField(_("站队一体"), default=False)
    emergency_fire_integrated = models.BooleanField(_("应消一体"), default=False)
    prevention_fire_integrated = models.BooleanField(_("防消一体"), default=False)
    is_demo = models.BooleanField(_("演示数据"), default=False)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "township"

    class Meta:
        verbose_name = _("乡镇应急消防管理站")
        verbose_name_plural = _("乡镇应急消防管理站")
        ordering = ["township__sort_order", "township__name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("stations:station", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.status == self.Status.BUILT and not self.built_on:
            raise ValidationError({"built_on": _("已建成的管理站须填写建成日期。")})
        if self.status != self.Status.BUILT and self.built_on:
            raise ValidationError({"built_on": _("尚未建成的管理站不能填写建成日期。")})
        if self.started_on and self.built_on and self.built_on < self.started_on:
            raise ValidationError({"built_on": _("建成日期不能早于开工日期。")})
        if (self.lat is None) != (self.lng is None):
            raise ValidationError({"lat": _("经度和纬度须同时填写。")})

    @property
    def is_built(self) -> bool:
        return self.status == self.Status.BUILT


class Duty(models.TextChoices):
    """The three duties a village grid works on together (网格协同)."""

    SAFETY = "safety", _("安全生产")
    FIRE = "fire", _("消防安全")
    DISASTER = "disaster", _("防灾减灾")


class Grid(models.Model):
    """网格: a village's grid and the duties it covers."""

    village = models.ForeignKey(
        Region, verbose_name=_("村(社区)"), on_delete=models.PROTECT, related_name="+", limit_choices_to=VILLAGE_ONLY
    )
    name = models.CharField(_("网格名称"), max_length=64)
    covers_safety = models.BooleanField(Duty.SAFETY.label, default=False)
    covers_fire = models.BooleanField(Duty.FIRE.label, default=False)
    covers_disaster = models.BooleanField(Duty.DISASTER.label, default=False)
    is_demo = models.BooleanField(_("演示数据"), default=False)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "village"

    class Meta:
        verbose_name = _("网格")
        verbose_name_plural = _("网格")
        ordering = ["village__parent__sort_order", "village__sort_order", "village__name", "name"]
        constraints = [models.UniqueConstraint(fields=["village", "name"], name="grid_unique_name_in_village")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("stations:grid", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.village_id and self.village.level != Region.Level.VILLAGE:
            raise ValidationError({"village": _("网格须属于村(社区)。")})

    @property
    def duties(self) -> list[str]:
        flags = [
            (self.covers_safety, Duty.SAFETY),
            (self.covers_fire, Duty.FIRE),
            (self.covers_disaster, Duty.DISASTER),
        ]
        return [str(duty.label) for covered, duty in flags if covered]


class GridWorker(models.Model):
    """网格员: a grid's worker and how to reach them."""

    grid = models.ForeignKey(Grid, verbose_name=_("网格"), on_delete=models.CASCADE, related_name="workers")
    name = models.CharField(_("姓名"), max_length=32)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "grid__village"

    class Meta:
        verbose_name = _("网格员")
        verbose_name_plural = _("网格员")
        ordering = ["grid", "name"]
        constraints = [models.UniqueConstraint(fields=["grid", "name"], name="grid_worker_unique_name")]

    def __str__(self) -> str:
        return self.name


class MeasuredTravelTime(models.Model):
    """实测通行时间: minutes from a village (or a township seat) to its nearest rescue point, as a
    routing engine measured them; where one is recorded it replaces the straight-line estimate."""

    region = models.OneToOneField(
        Region, verbose_name=_("村(社区)或乡镇驻地"), on_delete=models.CASCADE, related_name="measured_travel_time"
    )
    minutes = models.DecimalField(
        _("通行时间(分钟)"), max_digits=6, decimal_places=1, validators=[MinValueValidator(0)]
    )
    source = models.CharField(_("数据来源"), max_length=64, blank=True)
    measured_on = models.DateField(_("测算日期"), null=True, blank=True)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        verbose_name = _("实测通行时间")
        verbose_name_plural = _("实测通行时间")
        ordering = ["region__path"]

    def __str__(self) -> str:
        return f"{self.region} {self.minutes}"

    def clean(self) -> None:
        if self.region_id and self.region.level not in (Region.Level.TOWNSHIP, Region.Level.VILLAGE):
            raise ValidationError({"region": _("实测通行时间只记录村(社区)或乡镇驻地。")})


class EntrustedCase(models.Model):
    """执法案件: a township's enforcement case, and whether it was done under 委托执法."""

    township = models.ForeignKey(
        Region, verbose_name=_("乡镇"), on_delete=models.PROTECT, related_name="+", limit_choices_to=TOWNSHIP_ONLY
    )
    number = models.CharField(_("案件编号"), max_length=64, blank=True)
    decided_on = models.DateField(_("立案日期"))
    case_type = models.CharField(_("案件类型"), max_length=64)
    entrusted = models.BooleanField(_("委托执法"), default=False)
    is_demo = models.BooleanField(_("演示数据"), default=False)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "township"

    class Meta:
        verbose_name = _("执法案件")
        verbose_name_plural = _("执法案件")
        ordering = ["-decided_on", "-id"]
        indexes = [models.Index(fields=["decided_on"], name="entrusted_case_decided_on")]

    def __str__(self) -> str:
        return f"{self.township} {self.decided_on} {self.case_type}"


class RescueTeam(models.Model):
    """救援队伍: county social rescue forces, township rescue teams, forest and full-time fire teams."""

    class Kind(models.TextChoices):
        SOCIAL = "social", _("社会应急力量")
        TOWNSHIP_RESCUE = "township_rescue", _("乡镇综合应急救援队")
        COUNTY_FOREST = "county_forest", _("森林消防队(县级)")
        TOWNSHIP_FOREST = "township_forest", _("森林消防队(乡镇)")
        FIRE = "fire", _("专职消防队")

    # The kinds based in a township; the others are the county's own.
    TOWNSHIP_KINDS = (Kind.TOWNSHIP_RESCUE, Kind.TOWNSHIP_FOREST, Kind.FIRE)
    # The kinds a village's rescue circle is reached from (with the built stations).
    CIRCLE_KINDS = (Kind.TOWNSHIP_RESCUE, Kind.FIRE)

    name = models.CharField(_("队伍名称"), max_length=64, unique=True)
    kind = models.CharField(_("队伍类别"), max_length=16, choices=Kind.choices)
    # The county for the county's teams, the township for a township's.
    region = models.ForeignKey(Region, verbose_name=_("所属区划"), on_delete=models.PROTECT, related_name="+")
    leader = models.CharField(_("负责人"), max_length=32, blank=True)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    members = models.PositiveIntegerField(_("队员人数"), default=0)
    equipment = models.TextField(_("主要装备"), blank=True)
    lat = latitude_field()
    lng = longitude_field()
    is_demo = models.BooleanField(_("演示数据"), default=False)
    history = HistoricalRecords()

    # Area-wide: a team based in the county is seen county-wide (every township may call on it),
    # a township's team by its township and the county above, like shelters and county events.
    objects = AreaWideQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        verbose_name = _("救援队伍")
        verbose_name_plural = _("救援队伍")
        ordering = ["kind", "region__sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("stations:team", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if not self.region_id or not self.kind:
            return
        if self.kind in self.TOWNSHIP_KINDS and self.region.level != Region.Level.TOWNSHIP:
            raise ValidationError({"region": _("“%(kind)s”须属于乡镇。") % {"kind": self.get_kind_display()}})
        if self.kind not in self.TOWNSHIP_KINDS and self.region.level != Region.Level.COUNTY:
            raise ValidationError({"region": _("“%(kind)s”须属于县级。") % {"kind": self.get_kind_display()}})
        if (self.lat is None) != (self.lng is None):
            raise ValidationError({"lat": _("经度和纬度须同时填写。")})


class TeamEvaluationQuerySet(AreaWideQuerySet):
    def valid_on(self, day: date) -> "TeamEvaluationQuerySet":
        return self.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day), assessed_on__lte=day)

    def expiring(self, day: date) -> "TeamEvaluationQuerySet":
        return self.filter(valid_until__range=(day, day + timedelta(days=EVALUATION_WARNING_DAYS)))


class TeamEvaluation(models.Model):
    """三级测评 (应急〔2024〕83号): a team's level in one specialty, from the day assessed until expiry."""

    class Specialty(models.TextChoices):
        COLLAPSE = "collapse", _("建筑物倒塌搜救")
        MOUNTAIN = "mountain", _("山地搜救")
        WATER = "water", _("水上搜救")
        DIVING = "diving", _("潜水救援")
        MEDICAL = "medical", _("应急医疗救护")
        OTHER = "other", _("其他")

    class Level(models.IntegerChoices):
        FIRST = 1, _("一级")
        SECOND = 2, _("二级")
        THIRD = 3, _("三级")

    team = models.ForeignKey(RescueTeam, verbose_name=_("队伍"), on_delete=models.CASCADE, related_name="evaluations")
    specialty = models.CharField(_("测评专业"), max_length=16, choices=Specialty.choices)
    level = models.PositiveSmallIntegerField(_("测评等级"), choices=Level.choices)
    assessed_on = models.DateField(_("测评日期"))
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    history = HistoricalRecords()

    objects = TeamEvaluationQuerySet.as_manager()
    scope_region_field = "team__region"

    class Meta:
        verbose_name = _("队伍测评")
        verbose_name_plural = _("队伍测评")
        ordering = ["-assessed_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["team", "specialty", "assessed_on"], name="team_evaluation_unique_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.team} {self.get_specialty_display()} {self.get_level_display()}"

    def clean(self) -> None:
        if self.assessed_on and self.valid_until and self.valid_until < self.assessed_on:
            raise ValidationError({"valid_until": _("有效期不能早于测评日期。")})

    def is_valid_on(self, day: date) -> bool:
        return self.assessed_on <= day and (self.valid_until is None or self.valid_until >= day)

    def expires_soon(self, day: date) -> bool:
        return self.valid_until is not None and day <= self.valid_until <= day + timedelta(days=EVALUATION_WARNING_DAYS)


def agreement_path(instance: "LinkageAgreement", filename: str) -> str:
    return f"stations/linkage/{filename}"


class LinkageAgreement(models.Model):
    """跨区域应急联动合作协议: with a neighbouring region (福鼎市), its scope and the signed document."""

    region = models.ForeignKey(Region, verbose_name=_("签约区划"), on_delete=models.PROTECT, related_name="+")
    partner = models.CharField(_("合作地区"), max_length=64)
    title = models.CharField(_("协议名称"), max_length=128)
    signed_on = models.DateField(_("签订日期"), null=True, blank=True)
    scope = models.TextField(_("合作范围"), blank=True)
    document = models.FileField(_("协议文本"), upload_to=agreement_path, blank=True)
    document_name = models.CharField(_("原文件名"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(_("演示数据"), default=False)
    history = HistoricalRecords()

    # Area-wide: the county's agreement binds its townships too, so they read it.
    objects = AreaWideQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        verbose_name = _("跨区域应急联动协议")
        verbose_name_plural = _("跨区域应急联动协议")
        ordering = ["-signed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.partner} {self.title}"

    @property
    def is_signed(self) -> bool:
        return self.signed_on is not None
