"""For each regional model: how to make one record that 灵溪镇 staff must not see.

tests/test_scope_urls.py walks the URL conf and uses this table for every scoped endpoint it
finds. A new regional model exposed by a page or the API must be added here, or that test fails.
"""

from campaigns.models import (
    Activity,
    ActivityPhoto,
    PlaceCoverage,
    PublicPlace,
    Resource,
    ServiceTeamMember,
    Site,
    Video,
)
from flood1833.models import (
    DangerZone,
    Depot,
    DepotItem,
    DutyShift,
    Incident,
    MatrixTask,
    ResponseEvent,
    RollCall,
    RollCallAnswer,
    Shelter,
    Transfer,
    TransferPerson,
)
from forestfire.models import (
    FireSourceCheck,
    ForestFire,
    ForestRisk,
    ForestTownshipAssessment,
    Hotspot,
    HotspotPhoto,
)
from governance.models import (
    Agency,
    Alliance,
    AllianceActivity,
    Committee,
    ExpertVisit,
    FollowUpEvidence,
    Interview,
    InterviewProposal,
    Meeting,
    ServiceLog,
    SupervisionTask,
    TaskEvidence,
)
from hazards3030.models import (
    Accident,
    Batch3030,
    Enterprise,
    Hazard,
    HazardAttachment,
    InternalReportReward,
    Tip,
    TipPoint,
)
from org.models import Assessment, AssessmentEvidence, Region
from plan.models import IndicatorValue
from stations.models import (
    EntrustedCase,
    Grid,
    GridWorker,
    LinkageAgreement,
    MeasuredTravelTime,
    RescueTeam,
    Station,
    TeamEvaluation,
)
from tests.campaigns.factories import (
    ActivityFactory,
    ActivityPhotoFactory,
    CoverageFactory,
    MemberFactory,
    PlaceFactory,
    ResourceFactory,
    SiteFactory,
    VideoFactory,
)
from tests.factories import (
    AccidentFactory,
    AssessmentEvidenceFactory,
    AssessmentFactory,
    Batch3030Factory,
    DangerZoneFactory,
    DepotFactory,
    DepotItemFactory,
    DutyShiftFactory,
    EnterpriseFactory,
    HazardAttachmentFactory,
    HazardFactory,
    IncidentFactory,
    IndicatorValueFactory,
    MatrixTaskFactory,
    ResponseEventFactory,
    RollCallAnswerFactory,
    RollCallFactory,
    ShelterFactory,
    TransferFactory,
    TransferPersonFactory,
    VillageFactory,
    township,
    village,
)
from tests.forestfire.factories import (
    FireSourceCheckFactory,
    ForestFireFactory,
    ForestRiskFactory,
    HotspotFactory,
    HotspotPhotoFactory,
    forest_assessment,
)
from tests.governance.factories import (
    AgencyFactory,
    AllianceActivityFactory,
    AllianceFactory,
    CommitteeFactory,
    ExpertVisitFactory,
    FollowUpEvidenceFactory,
    InterviewFactory,
    InterviewFollowUpFactory,
    InterviewProposalFactory,
    MeetingFactory,
    ServiceLogFactory,
    SupervisionTaskFactory,
    TaskEvidenceFactory,
    TaskProgressFactory,
)
from tests.hazards3030.factories import RewardFactory, TipFactory, TipPointFactory


def fanshan() -> Region:
    return township("矾山镇")


def fanshan_village() -> Region:
    return village("矾山测试村", "矾山镇")


OUT_OF_SCOPE = {
    Region: lambda: VillageFactory(parent=fanshan()),
    Enterprise: lambda: EnterpriseFactory(township=fanshan()),
    Hazard: lambda: HazardFactory(township=fanshan()),
    HazardAttachment: lambda: HazardAttachmentFactory(hazard=HazardFactory(township=fanshan())),
    Accident: lambda: AccidentFactory(township=fanshan()),
    Batch3030: lambda: Batch3030Factory(region=fanshan()),
    Tip: lambda: TipFactory(township=fanshan()),
    TipPoint: lambda: TipPointFactory(township=fanshan()),
    InternalReportReward: lambda: RewardFactory(hazard=HazardFactory(township=fanshan(), source="internal_report")),
    IndicatorValue: lambda: IndicatorValueFactory(region=fanshan()),
    # A local rainstorm in 矾山镇: the county sees it, 灵溪镇 does not.
    ResponseEvent: lambda: ResponseEventFactory(region=fanshan()),
    MatrixTask: lambda: MatrixTaskFactory(region=fanshan(), township=fanshan()),
    DangerZone: lambda: DangerZoneFactory(village=fanshan_village()),
    Shelter: lambda: ShelterFactory(township=fanshan()),
    TransferPerson: lambda: TransferPersonFactory(village=fanshan_village()),
    Transfer: lambda: TransferFactory(person=TransferPersonFactory(village=fanshan_village())),
    DutyShift: lambda: DutyShiftFactory(region=fanshan()),
    RollCall: lambda: RollCallFactory(region=fanshan()),
    RollCallAnswer: lambda: RollCallAnswerFactory(roll_call=RollCallFactory(region=fanshan())),
    Incident: lambda: IncidentFactory(township=fanshan()),
    Depot: lambda: DepotFactory(region=fanshan()),
    DepotItem: lambda: DepotItemFactory(depot=DepotFactory(region=fanshan())),
    Activity: lambda: ActivityFactory(township=fanshan()),
    ActivityPhoto: lambda: ActivityPhotoFactory(activity=ActivityFactory(township=fanshan())),
    Video: lambda: VideoFactory(region=fanshan()),
    PublicPlace: lambda: PlaceFactory(township=fanshan()),
    PlaceCoverage: lambda: CoverageFactory(place=PlaceFactory(township=fanshan())),
    Resource: lambda: ResourceFactory(region=fanshan()),
    ServiceTeamMember: lambda: MemberFactory(township=fanshan()),
    Site: lambda: SiteFactory(township=fanshan()),
    # governance: 矾山镇's own 安委会 and what hangs off it; its interviews, alliances, agencies, services.
    Committee: lambda: CommitteeFactory(region=fanshan(), kind="safety_committee", parent=None),
    Meeting: lambda: MeetingFactory(committee=CommitteeFactory(region=fanshan(), kind="safety_committee", parent=None)),
    SupervisionTask: lambda: SupervisionTaskFactory(township=fanshan()),
    Interview: lambda: InterviewFactory(township=fanshan()),
    InterviewProposal: lambda: InterviewProposalFactory(township=fanshan()),
    Alliance: lambda: AllianceFactory(township=fanshan()),
    AllianceActivity: lambda: AllianceActivityFactory(alliance=AllianceFactory(township=fanshan())),
    Agency: lambda: AgencyFactory(region=fanshan()),
    ServiceLog: lambda: ServiceLogFactory(enterprise=EnterpriseFactory(township=fanshan())),
    ExpertVisit: lambda: ExpertVisitFactory(enterprise=EnterpriseFactory(township=fanshan())),
    TaskEvidence: lambda: TaskEvidenceFactory(
        progress=TaskProgressFactory(task=SupervisionTaskFactory(township=fanshan()))
    ),
    FollowUpEvidence: lambda: FollowUpEvidenceFactory(
        follow_up=InterviewFollowUpFactory(interview=InterviewFactory(township=fanshan()))
    ),
    Assessment: lambda: AssessmentFactory(township=fanshan()),
    AssessmentEvidence: lambda: AssessmentEvidenceFactory(assessment=AssessmentFactory(township=fanshan())),
    Hotspot: lambda: HotspotFactory(township=fanshan()),
    HotspotPhoto: lambda: HotspotPhotoFactory(hotspot=HotspotFactory(township=fanshan())),
    ForestFire: lambda: ForestFireFactory(township=fanshan()),
    FireSourceCheck: lambda: FireSourceCheckFactory(township=fanshan()),
    ForestRisk: lambda: ForestRiskFactory(township=fanshan()),
    ForestTownshipAssessment: lambda: forest_assessment(fanshan()),
    # stations: a team based in the county is seen county-wide, so the outsider is 矾山镇's own team.
    Station: lambda: Station.objects.create(township=fanshan(), name="矾山站"),
    Grid: lambda: Grid.objects.create(village=fanshan_village(), name="矾山网格"),
    GridWorker: lambda: GridWorker.objects.create(
        grid=Grid.objects.create(village=fanshan_village(), name="矾山网格"), name="网格员"
    ),
    MeasuredTravelTime: lambda: MeasuredTravelTime.objects.create(region=fanshan_village(), minutes=5),
    EntrustedCase: lambda: EntrustedCase.objects.create(township=fanshan(), decided_on="2024-05-01", case_type="x"),
    RescueTeam: lambda: _fanshan_team(),
    TeamEvaluation: lambda: TeamEvaluation.objects.create(
        team=_fanshan_team(), specialty="water", level=2, assessed_on="2024-05-01"
    ),
    LinkageAgreement: lambda: LinkageAgreement.objects.create(region=fanshan(), partner="邻县", title="乡镇协议"),
}


def _fanshan_agreement_with_document() -> LinkageAgreement:
    from django.core.files.base import ContentFile

    agreement = LinkageAgreement(region=fanshan(), partner="邻县", title="乡镇协议", document_name="协议.pdf")
    agreement.document.save("agreement.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    agreement.save()
    return agreement


def _fanshan_accreditation():
    from stations.accreditation import publish_first_version

    return AssessmentFactory(township=fanshan(), checklist=publish_first_version())


def _fanshan_team() -> RescueTeam:
    count = RescueTeam.objects.count()
    return RescueTeam.objects.create(name=f"矾山队{count}", kind=RescueTeam.Kind.TOWNSHIP_RESCUE, region=fanshan())


def _fanshan_tip_with_photo() -> Tip:
    from django.core.files.base import ContentFile

    return TipFactory(
        township=fanshan(), photo=ContentFile(b"\xff\xd8\xff test", name="tip.jpg"), photo_type="image/jpeg"
    )


# Where an endpoint serves only some rows of its model, the record to try for that URL name.
OUT_OF_SCOPE_BY_URL = {
    "hazards3030:tip-photo": lambda: _fanshan_tip_with_photo(),
    "plan:township": fanshan,  # township pages show townships, not villages
    "stations:linkage-document": lambda: _fanshan_agreement_with_document(),
    # /api/v1/accreditations/ serves the stations' kind of assessment only.
    **{
        f"accreditation-{name}": lambda: _fanshan_accreditation()
        for name in ("list", "detail", "evidence", "submit", "verify", "send-back")
    },
}
