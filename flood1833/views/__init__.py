"""Pages of the flood response, one module per part of it. Each page: parse → scope → call a
service → render; the shared pieces come from org.views."""

from flood1833.views.duty import DutyShiftFormView, DutyShiftListView, RollCallAnswerView, RollCallListView
from flood1833.views.events import (
    EventDetailView,
    EventEndView,
    EventListView,
    EventStageView,
    LiveDataView,
    LiveView,
    TaskDoneView,
    TaskListView,
)
from flood1833.views.field import FieldConfirmView, FieldCorrectView, FieldServiceWorkerView, FieldView
from flood1833.views.home import RoleHomeView
from flood1833.views.incidents import IncidentDetailView, IncidentListView
from flood1833.views.lists import (
    IMPORTS,
    ImportTemplateView,
    ImportView,
    PersonDetailView,
    PersonFormView,
    PersonListView,
    ShelterCheckInView,
    ShelterFormView,
    ShelterListView,
    ZoneFormView,
    ZoneListView,
)
from flood1833.views.reserves import DepotFormView, DepotItemFormView, DepotListView

__all__ = [
    "IMPORTS",
    "DepotFormView",
    "DepotItemFormView",
    "DepotListView",
    "DutyShiftFormView",
    "DutyShiftListView",
    "EventDetailView",
    "EventEndView",
    "EventListView",
    "EventStageView",
    "FieldConfirmView",
    "FieldCorrectView",
    "FieldServiceWorkerView",
    "FieldView",
    "ImportTemplateView",
    "ImportView",
    "IncidentDetailView",
    "IncidentListView",
    "LiveDataView",
    "LiveView",
    "PersonDetailView",
    "PersonFormView",
    "PersonListView",
    "RoleHomeView",
    "RollCallAnswerView",
    "RollCallListView",
    "ShelterCheckInView",
    "ShelterFormView",
    "ShelterListView",
    "TaskDoneView",
    "TaskListView",
    "ZoneFormView",
    "ZoneListView",
]
