"""Every write of the campaigns app: pages, the API, imports and demo data call these."""

from campaigns.services.access import can_file
from campaigns.services.activities import DEFAULT_KINDS, ensure_default_kinds, save_activity
from campaigns.services.library import count_scan, save_resource
from campaigns.services.places import record_coverage, save_place
from campaigns.services.teams import save_member, save_site
from campaigns.services.videos import save_video

__all__ = [
    "DEFAULT_KINDS",
    "can_file",
    "count_scan",
    "ensure_default_kinds",
    "record_coverage",
    "save_activity",
    "save_member",
    "save_place",
    "save_resource",
    "save_site",
    "save_video",
]
