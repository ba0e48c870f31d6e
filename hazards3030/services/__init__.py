"""Every write of the 3030 loop goes through here: pages, the API, imports and jobs alike.

One module per part: the hazards and their loop, 督办 and accidents (``hazards``), public
tip-offs and their QR points (``tips``), and internal-report rewards (``rewards``). Callers use
the names below (``services.file_hazard(...)``) and the other two modules by name
(``services.tips.submit_tip(...)``).
"""

from hazards3030.services import rewards, tips
from hazards3030.services.hazards import (
    FILING_ROLES,
    SUPERVISION_ACCEPTANCE_DAYS,
    accept_hazard,
    allowed_actions,
    assign_hazard,
    can_file,
    can_list,
    can_verify,
    file_hazard,
    list_hazard,
    mark_overdue_hazards,
    reject_hazard,
    save_accident,
    start_rectification,
    submit_rectification,
    update_hazard,
)

__all__ = [
    "FILING_ROLES",
    "SUPERVISION_ACCEPTANCE_DAYS",
    "accept_hazard",
    "allowed_actions",
    "assign_hazard",
    "can_file",
    "can_list",
    "can_verify",
    "file_hazard",
    "list_hazard",
    "mark_overdue_hazards",
    "reject_hazard",
    "rewards",
    "save_accident",
    "start_rectification",
    "submit_rectification",
    "tips",
    "update_hazard",
]
