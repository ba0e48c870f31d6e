from django import forms
from django.utils.translation import gettext_lazy as _

from hazards3030.models import Accident, Hazard, Supervision
from org import choices
from org.forms import ServiceForm
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
