"""org.changes.already_read: which foreign keys full_clean may skip looking up again."""

import pytest

from hazards3030.models import Hazard
from org.changes import already_read
from org.models import Enterprise, Region
from tests.factories import EnterpriseFactory, township, village

pytestmark = pytest.mark.django_db


def test_rows_read_from_the_database_and_within_the_fields_limits_are_held(lingxi_staff):
    unit = EnterpriseFactory()
    hazard = Hazard(township=township("灵溪镇"), enterprise=unit, created_by=lingxi_staff)
    assert already_read(hazard, "township", "enterprise", "department", "created_by") == [
        "township",
        "enterprise",
        "created_by",
    ]


def test_a_row_outside_the_fields_limits_an_unsaved_row_or_a_bare_id_is_still_checked():
    outside = Hazard(township=village("测试一村"))  # township is limited to 乡镇
    unsaved = Enterprise(township=Region(name="新乡镇", level=Region.Level.TOWNSHIP))
    by_id = Hazard(township_id=township("灵溪镇").pk)
    assert already_read(outside, "township") == []
    assert already_read(unsaved, "township") == []
    assert already_read(by_id, "township") == []
