"""涉林乡镇规范化建设、卫星热点1小时核查、林火与火源管控 (A6)."""

from django.urls import path

from forestfire import views

app_name = "forestfire"

urlpatterns = [
    path("forest/field/", views.FieldView.as_view(), name="field"),
    path("forest/field/<int:pk>/arrive/", views.FieldArriveView.as_view(), name="field-arrive"),
    path("forest/field/<int:pk>/verify/", views.FieldVerifyView.as_view(), name="field-verify"),
    path("forest/hotspots/", views.HotspotListView.as_view(), name="hotspots"),
    path("forest/hotspots/new/", views.HotspotFormView.as_view(), name="hotspot-new"),
    path("forest/hotspots/<int:pk>/", views.HotspotDetailView.as_view(), name="hotspot"),
    path("forest/hotspots/<int:pk>/edit/", views.HotspotFormView.as_view(), name="hotspot-edit"),
    path("forest/hotspots/photos/<int:pk>/", views.HotspotPhotoView.as_view(), name="hotspot-photo"),
    path("forest/hotspots/notices/read/", views.NoticesReadView.as_view(), name="notices-read"),
    path("forest/hotspots/import/", views.HotspotImportView.as_view(kind="hotspots"), name="import-hotspots"),
    path(
        "forest/hotspots/import/template.xlsx",
        views.HotspotTemplateView.as_view(kind="hotspots"),
        name="import-hotspots-template",
    ),
    path("forest/fires/", views.FireListView.as_view(), name="fires"),
    path("forest/fires/new/", views.FireFormView.as_view(), name="fire-new"),
    path("forest/fires/<int:pk>/edit/", views.FireFormView.as_view(), name="fire-edit"),
    path("forest/checks/", views.CheckListView.as_view(), name="checks"),
    path("forest/checks/new/", views.CheckFormView.as_view(), name="check-new"),
    path("forest/checks/<int:pk>/edit/", views.CheckFormView.as_view(), name="check-edit"),
    path("forest/risks/", views.RiskListView.as_view(), name="risks"),
    path("forest/risks/new/", views.RiskFormView.as_view(), name="risk-new"),
    path("forest/risks/<int:pk>/edit/", views.RiskFormView.as_view(), name="risk-edit"),
    path("forest/risks/<int:pk>/done/", views.RiskDoneView.as_view(), name="risk-done"),
    path("forest/standardization/", views.StandardizationView.as_view(), name="standardization"),
]
