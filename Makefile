# MLSD Designer: `make run` serves the app, `make test` runs the whole suite. Both install what is missing.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
FRONTEND := designer/frontend
HOST ?= 127.0.0.1
PORT ?= 8000
APT_PACKAGES := graphviz librsvg2-bin fonts-dejavu-core
TEST_APT_PACKAGES := chromium
# Vite 8 needs Node 20.19+ or 22.12+. The system's Node is used when it is new enough; otherwise
# (no Node, or Debian's older one) a pinned Node from PyPI (requirements-node.txt) is installed into
# .venv and put first on PATH.
SYSTEM_NODE_OK := $(shell node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit((a === 20 && b >= 19) || (a === 22 && b >= 12) || a > 22 ? 0 : 1)' >/dev/null 2>&1 && command -v npm >/dev/null && echo yes)
ifneq ($(SYSTEM_NODE_OK),yes)
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
endif

.PHONY: run test lint lock format contracts build system-deps test-system-deps venv test-venv node node-deps migrate clean

run: system-deps venv build migrate
	@echo ""
	@echo "  MLSD Designer is running at http://$(HOST):$(PORT)/"
	@echo ""
	$(VENV)/bin/uvicorn designer.asgi:application --host $(HOST) --port $(PORT) --ws-max-size 1048576

test: system-deps test-system-deps test-venv build lint
	$(PY) manage.py check --fail-level WARNING
	cd $(FRONTEND) && npm test --silent
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# ruff: lint and formatting; mypy: types, with the Django and DRF plugins (both set in pyproject.toml);
# the editor's tsc --noEmit and eslint (designer/frontend/eslint.config.js).
# `make format` applies the formatter and ruff's safe fixes.
lint: test-venv node-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	cd $(FRONTEND) && npm run --silent lint

# The editor's TypeScript types and limits and docs/format.md's limits and props tables, from their definitions
# (designer/format.py, designer/realtime/protocol.py, designer/limits.py); a test fails when they are stale.
contracts: venv
	$(PY) manage.py contracts

# The locks from the top-level lists (requirements*.in): run after editing one. Versions already
# locked stay unless the lists ask otherwise (`PIP_COMPILE_ARGS=--upgrade` moves everything on).
PIP_COMPILE := $(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links $(PIP_COMPILE_ARGS)
lock: test-venv
	$(PIP_COMPILE) --output-file requirements.txt requirements.in
	$(PIP_COMPILE) --output-file requirements-dev.txt requirements-dev.in
	$(PIP_COMPILE) --output-file requirements-node.txt requirements-node.in

format: test-venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Debian packages: graphviz (dot, neato) and rsvg-convert for export; chromium for browser tests.
system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "Installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi

test-system-deps:
	@missing=""; for p in $(TEST_APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "Installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi

# Debian's python3 creates virtual environments only with python3-venv installed.
$(VENV)/bin/python:
	@$(PYTHON) -c "import ensurepip" 2>/dev/null || { echo "Installing Debian package: python3-venv"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; }
	$(PYTHON) -m venv $(VENV)

# Python packages come from the locks (every transitive dependency pinned, each file's hash checked):
# requirements.txt for the app, requirements-dev.txt for the app plus test and lint tools.
$(VENV)/.runtime-installed: requirements.txt | $(VENV)/bin/python
	$(PIP) install -q --require-hashes -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PIP) install -q --require-hashes -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

venv: $(VENV)/.runtime-installed
test-venv: $(VENV)/.dev-installed

$(VENV)/bin/npm: | $(VENV)/bin/python
	$(PIP) install -q --require-hashes -r requirements-node.txt

node: $(if $(SYSTEM_NODE_OK),,$(VENV)/bin/npm)

$(FRONTEND)/node_modules/.installed: $(FRONTEND)/package.json $(FRONTEND)/package-lock.json | node
	cd $(FRONTEND) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

node-deps: $(FRONTEND)/node_modules/.installed

# The editor bundle goes to static/designer/ (never committed); rebuilt when the source changes.
build: node-deps
	@if [ ! -f static/designer/manifest.json ] || [ -n "$$(find $(FRONTEND)/src $(FRONTEND)/vite.config.ts $(FRONTEND)/package-lock.json -newer static/designer/manifest.json 2>/dev/null | head -1)" ]; then \
	  cd $(FRONTEND) && npm run --silent build; \
	else echo "Editor bundle is up to date."; fi

migrate: venv
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py createcachetable
	$(PY) manage.py check

clean:
	rm -rf static/designer staticfiles $(FRONTEND)/node_modules
