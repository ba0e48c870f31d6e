"""Page forms of forest fire prevention: records through their save services, and the phone's taps."""

from django import forms
from django.utils.translation import gettext_lazy as _

from forestfire.models import FireSourceCheck, ForestFire, ForestRisk, Hotspot, HotspotResult
from org import choices
from org.forms import ServiceForm
from stations.models import RescueTeam

WHEN = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DAY = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _hotspots(user):
    return Hotspot.objects.visible_to(user).order_by("-received_at")


class HotspotForm(ServiceForm):
    """登记卫星监测热点: the same code again updates the hotspot; no township means the nearest one."""

    scoped_choices = {"township": choices.townships}

    class Meta:
        model = Hotspot
        fields = ["code", "satellite", "received_at", "lng", "lat", "pixels", "land_type", "township"]
        widgets = {"received_at": WHEN}
        help_texts = {"township": _("留空则按坐标取最近的乡镇驻地或村。")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].required = False


class PhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos in one field; each is checked (org.uploads) by the service that stores it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", PhotoInput(attrs={"accept": "image/jpeg,image/png,image/webp", "capture": "environment"})
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(PhotosField, self).clean(item, initial) for item in files]


class PositionForm(forms.Form):
    """The phone's position, filled in by the page's script where the phone shares it."""

    lat = forms.DecimalField(max_digits=9, decimal_places=6, required=False, widget=forms.HiddenInput)
    lng = forms.DecimalField(max_digits=9, decimal_places=6, required=False, widget=forms.HiddenInput)


class VerifyForm(PositionForm):
    result = forms.ChoiceField(label=_("核查结果"), choices=HotspotResult.choices, widget=forms.RadioSelect)
    feedback = forms.CharField(label=_("反馈情况"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    photos = PhotosField(label=_("现场照片"))


def _teams(user):
    return RescueTeam.objects.visible_to(user).order_by("kind", "name")


class ForestFireForm(ServiceForm):
    scoped_choices = {"township": choices.townships, "hotspot": _hotspots, "teams": _teams}
    preselect_single = ("township",)

    class Meta:
        model = ForestFire
        fields = ["hotspot", "township", "place", "started_at", "reported_at", "first_arrived_at", "teams", "first_teams",
                  "controlled_at", "extinguished_at", "burned_area", "cause", "deaths", "injuries", "note"]  # fmt: skip
        widgets = {
            "started_at": WHEN,
            "reported_at": WHEN,
            "first_arrived_at": WHEN,
            "controlled_at": WHEN,
            "extinguished_at": WHEN,
            "note": forms.Textarea(attrs={"rows": 2}),
            "teams": forms.CheckboxSelectMultiple,
        }


class FireSourceCheckForm(ServiceForm):
    scoped_choices = {"township": choices.townships, "village": choices.villages}
    preselect_single = ("township",)

    class Meta:
        model = FireSourceCheck
        fields = ["kind", "checked_on", "township", "village", "place", "finding", "follow_up", "inspector"]
        widgets = {
            "checked_on": DAY,
            "finding": forms.Textarea(attrs={"rows": 2}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }


class ForestRiskForm(ServiceForm):
    scoped_choices = {"township": choices.townships}
    preselect_single = ("township",)

    class Meta:
        model = ForestRisk
        fields = ["township", "description", "place", "measure", "owner", "due_on", "done_on"]
        widgets = {"due_on": DAY, "done_on": DAY}
