"""The committed datasets/ are exactly what a fresh build gives, and they validate with every layer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "datasets"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def fresh_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fresh") / "datasets"
    # every output goes to the temporary folder, so that the committed files are compared, never overwritten
    command = [
        sys.executable,
        "build.py",
        "--out",
        str(out),
        "--reports",
        str(out.parent / "reports"),
        "--docs",
        str(out.parent / "docs"),
    ]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return out


def test_committed_datasets_equal_a_fresh_build(fresh_build):
    committed = sorted(p.name for p in DATASETS.iterdir())
    assert committed == sorted(p.name for p in fresh_build.iterdir())
    stale = [name for name in committed if (DATASETS / name).read_bytes() != (fresh_build / name).read_bytes()]
    assert stale == [], f"datasets/ is stale, run `make build` and commit: {stale}"


def test_committed_coverage_report_equals_a_fresh_build(fresh_build):
    committed = (ROOT / "reports" / "coverage.csv").read_bytes()
    assert committed == (fresh_build.parent / "reports" / "coverage.csv").read_bytes(), "run `make build` and commit"


def test_committed_data_dictionary_is_current(fresh_build):
    committed = (ROOT / "docs" / "data-dictionary.md").read_bytes()
    assert committed == (fresh_build.parent / "docs" / "data-dictionary.md").read_bytes(), "run `make build`"


def test_no_capitalised_word_is_left_unresolved():
    lines = (ROOT / "reports" / "coverage.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) > 500
    assert not [line for line in lines if ",unresolved," in line]


def test_frictionless_validate_passes_on_the_committed_package():
    result = subprocess.run(
        [str(BIN / "frictionless"), "validate", "datapackage.json"],
        cwd=DATASETS,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_every_layer_passes_on_the_committed_package_in_both_formats():
    result = subprocess.run(
        [sys.executable, "-m", "news_statements.validation", str(DATASETS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "valid (layers: table, cross-table, frictionless; formats: csv, parquet)" in result.stdout


def test_committed_warnings_report_equals_a_fresh_build(fresh_build):
    committed = (ROOT / "reports" / "warnings.csv").read_bytes()
    assert committed == (fresh_build.parent / "reports" / "warnings.csv").read_bytes(), "run `make build` and commit"


def test_committed_articles_page_is_current(fresh_build):
    committed = (ROOT / "docs" / "articles.md").read_bytes()
    assert committed == (fresh_build.parent / "docs" / "articles.md").read_bytes(), "run `make build` and commit"
