"""宣传活动: the list, filing with photos, the township's ledger import, and the 五进 overview."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, TemplateView, View
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView

from campaigns import importers, matrix, services
from campaigns.filtersets import ActivityFilterSet
from campaigns.forms import ActivityForm
from campaigns.models import Activity, ActivityPhoto
from campaigns.views.common import CampaignRecordFormView, KeeperButtons, serve_file
from org.pagination import CappedPaginator
from org.spreadsheets import Column
from org.views import Ledger, LedgerImportView, LedgerTemplateView, ListExportMixin, ScopedObjectMixin


class OverviewView(LoginRequiredMixin, TemplateView):
    """全民安全素养: quota progress against the plan and the township × 五进 matrix."""

    template_name = "campaigns/overview.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        year = matrix.year_from(self.request.GET.get("year"), today)
        return super().get_context_data(
            year=year,
            years=range(today.year, today.year - 3, -1),
            progress=matrix.progress(self.request.user, year=year, today=today),
            table=matrix.five_into_table(self.request.user, year=year),
            **kwargs,
        )


class ActivityListView(KeeperButtons, ListExportMixin, ScopedObjectMixin, FilterView):
    model = Activity
    filterset_class = ActivityFilterSet
    paginate_by = 50
    paginator_class = CappedPaginator
    template_name = "campaigns/activity_list.html"
    export_columns = [
        Column(gettext_lazy("活动日期"), 12),
        Column(gettext_lazy("乡镇"), 10),
        Column(gettext_lazy("活动名称"), 30),
        Column(gettext_lazy("活动形式"), 10),
        Column(gettext_lazy("“五进”类别"), 10),
        Column(gettext_lazy("参与人数"), 10, total=True),
        Column(gettext_lazy("组织单位"), 20),
        Column(gettext_lazy("活动地点"), 20),
        Column(gettext_lazy("照片数"), 8),
    ]

    def export_row(self, activity: Activity) -> tuple:
        return (activity.held_on, activity.township.name, activity.title, activity.kind.name,
                activity.get_category_display(), activity.participants, activity.organiser, activity.place,
                activity.photo_count)  # fmt: skip

    def get_queryset(self):
        activities = super().get_queryset().select_related("township", "kind").order_by("-held_on", "-id")
        return matrix.with_photo_count(activities)


class ActivityDetailView(KeeperButtons, ScopedObjectMixin, DetailView):
    model = Activity
    template_name = "campaigns/activity_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("township", "kind", "enterprise", "speaker", "created_by")


class ActivityFormView(CampaignRecordFormView):
    model = Activity
    form_class = ActivityForm
    service = staticmethod(services.save_activity)
    instance_kwarg = "activity"
    list_url = "campaigns:activities"
    titles = (gettext_lazy("登记宣传活动"), gettext_lazy("修改宣传活动"))

    def get_saved_url(self, obj) -> str:
        return obj.get_absolute_url()


class ActivityPhotoView(ScopedObjectMixin, SingleObjectMixin, View):
    """A photo, only to users who may see its activity."""

    model = ActivityPhoto

    def get(self, request, *args, **kwargs):
        photo = self.get_object()
        return serve_file(photo.file, photo.content_type, photo.original_name)


IMPORTS = {
    "activities": Ledger(
        importers.import_activities,
        importers.ACTIVITY_COLUMNS,
        gettext_lazy("宣传活动台账"),
        "campaigns:activities",
        "campaigns:activity-import-template",
    ),
}


class ImportView(LedgerImportView):
    imports = IMPORTS


class ImportTemplateView(LedgerTemplateView):
    imports = IMPORTS
