"""Issue 11, item 10: no-store answers for signed-in users, the API schema behind a login, and
seed_demo refusing to run with DEBUG off unless forced."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from org.models import User
from tests.conftest import api_as

pytestmark = pytest.mark.django_db


def test_answers_to_a_signed_in_user_are_not_stored(client, lingxi_staff):
    assert "no-store" in api_as(lingxi_staff).get(reverse("person-list"))["Cache-Control"]
    client.force_login(lingxi_staff)
    assert "no-store" in client.get(reverse("flood1833:people"))["Cache-Control"]


def test_the_api_schema_and_docs_need_a_login(client, lingxi_staff):
    assert client.get("/api/schema/").status_code in (401, 403)
    assert client.get("/api/docs/").status_code == 302
    client.force_login(lingxi_staff)
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200


def test_seed_demo_refuses_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo", stdout=StringIO())
    assert not User.objects.exists()
    err = StringIO()
    call_command("seed_demo", "--force", stdout=StringIO(), stderr=err)
    assert "公开" in err.getvalue() and User.objects.exists()
