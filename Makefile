# Skolebro: `make run` serves the demo, `make test` runs every test. Both set themselves up.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
FLASK := FLASK_APP=wsgi $(VENV)/bin/flask
PYBABEL := $(VENV)/bin/pybabel
CATALOGS := $(shell find app -path '*/translations' -type d)

.PHONY: run test install install-test translations chromium migrate-check lint format bench clean

$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PIP) install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed translations

install-test: $(VENV)/.installed-test translations chromium

translations: $(VENV)/.installed
	@for d in $(CATALOGS); do $(PYBABEL) compile -q -f -d $$d 2>/dev/null || $(PYBABEL) compile -f -d $$d; done

chromium:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

run: install
	$(FLASK) db upgrade
	$(FLASK) seed-demo --if-empty
	$(FLASK) run --host 127.0.0.1 --port 5000

test: install-test
	$(PY) -m pytest -q

migrate-check: install
	$(FLASK) db upgrade
	$(FLASK) db check

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-test
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install
	$(PY) -m scheduler.bench --preset region --seed 1

clean:
	rm -rf $(VENV) instance/skolebro.sqlite3
