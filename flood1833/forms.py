from django import forms
from django.utils.translation import gettext_lazy as _

from flood1833.models import Incident, ResponseEvent
from org.models import Region


class EventForm(forms.ModelForm):
    class Meta:
        model = ResponseEvent
        fields = ["name", "kind"]


class StageForm(forms.Form):
    stage_order = forms.IntegerField(min_value=1, label=_("响应阶段"))
    note = forms.CharField(required=False, max_length=200, label=_("说明"))


class IncidentForm(forms.ModelForm):
    class Meta:
        model = Incident
        fields = [
            "title",
            "township",
            "level",
            "is_disaster",
            "occurred_at",
            "verbal_reported_at",
            "system_reported_at",
            "deaths",
            "injuries",
            "direct_loss",
            "description",
        ]
        widgets = {
            "occurred_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "verbal_reported_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "system_reported_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].queryset = Region.objects.visible_to(user).townships()


class IncidentUpdateForm(forms.Form):
    text = forms.CharField(label=_("续报内容"), widget=forms.Textarea(attrs={"rows": 2}))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("名单文件(.xlsx)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))
