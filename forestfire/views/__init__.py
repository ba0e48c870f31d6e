"""Pages of forest fire prevention (A6)."""

from forestfire.views.hotspots import (
    IMPORTS,
    FieldArriveView,
    FieldVerifyView,
    FieldView,
    HotspotDetailView,
    HotspotFormView,
    HotspotImportView,
    HotspotListView,
    HotspotPhotoView,
    HotspotTemplateView,
    NoticesReadView,
)
from forestfire.views.records import (
    CheckFormView,
    CheckListView,
    FireFormView,
    FireListView,
    RiskDoneView,
    RiskFormView,
    RiskListView,
    StandardizationView,
)

__all__ = [
    "IMPORTS",
    "CheckFormView",
    "CheckListView",
    "FieldArriveView",
    "FieldVerifyView",
    "FieldView",
    "FireFormView",
    "FireListView",
    "HotspotDetailView",
    "HotspotFormView",
    "HotspotImportView",
    "HotspotListView",
    "HotspotPhotoView",
    "HotspotTemplateView",
    "NoticesReadView",
    "RiskDoneView",
    "RiskFormView",
    "RiskListView",
    "StandardizationView",
]
