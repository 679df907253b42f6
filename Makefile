# Two commands from a fresh clone: `make run` (demo on SQLite) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
PORT ?= 8000
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test install install-dev translations migrate demo lint clean node_modules

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

# Stamps re-run pip only when pyproject.toml changes.
.stamp-install: pyproject.toml | $(PY)
	$(PIP) install -q -e .
	@touch $@

.stamp-install-dev: pyproject.toml | $(PY)
	$(PIP) install -q -e ".[dev]"
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

test: install-dev
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) .stamp-install .stamp-install-dev db.sqlite3 node_modules .stamp-node
