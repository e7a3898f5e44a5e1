"""A corpus's release archive: dist/<name>-<version>.zip with its .sha256, and releases/ids-<version>.csv (the IDs
it publishes, which later builds keep: stable_ids). The zip is deterministic: the same members give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import zipfile
from pathlib import Path

from news_statements.copies import LoadError, read
from news_statements.database import TILES, database_name, datasette_metadata, write_database
from news_statements.layout import Layout
from news_statements.readers import read_package
from news_statements.stable_ids import previous_release, write_release_ids
from news_statements.table_diff import change_rows, diff_tables, release_commit, report

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


CORPUS_FILES = ("sources/*.yaml", "docs/*.md", "docs/pictures/*.png", "package.yaml", "README.md", "CHANGELOG.md")


def package_members(datasets: Path, root: Path, patterns: tuple[str, ...], meta: dict) -> dict[str, bytes]:
    """Path inside a release's folder -> bytes: the package (datasets/), the files under `root` that `patterns`
    match, and the same tables as one SQLite database with its Datasette metadata (`meta`: the corpus's
    package.yaml) and map tiles."""
    from news_statements.pictures.tiles import write_tiles

    members = {f"datasets/{p.name}": p.read_bytes() for p in sorted(datasets.iterdir()) if p.is_file()}
    for pattern in patterns:
        members.update({str(p.relative_to(root)): p.read_bytes() for p in sorted(root.glob(pattern)) if p.is_file()})
    with tempfile.TemporaryDirectory() as tmp:
        database = write_database(datasets, Path(tmp) / database_name(meta))
        members[database.name] = database.read_bytes()
        tiles = Path(tmp) / TILES
        members.update({str(p.relative_to(tmp)): p.read_bytes() for p in write_tiles(read(datasets), tiles)})
    members["metadata.json"] = json.dumps(datasette_metadata(meta), indent=2, ensure_ascii=False).encode() + b"\n"
    return members


def changes_members(datasets: Path, root: Path, releases: Path, version: str) -> dict[str, bytes]:
    """changes.md and changes.csv: the rows added, removed and changed since the previous release, by table, key
    and field, computed by `make diff`'s code (table_diff) against the commit that recorded that release (the one
    that added releases/ids-<previous>.csv). A first release says so; a previous release that git does not know
    is said too (`unknown_previous_release` stops `make release` and `news-statements release` before that)."""
    previous = previous_release(releases, version)
    commit = release_commit(root, releases, previous) if previous else None
    head = f"# Changes in {version}\n\n"
    if previous is None:
        found, text = [], "The first release: there is no earlier one to compare with.\n"
    elif commit is None:
        found, text = [], f"The tables of release {previous} were not found in git: no list of changes.\n"
    else:
        found = diff_tables(datasets, commit, root)
        text = (
            f"Since release {previous} (the tables of git commit {commit[:12]}): per table, the rows added (+) and "
            "removed (-) by primary key, and the rows changed (~) with each field's old → new value. The same, one "
            "line per added or removed row and per changed field, is in `changes.csv` (table, key, change, field, "
            f"old, new).\n\n```text\n{report(found, previous, limit=None)}\n```\n"
        )
    listed = change_rows(found).to_csv(index=False, lineterminator="\n").encode("utf-8")
    return {"changes.md": (head + text).encode("utf-8"), "changes.csv": listed}


def unknown_previous_release(root: Path, releases: Path, version: str) -> str | None:
    """Why a release's list of changes cannot be made (the previous release's tables are not in git), or None."""
    previous = previous_release(releases, version)
    if previous and release_commit(root, releases, previous) is None:
        return (
            f"no commit added {releases.name}/ids-{previous}.csv: the tables of release {previous}, which the "
            "archive's list of changes compares with, are not in git here (a full clone has them)"
        )
    return None


def corpus_members(layout: Layout, meta: dict) -> dict[str, bytes]:
    """What another corpus's release holds: its package and database, its docs and pictures, where each article
    came from, its package.yaml, README, changelog and licences, and the changes since its previous release."""
    members = package_members(layout.datasets, layout.root, (*CORPUS_FILES, "LICENSE*"), meta)
    return members | changes_members(layout.datasets, layout.root, layout.releases, str(meta["version"]))


def release_corpus(layout: Layout) -> tuple[Path, str, Path]:
    """dist/<name>-<version>.zip of any corpus, its .sha256, and releases/ids-<version>.csv (the IDs it
    publishes, which later builds keep: stable_ids)."""
    meta = layout.metadata()
    problem = unknown_previous_release(layout.root, layout.releases, str(meta["version"]))
    if problem:
        raise LoadError(f"cannot release: {problem}")
    folder = f"{meta['name']}-{meta['version']}"
    target = layout.dist / f"{folder}.zip"
    digest = write_zip(corpus_members(layout, meta), target, folder)
    target.with_name(target.name + ".sha256").write_text(f"{digest}  {target.name}\n", encoding="utf-8")
    frames, _ = read_package(layout.datasets)
    return target, digest, write_release_ids(frames, layout.releases, str(meta["version"]))


def write_zip(members: dict[str, bytes], target: Path, folder: str) -> str:
    """The members under `folder` in a zip with fixed times (the same members give the same bytes); its sha256."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name in sorted(members):
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, members[name])
    return hashlib.sha256(target.read_bytes()).hexdigest()
