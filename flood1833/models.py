"""Typhoon and flood response (A2 + M2): events, the 633 matrix, the transfer closed loop (转移闭环),
the 1833 joint command's duty rosters and roll calls, incident reports, and material reserves."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from flood1833.validators import validate_id_number
from org.models import Region
from org.scoping import AreaWideQuerySet, ScopedQuerySet

TOWNSHIP_ONLY = {"level": Region.Level.TOWNSHIP}
VILLAGE_ONLY = {"level": Region.Level.VILLAGE}


# --- Events and the 633 matrix --------------------------------------------------------------


class ResponseEvent(models.Model):
    """台风/强降雨过程: one typhoon or rainstorm, with its current 633 response stage."""

    class Kind(models.TextChoices):
        TYPHOON = "typhoon", _("台风")
        RAINSTORM = "rainstorm", _("强降雨")

    name = models.CharField(_("名称"), max_length=64)
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices, default=Kind.TYPHOON)
    region = models.ForeignKey(
        Region,
        verbose_name=_("影响范围"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("一般为全县;局地强降雨可为某个乡镇。"),
    )
    started_at = models.DateTimeField(_("开始时间"))
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    stage = models.ForeignKey(
        "plan.ResponseStage",
        verbose_name=_("当前响应阶段"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    objects = AreaWideQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        verbose_name = _("台风/强降雨过程")
        verbose_name_plural = _("台风/强降雨过程")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("flood1833:event", kwargs={"pk": self.pk})

    @property
    def is_active(self) -> bool:
        return self.ended_at is None

    @property
    def allows_return(self) -> bool:
        """群众返回 only once the response is lifted (解除) or the event has ended."""
        return self.ended_at is not None or (self.stage is not None and self.stage.is_lifted)


class StageChange(models.Model):
    """响应阶段调整记录: who raised or lowered the stage, when and why."""

    event = models.ForeignKey(ResponseEvent, verbose_name=_("过程"), on_delete=models.CASCADE, related_name="changes")
    from_stage = models.ForeignKey(
        "plan.ResponseStage", verbose_name=_("原阶段"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    to_stage = models.ForeignKey(
        "plan.ResponseStage", verbose_name=_("新阶段"), on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("响应阶段调整")
        verbose_name_plural = _("响应阶段调整")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.from_stage_id} → {self.to_stage_id}"


class MatrixTaskQuerySet(ScopedQuerySet):
    def done(self) -> "MatrixTaskQuerySet":
        return self.filter(done_at__isnull=False)


class MatrixTask(models.Model):
    """“633”防御措施落实: one measure of one stage for one township (乡级) or village (村级、群众)."""

    event = models.ForeignKey(ResponseEvent, verbose_name=_("过程"), on_delete=models.CASCADE, related_name="tasks")
    stage = models.ForeignKey(
        "plan.ResponseStage", verbose_name=_("响应阶段"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.ForeignKey("plan.ResponseLevel", verbose_name=_("层级"), on_delete=models.PROTECT, related_name="+")
    measure = models.ForeignKey(
        "plan.StageMeasure", verbose_name=_("措施"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Copied from the measure, so editing the configuration later does not rewrite what was done.
    text = models.CharField(_("措施内容"), max_length=200)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    region = models.ForeignKey(Region, verbose_name=_("落实单位"), on_delete=models.PROTECT, related_name="+")
    township = models.ForeignKey(
        Region, verbose_name=_("乡镇"), on_delete=models.PROTECT, related_name="+", limit_choices_to=TOWNSHIP_ONLY
    )
    done_at = models.DateTimeField(_("落实时间"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("落实人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("落实情况"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = MatrixTaskQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        verbose_name = _("“633”防御措施落实")
        verbose_name_plural = _("“633”防御措施落实")
        ordering = ["stage__order", "level__order", "region__sort_order", "region_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["event", "stage", "level", "order", "region"], name="matrix_task_once"),
        ]
        indexes = [models.Index(fields=["event", "township", "level"], name="matrix_task_by_township")]

    def __str__(self) -> str:
        return f"{self.region} · {self.text}"


# --- The transfer closed loop ---------------------------------------------------------------


class ZoneKind(models.TextChoices):
    LANDSLIDE = "landslide", _("地灾点")
    FLASH_FLOOD = "flash_flood", _("山洪点")
    UNSAFE_HOUSE = "unsafe_house", _("危房")
    OUTSIDE_SEAWALL = "outside_seawall", _("海塘外")
    LOW_LYING = "low_lying", _("低洼地")
    FISHING_BOAT = "fishing_boat", _("渔船")
    WORKSITE = "worksite", _("工地")


# 何时转: the stage order at which each zone kind moves, until the bureau sets its own (ZoneRule).
DEFAULT_MOVE_STAGE = {
    ZoneKind.FISHING_BOAT: 2,
    ZoneKind.WORKSITE: 2,
    ZoneKind.OUTSIDE_SEAWALL: 3,
    ZoneKind.LANDSLIDE: 3,
    ZoneKind.FLASH_FLOOD: 3,
    ZoneKind.UNSAFE_HOUSE: 3,
    ZoneKind.LOW_LYING: 3,
}
# People listed without a zone move with the general transfer order (III级 by default).
DEFAULT_MOVE_STAGE_WITHOUT_ZONE = 3


class ZoneRule(models.Model):
    """何时转: the response stage (by its order) from which a kind of danger zone must be cleared."""

    kind = models.CharField(_("区域类别"), max_length=20, choices=ZoneKind.choices, unique=True)
    stage_order = models.PositiveSmallIntegerField(
        _("转移启动阶段(顺序)"), help_text=_("达到该顺序的响应阶段(含)时须转移,例如 3 = III级。")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("转移启动规则")
        verbose_name_plural = _("转移启动规则")
        ordering = ["kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ≥ {self.stage_order}"


class DangerZone(models.Model):
    """危险区域: a landslide spot, flash-flood gully, unsafe house, sea-wall outskirt and the like."""

    kind = models.CharField(_("类别"), max_length=20, choices=ZoneKind.choices)
    name = models.CharField(_("名称"), max_length=100)
    village = models.ForeignKey(
        Region, verbose_name=_("村(社区)"), on_delete=models.PROTECT, related_name="+", limit_choices_to=VILLAGE_ONLY
    )
    lat = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "village"

    class Meta:
        verbose_name = _("危险区域")
        verbose_name_plural = _("危险区域")
        ordering = ["village__sort_order", "village_id", "name"]
        constraints = [models.UniqueConstraint(fields=["village", "name"], name="zone_unique_name_in_village")]

    def __str__(self) -> str:
        return f"{self.name}({self.get_kind_display()})"


class Shelter(models.Model):
    """避灾安置场所 (转到哪): capacity, manager, location."""

    name = models.CharField(_("名称"), max_length=100)
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
    capacity = models.PositiveIntegerField(_("容纳人数"))
    manager_name = models.CharField(_("管理人员"), max_length=32, blank=True)
    manager_phone = models.CharField(_("管理人员电话"), max_length=20, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    lat = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    history = HistoricalRecords()

    objects = AreaWideQuerySet.as_manager()
    scope_region_field = "township"

    class Meta:
        verbose_name = _("避灾安置场所")
        verbose_name_plural = _("避灾安置场所")
        ordering = ["township__sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["township", "name"], name="shelter_unique_name")]

    def __str__(self) -> str:
        return self.name


class TransferPerson(models.Model):
    """转移对象 (要转谁): a person living in a danger zone, and the cadre responsible (谁去转)."""

    name = models.CharField(_("姓名"), max_length=32)
    # Stored whole for verification at the shelter; shown masked except to county administrators.
    id_number = models.CharField(_("身份证号"), max_length=18, unique=True, validators=[validate_id_number])
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    village = models.ForeignKey(
        Region, verbose_name=_("村(社区)"), on_delete=models.PROTECT, related_name="+", limit_choices_to=VILLAGE_ONLY
    )
    zone = models.ForeignKey(
        DangerZone, verbose_name=_("危险区域"), null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    elderly = models.BooleanField(_("老年人"), default=False)
    child = models.BooleanField(_("儿童"), default=False)
    disabled = models.BooleanField(_("残疾人"), default=False)
    sick_or_pregnant = models.BooleanField(_("病患或孕妇"), default=False)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("转移责任人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "village"

    class Meta:
        verbose_name = _("转移对象")
        verbose_name_plural = _("转移对象")
        ordering = ["village__sort_order", "village_id", "name", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("flood1833:person", kwargs={"pk": self.pk})

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def vulnerable_labels(self) -> list[str]:
        flags = ("elderly", "child", "disabled", "sick_or_pregnant")
        return [str(self._meta.get_field(flag).verbose_name) for flag in flags if getattr(self, flag)]


def mask_id_number(value: str) -> str:
    """330327********1234: the region prefix and the last four, never the birth date."""
    if len(value) <= 4:
        return "*" * len(value)
    head = value[:6] if len(value) >= 14 else ""
    return head + "*" * (len(value) - len(head) - 4) + value[-4:]


class TransferQuerySet(ScopedQuerySet):
    def for_event(self, event) -> "TransferQuerySet":
        return self.filter(event=event)


class Transfer(models.Model):
    """人员转移 for one event and one person: where they are now (人在哪) and who confirmed it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待转移")
        NOTIFIED = "notified", _("已通知")
        MOVED = "moved", _("已转移")
        SHELTERED = "sheltered", _("已安置")
        WITH_RELATIVES = "with_relatives", _("投亲靠友")
        RETURNED = "returned", _("已返回")

    event = models.ForeignKey(ResponseEvent, verbose_name=_("过程"), on_delete=models.CASCADE, related_name="transfers")
    person = models.ForeignKey(
        TransferPerson, verbose_name=_("转移对象"), on_delete=models.PROTECT, related_name="transfers"
    )
    # The person's village when the transfer was opened: the scope and the counts by township.
    village = models.ForeignKey(Region, verbose_name=_("村(社区)"), on_delete=models.PROTECT, related_name="+")
    township = models.ForeignKey(Region, verbose_name=_("乡镇"), on_delete=models.PROTECT, related_name="+")
    zone_kind = models.CharField(_("区域类别"), max_length=20, choices=ZoneKind.choices, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.PENDING)
    shelter = models.ForeignKey(
        Shelter, verbose_name=_("安置场所"), null=True, blank=True, on_delete=models.PROTECT, related_name="transfers"
    )
    location = models.CharField(_("当前位置"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("确认人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = TransferQuerySet.as_manager()
    scope_region_field = "village"

    class Meta:
        verbose_name = _("人员转移")
        verbose_name_plural = _("人员转移")
        ordering = ["village__sort_order", "village_id", "person__name", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="transfer_once_per_event")]
        indexes = [
            models.Index(fields=["event", "status"], name="transfer_event_status"),
            models.Index(fields=["event", "township", "status"], name="transfer_event_township"),
            models.Index(fields=["shelter", "status"], name="transfer_shelter_status"),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_status_display()}"


class TransferStep(models.Model):
    """转移确认记录 (留痕): one confirmed change, keyed by the client's request id so a retry counts once."""

    transfer = models.ForeignKey(Transfer, verbose_name=_("人员转移"), on_delete=models.CASCADE, related_name="steps")
    from_status = models.CharField(_("原状态"), max_length=16, choices=Transfer.Status.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=16, choices=Transfer.Status.choices)
    shelter = models.ForeignKey(
        Shelter, verbose_name=_("安置场所"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    location = models.CharField(_("位置"), max_length=200, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("确认人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    request_id = models.CharField(_("请求编号"), max_length=64, null=True, blank=True, unique=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "transfer__village"

    class Meta:
        verbose_name = _("转移确认记录")
        verbose_name_plural = _("转移确认记录")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.transfer_id}: {self.from_status} → {self.to_status}"


# --- The 1833 joint command: duty rosters and roll calls -----------------------------------


class DutyShift(models.Model):
    """值班表: an officer on duty for a working group of the 1833 command, from when to when."""

    region = models.ForeignKey(Region, verbose_name=_("指挥部所在区划"), on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey("plan.CommandGroup", verbose_name=_("工作组"), on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("值班人员"), on_delete=models.PROTECT, related_name="+"
    )
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        verbose_name = _("值班安排")
        verbose_name_plural = _("值班安排")
        ordering = ["-starts_at", "group__order"]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="duty_shift_ends")]

    def __str__(self) -> str:
        return f"{self.group} · {self.officer}"


class RollCall(models.Model):
    """一键通抽查 / 随机签到: a check sent to the officers on duty at one moment."""

    region = models.ForeignKey(Region, verbose_name=_("区划"), on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(_("发起时间"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发起人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer_within_minutes = models.PositiveSmallIntegerField(_("应答时限(分钟)"))
    note = models.CharField(_("内容"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        verbose_name = _("一键通抽查")
        verbose_name_plural = _("一键通抽查")
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"{self.region} {self.sent_at:%Y-%m-%d %H:%M}"


class RollCallAnswer(models.Model):
    """抽查应答: one officer's answer to a roll call; unanswered past the time limit is flagged."""

    roll_call = models.ForeignKey(RollCall, verbose_name=_("抽查"), on_delete=models.CASCADE, related_name="answers")
    region = models.ForeignKey(Region, verbose_name=_("区划"), on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("值班人员"), on_delete=models.PROTECT, related_name="+"
    )
    group = models.ForeignKey(
        "plan.CommandGroup", verbose_name=_("工作组"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_at = models.DateTimeField(_("应答截止"))
    answered_at = models.DateTimeField(_("应答时间"), null=True, blank=True)
    flagged_at = models.DateTimeField(_("未应答标记时间"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        verbose_name = _("抽查应答")
        verbose_name_plural = _("抽查应答")
        ordering = ["roll_call", "id"]
        constraints = [models.UniqueConstraint(fields=["roll_call", "officer"], name="roll_call_answer_once")]
        indexes = [
            models.Index(
                fields=["due_at"], condition=Q(answered_at__isnull=True, flagged_at__isnull=True), name="roll_call_due"
            )
        ]

    def __str__(self) -> str:
        return f"{self.roll_call} · {self.officer}"

    @property
    def response_seconds(self) -> int | None:
        if self.answered_at is None:
            return None
        return int((self.answered_at - self.roll_call.sent_at).total_seconds())


# --- Incident reports with the SLA clock ----------------------------------------------------


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


# --- Material reserves (物资储备 / 社会化云仓) --------------------------------------------------


class Depot(models.Model):
    """物资仓库: a government depot or a social (社会化云仓) one, with its location."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("政府储备")
        SOCIAL = "social", _("社会化云仓")

    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices, default=Kind.GOVERNMENT)
    region = models.ForeignKey(Region, verbose_name=_("所属区划"), on_delete=models.PROTECT, related_name="+")
    manager_name = models.CharField(_("管理人员"), max_length=32, blank=True)
    manager_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    lat = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        verbose_name = _("物资仓库")
        verbose_name_plural = _("物资仓库")
        ordering = ["region__level", "region__sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class DepotItem(models.Model):
    """储备物资: one kind of item in a depot, with its quantity."""

    depot = models.ForeignKey(Depot, verbose_name=_("仓库"), on_delete=models.CASCADE, related_name="items")
    name = models.CharField(_("物资名称"), max_length=64)
    unit = models.CharField(_("单位"), max_length=8, default="件")
    quantity = models.PositiveIntegerField(_("数量"), default=0)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "depot__region"

    class Meta:
        verbose_name = _("储备物资")
        verbose_name_plural = _("储备物资")
        ordering = ["depot", "name"]
        constraints = [models.UniqueConstraint(fields=["depot", "name"], name="depot_item_unique_name")]

    def __str__(self) -> str:
        return f"{self.name} {self.quantity}{self.unit}"
