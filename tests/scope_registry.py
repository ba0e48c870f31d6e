"""For each regional model: how to make one record that 灵溪镇 staff must not see.

tests/test_scope_urls.py walks the URL conf and uses this table for every scoped endpoint it
finds. A new regional model exposed by a page or the API must be added here, or that test fails.
"""

from org.models import Region
from tests.factories import VillageFactory, township


def region_outside_lingxi() -> Region:
    return VillageFactory(parent=township("矾山镇"))


OUT_OF_SCOPE = {
    Region: region_outside_lingxi,
}
