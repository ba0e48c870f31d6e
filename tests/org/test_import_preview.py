"""Issue 11, item 2: every import can run as a dry run (API ``?dry_run=1``; on the page a preview
of the changes, then 确认导入)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from flood1833.models import TransferPerson
from hazards3030.models import Hazard
from tests.factories import TransferPersonFactory, credit_code, id_number, village
from tests.org.sheets import post_sheet, sheet

pytestmark = pytest.mark.django_db

HAZARD = ["乡镇", "企业名称", "统一社会信用代码", "隐患描述", "隐患等级", "发现日期", "整改期限"]
ROWS = [["灵溪镇", "甲厂", credit_code(1), "通道堵塞", "一般", "2024-05-03", "2024-05-18"]]


def test_the_api_dry_run_answers_what_would_happen_and_saves_nothing(lingxi_staff):
    response = post_sheet(lingxi_staff, "hazard", HAZARD, ROWS, query="?dry_run=1")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["dry_run"] is True and body["created"] == 1 and body["rows"][0]["outcome"] == "created"
    assert not Hazard.objects.exists()
    assert post_sheet(lingxi_staff, "hazard", HAZARD, ROWS).json()["dry_run"] is False
    assert Hazard.objects.count() == 1


def test_a_dry_run_reports_the_changes_of_a_known_person(lingxi_staff):
    known = TransferPersonFactory(name="陈一", id_number=id_number(1), village=village("测试一村"), phone="")
    header = ["姓名", "身份证号", "村(社区)", "联系电话"]
    body = post_sheet(lingxi_staff, "person", header, [["陈一", id_number(1), "测试一村", "13800000001"]], "?dry_run=1")
    assert body.json()["rows"][0]["changes"] == [{"column": "联系电话", "old": "", "new": "13800000001"}]
    known.refresh_from_db()
    assert known.phone == ""


def test_the_page_previews_then_imports_on_confirmation(client, lingxi_staff):
    client.force_login(lingxi_staff)
    url = reverse("hazards3030:import")
    page = client.post(url, {"file": sheet(HAZARD, ROWS)})
    assert page.status_code == 200 and not Hazard.objects.exists()
    html = page.content.decode()
    assert "预览" in html and "确认导入" in html and "通道堵塞" in html
    token = page.context["token"]
    kept = list(Path(settings.LEDGER_PREVIEW_DIR).glob(f"*{token}*"))
    assert len(kept) == 1 and str(lingxi_staff.pk) in kept[0].name
    assert token not in str(dict(client.session))
    confirmed = client.post(url, {"confirm": token})
    assert confirmed.status_code == 302 and Hazard.objects.count() == 1
    assert not kept[0].exists()
    again = client.post(url, {"confirm": token}, follow=True)  # used once; a replay imports nothing
    assert "预览已过期" in again.content.decode() and Hazard.objects.count() == 1


def test_another_users_token_confirms_nothing(client, lingxi_staff, county_admin):
    client.force_login(lingxi_staff)
    village("测试一村")
    page = client.post(
        reverse("flood1833:import-people"),
        {"file": sheet(["姓名", "身份证号", "村(社区)"], [["陈一", id_number(1), "测试一村"]])},
    )
    token = page.context["token"]
    client.logout()
    client.force_login(county_admin)
    client.post(reverse("flood1833:import-people"), {"confirm": token})
    assert not TransferPerson.objects.exists()
