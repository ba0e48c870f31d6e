"""Personas and switches shared by the whole suite.

CANGNAN_REQUIRE_ALL=1 (set by .ci/run) turns every skip into a failure, so a missing browser or
service can never pass quietly in CI.

`make test` runs the suite in parallel processes (pytest-xdist). Each has its own test database
(pytest-django adds the worker's name) and, below, its own Redis database, so one process's
workers, queues and cache never see another's.
"""

import os

import pytest
from rest_framework.test import APIClient

from org.models import User
from org.services import create_portal_user
from tests.factories import PASSWORD, UserFactory, county, township

STRICT = os.environ.get("CANGNAN_REQUIRE_ALL") == "1"


def pytest_configure(config):
    """Under pytest-xdist, worker gwN uses Redis database base + N (REDIS_URL names the base)."""
    from django.conf import settings

    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not (settings.REDIS_URL and worker.startswith("gw")):
        return
    from urllib.parse import urlsplit, urlunsplit

    from django.test import override_settings

    from cangnan_yingji.celery import app

    url = urlsplit(settings.REDIS_URL)
    base = int(url.path.strip("/") or 0)
    redis_url = urlunsplit(url._replace(path=f"/{base + int(worker[2:])}"))
    override_settings(
        REDIS_URL=redis_url,
        CELERY_BROKER_URL=redis_url,
        CELERY_RESULT_BACKEND=redis_url,
        CACHES={"default": {**settings.CACHES["default"], "LOCATION": redis_url}},
    ).enable()
    app.conf.update(broker_url=redis_url, result_backend=redis_url)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if STRICT and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped while CANGNAN_REQUIRE_ALL=1: {report.longrepr}"


@pytest.fixture
def county_admin(db) -> User:
    return create_portal_user(
        username="t_county_admin", password=PASSWORD, role=User.Role.COUNTY_ADMIN, region=county()
    )


@pytest.fixture
def lingxi_staff(db) -> User:
    """灵溪镇 township staff."""
    return UserFactory(username="t_lingxi", role=User.Role.TOWNSHIP_STAFF, region=township("灵溪镇"))


@pytest.fixture
def fanshan_staff(db) -> User:
    """矾山镇 township staff: the outsider for 灵溪镇's records."""
    return UserFactory(username="t_fanshan", role=User.Role.TOWNSHIP_STAFF, region=township("矾山镇"))


@pytest.fixture
def api():
    return APIClient()


def api_as(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests create a few users each; the production hasher's deliberate slowness (PBKDF2, hundreds
    of thousands of rounds) would be most of the suite's time. Logins still check passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path_factory):
    """Uploaded evidence goes to a throw-away folder, never into var/."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))
    settings.LEDGER_PREVIEW_DIR = str(tmp_path_factory.mktemp("import-previews"))


@pytest.fixture(autouse=True)
def tasks_in_process(request):
    """Tasks run in-process in every test except those that use real workers (``celery_worker``
    or ``real_workers``)."""
    if {"celery_worker", "real_workers"} & set(request.fixturenames):
        yield
        return
    from cangnan_yingji.celery import app

    saved = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager, app.conf.task_eager_propagates = True, True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved


@pytest.fixture
def fresh_limits():
    """The public pages' request counters (org.ratelimit) live in the cache: a test that counts
    requests starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def real_workers(settings):
    """For tests that start and kill their own workers (tests/workers.py): tasks go to Redis."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        pytest.skip("needs Redis and real workers (CI sets REDIS_URL)")


@pytest.fixture
def committed_db(transactional_db):
    """Rows committed for real (seen by other processes), with the seeded regions and plan."""
    from tests.factories import ensure_seeded

    ensure_seeded()


@pytest.fixture
def celery_worker(django_db_setup):
    """A real Celery worker on Redis, using the test database; None where tasks run in-process.

    Tests that use it must commit their rows (``committed_db``) so the worker can see them.
    """
    from django.conf import settings

    if settings.CELERY_TASK_ALWAYS_EAGER:
        if STRICT:
            pytest.fail("CANGNAN_REQUIRE_ALL=1 but REDIS_URL is not set: job tests need a real worker")
        yield None
        return
    from tests.workers import start_worker, stop_worker

    process = start_worker()
    yield process
    stop_worker(process)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs a service and then its commit: checks that it put nothing in any inbox before the
    commit (org.inbox delivers on commit), then runs what it queued for the commit."""
    from org.models import InboxItem

    def run(step, /, *args, **kwargs):
        before = InboxItem.objects.count()
        with django_capture_on_commit_callbacks() as callbacks:
            result = step(*args, **kwargs)
        assert InboxItem.objects.count() == before, "an inbox item was written before the commit"
        for callback in callbacks:
            callback()
        return result

    return run
