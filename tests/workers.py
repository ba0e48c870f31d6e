"""Starting and stopping a real Celery worker process against the test database."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.db import connection

from cangnan_yingji.celery import app


def test_database_url() -> str:
    db = connection.settings_dict
    user = db.get("USER") or ""
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    return f"postgres://{auth}{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


def start_worker(name: str = "test", **extra_env: str) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": test_database_url(), "REDIS_URL": settings.REDIS_URL, **extra_env}
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "cangnan_yingji", "worker", "--pool", "solo",
         "--hostname", f"{name}@%h", "--loglevel", "WARNING", "--without-gossip", "--without-mingle"],
        cwd=settings.BASE_DIR,
        env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the Celery worker exited at start-up")
        if app.control.ping(timeout=1):
            return process
    stop_worker(process)
    raise RuntimeError("the Celery worker did not answer within 60 s")


def stop_worker(process: subprocess.Popen, *, kill: bool = False) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
