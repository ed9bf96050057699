# `make run` and `make test` work on a fresh machine: they create .venv, install the
# CPU build of torch first (an unpinned torch pulls a multi-gigabyte CUDA build), then
# the project with its test extras.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE := resources/samples/harbour-bridge

.PHONY: run report test unit lint bench package clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/storydiff --sample

report: $(STAMP)
	mkdir -p out
	$(BIN)/storydiff compare $(SAMPLE)/*.txt --reference $(SAMPLE)/01-wire.txt \
		--json out/harbour-bridge.json --html out/harbour-bridge.html
	@echo "HTML report: out/harbour-bridge.html"

lint: $(STAMP)
	$(BIN)/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen HF_HUB_OFFLINE=1 $(BIN)/python -m pytest

unit: $(STAMP)
	$(BIN)/python -m pytest tests/unit

bench: $(STAMP)
	$(BIN)/python benchmarks/tune_threshold.py
	$(BIN)/python benchmarks/align_pseudo_stories.py
	$(BIN)/python benchmarks/eval_stories.py
	$(BIN)/python benchmarks/compare_speed.py

# A one-folder application in dist/storydiff/ that runs without Python (packaging/README.md).
# Not part of `make test`: it takes minutes. PyInstaller comes from the `package` extra (pinned).
package: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[package]'
	$(BIN)/python packaging/build.py

clean:
	rm -rf $(VENV) build dist *.egg-info desktop/*.egg-info
