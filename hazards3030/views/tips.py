"""码上报 pages: the public tip form and receipt page (no login), the township's queue and its
QR points. Each one: parse → scope → call a service (hazards3030.services.tips) → render."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView, View
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView

from hazards3030.filtersets import TipFilterSet
from hazards3030.forms import TipAcceptForm, TipForm, TipPointForm, TipRejectForm
from hazards3030.models import Tip, TipPoint
from hazards3030.services import tips
from org import qrcodes
from org.ratelimit import HOUR, address_over_limit, over_limit, too_many_requests
from org.views import (
    DefaultFiltersMixin,
    ManageButtonsMixin,
    RecordFormView,
    ScopedObjectMixin,
    call_service,
    form_errors,
    report_form_errors,
)

DEADLINE_DAYS = 15  # the deadline the verify form proposes; the township sets its own
SHEET_LIMIT = 48  # codes on one printed sheet run (eight A4 pages of six)

# --- Public: no login, limited per address (and per QR code for sent tips) ----------------------


class PublicTipView(View):
    """Open to anyone; every request counts against the client address's limit per minute."""

    def dispatch(self, request, *args, **kwargs):
        if address_over_limit(request, scope="tips", limit=settings.TIPS_PAGE_RATE_PER_MINUTE):
            return too_many_requests(request)
        return super().dispatch(request, *args, **kwargs)


class TipFormView(PublicTipView):
    """码上报: the form a QR code opens (``code`` prefills where), or the general one at /tip/."""

    model = TipPoint
    template_name = "hazards3030/tip_form.html"

    def point(self) -> TipPoint | None:
        code = self.kwargs.get("code")
        return get_object_or_404(TipPoint.objects.select_related("township", "enterprise"), code=code) if code else None

    def get(self, request, code: str = ""):
        point = self.point()
        return self.show(TipForm(point=point if point and point.active else None), point)

    def post(self, request, code: str = ""):
        point = self.point()
        point = point if point and point.active else None
        if self.too_many_sent(request, point):
            return too_many_requests(request, retry_after=HOUR)
        form = TipForm(request.POST, request.FILES, point=point)
        if not form.is_valid():
            return self.show(form, point, status=400)
        data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
        try:
            tip = tips.submit_tip(point=point, **data)
        except ValidationError as error:
            form_errors(form, error)
            return self.show(form, point, status=400)
        return redirect(reverse("hazards3030:tip-status", kwargs={"receipt": tip.receipt}) + "?sent=1")

    def too_many_sent(self, request, point: TipPoint | None) -> bool:
        by_address = address_over_limit(
            request, scope="tips-sent", limit=settings.TIPS_PER_ADDRESS_PER_HOUR, window=HOUR
        )
        by_code = point is not None and over_limit(
            f"tips-code:{point.code}", limit=settings.TIPS_PER_CODE_PER_HOUR, window=HOUR
        )
        return by_address or by_code

    def show(self, form, point, status: int = 200):
        stale = bool(self.kwargs.get("code")) and (point is None or not point.active)
        context = {"form": form, "point": point if point and point.active else None, "stale": stale}
        return render(self.request, self.template_name, context, status=status)


class TipStatusView(PublicTipView):
    """The receipt page: the tip's status only (and, once accepted, the hazard's public status);
    nothing internal: no names, no notes. An unknown receipt is 404."""

    model = Tip

    def get(self, request, receipt: str):
        tip = get_object_or_404(Tip.objects.select_related("hazard"), receipt=tips.normalise_receipt(receipt))
        context = {"tip": tip, "status": tips.public_status(tip), "sent": request.GET.get("sent") == "1"}
        return render(request, "hazards3030/tip_status.html", context)


class TipLookupView(PublicTipView):
    """查询进度: the receipt typed into the form on /tip/."""

    def get(self, request):
        receipt = tips.normalise_receipt(request.GET.get("receipt", ""))
        if not receipt:
            return redirect("hazards3030:tip-public")
        return redirect("hazards3030:tip-status", receipt=receipt)


# --- The township's queue -------------------------------------------------------------------


class TipListView(DefaultFiltersMixin, ScopedObjectMixin, FilterView):
    """待核实 tips of the user's area, oldest first (the queue); other statuses by filter."""

    model = Tip
    filterset_class = TipFilterSet
    paginate_by = 50
    template_name = "hazards3030/tip_list.html"
    default_filters = {"status": Tip.Status.PENDING}  # the queue opens on what waits

    def get_queryset(self):
        return super().get_queryset().select_related("township", "enterprise", "hazard").order_by("received_at", "id")

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_handle=tips.can_handle_tips(self.request.user), **kwargs)


class TipDetailView(ScopedObjectMixin, DetailView):
    model = Tip
    template_name = "hazards3030/tip_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("township", "enterprise", "point", "hazard", "decided_by")

    def get_context_data(self, **kwargs):
        tip, user = self.object, self.request.user
        initial = {"deadline": timezone.localdate() + timedelta(days=DEADLINE_DAYS), "enterprise": tip.enterprise}
        return super().get_context_data(
            can_decide=tip.status == Tip.Status.PENDING and tips.can_handle_tips(user),
            accept_form=TipAcceptForm(user=user, initial=initial),
            reject_form=TipRejectForm(),
            status=tips.public_status(tip),
            **kwargs,
        )


class TipDecisionView(ScopedObjectMixin, SingleObjectMixin, View):
    """核实属实 (a hazard in the loop) or 不予受理 (closed with a reason): one POST each."""

    model = Tip
    decision = "accept"

    def post(self, request, *args, **kwargs):
        tip = self.get_object()
        if self.decision == "accept":
            form = TipAcceptForm(request.POST, user=request.user)
            service, success = tips.accept_tip, _("已核实,隐患已进入“3030”闭环。")
        else:
            form = TipRejectForm(request.POST)
            service, success = tips.reject_tip, _("已不予受理。")
        if not form.is_valid():
            report_form_errors(request, form)
            return redirect(tip.get_absolute_url())
        done = call_service(request, service, tip=tip, actor=request.user, success=success, **form.cleaned_data)
        if done is not None and done.hazard_id:
            return redirect(done.hazard.get_absolute_url())
        return redirect(tip.get_absolute_url())


class TipPhotoView(ScopedObjectMixin, SingleObjectMixin, View):
    """The tip's photo, only to the users who may see the tip."""

    model = Tip

    def get(self, request, *args, **kwargs):
        tip = self.get_object()
        if not tip.photo:
            raise Http404
        return FileResponse(tip.photo.open("rb"), content_type=tip.photo_type)


# --- QR points ------------------------------------------------------------------------------


class PointButtons(ManageButtonsMixin):
    can_manage = staticmethod(tips.can_handle_tips)


def point_url(request, point: TipPoint) -> str:
    return qrcodes.public_url(request, point.get_public_path(), base=settings.TIPS_PUBLIC_URL)


class TipPointListView(PointButtons, ScopedObjectMixin, ListView):
    model = TipPoint
    paginate_by = 50
    template_name = "hazards3030/tippoint_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("township", "enterprise")


class TipPointFormView(RecordFormView):
    model = TipPoint
    form_class = TipPointForm
    service = staticmethod(tips.save_tip_point)
    instance_kwarg = "point"
    list_url = "hazards3030:tip-points"
    titles = (gettext_lazy("登记码上报点位"), gettext_lazy("修改码上报点位"))
    can_manage = staticmethod(tips.can_handle_tips)


class TipPointCodeView(ScopedObjectMixin, SingleObjectMixin, View):
    """The point's QR code as PNG or SVG, for the signed-in users who may see the point."""

    model = TipPoint
    fmt = "png"

    def get(self, request, *args, **kwargs):
        return qrcodes.image_response(point_url(request, self.get_object()), self.fmt)


class TipPointSheetView(ScopedObjectMixin, ListView):
    """A4 sheet of the active points' codes (or those ticked, ?id=…), six to a page."""

    model = TipPoint
    template_name = "hazards3030/tippoint_sheet.html"

    def get_queryset(self):
        rows = super().get_queryset().filter(active=True).select_related("township", "enterprise")
        wanted = [pk for pk in self.request.GET.getlist("id") if pk.isdigit()]
        return (rows.filter(pk__in=wanted) if wanted else rows)[:SHEET_LIMIT]
