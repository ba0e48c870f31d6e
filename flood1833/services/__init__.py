"""Every write of the flood response goes through here: pages, the API, imports and jobs alike.

One module per part of the response: who may do what (``access``), events and the 633 stages
(``events``), the transfer lists (``lists``), transfers (``transfers``), the 1833 duty rosters
and roll calls (``duty``), incident reports (``incidents``) and material reserves (``reserves``).
Callers use the names below: ``services.confirm_transfer(...)``.
"""

from flood1833.services.access import (
    can_command,
    can_confirm,
    can_manage_lists,
    can_see_id_numbers,
    responsible_choices,
)
from flood1833.services.duty import answer_roll_call, flag_unanswered_roll_calls, save_duty_shift, send_roll_call
from flood1833.services.events import (
    change_stage,
    complete_task,
    create_event,
    end_event,
    move_stage_by_kind,
    open_matrix_tasks,
    open_transfers,
    open_transfers_for,
)
from flood1833.services.incidents import add_incident_update, flag_overdue_incident_reports, save_incident
from flood1833.services.lists import save_person, save_shelter, save_zone
from flood1833.services.reserves import save_depot, save_depot_item
from flood1833.services.transfers import (
    RANK,
    SAFE_STATUSES,
    confirm_transfer,
    correct_transfer,
    next_statuses,
    undo_window,
)

__all__ = [
    "RANK",
    "SAFE_STATUSES",
    "add_incident_update",
    "answer_roll_call",
    "can_command",
    "can_confirm",
    "can_manage_lists",
    "can_see_id_numbers",
    "change_stage",
    "complete_task",
    "confirm_transfer",
    "correct_transfer",
    "create_event",
    "end_event",
    "flag_overdue_incident_reports",
    "flag_unanswered_roll_calls",
    "move_stage_by_kind",
    "next_statuses",
    "open_matrix_tasks",
    "open_transfers",
    "open_transfers_for",
    "responsible_choices",
    "save_depot",
    "save_depot_item",
    "save_duty_shift",
    "save_incident",
    "save_person",
    "save_shelter",
    "save_zone",
    "send_roll_call",
    "undo_window",
]
