# Espace Bailleur. `make help` lists the targets. Everything a fresh Debian 12 machine lacks is
# installed here (wasm target, wasm-bindgen-cli at the locked version, chromium, node packages,
# a Python virtualenv), so `make run` and `make test` work with nothing installed by hand.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CARGO ?= cargo
WASM_TARGET := wasm32-unknown-unknown
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/{getline; gsub(/"/, "", $$3); print $$3}' Cargo.lock)
DIST := frontend/dist
WASM_OUT := target/$(WASM_TARGET)/wasm-release/bailleur_frontend.wasm
SERVER := target/release/bailleur
VENV := .venv
STAMPS := target/.stamps
# The test oracles and the loopback SMTP server run from the virtualenv.
TEST_ENV := STDNUM_PYTHON=$(CURDIR)/$(VENV)/bin/python AIOSMTPD_PYTHON=$(CURDIR)/$(VENV)/bin/python
export BAILLEUR_ADDR ?= 127.0.0.1:8080
export BAILLEUR_DATA_DIR ?= ./data
export BAILLEUR_STATIC_DIR ?= $(CURDIR)/$(DIST)

.PHONY: help setup run build frontend server test lint unit test-postgres wasm-check e2e contract bench openapi clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

# ---------------------------------------------------------------- setup
setup: $(STAMPS)/rust $(STAMPS)/wasm-bindgen $(STAMPS)/chromium $(STAMPS)/npm $(STAMPS)/venv ## Install every tool the build and the tests need

$(STAMPS)/rust:
	rustup target add $(WASM_TARGET)
	rustup component add rustfmt clippy
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/wasm-bindgen: Cargo.lock
	@if [ "$$(wasm-bindgen --version 2>/dev/null | awk '{print $$2}')" != "$(WASM_BINDGEN_VERSION)" ]; then \
	  echo "Installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (the version Cargo.lock pins)"; \
	  $(CARGO) install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); \
	fi
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core brotli; \
	fi
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/npm: frontend/package-lock.json e2e/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	cd e2e && npm ci --no-audit --no-fund --loglevel=error
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/venv: requirements-test.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	@mkdir -p $(STAMPS) && touch $@

# ---------------------------------------------------------------- build
frontend: $(STAMPS)/rust $(STAMPS)/wasm-bindgen $(STAMPS)/npm ## Build the web app (release, size-optimised) into frontend/dist
	$(CARGO) build -p bailleur-frontend --target $(WASM_TARGET) --profile wasm-release
	rm -rf $(DIST) && mkdir -p $(DIST)
	wasm-bindgen --target web --no-typescript --out-dir $(DIST) $(WASM_OUT)
	frontend/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
	  -o $(DIST)/bailleur_frontend_bg.wasm $(DIST)/bailleur_frontend_bg.wasm
	cp frontend/index.html frontend/style.css frontend/boot.js $(DIST)/
	@if command -v brotli >/dev/null; then \
	  printf 'wasm: %s bytes raw, %s bytes brotli\n' "$$(stat -c %s $(DIST)/bailleur_frontend_bg.wasm)" \
	    "$$(brotli -c $(DIST)/bailleur_frontend_bg.wasm | wc -c)"; \
	fi

server: ## Build the server (release)
	$(CARGO) build --release -p bailleur-server

build: frontend server ## Build everything

run: build ## Build, then serve on $BAILLEUR_ADDR with SQLite and the demo data
	$(SERVER) migrate
	$(SERVER) seed-demo
	@echo "Swagger UI : http://$(BAILLEUR_ADDR)/swagger-ui/   Contrat : http://$(BAILLEUR_ADDR)/api-docs/openapi.json"
	@# The development mail setting: codes land in the outbox the app lists (never in production).
	BAILLEUR_MAIL_TRANSPORT=outbox $(SERVER) serve

# ---------------------------------------------------------------- checks
test: lint unit test-postgres wasm-check e2e contract ## Everything CI runs: format, lints, unit + integration (SQLite, PostgreSQL), wasm, e2e, contract

lint: $(STAMPS)/rust ## cargo fmt --check and clippy (server and wasm app)
	$(CARGO) fmt --all -- --check
	python3 tools/import_circles.py crates/core/src crates/server/src
	$(CARGO) clippy --workspace --exclude bailleur-frontend --all-targets -- -D warnings
	$(CARGO) clippy -p bailleur-frontend --target $(WASM_TARGET) -- -D warnings

unit: $(STAMPS)/venv ## Unit and integration tests on SQLite (and the python-stdnum oracle)
	env -u TEST_DATABASE_URL $(TEST_ENV) $(CARGO) test --workspace --exclude bailleur-frontend

test-postgres: $(STAMPS)/venv ## The integration tests again on PostgreSQL, when TEST_DATABASE_URL is set
	@if [ -n "$${TEST_DATABASE_URL:-}" ]; then \
	  $(TEST_ENV) $(CARGO) test -p bailleur-server --test api; \
	else echo "TEST_DATABASE_URL is not set: PostgreSQL run skipped (CI sets it)"; fi

wasm-check: $(STAMPS)/rust ## api-types builds for wasm32
	$(CARGO) build -p bailleur-api-types --target $(WASM_TARGET)

e2e: frontend server $(STAMPS)/chromium $(STAMPS)/npm ## Real-browser tests: Playwright + chromium against a release server
	cd e2e && SERVER_BIN=$(CURDIR)/$(SERVER) STATIC_DIR=$(CURDIR)/$(DIST) node run.mjs

contract: server $(STAMPS)/venv ## Property-based contract test: schemathesis against a release server (no 5xx, nothing undocumented)
	SERVER_BIN=$(CURDIR)/$(SERVER) $(VENV)/bin/python e2e/contract.py

bench: server $(STAMPS)/wrk ## Measure sign-in throughput against argon2 (writes docs/benchmarks.md)
	python3 bench/run.py

$(STAMPS)/wrk:
	@if ! command -v wrk >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk; \
	fi
	@mkdir -p $(STAMPS) && touch $@

openapi: ## Rewrite openapi/openapi.json from the code
	$(CARGO) run -q -p bailleur-server -- openapi > openapi/openapi.json

clean: ## Remove build outputs and the local data
	$(CARGO) clean
	rm -rf $(DIST) data $(STAMPS)
