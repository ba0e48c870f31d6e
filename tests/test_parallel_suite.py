"""`make test` runs in one process per core: each process must reach its own Redis database, so
one process's real workers, queues and cache never see another's (tests/conftest.py)."""

import os

from django.conf import settings
from django.core.cache import cache

from cangnan_yingji.celery import app


def test_each_test_process_has_its_own_redis_database():
    configured = os.environ.get("REDIS_URL", "")
    if not configured:  # tasks in-process, local-memory cache: nothing shared between processes
        assert settings.REDIS_URL == "" and app.conf.task_always_eager
        assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
        return
    prefix, _slash, base = configured.rpartition("/")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    expected = f"{prefix}/{int(base) + int(worker[2:])}"
    assert expected == settings.REDIS_URL
    assert app.conf.broker_url == expected and app.conf.result_backend == expected
    assert cache._cache._servers == [expected]
