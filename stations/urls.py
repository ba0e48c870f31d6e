"""乡镇应急消防管理站、网格、救援圈与救援队伍 (A3 + A4)."""

from django.urls import path

from stations import views

app_name = "stations"

urlpatterns = [
    path("stations/", views.StationListView.as_view(), name="stations"),
    path("stations/new/", views.StationFormView.as_view(), name="station-new"),
    path("stations/<int:pk>/", views.StationDetailView.as_view(), name="station"),
    path("stations/<int:pk>/edit/", views.StationFormView.as_view(), name="station-edit"),
    path("stations/<int:pk>/accredit/", views.AccreditView.as_view(), name="station-accredit"),
    path("stations/grids/", views.GridListView.as_view(), name="grids"),
    path("stations/grids/new/", views.GridFormView.as_view(), name="grid-new"),
    path("stations/grids/<int:pk>/", views.GridDetailView.as_view(), name="grid"),
    path("stations/grids/<int:pk>/edit/", views.GridFormView.as_view(), name="grid-edit"),
    path("stations/circles/", views.CircleView.as_view(), name="circles"),
    path("stations/teams/", views.TeamListView.as_view(), name="teams"),
    path("stations/teams/new/", views.TeamFormView.as_view(), name="team-new"),
    path("stations/teams/<int:pk>/", views.TeamDetailView.as_view(), name="team"),
    path("stations/teams/<int:pk>/edit/", views.TeamFormView.as_view(), name="team-edit"),
    path("stations/cases/", views.CaseListView.as_view(), name="cases"),
    path("stations/cases/new/", views.CaseFormView.as_view(), name="case-new"),
    path("stations/cases/<int:pk>/edit/", views.CaseFormView.as_view(), name="case-edit"),
    path("stations/linkages/", views.LinkageListView.as_view(), name="linkages"),
    path("stations/linkages/new/", views.LinkageFormView.as_view(), name="linkage-new"),
    path("stations/linkages/<int:pk>/edit/", views.LinkageFormView.as_view(), name="linkage-edit"),
    path("stations/linkages/<int:pk>/document/", views.LinkageDocumentView.as_view(), name="linkage-document"),
    *[
        item
        for kind in views.IMPORTS
        for item in (
            path(f"stations/import/{kind}/", views.ImportView.as_view(kind=kind), name=f"import-{kind}"),
            path(
                f"stations/import/{kind}/template.xlsx",
                views.ImportTemplateView.as_view(kind=kind),
                name=f"import-template-{kind}",
            ),
        )
    ],
]
