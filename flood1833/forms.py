import uuid

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from flood1833 import services
from flood1833.models import (
    DangerZone,
    Depot,
    DepotItem,
    DutyShift,
    Incident,
    ResponseEvent,
    Shelter,
    Transfer,
    TransferPerson,
)
from org import choices
from org.forms import ScopedChoicesMixin, ServiceForm
from org.models import User


class EventForm(forms.ModelForm):
    second = forms.BooleanField(
        required=False, label=_("另行启动"), help_text=_("同一范围已有进行中的过程时,由县级管理员有意启动第二个。")
    )

    class Meta:
        model = ResponseEvent
        fields = ["name", "kind"]


class StageForm(forms.Form):
    stage_order = forms.IntegerField(min_value=1, label=_("响应阶段"))
    note = forms.CharField(
        max_length=200,
        label=_("理由"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("请填写理由。")},
    )


class EndForm(forms.Form):
    note = forms.CharField(
        max_length=200,
        label=_("理由"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("请填写理由。")},
    )


class IncidentForm(ScopedChoicesMixin, forms.ModelForm):
    scoped_choices = {"township": choices.townships}

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


class IncidentUpdateForm(forms.Form):
    text = forms.CharField(label=_("续报内容"), widget=forms.Textarea(attrs={"rows": 2}))


# --- Create and edit pages ------------------------------------------------------------------


def _people(user):
    return services.responsible_choices(user).select_related("region").order_by("region__path", "username")


class PersonForm(ServiceForm):
    """转移对象. The ID number is never filled in when editing: left blank it stays as it is."""

    id_number = forms.CharField(label=_("身份证号"), max_length=18)
    scoped_choices = {
        "village": choices.villages,
        "zone": lambda user: DangerZone.objects.visible_to(user).select_related("village"),
        "responsible": _people,
    }

    class Meta:
        model = TransferPerson
        fields = [
            "name",
            "id_number",
            "phone",
            "village",
            "zone",
            "elderly",
            "child",
            "disabled",
            "sick_or_pregnant",
            "responsible",
        ]
        help_texts = {"responsible": _("本村或本乡镇的村社干部、工作人员。")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zone"].label_from_instance = lambda zone: f"{zone.village.name} · {zone}"
        self.fields["responsible"].label_from_instance = choices.person_label
        if self.instance.pk:
            person = self.instance
            shown = person.id_number if services.can_see_id_numbers(self.user) else person.masked_id_number
            self.initial.pop("id_number", None)
            self.fields["id_number"].required = False
            self.fields["id_number"].help_text = gettext("现为 %(number)s;留空表示不修改。") % {"number": shown}

    def clean_id_number(self) -> str:
        return self.cleaned_data["id_number"].strip().upper()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and not cleaned.get("id_number"):
            cleaned.pop("id_number", None)
        return cleaned


class ZoneForm(ServiceForm):
    scoped_choices = {"village": choices.villages}

    class Meta:
        model = DangerZone
        fields = ["name", "kind", "village", "lat", "lng", "note"]


class ShelterForm(ServiceForm):
    scoped_choices = {"township": choices.townships, "village": choices.villages}

    class Meta:
        model = Shelter
        fields = ["name", "township", "village", "capacity", "manager_name", "manager_phone", "address", "lat", "lng"]


DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class DutyShiftForm(ServiceForm):
    scoped_choices = {"region": choices.command_regions, "officer": _people}

    class Meta:
        model = DutyShift
        fields = ["region", "group", "officer", "starts_at", "ends_at"]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].label_from_instance = choices.person_label


class DepotForm(ServiceForm):
    scoped_choices = {"region": choices.regions}

    class Meta:
        model = Depot
        fields = ["name", "kind", "region", "manager_name", "manager_phone", "lat", "lng"]


class DepotItemForm(ServiceForm):
    """储备物资: the depot is chosen when the item is added and stays."""

    scoped_choices = {"depot": lambda user: Depot.objects.visible_to(user)}

    class Meta:
        model = DepotItem
        fields = ["depot", "name", "quantity", "unit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["depot"]


Status = Transfer.Status


class ShelterStayForm(forms.Form):
    """入住 or 离开 for one person; the request id is made when the page is drawn, so submitting
    the same form twice is applied once."""

    transfer = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        choices=[(s.value, s.label) for s in (Status.SHELTERED, Status.WITH_RELATIVES, Status.RETURNED)],
        label=_("状态"),
    )
    request_id = forms.UUIDField(widget=forms.HiddenInput)


class FieldConfirmForm(forms.Form):
    """One button of the field page, posted without JavaScript.

    The page carries one request id made when it was rendered; each button's request id is
    derived from it, the person and the status. Submitting the same button twice (a double tap,
    a resent form) is applied once, while another button of the same page is a new request.
    """

    status = forms.ChoiceField(choices=Transfer.Status.choices)
    request_id = forms.UUIDField(
        error_messages={
            "required": _("页面已过期,请刷新后再确认。"),
            "invalid": _("页面已过期,请刷新后再确认。"),
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


class FieldCorrectForm(forms.Form):
    """撤销 on the field page without JavaScript: the page's request id and a reason (the button
    carries a default one; with JavaScript the cadre is asked)."""

    request_id = forms.UUIDField(
        error_messages={
            "required": _("页面已过期,请刷新后再确认。"),
            "invalid": _("页面已过期,请刷新后再确认。"),
        }
    )
    reason = forms.CharField(max_length=200, error_messages={"required": _("请说明更正原因。")})

    def correction(self, transfer: Transfer) -> dict:
        """The arguments of services.correct_transfer: the same button pressed twice counts once."""
        return {
            "reason": self.cleaned_data["reason"],
            "request_id": str(uuid.uuid5(self.cleaned_data["request_id"], f"{transfer.pk}:correct")),
        }
