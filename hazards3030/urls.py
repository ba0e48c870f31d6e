from django.urls import path

from hazards3030 import views, views_rewards, views_tips

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
    # 内部报告奖励
    path("hazards/rewards/", views_rewards.RewardListView.as_view(), name="rewards"),
    path("hazards/<int:pk>/reward/", views_rewards.RewardFormView.as_view(), name="hazard-reward"),
    # 码上报: the township's queue and QR points
    path("tips/", views_tips.TipListView.as_view(), name="tips"),
    path("tips/<int:pk>/", views_tips.TipDetailView.as_view(), name="tip"),
    path("tips/<int:pk>/accept/", views_tips.TipDecisionView.as_view(decision="accept"), name="tip-accept"),
    path("tips/<int:pk>/reject/", views_tips.TipDecisionView.as_view(decision="reject"), name="tip-reject"),
    path("tips/<int:pk>/photo/", views_tips.TipPhotoView.as_view(), name="tip-photo"),
    path("tips/points/", views_tips.TipPointListView.as_view(), name="tip-points"),
    path("tips/points/new/", views_tips.TipPointFormView.as_view(), name="tip-point-new"),
    path("tips/points/sheet/", views_tips.TipPointSheetView.as_view(), name="tip-point-sheet"),
    path("tips/points/<int:pk>/edit/", views_tips.TipPointFormView.as_view(), name="tip-point-edit"),
    path("tips/points/<int:pk>/qr.png", views_tips.TipPointCodeView.as_view(fmt="png"), name="tip-point-qr-png"),
    path("tips/points/<int:pk>/qr.svg", views_tips.TipPointCodeView.as_view(fmt="svg"), name="tip-point-qr-svg"),
    # Public, no login: what the QR codes open and the receipt page.
    path("tip/", views_tips.TipFormView.as_view(), name="tip-public"),
    path("tip/status/", views_tips.TipLookupView.as_view(), name="tip-lookup"),
    path("tip/status/<str:receipt>/", views_tips.TipStatusView.as_view(), name="tip-status"),
    path("tip/<slug:code>/", views_tips.TipFormView.as_view(), name="tip-at"),
]
