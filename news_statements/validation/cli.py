"""Validate any copy of the package — a directory or a release zip — with every layer.

    python -m news_statements.validation PATH [--json] [--format csv|parquet|both] [--engine duckdb|spark]

Layer 1 (per table, SQL generated from schema/) and layer 2 (cross-table) run on DuckDB, over the files where
they lie (files.py), typed by the project's schema (not by the copy's own descriptor, which an edit could have
weakened); with both formats the CSV copy is held to its Parquet twin, cell by cell (the twins rule); layer 3 is
Frictionless on the copy's datapackage.json. Exit code 0 only when everything is valid. Failures are records
(failures.Failure): the validator imports neither pandas nor pandera.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import zipfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from news_statements.copies import LoadError, extract
from news_statements.failures import Failure
from news_statements.metadata import tables
from news_statements.validation import files, screen
from news_statements.validation.descriptor import (
    declaration_problem,
    declared_problems,
    expected_resources,
    profile_problems,
    shape_problems,
    standard_problems,
)
from news_statements.validation.tables import layer1_queries

SHOWN = 200  # characters of a value, key or message printed
PER_KIND = 50  # lines of one kind printed before "and K more"
KIND = ["layer", "format", "table", "column"]


def validate(
    directory: Path, formats: list[str], engine: str = "duckdb", spark_master: str | None = None
) -> list[Failure]:
    """Every failure of every layer, as records (table, row, column, value, message, layer, format, key).

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
            files.check(directory, formats, refused)
            if engine == "duckdb"
            else _on_spark(directory, refused, spark_master)
        )
        return found + package_level.result()


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


def layer1_of(table: str) -> list[tuple[str, str]]:
    """Layer 1 of a table as (check name, SQL in DuckDB's dialect) on the relation named after it, for Spark."""
    return [(query.name, query.sql) for query in layer1_queries(tables()[table], relation=table)]


def _on_spark(directory: Path, refused: dict[str, str], master: str | None) -> list[Failure]:
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
) -> list[Failure]:
    """The descriptor's problems, Frictionless on the resources the screen let through, and the refused files of a
    format the layers do not read (those of the formats read are the reader's to report)."""
    from news_statements.validation.frictionless_check import frictionless_problems  # (imported in this thread,
    # while the main thread's DuckDB queries run: a third of a second on a small package)

    checkable = [] if descriptor is None else _checkable(descriptor, refused) + extras
    as_files = [] if "csv" in formats else list(tables())  # (--format parquet: the CSV files' bytes and hashes)
    frictionless = frictionless_problems(descriptor, directory, checkable, as_files) if descriptor else []
    unread = [(file, reason) for file, reason in refused.items() if file.rpartition(".")[2] not in formats]
    files = [
        Failure(f.rpartition(".")[0], None, "(file)", f, reason, "read", f.rpartition(".")[2]) for f, reason in unread
    ]
    return files + _messages(declared, frictionless)


def _messages(declared: list[str], frictionless: list[str]) -> list[Failure]:
    return [Failure(None, None, None, None, m, "package") for m in declared] + [
        Failure(None, None, None, None, m, "frictionless") for m in frictionless
    ]


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


def one_line_per_row(found: list[Failure]) -> list[Failure]:
    """The failures with one line per bad row and rule: the fields (and values) one rule found wrong in one
    row are listed together, where the first of them was."""
    merged: dict[tuple, list[Failure]] = {}
    for number, f in enumerate(found):
        key = (f.layer, f.format, f.table, f.row, f.key, f.message) if f.row is not None else number
        merged.setdefault(key, []).append(f)
    return [
        group[0]
        if len(group) == 1 and group[0].row is None
        else group[0]._replace(
            column=", ".join(dict.fromkeys(str(f.column) for f in group)),
            value="; ".join(str(f.value) for f in group if f.value is not None) or None,
        )
        for group in merged.values()
    ]


def cut(text: object, limit: int = SHOWN) -> str | None:
    """A value longer than `limit` characters cut there, with its full length: a hostile file's 200 MB value
    is not printed back."""
    if text is None:
        return None
    text = str(text)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"


def bounded(found: list[Failure], most: int) -> list[Failure]:
    """The first `most` failures of each kind (layer, format, table, field; 0: all), then one line saying how
    many more of that kind there are; values, keys and messages cut (see `cut`)."""
    found = [f._replace(value=cut(f.value), key=cut(f.key), message=cut(f.message, 4 * SHOWN)) for f in found]
    if most <= 0:
        return found
    kinds = Counter((f.layer, f.format, f.table, f.column) for f in found)
    seen: Counter = Counter()
    shown = []
    for f in found:
        kind = (f.layer, f.format, f.table, f.column)
        seen[kind] += 1
        if seen[kind] <= most:
            shown.append(f)
        if seen[kind] == most and kinds[kind] > most:
            more = f"… and {kinds[kind] - most:,} more problem(s) of this kind (--max-per-kind 0 shows them all)"
            shown.append(f._replace(row=None, key=None, value=None, message=more))
    return shown


def report_lines(found: list[Failure]) -> list[str]:
    lines = []
    for f in found:  # failures only
        where = f"{f.table}.{f.format}" if f.table and f.format else (f.table or "datapackage.json")
        if f.row is not None:
            where += f" row {int(f.row) + 2}"  # +1 for the header, +1 for 1-based lines
            if f.key is not None:
                where += f" ({', '.join(tables()[f.table].primary_key)} {f.key})"
        column = f" {f.column}:" if f.column else ""
        value = f" (got {f.value!r})" if f.value is not None else ""
        lines.append(f"[{f.layer}] {where}:{column} {f.message}{value}")
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
    valid = not found
    found = one_line_per_row(found)
    total, shown = len(found), bounded(found, args.max_per_kind)
    if args.json:
        records = [f._asdict() for f in shown]
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
