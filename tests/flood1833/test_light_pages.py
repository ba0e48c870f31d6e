"""Light pages on a slow line, and each role's landing page with the typhoon banner."""

import pytest
from django.urls import reverse

from flood1833 import services
from flood1833.models import Transfer
from org.models import User
from tests.factories import PASSWORD, DangerZoneFactory, ShelterFactory, TransferPersonFactory, UserFactory, village

pytestmark = pytest.mark.django_db

FIELD = reverse("flood1833:field")


@pytest.fixture
def village_of_sixty(typhoon):
    shelters = ShelterFactory.create_batch(6)
    zones = [DangerZoneFactory(shelter=shelters[i % 6]) for i in range(4)]
    for n in range(60):
        TransferPersonFactory(
            name=f"陈{n % 20:02d}", phone=f"1380000{n:04d}", zone=zones[n % 4], elderly=n % 3 == 0, child=n % 7 == 0
        )
    return typhoon(stage=3)


def test_the_field_page_with_its_first_50_people_is_within_30_kb_compressed(client, cadre, village_of_sixty):
    client.force_login(cadre)
    response = client.get(FIELD, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert len(response.content) <= 30 * 1024, len(response.content)
    plain = client.get(FIELD).content.decode()
    assert plain.count('class="person') == 50


def test_a_card_tells_people_of_the_same_name_apart_and_defaults_to_the_zone_s_shelter(client, cadre, village_of_sixty):
    client.force_login(cadre)
    transfer = Transfer.objects.filter(event=village_of_sixty).select_related("person__zone").first()
    person = transfer.person
    html = client.get(FIELD, {"name": person.name}).content.decode()
    card = html[html.index(f'id="transfer-{transfer.pk}"') :]
    card = card[: card.index("</li>")]
    assert '<span class="idtail"' in card and person.id_number[-4:] in card
    assert person.zone.name in card and f'href="tel:{person.phone}"' in card
    assert f'<option value="{person.zone.shelter_id}" selected>' in card
    assert person.age_band and person.age_band in card
    assert '已转移 <strong id="field-safe">0</strong> / <span id="field-total">60</span>' in html


def test_done_people_collapse_and_the_header_counts_them(client, cadre, village_of_sixty):
    client.force_login(cadre)
    moved = Transfer.objects.filter(event=village_of_sixty).order_by("pk")[:2]
    for transfer in moved:
        services.confirm_transfer(transfer=transfer, actor=cadre, status="moved")
    html = client.get(FIELD).content.decode()
    assert html.count('class="person done"') == 2 and html.count('<details class="more">') == 2
    assert '<strong id="field-safe">2</strong> / <span id="field-total">60</span>' in html


def test_json_is_compressed_too(client, county_admin, village_of_sixty):
    client.force_login(county_admin)
    response = client.get(reverse("flood1833:live-data"), HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"


def test_the_service_worker_is_served_from_the_field_page_s_path(client):
    response = client.get(reverse("flood1833:field-sw"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == FIELD and "flood-field.js" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "region", "open_event", "lands_on"),
    [
        (User.Role.VILLAGE_CADRE, "测试一村", False, "flood1833:field"),
        (User.Role.TOWNSHIP_STAFF, None, True, "flood1833:tasks"),
        (User.Role.TOWNSHIP_STAFF, None, False, "hazards3030:hazards"),
        (User.Role.COUNTY_ADMIN, None, False, "plan:home"),
    ],
)
def test_each_role_lands_on_its_own_page(client, typhoon, role, region, open_event, lands_on):
    user = UserFactory(role=role, **({"region": village(region)} if region else {}))
    if role == User.Role.COUNTY_ADMIN:
        user.region = village("测试一村").parent.parent
        user.save(update_fields=["region"])
    if open_event:
        typhoon(stage=3)
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == reverse(lands_on)


def test_every_page_shows_the_open_typhoon_and_its_stage(client, cadre, typhoon):
    client.force_login(cadre)
    assert "typhoon-banner" not in client.get(reverse("plan:home"), follow=True).content.decode()
    event = typhoon(stage=3, name="第5号台风")
    for url in (reverse("plan:home"), FIELD, reverse("hazards3030:hazards")):
        html = client.get(url, follow=True).content.decode()
        banner = html[html.index('<div class="typhoon-banner') :]
        banner = banner[: banner.index("</div>")]
        assert "第5号台风" in banner and event.stage.name in banner
