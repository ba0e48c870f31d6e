from django import forms
from django.utils.translation import gettext_lazy as _

from hazards3030.models import Accident, Hazard, InternalReportReward, Supervision, TipPoint
from org import choices
from org.forms import ScopedChoicesMixin, ServiceForm
from org.models import Enterprise


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several photos or files in one field; each is checked by the service that stores it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,.pdf,.docx"}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


def _enterprises(user):
    return Enterprise.objects.visible_to(user)


SCOPED = {"township": choices.townships, "enterprise": _enterprises}


class HazardForm(ServiceForm):
    scoped_choices = SCOPED
    preselect_single = ("township",)

    files = MultipleFileField(label=_("隐患照片"))
    note = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = Hazard
        fields = [
            "township",
            "enterprise",
            "level",
            "source",
            "category",
            "description",
            "found_on",
            "deadline",
            "responsible",
            "measures",
            "funds",
            "contingency_plan",
        ]
        widgets = {
            "found_on": forms.DateInput(attrs={"type": "date"}),
            "deadline": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "measures": forms.Textarea(attrs={"rows": 2}),
            "contingency_plan": forms.Textarea(attrs={"rows": 2}),
        }


class HazardDetailsForm(forms.ModelForm):
    """Corrections to an open hazard, e.g. filling in its 五落实."""

    class Meta:
        model = Hazard
        fields = ["responsible", "measures", "funds", "contingency_plan"]
        widgets = {"measures": forms.Textarea(attrs={"rows": 2}), "contingency_plan": forms.Textarea(attrs={"rows": 2})}


class TransitionForm(forms.Form):
    note = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    responsible = forms.CharField(label=_("整改责任人"), required=False)
    files = MultipleFileField(label=_("照片或文件"))


class SupervisionForm(forms.ModelForm):
    class Meta:
        model = Supervision
        fields = ["level", "issuing_body", "listed_on", "acceptance_due"]
        widgets = {
            "listed_on": forms.DateInput(attrs={"type": "date"}),
            "acceptance_due": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {"acceptance_due": _("留空则为整改期限后10天")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["acceptance_due"].required = False


class EnterpriseForm(ServiceForm):
    scoped_choices = SCOPED
    preselect_single = ("township",)

    class Meta:
        model = Enterprise
        fields = [
            "name",
            "credit_code",
            "industry",
            "township",
            "department",
            "risk_level",
            "supervised",
            "uses_hazardous_chemicals",
            "old_equipment_evaluated",
        ]


class AccidentForm(ServiceForm):
    scoped_choices = SCOPED
    preselect_single = ("township",)

    class Meta:
        model = Accident
        fields = [
            "occurred_on",
            "township",
            "industry",
            "level",
            "deaths",
            "injuries",
            "direct_loss",
            "description",
            "investigation_report",
            "spot_checked",
        ]
        widgets = {"occurred_on": forms.DateInput(attrs={"type": "date"})}


# --- 码上报 and 内部报告奖励 -------------------------------------------------------------------


ISO_DAY = "%Y-%m-%d"  # what a browser's date picker reads and sends, whatever the language


def _all_townships():
    from org.models import Region

    return Region.objects.townships().order_by("sort_order", "id")


class TipForm(forms.Form):
    """The public tip form (no login). Length limits are the service's; the form only parses.
    ``website`` is a honeypot: hidden from people, filled in by form-filling robots."""

    township = forms.ModelChoiceField(queryset=None, label=_("所在乡镇"), empty_label=_("请选择乡镇"), required=False)
    place = forms.CharField(label=_("具体地点"), required=False, max_length=200)
    description = forms.CharField(label=_("发现的隐患"), widget=forms.Textarea(attrs={"rows": 5}), max_length=4000)
    photo = forms.FileField(
        label=_("照片(可不传)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp", "capture": "environment"}),
    )
    phone = forms.CharField(
        label=_("联系电话(可不填,只保存前三位和后四位)"),
        required=False,
        max_length=32,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    lat = forms.DecimalField(required=False, widget=forms.HiddenInput, max_digits=12, decimal_places=8)
    lng = forms.DecimalField(required=False, widget=forms.HiddenInput, max_digits=12, decimal_places=8)
    website = forms.CharField(label=_("网址"), required=False)

    def __init__(self, *args, point=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.point = point
        self.fields["township"].queryset = _all_townships()
        self.fields["township"].label_from_instance = lambda region: region.name
        if point is not None:
            del self.fields["township"]

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError(_("提交未被受理,请刷新页面后重试。"))
        for name in ("lat", "lng"):  # a phone's position comes with many decimals: six is a metre
            if data.get(name) is not None:
                data[name] = round(data[name], 6)
        return data


class TipAcceptForm(ScopedChoicesMixin, forms.Form):
    """核实属实: the hazard as the township files it from the tip."""

    scoped_choices = {"enterprise": _enterprises}

    description = forms.CharField(
        label=_("隐患描述(留空则沿用举报内容,可按核实情况改写)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    enterprise = forms.ModelChoiceField(queryset=None, label=_("检查对象"), required=False)
    category = forms.ChoiceField(label=_("隐患类别"), choices=Hazard.Category.choices, initial=Hazard.Category.OTHER)
    level = forms.ChoiceField(label=_("隐患等级"), choices=Hazard.Level.choices, initial=Hazard.Level.GENERAL)
    deadline = forms.DateField(label=_("整改期限"), widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DAY))
    note = forms.CharField(label=_("核实情况"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class TipRejectForm(forms.Form):
    reason = forms.CharField(
        label=_("不予受理原因(将向举报人显示,请勿写入姓名等个人信息)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class TipPointForm(ServiceForm):
    scoped_choices = SCOPED
    preselect_single = ("township",)

    class Meta:
        model = TipPoint
        fields = ["township", "enterprise", "place", "active"]


class RewardForm(forms.ModelForm):
    class Meta:
        model = InternalReportReward
        fields = ["amount", "approved_by", "approved_on", "paid_on", "note"]
        widgets = {
            "approved_on": forms.DateInput(attrs={"type": "date"}, format=ISO_DAY),
            "paid_on": forms.DateInput(attrs={"type": "date"}, format=ISO_DAY),
        }

    def _post_clean(self):
        pass  # the rules are the service's (hazards3030.services.rewards.record_reward)
