"""Every write of governance: pages, the API, imports and jobs call these."""

from governance.services.agencies import (
    assess_agency,
    blacklist_agency,
    exit_agency,
    grade_agency,
    log_service,
    record_expert_visit,
    save_agency,
)
from governance.services.alliances import record_activity, save_alliance, save_pilot
from governance.services.committees import (
    assign_task,
    complete_task,
    record_meeting,
    remind_due_tasks,
    report_progress,
    save_committee,
    update_task,
)
from governance.services.interviews import (
    close_interview,
    confirm_proposal,
    dismiss_proposal,
    follow_up_interview,
    propose_interviews,
    register_interview,
    update_interview,
)
from governance.services.rules import can_keep_registers, can_record_services, can_report_on, is_county_admin

__all__ = [
    "assess_agency",
    "assign_task",
    "blacklist_agency",
    "can_keep_registers",
    "can_record_services",
    "can_report_on",
    "close_interview",
    "complete_task",
    "confirm_proposal",
    "dismiss_proposal",
    "exit_agency",
    "follow_up_interview",
    "grade_agency",
    "is_county_admin",
    "log_service",
    "propose_interviews",
    "record_activity",
    "record_expert_visit",
    "record_meeting",
    "register_interview",
    "remind_due_tasks",
    "report_progress",
    "save_agency",
    "save_alliance",
    "save_committee",
    "save_pilot",
    "update_interview",
    "update_task",
]
