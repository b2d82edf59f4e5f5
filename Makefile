# One Makefile; CI (.ci/run) calls `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv demo test test-faults bench golden clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $(STAMP)

venv: $(STAMP)

# compile samples/order and run it on an embedded time-skipping Temporal server
demo: $(STAMP)
	$(BIN)/luac2py run samples/order --workflow app:order_workflow \
	  --input '{"id":"o1","total":30,"customer_id":"c1","shipping_address":"Seoul"}' \
	  --activities samples.order.activities --time-skipping

# the whole suite: everything, then the long fault-injection tests (worker crash, load)
test: $(STAMP)
	$(BIN)/python -m pytest -q -p no:randomly tests
	$(BIN)/python -m pytest -q -p no:randomly -m faults tests

test-faults: $(STAMP)
	$(BIN)/python -m pytest -q -p no:randomly -m faults tests

bench: $(STAMP)
	$(BIN)/python bench/run_all.py
	$(BIN)/python bench/build.py --write

golden: $(STAMP)
	$(BIN)/python -m pytest -q tests/golden --update-golden
	git diff --stat tests/golden

clean:
	rm -rf $(VENV) build *.egg-info
