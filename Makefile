# Neural Networks in Five Questions
#   make serve   build and serve the site with live reload on http://127.0.0.1:8000/
#   make test    run every test (unit, doctests, page code, figures, strict build, browser)
# Both create .venv and install the locked dependencies and KaTeX first, when needed.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
KATEX := node_modules/.installed
AUDIT_TOOLS := node_modules/.installed-audit

# Material 9.7+ prints an end-of-life banner on every build; the project pins MkDocs below 2 on purpose.
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help setup serve site offline test test-fast lint format figures bench audit lock torch clean

ADDR ?= 127.0.0.1:8000

help:
	@sed -n '2,4p' Makefile | sed 's/^# *//'
	@echo "  make site    strict static build into site/"
	@echo "  make offline the site as a zip that works opened from disk (build/$(OFFLINE_NAME)-offline.zip)"
	@echo "  make test-fast  unit tests, doctests and page code: no build, no browser, no redraw"
	@echo "  make lint    ruff (lint and format check) on everything, mypy on concepts; \`make test\` runs it first"
	@echo "  make format  let ruff fix what it can and format every file"
	@echo "  make figures regenerate stale figures (FORCE=1: all of them)"
	@echo "  make bench   time edit-to-served, the build, figures, both test tiers; backpropagation; the playground (writes benchmarks/)"
	@echo "  make audit   Lighthouse (mobile, desktop), axe in both palettes, bytes, figure text at 390 px, per page"
	@echo "  make torch   install PyTorch $(TORCH_VERSION) (CPU) into .venv for the cross-checks"
	@echo "  make lock    re-lock to the latest patch releases (UPGRADE=1: re-resolve freely)"

setup: $(STAMP) $(KATEX)

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed, found " + sys.version.split()[0])'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

# KaTeX (run by Node at build time; its stylesheet and fonts are served), axe-core (the browser tests)
# and iframe-worker (the offline edition). Lighthouse is a development dependency, installed by
# `make audit` only.
$(KATEX): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm (Node.js) is needed to install KaTeX"; exit 1; }
	npm ci --omit=dev --no-audit --no-fund --loglevel=error
	@touch $@

$(AUDIT_TOOLS): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm (Node.js) is needed to install Lighthouse"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(KATEX) $@

figures: setup
	$(PY) -m sitebuild.figures $(if $(FORCE),--force)

# ADDR=127.0.0.1:8123 serves elsewhere when port 8000 is taken.
serve: setup figures
	$(PY) -m mkdocs serve --livereload --dev-addr $(ADDR)

site: setup figures
	$(PY) -m mkdocs build --strict --clean --site-dir site

# The offline edition: Material's offline plugin (no directory URLs, search index inlined), read from file://.
OFFLINE_NAME := nn-five-questions
offline: setup figures
	rm -rf build/$(OFFLINE_NAME) build/$(OFFLINE_NAME)-offline.zip
	OFFLINE=true $(PY) -m mkdocs build --strict --site-dir build/$(OFFLINE_NAME)
	$(PY) -m zipfile -c build/$(OFFLINE_NAME)-offline.zip build/$(OFFLINE_NAME)
	@echo "build/$(OFFLINE_NAME)-offline.zip: unzip it anywhere and open $(OFFLINE_NAME)/index.html"

# Figures are not regenerated here: tests/test_figures.py must see the committed ones. Two workers, each
# test file on one of them (a page's code blocks share a namespace); see tests/conftest.py. One BLAS
# thread per process: the workers and the background jobs already fill the cores, and OpenBLAS threads
# that wait for a busy core spin (the whole run took 99 s with them, 82 s without).
TEST_ENV := OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
test: setup lint
	$(TEST_ENV) $(PY) -m pytest -n 2 --dist loadfile --no-loadscope-reorder

# The edit-test loop: unit tests, doctests and page code on two workers; no site build, no browser, no
# figure redraw, no PyTorch cross-check, nothing marked slow (`make test` runs all of them).
test-fast: setup
	$(TEST_ENV) $(PY) -m pytest -n 2 --dist loadfile --ignore=tests/reference --ignore=tests/browser \
		-m "not site and not browser and not redraw and not slow"

# The habits: lint and format (ruff, configured in pyproject.toml) and types (mypy, on concepts/).
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Scores and timings vary with the machine: reported here, not asserted by the tests. RUNS=1 is quicker.
audit: setup figures $(AUDIT_TOOLS)
	$(PY) -m sitebuild.audit --runs $(or $(RUNS),3)

bench: setup
	$(PY) benchmarks/bench_build.py --tests
	$(PY) benchmarks/bench_chain_rule.py
	$(PY) benchmarks/bench_playground.py

TORCH_VERSION := 2.13.0
torch: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check torch==$(TORCH_VERSION)

# Re-lock: the latest patch release of every locked package within its current major.minor line
# (UPGRADE=1: re-resolve requirements.in freely instead), resolved in a scratch environment.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	$(if $(UPGRADE),: > .lock-venv/lines.txt,grep -v '^#' requirements.lock | sed -E 's/^([A-Za-z0-9_.-]+)==([0-9]+)\.([0-9]+).*/\1>=\2.\3,<\2.\3.99999/' > .lock-venv/lines.txt)
	.lock-venv/bin/pip install --quiet --disable-pip-version-check -r requirements.in -c .lock-venv/lines.txt
	{ echo "# Generated by 'make lock' from requirements.in with $$($(PYTHON) --version). Do not edit."; \
	  .lock-venv/bin/pip freeze --all --exclude-editable | grep -v "^pip=="; } > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf site build .pytest_cache .hypothesis .cache  # .cache/notebooks: executed notebooks
