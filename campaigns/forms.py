"""Page forms: each one's fields go to its save service, choices limited to the user's scope."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models import Activity, ActivityKind, PublicPlace, Resource, ServiceTeamMember, Site, Video
from org import choices
from org.forms import ServiceForm
from org.models import Enterprise

PHOTO_TYPES = "image/jpeg,image/png,image/webp"


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several photos in one field; each is checked by the service that stores it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultiplePhotoInput(attrs={"accept": PHOTO_TYPES}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultiplePhotoField, self).clean(item, initial) for item in files]


def _enterprises(user):
    return Enterprise.objects.visible_to(user).select_related("township")


def _members(user):
    return ServiceTeamMember.objects.visible_to(user).filter(active=True).select_related("township")


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActivityForm(ServiceForm):
    scoped_choices = {"township": choices.townships, "enterprise": _enterprises, "speaker": _members}
    preselect_single = ("township",)

    photos = MultiplePhotoField(label=_("活动照片"))

    class Meta:
        model = Activity
        fields = ["township", "held_on", "title", "kind", "category", "participants", "organiser", "place",
                  "enterprise", "speaker", "note"]  # fmt: skip
        widgets = {"held_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = ActivityKind.objects.filter(active=True)
        if not self.instance.pk:
            self.fields["held_on"].initial = timezone.localdate()


class VideoForm(ServiceForm):
    scoped_choices = {"region": choices.command_regions}

    link = forms.URLField(label=_("视频链接"), max_length=300, required=False, assume_scheme="https")
    file = forms.FileField(
        label=_("视频文件(MP4)"), required=False, widget=forms.ClearableFileInput(attrs={"accept": "video/mp4"})
    )

    class Meta:
        model = Video
        fields = ["region", "title", "producer", "made_on", "duration_minutes", "link", "published", "published_on"]
        widgets = {"made_on": DATE, "published_on": DATE}


class PlaceForm(ServiceForm):
    scoped_choices = {"township": choices.townships}
    preselect_single = ("township",)

    class Meta:
        model = PublicPlace
        fields = ["township", "name", "kind", "lat", "lng"]


class CoverageForm(forms.Form):
    covered_on = forms.DateField(label=_("覆盖日期"), widget=DATE, initial=timezone.localdate)
    content = forms.CharField(label=_("宣传内容"), max_length=200)
    photo = forms.FileField(
        label=_("照片"), required=False, widget=forms.ClearableFileInput(attrs={"accept": PHOTO_TYPES})
    )


class ResourceForm(ServiceForm):
    scoped_choices = {"region": choices.command_regions}

    link = forms.URLField(label=_("链接"), max_length=300, required=False, assume_scheme="https")
    file = forms.FileField(
        label=_("文件"), required=False, help_text=_("图文:JPEG/PNG/WebP/PDF;视频:MP4;音频:MP3/M4A;文档:PDF/DOCX")
    )

    class Meta:
        model = Resource
        fields = ["region", "title", "kind", "summary", "link", "published"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}


class MemberForm(ServiceForm):
    scoped_choices = {"township": choices.townships}
    preselect_single = ("township",)

    class Meta:
        model = ServiceTeamMember
        fields = ["name", "township", "skills", "phone", "active"]


class SiteForm(ServiceForm):
    scoped_choices = {"township": choices.townships}
    preselect_single = ("township",)

    class Meta:
        model = Site
        fields = ["kind", "name", "township", "address", "lat", "lng", "note"]
