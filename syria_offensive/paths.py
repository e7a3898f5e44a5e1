"""Where the project's inputs and outputs live, relative to the repository root."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema"
CODELISTS = SCHEMA / "codelists"
SOURCES = ROOT / "sources"
CURATION = ROOT / "curation"
DATASETS = ROOT / "datasets"
REPORTS = ROOT / "reports"
DOCS = ROOT / "docs"
RELEASES = ROOT / "releases"
