from django.urls import path
from django.views.generic import RedirectView

from flood1833 import views

app_name = "flood1833"

urlpatterns = [
    path("home/", views.RoleHomeView.as_view(), name="role-home"),
    path("flood/", views.LiveView.as_view(), name="live"),
    path("flood/live.json", views.LiveDataView.as_view(), name="live-data"),
    path("flood/events/", views.EventListView.as_view(), name="events"),
    path("flood/events/<int:pk>/", views.EventDetailView.as_view(), name="event"),
    path("flood/events/<int:pk>/stage/", views.EventStageView.as_view(), name="event-stage"),
    path("flood/events/<int:pk>/end/", views.EventEndView.as_view(), name="event-end"),
    path("flood/tasks/", views.TaskListView.as_view(), name="tasks"),
    path("flood/tasks/<int:pk>/done/", views.TaskDoneView.as_view(), name="task-done"),
    path("flood/field/", views.FieldView.as_view(), name="field"),
    path("flood/field/<int:pk>/confirm/", views.FieldConfirmView.as_view(), name="field-confirm"),
    path("flood/field/<int:pk>/correct/", views.FieldCorrectView.as_view(), name="field-correct"),
    # Served from the field page's own path, so the service worker's scope is the field page.
    path("flood/field/sw.js", views.FieldServiceWorkerView.as_view(), name="field-sw"),
    path("flood/people/", views.PersonListView.as_view(), name="people"),
    path("flood/people/<int:pk>/", views.PersonDetailView.as_view(), name="person"),
    path("flood/people/new/", views.PersonFormView.as_view(), name="person-new"),
    path("flood/people/<int:pk>/edit/", views.PersonFormView.as_view(), name="person-edit"),
    path("flood/zones/", views.ZoneListView.as_view(), name="zones"),
    path("flood/zones/new/", views.ZoneFormView.as_view(), name="zone-new"),
    path("flood/zones/<int:pk>/edit/", views.ZoneFormView.as_view(), name="zone-edit"),
    path("flood/shelters/", views.ShelterListView.as_view(), name="shelters"),
    path("flood/shelters/new/", views.ShelterFormView.as_view(), name="shelter-new"),
    path("flood/shelters/<int:pk>/edit/", views.ShelterFormView.as_view(), name="shelter-edit"),
    path("flood/shelters/<int:pk>/checkin/", views.ShelterCheckInView.as_view(), name="shelter-checkin"),
    *[
        entry
        for kind in views.IMPORTS
        for entry in (
            path(f"flood/{kind}/import/", views.ImportView.as_view(kind=kind), name=f"import-{kind}"),
            path(
                f"flood/{kind}/import/template.xlsx",
                views.ImportTemplateView.as_view(kind=kind),
                name=f"import-{kind}-template",
            ),
        )
    ],
    path("flood/duty/", views.DutyShiftListView.as_view(), name="duty"),
    path("flood/duty/new/", views.DutyShiftFormView.as_view(), name="duty-new"),
    path("flood/duty/<int:pk>/edit/", views.DutyShiftFormView.as_view(), name="duty-edit"),
    path("flood/rollcalls/", views.RollCallListView.as_view(), name="rollcalls"),
    path("flood/rollcalls/answers/<int:pk>/", views.RollCallAnswerView.as_view(), name="rollcall-answer"),
    path("flood/incidents/", views.IncidentListView.as_view(), name="incidents"),
    path("flood/incidents/<int:pk>/", views.IncidentDetailView.as_view(), name="incident"),
    path("flood/depots/", views.DepotListView.as_view(), name="depots"),
    path("flood/depots/new/", views.DepotFormView.as_view(), name="depot-new"),
    path("flood/depots/<int:pk>/edit/", views.DepotFormView.as_view(), name="depot-edit"),
    path("flood/depot-items/new/", views.DepotItemFormView.as_view(), name="depot-item-new"),
    path("flood/depot-items/<int:pk>/edit/", views.DepotItemFormView.as_view(), name="depot-item-edit"),
    # The flood map became the county map (plan:map); old bookmarks still land on it.
    path("flood/map/", RedirectView.as_view(pattern_name="plan:map", permanent=True), name="map"),
]
