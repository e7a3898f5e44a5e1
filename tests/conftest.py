"""Shared fixtures: the small fixture package under tests/fixtures/mini, built into a temporary directory."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from news_statements.build import assemble

FIXTURE = Path(__file__).parent / "fixtures" / "mini"

# Modules left out of `make check` (the curator's loop, under a minute): they test the code's behaviour on
# fixtures, fuzzed or synthetic input, or repeat what the build itself has just checked, and each takes seconds
# to minutes. `make test` (the README's and CI's suite) runs them all. Single slow tests elsewhere carry
# `@pytest.mark.slow` themselves.
SLOW_MODULES = {
    "test_hostile_input": "fuzzing the loader, the build and the validator: minutes",
    "test_synthetic": "synthetic packages validated with every layer",
    "test_validator": "the validator on whole packages and zips, in subprocesses",
    "test_untrusted_copies": "the validator on damaged copies of the fixture package",
    "test_corpus_init": "builds, validates, browses and draws corpora in temporary folders",
    "test_curator_loop": "walks the checklist on a new article: propose, preview twice, build and validate a corpus",
    "test_validation_rules": "every validation rule on the fixture package",
    "test_benchmark": "runs the benchmark script",
    "test_build": "a subprocess build per test",
    "test_curation_errors": "a subprocess build per curation mistake",
    "test_curation_checks": "a build of the fixture per curation check (the code's behaviour, not the data's)",
    "test_stable_ids": "subprocess builds against release records",
    "test_load": "builds a release archive and serves it over HTTP",
    "test_user_paths": "builds a wheel and runs the examples",
    "test_datasets": "a second full build, every validation layer and frictionless on the committed package",
    "test_standard": "builds the fixture package and validates conforming and broken copies of it",
    "test_archive": "writes and unzips the release archive (its database and list of changes) and runs R on it",
}


# Single tests of the code (not of the data) that take seconds, in modules whose other tests stay in the loop.
SLOW_TESTS = {
    "test_pictures.py::test_drawing_twice_gives_the_same_bytes": "draws every picture twice",
    "test_pictures.py::test_a_package_that_fails_validation_is_not_drawn": "validates a broken copy of the package",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module = item.module.__name__.rpartition(".")[2] if item.module is not None else ""
        if module in SLOW_MODULES or f"{module}.py::{item.name}" in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)


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
