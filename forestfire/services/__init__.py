"""Every write of forest fire prevention (A6): pages, the API, imports and jobs call these."""

from forestfire.services.access import can_keep_records, can_receive_hotspots, can_verify_hotspots
from forestfire.services.fires import save_fire
from forestfire.services.hotspots import (
    flag_overdue_hotspots,
    mark_notices_read,
    receive_hotspot,
    record_arrival,
    save_hotspot,
    verify_hotspot,
)
from forestfire.services.sources import complete_risk, save_check, save_risk

__all__ = [
    "can_keep_records",
    "can_receive_hotspots",
    "can_verify_hotspots",
    "complete_risk",
    "flag_overdue_hotspots",
    "mark_notices_read",
    "receive_hotspot",
    "record_arrival",
    "save_check",
    "save_fire",
    "save_hotspot",
    "save_risk",
    "verify_hotspot",
]
