# Two entry points for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	mkdir -p out
	$(BIN)/synopse extract demo/corpus --format json -o out/demo-documents.json
	$(BIN)/synopse analyze demo/corpus --format json -o out/demo-analysis.json
	$(BIN)/synopse compare demo/corpus --format json -o out/demo-report.json
	$(BIN)/synopse compare demo/corpus --format html -o out/demo-report.html
	$(BIN)/synopse compare demo/corpus
	@echo "Reports written to out/demo-documents.json, out/demo-analysis.json, out/demo-report.json and out/demo-report.html"

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

test: $(STAMP) lint typecheck
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
