"""Validate any copy of the package — a directory or a release zip — with every layer.

    python -m news_statements.validation PATH [--json] [--format csv|parquet|both] [--engine duckdb|spark]

Layer 1 (per table, SQL generated from schema/) and layer 2 (cross-table) run on DuckDB, over the Parquet files
where they lie and over the CSV files read back by the reader, typed by the project's schema (not by the copy's
own descriptor, which an edit could have weakened);
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

from news_statements.copies import LoadError, extract
from news_statements.failures import COLUMNS, combine
from news_statements.metadata import tables
from news_statements.readers import read_package
from news_statements.validation import files, screen
from news_statements.validation.descriptor import (
    declaration_problem,
    declared_problems,
    expected_resources,
    profile_problems,
    shape_problems,
    standard_problems,
)
from news_statements.validation.frictionless_check import frictionless_problems
from news_statements.validation.layers import check_frames, unreadable_tables, with_keys
from news_statements.validation.tables import layer1_queries

SHOWN = 200  # characters of a value, key or message printed
PER_KIND = 50  # lines of one kind printed before "and K more"
KIND = ["layer", "format", "table", "column"]


def validate(
    directory: Path, formats: list[str], engine: str = "duckdb", spark_master: str | None = None
) -> pd.DataFrame:
    """Every failure of every layer, as one frame (table, row, column, value, message, layer, format, key).

    The descriptor comes first: a package that does not declare the standard is one line, and one that breaks
    its model (a table or a field missing, a field of another type) is those lines only; its data are not checked.
    The copy is screened next (screen.py): a table file that is not a regular file inside the package, or that
    would cost without bound, is refused with one line and not read by any layer. Frictionless (about a third of
    the time on a small package) runs in a thread at the same time as the project's layers, whose heavy work
    (Arrow, DuckDB) releases the GIL. (Not in a forked process: a fork of a process with Arrow's and DuckDB's
    threads crashed.) `engine="spark"`: the rules run on Spark SQL (spark_engine.py), on the Parquet files."""
    descriptor, declared, extras = _descriptor(directory, formats)
    if extras is None:
        return _messages(declared, [])
    refused = screen.table_files(directory, _extra_fields(descriptor), formats)
    with ThreadPoolExecutor(max_workers=1) as pool:
        package_level = pool.submit(_package_level, directory, formats, refused, descriptor, declared, extras)
        found = (
            _layers(directory, formats, refused) if engine == "duckdb" else _on_spark(directory, refused, spark_master)
        )
        return combine([found, package_level.result()])


def _descriptor(directory: Path, formats: list[str]) -> tuple[dict | None, list[str], list[str] | None]:
    """The copy's descriptor when Frictionless may run on it (else None), the problems found in it, and the
    resources the standard does not define that Frictionless may read (None: the data are not checked, because
    the package does not declare the standard or breaks its model)."""
    descriptor, unusable = screen.read_descriptor(directory)
    if unusable:
        return None, [unusable], []
    if isinstance(descriptor, dict) and (line := declaration_problem(descriptor, directory)):
        return None, [line], None
    if shape := shape_problems(descriptor, directory):
        return None, shape, []  # (Frictionless would fail on it)
    broken = standard_problems(descriptor)
    declared = profile_problems(descriptor) + declared_problems(descriptor, directory, tuple(formats))
    extras = _extra_resources(descriptor, directory)
    declared += [_extra_line(name, why) for name, why in extras.items() if why]
    return descriptor, broken + declared, None if broken else [name for name, why in extras.items() if not why]


def _extra_resources(descriptor: dict, directory: Path) -> dict[str, str | None]:
    """The resources the standard does not define (name -> why Frictionless may not read them, None: it may)."""
    expected = expected_resources()
    return {
        r["name"]: screen.resource_refusal(directory, r)
        for r in descriptor.get("resources", [])
        if isinstance(r.get("name"), str) and r["name"] not in expected
    }


def _extra_line(name: str, why: str) -> str:
    return f"resource {name!r} (not a table of the standard): {why}; it is not checked"


def _extra_fields(descriptor: dict | None) -> dict[str, list]:
    """Table of the standard -> the fields the descriptor adds to it."""
    found = {}
    for resource in (descriptor or {}).get("resources", []):
        table = tables().get(resource.get("name"))
        schema = resource.get("schema")
        if table and isinstance(schema, dict):
            fields = [f for f in schema.get("fields", []) if isinstance(f, dict)]
            found[table.name] = [f for f in fields if f.get("name") not in table.field_names]
    return found


def _layers(directory: Path, formats: list[str], refused: dict[str, str]) -> pd.DataFrame:
    """Layers 1 and 2 on each format (Parquet where its files lie, files.py; CSV read by the reader), and the
    twins rule when both are read."""
    parts, csv = [], None
    if "csv" in formats:
        csv, read_failures = read_package(directory, "csv", refused)
        parts.append(check_frames(csv, read_failures).assign(format="csv"))
        csv_bad = unreadable_tables(read_failures)
    if "parquet" in formats:
        found = files.check_parquet(directory, refused)
        parts.append(found.assign(format="parquet"))
        parquet_bad = unreadable_tables(found)  # (only the reader reports a "(file)")
    if csv is not None and "parquet" in formats:  # the twins rule: both formats hold the same rows
        unreadable = {f"csv:{n}" for n in csv_bad} | {f"parquet:{n}" for n in parquet_bad}
        twins = files.twins(csv, directory, refused, unreadable)
        parts.append(with_keys(twins, csv).assign(layer="twins", format="csv"))
    return combine(parts)


def layer1_of(table: str) -> list[tuple[str, str]]:
    """Layer 1 of a table as (check name, SQL in DuckDB's dialect) on the relation named after it, for Spark."""
    return [(query.name, query.sql) for query in layer1_queries(tables()[table], relation=table)]


def _on_spark(directory: Path, refused: dict[str, str], master: str | None) -> pd.DataFrame:
    """Layer 1 and the declared rules on Spark: the same SQL as on DuckDB (layer 1 generated from schema/, the
    rules from validation/rules/), transpiled by sqlglot."""
    from news_statements.validation import spark_engine

    session = spark_engine.spark_session(master=master)
    found, unreadable = spark_engine.run(session, directory, refused, layer1=layer1_of)
    return spark_engine.as_failures(found, unreadable)


def _package_level(
    directory: Path,
    formats: list[str],
    refused: dict[str, str],
    descriptor: dict | None,
    declared: list[str],
    extras: list[str],
) -> pd.DataFrame:
    """The descriptor's problems, Frictionless on the resources the screen let through, and the refused files of a
    format the layers do not read (those of the formats read are the reader's to report)."""
    checkable = [] if descriptor is None else _checkable(descriptor, refused) + extras
    as_files = [] if "csv" in formats else list(tables())  # (--format parquet: the CSV files' bytes and hashes)
    frictionless = frictionless_problems(descriptor, directory, checkable, as_files) if descriptor else []
    unread = [(file, reason) for file, reason in refused.items() if file.rpartition(".")[2] not in formats]
    files = pd.DataFrame(
        [(f.rpartition(".")[0], "(file)", f, reason, "read", f.rpartition(".")[2]) for f, reason in unread],
        columns=["table", "column", "value", "message", "layer", "format"],
    ).assign(row=None)
    return combine([files, _messages(declared, frictionless)])


def _messages(declared: list[str], frictionless: list[str]) -> pd.DataFrame:
    layers = ["package"] * len(declared) + ["frictionless"] * len(frictionless)
    return pd.DataFrame({"message": declared + frictionless, "layer": layers}).assign(
        table=None, row=None, column=None, value=None, format=None
    )


def _checkable(descriptor: dict, refused: dict[str, str]) -> list[str]:
    """The standard's resources Frictionless may open: the tables and twins at their expected path, whose file the
    screen did not refuse, with their schema and dialect inline (anything else is reported by the descriptor check
    or the screen, once)."""
    expected = expected_resources()
    return [
        r["name"]
        for r in descriptor.get("resources", [])
        if r.get("name") in expected
        and r.get("path") == expected[r["name"]]["path"]
        and r["path"] not in refused
        and not isinstance(r.get("schema"), str)
        and not isinstance(r.get("dialect"), str)
    ]


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


def cut(text: pd.Series, limit: int = SHOWN) -> pd.Series:
    """Values longer than `limit` characters cut there, with their full length: a hostile file's 200 MB value
    is not printed back."""
    text = text.astype(object).where(text.notna(), None).map(lambda v: v if v is None else str(v))
    length = text.str.len()
    long = (length > limit).fillna(False).astype(bool)
    if long.any():
        sizes = length[long].astype(int).map("{:,}".format)
        text[long] = text[long].str.slice(0, limit) + "… (" + sizes + " characters)"
    return text


def bounded(found: pd.DataFrame, most: int) -> pd.DataFrame:
    """The first `most` failures of each kind (layer, format, table, field; 0: all), then one line saying how
    many more of that kind there are; values, keys and messages cut (see `cut`)."""
    found = found.assign(**{c: cut(found[c]) for c in ("value", "key") if c in found})
    found = found.assign(message=cut(found["message"], 4 * SHOWN))
    if most <= 0 or found.empty:
        return found
    found = found.reset_index(drop=True).assign(_at=range(len(found)))
    group = found.groupby(KIND, dropna=False, sort=False)
    rank, size = group.cumcount(), group["message"].transform("size")
    last = found[(rank == most - 1) & (size > most)]
    more = last.assign(
        row=None, key=None, value=None, _at=last["_at"] + 0.5,
        message="… and " + (size[last.index] - most).map("{:,}".format).astype(object) + " more problem(s) of this kind"
        " (--max-per-kind 0 shows them all)",
    )  # fmt: skip
    return pd.concat([found[rank < most], more]).sort_values("_at").drop(columns="_at").reset_index(drop=True)


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


LAYERS = {"duckdb": "table, cross-table, frictionless", "spark": "table and cross-table on Spark, frictionless"}


def _engine_problem(args: argparse.Namespace) -> str | None:
    """Why the engine asked for cannot run (one line), or None."""
    if args.engine != "spark":
        return None
    if args.format not in (None, "parquet"):
        return f"--engine spark reads the Parquet files only (got --format {args.format})"
    from news_statements.validation.spark_engine import unavailable

    return unavailable()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m news_statements.validation", description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="package directory or release .zip")
    parser.add_argument("--json", action="store_true", help="print a JSON report instead of text")
    parser.add_argument("--format", choices=["csv", "parquet", "both"], help="(default: both; parquet on Spark)")
    parser.add_argument(
        "--engine", choices=["duckdb", "spark"], default="duckdb", help="run the rules on Spark SQL (Parquet only)"
    )
    parser.add_argument("--spark-master", metavar="URL", help="a Spark cluster's master URL (default: local mode)")
    parser.add_argument(
        "--max-per-kind",
        type=int,
        default=PER_KIND,
        metavar="N",
        help=f"lines of one kind (layer, file, field) before 'and K more' (default {PER_KIND}; 0: all)",
    )
    args = parser.parse_args(argv)
    if problem := _engine_problem(args):
        print(problem, file=sys.stderr)
        return 2
    fmt = args.format or ("parquet" if args.engine == "spark" else "both")
    formats = ["csv", "parquet"] if fmt == "both" else [fmt]
    with tempfile.TemporaryDirectory() as tmp:
        try:
            if args.path.is_file() and zipfile.is_zipfile(args.path):
                directory = extract(args.path, Path(tmp))
            elif (args.path / "datapackage.json").is_file() or args.path.is_dir():
                directory = args.path
            else:
                raise ValueError("not a package directory or a release zip")
            found = validate(directory, formats, args.engine, args.spark_master)
        except LoadError as err:  # load.extract's messages already name the archive
            print(err, file=sys.stderr)
            return 2
        except (ValueError, OSError) as err:
            print(f"{args.path}: {err}", file=sys.stderr)
            return 2
    valid = found.empty
    found = one_line_per_row(found).reset_index(drop=True)
    total, shown = len(found), bounded(found, args.max_per_kind)
    if args.json:
        records = shown.astype(object).where(shown.notna(), None).to_dict("records")
        report = {"path": str(args.path), "valid": valid, "problems": total, "errors": records}
        print(json.dumps(report, indent=2, default=str))
    else:
        for line in report_lines(shown):
            print(line)
        print(
            f"{args.path}: {'valid' if valid else f'INVALID, {total} problem(s)'} "
            f"(layers: {LAYERS[args.engine]}; formats: {', '.join(formats)})"
        )
    return 0 if valid else 1
