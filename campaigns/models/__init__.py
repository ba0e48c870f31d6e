"""安全宣传活动、“五进”、警示教育视频、公共场所与二维码资料库 (A5)."""

from campaigns.models.activities import Activity, ActivityKind, ActivityPhoto, FiveInto
from campaigns.models.library import Resource, ResourceScan
from campaigns.models.places import PlaceCoverage, PublicPlace
from campaigns.models.teams import ServiceTeamMember, Site
from campaigns.models.videos import Video

__all__ = [
    "Activity",
    "ActivityKind",
    "ActivityPhoto",
    "FiveInto",
    "PlaceCoverage",
    "PublicPlace",
    "Resource",
    "ResourceScan",
    "ServiceTeamMember",
    "Site",
    "Video",
]
