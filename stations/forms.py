from django import forms

from org import choices
from org.forms import ServiceForm
from stations.models import EntrustedCase, Grid, GridWorker, LinkageAgreement, RescueTeam, Station, TeamEvaluation


def _label(model, name: str) -> str:
    return model._meta.get_field(name).verbose_name


DATE = forms.DateInput(attrs={"type": "date"})


class StationForm(ServiceForm):
    scoped_choices = {"township": choices.townships}
    preselect_single = ("township",)

    class Meta:
        model = Station
        fields = [
            "township",
            "name",
            "status",
            "planned_on",
            "started_on",
            "built_on",
            "address",
            "lat",
            "lng",
            "staff_count",
            "has_fire_team",
            "fire_team_members",
            "head",
            "phone",
            "station_team_integrated",
            "emergency_fire_integrated",
            "prevention_fire_integrated",
        ]
        widgets = {"planned_on": DATE, "started_on": DATE, "built_on": DATE}


class StationEditForm(StationForm):
    """A station stays with its township."""

    class Meta(StationForm.Meta):
        fields = [name for name in StationForm.Meta.fields if name != "township"]


class GridForm(ServiceForm):
    scoped_choices = {"village": choices.villages}

    class Meta:
        model = Grid
        fields = ["village", "name", "covers_safety", "covers_fire", "covers_disaster"]


class GridWorkerForm(forms.Form):
    name = forms.CharField(label=_label(GridWorker, "name"), max_length=32)
    phone = forms.CharField(label=_label(GridWorker, "phone"), max_length=20, required=False)


class TeamForm(ServiceForm):
    scoped_choices = {"region": choices.command_regions}

    class Meta:
        model = RescueTeam
        fields = ["name", "kind", "region", "leader", "phone", "members", "equipment", "lat", "lng"]
        widgets = {"equipment": forms.Textarea(attrs={"rows": 2})}


class EvaluationForm(forms.Form):
    specialty = forms.ChoiceField(label=_label(TeamEvaluation, "specialty"), choices=TeamEvaluation.Specialty.choices)
    level = forms.TypedChoiceField(
        label=_label(TeamEvaluation, "level"), choices=TeamEvaluation.Level.choices, coerce=int
    )
    assessed_on = forms.DateField(label=_label(TeamEvaluation, "assessed_on"), widget=DATE)
    valid_until = forms.DateField(label=_label(TeamEvaluation, "valid_until"), widget=DATE, required=False)


class EntrustedCaseForm(ServiceForm):
    scoped_choices = {"township": choices.townships}
    preselect_single = ("township",)

    class Meta:
        model = EntrustedCase
        fields = ["township", "number", "decided_on", "case_type", "entrusted"]
        widgets = {"decided_on": DATE}


class LinkageForm(ServiceForm):
    class Meta:
        model = LinkageAgreement
        fields = ["partner", "title", "signed_on", "scope", "document"]
        widgets = {"signed_on": DATE, "scope": forms.Textarea(attrs={"rows": 3})}
