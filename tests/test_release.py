"""The release record matches the committed data when the checkout says it is a release, and every place
that states the version agrees. The rule (syria_offensive/release_check.py, README "Releasing"): a data
change after a release is announced under `## Unreleased` at the top of CHANGELOG.md."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from news_statements.metadata import package_metadata
from syria_offensive.release import archive_name, registry, write_archive
from syria_offensive.release_check import UNRELEASED, changelog_sections, release_problems, stated_versions

ROOT = Path(__file__).resolve().parent.parent


def top_section() -> str:
    return changelog_sections((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))[0]


def test_the_recorded_archive_hash_is_that_of_the_committed_data(tmp_path):
    if top_section() == UNRELEASED:
        pytest.skip("CHANGELOG.md announces unreleased changes: `make release` checks the hash when releasing")
    record = registry()
    version = package_metadata()["version"]
    assert record["version"] == version and record["archive"] == archive_name(version)
    digest = write_archive(ROOT / "datasets", tmp_path / record["archive"], version)
    assert digest == record["sha256"], (
        f"the data changed since release {version}: describe the change under '## {UNRELEASED}' at the top of "
        "CHANGELOG.md (README: Curating); release later with the steps in README: Releasing"
    )


def release_only() -> None:
    """Derived files that the build does not write (too slow for the curator's loop, or needing the optional
    tools) are redrawn by `make release` and checked when the checkout says it is a release."""
    if top_section() == UNRELEASED:
        pytest.skip("CHANGELOG.md announces unreleased changes: `make release` redraws this and checks it")


def test_a_release_holds_pictures_drawn_from_its_tables(tmp_path):
    release_only()
    from news_statements.pictures import draw

    drawn = draw(ROOT / "datasets", tmp_path)
    stale = [p.name for p in drawn if p.read_bytes() != (ROOT / "docs" / "pictures" / p.name).read_bytes()]
    assert not stale, f"docs/pictures/ is not current ({stale}): `make release` redraws it; commit it with the release"


def test_a_release_holds_the_proposer_report_measured_on_its_tables():
    release_only()
    from news_statements import proposer

    committed = (ROOT / "reports" / "proposer.md").read_text(encoding="utf-8")
    assert committed == proposer.evaluation_report(ROOT / "datasets"), "`make release` rewrites it; commit it"


def test_the_release_published_its_ids():
    version = package_metadata()["version"]
    assert (ROOT / "releases" / f"ids-{version}.csv").is_file()


def test_every_place_that_states_the_version_agrees():
    versions = stated_versions(ROOT)
    version = package_metadata()["version"]
    assert set(versions.values()) == {version}, versions
    assert re.match(r"^\d+\.\d+\.\d+$", version)
    released = [s for s in changelog_sections((ROOT / "CHANGELOG.md").read_text(encoding="utf-8")) if s != UNRELEASED]
    assert released[0] == version, "the newest released section of CHANGELOG.md is not the package's version"
    assert top_section() in (UNRELEASED, version)


def write_checkout(root: Path, changelog: str, version: str = "0.2.0") -> None:
    """A stand-in checkout: a copy of the repository's files (what the archive holds) with the given changelog
    and the given version in pyproject.toml and CITATION.cff."""
    heavy = shutil.ignore_patterns(".git", ".venv", "dist", "datasets", "__pycache__", ".pytest_cache", "*.parquet")
    shutil.copytree(ROOT, root, ignore=heavy, dirs_exist_ok=True)
    (root / "CHANGELOG.md").write_text(changelog, encoding="utf-8")
    (root / "pyproject.toml").write_text(f'[project]\nversion = "{version}"\n', encoding="utf-8")
    (root / "CITATION.cff").write_text(f"version: {version}\n", encoding="utf-8")


def test_release_refuses_an_unreleased_changelog_and_a_version_pyproject_does_not_state(tmp_path):
    version = package_metadata()["version"]
    write_checkout(tmp_path, f"# Changelog\n\n## {UNRELEASED}\n\n- fixed a quote\n\n## {version}\n", "9.9.9")
    problems = release_problems(tmp_path, ROOT / "datasets")
    assert any("the version differs between files" in p and "'pyproject.toml': '9.9.9'" in p for p in problems)
    assert any(f"top section is 'Unreleased', not the version '{version}'" in p for p in problems), problems


def test_release_refuses_to_release_other_data_under_a_released_version(tmp_path):
    version = registry()["version"]
    changed = tmp_path / "datasets"
    changed.mkdir()
    for path in (ROOT / "datasets").iterdir():
        (changed / path.name).write_bytes(path.read_bytes())
    # a change the archive notices but that leaves the package valid (the release builds a database from it)
    descriptor = json.loads((changed / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["description"] += " Changed."
    (changed / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False), encoding="utf-8")
    write_checkout(tmp_path / "checkout", f"# Changelog\n\n## {version} — 2026-12-01\n", version)
    problems = release_problems(tmp_path / "checkout", changed)
    assert problems == [
        f"version {version} was released with other data (syria_offensive/release.json): bump the version "
        "(MINOR for added rows, PATCH for corrections; see CHANGELOG.md)"
    ]
