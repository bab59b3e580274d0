# 府检联动 · 普法与公开平台 — the two everyday commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV_VERSION := 0.13.9
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings.dev
export SITE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: install run test test-sqlite test-postgres test-browser lint check migrate demo clean-db bench

# The virtualenv is rebuilt only when the lock file changes.
$(VENV)/.installed: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)" \
		|| $(PY) -m pip install --quiet -r requirements.lock
	$(VENV)/bin/uv pip install --quiet --python $(PY) -r requirements.lock
	touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py load_demo
	$(PY) manage.py ensure_demo_logins

# Install, migrate, load the demo, print the logins, then run the web server and the
# django-q2 cluster together in the foreground (Ctrl-C stops both).
run: demo
	$(PY) manage.py run_site --port $(PORT)

# The whole suite: SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it).
test: install
	$(PY) -m ruff check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== the suite again on $$TEST_DATABASE_URL =="; \
		DATABASE_URL="$$TEST_DATABASE_URL" DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest; \
	fi

test-sqlite: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest

test-postgres: install
	DATABASE_URL=$${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} \
		DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest

test-browser: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest -m browser

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

bench: install
	$(PY) -m bench

clean-db:
	rm -rf var/db.sqlite3 var/db.sqlite3-wal var/db.sqlite3-shm var/media var/demo-logins.txt
