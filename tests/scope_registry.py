"""For each regional model: how to make one record that 灵溪镇 staff must not see.

tests/test_scope_urls.py walks the URL conf and uses this table for every scoped endpoint it
finds. A new regional model exposed by a page or the API must be added here, or that test fails.
"""

from hazards3030.models import Accident, Batch3030, Enterprise, Hazard, HazardAttachment
from org.models import Region
from plan.models import IndicatorValue
from tests.factories import (
    AccidentFactory,
    Batch3030Factory,
    EnterpriseFactory,
    HazardAttachmentFactory,
    HazardFactory,
    IndicatorValueFactory,
    VillageFactory,
    township,
)


def fanshan() -> Region:
    return township("矾山镇")


OUT_OF_SCOPE = {
    Region: lambda: VillageFactory(parent=fanshan()),
    Enterprise: lambda: EnterpriseFactory(township=fanshan()),
    Hazard: lambda: HazardFactory(township=fanshan()),
    HazardAttachment: lambda: HazardAttachmentFactory(hazard=HazardFactory(township=fanshan())),
    Accident: lambda: AccidentFactory(township=fanshan()),
    Batch3030: lambda: Batch3030Factory(region=fanshan()),
    IndicatorValue: lambda: IndicatorValueFactory(region=fanshan()),
}

# Where an endpoint serves only some rows of its model, the record to try for that URL name.
OUT_OF_SCOPE_BY_URL = {
    "plan:township": fanshan,  # township pages show townships, not villages
}
