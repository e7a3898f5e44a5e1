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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd

from syria_offensive.failures import COLUMNS, combine
from syria_offensive.load import LoadError, extract
from syria_offensive.metadata import tables
from syria_offensive.readers import read_package
from syria_offensive.validation import rules
from syria_offensive.validation.descriptor import declared_problems, shape_problems
from syria_offensive.validation.frictionless_check import validate_directory
from syria_offensive.validation.layers import check_frames, unreadable_tables, with_keys


def validate(directory: Path, formats: list[str]) -> pd.DataFrame:
    """Every failure of every layer, as one frame (table, row, column, value, message, layer, format, key).

    Frictionless (about a third of the time on a small package) runs in a thread at the same time as the
    project's layers, whose heavy work (Arrow, DuckDB) releases the GIL. (Not in a forked process: a fork
    of a process with Arrow's and DuckDB's threads crashed.)"""
    with ThreadPoolExecutor(max_workers=1) as pool:
        package_level = pool.submit(_package_level, directory)
        found = _layers(directory, formats)
        return combine([found, package_level.result()])


def _layers(directory: Path, formats: list[str]) -> pd.DataFrame:
    """The reader and layers 1 and 2 on each format, and the twins rule when both are read."""
    parts, read = [], {}
    for fmt in formats:
        frames, read_failures = read_package(directory, fmt)
        parts.append(check_frames(frames, read_failures).assign(format=fmt))
        read[fmt] = (frames, unreadable_tables(read_failures))
    if len(read) == 2:  # the twins rule: both formats hold the same rows
        (csv, csv_bad), (parquet, parquet_bad) = read["csv"], read["parquet"]
        unreadable = {f"csv:{n}" for n in csv_bad} | {f"parquet:{n}" for n in parquet_bad}
        parts.append(with_keys(rules.twins(csv, parquet, unreadable), csv).assign(layer="twins", format="csv"))
    return combine(parts)


def _package_level(directory: Path) -> pd.DataFrame:
    """Frictionless on the copy, and that its descriptor declares exactly this package (when its shape lets
    it be read: validate_directory reports a descriptor that cannot be read or breaks the profile)."""
    frictionless = validate_directory(directory)
    try:
        descriptor = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        descriptor = None
    well_shaped = isinstance(descriptor, dict) and not shape_problems(descriptor)
    declared = declared_problems(descriptor) if well_shaped else []
    layers = ["package"] * len(declared) + ["frictionless"] * len(frictionless)
    return pd.DataFrame({"message": declared + frictionless, "layer": layers}).assign(
        table=None, row=None, column=None, value=None, format=None
    )


def one_line_per_row(found: pd.DataFrame) -> pd.DataFrame:
    """The failures with one line per bad row and rule: the fields (and values) one rule found wrong in one
    row are listed together, where the first of them was."""
    if found.empty:
        return found
    found = found.reindex(columns=[*COLUMNS, "layer", "format", "key"])
    found = found.astype(object).where(found.notna(), None).assign(_order=range(len(found)))
    rows = found[found["row"].notna()]
    merged = rows.groupby(["layer", "format", "table", "row", "key", "message"], sort=False, dropna=False).agg(
        column=("column", lambda c: ", ".join(dict.fromkeys(map(str, c)))),
        value=("value", lambda v: "; ".join(str(x) for x in v if x is not None) or None),
        _order=("_order", "min"),
    )
    both = pd.concat([found[found["row"].isna()], merged.reset_index()], ignore_index=True)
    return both.sort_values("_order", kind="stable")[[c for c in found.columns if c != "_order"]]


def report_lines(found: pd.DataFrame) -> list[str]:
    lines = []
    for row in found.itertuples():  # failures only
        where = f"{row.table}.{row.format}" if row.table and row.format else (row.table or "datapackage.json")
        if row.row is not None and not pd.isna(row.row):
            where += f" row {int(row.row) + 2}"  # +1 for the header, +1 for 1-based lines
            key = getattr(row, "key", None)
            if key is not None and not pd.isna(key):
                where += f" ({', '.join(tables()[row.table].primary_key)} {key})"
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
                directory = extract(args.path, Path(tmp))
            elif (args.path / "datapackage.json").is_file() or args.path.is_dir():
                directory = args.path
            else:
                raise ValueError("not a package directory or a release zip")
            found = validate(directory, formats)
        except LoadError as err:  # load.extract's messages already name the archive
            print(err, file=sys.stderr)
            return 2
        except (ValueError, OSError) as err:
            print(f"{args.path}: {err}", file=sys.stderr)
            return 2
    valid = found.empty
    found = one_line_per_row(found).reset_index(drop=True)
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
