# Rekindle: `make run` starts the app, `make test` runs the whole suite. Both set up everything.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
# Qt needs these shared libraries; the xcb (X11) window plugin needs the second list too.
QT_LIBS := libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
XCB_LIBS := libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
	libxkbcommon-x11-0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-cursor0
# Chinese characters to show the translation with (and for tests/app/test_text_fit.py to measure).
CJK_FONT := fonts-noto-cjk

.PHONY: run test lint bench package system-libs-test system-libs-run

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,cluster]'
	touch $(STAMP)

# Install missing Debian packages (only when some are missing; needs root, as in CI).
define apt_install
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing system libraries: $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

system-libs-test:
	$(call apt_install,$(QT_LIBS) $(CJK_FONT))

system-libs-run:
	$(call apt_install,$(QT_LIBS) $(XCB_LIBS) $(CJK_FONT))

run: $(STAMP) system-libs-run
	$(PY) -m app

test: $(STAMP) system-libs-test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

# The Linux one-folder bundle, checked without a screen, then its .deb; prints both sizes.
package: $(STAMP) system-libs-test
	$(VENV)/bin/pyinstaller build.spec --noconfirm --clean --log-level WARN
	dist/Rekindle/Rekindle --self-test --check-window
	@du -sh dist/Rekindle
	packaging/linux/make_deb.sh dist/Rekindle \
		"$$($(PY) -c "from importlib.metadata import version; print(version('rekindle'))")" dist
	@du -sh dist/*.deb

bench: $(STAMP)
	$(PY) bench/inference.py --json
	$(PY) bench/training.py --json
