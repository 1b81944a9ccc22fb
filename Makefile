# Gazette: `make run` opens the sample article, `make test` checks everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE := resources/samples/harbour-summit.txt
BOOK ?= ../shared/corpus/war-and-peace.txt
ARTICLE ?= ../shared/samples/north-korea-russia.txt
DEV_SET ?= ../shared/eval-dev
PUBLIC_SETS ?= ../shared/eval-public-dev

APP_ID := io.github.gazette.Gazette
DATA_HOME ?= $(HOME)/.local/share

.PHONY: install run test lint typecheck contracts pytest bench bench-start accuracy lock dist dist-check \
	install-desktop uninstall-desktop icons clean

install: $(STAMP)

# The lock file pins every package by version and sha256 (pip --require-hashes).
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --config-settings editable_mode=compat -e .
	touch $(STAMP)

# Qt's own message when a library of its X11 plugin is missing names the wrong
# one: check first and print the one apt-get line that adds what is missing.
run: install
	@$(BIN)/python tools/check_window_libraries.py
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

# `make bench BOOK=FILE` measures any text; `CHARS=400000` uses only its start
# (tests/data/war-and-peace-excerpt.txt holds 400,000 characters of the book, from Book One on).
bench: install
	@test -f "$(BOOK)" || { echo "make bench: no book at $(BOOK): get War and Peace (public domain) as plain text from Project Gutenberg, eBook #2600, https://www.gutenberg.org/ebooks/2600, then run make bench BOOK=that-file" >&2; exit 1; }
	$(BIN)/python benchmarks/bench_open.py $(if $(CHARS),--chars $(CHARS)) $(BOOK)

# The cold start is measured on the reference article, or on ARTICLE=FILE.
bench-start: install
	@test -f "$(ARTICLE)" || { echo "make bench-start: no article at $(ARTICLE): run make bench-start ARTICLE=FILE, e.g. ARTICLE=$(SAMPLE)" >&2; exit 1; }
	$(BIN)/python benchmarks/bench_start.py $(ARTICLE)

# Every set: our own articles, the real texts, each public set and their pool, plain spaCy
# beside Gazette; `make accuracy ABLATE=1` also switches each pass off in turn.
accuracy: install
	$(BIN)/python benchmarks/accuracy.py --dev $(DEV_SET) --public $(PUBLIC_SETS) $(if $(ABLATE),--ablate)

# Regenerate the lock files after changing pyproject.toml's pins (the bundle's
# lock follows the main one's versions).
lock:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --extra dev -o requirements.lock pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --extra dist -c requirements.lock \
		-o requirements-dist.lock pyproject.toml
	# pip 23 on a fresh venv fails on a pinned package with an extra that another
	# package also asks for ("lxml[html-clean]"): the extra's package is pinned on its own.
	sed -i 's/^lxml\[html-clean\]==/lxml==/' requirements.lock requirements-dist.lock

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

# The tests again with every start-up speed-up switched off (see reader/core/speedups.py).
.PHONY: test-plain
test-plain: install
	GAZETTE_NO_SPEEDUPS=1 QT_QPA_PLATFORM=offscreen $(BIN)/pytest
