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

import hashlib
import json
import re
import sys
import tempfile
import zipfile
from pathlib import Path

from syria_offensive.database import database_name, datasette_metadata, write_database
from syria_offensive.layout import Layout
from syria_offensive.metadata import package_metadata
from syria_offensive.paths import DATASETS, RELEASES, ROOT
from syria_offensive.readers import read_package
from syria_offensive.stable_ids import write_release_ids

REGISTRY = Path(__file__).with_name("release.json")
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
EXTRA_FILES = ["LICENSE", "LICENSE-DATA", "CHANGELOG.md", "CITATION.cff", "docs/data-dictionary.md", "examples/tour.py"]
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
        sections.append(match.group(0).rstrip() + "\n")
    head = (
        f"# {package_metadata()['title']}\n\n"
        "This archive is one release of the data package: `datasets/` (CSV and Parquet tables with their Frictionless "
        "descriptor), the same tables as one SQLite database (`syria-offensive-2024.db`, with `metadata.json` for "
        "Datasette), [pictures](docs/pictures/) drawn from them, a [guided tour](examples/tour.py), "
        "the [data dictionary](docs/data-dictionary.md), where each article came from (`sources/`), "
        "the [licence](LICENSE-DATA), the [changelog](CHANGELOG.md) and how to [cite it](CITATION.cff). "
        "The Python module that loads the tables typed and validates copies is installed from the project's "
        "repository.\n"
    )
    return "\n".join([head, *sections])


def archive_members(datasets: Path, root: Path) -> dict[str, bytes]:
    """Path inside the archive's folder -> bytes."""
    members = {f"datasets/{p.name}": p.read_bytes() for p in sorted(datasets.iterdir()) if p.is_file()}
    for pattern in ("sources/*.yaml", "docs/pictures/*.png", *EXTRA_FILES):
        members.update({str(p.relative_to(root)): p.read_bytes() for p in sorted(root.glob(pattern))})
    with tempfile.TemporaryDirectory() as tmp:
        database = write_database(datasets, Path(tmp) / database_name())
        members[database.name] = database.read_bytes()
    members["metadata.json"] = json.dumps(datasette_metadata(), indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
    members["README.md"] = data_card((root / "README.md").read_text(encoding="utf-8")).encode("utf-8")
    return members


def write_archive(datasets: Path, target: Path, version: str, root: Path = ROOT) -> str:
    """Write the zip to `target` and return its sha256."""
    return _zip(archive_members(datasets, root), target, archive_name(version).removesuffix(".zip"))


def corpus_members(layout: Layout, meta: dict) -> dict[str, bytes]:
    """What another corpus's release holds: its package, the same tables as SQLite (with Datasette's metadata),
    its docs and pictures, where each article came from, its package.yaml, README, changelog and licences."""
    root = layout.root
    members = {f"datasets/{p.name}": p.read_bytes() for p in sorted(layout.datasets.iterdir()) if p.is_file()}
    patterns = ("sources/*.yaml", "docs/*.md", "docs/pictures/*.png", "package.yaml", "README.md", "CHANGELOG.md")
    for pattern in (*patterns, "LICENSE*"):
        members.update({str(p.relative_to(root)): p.read_bytes() for p in sorted(root.glob(pattern)) if p.is_file()})
    with tempfile.TemporaryDirectory() as tmp:
        database = write_database(layout.datasets, Path(tmp) / database_name(meta))
        members[database.name] = database.read_bytes()
    members["metadata.json"] = json.dumps(datasette_metadata(meta), indent=2, ensure_ascii=False).encode() + b"\n"
    return members


def release_corpus(layout: Layout) -> tuple[Path, str, Path]:
    """dist/<name>-<version>.zip of any corpus, its .sha256, and releases/ids-<version>.csv (the IDs it
    publishes, which later builds keep: stable_ids)."""
    meta = layout.metadata()
    folder = f"{meta['name']}-{meta['version']}"
    target = layout.dist / f"{folder}.zip"
    digest = _zip(corpus_members(layout, meta), target, folder)
    target.with_name(target.name + ".sha256").write_text(f"{digest}  {target.name}\n", encoding="utf-8")
    frames, _ = read_package(layout.datasets)
    return target, digest, write_release_ids(frames, layout.releases, str(meta["version"]))


def _zip(members: dict[str, bytes], target: Path, folder: str) -> str:
    """The members under `folder` in a zip with fixed times (the same members give the same bytes); its sha256."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name in sorted(members):
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, members[name])
    return hashlib.sha256(target.read_bytes()).hexdigest()


def registry() -> dict:
    return json.loads(REGISTRY.read_text(encoding="utf-8"))


def main() -> int:
    version = package_metadata()["version"]
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
