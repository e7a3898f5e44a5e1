"""`news-statements init DIR`: a new corpus folder for other articles, curated and built with the same tables.

The folder gets the layout of layout.Layout: a package.yaml to fill in (name from the folder, a new UUID,
version 0.1.0; title, description and licence are the curator's to write: nothing is chosen for them),
sources/ and curation/ with empty actors, places, events and not-entities lists, the curator's guide
(the toolkit's curation/README.md, whose checklist says how to add an article) and a Makefile whose targets
call the installed command line. Nothing is written when DIR exists and is not empty.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from news_statements.paths import data_dir

PACKAGE_YAML = """\
# What this corpus is: the package-level metadata of its datapackage.json (Data Package v2). The tables and
# their fields are the standard's (installed with the toolkit), the same for every corpus.
name: {name}
# Generated once by `init`; it never changes between versions.
id: urn:uuid:{uuid}
title: "{title}"
description: >-
  Write here what the articles are about, which outlets and period they cover, and under which terms the
  article texts are included. The build appends a sentence on the articles (how many, by how many outlets,
  published when).
version: 0.1.0
keywords: null
# The licence of the annotations, e.g. - {{name: CC-BY-4.0, path: https://creativecommons.org/licenses/by/4.0/}}
licenses: null
contributors: null
sources: null  # the non-article sources, a list of {{title, path}}; the build adds one entry per article
"""

SOURCES_README = """\
# Sources

One article = two files: the text exactly as it was received (`<anything>.txt`, never edited: the build
checks its sha256 and cleans a copy) and `<article_id>.yaml` saying where it came from (outlet, URL, dates and
the basis of each, the furniture lines to drop). See the curator's guide, curation/README.md ("Sources").
"""

MAKEFILE = """\
# The curator's loop for this corpus, with the toolkit installed (pip install ...). `make check` after every edit.
TOOL ?= news-statements

.PHONY: build check validate preview propose diff database pictures release

build:      ## sources/ + curation/ -> datasets/ (and docs/, reports/)
\t$(TOOL) build .
check:      ## build, then validate the package with every layer
\t$(TOOL) check .
validate:   ## validate datasets/ with every layer
\t$(TOOL) validate datasets
preview:    ## what the build makes of one article: make preview ARTICLE=<article_id>
\t$(TOOL) preview $(ARTICLE) --corpus .
propose:    ## a draft curation file for a new article: make propose ARTICLE=<article_id>
\t$(TOOL) propose $(ARTICLE) --corpus .
diff:       ## rows added, removed and changed against the last commit (in git)
\t$(TOOL) diff --corpus .
database:   ## dist/<name>.db (SQLite, full-text search, views) + dist/metadata.json for Datasette
\t$(TOOL) database .
pictures:   ## docs/pictures/*.png from datasets/
\t$(TOOL) pictures .
release:    ## docs/pictures/ redrawn, dist/<name>-<version>.zip + .sha256, releases/ids-<version>.csv
\t$(TOOL) release .
"""

EMPTY_LISTS = {
    "actors.yaml": '# The actors (curation/README.md, "Actors"): one entry each, with id, name, type, aliases.\n[]\n',
    "places.yaml": '# The places named (curation/README.md, "Places"), with coordinates and their basis.\n[]\n',
    "events.yaml": '# The events, deduplicated across articles (curation/README.md, "Events").\n[]\n',
    "not_entities.yaml": "# Capitalised words that name no actor or place, with the reason.\n[]\n",
}


def slug(name: str) -> str:
    """A Data Package name from a folder name: lower case letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "corpus"


def files(directory: Path) -> dict[str, str]:
    """Path inside the new corpus -> text."""
    name = slug(directory.resolve().name)
    guide = (data_dir("curation") / "README.md").read_text(encoding="utf-8")
    written = {
        "package.yaml": PACKAGE_YAML.format(name=name, uuid=uuid.uuid4(), title=name),
        "sources/README.md": SOURCES_README,
        "curation/README.md": guide,
        "curation/articles/.gitkeep": "",
        "Makefile": MAKEFILE,
        ".gitignore": "dist/\n",
    }
    return written | {f"curation/{file}": text for file, text in EMPTY_LISTS.items()}


def init(directory: Path) -> list[Path]:
    """Write a new corpus folder; refuse one that exists and is not empty (nothing is overwritten)."""
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise FileExistsError(f"{directory}: exists and is not an empty folder; choose a new one")
    written = []
    for relative, text in files(directory).items():
        path = directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
