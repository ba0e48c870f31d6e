import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from flood1833.models import Incident, ResponseEvent, Shelter, Transfer
from org.models import Region, User


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


class FieldConfirmForm(forms.Form):
    """One button of the field page, posted without JavaScript.

    The page carries one request id made when it was rendered; each button's request id is
    derived from it, the person and the status. Submitting the same button twice (a double tap,
    a resent form) is applied once, while another button of the same page is a new request.
    """

    status = forms.ChoiceField(choices=Transfer.Status.choices)
    request_id = forms.UUIDField(
        error_messages={
            "required": _("页面已过期,请刷新后再确认。 / The page has expired; reload it."),
            "invalid": _("页面已过期,请刷新后再确认。 / The page has expired; reload it."),
        }
    )
    shelter = forms.ModelChoiceField(queryset=Shelter.objects.none(), required=False)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shelter"].queryset = Shelter.objects.visible_to(user)

    def confirmation(self, transfer: Transfer) -> dict:
        """The arguments of services.confirm_transfer for this button."""
        status = self.cleaned_data["status"]
        return {
            "status": status,
            "request_id": str(uuid.uuid5(self.cleaned_data["request_id"], f"{transfer.pk}:{status}")),
            "shelter": self.cleaned_data["shelter"] if status == Transfer.Status.SHELTERED else None,
        }
