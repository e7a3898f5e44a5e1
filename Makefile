# The two quick-start targets are `make build` and `make test`; each sets up its own pinned environment.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: build check preview diff propose proposer-report test validate lint codelists benchmark clean release database docs serve mutation

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

build: $(STAMP)          ## schema/ -> standard/ (the published profile and Table Schemas); sources/ + curation/ -> datasets/
	$(PY) -m news_statements.standard
	$(PY) build.py

check: build             ## the curator's loop (under a minute): build, then the tests not marked `slow`
	$(PY) -m pytest -q -m "not slow"

preview: $(STAMP)        ## what the build makes of one article: make preview ARTICLE=<article_id>
	$(PY) -m news_statements.preview $(ARTICLE)

diff: $(STAMP)           ## rows added, removed and changed in the built tables against the last commit (REV=HEAD)
	$(PY) -m news_statements.table_diff --rev $(or $(REV),HEAD)

propose: $(STAMP)        ## a draft curation file for a new article (sources/<id>.yaml first): make propose ARTICLE=<id>
	$(PY) -m news_statements.proposer $(ARTICLE) --out curation/$(ARTICLE).draft.yaml

proposer-report: $(STAMP) ## measure the proposer on the curated articles -> reports/proposer.md (and print it); `make release` does it
	$(PY) -m news_statements.proposer --evaluate

test: $(STAMP)           ## the whole test suite (rebuilds the package and compares with datasets/)
	$(PY) -m pytest

validate: $(STAMP)       ## validate datasets/ with every layer
	$(VENV)/bin/syria-offensive validate datasets

mutation: $(STAMP)       ## mutation testing of the transforms and the validation rules (slow; before a release): per-module table + score
	rm -rf mutants
	nice -n 10 $(VENV)/bin/mutmut run --max-children 2
	nice -n 10 $(PY) tools/sql_mutants.py
	$(PY) tools/mutation_report.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

codelists: $(STAMP)      ## re-derive schema/codelists/cameo.csv and plover.csv from the upstream copies
	$(PY) -m news_statements.codelists

benchmark: $(STAMP)      ## synthetic packages of 10k/100k/1M statements: build, read, validate -> benchmarks/results/latest.md
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache mutants

release: build           ## dist/<name>-<version>.zip + .sha256 (docs/pictures/, reports/proposer.md redrawn first); records its hash and IDs
	$(PY) -m syria_offensive.release_check
	$(PY) -m news_statements.pictures
	$(PY) -m news_statements.proposer --evaluate > /dev/null
	$(PY) -m syria_offensive.release
	$(PY) -m pytest -q tests/test_release.py

database: $(STAMP)       ## dist/syria-offensive-2024.db (keys, full-text search, views/) + dist/metadata.json for Datasette
	$(PY) -m news_statements.database

docs: $(STAMP)           ## docs/pictures/*.png from datasets/ (validated first; nothing is drawn when it fails); `make release` does it
	$(PY) -m news_statements.pictures

serve:                   ## browse dist/syria-offensive-2024.db in Datasette on http://127.0.0.1:8001
	@test -f dist/syria-offensive-2024.db || { echo "no database: run 'make database' (or 'make release') first" >&2; exit 2; }
	@$(MAKE) --no-print-directory $(STAMP)
	cd dist && ../$(VENV)/bin/datasette serve syria-offensive-2024.db --metadata metadata.json --static tiles:tiles -h 127.0.0.1 -p 8001
