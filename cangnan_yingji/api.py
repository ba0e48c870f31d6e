"""The one API router: every app registers its viewsets here, under /api/v1/."""

from rest_framework.routers import DefaultRouter

from campaigns.api import views as campaigns
from flood1833.api import views as flood
from forestfire.api import views as forestfire
from governance.api import views as governance
from hazards3030.api.views import AccidentViewSet, Batch3030ViewSet, HazardViewSet, TipViewSet
from org.api.inbox import InboxViewSet
from org.api.views import EnterpriseViewSet, RegionViewSet
from plan.api.monthly import IndicatorValueViewSet, RankingViewSet, SnapshotViewSet, WorkbookViewSet
from plan.api.views import TargetViewSet
from stations.api import views as stations

# No ".json" suffix routes: the answer's format is negotiated (Accept, or ?format=), and half as
# many patterns are tried before a request finds its view.
router = DefaultRouter()
router.include_format_suffixes = False
router.register("regions", RegionViewSet, basename="region")
router.register("targets", TargetViewSet, basename="target")
router.register("enterprises", EnterpriseViewSet, basename="enterprise")
router.register("inbox", InboxViewSet, basename="inbox")
router.register("hazards", HazardViewSet, basename="hazard")
router.register("batches3030", Batch3030ViewSet, basename="batch3030")
router.register("accidents", AccidentViewSet, basename="accident")
router.register("tips", TipViewSet, basename="tip")
router.register("indicator-values", IndicatorValueViewSet, basename="indicator-value")
router.register("rankings", RankingViewSet, basename="ranking")
router.register("snapshots", SnapshotViewSet, basename="snapshot")
router.register("workbooks", WorkbookViewSet, basename="workbook")
router.register("events", flood.ResponseEventViewSet, basename="event")
router.register("matrix-tasks", flood.MatrixTaskViewSet, basename="matrix-task")
router.register("zones", flood.DangerZoneViewSet, basename="zone")
router.register("shelters", flood.ShelterViewSet, basename="shelter")
router.register("people", flood.TransferPersonViewSet, basename="person")
router.register("transfers", flood.TransferViewSet, basename="transfer")
router.register("duty-shifts", flood.DutyShiftViewSet, basename="duty-shift")
router.register("roll-calls", flood.RollCallViewSet, basename="roll-call")
router.register("roll-call-answers", flood.RollCallAnswerViewSet, basename="roll-call-answer")
router.register("incidents", flood.IncidentViewSet, basename="incident")
router.register("depots", flood.DepotViewSet, basename="depot")
router.register("depot-items", flood.DepotItemViewSet, basename="depot-item")
router.register("hotspots", forestfire.HotspotViewSet, basename="hotspot")
router.register("fires", forestfire.ForestFireViewSet, basename="forest-fire")
router.register("forest-checks", forestfire.FireSourceCheckViewSet, basename="forest-check")
router.register("forest-risks", forestfire.ForestRiskViewSet, basename="forest-risk")
router.register("forest-standardization", forestfire.StandardizationViewSet, basename="forest-standardization")
router.register("stations", stations.StationViewSet, basename="station")
router.register("accreditations", stations.AccreditationViewSet, basename="accreditation")
router.register("grids", stations.GridViewSet, basename="grid")
router.register("teams", stations.TeamViewSet, basename="rescueteam")
router.register("entrusted-cases", stations.EntrustedCaseViewSet, basename="entrusted-case")
router.register("linkages", stations.LinkageViewSet, basename="linkage")
router.register("activities", campaigns.ActivityViewSet, basename="activity")
router.register("videos", campaigns.VideoViewSet, basename="video")
router.register("places", campaigns.PlaceViewSet, basename="place")
router.register("resources", campaigns.ResourceViewSet, basename="resource")
router.register("service-team", campaigns.MemberViewSet, basename="service-team-member")
router.register("sites", campaigns.SiteViewSet, basename="site")
router.register("committees", governance.CommitteeViewSet, basename="committee")
router.register("supervision-tasks", governance.SupervisionTaskViewSet, basename="supervision-task")
router.register("interviews", governance.InterviewViewSet, basename="interview")
router.register("interview-proposals", governance.InterviewProposalViewSet, basename="interview-proposal")
router.register("alliances", governance.AllianceViewSet, basename="alliance")
router.register("agencies", governance.AgencyViewSet, basename="agency")
router.register("service-logs", governance.ServiceLogViewSet, basename="service-log")
router.register("expert-visits", governance.ExpertVisitViewSet, basename="expert-visit")
