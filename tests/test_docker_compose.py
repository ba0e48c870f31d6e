import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from django.conf import settings

COMPOSE = Path(settings.BASE_DIR) / "docker-compose.yml"
ENV = {**os.environ, "POSTGRES_PASSWORD": "secret", "DJANGO_SECRET_KEY": "k" * 50}


def services() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))["services"]


def test_docker_compose_v1_validates_the_file():
    if not shutil.which("docker-compose"):
        pytest.skip("Debian's docker-compose is not installed")
    result = subprocess.run(
        ["docker-compose", "-f", str(COMPOSE), "config", "-q"], env=ENV, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_the_six_services_are_there_with_health_checks():
    found = services()
    assert set(found) == {"nginx", "web", "worker", "beat", "postgres", "redis"}
    for name, service in found.items():
        assert service.get("image") or service.get("build"), name
        assert service["healthcheck"]["test"], name


def test_the_app_services_run_the_right_commands():
    found = services()
    assert "gunicorn cangnan_yingji.wsgi" in found["web"]["command"]
    assert "--no-control-socket" in found["web"]["command"]
    assert found["worker"]["command"].startswith("celery -A cangnan_yingji worker")
    assert found["beat"]["command"].startswith("celery -A cangnan_yingji beat")
    for name in ("web", "worker", "beat"):
        env = found[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://") and env["REDIS_URL"].startswith("redis://")
        assert found[name]["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_data_lives_on_volumes():
    found = services()
    assert any("/var/lib/postgresql/data" in v for v in found["postgres"]["volumes"])
    assert any("/data" in v for v in found["redis"]["volumes"])
