PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app webform

.PHONY: run test format setup clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/activate pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

setup: $(VENV)/.installed

## Set up and run the service with the embedded defaults (SQLite, local mail catcher).
run: setup
	APP_ENV=development $(FLASK) init-db
	APP_ENV=development $(FLASK) demo-setup
	APP_ENV=development PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start

## Set up and run the whole test suite (and PostgreSQL too when TEST_DATABASE_URL is set).
test: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache
