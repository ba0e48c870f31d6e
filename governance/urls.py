"""“1+9+N”、分级分类约谈、互助联盟与社会化服务机构 (M3–M5)."""

from django.urls import path

from governance import views

app_name = "governance"

urlpatterns = [
    path("governance/committees/", views.CommitteeListView.as_view(), name="committees"),
    path("governance/committees/<int:pk>/", views.CommitteeDetailView.as_view(), name="committee"),
    path("governance/meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting"),
    path("governance/tasks/", views.TaskListView.as_view(), name="tasks"),
    path("governance/tasks/new/", views.TaskFormView.as_view(), name="task-new"),
    path("governance/tasks/<int:pk>/", views.TaskDetailView.as_view(), name="task"),
    path("governance/tasks/<int:pk>/edit/", views.TaskFormView.as_view(), name="task-edit"),
    path("governance/tasks/<int:pk>/progress/", views.TaskProgressView.as_view(), name="task-progress"),
    path("governance/tasks/<int:pk>/complete/", views.TaskCompleteView.as_view(), name="task-complete"),
    path(
        "governance/tasks/evidence/<int:pk>/",
        views.TaskEvidenceView.as_view(),
        name="task-evidence",
    ),
    path("governance/interviews/", views.InterviewListView.as_view(), name="interviews"),
    path(
        "governance/interviews/evidence/<int:pk>/",
        views.FollowUpEvidenceView.as_view(),
        name="interview-evidence",
    ),
    path("governance/interviews/new/", views.InterviewFormView.as_view(), name="interview-new"),
    path("governance/interviews/<int:pk>/", views.InterviewDetailView.as_view(), name="interview"),
    path("governance/interviews/<int:pk>/edit/", views.InterviewFormView.as_view(), name="interview-edit"),
    path(
        "governance/interviews/<int:pk>/follow-up/", views.InterviewFollowUpView.as_view(), name="interview-follow-up"
    ),
    path("governance/interviews/<int:pk>/close/", views.InterviewCloseView.as_view(), name="interview-close"),
    path("governance/proposals/", views.ProposalListView.as_view(), name="proposals"),
    path("governance/proposals/propose/", views.ProposeView.as_view(), name="propose"),
    path("governance/proposals/<int:pk>/confirm/", views.ProposalConfirmView.as_view(), name="proposal-confirm"),
    path("governance/proposals/<int:pk>/dismiss/", views.ProposalDismissView.as_view(), name="proposal-dismiss"),
    path("governance/alliances/", views.AllianceListView.as_view(), name="alliances"),
    path("governance/alliances/new/", views.AllianceFormView.as_view(), name="alliance-new"),
    path("governance/alliances/<int:pk>/", views.AllianceDetailView.as_view(), name="alliance"),
    path("governance/alliances/<int:pk>/edit/", views.AllianceFormView.as_view(), name="alliance-edit"),
    path("governance/agencies/", views.AgencyListView.as_view(), name="agencies"),
    path("governance/agencies/import/", views.AgencyImportView.as_view(kind="agencies"), name="agency-import"),
    path(
        "governance/agencies/import/template.xlsx",
        views.AgencyImportTemplateView.as_view(kind="agencies"),
        name="agency-import-template",
    ),
    path("governance/agencies/new/", views.AgencyFormView.as_view(), name="agency-new"),
    path("governance/agencies/<int:pk>/", views.AgencyDetailView.as_view(), name="agency"),
    path("governance/agencies/<int:pk>/edit/", views.AgencyFormView.as_view(), name="agency-edit"),
    path("governance/service-logs/new/", views.ServiceLogFormView.as_view(), name="service-log-new"),
]
