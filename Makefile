# marsad: the two commands a new machine needs are `make demo` and `make test`.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT ?= out

.PHONY: demo test lint typecheck bench models clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found (marsad needs Python 3.11)"; exit 2; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# Analyse the bundled corpus, load it into the embedded store, show what is in it, write Morocco's report for the
# seed article's week and run the sample alert rules (they fire on the seed's cell dismantling), then serve the
# dashboard (in a terminal; elsewhere, or with DEMO_SERVE=0, the server is started, checked and stopped).
DEMO_SERVE ?= 1
demo: $(STAMP)
	@mkdir -p $(OUT)
	$(BIN)/marsad analyze examples/seed examples/demo/corpus.jsonl --published 2025-02-26 --out $(OUT)/demo.jsonl || test $$? -eq 1
	$(BIN)/marsad store load $(OUT)/demo.jsonl --db $(OUT)/demo.duckdb
	$(BIN)/marsad summary $(OUT)/demo.jsonl
	$(BIN)/marsad events --db $(OUT)/demo.duckdb --limit 8
	$(BIN)/marsad relations --db $(OUT)/demo.duckdb --limit 8
	$(BIN)/marsad report --country MAR --week 2025-W09 --format pdf --out $(OUT)/report-MAR-2025-W09.pdf --db $(OUT)/demo.duckdb
	$(BIN)/marsad report --country MAR --week 2025-W09 --format html --out $(OUT)/report-MAR-2025-W09.html --db $(OUT)/demo.duckdb
	$(BIN)/marsad alerts check --rules examples/alerts.yaml --db $(OUT)/demo.duckdb
	$(BIN)/marsad alerts list --db $(OUT)/demo.duckdb --watch morocco-arrests
	@echo "records: $(OUT)/demo.jsonl   store: $(OUT)/demo.duckdb   report: $(OUT)/report-MAR-2025-W09.pdf   alerts: out/alerts.jsonl"
	@echo "try: $(BIN)/marsad events --db $(OUT)/demo.duckdb --country MAR"
	@if [ "$(DEMO_SERVE)" = 1 ] && [ -t 0 ]; then $(BIN)/marsad serve --db $(OUT)/demo.duckdb; \
	 else $(BIN)/marsad serve --db $(OUT)/demo.duckdb --port 0 --check; fi

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts training
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

# Rebuild every model from ../shared/data and the annotated corpus (training/README.md): the NER
# model (about 35 minutes on two free cores), then the event model, which reads its entities (about
# 10 minutes).
models: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[train]'
	OMP_NUM_THREADS=1 PYTHONPATH=src $(BIN)/python training/ner/build.py --install
	PYTHONPATH=src:training/corpus $(BIN)/python training/events/train.py --final --extra ../shared/gold/dev.jsonl

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py -n 1000

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
