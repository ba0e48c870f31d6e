# 苍南应急 — two commands: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes (pytest-xdist): one per core; on two cores this measured fastest (three were slower).
TEST_PROCESSES ?= auto

.PHONY: run test install migrate lint format messages bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# ECharts and Leaflet, served by the portal itself (package.json, package-lock.json).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

install: $(VENV)/.installed node_modules/.installed

migrate: install
	$(BIN)/python manage.py migrate --noinput

# Serves the portal on SQLite with Celery tasks running in-process.
run: migrate
	$(BIN)/python manage.py seed_demo
	@echo "苍南应急: http://$(HOST):$(PORT)/  (demo logins above)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -n $(TEST_PROCESSES) --dist worksteal

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Refresh the English catalogue after changing translatable strings (needs GNU gettext).
messages: install
	$(BIN)/python manage.py makemessages --locale en --ignore ".venv/*" --ignore "var/*" --ignore "tests/*" --ignore "bench/*" --ignore "node_modules/*" --no-obsolete
	$(BIN)/python manage.py compilemessages --locale en --ignore ".venv/*"

clean:
	rm -rf $(VENV) var .pytest_cache node_modules
