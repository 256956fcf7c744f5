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

.PHONY: run test lint bench package system-libs-test system-libs-run venv-support apt-install

# A venv left without pip (its python made while ensurepip was missing) is made again.
$(STAMP): pyproject.toml | venv-support
	$(PY) -m pip --version >/dev/null 2>&1 || $(PYTHON) -m venv --clear $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,cluster]'
	touch $(STAMP)

# Install missing Debian packages (only when some are missing; needs root, as in CI: anyone
# else is told the one command to run first).
define apt_install
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" != 0 ]; then \
			echo "missing system packages: $$missing; install them once with:"; \
			echo "  sudo apt-get install $$missing"; \
			exit 1; \
		fi; \
		echo "installing system libraries: $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

# Debian's and Ubuntu's Python makes a venv with pip only with its -venv package (ensurepip).
venv-support:
	@$(PYTHON) -c "import ensurepip" 2>/dev/null || \
		$(MAKE) --no-print-directory apt-install PACKAGES=$(notdir $(PYTHON))-venv

apt-install:
	$(call apt_install,$(PACKAGES))

system-libs-test:
	$(call apt_install,$(QT_LIBS) $(CJK_FONT))

system-libs-run:
	$(call apt_install,$(QT_LIBS) $(XCB_LIBS) $(CJK_FONT))

run: system-libs-run $(STAMP)
	$(PY) -m app

test: system-libs-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

# The Linux one-folder bundle, checked without a screen (its self-test and both command
# lines), then its .deb; prints both sizes.
# The bundle's copies of the venv's libraries share their disk blocks with them.
package: system-libs-test $(STAMP)
	$(VENV)/bin/pyinstaller build.spec --noconfirm --clean --log-level WARN
	$(PY) packaging/share_bundle_files.py dist/Rekindle/_internal
	dist/Rekindle/Rekindle --self-test --check-window
	dist/Rekindle/Rekindle engine --help >/dev/null
	dist/Rekindle/Rekindle training --help >/dev/null
	@du -sh dist/Rekindle
	packaging/linux/make_deb.sh dist/Rekindle \
		"$$($(PY) -c "from importlib.metadata import version; print(version('rekindle'))")" dist
	@du -sh dist/*.deb

bench: $(STAMP)
	$(PY) bench/inference.py --json
	$(PY) bench/training.py --json
