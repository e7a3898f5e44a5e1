"""Shared fixtures: the small fixture package under tests/fixtures/mini, built into a temporary directory."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from syria_offensive.build import assemble

FIXTURE = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the fixture inputs (sources/ and curation/)."""
    target = tmp_path / "mini"
    shutil.copytree(FIXTURE, target)
    return target


@pytest.fixture(scope="session")
def mini_frames():
    """The fixture's tables as the build assembles them (with provenance columns)."""
    return assemble(FIXTURE / "curation", FIXTURE / "sources", releases_dir=FIXTURE / "no-releases")


@pytest.fixture
def frames(mini_frames):
    """A mutable deep copy of the fixture tables without provenance columns."""
    return {
        name: f.drop(columns=[c for c in ("_file", "_line") if c in f]).copy(deep=True)
        for name, f in mini_frames.items()
    }
