# The two commands a newcomer needs: `make run` and `make test`. Each does all the set-up.
PYTHON ?= python3
TOOLS  := .tools
UV     := $(TOOLS)/bin/uv
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test setup system-deps lint bench clean

run: setup
	$(BIN)/backcoach db upgrade
	$(BIN)/backcoach serve --host $(HOST) --port $(PORT)

test: setup node_modules/.installed
	$(BIN)/pytest $(PYTEST_ARGS)

setup: system-deps $(VENV)/.synced

system-deps:
	@bash scripts/system-deps.sh

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==0.9.30

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --python $(PYTHON)
	touch $@

# axe-core for the browser tests' accessibility checks (package-lock.json pins it).
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund
	touch $@

lint: setup
	$(BIN)/ruff check backcoach tests bench
	$(BIN)/mypy backcoach

bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache
