"""事件信息报送: reports with their stored breaches, and the notices still waiting for a report."""

from django.db.models import Q
from django.shortcuts import redirect
from django.views.generic import DetailView
from django_filters.views import FilterView

from flood1833 import services, sla
from flood1833.filtersets import IncidentFilterSet
from flood1833.forms import IncidentForm, IncidentUpdateForm
from flood1833.models import Incident, IncidentNotice
from org.views import ScopedObjectMixin, call_service, report_form_errors


class IncidentListView(ScopedObjectMixin, FilterView):
    """The reports with their stored breaches, and the overdue notices still waiting for a report."""

    model = Incident
    filterset_class = IncidentFilterSet
    paginate_by = 50
    template_name = "flood1833/incident_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("township")

    def get_context_data(self, **kwargs):
        # A notice matters until the report it asks for is in.
        waiting = Q(clock=IncidentNotice.Clock.VERBAL, incident__verbal_reported_at__isnull=True) | Q(
            clock=IncidentNotice.Clock.SYSTEM, incident__system_reported_at__isnull=True
        )
        notices = IncidentNotice.objects.visible_to(self.request.user).filter(waiting, read_at__isnull=True)
        return super().get_context_data(
            notices=notices[:10],
            notice_count=notices.count(),
            form=IncidentForm(user=self.request.user) if services.can_command(self.request.user) else None,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = IncidentForm(request.POST, user=request.user)
        if not form.is_valid():
            report_form_errors(request, form)
            return redirect("flood1833:incidents")
        incident = call_service(request, services.save_incident, actor=request.user, **form.cleaned_data)
        return redirect(incident or "flood1833:incidents")


class IncidentDetailView(ScopedObjectMixin, DetailView):
    model = Incident
    template_name = "flood1833/incident_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("township")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            limits=sla.limits(),
            updates=self.object.updates.select_related("actor"),
            form=IncidentUpdateForm(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        incident = self.get_object()
        text = request.POST.get("text", "")
        call_service(request, services.add_incident_update, incident=incident, actor=request.user, text=text)
        return redirect(incident)
