# The two commands: `make run` and `make test`. Everything else is set up by them.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
# pip here warns about absent local mirrors and about editable installs, harmlessly: keep errors only.
QUIET_PIP := grep -v -e "is ignored: it is neither" -e "BuildBackendWarning" -e "^\s*[!*]" -e "Please be careful" \
	-e "name as your package" -e "with strategy" -e "^\s*$$" || true
# The first interpreter >= 3.12 that really runs: pyenv's versions, then PATH (a pyenv shim may not run).
PYENV_ROOT := $(shell pyenv root 2>/dev/null)
CANDIDATES := $(wildcard $(PYENV_ROOT)/versions/3.13*/bin/python3.13 $(PYENV_ROOT)/versions/3.12*/bin/python3.12) \
	$(shell command -v python3.13 python3.12 2>/dev/null)
PYTHON := $(firstword $(foreach p,$(CANDIDATES),$(shell $(p) -c 'import sys; assert sys.version_info >= (3, 12)' 2>/dev/null && echo $(p))))
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test setup lint types test-sqlite test-postgres messages bench clean

$(VENV)/.installed: pyproject.toml
	@if [ -z "$(PYTHON)" ]; then echo "Grassroots needs Python 3.12 or 3.13 (python3.13 / python3.12 on PATH or under pyenv); none found." >&2; exit 1; fi
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	@echo "Installing the pinned dependencies into $(VENV) ($(PYTHON))"
	@$(PY) -m pip install -q --upgrade pip 2>&1 | { $(QUIET_PIP); }
	@$(PY) -m pip install -q -e '.[test]' 2>&1 | { $(QUIET_PIP); }
	@touch $@

setup: $(VENV)/.installed
	@mkdir -p var
	$(PY) manage.py compilemessages --ignore '.venv' -v 0

run: setup
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py demo --if-empty
	$(PY) manage.py worker & trap "kill $$! 2>/dev/null" EXIT; $(PY) manage.py runserver 127.0.0.1:8000

/usr/bin/chromium:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

types: setup
	$(VENV)/bin/mypy grassroots bench tests

test-sqlite: setup /usr/bin/chromium
	DATABASE_URL= $(PY) -m pytest -n 2 -q

test-postgres: setup
	@if $(PY) -c "import psycopg,sys; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		DATABASE_URL=$(PG_URL) $(PY) -m pytest -n 2 -q; \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL at $(PG_URL) is not reachable, and CI requires it." >&2; exit 1; \
	else \
		echo "PostgreSQL at $(PG_URL) is not reachable: ran the suite on SQLite only."; \
	fi

test: lint types test-sqlite test-postgres

# Refresh every app's zh_Hans catalogue after adding UI strings; then translate the new entries.
messages: setup
	for d in grassroots/*/locale; do \
		(cd $$(dirname $$d) && DJANGO_SETTINGS_MODULE=grassroots.settings PYTHONPATH=$(CURDIR) \
			$(CURDIR)/$(VENV)/bin/django-admin makemessages -l zh_Hans --no-obsolete -v 0); done

clean:
	rm -rf $(VENV) var
