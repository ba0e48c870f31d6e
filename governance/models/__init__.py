"""“1+9+N”统筹推进 (M3), 多元共治 (M4) and 社会化服务机构 (M5)."""

from governance.models.agencies import Agency, AgencyAssessment, AgencyGrade, ExpertVisit, Half, ServiceLog, half_of
from governance.models.alliances import Alliance, AllianceActivity, CompliancePilot
from governance.models.committees import Committee, Meeting, SupervisionTask, TaskProgress, TaskReminder
from governance.models.evidence import FollowUpEvidence, TaskEvidence
from governance.models.interviews import Interview, InterviewFollowUp, InterviewProposal, UnitKind

__all__ = [
    "Agency",
    "AgencyAssessment",
    "AgencyGrade",
    "Alliance",
    "AllianceActivity",
    "Committee",
    "CompliancePilot",
    "ExpertVisit",
    "FollowUpEvidence",
    "Half",
    "Interview",
    "InterviewFollowUp",
    "InterviewProposal",
    "Meeting",
    "ServiceLog",
    "SupervisionTask",
    "TaskEvidence",
    "TaskProgress",
    "TaskReminder",
    "UnitKind",
    "half_of",
]
