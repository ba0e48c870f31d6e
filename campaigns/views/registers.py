"""Videos, public places with their coverage, the service team and the sites."""

from django.db.models import Count, Max
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, View
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView

from campaigns import services
from campaigns.filtersets import MemberFilterSet, PlaceFilterSet, SiteFilterSet, VideoFilterSet
from campaigns.forms import CoverageForm, MemberForm, PlaceForm, SiteForm, VideoForm
from campaigns.models import PlaceCoverage, PublicPlace, ServiceTeamMember, Site, Video
from campaigns.views.common import CampaignRecordFormView, KeeperButtons, serve_file
from org.spreadsheets import Column
from org.views import ListExportMixin, ScopedObjectMixin, call_service, report_form_errors

# --- 警示教育视频 -----------------------------------------------------------------------------


class VideoListView(KeeperButtons, ListExportMixin, ScopedObjectMixin, FilterView):
    model = Video
    filterset_class = VideoFilterSet
    paginate_by = 50
    template_name = "campaigns/video_list.html"
    export_columns = [
        Column(gettext_lazy("标题"), 30),
        Column(gettext_lazy("制作单位"), 20),
        Column(gettext_lazy("所属区划"), 10),
        Column(gettext_lazy("制作日期"), 12),
        Column(gettext_lazy("时长(分钟)"), 10),
        Column(gettext_lazy("已发布"), 8),
        Column(gettext_lazy("发布日期"), 12),
    ]

    def export_row(self, video: Video) -> tuple:
        return (video.title, video.producer, video.region.name, video.made_on, video.duration_minutes,
                "是" if video.published else "否", video.published_on)  # fmt: skip

    def get_queryset(self):
        return super().get_queryset().select_related("region")


class VideoDetailView(KeeperButtons, ScopedObjectMixin, DetailView):
    model = Video
    template_name = "campaigns/video_detail.html"


class VideoFormView(CampaignRecordFormView):
    model = Video
    form_class = VideoForm
    service = staticmethod(services.save_video)
    instance_kwarg = "video"
    list_url = "campaigns:videos"
    titles = (gettext_lazy("登记警示教育视频"), gettext_lazy("修改警示教育视频"))


class VideoFileView(ScopedObjectMixin, SingleObjectMixin, View):
    model = Video

    def get(self, request, *args, **kwargs):
        video = self.get_object()
        if not video.file:
            return redirect(video.get_absolute_url())
        return serve_file(video.file, video.file_type, f"{video.title}.mp4")


# --- 公共场所 ---------------------------------------------------------------------------------


class PlaceListView(KeeperButtons, ListExportMixin, ScopedObjectMixin, FilterView):
    model = PublicPlace
    filterset_class = PlaceFilterSet
    paginate_by = 50
    template_name = "campaigns/place_list.html"
    export_columns = [
        Column(gettext_lazy("乡镇"), 10),
        Column(gettext_lazy("场所名称"), 24),
        Column(gettext_lazy("场所类型"), 10),
        Column(gettext_lazy("最近覆盖日期"), 14),
        Column(gettext_lazy("纬度"), 12),
        Column(gettext_lazy("经度"), 12),
    ]

    def export_row(self, place: PublicPlace) -> tuple:
        return (place.township.name, place.name, place.get_kind_display(), place.last_covered_on, place.lat, place.lng)

    def get_queryset(self):

        rows = super().get_queryset().select_related("township").annotate(last_covered_on=Max("coverages__covered_on"))
        return rows.order_by("township__sort_order", "name", "id")


class PlaceDetailView(KeeperButtons, ScopedObjectMixin, DetailView):
    model = PublicPlace
    template_name = "campaigns/place_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            coverages=self.object.coverages.select_related("created_by"), coverage_form=CoverageForm(), **kwargs
        )


class PlaceFormView(CampaignRecordFormView):
    model = PublicPlace
    form_class = PlaceForm
    service = staticmethod(services.save_place)
    instance_kwarg = "place"
    list_url = "campaigns:places"
    titles = (gettext_lazy("登记公共场所"), gettext_lazy("修改公共场所"))


class PlaceCoverView(ScopedObjectMixin, SingleObjectMixin, View):
    """宣传覆盖 posted from the place's page."""

    model = PublicPlace

    def post(self, request, *args, **kwargs):
        place = self.get_object()
        form = CoverageForm(request.POST, request.FILES)
        if not form.is_valid():
            report_form_errors(request, form)
            return redirect(place.get_absolute_url())
        call_service(request, services.record_coverage, actor=request.user, place=place, success=_("已登记宣传覆盖。"),
                     **form.cleaned_data)  # fmt: skip
        return redirect(place.get_absolute_url())


class CoveragePhotoView(ScopedObjectMixin, SingleObjectMixin, View):
    model = PlaceCoverage

    def get(self, request, *args, **kwargs):
        coverage = self.get_object()
        if not coverage.photo:
            return redirect(coverage.place.get_absolute_url())
        return serve_file(coverage.photo, coverage.photo_type, coverage.photo.name.rsplit("/", 1)[-1])


# --- 服务队与示范点 ---------------------------------------------------------------------------


class MemberListView(KeeperButtons, ListExportMixin, ScopedObjectMixin, FilterView):
    model = ServiceTeamMember
    filterset_class = MemberFilterSet
    paginate_by = 50
    template_name = "campaigns/member_list.html"
    export_columns = [
        Column(gettext_lazy("姓名"), 10),
        Column(gettext_lazy("乡镇"), 10),
        Column(gettext_lazy("专长"), 30),
        Column(gettext_lazy("联系电话"), 14),
        Column(gettext_lazy("宣讲场次"), 10, total=True),
        Column(gettext_lazy("在队"), 6),
    ]

    def export_row(self, member: ServiceTeamMember) -> tuple:
        return (member.name, member.township.name, member.skills, member.phone, member.talk_count,
                "是" if member.active else "否")  # fmt: skip

    def get_queryset(self):

        rows = super().get_queryset().select_related("township").annotate(talk_count=Count("talks"))
        return rows.order_by("township__sort_order", "name", "id")


class MemberFormView(CampaignRecordFormView):
    model = ServiceTeamMember
    form_class = MemberForm
    service = staticmethod(services.save_member)
    instance_kwarg = "member"
    list_url = "campaigns:members"
    titles = (gettext_lazy("登记安全服务队员"), gettext_lazy("修改安全服务队员"))


class SiteListView(KeeperButtons, ListExportMixin, ScopedObjectMixin, FilterView):
    model = Site
    filterset_class = SiteFilterSet
    paginate_by = 50
    template_name = "campaigns/site_list.html"
    export_columns = [
        Column(gettext_lazy("类型"), 16),
        Column(gettext_lazy("名称"), 24),
        Column(gettext_lazy("乡镇"), 10),
        Column(gettext_lazy("地址"), 30),
        Column(gettext_lazy("纬度"), 12),
        Column(gettext_lazy("经度"), 12),
    ]

    def export_row(self, site: Site) -> tuple:
        return (site.get_kind_display(), site.name, site.township.name, site.address, site.lat, site.lng)

    def get_queryset(self):
        return super().get_queryset().select_related("township")


class SiteFormView(CampaignRecordFormView):
    model = Site
    form_class = SiteForm
    service = staticmethod(services.save_site)
    instance_kwarg = "site"
    list_url = "campaigns:sites"
    titles = (gettext_lazy("登记示范点与场馆"), gettext_lazy("修改示范点与场馆"))
