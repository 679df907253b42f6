# Two commands from a fresh clone: `make run` (demo on SQLite) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
PORT ?= 8000
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test check install install-dev translations migrate demo lint lock clean node_modules

# A Debian machine without python3-venv gets it from apt when we are allowed to install.
$(PY):
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
		rm -rf $(VENV); \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "python3 -m venv failed; installing python3-venv with apt"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; \
			$(PYTHON) -m venv $(VENV); \
		else \
			echo "python3 -m venv failed: install python3-venv (sudo apt-get install python3-venv)"; exit 1; \
		fi; }
	$(PIP) install -q --upgrade pip

# Installs come from the hashed lock files in requirements/ (made from pyproject.toml's bounds by
# `make lock`), so every machine gets the same versions; the project itself is added without
# dependencies. Stamps re-run pip only when a lock file changes.
.stamp-install: requirements/main.txt pyproject.toml | $(PY)
	$(PIP) install -q --require-hashes -r requirements/main.txt
	$(PIP) install -q --no-deps -e .
	@touch $@

.stamp-install-dev: requirements/dev.txt pyproject.toml | $(PY)
	$(PIP) install -q --require-hashes -r requirements/dev.txt
	$(PIP) install -q --no-deps -e .
	@touch $@ .stamp-install

install: .stamp-install .stamp-node translations
install-dev: .stamp-install-dev .stamp-node translations

# --- JavaScript from npm (learning.packages, docs/packages.md) ---------------------------------
# package.json + package-lock.json, installed with `npm ci` into node_modules/ (never committed);
# Node and npm come from Debian's packages when they are missing, as python3-venv does above.
.stamp-node: package.json package-lock.json
	@command -v npm >/dev/null || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "npm is missing; installing nodejs and npm with apt"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; \
		else \
			echo "npm is missing: install it (sudo apt-get install nodejs npm)"; exit 1; \
		fi; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

node_modules: .stamp-node

# `make run` serves uploaded packages from the same server under another host name (another
# origin and cookie jar): http://localhost:$(PORT) beside http://127.0.0.1:$(PORT).
export PACKAGES_CONTENT_ORIGIN ?= http://localhost:$(PORT)
# ------------------------------------------------------------------------------------------------

translations: .stamp-install
	$(PY) manage.py compile_translations

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

run: demo
	@echo "eSundhed Akademi is starting on http://127.0.0.1:$(PORT)/ (authoring: /cms/)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT) --noreload

# One test process per core (pytest-xdist); tests that start a Celery worker share one process
# (see tests/conftest.py). PYTEST_JOBS=0 runs everything in this process.
PYTEST_JOBS ?= auto
PYTEST_PARALLEL = $(if $(filter 0,$(PYTEST_JOBS)),,-n $(PYTEST_JOBS) --dist loadgroup)

test: install-dev
	$(PY) -m pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)

# The one check, run locally and by CI (.ci/run): formatting, lint, migrations that match the
# models, the template linter, then the whole suite with a coverage figure.
check: lint
	$(PY) -m pytest $(PYTEST_PARALLEL) --cov --cov-report=term:skip-covered $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run --settings=cms.settings.test
	$(VENV)/bin/djlint templates cms learning quizzes --lint

# Re-resolve the lock files after changing the bounds in pyproject.toml (needs the network).
lock: | $(PY)
	$(PIP) install -q pip-tools
	for extra in main dev; do \
		$(VENV)/bin/pip-compile -q --generate-hashes --strip-extras --allow-unsafe \
			--no-emit-index-url --no-emit-find-links $$( [ $$extra = dev ] && echo --extra dev ) \
			-o requirements/$$extra.txt pyproject.toml; \
	done

clean:
	rm -rf $(VENV) .stamp-install .stamp-install-dev db.sqlite3 node_modules .stamp-node
