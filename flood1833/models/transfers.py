"""The transfer closed loop (转移闭环): danger zones, shelters, people to move, and per-event transfers."""

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from flood1833.models.events import ResponseEvent
from flood1833.validators import validate_id_number
from org.models import TOWNSHIP_ONLY, VILLAGE_ONLY, Region
from org.scoping import AreaWideQuerySet, ScopedQuerySet


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
    # 转到哪: where the zone's people go unless the cadre picks another shelter on the card.
    shelter = models.ForeignKey(
        "flood1833.Shelter",
        verbose_name=_("对应安置场所"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="zones",
    )
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

    @property
    def id_tail(self) -> str:
        """The last four of the ID number: what tells two people of the same name apart on a card."""
        return self.id_number[-4:]

    @property
    def flags(self) -> list[str]:
        """老/幼/残/病, one character each, for the card."""
        marks = (("elderly", _("老")), ("child", _("幼")), ("disabled", _("残")), ("sick_or_pregnant", _("病")))
        return [str(mark) for flag, mark in marks if getattr(self, flag)]

    @property
    def age_band(self) -> str:
        """An age band read from the birth date in an 18-digit ID number ("" when it has none)."""
        age = age_from_id_number(self.id_number, timezone.localdate())
        if age is None:
            return ""
        for upper, label in AGE_BANDS:
            if age < upper:
                return str(label)
        return str(AGE_BANDS[-1][1])


# (below this age, label); the last label is for everyone older.
AGE_BANDS = [(14, _("14岁以下")), (60, _("14–59岁")), (80, _("60–79岁")), (200, _("80岁以上"))]


def age_from_id_number(value: str, today: date) -> int | None:
    """Whole years since the birth date an 18-digit ID number carries, or None."""
    if len(value) != 18 or not value[6:14].isdigit():
        return None
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def mask_id_number(value: str) -> str:
    """330327********1234: the region prefix and the last four, never the birth date."""
    if len(value) <= 4:
        return "*" * len(value)
    head = value[:6] if len(value) >= 14 else ""
    return head + "*" * (len(value) - len(head) - 4) + value[-4:]


class TransferQuerySet(ScopedQuerySet):
    def for_event(self, event) -> "TransferQuerySet":
        return self.filter(event=event)

    def sheltered_at(self, shelter) -> "TransferQuerySet":
        """已安置 at this shelter now: its head count."""
        return self.filter(shelter=shelter, status=Transfer.Status.SHELTERED)

    def arriving_at(self, shelter, event) -> "TransferQuerySet":
        """已转移 people of the event from the shelter's township, not checked in anywhere yet."""
        return self.filter(event=event, township_id=shelter.township_id, status=Transfer.Status.MOVED)


class Transfer(models.Model):
    """人员转移 for one event and one person: where they are now (人在哪) and who confirmed it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待转移")
        NOTIFIED = "notified", _("已通知")
        MOVED = "moved", _("已转移")
        SHELTERED = "sheltered", _("已安置")
        WITH_RELATIVES = "with_relatives", _("投亲靠友")
        RETURNED = "returned", _("已返回")

    # Every status change rewrites each index that holds the status, so a transfer keeps no index
    # another one already leads with: the event's and the shelter's are those below.
    event = models.ForeignKey(
        ResponseEvent, verbose_name=_("过程"), on_delete=models.CASCADE, related_name="transfers", db_index=False
    )
    person = models.ForeignKey(
        TransferPerson, verbose_name=_("转移对象"), on_delete=models.PROTECT, related_name="transfers"
    )
    # The person's village when the transfer was opened: the scope and the counts by township.
    village = models.ForeignKey(Region, verbose_name=_("村(社区)"), on_delete=models.PROTECT, related_name="+")
    township = models.ForeignKey(Region, verbose_name=_("乡镇"), on_delete=models.PROTECT, related_name="+")
    zone_kind = models.CharField(_("区域类别"), max_length=20, choices=ZoneKind.choices, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.PENDING)
    shelter = models.ForeignKey(
        Shelter,
        verbose_name=_("安置场所"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transfers",
        db_index=False,
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
            # The live view's drill-down and zone-kind counts, read from the index alone.
            models.Index(fields=["event", "village", "status"], name="transfer_event_village"),
            models.Index(fields=["event", "zone_kind", "status"], name="transfer_event_zone_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_status_display()}"


class TransferStep(models.Model):
    """转移确认记录 (留痕): one confirmed change, keyed by the client's request id so a retry counts once.

    A correction (更正) is a step too: it names the step it takes back (``corrects``) and why, and
    moves the status back to what that step found. Nothing is ever deleted."""

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
    corrects = models.OneToOneField(
        "self",
        verbose_name=_("更正的记录"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="correction",
    )
    reason = models.CharField(_("更正原因"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "transfer__village"

    class Meta:
        verbose_name = _("转移确认记录")
        verbose_name_plural = _("转移确认记录")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.transfer_id}: {self.from_status} → {self.to_status}"

    @property
    def is_correction(self) -> bool:
        return self.corrects_id is not None


class TransferTally(models.Model):
    """How many transfers of an event stand at each status, by village and zone kind: the live
    view's figures, kept by the database itself. A trigger on the transfer table (migration 0005)
    adds and takes one away inside the very statement that inserts, updates or deletes a transfer,
    so every write path (confirmations, corrections, check-ins, imports, bulk updates) keeps it
    exact and the live view costs the same at 5,000 or 500,000 transfers."""

    event = models.ForeignKey(ResponseEvent, verbose_name=_("过程"), on_delete=models.CASCADE, related_name="+")
    township = models.ForeignKey(Region, verbose_name=_("乡镇"), on_delete=models.CASCADE, related_name="+")
    village = models.ForeignKey(Region, verbose_name=_("村(社区)"), on_delete=models.CASCADE, related_name="+")
    zone_kind = models.CharField(_("区域类别"), max_length=20, choices=ZoneKind.choices, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=Transfer.Status.choices)
    n = models.IntegerField(_("人数"), default=0)

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "village"

    class Meta:
        verbose_name = _("转移人数")
        verbose_name_plural = _("转移人数")
        constraints = [
            models.UniqueConstraint(fields=["event", "village", "zone_kind", "status"], name="transfer_tally_once")
        ]

    def __str__(self) -> str:
        return f"{self.event_id} {self.village_id} {self.zone_kind} {self.status}: {self.n}"
