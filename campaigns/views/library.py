"""二维码资料库: the internal register with its codes and printable sheet, and the public pages."""

from django.conf import settings
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView, View
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView

from campaigns import services
from campaigns.filtersets import ResourceFilterSet
from campaigns.forms import ResourceForm
from campaigns.models import Resource
from campaigns.views.common import CampaignRecordFormView, KeeperButtons, serve_file
from org import qrcodes
from org.ratelimit import address_over_limit, too_many_requests
from org.spreadsheets import Column
from org.views import ListExportMixin, ScopedObjectMixin

SHEET_LIMIT = 48  # codes on one printed sheet run (eight A4 pages of six)


def public_url(request, resource: Resource) -> str:
    """The address an item's code points to: CAMPAIGNS_PUBLIC_URL if set, else the one asked on."""
    return qrcodes.public_url(request, resource.get_public_path(), base=settings.CAMPAIGNS_PUBLIC_URL)


class ResourceListView(KeeperButtons, ListExportMixin, ScopedObjectMixin, FilterView):
    model = Resource
    filterset_class = ResourceFilterSet
    paginate_by = 50
    template_name = "campaigns/resource_list.html"
    export_columns = [
        Column(gettext_lazy("标题"), 30),
        Column(gettext_lazy("类型"), 8),
        Column(gettext_lazy("所属区划"), 10),
        Column(gettext_lazy("已发布"), 8),
        Column(gettext_lazy("公开地址"), 40),
        Column(gettext_lazy("扫码次数"), 10, total=True),
    ]

    def export_row(self, resource: Resource) -> tuple:
        url = public_url(self.request, resource) if resource.published else ""
        return (resource.title, resource.get_kind_display(), resource.region.name, "是" if resource.published else "否",
                url, resource.scan_total or 0)  # fmt: skip

    def get_queryset(self):
        rows = super().get_queryset().select_related("region").annotate(scan_total=Sum("scans__count"))
        return rows.order_by("-created_at", "-id")


class ResourceDetailView(KeeperButtons, ScopedObjectMixin, DetailView):
    model = Resource
    template_name = "campaigns/resource_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            public_url=public_url(self.request, self.object), scans=self.object.scans.all()[:24], **kwargs
        )


class ResourceFormView(CampaignRecordFormView):
    model = Resource
    form_class = ResourceForm
    service = staticmethod(services.save_resource)
    instance_kwarg = "resource"
    list_url = "campaigns:resources"
    titles = (gettext_lazy("登记宣教资料"), gettext_lazy("修改宣教资料"))

    def get_saved_url(self, obj) -> str:
        return obj.get_absolute_url()


class ResourceCodeView(ScopedObjectMixin, SingleObjectMixin, View):
    """The item's QR code as PNG or SVG, for the signed-in users who may see the item."""

    model = Resource
    fmt = "png"

    def get(self, request, *args, **kwargs):
        return qrcodes.image_response(public_url(request, self.get_object()), self.fmt)


class ResourceFileView(ScopedObjectMixin, SingleObjectMixin, View):
    model = Resource

    def get(self, request, *args, **kwargs):
        resource = self.get_object()
        if not resource.file:
            return redirect(resource.get_absolute_url())
        return serve_file(resource.file, resource.file_type, resource.file.name.rsplit("/", 1)[-1])


class ResourceSheetView(ScopedObjectMixin, ListView):
    """A4 sheet of codes to print and post in villages and enterprises: the published items the
    user sees (or those ticked on the list, ?id=…), six to a page."""

    model = Resource
    template_name = "campaigns/resource_sheet.html"

    def get_queryset(self):
        rows = super().get_queryset().published()
        wanted = [pk for pk in self.request.GET.getlist("id") if pk.isdigit()]
        return (rows.filter(pk__in=wanted) if wanted else rows)[:SHEET_LIMIT]


# --- Public pages: no login, published items only ----------------------------------------------


class PublicView(View):
    """Open to anyone, limited per client address; only published items, looked up by their
    public slug (never by id), so the signed-in scope does not apply here."""

    model = Resource

    def dispatch(self, request, *args, **kwargs):
        if address_over_limit(request, scope="campaigns", limit=settings.CAMPAIGNS_PUBLIC_RATE_PER_MINUTE):
            return too_many_requests(request)
        return super().dispatch(request, *args, **kwargs)

    def published(self) -> Resource:
        return get_object_or_404(Resource.objects.published(), slug=self.kwargs["slug"])


class PublicResourceView(PublicView):
    """What a QR code opens: the item's title, text and file or link, and nothing internal."""

    def get(self, request, slug: str):
        resource = self.published()
        services.count_scan(resource=resource, on=timezone.localdate())
        return render(request, "campaigns/public_resource.html", {"resource": resource})


class PublicResourceFileView(PublicView):
    def get(self, request, slug: str):
        resource = self.published()
        if not resource.file:
            raise Http404
        return serve_file(resource.file, resource.file_type, resource.file.name.rsplit("/", 1)[-1])
