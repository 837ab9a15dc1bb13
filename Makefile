# compactwatch: `make run` serves the platform, `make test` checks everything. Both set themselves up.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
# Browser tests drive Debian's Chromium (Playwright's own browser download is not used).
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test test-pg lint typecheck pytest install setup clean browsers

run: install
	$(BIN)/compactwatch setup
	$(BIN)/compactwatch serve --port $(PORT)

test: install lint typecheck pytest

# The suite again on PostgreSQL (CI runs it after `make test`).
test-pg: install browsers
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -q

install: $(INSTALLED)

$(INSTALLED): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "compactwatch needs $(PYTHON) on PATH (or run: make PYTHON=/path/to/python3.11)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

setup: install
	$(BIN)/compactwatch setup

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

pytest: install browsers
	$(BIN)/pytest -q

# Headless Chromium for tests/browser: installed from Debian's packages when missing (needs root or sudo).
browsers:
	@test -x $(CHROMIUM) || { \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  command -v apt-get >/dev/null 2>&1 || { echo "tests/browser need Chromium at $(CHROMIUM) (Debian package chromium)"; exit 1; }; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }
	@test -x $(CHROMIUM) || { echo "Chromium was not found at $(CHROMIUM) after installing it"; exit 1; }

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
