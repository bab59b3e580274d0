# 府检联动 · 普法与公开平台 — the two everyday commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV_VERSION := 0.13.9
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings.dev
export SITE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: install install-dev run test test-sqlite test-postgres test-browser screenshots test-dates test-clock-shifted lint check migrate demo clean-db bench bench-postgres tibetan-font messages

# Two locks: requirements.lock is what production installs (runtime only); requirements-dev.lock
# adds the test, browser and lint tools. Each is installed again only when it changes.
$(VENV)/bin/uv:
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.installed: requirements.lock | $(VENV)/bin/uv
	$(VENV)/bin/uv pip install --quiet --python $(PY) -r requirements.lock
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock | $(VENV)/bin/uv
	$(VENV)/bin/uv pip install --quiet --python $(PY) -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py load_demo
	$(PY) manage.py ensure_demo_logins

# Install, migrate, load the demo, print the logins, then run the web server and the
# django-q2 cluster together in the foreground (Ctrl-C stops both).
run: demo
	$(PY) manage.py run_site --port $(PORT)

# The whole suite: SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). Two
# pytest-xdist workers (one per core), each with its own test database and its own demo snapshot.
WORKERS ?= 2
PYTEST := $(PY) -m pytest -n $(WORKERS) --dist worksteal
test: install-dev
	$(PY) -m ruff check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.test $(PYTEST)
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== the suite again on $$TEST_DATABASE_URL =="; \
		DATABASE_URL="$$TEST_DATABASE_URL" DJANGO_SETTINGS_MODULE=config.settings.test $(PYTEST); \
	fi

test-sqlite: install-dev
	DJANGO_SETTINGS_MODULE=config.settings.test $(PYTEST)

test-postgres: install-dev
	DATABASE_URL=$${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} \
		DJANGO_SETTINGS_MODULE=config.settings.test $(PYTEST)

test-browser: install-dev
	DJANGO_SETTINGS_MODULE=config.settings.test $(PYTEST) -m browser

# Pictures for review, taken by the tests that check them: the first screen on a 360 px phone (home,
# a case, the statistics release, the annual report, /en/, /bo/; standard and 特大 text; the open
# menu) and the admin's scheduling dialog.
screenshots: install-dev
	rm -rf var/screenshots
	SCREENSHOTS_DIR=$(CURDIR)/var/screenshots DJANGO_SETTINGS_MODULE=config.settings.test \
		$(PY) -m pytest -q tests/browser/test_phone.py tests/browser/test_schedule.py
	@ls var/screenshots

# The date sweep: the tests that depend on the date (marked `clock`, browser journeys included) on each
# day that matters (tests/clock.py SWEEP_DAYS): the suite's clock is moved, Chromium's is not.
test-dates: install-dev
	@set -e; for day in $$($(PY) -c "from tests.clock import SWEEP_DAYS; print(*SWEEP_DAYS)"); do \
		echo "== the clock tests on $$day =="; \
		FJLD_TEST_TODAY=$$day DJANGO_SETTINGS_MODULE=config.settings.test $(PYTEST) -q -m clock; \
	done

# The clock tests once more with the machine's own clock a year ahead (Debian's faketime; it upsets
# Chromium, so browser journeys are left to test-dates). Its monotonic clock must move too: with
# FAKETIME_DONT_FAKE_MONOTONIC, Python's sleeps (and subprocess waits) fail with EINVAL.
CLOCK_SHIFT ?= +365d
test-clock-shifted: install-dev
	DJANGO_SETTINGS_MODULE=config.settings.test \
		faketime -f "$(CLOCK_SHIFT)" $(PYTEST) -q -m "clock and not browser"

lint: install-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# In-process figures, then the served run (gunicorn + wrk, page cache off and on); SQLite by default,
# PostgreSQL with `make bench-postgres` (a throw-away database fjld_bench on the local server).
bench: install-dev
	$(PY) -m bench --served

bench-postgres: install-dev
	createdb -h 127.0.0.1 -U postgres fjld_bench 2>/dev/null || true
	BENCH_DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/fjld_bench} $(PY) -m bench --served

clean-db:
	rm -rf var/db.sqlite3 var/db.sqlite3-wal var/db.sqlite3-shm var/media var/demo-logins.txt

# The Tibetan web font (static/fonts/noto-serif-tibetan.woff2): Debian's Noto Serif Tibetan (OFL),
# cut to the Tibetan block. Needs fonts-noto-core (apt) and the dev tools; run again to refresh.
TIBETAN_TTF ?= /usr/share/fonts/truetype/noto/NotoSerifTibetan-Regular.ttf
tibetan-font: install-dev
	$(VENV)/bin/pyftsubset $(TIBETAN_TTF) --unicodes="U+0020,U+00A0,U+0F00-0FFF,U+200B-200D,U+25CC" \
		--layout-features='*' --flavor=woff2 --output-file=static/fonts/noto-serif-tibetan.woff2

# The English and Tibetan catalogues: collect the marked strings (Chinese msgids), then compile.
# Fill the new entries in locale/en and locale/bo before compiling for real.
messages: install-dev
	$(PY) manage.py makemessages -l en -l bo --ignore=.venv --ignore=tests --ignore=bench --no-obsolete
	$(PY) manage.py compile_catalogs
