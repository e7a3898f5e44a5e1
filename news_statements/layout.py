"""A corpus folder: where its inputs and outputs lie, the same for this repository and for any other corpus.

    <corpus>/package.yaml    the package-level metadata (name, title, version, licences, contributors, sources)
    <corpus>/sources/        the article texts, byte-identical, and one metadata file per article
    <corpus>/curation/       actors, places, events, not_entities and one file per article (curation/README.md)
    <corpus>/datasets/       BUILT: datapackage.json, <table>.csv, <table>.parquet
    <corpus>/docs/           BUILT: data dictionary, articles page, pictures
    <corpus>/reports/        BUILT: coverage and warnings
    <corpus>/releases/       the IDs each release published (stable IDs are checked against them)
    <corpus>/dist/           release archives and the SQLite database

The tables' definitions are not here: they are the standard's (schema/ and validation/), the same for every
corpus. `news-statements init DIR` writes a new corpus folder (corpus_init.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from news_statements.metadata import package_metadata
from news_statements.problems import InputError, Problem

REQUIRED = ("name", "title", "description", "version")


@dataclass(frozen=True)
class Layout:
    root: Path

    @property
    def package_yaml(self) -> Path:
        return self.root / "package.yaml"

    @property
    def sources(self) -> Path:
        return self.root / "sources"

    @property
    def curation(self) -> Path:
        return self.root / "curation"

    @property
    def datasets(self) -> Path:
        return self.root / "datasets"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def releases(self) -> Path:
        return self.root / "releases"

    @property
    def dist(self) -> Path:
        return self.root / "dist"

    def metadata(self) -> dict[str, Any]:
        """The corpus's package.yaml; a missing or unreadable one is an input problem (one line, the file)."""
        try:
            meta = package_metadata(self.package_yaml)
        except (OSError, ValueError, yaml.YAMLError) as err:
            raise InputError([Problem(str(self.package_yaml), None, None, f"cannot be read: {err}"[:300])]) from None
        missing = [key for key in REQUIRED if not isinstance(meta, dict) or not meta.get(key)]
        if missing:
            raise InputError([Problem(str(self.package_yaml), None, None, f"needs {', '.join(missing)}")])
        return meta
