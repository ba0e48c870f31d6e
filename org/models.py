from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from org.scoping import PortalWideQuerySet, ScopedQuerySet
from org.validators import validate_credit_code


class RegionQuerySet(ScopedQuerySet):
    def townships(self) -> "RegionQuerySet":
        return self.filter(level=Region.Level.TOWNSHIP)

    def villages(self) -> "RegionQuerySet":
        return self.filter(level=Region.Level.VILLAGE)

    def within(self, region: "Region") -> "RegionQuerySet":
        return self.filter(path__startswith=region.path)


class Region(models.Model):
    """行政区划: one tree from province down to village (村/社区)."""

    class Level(models.IntegerChoices):
        PROVINCE = 1, _("省")
        CITY = 2, _("市")
        COUNTY = 3, _("县")
        TOWNSHIP = 4, _("乡镇")
        VILLAGE = 5, _("村(社区)")

    class Kind(models.TextChoices):
        VILLAGE = "village", _("村")
        COMMUNITY = "community", _("社区")

    name = models.CharField(_("名称"), max_length=64)
    level = models.PositiveSmallIntegerField(_("层级"), choices=Level.choices)
    kind = models.CharField(
        _("类型"), max_length=16, choices=Kind.choices, blank=True, help_text=_("村级区划:村或社区")
    )
    code = models.CharField(_("区划代码"), max_length=12, blank=True, help_text=_("12位统计用区划代码,未知可留空"))
    parent = models.ForeignKey(
        "self", verbose_name=_("上级"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # "/<pk>/<pk>/…/": every ancestor's id, so "all below X" is one indexed prefix match.
    path = models.CharField(_("路径"), max_length=255, editable=False, db_index=True, default="")
    # Where the place is: a village's centre, a township's seat (镇政府驻地).
    lat = models.DecimalField(
        _("纬度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    lng = models.DecimalField(
        _("经度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_demo = models.BooleanField(_("演示数据"), default=False)
    history = HistoricalRecords()

    objects = RegionQuerySet.as_manager()
    scope_region_field = None  # a region is scoped by its own path

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        ordering = ["level", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="region_unique_name_under_parent"),
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="region_unique_code_when_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        # The path needs the row's own id, so it is written right after the first insert.
        super().save(*args, **kwargs)
        path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        if self.path != path:
            self.path = path
            Region.objects.filter(pk=self.pk).update(path=path)

    def clean(self) -> None:
        if self.parent and self.parent.level >= self.level:
            raise ValidationError({"parent": _("上级区划的层级必须高于本级。")})
        if self.kind and self.level != Region.Level.VILLAGE:
            raise ValidationError({"kind": _("只有村级区划分村或社区。")})
        if self.pk and self.parent_id != Region.objects.filter(pk=self.pk).values_list("parent_id", flat=True).get():
            raise ValidationError({"parent": _("区划建立后不能改挂到其他上级。")})

    def is_within(self, other: "Region") -> bool:
        return self.path.startswith(other.path)


# limit_choices_to for foreign keys that must point at a township or a village
TOWNSHIP_ONLY = {"level": Region.Level.TOWNSHIP}
VILLAGE_ONLY = {"level": Region.Level.VILLAGE}


class Department(models.Model):
    """县级行业部门, e.g. 应急管理局, 水利局: owns its industry's objects and its own 3030 window."""

    name = models.CharField(_("名称"), max_length=64)
    short_name = models.CharField(_("简称"), max_length=32, blank=True)
    region = models.ForeignKey(Region, verbose_name=_("所属区划"), on_delete=models.PROTECT, related_name="departments")
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        verbose_name = _("部门")
        verbose_name_plural = _("部门")
        ordering = ["sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="department_unique_name")]

    def __str__(self) -> str:
        return self.name


class Industry(models.TextChoices):
    TRADE = "trade", _("工贸")
    CHEMICALS = "chemicals", _("危化品")
    CONSTRUCTION = "construction", _("建设施工")
    TRANSPORT = "transport", _("交通运输")
    FISHING = "fishing", _("渔业船舶")
    SMALL_VENUES = "small_venues", _("九小场所")
    OTHER = "other", _("其他")


class Enterprise(models.Model):
    """生产经营单位(检查对象): the register every app inspects, supervises and finds hazards in."""

    class RiskLevel(models.TextChoices):
        RED = "red", _("红")
        ORANGE = "orange", _("橙")
        YELLOW = "yellow", _("黄")
        BLUE = "blue", _("蓝")

    name = models.CharField(_("单位名称"), max_length=128)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True, validators=[validate_credit_code])
    industry = models.CharField(_("行业"), max_length=16, choices=Industry.choices, default=Industry.OTHER)
    township = models.ForeignKey(
        Region, verbose_name=_("乡镇"), on_delete=models.PROTECT, related_name="+", limit_choices_to=TOWNSHIP_ONLY
    )
    department = models.ForeignKey(
        Department, verbose_name=_("行业主管部门"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    risk_level = models.CharField(_("风险等级"), max_length=8, choices=RiskLevel.choices, blank=True)
    supervised = models.BooleanField(_("已纳管"), default=False)
    uses_hazardous_chemicals = models.BooleanField(_("使用危险化学品"), default=False)
    old_equipment_evaluated = models.BooleanField(_("老旧设备已评定"), default=False)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    # The tables keep the names they were created with in hazards3030 (the register moved, its rows did not).
    history = HistoricalRecords(table_name="hazards3030_historicalenterprise")

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "township"
    scope_department_field = "department"

    class Meta:
        db_table = "hazards3030_enterprise"
        verbose_name = _("检查对象")
        verbose_name_plural = _("检查对象")
        ordering = ["township__sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        # The register's pages are still served by hazards3030, beside the hazards found there.
        return reverse("hazards3030:enterprise", kwargs={"pk": self.pk})


class User(AbstractUser):
    """A portal user: a role, and the region (and department) that bound what they see."""

    class Role(models.TextChoices):
        COUNTY_ADMIN = "county_admin", _("县级管理员")
        COUNTY_VIEWER = "county_viewer", _("县领导(只读)")
        DEPARTMENT_STAFF = "department_staff", _("部门工作人员")
        TOWNSHIP_STAFF = "township_staff", _("乡镇工作人员")
        VILLAGE_CADRE = "village_cadre", _("村社干部")
        API_CLIENT = "api_client", _("接口客户端")

    # The region level each role is bound to. County roles may also sit higher up (a city or
    # province supervisor who closes the hazards it listed).
    ROLE_LEVELS = {
        Role.DEPARTMENT_STAFF: Region.Level.COUNTY,
        Role.TOWNSHIP_STAFF: Region.Level.TOWNSHIP,
        Role.VILLAGE_CADRE: Region.Level.VILLAGE,
    }
    READ_ONLY_ROLES = {Role.COUNTY_VIEWER}

    role = models.CharField(_("角色"), max_length=24, choices=Role.choices, blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("管辖区划"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("所属部门"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    phone = models.CharField(_("手机号"), max_length=20, blank=True)
    api_can_write = models.BooleanField(
        _("接口可写"), default=False, help_text=_("仅对接口客户端有效:默认只读,勾选后可提交数据。")
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManager()

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def clean(self) -> None:
        super().clean()
        if not self.role:
            return
        if self.region is None:
            raise ValidationError({"region": _("请为该角色指定管辖区划。")})
        level = self.ROLE_LEVELS.get(self.role)
        if self.role in (self.Role.COUNTY_ADMIN, self.Role.COUNTY_VIEWER) and self.region.level > Region.Level.COUNTY:
            raise ValidationError({"region": _("县级角色须绑定到县级或以上区划。")})
        if level is not None and self.region.level != level:
            raise ValidationError(
                {
                    "region": _("角色“%(role)s”须绑定到%(level)s级区划。")
                    % {"role": self.get_role_display(), "level": Region.Level(level).label}
                }
            )
        if self.role == self.Role.DEPARTMENT_STAFF and self.department is None:
            raise ValidationError({"department": _("部门工作人员须指定所属部门。")})

    @property
    def is_county_level(self) -> bool:
        return self.is_superuser or self.role in {self.Role.COUNTY_ADMIN, self.Role.COUNTY_VIEWER}

    @property
    def can_write(self) -> bool:
        if self.is_superuser:
            return True
        if self.role == self.Role.API_CLIENT:
            return self.api_can_write
        return bool(self.role) and self.role not in self.READ_ONLY_ROLES


# --- Scored checklists (达标考评) ---------------------------------------------------------------
# One mechanism for every "self-assess, then the county verifies" scheme of the plan: the
# 乡镇应急消防管理站 accreditation (stations) and the 涉林乡镇规范化建设 (forestfire). The rules
# live in org/assessments.py.


class Checklist(models.Model):
    """评分细则: one version of a scored checklist. A version once used is never edited: a change
    makes the next version, and the assessments made under the old one keep theirs."""

    kind = models.SlugField(_("考评类别"), max_length=32, help_text=_("由承担模块登记,如 station"))
    version = models.PositiveSmallIntegerField(_("版本"))
    title = models.CharField(_("名称"), max_length=128)
    pass_mark = models.DecimalField(
        _("达标分"), max_digits=6, decimal_places=1, default=80, validators=[MinValueValidator(0)]
    )
    created_at = models.DateTimeField(_("发布时间"), auto_now_add=True)

    objects = PortalWideQuerySet.as_manager()

    class Meta:
        verbose_name = _("评分细则")
        verbose_name_plural = _("评分细则")
        ordering = ["kind", "-version"]
        constraints = [models.UniqueConstraint(fields=["kind", "version"], name="checklist_unique_version")]

    def __str__(self) -> str:
        return _("%(title)s(第%(version)s版)") % {"title": self.title, "version": self.version}


class ChecklistItem(models.Model):
    """评分细则的一项: what is checked, its points and the evidence it needs."""

    checklist = models.ForeignKey(Checklist, verbose_name=_("评分细则"), on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(_("序号"))
    title = models.CharField(_("考评内容"), max_length=200)
    points = models.DecimalField(_("分值"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)])
    evidence = models.CharField(
        _("佐证材料"), max_length=200, blank=True, help_text=_("需上传的佐证;留空表示不需要上传")
    )

    class Meta:
        verbose_name = _("考评项")
        verbose_name_plural = _("考评项")
        ordering = ["checklist", "number"]
        constraints = [models.UniqueConstraint(fields=["checklist", "number"], name="checklist_item_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Assessment(models.Model):
    """达标考评: one township's self-assessment against one checklist version, and the county's
    verification of it. Only a verified pass (核验通过) counts."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("自评中")
        SUBMITTED = "submitted", _("待核验")
        PASSED = "passed", _("核验通过")
        RETURNED = "returned", _("已退回")

    checklist = models.ForeignKey(
        Checklist, verbose_name=_("评分细则"), on_delete=models.PROTECT, related_name="assessments"
    )
    township = models.ForeignKey(
        Region, verbose_name=_("乡镇"), on_delete=models.PROTECT, related_name="+", limit_choices_to=TOWNSHIP_ONLY
    )
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    self_total = models.DecimalField(_("自评得分"), max_digits=6, decimal_places=1, null=True, blank=True)
    verified_total = models.DecimalField(_("核验得分"), max_digits=6, decimal_places=1, null=True, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        "User", verbose_name=_("提交人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(_("核验时间"), null=True, blank=True)
    verified_by = models.ForeignKey(
        "User", verbose_name=_("核验人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_reason = models.CharField(_("退回理由"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "township"

    class Meta:
        verbose_name = _("达标考评")
        verbose_name_plural = _("达标考评")
        ordering = ["township__sort_order", "-checklist__version"]
        constraints = [
            models.UniqueConstraint(fields=["checklist", "township"], name="assessment_one_per_version_and_township")
        ]

    def __str__(self) -> str:
        return f"{self.township} · {self.checklist}"

    def get_absolute_url(self) -> str:
        return reverse("org:assessment", kwargs={"pk": self.pk})

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class AssessmentScore(models.Model):
    """One item's score: the township's own, then the county's verified one."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("达标考评"), on_delete=models.CASCADE, related_name="scores"
    )
    item = models.ForeignKey(ChecklistItem, verbose_name=_("考评项"), on_delete=models.PROTECT, related_name="+")
    self_score = models.DecimalField(_("自评分"), max_digits=5, decimal_places=1, null=True, blank=True)
    note = models.CharField(_("自评说明"), max_length=500, blank=True)
    verified_score = models.DecimalField(_("核验分"), max_digits=5, decimal_places=1, null=True, blank=True)
    verifier_note = models.CharField(_("核验意见"), max_length=500, blank=True)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "assessment__township"

    class Meta:
        verbose_name = _("考评项得分")
        verbose_name_plural = _("考评项得分")
        ordering = ["assessment", "item__number"]
        constraints = [models.UniqueConstraint(fields=["assessment", "item"], name="assessment_score_one_per_item")]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.item.number}"


def assessment_evidence_path(instance: "AssessmentEvidence", filename: str) -> str:
    return f"assessments/{instance.assessment_id}/{filename}"


class AssessmentEvidence(models.Model):
    """考评佐证: a photo or file for one item, checked on upload (org.uploads)."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("达标考评"), on_delete=models.CASCADE, related_name="evidence"
    )
    item = models.ForeignKey(ChecklistItem, verbose_name=_("考评项"), on_delete=models.PROTECT, related_name="+")
    file = models.FileField(_("文件"), upload_to=assessment_evidence_path)
    original_name = models.CharField(_("原文件名"), max_length=255)
    content_type = models.CharField(_("文件类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小(字节)"))
    uploaded_by = models.ForeignKey(
        "User", verbose_name=_("上传人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "assessment__township"

    class Meta:
        verbose_name = _("考评佐证")
        verbose_name_plural = _("考评佐证")
        ordering = ["item__number", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("org:assessment-evidence", kwargs={"pk": self.pk})


# --- Inbox (站内通知) -------------------------------------------------------------------------
# Every notice a service raises for a person lands here once (org/inbox.py); the apps keep their
# own notice records (EscalationNotice, HotspotNotice, …) for their domain and history.


class InboxQuerySet(models.QuerySet):
    """A person's own notices: nobody else's, and none withdrawn (a withdrawn ranking's 区域挂牌)."""

    def visible_to(self, user) -> "InboxQuerySet":
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(recipient=user, withdrawn_at__isnull=True)

    def unread(self) -> "InboxQuerySet":
        return self.filter(read_at__isnull=True)


class InboxItem(models.Model):
    """站内通知: one notice for one person, with a link to what it is about."""

    class Kind(models.TextChoices):
        OVERDUE = "overdue", _("逾期督办")
        LISTED = "listed", _("挂牌督办")
        AREA_LISTING = "area_listing", _("区域挂牌")
        ROLL_CALL = "roll_call", _("点名抽查")
        REPORT_OVERDUE = "report_overdue", _("报送超时")
        HOTSPOT_OVERDUE = "hotspot_overdue", _("热点超时")
        INTERVIEW = "interview", _("约谈")
        TASK_REMINDER = "task_reminder", _("任务提醒")
        TIP = "tip", _("举报待核实")

    recipient = models.ForeignKey(
        "User", verbose_name=_("接收人"), on_delete=models.CASCADE, related_name="inbox_items"
    )
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    # What the notice is about, e.g. "hazards3030.overdue:42": the same notice delivered again
    # (a job run twice, a retried service) finds its row and adds none.
    key = models.CharField(_("通知标识"), max_length=100)
    title = models.CharField(_("标题"), max_length=200)
    body = models.CharField(_("内容"), max_length=500, blank=True)
    url = models.CharField(_("链接"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    sent_at = models.DateTimeField(_("外发时间"), null=True, blank=True, help_text=_("经短信或浙政钉发出的时间"))
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)

    objects = InboxQuerySet.as_manager()

    class Meta:
        verbose_name = _("站内通知")
        verbose_name_plural = _("站内通知")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="inbox_item_once_per_recipient")]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="inbox_recipient_newest"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True, withdrawn_at__isnull=True),
                name="inbox_recipient_unread",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("org:inbox-open", kwargs={"pk": self.pk})

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
