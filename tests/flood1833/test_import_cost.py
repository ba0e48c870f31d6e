"""A county's transfer list runs to tens of thousands of people, each saved through save_person:
what a row costs is counted, the same few statements for every row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from flood1833.importers import import_people
from flood1833.models import TransferPerson
from tests.factories import DangerZoneFactory, id_number, village
from tests.flood1833.test_import import workbook

pytestmark = pytest.mark.django_db

# A new person: the row's savepoint, save_person's and save()'s (each opened and released), the
# unique ID number check, the person, their history entry, and whether an ongoing event is due to
# move them now (their village's place and the open events). Their village and danger zone,
# already read for the sheet, are not looked up again.
STATEMENTS_PER_ROW = 11


def import_counted(first: int, count: int, actor) -> tuple[int, int]:
    rows = [[n, f"陈{n}", id_number(n), "", "测试一村", "后山滑坡点", "是", ""] for n in range(first, first + count)]
    with CaptureQueriesContext(connection) as queries:
        result = import_people(upload=workbook(rows), actor=actor)
    return result.created, len(queries)


def test_each_new_person_costs_the_same_few_statements(lingxi_staff):
    village("测试一村")
    DangerZoneFactory(name="后山滑坡点")
    created_ten, cost_ten = import_counted(100, 10, lingxi_staff)
    created_thirty, cost_thirty = import_counted(200, 30, lingxi_staff)
    assert (created_ten, created_thirty) == (10, 30)
    assert cost_thirty - cost_ten == 20 * STATEMENTS_PER_ROW
    assert TransferPerson.history.filter(history_change_reason="台账导入", history_user=lingxi_staff).count() == 40
