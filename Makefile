# Partner Desk. `make run` opens the demo; `make test` runs every test headless.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

# Only what a box lacks is installed. Qt itself (any platform); its X11 (xcb) platform, which a
# desktop opens windows with and Qt will not load if any one of these is missing; PostgreSQL
# for the server suite; gnome-keyring in a D-Bus session of its own for the real-keyring test;
# Xvfb for screenshots.
QT_DEBS     := libegl1 libgl1 libopengl0 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3 \
               fonts-dejavu-core
XCB_DEBS    := libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
               libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0
TEST_DEBS   := $(QT_DEBS) postgresql gnome-keyring dbus-daemon
RUN_DEBS    := $(QT_DEBS) $(XCB_DEBS)
SCREEN_DEBS := xvfb $(XCB_DEBS)

.PHONY: install run test soak lint format screenshots bundle translations bench bench-quick clean \
	system-test-deps system-run-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[server,test,dev,bundle]'
	touch $(STAMP)

install: $(STAMP)

system-test-deps:
	@if command -v dpkg-query >/dev/null; then scripts/system-deps.sh $(TEST_DEBS); fi

system-run-deps:
	@if command -v dpkg-query >/dev/null; then scripts/system-deps.sh $(RUN_DEBS); fi

run: $(STAMP) system-run-deps
	$(BIN)/partner-desk --demo

# In parallel, one worker per core, each test file whole on one worker (its module's server is
# started once), the longest files first (tests/conftest.py); every worker has its own ports,
# temp folders, settings, keyring and PostgreSQL cluster. `.venv/bin/pytest` runs it serially.
test: $(STAMP) system-test-deps
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n auto --dist loadfile --no-loadscope-reorder

# The reliability suites' long forms (1,000 suspend runs under faults, longer fuzzing, load);
# each prints its figures at the end of the run.
soak: $(STAMP) system-test-deps
	PARTNER_DESK_SOAK=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m reliability \
		-o timeout=7200 -p no:cacheprovider

# The rules of the house are import contracts (pyproject.toml, docs/architecture.md).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy desktop server

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

screenshots: $(STAMP)
	@scripts/system-deps.sh $(SCREEN_DEBS)
	xvfb-run -a -s "-screen 0 1600x1000x24" $(BIN)/python -m scripts.screenshots docs/screenshots
	# The suspend flow's, the Staff page's and two-factor's screens come from the tests that
	# drive them (grab() needs no screen).
	PARTNER_DESK_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q -p no:cacheprovider \
		tests/desktop/test_suspend_flow.py tests/desktop/test_bulk_operations.py \
		tests/desktop/test_staff_page.py tests/desktop/test_signin_mfa.py \
		tests/desktop/test_account_dialog.py

# Benchmarks print ratios against baselines measured in the same run; they are never tests
# (tests/packaging/test_benches.py only sees that each still runs, at its --smoke size).
# Each step merges its figures into bench/results.json; `-` keeps going past a goal not met.
bench: $(STAMP)
	-$(BIN)/python -m bench.server_search
	-QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.filter_results
	-QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.load_table
	-QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.live_table
	-$(BIN)/python -m bench.snapshot_load
	-$(BIN)/python -m bench.change_latency
	-QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.suspend_e2e
	-QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.startup

bench-quick: $(STAMP)
	-$(BIN)/python -m bench.server_search --quick --repeat 5
	-QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.filter_results --rows 20000 --big-rows 50000
	-QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.load_table --customers 5000 --repeat 3
	-QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.live_table --quick
	-$(BIN)/python -m bench.snapshot_load --quick
	-$(BIN)/python -m bench.change_latency --quick
	-QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.suspend_e2e --customers 5
	-QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.startup --repeat 3

# Every string under desktop/ into the .ts (no line numbers: it changes only when a string does),
# then the .qm the app loads. Translate new entries (pyside6-linguist) and run it again.
# English is the source text: its catalogue holds only the plural forms ("1 customer").
TS_HR := desktop/translations/partner_desk_hr.ts
TS_EN := desktop/translations/partner_desk_en.ts
LUPDATE := $(BIN)/pyside6-lupdate -silent -extensions py -locations none -no-obsolete
translations: $(STAMP)
	$(LUPDATE) desktop -ts $(TS_HR)
	$(LUPDATE) -pluralonly desktop -ts $(TS_EN)
	$(BIN)/pyside6-lrelease -silent $(TS_HR) -qm $(TS_HR:.ts=.qm)
	$(BIN)/pyside6-lrelease -silent $(TS_EN) -qm $(TS_EN:.ts=.qm)

# The one-folder bundle in dist/partner-desk (macOS also dist/Partner Desk.app), then its
# self-test: a demo server, sign-in, the customer list, headless.
bundle: $(STAMP) system-test-deps
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/partner-desk.spec
	QT_QPA_PLATFORM=offscreen dist/partner-desk/partner-desk --self-test

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist *.egg-info
