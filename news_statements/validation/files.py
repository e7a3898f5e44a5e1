"""The validator's Parquet path: layers 1 and 2 on DuckDB over the Parquet files where they lie.

Each table is a view over its file (engine.add_parquet) when the file holds the schema's columns in the schema's
Arrow types and values the pandas reader would take as they are (whole numbers within ±2**53, numbers without
NaN, dates in years 1-9999: one aggregate query over the numeric columns); no table is held whole in memory. A
file that does not (a hostile or hand-made copy: another type, a value out of range, text that is not UTF-8,
which DuckDB refuses when layer 1 reads it) is read by the pandas reader (readers.py) and registered as a
frame, so that its problems get the reader's messages, row by row, as before.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq

from news_statements.dtypes import ARROW_ACCEPTED
from news_statements.failures import combine
from news_statements.metadata import Table, tables
from news_statements.readers import EXACT_INTEGERS, read_table
from news_statements.validation import engine, layers, rules


def _as_is(path: Path, table: Table) -> bool:
    """The file's columns are the schema's in the schema's Arrow types (the screen has read its footer)."""
    types = {field.name: field.type for field in pq.read_schema(path)}
    return all(types.get(f.name) in ARROW_ACCEPTED[f.type] for f in table.fields)


def _values_as_is(con: duckdb.DuckDBPyConnection, relation: str, table: Table) -> bool:
    """The numeric and date values are those the reader takes without its text path (one aggregate query)."""
    tests = []
    for f in table.fields:
        if f.type == "integer":
            tests.append(f"coalesce(min({f.name}) >= -{EXACT_INTEGERS} AND max({f.name}) <= {EXACT_INTEGERS}, TRUE)")
        elif f.type == "number":
            tests.append(f"NOT coalesce(bool_or(isnan({f.name})), FALSE)")
        elif f.type == "date":
            tests.append(f"coalesce(min({f.name}) >= DATE '0001-01-01' AND max({f.name}) <= DATE '9999-12-31', TRUE)")
    return not tests or bool(con.execute(f"SELECT {' AND '.join(tests)} FROM {relation}").fetchone()[0])


def _by_reader(con: duckdb.DuckDBPyConnection, directory: Path, name: str, refused: dict[str, str], relation: str):
    frame, found = read_table(directory, "parquet", name, tables()[name], refused)
    engine.add_frame(con, relation, frame)
    return found


def register(con: duckdb.DuckDBPyConnection, directory: Path, refused: dict[str, str], prefix: str = "") -> dict:
    """Each table's Parquet file as the base relation `prefix + name`; table -> the reader's failures for the
    tables read by the reader (the others are views)."""
    read = {}
    for name, table in tables().items():
        path, relation = directory / f"{name}.parquet", prefix + name
        if path.name not in refused and path.is_file() and _as_is(path, table):
            engine.add_parquet(con, relation, path, table)
            try:
                if _values_as_is(con, f"_base_{relation}", table):
                    continue
            except duckdb.Error:  # (a file pyarrow's footer check let through, which DuckDB cannot read)
                pass
        read[name] = _by_reader(con, directory, name, refused, relation)
    return read


def _layer1(con: duckdb.DuckDBPyConnection, directory: Path, refused: dict[str, str], read: dict, names: list[str]):
    """Layer 1 of each table; a view DuckDB cannot read through (text that is not UTF-8, a damaged page) is replaced
    by the reader's frame and checked again."""
    parts = []
    for name in names:
        try:
            parts.append(layers.layer1(con, [name], {}, strict=name not in read))
        except duckdb.Error:  # (text that is not UTF-8; a page DuckDB cannot read)
            read[name] = _by_reader(con, directory, name, refused, name)
            engine.finish(con, {name}, use_kernels=False)
            parts.append(layers.layer1(con, [name], {}))
    return combine(parts)


def check_parquet(directory: Path, refused: dict[str, str]) -> pd.DataFrame:
    """Every failure of the reader (for the files it reads), layer 1 and layer 2 on a copy's Parquet files,
    with `layer` and `key` columns."""
    con = engine.connect()
    try:
        read = register(con, directory, refused)
        engine.finish(con, set(tables()), use_kernels=False)
        read_failures = combine(list(read.values()))
        unreadable = layers.unreadable_tables(read_failures)
        names = [n for n in tables() if n not in unreadable]
        table = _layer1(con, directory, refused, read, names)
        read_failures = combine([read[n] for n in tables() if n in read])
        with_bytes = engine.finish(con, set(tables()))
        small = engine.parquet_rows(directory) < engine.TOGETHER_ROWS
        cross = rules.run_on(con, set(tables()), unreadable, with_bytes, together=small)
        found = combine([
            read_failures.assign(layer="read"),
            layers.not_repeated(table, read_failures).assign(layer="table"),
            cross.assign(layer="cross-table"),
        ])  # fmt: skip
        return engine.keys(con, found)
    finally:
        con.close()


def twins(csv: dict[str, pd.DataFrame], directory: Path, refused: dict[str, str], unreadable: set[str]) -> pd.DataFrame:
    """The twins rule with the CSV frames and the Parquet files where they lie."""
    con = engine.connect()
    try:
        for name, frame in csv.items():
            engine.add_frame(con, f"csv_{name}", frame)
        register(con, directory, refused, prefix="parquet_")
        names = {f"{fmt}_{name}" for fmt in ("csv", "parquet") for name in tables()}
        engine.finish(con, names, use_kernels=False)
        skipped = {f"{fmt}_{n}" for fmt, n in (name.split(":") for name in unreadable)}
        found = rules.run_on(con, names, skipped, twin_rules=True)
    finally:
        con.close()
    return found.assign(table=found["table"].str.replace(r"^(csv|parquet)_", "", regex=True))
