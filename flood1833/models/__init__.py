"""Typhoon and flood response (A2 + M2): events, the 633 matrix, the transfer closed loop (转移闭环),
the 1833 joint command's duty rosters and roll calls, incident reports, and material reserves."""

from flood1833.models.command import DutyShift, RollCall, RollCallAnswer
from flood1833.models.events import MatrixTask, MatrixTaskQuerySet, ResponseEvent, StageChange
from flood1833.models.incidents import CLOCKED_LEVELS, Incident, IncidentLevel, IncidentNotice, IncidentUpdate
from flood1833.models.reserves import Depot, DepotItem
from flood1833.models.transfers import (
    DEFAULT_MOVE_STAGE,
    DEFAULT_MOVE_STAGE_WITHOUT_ZONE,
    DangerZone,
    Shelter,
    Transfer,
    TransferPerson,
    TransferQuerySet,
    TransferStep,
    TransferTally,
    ZoneKind,
    ZoneRule,
    mask_id_number,
)

__all__ = [
    "CLOCKED_LEVELS",
    "DEFAULT_MOVE_STAGE",
    "DEFAULT_MOVE_STAGE_WITHOUT_ZONE",
    "DangerZone",
    "Depot",
    "DepotItem",
    "DutyShift",
    "Incident",
    "IncidentLevel",
    "IncidentNotice",
    "IncidentUpdate",
    "MatrixTask",
    "MatrixTaskQuerySet",
    "ResponseEvent",
    "RollCall",
    "RollCallAnswer",
    "Shelter",
    "StageChange",
    "Transfer",
    "TransferPerson",
    "TransferQuerySet",
    "TransferStep",
    "TransferTally",
    "ZoneKind",
    "ZoneRule",
    "mask_id_number",
]
