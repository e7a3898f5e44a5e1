"""The release record matches the committed data, and every place that states the version agrees."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

from syria_offensive.metadata import package_metadata
from syria_offensive.release import archive_name, registry, write_archive

ROOT = Path(__file__).resolve().parent.parent


def test_the_recorded_archive_hash_is_that_of_the_committed_data(tmp_path):
    record = registry()
    version = package_metadata()["version"]
    assert record["version"] == version and record["archive"] == archive_name(version)
    digest = write_archive(ROOT / "datasets", tmp_path / record["archive"], version)
    assert digest == record["sha256"], "the data changed since `make release`: bump the version and release again"


def test_the_release_published_its_ids():
    version = package_metadata()["version"]
    assert (ROOT / "releases" / f"ids-{version}.csv").is_file()


def test_every_place_that_states_the_version_agrees():
    version = package_metadata()["version"]
    assert tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"] == version
    assert yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))["version"] == version
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(r"^## (\S+)", changelog, flags=re.M).group(1) == version
    assert re.match(r"^\d+\.\d+\.\d+$", version)
