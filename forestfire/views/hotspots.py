"""卫星监测热点 pages: the list (with the breach notices), one hotspot, the form and the import,
and the township's phone page with the countdown and the one-tap 到达 / 核查结果."""

from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, TemplateView, View
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView

from forestfire import importers, services, sla
from forestfire.filtersets import HotspotFilterSet
from forestfire.forms import HotspotForm, PositionForm, VerifyForm
from forestfire.models import Hotspot, HotspotNotice, HotspotPhoto
from forestfire.places import distance_km
from org.models import Region
from org.spreadsheets import Column
from org.views import (
    Ledger,
    LedgerImportView,
    LedgerTemplateView,
    ListExportMixin,
    ManageButtonsMixin,
    RecordFormView,
    ScopedObjectMixin,
    call_service,
    report_form_errors,
)

IMPORTS = {
    "hotspots": Ledger(
        importers.import_hotspots,
        importers.COLUMNS,
        gettext_lazy("导入卫星监测热点"),
        "forestfire:hotspots",
        "forestfire:import-hotspots-template",
    )
}


class HotspotImportView(LedgerImportView):
    imports = IMPORTS


class HotspotTemplateView(LedgerTemplateView):
    imports = IMPORTS


class ReceiverButtons(ManageButtonsMixin):
    can_manage = staticmethod(services.can_receive_hotspots)


class HotspotListView(ScopedObjectMixin, ReceiverButtons, ListExportMixin, FilterView):
    """All hotspots with their clock, and the breach notices not yet read."""

    model = Hotspot
    filterset_class = HotspotFilterSet
    paginate_by = 50
    template_name = "forestfire/hotspot_list.html"
    export_columns = [
        Column("热点编号", 16), Column("卫星", 10), Column("接收时间", 18), Column("经度", 11), Column("纬度", 11),
        Column("像元数", 8), Column("地类", 8), Column("所属乡镇", 12), Column("到达时间", 18), Column("核查时间", 18),
        Column("核查结果", 10), Column("反馈人", 10), Column("反馈情况", 30), Column("超时", 8),
    ]  # fmt: skip

    def get_queryset(self):
        return super().get_queryset().select_related("township")

    def export_row(self, hotspot: Hotspot) -> tuple:
        return (hotspot.code, hotspot.satellite, _local(hotspot.received_at), hotspot.lng, hotspot.lat, hotspot.pixels,
                hotspot.land_type, hotspot.township.name, _local(hotspot.arrived_at), _local(hotspot.verified_at),
                hotspot.get_result_display(), hotspot.verifier, hotspot.feedback,
                _("是") if hotspot.breached_at else _("否"))  # fmt: skip

    def get_context_data(self, **kwargs):
        user = self.request.user
        county = user.is_superuser or user.is_county_level or (user.region and user.region.level <= Region.Level.COUNTY)
        audience = HotspotNotice.Audience.COUNTY if county else HotspotNotice.Audience.TOWNSHIP
        notices = HotspotNotice.objects.visible_to(user).filter(
            audience=audience, read_at__isnull=True, hotspot__verified_at__isnull=True
        )
        return super().get_context_data(
            notices=notices.select_related("hotspot")[:10],
            notice_count=notices.count(),
            limit=sla.hotspot_minutes(),
            **kwargs,
        )


def _local(moment):
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


class HotspotDetailView(ScopedObjectMixin, DetailView):
    model = Hotspot
    template_name = "forestfire/hotspot_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("township", "village", "verified_by")

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            photos=self.object.photos.all(),
            fires=self.object.fires.all(),
            limit=sla.hotspot_minutes(),
            can_verify=services.can_verify_hotspots(user),
            can_manage=services.can_receive_hotspots(user),
            form=VerifyForm(initial={"result": self.object.result, "feedback": self.object.feedback}),
            **kwargs,
        )


class HotspotFormView(RecordFormView):
    model = Hotspot
    form_class = HotspotForm
    service = staticmethod(services.save_hotspot)
    instance_kwarg = "hotspot"
    list_url = "forestfire:hotspots"
    titles = (gettext_lazy("登记卫星监测热点"), gettext_lazy("修改卫星监测热点"))
    can_manage = staticmethod(services.can_receive_hotspots)

    def dispatch(self, request, *args, **kwargs):
        # Township staff may not edit the feed, but another township's hotspot is not found at all.
        if request.user.is_authenticated and "pk" in kwargs:
            get_object_or_404(Hotspot.objects.visible_to(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


# --- The phone page ------------------------------------------------------------------------


def _position(query) -> tuple[Decimal, Decimal] | None:
    """?lat=&lng= where the phone shared its position (the page's script adds them)."""
    try:
        lat, lng = Decimal(query.get("lat", "")), Decimal(query.get("lng", ""))
    except InvalidOperation:
        return None
    return (lat, lng) if -90 <= lat <= 90 and -180 <= lng <= 180 else None


class FieldView(LoginRequiredMixin, TemplateView):
    """热点核查: the open hotspots of the user's area with the time left, nearest first when the
    phone shares its position (most urgent first otherwise). Plain forms: it works without
    JavaScript; static/forestfire/countdown.js only ticks the clocks and reads the position."""

    template_name = "forestfire/field.html"

    def get_context_data(self, **kwargs):
        user, now, limit = self.request.user, timezone.now(), sla.hotspot_minutes()
        hotspots = list(Hotspot.objects.visible_to(user).open().select_related("township", "village"))
        here = _position(self.request.GET)
        rows = []
        for hotspot in hotspots:
            due = hotspot.received_at + timedelta(minutes=limit)
            distance = (
                distance_km(float(here[0]), float(here[1]), float(hotspot.lat), float(hotspot.lng)) if here else None
            )
            seconds = int((due - now).total_seconds())
            rows.append((hotspot, due, seconds, max(seconds, 0) // 60, distance))
        rows.sort(key=lambda row: (row[4], row[1]) if here else (row[1],))
        return super().get_context_data(
            rows=rows,
            here=here,
            limit=limit,
            now=now,
            can_verify=services.can_verify_hotspots(user),
            results=VerifyForm.base_fields["result"].choices,
            **kwargs,
        )


def _back_to_field(request, hotspot: Hotspot) -> str:
    back = request.POST.get("next", "")
    if not back.startswith("/") or back.startswith("//"):
        back = reverse("forestfire:field")
    return f"{back.split('#')[0]}#hotspot-{hotspot.pk}"


class FieldArriveView(ScopedObjectMixin, SingleObjectMixin, View):
    """到达 (one tap): then back to the phone page at the hotspot."""

    model = Hotspot

    def post(self, request, *args, **kwargs):
        hotspot = self.get_object()
        form = PositionForm(request.POST)
        position = form.cleaned_data if form.is_valid() else {}
        call_service(
            request,
            services.record_arrival,
            hotspot=hotspot,
            actor=request.user,
            lat=position.get("lat"),
            lng=position.get("lng"),
            success=_("已记录到达%(code)s。") % {"code": hotspot.code},
        )
        return redirect(_back_to_field(request, hotspot))


class FieldVerifyView(ScopedObjectMixin, SingleObjectMixin, View):
    """核查结果 (one tap on the result): then back to the page it came from."""

    model = Hotspot

    def post(self, request, *args, **kwargs):
        hotspot = self.get_object()
        form = VerifyForm(request.POST, request.FILES)
        if not form.is_valid():
            report_form_errors(request, form)
            return redirect(_back_to_field(request, hotspot))
        call_service(
            request,
            services.verify_hotspot,
            hotspot=hotspot,
            actor=request.user,
            success=_("热点%(code)s已核查反馈。") % {"code": hotspot.code},
            **form.cleaned_data,
        )
        return redirect(_back_to_field(request, hotspot))


class HotspotPhotoView(ScopedObjectMixin, SingleObjectMixin, View):
    """Serves a 核查照片 only to users who may see its hotspot."""

    model = HotspotPhoto

    def get(self, request, *args, **kwargs):
        photo = self.get_object()
        return FileResponse(photo.file.open("rb"), content_type=photo.content_type, filename=photo.original_name)


class NoticesReadView(LoginRequiredMixin, View):
    def post(self, request):
        ids = [pk for pk in request.POST.getlist("notice") if pk.isdigit()]
        done = services.mark_notices_read(actor=request.user, notices=ids)
        messages.success(request, _("已标记 %(n)s 条提醒为已读。") % {"n": done})
        return redirect("forestfire:hotspots")
