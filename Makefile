# Yichuang: `make demo` and `make test` are all a newcomer needs.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
YICHUANG := $(BIN)/yichuang
VENDOR := src/yichuang/static/vendor
FONT_DIR := node_modules/@expo-google-fonts/noto-sans-sc

.PHONY: demo demo-reset test install assets messages makemessages bench serve clean

demo: install assets messages
	$(YICHUANG) migrate --noinput
	$(YICHUANG) demo_load
	$(YICHUANG) collectstatic --noinput --verbosity 0
	@$(YICHUANG) demo_logins
	$(BIN)/gunicorn yichuang.wsgi --bind 127.0.0.1:8000 --workers 2 --access-logfile - --error-logfile -

# Throw the demo database away and build it again from the seeds.
demo-reset:
	rm -f var/yichuang.sqlite3 var/yichuang.sqlite3-wal var/yichuang.sqlite3-shm
	$(MAKE) demo

test: install assets messages
	bash scripts/test.sh

bench: install assets messages
	bash scripts/bench.sh

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Yichuang needs Python 3.11; set PYTHON=/path/to/python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Front-end packages come from npm and are copied next to our own static files.
assets: node_modules/.installed
	mkdir -p $(VENDOR)/htmx $(VENDOR)/bootstrap $(VENDOR)/echarts $(VENDOR)/fonts
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map $(VENDOR)/bootstrap/
	cp node_modules/echarts/dist/echarts.min.js $(VENDOR)/echarts/
	cp $(FONT_DIR)/400Regular/NotoSansSC_400Regular.ttf $(FONT_DIR)/700Bold/NotoSansSC_700Bold.ttf $(VENDOR)/fonts/

# Compiled with Babel (pure Python), so no system gettext is needed.
messages: $(VENV)/.installed
	$(BIN)/pybabel compile -d src/yichuang/locale -D django --statistics

# Developers: refresh the catalogue after changing strings (needs GNU gettext's xgettext).
makemessages:
	cd src/yichuang && ../../$(YICHUANG) makemessages -l zh_Hans -l en --no-obsolete --no-location

serve: install assets messages
	$(YICHUANG) migrate --noinput
	$(YICHUANG) runserver 127.0.0.1:8000

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var/staticfiles
