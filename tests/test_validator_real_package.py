"""The validator on the real package as users run it: it imports neither pandas nor pandera (issue 23: 0.3 s of a
cold run was importing pandas, and pandera on top of it; failures are records, results come from DuckDB as tuples
and Arrow; the build and load() still use pandas, and the validator must not pull it in through any of them), and
it streams a large CSV file block by block."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The CLI's main on the real package with each --format, in one fresh interpreter; then what it imported.
DRIVER = """
import sys
from news_statements.validation.cli import main
codes = [main([sys.argv[1], "--format", fmt]) for fmt in sys.argv[2:]]
print(codes, sorted(name for name in ("pandas", "pandera") if name in sys.modules))
"""


def _run(formats: list[str], preload: str = "") -> str:
    command = [sys.executable, "-c", preload + DRIVER, str(ROOT / "datasets"), *formats]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.splitlines()[-1]


def test_the_validator_imports_neither_pandas_nor_pandera_with_any_format():
    assert _run(["csv", "parquet", "both"]) == "[0, 0, 0] []"


def test_the_check_sees_a_pandas_import():
    """(The driver's check is not vacuous: pandas imported on the way is seen.)"""
    assert _run(["parquet"], preload="import pandas\n") == "[0] ['pandas']"


KERNEL = """
import atexit
import news_statements.validation.files as files, news_statements.validation.kernels as kernels
files.KERNEL_BYTES = 0  # (the real package's articles are below the size where the validator uses the kernel)
chunks = []
span_failures = kernels.span_failures
kernels.span_failures = lambda *args: chunks.append(1) or span_failures(*args)
atexit.register(lambda: print("kernel runs:", len(chunks)))
"""


def test_the_span_kernel_imports_no_pandas_either():
    """The span kernel (a large corpus's path) builds its Arrow arrays from numpy buffers: with it forced on the
    real package, the span rule runs on it and pandas is still not imported."""
    command = [sys.executable, "-c", KERNEL + DRIVER, str(ROOT / "datasets"), "parquet"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert lines[-2] == "[0] []", lines  # (valid, and neither pandas nor pandera imported)
    assert lines[-1].startswith("kernel runs: ") and int(lines[-1].split()[-1]) > 0, "the kernel did not run"


def test_csv_streamed_block_by_block_keeps_each_rows_line_and_key(tmp_path, monkeypatch):
    """A CSV file larger than files.IN_PLACE is streamed into DuckDB a block at a time (here 32 KB blocks: the real
    package's statements.csv takes three): a value that does not convert in the last row is reported at its line,
    with its key, and no file goes to the pandas reader."""
    import csv

    from news_statements.validation import cli, files

    copy = tmp_path / "copy"
    shutil.copytree(ROOT / "datasets", copy)
    path = copy / "statements.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    at = rows[0].index("char_start")
    rows[-1][at] = "x"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    assert path.stat().st_size > 2 * (1 << 15)
    monkeypatch.setattr(files, "IN_PLACE", 0)
    monkeypatch.setattr(files, "BLOCK", 1 << 15)
    monkeypatch.setattr(files, "read_table", lambda *args: pytest.fail(f"read into a frame: {args[2]}"))
    read = [f for f in cli.validate(copy, ["csv"]) if f.layer == "read"]
    key = rows[-1][rows[0].index("statement_id")]
    assert [(f.table, f.row, f.column, f.value, f.key, f.message) for f in read] == [
        ("statements", len(rows) - 2, "char_start", "x", key, "value is not a whole number")
    ]
