from django.urls import path

from hazards3030 import views

app_name = "hazards3030"

urlpatterns = [
    path("hazards/", views.HazardListView.as_view(), name="hazards"),
    path("hazards/new/", views.HazardCreateView.as_view(), name="hazard-new"),
    path("hazards/import/", views.ImportView.as_view(kind="hazards"), name="import"),
    path("hazards/import/template.xlsx", views.ImportTemplateView.as_view(kind="hazards"), name="import-template"),
    path("hazards/3030/", views.Overview3030View.as_view(), name="overview3030"),
    path("hazards/<int:pk>/", views.HazardDetailView.as_view(), name="hazard"),
    path("hazards/<int:pk>/details/", views.HazardDetailsView.as_view(), name="hazard-details"),
    path("hazards/<int:pk>/supervision/", views.HazardSupervisionView.as_view(), name="hazard-supervision"),
    *[
        path(f"hazards/<int:pk>/{action}/", views.HazardActionView.as_view(action=action), name=f"hazard-{action}")
        for action in views.ACTION_SERVICES
    ],
    path("hazards/attachments/<int:pk>/", views.AttachmentView.as_view(), name="attachment"),
    path("enterprises/", views.EnterpriseListView.as_view(), name="enterprises"),
    path("enterprises/new/", views.EnterpriseFormView.as_view(), name="enterprise-new"),
    path("enterprises/import/", views.ImportView.as_view(kind="enterprises"), name="enterprise-import"),
    path(
        "enterprises/import/template.xlsx",
        views.ImportTemplateView.as_view(kind="enterprises"),
        name="enterprise-import-template",
    ),
    path("enterprises/<int:pk>/", views.EnterpriseDetailView.as_view(), name="enterprise"),
    path("accidents/", views.AccidentListView.as_view(), name="accidents"),
    path("accidents/new/", views.AccidentFormView.as_view(), name="accident-new"),
    path("accidents/<int:pk>/", views.AccidentDetailView.as_view(), name="accident"),
]
