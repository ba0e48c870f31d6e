from django.urls import path

from plan import views

app_name = "plan"

urlpatterns = [
    path("", views.home, name="home"),
    path("plan/copy/", views.copy_plan, name="copy"),
    path("plan/<int:year>/", views.plan_detail, name="plan"),
    path("plan/<int:year>/<str:code>/", views.part_detail, name="part"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/townships/<int:pk>/", views.TownshipDashboardView.as_view(), name="township"),
    path("snapshots/", views.snapshot_list, name="snapshots"),
    path("snapshots/<int:pk>/withdraw/", views.snapshot_withdraw, name="snapshot-withdraw"),
    path("rankings/review/", views.ranking_review, name="ranking-review"),
    path("rankings/review/publish/", views.ranking_publish, name="ranking-publish"),
    path("rankings/review/withdraw/", views.ranking_withdraw, name="ranking-withdraw"),
    path("exports/", views.workbook_list, name="workbooks"),
    path("exports/monthly/<str:period>.xlsx", views.monthly_workbook, name="monthly-workbook"),
    path("exports/monthly/<str:period>.docx", views.monthly_report, name="monthly-report"),
    path("map/", views.county_map, name="map"),
    path("map/layers/<slug:key>.geojson", views.map_layer, name="map-layer"),
]
