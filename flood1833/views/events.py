"""The county's live view, the typhoon events with their 633 stages, and the measures checklist."""

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import JsonResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView, View
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView

from flood1833 import live, services
from flood1833.filtersets import EventFilterSet, MatrixTaskFilterSet
from flood1833.forms import EndForm, EventForm, StageForm
from flood1833.models import MatrixTask, ResponseEvent
from flood1833.views.common import event_from_query
from org.views import ScopedObjectMixin, call_service, report_form_errors
from plan.models import ResponseStage


class LiveView(LoginRequiredMixin, TemplateView):
    """转移实况: counts by status, township and zone kind, shelter occupancy, 633 completion."""

    template_name = "flood1833/live.html"

    def get_context_data(self, **kwargs):
        event = event_from_query(self.request)
        area = {key: self.request.GET.get(key, "") for key in ("township", "village")}
        return super().get_context_data(
            event=event,
            data=live.snapshot(event=event, user=self.request.user, **area) if event else None,
            area_query="".join(f"&{key}={value}" for key, value in area.items() if value.isdigit()),
            poll_seconds=settings.FLOOD_LIVE_POLL_SECONDS,
            **kwargs,
        )


class LiveDataView(LoginRequiredMixin, View):
    """The live view's figures as JSON, polled by static/js/flood-live.js."""

    def get(self, request):
        event = event_from_query(request)
        if event is None:
            return JsonResponse({"event": None})
        area = {key: request.GET.get(key, "") for key in ("township", "village")}
        return JsonResponse(live.snapshot(event=event, user=request.user, **area))


class EventListView(ScopedObjectMixin, FilterView):
    model = ResponseEvent
    filterset_class = EventFilterSet
    paginate_by = 50
    template_name = "flood1833/event_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("stage", "region")

    def get_context_data(self, **kwargs):
        can = services.can_command(self.request.user)
        return super().get_context_data(form=EventForm() if can else None, **kwargs)

    def post(self, request, *args, **kwargs):
        form = EventForm(request.POST)
        if not form.is_valid():
            report_form_errors(request, form)
            return redirect("flood1833:events")
        event = call_service(request, services.create_event, actor=request.user, **form.cleaned_data)
        return redirect(event or "flood1833:events")


class EventDetailView(ScopedObjectMixin, DetailView):
    """One event: its stage with buttons to change it, the 633 completion, the stage history."""

    model = ResponseEvent
    template_name = "flood1833/event_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("stage", "region")

    def get_context_data(self, **kwargs):
        event = self.object
        return super().get_context_data(
            stages=ResponseStage.objects.all(),
            can_command=services.can_command(self.request.user, event.region) and event.is_active,
            matrix=live.matrix_completion(event=event, user=self.request.user),
            transfers=live.transfer_counts(event=event, user=self.request.user),
            changes=event.changes.select_related("from_stage", "to_stage", "actor"),
            **kwargs,
        )


class EventStageView(ScopedObjectMixin, SingleObjectMixin, TemplateView):
    """A stage button of an event's page asks first: from which stage to which, and why (GET);
    the answer applies it (POST). Raising, lowering and 解除 alike."""

    model = ResponseEvent
    template_name = "flood1833/event_confirm.html"

    def get_queryset(self):
        return super().get_queryset().select_related("stage", "region")

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        order = request.GET.get("stage_order", "")
        stage = ResponseStage.objects.filter(order=order if order.isdigit() else 0).first()
        if stage is None:
            return redirect(self.object)
        form = StageForm(initial={"stage_order": stage.order})
        return self.render_to_response(self.get_context_data(object=self.object, stage=stage, form=form))

    def post(self, request, *args, **kwargs):
        event = self.get_object()
        form = StageForm(request.POST)
        if not form.is_valid():
            report_form_errors(request, form)
            return redirect(
                f"{reverse('flood1833:event-stage', args=[event.pk])}?stage_order={form.data.get('stage_order', '')}"
            )
        call_service(
            request,
            services.change_stage,
            event=event,
            actor=request.user,
            success=_("响应阶段已调整。"),
            **form.cleaned_data,
        )
        return redirect(event)


class EventEndView(ScopedObjectMixin, SingleObjectMixin, TemplateView):
    """结束本次过程: asks first, with a reason."""

    model = ResponseEvent
    template_name = "flood1833/event_confirm.html"

    def get_queryset(self):
        return super().get_queryset().select_related("stage", "region")

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data(object=self.object, ending=True, form=EndForm()))

    def post(self, request, *args, **kwargs):
        event = self.get_object()
        form = EndForm(request.POST)
        if not form.is_valid():
            report_form_errors(request, form)
            return redirect("flood1833:event-end", pk=event.pk)
        call_service(
            request,
            services.end_event,
            event=event,
            actor=request.user,
            success=_("本次过程已结束。"),
            **form.cleaned_data,
        )
        return redirect(event)


class TaskListView(ScopedObjectMixin, FilterView):
    """“633”措施落实: a township's or village's checklist for the current stage."""

    model = MatrixTask
    filterset_class = MatrixTaskFilterSet
    paginate_by = 100
    template_name = "flood1833/task_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("stage", "level", "region", "done_by")

    def get_filterset_kwargs(self, filterset_class):
        """Filters combine: the event (the one asked for, else the current one) and its current
        stage apply unless the query names them itself, so ``?done=false`` lists what is still
        to do in the current stage, never stale tasks of a stage left behind."""
        kwargs = super().get_filterset_kwargs(filterset_class)
        event = event_from_query(self.request)
        data = kwargs["data"].copy() if kwargs["data"] is not None else QueryDict(mutable=True)
        if event is not None:
            data.setdefault("event", str(event.pk))
            if data.get("event") == str(event.pk):
                data.setdefault("stage", str(event.stage_id or ""))
        kwargs["data"] = data
        return kwargs


class TaskDoneView(ScopedObjectMixin, SingleObjectMixin, View):
    model = MatrixTask

    def post(self, request, *args, **kwargs):
        task = self.get_object()
        note = request.POST.get("note", "")[:200]
        call_service(
            request, services.complete_task, task=task, actor=request.user, note=note, success=_("已确认落实。")
        )
        return redirect(local_next(request) or "flood1833:tasks")


def local_next(request) -> str:
    """The form's ``next`` if it is a path on this portal (never another site), else ""."""
    back = request.POST.get("next", "")
    local = back.startswith("/") and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
    return back if local else ""
