"""The pages: lists with filters and export, the station page, forms through the services, and
query counts that stay flat with 3 rows and 30."""

from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from org.models import Region
from stations import accreditation
from stations.models import EntrustedCase, Grid, GridWorker, LinkageAgreement, RescueTeam, Station, TeamEvaluation
from tests.factories import VillageFactory, county, township

pytestmark = pytest.mark.django_db
TOWNSHIPS = ["灵溪镇", "矾山镇", "钱库镇", "马站镇", "金乡镇", "宜山镇"]


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def add_rows(start: int, count: int) -> None:
    """Stations, villages with grids and workers, teams with evaluations and cases, spread over townships."""
    for index in range(start, start + count):
        name = TOWNSHIPS[index % len(TOWNSHIPS)]
        area = township(name)
        if index < len(TOWNSHIPS):
            Station.objects.create(township=area, name=f"{name}站", status="built", built_on="2023-01-01",
                                   lat=Decimal("27.5"), lng=Decimal("120.4"))  # fmt: skip
            Region.objects.filter(pk=area.pk).update(lat=Decimal("27.5"), lng=Decimal("120.4"))
        place = VillageFactory(name=f"计数{index}村", parent=area, lat=Decimal("27.51"), lng=Decimal("120.4"))
        grid = Grid.objects.create(village=place, name=f"{index}号网格", covers_safety=True)
        GridWorker.objects.create(grid=grid, name=f"网格员{index}", phone="1390000")
        team = RescueTeam.objects.create(name=f"计数队{index}", kind="township_rescue", region=area, lat=Decimal("27.5"),
                                         lng=Decimal("120.41"))  # fmt: skip
        TeamEvaluation.objects.create(team=team, specialty="water", level=2, assessed_on=date(2024, 1, index % 28 + 1))
        EntrustedCase.objects.create(township=area, decided_on=date(2024, 5, 1), case_type="安全生产", entrusted=True)


PAGES = ["stations:stations", "stations:grids", "stations:teams", "stations:cases", "stations:circles"]


@pytest.mark.parametrize("name", PAGES)
def test_lists_cost_the_same_queries_with_three_rows_and_thirty(name, county_admin):
    client = login(county_admin)
    add_rows(0, 3)
    client.get(reverse(name))  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(name)).status_code == 200
    add_rows(3, 27)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse(name))
    assert response.status_code == 200
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]


def test_the_station_page_costs_the_same_with_more_grids_teams_and_evidence(county_admin, lingxi_staff):
    from tests.stations.test_accreditation import begin, fill_and_submit

    client = login(county_admin)
    add_rows(0, 6)
    station = Station.objects.get(township__name="灵溪镇")
    fill_and_submit(lingxi_staff, begin(lingxi_staff))
    client.get(station.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(station.get_absolute_url())
    add_rows(6, 30)
    with CaptureQueriesContext(connection) as many:
        response = client.get(station.get_absolute_url())
    assert len(many) == len(few)
    body = response.content.decode()
    assert "待核验" in body and "计数30村" in body and "计数队30" in body and "photo" in body


def test_the_station_page_shows_status_circle_coverage_and_offers_self_assessment(lingxi_staff):
    Region.objects.filter(pk=township("灵溪镇").pk).update(lat=Decimal("27.5"), lng=Decimal("120.4"))
    station = Station.objects.create(township=township("灵溪镇"), name="灵溪站", status="built", built_on="2023-01-01",
                                     lat=Decimal("27.5"), lng=Decimal("120.4"))  # fmt: skip
    VillageFactory(name="近村", lat=Decimal("27.55"), lng=Decimal("120.4"))
    VillageFactory(name="远村", lat=Decimal("27.57"), lng=Decimal("120.4"))
    accreditation.publish_first_version()
    client = login(lingxi_staff)
    body = client.get(station.get_absolute_url()).content.decode()
    assert "已建成" in body and "在救援圈时限内:2 / 3" in body and "按现行评分细则自评" in body
    response = client.post(reverse("stations:station-accredit", args=[station.pk]))
    assessment = accreditation.assessments_of(lingxi_staff).get()
    assert response.status_code == 302 and response["Location"] == assessment.get_absolute_url()
    assert client.get(assessment.get_absolute_url()).status_code == 200


def test_a_township_registers_its_station_through_the_form_and_the_rule_is_shown(lingxi_staff):
    client = login(lingxi_staff)
    data = {"township": township("灵溪镇").pk, "name": "灵溪镇应急消防管理站", "status": "built", "staff_count": 6,
            "fire_team_members": 0}  # fmt: skip
    response = client.post(reverse("stations:station-new"), data)
    assert response.status_code == 200 and "已建成的管理站须填写建成日期" in response.content.decode()
    response = client.post(reverse("stations:station-new"), {**data, "built_on": "2024-05-03"})
    assert response.status_code == 302
    assert Station.objects.get().built_on == date(2024, 5, 3)


def test_a_township_cannot_pick_another_township_for_its_station(lingxi_staff):
    data = {"township": township("矾山镇").pk, "name": "矾山站", "status": "planned", "staff_count": 0,
            "fire_team_members": 0}  # fmt: skip
    response = login(lingxi_staff).post(reverse("stations:station-new"), data)
    assert response.status_code == 200 and not Station.objects.exists()


def test_only_the_county_records_evaluations_and_agreements(county_admin, lingxi_staff):
    team = RescueTeam.objects.create(name="灵溪队", kind="township_rescue", region=township("灵溪镇"))
    data = {"specialty": "water", "level": 2, "assessed_on": "2024-05-01", "valid_until": "2027-05-01"}
    login(lingxi_staff).post(reverse("stations:team", args=[team.pk]), data)
    assert not TeamEvaluation.objects.exists()
    login(county_admin).post(reverse("stations:team", args=[team.pk]), data)
    assert TeamEvaluation.objects.get().level == 2
    assert login(lingxi_staff).get(reverse("stations:linkage-new")).status_code == 403


def test_the_county_registers_an_agreement_with_its_document(county_admin, lingxi_staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = SimpleUploadedFile("协议.pdf", b"%PDF-1.4 agreement", content_type="application/pdf")
    response = login(county_admin).post(
        reverse("stations:linkage-new"),
        {
            "partner": "福鼎市",
            "title": "跨区域应急联动合作协议",
            "signed_on": "2024-04-18",
            "scope": "互援",
            "document": document,
        },
    )
    assert response.status_code == 302, response.content.decode()
    agreement = LinkageAgreement.objects.get()
    assert agreement.region == county() and agreement.document_name == "协议.pdf"
    assert agreement.document.name.endswith(".pdf") and "协议" not in agreement.document.name
    served = login(lingxi_staff).get(reverse("stations:linkage-document", args=[agreement.pk]))
    assert served.status_code == 200 and b"".join(served.streaming_content) == b"%PDF-1.4 agreement"
    refused = login(county_admin).post(
        reverse("stations:linkage-new"),
        {"partner": "福鼎市", "title": "x", "document": SimpleUploadedFile("a.pdf", b"MZ not a pdf")},
    )
    assert refused.status_code == 200 and "不是允许的类型" in refused.content.decode()


def test_the_team_list_warns_of_evaluations_running_out_within_60_days(county_admin):
    from django.utils import timezone

    today = timezone.localdate()
    team = RescueTeam.objects.create(name="社会一队", kind="social", region=county())
    TeamEvaluation.objects.create(team=team, specialty="water", level=1, assessed_on=date(2021, 1, 1),
                                  valid_until=today.replace(day=1) + (date(2024, 2, 15) - date(2024, 1, 1)))  # fmt: skip
    body = login(county_admin).get(reverse("stations:teams")).content.decode()
    assert "60天内到期" in body


def test_the_station_list_exports_the_filtered_rows(county_admin):
    add_rows(0, 6)
    Station.objects.filter(township__name="矾山镇").update(status="building", built_on=None)
    response = login(county_admin).get(reverse("stations:stations") + "?status=built&export=xlsx")
    sheet = openpyxl.load_workbook(__import__("io").BytesIO(b"".join(response.streaming_content))).active
    names = [row[1] for row in sheet.iter_rows(values_only=True) if row and row[1] and str(row[1]).endswith("站")]
    assert len(names) == 5 and "矾山镇站" not in names


def test_the_import_pages_preview_then_take_the_sample_sheets_and_show_every_error(lingxi_staff, county_admin):
    from tests.stations.conftest import sample

    def import_page(client, kind, upload):
        preview = client.post(reverse(f"stations:import-{kind}"), {"file": upload})
        if preview.context.get("token") is None:
            return preview
        return client.post(reverse(f"stations:import-{kind}"), {"confirm": preview.context["token"]})

    township_client = login(lingxi_staff)
    response = import_page(township_client, "villages", sample("village-register-sample.xlsx"))
    assert response.status_code == 302 and Region.objects.filter(name__startswith="灵溪示例").count() == 8
    bad = import_page(township_client, "grids", sample("grid-ledger-sample.xlsx", F5="半"))
    assert bad.status_code == 200 and "安全生产" in bad.content.decode() and not Grid.objects.exists()
    response = import_page(login(county_admin), "stations", sample("station-ledger-sample.xlsx"))
    assert response.status_code == 302 and Station.objects.count() == 18
    template = login(county_admin).get(reverse("stations:import-template-teams"))
    header = [c.value for c in openpyxl.load_workbook(__import__("io").BytesIO(template.content)).active[3]]
    assert header[:3] == ["队伍名称", "队伍类别", "所属乡镇"]
