from django.urls import path

from campaigns.views import activities, library, registers

app_name = "campaigns"

urlpatterns = [
    path("campaigns/", activities.OverviewView.as_view(), name="overview"),
    path("campaigns/activities/", activities.ActivityListView.as_view(), name="activities"),
    path("campaigns/activities/new/", activities.ActivityFormView.as_view(), name="activity-new"),
    path("campaigns/activities/import/", activities.ImportView.as_view(kind="activities"), name="activity-import"),
    path(
        "campaigns/activities/import/template.xlsx",
        activities.ImportTemplateView.as_view(kind="activities"),
        name="activity-import-template",
    ),
    path("campaigns/activities/<int:pk>/", activities.ActivityDetailView.as_view(), name="activity"),
    path("campaigns/activities/<int:pk>/edit/", activities.ActivityFormView.as_view(), name="activity-edit"),
    path("campaigns/activities/photos/<int:pk>/", activities.ActivityPhotoView.as_view(), name="activity-photo"),
    path("campaigns/videos/", registers.VideoListView.as_view(), name="videos"),
    path("campaigns/videos/new/", registers.VideoFormView.as_view(), name="video-new"),
    path("campaigns/videos/<int:pk>/", registers.VideoDetailView.as_view(), name="video"),
    path("campaigns/videos/<int:pk>/edit/", registers.VideoFormView.as_view(), name="video-edit"),
    path("campaigns/videos/<int:pk>/file/", registers.VideoFileView.as_view(), name="video-file"),
    path("campaigns/places/", registers.PlaceListView.as_view(), name="places"),
    path("campaigns/places/new/", registers.PlaceFormView.as_view(), name="place-new"),
    path("campaigns/places/<int:pk>/", registers.PlaceDetailView.as_view(), name="place"),
    path("campaigns/places/<int:pk>/edit/", registers.PlaceFormView.as_view(), name="place-edit"),
    path("campaigns/places/<int:pk>/cover/", registers.PlaceCoverView.as_view(), name="place-cover"),
    path("campaigns/places/coverage/<int:pk>/", registers.CoveragePhotoView.as_view(), name="coverage-photo"),
    path("campaigns/library/", library.ResourceListView.as_view(), name="resources"),
    path("campaigns/library/new/", library.ResourceFormView.as_view(), name="resource-new"),
    path("campaigns/library/sheet/", library.ResourceSheetView.as_view(), name="resource-sheet"),
    path("campaigns/library/<int:pk>/", library.ResourceDetailView.as_view(), name="resource"),
    path("campaigns/library/<int:pk>/edit/", library.ResourceFormView.as_view(), name="resource-edit"),
    path("campaigns/library/<int:pk>/file/", library.ResourceFileView.as_view(), name="resource-file"),
    path("campaigns/library/<int:pk>/qr.png", library.ResourceCodeView.as_view(fmt="png"), name="resource-qr-png"),
    path("campaigns/library/<int:pk>/qr.svg", library.ResourceCodeView.as_view(fmt="svg"), name="resource-qr-svg"),
    path("campaigns/service-team/", registers.MemberListView.as_view(), name="members"),
    path("campaigns/service-team/new/", registers.MemberFormView.as_view(), name="member-new"),
    path("campaigns/service-team/<int:pk>/edit/", registers.MemberFormView.as_view(), name="member-edit"),
    path("campaigns/sites/", registers.SiteListView.as_view(), name="sites"),
    path("campaigns/sites/new/", registers.SiteFormView.as_view(), name="site-new"),
    path("campaigns/sites/<int:pk>/edit/", registers.SiteFormView.as_view(), name="site-edit"),
    # Public: what the QR codes open, no login.
    path("r/<slug:slug>/", library.PublicResourceView.as_view(), name="public-resource"),
    path("r/<slug:slug>/file/", library.PublicResourceFileView.as_view(), name="public-resource-file"),
]
