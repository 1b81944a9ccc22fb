# Gazette: `make run` opens the sample article, `make test` checks everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE := resources/samples/harbour-summit.txt
BOOK ?= ../shared/corpus/war-and-peace.txt
DEV_SET ?= ../shared/eval-dev

APP_ID := io.github.gazette.Gazette
DATA_HOME ?= $(HOME)/.local/share

.PHONY: install run test lint typecheck contracts pytest bench accuracy lock dist dist-check \
	install-desktop uninstall-desktop icons clean

install: $(STAMP)

# The lock file pins every package by version and sha256 (pip --require-hashes).
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --config-settings editable_mode=compat -e .
	touch $(STAMP)

run: install
	$(BIN)/gazette $(SAMPLE)

lint: install
	$(BIN)/ruff check reader tests benchmarks tools

typecheck: install
	$(BIN)/mypy

contracts: install
	$(BIN)/lint-imports

pytest: install
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

test: lint typecheck contracts pytest

bench: install
	$(BIN)/python benchmarks/bench_open.py $(BOOK)

bench-start: install
	$(BIN)/python benchmarks/bench_start.py

accuracy: install
	$(BIN)/python benchmarks/accuracy.py --dev $(DEV_SET)

# Regenerate the lock files after changing pyproject.toml's pins (the bundle's
# lock follows the main one's versions).
lock:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --extra dev -o requirements.lock pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --extra dist -c requirements.lock \
		-o requirements-dist.lock pyproject.toml

# A one-folder bundle that runs without a Python set-up: dist/gazette/gazette.
dist: install
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dist.lock
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build packaging/gazette.spec

dist-check:
	$(BIN)/python tools/check_dist.py dist/gazette/gazette

icons: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/render_icons.py

install-desktop:
	install -Dm644 packaging/$(APP_ID).desktop $(DATA_HOME)/applications/$(APP_ID).desktop
	install -Dm644 packaging/$(APP_ID).metainfo.xml $(DATA_HOME)/metainfo/$(APP_ID).metainfo.xml
	install -Dm644 packaging/icons/gazette.svg $(DATA_HOME)/icons/hicolor/scalable/apps/$(APP_ID).svg
	for png in packaging/icons/hicolor/*/apps/$(APP_ID).png; do \
		install -Dm644 "$$png" "$(DATA_HOME)/icons/$${png#packaging/icons/}"; done
	-update-desktop-database -q $(DATA_HOME)/applications 2>/dev/null
	-gtk-update-icon-cache -q -t $(DATA_HOME)/icons/hicolor 2>/dev/null

uninstall-desktop:
	rm -f $(DATA_HOME)/applications/$(APP_ID).desktop $(DATA_HOME)/metainfo/$(APP_ID).metainfo.xml
	rm -f $(DATA_HOME)/icons/hicolor/scalable/apps/$(APP_ID).svg $(DATA_HOME)/icons/hicolor/*/apps/$(APP_ID).png
	-update-desktop-database -q $(DATA_HOME)/applications 2>/dev/null

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
