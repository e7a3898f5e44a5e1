"""Validate any copy of the package — a directory or a release zip — with every layer.

    python -m syria_offensive.validation PATH [--json] [--format csv|parquet|both]

Layer 1 (pandera, per table) and layer 2 (cross-table) run on the CSV and/or Parquet files read back
typed by the project's schema (not by the copy's own descriptor, which an edit could have weakened);
layer 3 is Frictionless on the copy's datapackage.json. Exit code 0 only when everything is valid.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import zipfile
from collections.abc import Callable
from functools import partial
from pathlib import Path, PurePosixPath

import pandas as pd

from syria_offensive.metadata import tables
from syria_offensive.readers import read_package
from syria_offensive.validation import crosstable, keys
from syria_offensive.validation import tables as table_checks
from syria_offensive.validation.failures import combine
from syria_offensive.validation.frictionless_check import validate_directory
from syria_offensive.validation.tables import in_parallel

MAX_ARCHIVE_BYTES = 2_000_000_000


def safe_extract(archive: Path, target: Path) -> Path:
    """Extract a release zip, refusing members that would land outside `target` or are too large."""
    with zipfile.ZipFile(archive) as zf:
        total = 0
        for info in zf.infolist():
            member = PurePosixPath(info.filename)
            if member.is_absolute() or ".." in member.parts or "\\" in info.filename:
                raise ValueError(f"archive member escapes the package directory: {info.filename!r}")
            total += info.file_size
            if total > MAX_ARCHIVE_BYTES:
                raise ValueError("archive expands to more than 2 GB")
        zf.extractall(target)
    found = sorted(target.rglob("datapackage.json"), key=lambda p: len(p.parts))
    if not found:
        raise ValueError("archive holds no datapackage.json")
    return found[0].parent


# Relative cost of each cross-table rule on a large package, per statement (benchmarks/): with the rows of
# each table (layer 1) they order the work, the costliest first.
CROSS_TABLE_COST = {"spans": 6, "aliases": 3, "text_hashes": 1, "plover_matches_cameo": 0.3, "foreign_keys": 0.2}


def check_frames(frames: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Layers 1 and 2 on the frames read: (layer 1's failures in table order, layer 2's in rule order).

    Both layers run at once, in one set of threads: first every foreign key is looked up (keys.py; layer 1
    proves the keys' patterns with these lookups, layer 2 checks the references and finds the articles of
    spans with them), then every table's pandera check and every cross-table rule, the costliest first,
    so that no thread waits for a layer to finish."""
    lookups = {
        (name, number): partial(keys.referenced_rows, frames, name, number)
        for name, table in tables().items()
        for number, fk in enumerate(table.foreign_keys)
        if len(fk["fields"]) == 1 and name in frames and fk["fields"][0] in frames[name]
    }
    in_parallel(lookups, cost=lambda key: len(frames[key[0]]))
    statements = len(frames["statements"]) if "statements" in frames else 0
    tasks: dict[tuple[str, str], Callable[[], pd.DataFrame]] = {
        ("table", name): partial(table_checks.check_table, table, frames[name], frames)
        for name, table in tables().items()
        if name in frames
    }
    tasks.update({("cross-table", check.__name__): partial(check, frames) for check in crosstable.CHECKS})

    def cost(key: tuple[str, str]) -> float:
        layer, name = key
        return len(frames[name]) if layer == "table" else CROSS_TABLE_COST.get(name, 0) * statements

    found = in_parallel(tasks, cost=cost)
    return (
        combine([f for (layer, _), f in found.items() if layer == "table"]),
        combine([f for (layer, _), f in found.items() if layer == "cross-table"]),
    )


def validate(directory: Path, formats: list[str]) -> pd.DataFrame:
    """Every failure of every layer, as one frame (table, row, column, value, message, layer, format)."""
    parts = []
    for fmt in formats:
        frames, read_failures = read_package(directory, fmt)
        table_failures, cross_table_failures = check_frames(frames)
        del frames
        keys.forget()  # (what was found about this format's columns: no longer needed)
        for layer, found in (("read", read_failures), ("table", table_failures), ("cross-table", cross_table_failures)):
            parts.append(found.assign(layer=layer, format=fmt))
    frictionless = validate_directory(directory)
    parts.append(
        pd.DataFrame(
            {
                "table": None,
                "row": None,
                "column": None,
                "value": None,
                "message": frictionless,
                "layer": "frictionless",
                "format": None,
            }
        )
    )
    return combine(parts)


def report_lines(found: pd.DataFrame) -> list[str]:
    lines = []
    for row in found.itertuples():  # failures only
        where = f"{row.table}.{row.format}" if row.table else "datapackage.json"
        if row.row is not None and not pd.isna(row.row):
            where += f" row {int(row.row) + 2}"  # +1 for the header, +1 for 1-based lines
        column = f" {row.column}:" if row.column else ""
        value = f" (got {row.value!r})" if row.value is not None and not pd.isna(row.value) else ""
        lines.append(f"[{row.layer}] {where}:{column} {row.message}{value}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m syria_offensive.validation", description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="package directory or release .zip")
    parser.add_argument("--json", action="store_true", help="print a JSON report instead of text")
    parser.add_argument("--format", choices=["csv", "parquet", "both"], default="both")
    args = parser.parse_args(argv)
    formats = ["csv", "parquet"] if args.format == "both" else [args.format]
    with tempfile.TemporaryDirectory() as tmp:
        try:
            if args.path.is_file() and zipfile.is_zipfile(args.path):
                directory = safe_extract(args.path, Path(tmp))
            elif (args.path / "datapackage.json").is_file() or args.path.is_dir():
                directory = args.path
            else:
                raise ValueError("not a package directory or a release zip")
            found = validate(directory, formats)
        except (ValueError, OSError, zipfile.BadZipFile) as err:
            print(f"{args.path}: {err}", file=sys.stderr)
            return 2
    valid = found.empty
    if args.json:
        records = found.astype(object).where(found.notna(), None).to_dict("records")
        print(json.dumps({"path": str(args.path), "valid": valid, "errors": records}, indent=2, default=str))
    else:
        for line in report_lines(found):
            print(line)
        print(
            f"{args.path}: {'valid' if valid else f'INVALID, {len(found)} problem(s)'} "
            f"(layers: pandera, cross-table, frictionless; formats: {', '.join(formats)})"
        )
    return 0 if valid else 1
