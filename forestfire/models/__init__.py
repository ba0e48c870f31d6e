"""Forest fire prevention (A6): satellite hotspots and their 1-hour clock, forest fires and the
one-hour suppression circle, fire-source checks and the 三张清单 of forest fire risks."""

from forestfire.models.fires import ForestFire
from forestfire.models.hotspots import Hotspot, HotspotNotice, HotspotPhoto, HotspotQuerySet, HotspotResult
from forestfire.models.sources import FireSourceCheck, ForestRisk, ForestRiskQuerySet
from forestfire.models.standardization import ForestTownshipAssessment

__all__ = [
    "FireSourceCheck",
    "ForestFire",
    "ForestRisk",
    "ForestRiskQuerySet",
    "ForestTownshipAssessment",
    "Hotspot",
    "HotspotNotice",
    "HotspotPhoto",
    "HotspotQuerySet",
    "HotspotResult",
]
