# One self-documenting entry: `make help`. Every target creates .venv first if it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Jupyter refuses to start as root (containers, CI) unless told; nobody else needs the flag
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

.DEFAULT_GOAL := help
.PHONY: help sample test test-fast lint format format-check typecheck check lab bbc bench bench-scale clean-reports

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

sample: $(STAMP)  ## set up and build the three reports on data/sample into reports/sample
	$(BIN)/analysis run data/sample --out reports/sample

test: $(STAMP)  ## set up and run every test and docstring example (browser tests need chromium + chromium-driver)
	$(BIN)/python -m pytest -q -p no:cacheprovider

test-fast: $(STAMP)  ## the tests that need neither ../shared nor a browser
	$(BIN)/python -m pytest -q -m "not shared and not browser and not slow"

lint: $(STAMP)  ## ruff: errors, unused names, import order (code, tests, notebooks)
	$(BIN)/ruff check .

format: $(STAMP)  ## ruff format: rewrite the code in the project's layout
	$(BIN)/ruff format .

format-check: $(STAMP)  ## list the files `make format` would change, changing none
	$(BIN)/ruff format --check .

typecheck: $(STAMP)  ## mypy on src/analysis (lenient: see [tool.mypy] in pyproject.toml)
	$(BIN)/mypy

check: lint format-check typecheck test  ## everything a change should pass: lint, format, types, tests

lab: $(STAMP)  ## open JupyterLab on the notebooks with the project's environment
	$(BIN)/jupyter lab notebooks $(ALLOW_ROOT)

bbc: $(STAMP)  ## reports on the shared BBC corpus, each with its own notebooks/params/*_bbc.yaml
	$(BIN)/analysis run ../shared/data/bbc_news --out reports/bbc $(foreach f,$(wildcard notebooks/params/*_bbc.yaml),--params $(f))

bench: $(STAMP)  ## the benchmarks recorded in docs/benchmarks.md (needs ../shared/data; ~15 min)
	bash benchmarks/run_all.sh

bench-scale: $(STAMP)  ## the 10k/100k-article scale benchmark (~10 min, scratch space in /tmp)
	bash benchmarks/run_all.sh scale

clean-reports:  ## delete generated reports and the prepared-corpus cache
	find reports -mindepth 1 ! -name README.md -exec rm -rf {} +
