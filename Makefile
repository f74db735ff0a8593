# civicpulse — every target sets itself up from the pinned lock; no Docker needed.
SHELL := /bin/bash
.DEFAULT_GOAL := help
UV_VERSION := 0.13.8
VENV := .venv
PY := $(VENV)/bin/python
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
MEMBERS := $(wildcard libs/*/pyproject.toml services/*/pyproject.toml)
STAMP := $(VENV)/.installed
FRONTEND := services/console/frontend
CONSOLE_ASSETS := services/console/src/console/static/dist/.built

.PHONY: help setup demo up evaluate bench test-faults test test-unit test-integration test-e2e proto lint lock clean chart-tools browser

help:
	@echo "make demo   - start the whole stack locally, replay real data, train, score, notify; the console's screenshots in .run/console/"
	@echo "make up     - the whole stack kept running to try the API against (LOAD=demo: with the city's history, a trained model and its forecasts)"
	@echo "make test   - unit, integration and end-to-end tests, proto lint and chart checks"
	@echo "make evaluate [CITY=chicago] - judge the forecast against the baselines on held-out time; card in .run/evaluate/"
	@echo "             CITY=<name>: any folder of datasets/ with a sources.yaml (docs/new-city.md); default houston;"
	@echo "             ROOT=<dir>: a city's files laid out as here but kept elsewhere"
	@echo "make test-faults - kill -9, outages, NATS restart, poison while events flow; .run/faults/results.json"
	@echo "make bench  - events/s through the whole local stack, latencies, against a direct COPY; .run/bench/"
	@echo "make proto  - regenerate libs/civicpulse-protos from protos/"
	@echo "make lock   - re-pin requirements.lock after changing dependencies"
	@echo "make browser - Debian's chromium for the console's browser tests and screenshots (installed when missing, as root)"
	@echo "make chart-tools - the chart's offline validators (kubernetes-validate, checkov) in .venv-chart-tools"

$(UV):
	python3 -m pip install --quiet --user "uv==$(UV_VERSION)"

$(STAMP): requirements.lock $(MEMBERS) | $(UV)
	$(UV) venv --quiet --allow-existing --python 3.11 $(VENV)
	$(UV) pip install --quiet --python $(PY) --require-hashes -r requirements.lock
	$(UV) pip install --quiet --python $(PY) --no-deps --no-build-isolation $(addprefix -e ,$(patsubst %/pyproject.toml,%,$(MEMBERS)))
	$(PY) tools/get_helm.py $(VENV)/bin
	touch $@

setup: $(STAMP) $(CONSOLE_ASSETS)

# The console's front end, bundled into the console's static folder from the committed npm lock.
$(CONSOLE_ASSETS): $(FRONTEND)/package-lock.json $(FRONTEND)/package.json $(FRONTEND)/build.mjs $(shell find $(FRONTEND)/src -type f 2>/dev/null)
	cd $(FRONTEND) && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build
	touch $@

# Debian's chromium, which the browser tests and the demo's screenshots drive (playwright never
# downloads a browser here). Installed when missing and root; otherwise the tests say what to do.
browser:
	@command -v chromium >/dev/null || { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; else echo "chromium is missing: as root, apt-get install chromium (the browser tests need it)"; fi; }

# The city: any folder of datasets/ holding a sources.yaml (docs/new-city.md).
CITY ?= houston

demo: setup browser
	$(PY) -m civicpulse.lab.demo --city $(CITY)

# The local stack kept running to try the API against; LOAD=demo replays the Houston history first.
up: setup
	$(PY) -m civicpulse.lab.up --city $(CITY) $(if $(filter demo,$(LOAD)),--load-demo --forecast)

evaluate: setup
	$(PY) -m civicpulse.lab.evaluate --city $(CITY) $(if $(ROOT),--root $(ROOT))

bench: setup
	$(PY) -m civicpulse.lab.bench

# Kill, cut, restart and poison the event path while 20,000 real events flow; books per event id.
OUTAGE ?= 600
test-faults: setup
	$(PY) -m civicpulse.lab.faults --outage-seconds $(OUTAGE)

test: setup chart-tools browser
	$(PY) -m pytest -q

test-unit: setup
	$(PY) -m pytest -q tests/unit

test-integration: setup
	$(PY) -m pytest -q tests/integration

test-e2e: setup browser
	$(PY) -m pytest -q tests/e2e

proto: setup
	tools/gen_protos.sh

lint: setup
	$(VENV)/bin/buf lint protos

lock: | $(UV)
	$(UV) lock
	$(UV) export --quiet --format requirements-txt --no-emit-workspace --all-groups --frozen -o requirements.lock

# The offline validators of the rendered chart (kubernetes-validate, checkov), in a venv of their
# own (checkov brings many dependencies), exactly as pinned with hashes in tools/chart-tools.lock;
# tests/unit/test_chart_validation.py runs them. Re-pin after editing tools/chart-tools.in:
#   uv pip compile --generate-hashes --python-version 3.11 tools/chart-tools.in -o tools/chart-tools.lock
CHART_TOOLS := .venv-chart-tools
chart-tools: $(CHART_TOOLS)/.installed

$(CHART_TOOLS)/.installed: tools/chart-tools.lock | $(UV)
	$(UV) venv --quiet --allow-existing --python 3.11 $(CHART_TOOLS)
	$(UV) pip sync --quiet --python $(CHART_TOOLS)/bin/python --require-hashes tools/chart-tools.lock
	touch $@

clean:
	rm -rf $(VENV) .run
