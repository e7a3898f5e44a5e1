"""The release archive: the data package with its data card, data dictionary, licence, changelog and citation.

Unzipped, the archive's root reads like a checkout's: `datasets/` (the package), `docs/data-dictionary.md`,
`sources/*.yaml` (where each article came from, when, and the basis of each date), and `README.md`, the data
card, made of the project README's sections that hold outside the repository, so that the README's read
paths (`pd.read_csv("datasets/statements.csv")`, ...) work as written from the archive's root.

The zip is deterministic (sorted members, fixed timestamps and permissions), so its sha256 is a property
of the data: `make release` writes it to syria_offensive/release.json (with every earlier release's), where
`load()` finds the hash to verify a download against. Run `make release` to write
dist/<name>-<version>.zip and its .sha256, record the hash, and record the IDs the release publishes in
releases/ids-<version>.csv (see stable_ids.py).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from news_statements.archive import changes_members, package_members, unknown_previous_release, write_zip
from news_statements.metadata import package_metadata
from news_statements.paths import DATASETS, RELEASES, ROOT
from news_statements.readers import read_package
from news_statements.stable_ids import write_release_ids

REGISTRY = Path(__file__).with_name("release.json")
EXTRA_FILES = ["LICENSE", "LICENSE-DATA", "CHANGELOG.md", "CITATION.cff", "docs/data-dictionary.md", "docs/articles.md"]
EXTRA_FILES += ["examples/tour.py", "examples/questions.py"]
# named by the field descriptions (datapackage.json, metadata.json): the curation rules, the places' aliases and the
# CAMEO code list the tables are checked against
EXTRA_FILES += ["curation/README.md", "curation/places.yaml", "schema/codelists/cameo.csv"]
# what the card's sections say about a checkout only ("(in a checkout: `make docs`)"), dropped from the archive's card
CHECKOUT_ONLY = re.compile(r" ?\(in a checkout\b[^()]*\)")
# the test that runs a block, named in its `<!-- runs: ... (tests/...) -->` line: the archive holds no tests/
TEST_NOTE = re.compile(r"(<!-- runs: [^(>]*?) \([^>]*\) -->")
# the README sections that hold inside the archive
CARD_SECTIONS = ["Dataset card", "Read the files", "Browse and search", "Pictures", "Tables"]


def archive_name(version: str) -> str:
    return f"{package_metadata()['name']}-{version}.zip"


def data_card(readme: str) -> str:
    """The archive's README.md: the project README's sections that hold outside the repository."""
    sections = []
    for title in CARD_SECTIONS:
        match = re.search(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", readme, flags=re.S | re.M)
        if not match:
            raise ValueError(f"README.md has no '## {title}' section")
        sections.append(TEST_NOTE.sub(r"\1 -->", CHECKOUT_ONLY.sub("", match.group(0))).rstrip() + "\n")
    head = (
        f"# {package_metadata()['title']}\n\n"
        "This archive is one release of the data package: `datasets/` (CSV and Parquet tables with their Frictionless "
        "descriptor), the same tables as one SQLite database (`syria-offensive-2024.db`, with `metadata.json` and "
        "the map tiles in `tiles/` for Datasette), [pictures](docs/pictures/) drawn from them, "
        "a [guided tour](examples/tour.py) of the database "
        "and [eight questions](examples/questions.py) answered with pandas, the "
        "[data dictionary](docs/data-dictionary.md), where each article came from (`sources/`, "
        "[docs/articles.md](docs/articles.md)), the curation rules "
        "([curation/README.md](curation/README.md)), the rows added, removed and changed since the previous release "
        "([changes.md](changes.md), [changes.csv](changes.csv)), the [licence](LICENSE-DATA), the "
        "[changelog](CHANGELOG.md) and how to [cite it](CITATION.cff). "
        "The Python module that loads the tables typed is installed from a clone of the project's repository "
        '(`python -m pip install .`: pandas and pyarrow only; `".[validate]"` adds the validator of copies).\n'
    )
    return "\n".join([head, *sections])


def archive_members(datasets: Path, root: Path, version: str) -> dict[str, bytes]:
    """Path inside the archive's folder -> bytes: the toolkit's package members, the changes since the previous
    release, and this corpus's data card."""
    patterns = ("sources/*.yaml", "docs/pictures/*.png", *EXTRA_FILES)
    members = package_members(datasets, root, patterns, package_metadata())
    members |= changes_members(datasets, root, root / RELEASES.relative_to(ROOT), version)
    members["README.md"] = data_card((root / "README.md").read_text(encoding="utf-8")).encode("utf-8")
    return members


def write_archive(datasets: Path, target: Path, version: str, root: Path = ROOT) -> str:
    """Write the zip to `target` and return its sha256."""
    return write_zip(archive_members(datasets, root, version), target, archive_name(version).removesuffix(".zip"))


def registry() -> dict:
    return json.loads(REGISTRY.read_text(encoding="utf-8"))


def main() -> int:
    version = package_metadata()["version"]
    problem = unknown_previous_release(ROOT, RELEASES, version)
    if problem:
        print(f"cannot release: {problem}", file=sys.stderr)
        return 1
    target = ROOT / "dist" / archive_name(version)
    digest = write_archive(DATASETS, target, version)
    target.with_name(target.name + ".sha256").write_text(f"{digest}  {target.name}\n", encoding="utf-8")
    current = registry() if REGISTRY.exists() else {}
    earlier = current.get("releases", {})
    if current.get("version") not in (None, version):  # the previous release joins the earlier ones
        earlier[current["version"]] = {"archive": current["archive"], "sha256": current["sha256"]}
    current.update({"version": version, "archive": target.name, "sha256": digest})
    current.setdefault("base_url", None)
    current["releases"] = dict(sorted(earlier.items()))
    REGISTRY.write_text(json.dumps(current, indent=2) + "\n", encoding="utf-8")
    frames, _ = read_package(DATASETS)
    ids = write_release_ids(frames, RELEASES, version)
    print(f"{target.relative_to(ROOT)}  sha256:{digest}\n{ids.relative_to(ROOT)}: the IDs this release publishes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
