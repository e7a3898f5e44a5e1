"""The release archive is whole and says what changed: every file its README and its Datasette metadata name is in
it, its README names no make target, it carries the rows added, removed and changed since the previous release
(as `make diff` lists them), and its R block runs."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from news_statements.archive import changes_members
from news_statements.metadata import package_metadata
from news_statements.stable_ids import previous_release
from news_statements.table_diff import CHANGE_COLUMNS, release_commit
from syria_offensive.release import write_archive
from tests.readme_blocks import runnable

ROOT = Path(__file__).resolve().parent.parent
RELEASES = ROOT / "releases"
HEADER = re.compile(r"^## (\w+): (\d+) added, (\d+) removed, (\d+) changed$", re.M)


@pytest.fixture(scope="module")
def archive_root(tmp_path_factory) -> Path:
    """The current version's release archive, written from the committed tables and unzipped; its root folder."""
    base = tmp_path_factory.mktemp("archive")
    version = package_metadata()["version"]
    target = base / f"{package_metadata()['name']}-{version}.zip"
    write_archive(ROOT / "datasets", target, version)
    with zipfile.ZipFile(target) as zf:
        zf.extractall(base / "unzipped")
    (root,) = (base / "unzipped").iterdir()
    return root


def top_level(root: Path) -> tuple[set[str], set[str]]:
    """The file names and the folder names at the top of the repository (git's list) and of the archive."""
    listing = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    files = {name for name in listing.split() if "/" not in name} | {p.name for p in root.iterdir() if p.is_file()}
    folders = {name.split("/")[0] for name in listing.split() if "/" in name}
    return files, folders | {p.name for p in root.iterdir() if p.is_dir()}


def named_paths(text: str, files: set[str], folders: set[str]) -> set[str]:
    """The paths a text names: a word that is a top-level file's name, or that starts with a top-level folder
    followed by a slash (`datasets/statements.csv`, `sources/*.yaml`, `docs/pictures/`); `<...>` stands for any
    name. Web addresses are left out; a bare folder word ("the standard", "views") is English, not a path."""
    text = re.sub(r"[a-z]+://\S+", " ", text)
    found = set()
    for word in re.findall(r"[\w.*<>-]+(?:/[\w.*<>-]*)*", text):
        word = word.rstrip(".")
        first = word.split("/")[0]
        if word in files or (first in folders and "/" in word):
            found.add(re.sub(r"<[^>]*>", "*", word))
    return found


def test_every_path_the_archive_readme_and_metadata_name_is_in_the_archive(archive_root):
    files, folders = top_level(archive_root)
    card = (archive_root / "README.md").read_text(encoding="utf-8")
    metadata = json.loads((archive_root / "metadata.json").read_text(encoding="utf-8"))
    strings = "\n".join(_strings(metadata))
    named = {"README.md": named_paths(card, files, folders), "metadata.json": named_paths(strings, files, folders)}
    assert {"examples/questions.py", "changes.md", "datasets/statements.csv"} <= named["README.md"], named
    assert "schema/codelists/cameo.csv" in named["metadata.json"], named  # the CAMEO list the source names
    missing = {where: sorted(p for p in paths if not list(archive_root.glob(p))) for where, paths in named.items()}
    assert missing == {"README.md": [], "metadata.json": []}, f"named but not in the archive: {missing}"


def test_the_archive_readme_names_no_make_target(archive_root):
    """The archive holds no Makefile: what the README says of a checkout ("(in a checkout: ...)") is left out."""
    card = (archive_root / "README.md").read_text(encoding="utf-8")
    assert not (archive_root / "Makefile").exists()
    assert re.findall(r"`make \w+", card) == [] and "in a checkout:" not in card


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [str(k), *_strings(v)]]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def test_the_archive_lists_the_rows_changed_since_the_previous_release_as_make_diff_does(archive_root):
    previous = previous_release(RELEASES, package_metadata()["version"])
    commit = release_commit(ROOT, RELEASES, previous) if previous else None
    assert commit, f"no commit recorded release {previous} (a shallow clone? the archive compares with it)"
    command = [sys.executable, "-m", "news_statements.table_diff", "--rev", commit]  # `make diff REV=<commit>`
    shown = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    listed = pd.read_csv(archive_root / "changes.csv", dtype=str, keep_default_na=False)
    assert list(listed.columns) == CHANGE_COLUMNS
    cells = listed[listed["change"] == "changed"]
    counts = {
        table: (
            int((listed["table"].eq(table) & listed["change"].eq("added")).sum()),
            int((listed["table"].eq(table) & listed["change"].eq("removed")).sum()),
            cells.loc[cells["table"] == table, "key"].nunique(),
        )
        for table in set(listed["table"])
    }
    by_diff = {t: (int(a), int(r), int(c)) for t, a, r, c in HEADER.findall(shown)}
    columns = set(listed.loc[listed["change"] == "columns", "table"])
    assert {t: (a, r, c - (t in columns)) for t, (a, r, c) in by_diff.items()} == counts
    text = (archive_root / "changes.md").read_text(encoding="utf-8")
    assert HEADER.findall(text) == HEADER.findall(shown) and f"since release {previous}" in text.lower()
    assert shown.splitlines()[-1].replace(commit, previous) in text  # the unchanged tables
    for mark, change in (("+", "added"), ("-", "removed"), ("~", "changed")):
        keys = set(listed.loc[listed["change"] == change, "key"])
        assert set(re.findall(rf"^  {re.escape(mark)} (\S+)", shown, flags=re.M)) - {"…", "(columns)"} <= keys


def test_a_first_release_says_there_is_nothing_to_compare_with(tmp_path):
    (tmp_path / "releases").mkdir()
    members = changes_members(ROOT / "datasets", tmp_path, tmp_path / "releases", "0.1.0")
    assert "The first release" in members["changes.md"].decode()
    assert members["changes.csv"].decode().splitlines() == [",".join(CHANGE_COLUMNS)]


def test_the_previous_release_is_the_newest_recorded_before_the_version(tmp_path):
    for version in ("0.2.0", "0.10.0", "0.9.1", "1.0.0"):
        (tmp_path / f"ids-{version}.csv").write_text("table,id\n", encoding="utf-8")
    assert previous_release(tmp_path, "1.0.0") == "0.10.0"
    assert previous_release(tmp_path, "1.1.0") == "1.0.0"
    assert previous_release(tmp_path, "0.2.0") is None


def test_the_readme_r_block_reads_the_unzipped_release(archive_root):
    """README's R block, run with Rscript from the unzipped release's root (.ci/run installs Debian's R)."""
    (block,) = runnable(archive_root / "README.md", "release", "r")
    rscript = shutil.which("Rscript")
    if rscript is None:
        if os.environ.get("CI") or os.environ.get("REQUIRE_RSCRIPT"):
            pytest.fail("Rscript is not installed: .ci/run installs r-base-core")
        pytest.skip("Rscript is not installed here (apt-get install r-base-core); CI runs this test")
    script = archive_root / "readme-block.R"
    script.write_text(block.code, encoding="utf-8")
    result = subprocess.run([rscript, str(script)], cwd=archive_root, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    most = pd.read_csv(archive_root / "datasets" / "statements.csv")["speaker_id"].value_counts().index[0]
    assert result.stdout.split()[0] == most, result.stdout  # the table of speakers, the most frequent first
