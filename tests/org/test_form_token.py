"""A double-clicked page form saves once: every service form carries a one-time token."""

import re

import pytest
from django.urls import reverse

from flood1833.models import Shelter
from tests.factories import township

pytestmark = pytest.mark.django_db


def shelter_form(token: str, **changes) -> dict:
    data = {"name": "灵溪一小", "township": township("灵溪镇").pk, "village": "", "capacity": "120"}
    return {**data, "manager_name": "张校长", "manager_phone": "13800000002", "form_token": token, **changes}


def token_on(page: str) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', page)[1]


def test_the_same_form_sent_twice_saves_once(client, lingxi_staff):
    client.force_login(lingxi_staff)
    url = reverse("flood1833:shelter-new")
    token = token_on(client.get(url).content.decode())
    first = client.post(url, shelter_form(token))
    second = client.post(url, shelter_form(token))
    assert first.status_code == second.status_code == 302 and first.url == second.url
    assert Shelter.objects.filter(name="灵溪一小").count() == 1
    # A new page is a new form: it saves (here a second shelter of another name).
    fresh = token_on(client.get(url).content.decode())
    assert fresh != token
    assert client.post(url, shelter_form(fresh, name="灵溪二小")).status_code == 302
    assert Shelter.objects.filter(name__startswith="灵溪").count() == 2


def test_a_refused_form_can_be_corrected_and_sent_again(client, lingxi_staff):
    client.force_login(lingxi_staff)
    url = reverse("flood1833:shelter-new")
    token = token_on(client.get(url).content.decode())
    refused = client.post(url, shelter_form(token, manager_phone="123"))
    assert refused.status_code == 200 and token_on(refused.content.decode()) == token
    assert client.post(url, shelter_form(token)).status_code == 302
    assert Shelter.objects.filter(name="灵溪一小").count() == 1


def test_the_token_belongs_to_its_user(client, lingxi_staff, county_admin):
    url = reverse("flood1833:shelter-new")
    client.force_login(lingxi_staff)
    token = token_on(client.get(url).content.decode())
    assert client.post(url, shelter_form(token)).status_code == 302
    client.force_login(county_admin)
    assert client.post(url, shelter_form(token, name="县里登记")).status_code == 302
    assert Shelter.objects.filter(name="县里登记").count() == 1


def test_a_form_in_progress_is_not_saved_again(client, lingxi_staff, settings, monkeypatch):
    from org import views

    monkeypatch.setattr(views, "FORM_TOKEN_WAIT", 0.2)
    client.force_login(lingxi_staff)
    url = reverse("flood1833:shelter-new")
    token = token_on(client.get(url).content.decode())
    views.cache.add(views._token_key(lingxi_staff, token), "", 60)  # the first click still saving
    response = client.post(url, shelter_form(token))
    assert response.status_code == 200 and "正在保存" in response.content.decode()
    assert not Shelter.objects.filter(name="灵溪一小").exists()
