# policyqa — the two commands a new user needs are `make run` and `make test`.
SHELL := /bin/bash
VENV  ?= .venv
PY    := $(VENV)/bin/python
CLI   := $(VENV)/bin/policyqa
STAMP := $(VENV)/.installed
HOST  ?= 127.0.0.1
PORT  ?= 8000
# The CPU torch wheel lies on this disk; an unpinned torch would pull a multi-GB CUDA build.
FIND_LINKS := $(if $(wildcard /opt/wheels),--find-links /opt/wheels,)

.PHONY: help install run build test check eval bench browser clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 10

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q $(FIND_LINKS) -e '.[st,milvus,dev]'
	touch $@

install: $(STAMP) ## create .venv and install the project with all extras

build: $(STAMP) ## build the index under index/ if the corpus or embedder changed
	$(CLI) build --if-needed

run: build ## serve API + UI on http://$(HOST):$(PORT) (UI at /ui, API docs at /docs)
	$(CLI) serve --host $(HOST) --port $(PORT)

browser: ## install Debian chromium for the browser tests (needs root or sudo)
	@{ command -v chromium && fc-list | grep -qi wqy; } >/dev/null || { SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; }

test: build browser ## run the whole test suite (offline, real components)
	$(PY) -m pytest -q

check: $(STAMP) ## lint with ruff
	$(VENV)/bin/ruff check rag app eval tests

eval: build ## run the QA evaluation on both backends, write eval/report.md (+ the generality set)
	$(CLI) eval --mode all --backend all --report eval/report.md
	POLICYQA_CORPUS_DIR=eval/generality POLICYQA_INDEX_DIR=eval/_scratch/generality_index \
	  $(CLI) eval --set eval/generality/qa.jsonl --mode all --report eval/generality/report.md

bench: build ## measure speed, memory, the incremental build (10k clauses: long), write eval/bench.json
	$(CLI) bench --out eval/bench.json

clean: ## remove the built index and caches (keeps .venv)
	rm -rf index/* index.cache.sqlite* index.milvus.db .pytest_cache .ruff_cache tests/artifacts
