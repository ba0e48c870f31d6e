"""The plan's models: the plan itself, the local mechanisms' settings, monthly snapshots."""

from plan.models.config import (
    CommandGroup,
    Loop3030Rule,
    RescueCircle,
    ResponseLevel,
    ResponseStage,
    ServiceLevel,
    StageMeasure,
)
from plan.models.plan import Action, Focus, Mechanism, PlanPart, Target, TargetQuerySet, WorkPlan
from plan.models.snapshots import (
    IndicatorValue,
    ListingNotice,
    MonthlyWorkbook,
    RankingComponent,
    RankingPublication,
    RankingRow,
    RankingScheme,
    SnapshotRun,
)

__all__ = [
    "Action",
    "CommandGroup",
    "Focus",
    "IndicatorValue",
    "ListingNotice",
    "Loop3030Rule",
    "Mechanism",
    "MonthlyWorkbook",
    "PlanPart",
    "RankingComponent",
    "RankingPublication",
    "RankingRow",
    "RankingScheme",
    "RescueCircle",
    "ResponseLevel",
    "ResponseStage",
    "ServiceLevel",
    "SnapshotRun",
    "StageMeasure",
    "Target",
    "TargetQuerySet",
    "WorkPlan",
]
