import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from org.models import Region
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_deploy_check_passes_with_production_settings():
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "yingji.cangnan.gov.cn",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"} | {"DJANGO_DEBUG": "0"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "DJANGO_SECRET_KEY" in result.stderr


def test_pages_carry_security_headers(client):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_a_login_is_locked_after_repeated_failures(client, password):
    user = UserFactory(username="locked_user")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": user.username, "password": "wrong"})
    response = client.post(reverse("login"), {"username": user.username, "password": password})
    assert response.status_code == 429
    assert "登录已锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_per_user_and_address(client, password):
    locked = UserFactory(username="locked_user")
    other = UserFactory(username="other_user")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": locked.username, "password": "wrong"})
    response = client.post(reverse("login"), {"username": other.username, "password": password})
    assert response.status_code == 302


def test_behind_the_proxy_the_lockout_counts_each_person_s_own_address(client, password, settings):
    """Behind nginx every login comes from nginx's address: the failures are counted against the
    address nginx saw (X-Forwarded-For, from the right), so a colleague signing in to the same
    account from elsewhere is not locked out, and a made-up header is never a 500."""
    settings.TRUSTED_PROXY_COUNT = 1
    user = UserFactory(username="shared_user")
    nginx = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"),
            {"username": user.username, "password": "wrong"},
            HTTP_X_FORWARDED_FOR="203.0.113.7",
            **nginx,
        )
    mistyped = client.post(
        reverse("login"), {"username": user.username, "password": password}, HTTP_X_FORWARDED_FOR="203.0.113.7", **nginx
    )
    assert mistyped.status_code == 429
    colleague = client.post(
        reverse("login"),
        {"username": user.username, "password": password},
        HTTP_X_FORWARDED_FOR="198.51.100.9",
        **nginx,
    )
    assert colleague.status_code == 302
    client.logout()
    odd = client.post(
        reverse("login"),
        {"username": user.username, "password": "wrong"},
        HTTP_X_FORWARDED_FOR="not-an-address",
        **nginx,
    )
    assert odd.status_code == 200


def test_the_token_endpoint_is_locked_too(api, password):
    user = UserFactory(username="api_locked")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        api.post(reverse("api-token"), {"username": user.username, "password": "wrong"})
    response = api.post(reverse("api-token"), {"username": user.username, "password": password})
    assert response.status_code == 429
    assert "token" not in response.json() and "锁定" in response.json()["detail"]


def test_sessions_expire():
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_every_change_is_kept_with_who_and_when(client, county_admin):
    client.force_login(county_admin)
    region = Region.objects.get(name="灵溪镇")
    change_url = reverse("admin:org_region_change", args=[region.pk])
    form = {"name": "灵溪镇", "level": region.level, "code": "330327100000", "sort_order": 1}
    assert client.post(change_url, form).status_code == 302
    latest = region.history.latest()
    assert latest.history_user == county_admin
    assert latest.code == "330327100000"
    assert latest.prev_record.code == ""
    history = client.get(reverse("admin:org_region_history", args=[region.pk]))
    assert history.status_code == 200 and county_admin.username in history.content.decode()
