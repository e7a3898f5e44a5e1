"""Where the project's inputs and outputs live.

In a checkout (or an editable install) everything is at the repository root, where the design puts it.
An installed wheel has no repository: the build backend maps the directories the code reads at run time
(schema/, standard/, validation/ and the current release's datasets/) into the package as `news_statements/_data/<name>`
(see `[tool.hatch.build.targets.wheel.force-include]` in pyproject.toml), so there is never a second
copy in the repository.
"""

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
BUNDLED = PACKAGE / "_data"


def data_dir(name: str) -> Path:
    """The directory `name` (schema, validation, datasets): the wheel's bundled copy, else the checkout's."""
    bundled = BUNDLED / name
    return bundled if bundled.is_dir() else ROOT / name


SCHEMA = data_dir("schema")
CODELISTS = SCHEMA / "codelists"
PACKAGE_YAML = ROOT / "package.yaml"  # this corpus's package-level metadata
SOURCES = ROOT / "sources"
CURATION = ROOT / "curation"
DATASETS = ROOT / "datasets"
REPORTS = ROOT / "reports"
DOCS = ROOT / "docs"
RELEASES = ROOT / "releases"
