from django.urls import path

from org import views

app_name = "org"

urlpatterns = [
    path("assessments/<int:pk>/", views.AssessmentView.as_view(), name="assessment"),
    path("assessments/evidence/<int:pk>/", views.AssessmentEvidenceView.as_view(), name="assessment-evidence"),
    path("inbox/", views.InboxView.as_view(), name="inbox"),
    path("inbox/read-all/", views.InboxReadAllView.as_view(), name="inbox-read-all"),
    path("inbox/<int:pk>/", views.InboxOpenView.as_view(), name="inbox-open"),
]
