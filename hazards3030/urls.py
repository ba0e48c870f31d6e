from django.urls import path

from hazards3030.views import hazards, rewards, tips

app_name = "hazards3030"

urlpatterns = [
    path("hazards/", hazards.HazardListView.as_view(), name="hazards"),
    path("hazards/new/", hazards.HazardCreateView.as_view(), name="hazard-new"),
    path("hazards/import/", hazards.ImportView.as_view(kind="hazards"), name="import"),
    path("hazards/import/template.xlsx", hazards.ImportTemplateView.as_view(kind="hazards"), name="import-template"),
    path("hazards/3030/", hazards.Overview3030View.as_view(), name="overview3030"),
    path("hazards/<int:pk>/", hazards.HazardDetailView.as_view(), name="hazard"),
    path("hazards/<int:pk>/details/", hazards.HazardDetailsView.as_view(), name="hazard-details"),
    path("hazards/<int:pk>/supervision/", hazards.HazardSupervisionView.as_view(), name="hazard-supervision"),
    *[
        path(f"hazards/<int:pk>/{action}/", hazards.HazardActionView.as_view(action=action), name=f"hazard-{action}")
        for action in hazards.ACTION_SERVICES
    ],
    path("hazards/attachments/<int:pk>/", hazards.AttachmentView.as_view(), name="attachment"),
    path("enterprises/", hazards.EnterpriseListView.as_view(), name="enterprises"),
    path("enterprises/new/", hazards.EnterpriseFormView.as_view(), name="enterprise-new"),
    path("enterprises/import/", hazards.ImportView.as_view(kind="enterprises"), name="enterprise-import"),
    path(
        "enterprises/import/template.xlsx",
        hazards.ImportTemplateView.as_view(kind="enterprises"),
        name="enterprise-import-template",
    ),
    path("enterprises/<int:pk>/", hazards.EnterpriseDetailView.as_view(), name="enterprise"),
    path("accidents/", hazards.AccidentListView.as_view(), name="accidents"),
    path("accidents/new/", hazards.AccidentFormView.as_view(), name="accident-new"),
    path("accidents/<int:pk>/", hazards.AccidentDetailView.as_view(), name="accident"),
    # 内部报告奖励
    path("hazards/rewards/", rewards.RewardListView.as_view(), name="rewards"),
    path("hazards/<int:pk>/reward/", rewards.RewardFormView.as_view(), name="hazard-reward"),
    # 码上报: the township's queue and QR points
    path("tips/", tips.TipListView.as_view(), name="tips"),
    path("tips/<int:pk>/", tips.TipDetailView.as_view(), name="tip"),
    path("tips/<int:pk>/accept/", tips.TipDecisionView.as_view(decision="accept"), name="tip-accept"),
    path("tips/<int:pk>/reject/", tips.TipDecisionView.as_view(decision="reject"), name="tip-reject"),
    path("tips/<int:pk>/photo/", tips.TipPhotoView.as_view(), name="tip-photo"),
    path("tips/points/", tips.TipPointListView.as_view(), name="tip-points"),
    path("tips/points/new/", tips.TipPointFormView.as_view(), name="tip-point-new"),
    path("tips/points/sheet/", tips.TipPointSheetView.as_view(), name="tip-point-sheet"),
    path("tips/points/<int:pk>/edit/", tips.TipPointFormView.as_view(), name="tip-point-edit"),
    path("tips/points/<int:pk>/qr.png", tips.TipPointCodeView.as_view(fmt="png"), name="tip-point-qr-png"),
    path("tips/points/<int:pk>/qr.svg", tips.TipPointCodeView.as_view(fmt="svg"), name="tip-point-qr-svg"),
    # Public, no login: what the QR codes open and the receipt page.
    path("tip/", tips.TipFormView.as_view(), name="tip-public"),
    path("tip/status/", tips.TipLookupView.as_view(), name="tip-lookup"),
    path("tip/status/<str:receipt>/", tips.TipStatusView.as_view(), name="tip-status"),
    path("tip/<slug:code>/", tips.TipFormView.as_view(), name="tip-at"),
]
