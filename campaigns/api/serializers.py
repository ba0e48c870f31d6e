from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from campaigns.models import (
    Activity,
    ActivityKind,
    FiveInto,
    PlaceCoverage,
    PublicPlace,
    Resource,
    ServiceTeamMember,
    Site,
    Video,
)
from org import choices
from org.api.choices import ScopedChoicesMixin
from org.api.serializers import ChoiceOrLabelField, RegionRelatedField, TownshipField
from org.models import Enterprise, Region


class RegionField(RegionRelatedField):
    """The county or a township, by id, division code or name; read back as its id."""

    default_error_messages = {"unknown": _("找不到县或乡镇“{value}”,或不在您的辖区内。")}

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Region.objects.none())
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return choices.command_regions(request.user) if request is not None else Region.objects.none()


class ActivitySerializer(ScopedChoicesMixin, serializers.ModelSerializer):
    scoped_fields = {
        "enterprise": lambda user: Enterprise.objects.visible_to(user),
        "speaker": lambda user: ServiceTeamMember.objects.visible_to(user),
    }
    township = TownshipField()
    township_name = serializers.CharField(source="township.name", read_only=True)
    kind = serializers.SlugRelatedField(slug_field="name", queryset=ActivityKind.objects.filter(active=True))
    category = ChoiceOrLabelField(choices=FiveInto.choices)
    category_display = serializers.CharField(source="get_category_display", read_only=True)
    photos = serializers.SerializerMethodField()

    class Meta:
        model = Activity
        fields = ["id", "township", "township_name", "held_on", "title", "kind", "category", "category_display",
                  "participants", "organiser", "place", "enterprise", "speaker", "note", "photos", "created_at"]  # fmt: skip
        read_only_fields = ["created_at"]
        validators = []  # the natural key is checked by the save service, which names the fields

    def get_photos(self, activity: Activity) -> list[str]:
        return [reverse("campaigns:activity-photo", kwargs={"pk": photo.pk}) for photo in activity.photos.all()]


class VideoSerializer(serializers.ModelSerializer):
    region = RegionField()
    region_name = serializers.CharField(source="region.name", read_only=True)
    file_url = serializers.SerializerMethodField()

    class Meta:
        model = Video
        fields = ["id", "region", "region_name", "title", "producer", "made_on", "duration_minutes", "link", "file_url",
                  "published", "published_on", "created_at"]  # fmt: skip
        read_only_fields = ["created_at"]

    def get_file_url(self, video: Video) -> str:
        return reverse("campaigns:video-file", kwargs={"pk": video.pk}) if video.file else ""


class CoverageSerializer(serializers.ModelSerializer):
    photo_url = serializers.SerializerMethodField()

    class Meta:
        model = PlaceCoverage
        fields = ["id", "covered_on", "content", "photo_url"]

    def get_photo_url(self, coverage: PlaceCoverage) -> str:
        return reverse("campaigns:coverage-photo", kwargs={"pk": coverage.pk}) if coverage.photo else ""


class CoverageRequestSerializer(serializers.Serializer):
    covered_on = serializers.DateField(label=_("覆盖日期"))
    content = serializers.CharField(max_length=200, label=_("宣传内容"))
    photo = serializers.ImageField(required=False, label=_("照片"))


class PlaceSerializer(serializers.ModelSerializer):
    township = TownshipField()
    township_name = serializers.CharField(source="township.name", read_only=True)
    kind = ChoiceOrLabelField(choices=PublicPlace.Kind.choices, required=False)
    coverages = CoverageSerializer(many=True, read_only=True)

    class Meta:
        model = PublicPlace
        fields = ["id", "township", "township_name", "name", "kind", "lat", "lng", "coverages", "created_at"]
        read_only_fields = ["created_at"]
        validators = []


class ResourceSerializer(serializers.ModelSerializer):
    region = RegionField()
    region_name = serializers.CharField(source="region.name", read_only=True)
    kind = ChoiceOrLabelField(choices=Resource.Kind.choices, required=False)
    public_url = serializers.SerializerMethodField()
    qr_png = serializers.SerializerMethodField()
    qr_svg = serializers.SerializerMethodField()

    class Meta:
        model = Resource
        fields = ["id", "region", "region_name", "title", "kind", "summary", "link", "published", "slug", "public_url", "qr_png",
                  "qr_svg", "created_at"]  # fmt: skip
        read_only_fields = ["slug", "created_at"]

    def get_public_url(self, resource: Resource) -> str:
        return self.context["request"].build_absolute_uri(resource.get_public_path()) if resource.published else ""

    def get_qr_png(self, resource: Resource) -> str:
        return reverse("campaigns:resource-qr-png", kwargs={"pk": resource.pk})

    def get_qr_svg(self, resource: Resource) -> str:
        return reverse("campaigns:resource-qr-svg", kwargs={"pk": resource.pk})


class MemberSerializer(serializers.ModelSerializer):
    township = TownshipField()
    township_name = serializers.CharField(source="township.name", read_only=True, default=None)

    class Meta:
        model = ServiceTeamMember
        fields = ["id", "name", "township", "township_name", "skills", "phone", "active"]


class SiteSerializer(serializers.ModelSerializer):
    township = TownshipField()
    township_name = serializers.CharField(source="township.name", read_only=True, default=None)
    kind = ChoiceOrLabelField(choices=Site.Kind.choices)

    class Meta:
        model = Site
        fields = ["id", "kind", "name", "township", "township_name", "address", "lat", "lng", "note"]
