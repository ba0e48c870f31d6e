"""A ledger of thousands of rows goes through file_hazard row by row, so what each row costs is
counted: the same statements for every row, none of them reading back what the row just wrote."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hazards3030 import services
from hazards3030.importers import import_hazards
from hazards3030.models import Hazard
from org.models import Enterprise
from tests.factories import EnterpriseFactory, credit_code, township, village
from tests.hazards3030.test_import import ledger, row

pytestmark = pytest.mark.django_db

# A hazard of a registered unit: the row's savepoint and file_hazard's (each opened and released),
# the hazard, its history entry and its first step.
STATEMENTS_PER_ROW = 7


def import_counted(rows, actor) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        result = import_hazards(upload=ledger(rows), actor=actor)
    return result.created, len(queries)


def test_each_row_of_a_registered_unit_costs_the_same_few_statements(lingxi_staff):
    codes = [credit_code(n) for n in range(30)]
    for code in codes:
        EnterpriseFactory(credit_code=code, township=township("灵溪镇"))
    ten = [row(n, 统一社会信用代码=codes[n], 隐患描述=f"甲{n}") for n in range(10)]
    thirty = [row(n, 统一社会信用代码=codes[n], 隐患描述=f"乙{n}") for n in range(30)]

    created_ten, cost_ten = import_counted(ten, lingxi_staff)
    created_thirty, cost_thirty = import_counted(thirty, lingxi_staff)

    assert (created_ten, created_thirty) == (10, 30)
    assert cost_thirty - cost_ten == 20 * STATEMENTS_PER_ROW


def test_every_history_entry_of_an_import_says_it_came_from_a_ledger_and_who_imported_it(lingxi_staff):
    first = [row(n, 隐患描述=f"隐患{n}") for n in range(3)]
    import_hazards(upload=ledger(first), actor=lingxi_staff)
    again = [row(0, 隐患描述="隐患0", 整改措施="设置警示标志"), row(3, 隐患描述="隐患3")]
    result = import_hazards(upload=ledger(again), actor=lingxi_staff)

    assert (result.created, result.updated) == (1, 1)
    for model in (Hazard, Enterprise):
        entries = model.history.all()
        assert entries.count() >= 4
        assert set(entries.values_list("history_change_reason", "history_user")) == {("台账导入", lingxi_staff.pk)}
    assert Hazard.history.filter(description="隐患0", history_type="~", measures="设置警示标志").exists()


def test_a_change_made_after_the_import_does_not_say_it_came_from_a_ledger(lingxi_staff):
    import_hazards(upload=ledger([row(1)]), actor=lingxi_staff)
    hazard = Hazard.objects.get()
    hazard.measures = "另行整改"
    hazard.save(update_fields=["measures"])
    assert hazard.history.first().history_change_reason is None


def test_file_hazard_still_refuses_what_the_skipped_checks_would_have(lingxi_staff):
    filing = {"actor": lingxi_staff, "description": "堵塞", "found_on": date(2024, 5, 20)}
    with pytest.raises(ValidationError) as refused:
        services.file_hazard(township=township("灵溪镇"), deadline=date(2024, 5, 18), **filing)
    assert refused.value.message_dict == {"deadline": ["整改期限不能早于发现日期。"]}
    with pytest.raises(ValidationError) as refused:
        services.file_hazard(township=village("测试一村"), deadline=date(2024, 6, 1), **filing)
    assert list(refused.value.message_dict) == ["township"]  # a village is not a township
    assert not Hazard.objects.exists()


def test_the_hazards_constraints_are_the_ones_file_hazard_checks_in_plain_words():
    # file_hazard skips the model's constraint queries because _check_details says the same in
    # plain words; a new constraint needs its check there first, then its name here.
    assert [constraint.name for constraint in Hazard._meta.constraints] == ["hazard_deadline_after_found"]
