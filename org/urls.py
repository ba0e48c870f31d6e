from django.urls import path

from org import views

app_name = "org"

urlpatterns = [
    path("assessments/<int:pk>/", views.AssessmentView.as_view(), name="assessment"),
    path("assessments/evidence/<int:pk>/", views.AssessmentEvidenceView.as_view(), name="assessment-evidence"),
]
