"""The validator's path: layers 1 and 2 on DuckDB over a copy's files where they lie, and the twins rule.

Each table is a relation of the engine (engine.py) with `_row`, its row's position in the file:
- Parquet: a view over the file (engine.add_parquet) when the file holds the schema's columns in the schema's
  Arrow types and values the pandas reader would take as they are (whole numbers within ±2**53, numbers without
  NaN, dates in years 1-9999: one aggregate query); no table is held whole in memory.
- CSV: streamed by pyarrow's CSV reader, a block at a time, as text into a DuckDB table (inside DuckDB's memory
  limit, spilled beyond), typed by a view generated from schema/; a value that does not convert is reported as
  the reader reports it ("value is not a whole number", row by row), by one query.
A file that neither path takes as it is (a hostile or hand-made copy: another Arrow type, a value out of range,
text that is not UTF-8, a row with more fields than the header) is read by the pandas reader (readers.py,
imported then only) and registered as a frame, so that its problems get the reader's messages, as before.

With both formats, the Parquet copy gets every layer and the CSV copy its read checks and the twins rule (each
CSV table and its Parquet twin hold the same rows, cell by cell: SQL over the two relations): a CSV copy equal to
a Parquet copy that passes every rule passes them too; Frictionless reads the CSV files as well.
"""

from __future__ import annotations

import contextlib
import csv
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from news_statements.dtypes import ARROW_ACCEPTED, EXACT_INTEGERS, TYPE_WORDS, arrow_int64
from news_statements.failures import Failure, as_records
from news_statements.metadata import Table, tables
from news_statements.validation import engine, layers, rules
from news_statements.validation.tables import quote

SQL_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "date": "DATE"}
BLOCK = 1 << 24  # bytes of CSV parsed at a time
IN_PLACE = BLOCK  # a CSV file up to this size is one Arrow table, scanned in place; a larger one is streamed
KERNEL_BYTES = 1 << 22  # an articles file below this size: the plain span rule costs less than the kernel's set-up
TOO_LARGE = f"value is out of range: a whole number from -{EXACT_INTEGERS} to {EXACT_INTEGERS} is expected"


def read_table(*args: object) -> tuple:
    """The pandas reader (readers.read_table), imported when a file needs it."""
    from news_statements import readers

    return readers.read_table(*args)


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
    return not tests or bool(con.execute(f"SELECT {' AND '.join(tests)} FROM {relation}").fetchall()[0][0])


def _parquet(con: duckdb.DuckDBPyConnection, path: Path, relation: str, table: Table) -> list[Failure] | None:
    """A view over the Parquet file, or None when the reader must read it."""
    if not _as_is(path, table):
        return None
    engine.add_parquet(con, relation, path, table)
    return [] if _values_as_is(con, f"_base_{relation}", table) else None


def _number(name: str) -> str:
    """(DuckDB reads 1_000 as a number; the reader does not)"""
    return f"TRY_CAST(CASE WHEN NOT contains({name}, '_') THEN {name} END AS DOUBLE)"


def _whole(name: str) -> str:
    return f"(isfinite({_number(name)}) AND {_number(name)} = round({_number(name)}))"


def _typed(name: str, kind: str) -> str:
    """A text column as the schema's type (null where the text does not convert, as the reader's)."""
    if kind == "integer":
        fits = f"{_whole(name)} AND abs({_number(name)}) <= {EXACT_INTEGERS}"
        return f"CASE WHEN {fits} THEN CAST({_number(name)} AS BIGINT) END"
    if kind == "number":
        return f"CASE WHEN NOT isnan({_number(name)}) THEN {_number(name)} END"
    if kind == "date":
        bare = f"{name} = trim({name}, ' ' || chr(9) || chr(10) || chr(13))"  # (strptime skips blanks; the reader not)
        return f"CASE WHEN {bare} THEN CAST(try_strptime({name}, '%Y-%m-%d') AS DATE) END"
    return name


def _conversions(relation: str, table: Table, present: list[str]) -> str | None:
    """The query of the values that do not convert (the reader's messages), in field, then row order."""
    parts = []
    for number, f in enumerate(table.fields):
        if f.name not in present or f.type == "string":
            continue
        bad = f"{f.name} IS NOT NULL AND {_typed(f.name, f.type)} IS NULL"
        checks = [(bad, f"value is not {TYPE_WORDS[f.type]}")]
        if f.type == "integer":
            too_large = f"coalesce({_whole(f.name)} AND abs({_number(f.name)}) > {EXACT_INTEGERS}, FALSE)"
            checks = [(too_large, TOO_LARGE), (f"{bad} AND NOT ({too_large})", checks[0][1])]
        parts += [
            f"SELECT {number} AS n, {kind} AS k, _row, {quote(f.name)} AS field, {f.name} AS value, {quote(message)}"
            f" AS message FROM _text_{relation} WHERE {test}"
            for kind, (test, message) in enumerate(checks)
        ]
    return " UNION ALL ".join(parts) + " ORDER BY n, k, _row" if parts else None


def _csv(con: duckdb.DuckDBPyConnection, path: Path, relation: str, table: Table) -> list[Failure] | None:
    """The CSV file streamed into DuckDB as text, and the typed view over it; the values that do not convert."""
    with open(path, encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle), [])
    present = [f for f in table.field_names if f in header]
    if len(set(header)) < len(header):
        return None  # (a column named twice: the reader's message)
    stream = pacsv.open_csv(
        path,
        read_options=pacsv.ReadOptions(block_size=BLOCK),
        # (a newline in a value of a table with no multiline field: "out of sync", read by the reader instead)
        parse_options=pacsv.ParseOptions(newlines_in_values=any(f.multiline for f in table.fields)),
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(header, pa.string()), include_columns=present, null_values=[""],
            strings_can_be_null=True, quoted_strings_can_be_null=True,
        ),
    )  # fmt: skip
    if path.stat().st_size <= IN_PLACE:  # (its Arrow table scanned in place, not copied)
        text = pa.Table.from_batches(list(stream), schema=stream.schema)
        con.register(f"_text_{relation}", text.append_column("_row", arrow_int64(np.arange(text.num_rows))))
    else:
        _stream_into(con, stream, f"_text_{relation}", present)
    typed = [
        f"{_typed(f.name, f.type)} AS {f.name}"
        if f.name in present
        else f"CAST(NULL AS {SQL_TYPES[f.type]}) AS {f.name}"
        for f in table.fields
    ]
    con.execute(f"CREATE OR REPLACE VIEW _base_{relation} AS SELECT {', '.join(typed)}, _row FROM _text_{relation}")
    found = [Failure(table.name, None, f, None, "missing column") for f in table.field_names if f not in present]
    if sql := _conversions(relation, table, present):
        found += [Failure(table.name, row, field, value, message) for *_, row, field, value, message in
                  con.execute(sql).fetchall()]  # fmt: skip
    return found


def _stream_into(con: duckdb.DuckDBPyConnection, stream: pacsv.CSVStreamingReader, name: str, present: list) -> None:
    """The blocks of a CSV reader inserted into a DuckDB table (held within DuckDB's memory limit, spilled beyond)."""
    columns = ", ".join(f"{column} VARCHAR" for column in present)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} ({columns}{', ' if present else ''}_row BIGINT)")
    rows = 0
    for batch in stream:
        con.register("_block", batch.append_column("_row", arrow_int64(np.arange(rows, rows + batch.num_rows))))
        con.execute(f"INSERT INTO {name} SELECT * FROM _block")
        con.unregister("_block")
        rows += batch.num_rows


def _by_reader(con: duckdb.DuckDBPyConnection, directory: Path, fmt: str, name: str, refused: dict, relation: str):
    frame, found = read_table(directory, fmt, name, tables()[name], refused)
    engine.add_frame(con, relation, frame)
    return as_records(found)


def _empty(con: duckdb.DuckDBPyConnection, relation: str, table: Table) -> None:
    """A relation with the table's columns and no row (its file is missing or refused)."""
    typed = ", ".join(f"CAST(NULL AS {SQL_TYPES[f.type]}) AS {f.name}" for f in table.fields)
    con.execute(f"CREATE OR REPLACE VIEW _base_{relation} AS SELECT {typed}, CAST(NULL AS BIGINT) AS _row WHERE FALSE")


def register(
    con: duckdb.DuckDBPyConnection, directory: Path, refused: dict, fmt: str = "parquet", prefix: str = ""
) -> dict:
    """Each table's file of format `fmt` as the base relation `prefix + name`; table -> its read failures, for
    the tables that are not views over a Parquet file (a view's failures come when layer 1 reads it)."""
    read = {}
    for name, table in tables().items():
        path, relation = directory / f"{name}.{fmt}", prefix + name
        problem = refused.get(path.name) or (None if path.is_file() else "file is missing")
        if problem:
            _empty(con, relation, table)
            read[name] = [Failure(name, None, "(file)", path.name, problem[:300])]
            continue
        try:
            found = (_parquet if fmt == "parquet" else _csv)(con, path, relation, table)
        except (duckdb.Error, pa.ArrowException, OSError, UnicodeDecodeError, csv.Error):
            found = None  # (a page DuckDB cannot read, a row Arrow cannot parse: the reader's message)
        if found is None:
            read[name] = _by_reader(con, directory, fmt, name, refused, relation)
        elif fmt == "csv":
            read[name] = found
    return read


def _layer1(con: duckdb.DuckDBPyConnection, directory: Path, refused: dict, read: dict, names: list[str]) -> list:
    """Layer 1 of each table; a view DuckDB cannot read through (text that is not UTF-8, a damaged page) is replaced
    by the reader's frame and checked again. (One query at a time: on the real package, as one UNION the queries
    took as long, and the rules twice as long.)"""
    found = []
    for name in names:
        try:
            found += layers.layer1(con, [name], {}, strict=name not in read)
        except duckdb.Error:  # (text that is not UTF-8; a page DuckDB cannot read)
            read[name] = _by_reader(con, directory, "parquet", name, refused, name)
            engine.finish(con, {name}, use_kernels=False)
            found += layers.layer1(con, [name], {})
    return found


def check(directory: Path, formats: list[str], refused: dict[str, str]) -> list[Failure]:
    """Every failure of the reader, layer 1 and layer 2 on a copy's files (Parquet when it is read, else CSV),
    and with both formats the CSV files' read failures and the twins rule; with `layer`, `format` and `key`."""
    fmt = "parquet" if "parquet" in formats else "csv"
    con = engine.connect()
    try:
        read = register(con, directory, refused, fmt)
        engine.finish(con, set(tables()), use_kernels=False)
        unreadable = layers.unreadable_tables([f for found in read.values() for f in found])
        names = [n for n in tables() if n not in unreadable]
        table = _layer1(con, directory, refused, read, names)
        read_failures = [f for n in tables() if n in read for f in read[n]]
        articles = directory / f"articles.{fmt}"
        kernels = articles.is_file() and articles.stat().st_size >= KERNEL_BYTES
        cross = rules.run_on(con, set(tables()), unreadable, engine.finish(con, set(tables()), kernels))
        found = engine.keys(con, [
            *layers.with_layer(read_failures, "read", fmt),
            *layers.with_layer(layers.not_repeated(table, read_failures), "table", fmt),
            *layers.with_layer(cross, "cross-table", fmt),
        ])  # fmt: skip
        return found + (_twins(con, directory, refused, unreadable) if len(formats) == 2 else [])
    finally:
        con.close()


def _equal(con: duckdb.DuckDBPyConnection, names: list[str]) -> set[str]:
    """The tables whose CSV and Parquet relations hold the same rows in the same order, cell by cell: one streaming
    pass each, no join table (POSITIONAL JOIN; rows out of order or of unequal number compare unequal), all in one
    query (each table alone if that one cannot run: a relation the reader made with other types is unequal)."""

    def differ(name: str) -> str:
        cells = " OR ".join(f"c.{f} IS DISTINCT FROM p.{f}" for f in ["_row", *tables()[name].field_names])
        return f"(SELECT count(*) FILTER (WHERE {cells}) FROM _base_csv_{name} AS c POSITIONAL JOIN _base_{name} AS p)"

    def run(part: list[str]) -> set[str]:
        counts = con.execute(f"SELECT {', '.join(map(differ, part))}").fetchall()[0]
        return {name for name, count in zip(part, counts, strict=True) if count == 0}

    try:
        return run(names) if names else set()
    except duckdb.Error:
        found = set()
        for name in names:
            with contextlib.suppress(duckdb.Error):
                found |= run([name])
        return found


def _twins(con: duckdb.DuckDBPyConnection, directory: Path, refused: dict, unreadable: set[str]) -> list:
    """The CSV files' read failures and the twins rule, each CSV table against the Parquet relation of its name.
    A table whose two files are equal row by row (the build writes them so) passes the rule without it: the rule
    matches rows by key (a hash join and a window over each side, which spilled at 1M statements), so it runs
    only where the files differ, and reports each difference as before."""
    read = register(con, directory, refused, "csv", prefix="csv_")
    engine.finish(con, {f"csv_{name}" for name in tables()}, use_kernels=False)
    read_failures = [f for found in read.values() for f in found]
    skipped = {f"csv_{n}" for n in layers.unreadable_tables(read_failures)} | {f"parquet_{n}" for n in unreadable}
    equal = _equal(con, [n for n in tables() if f"csv_{n}" not in skipped and f"parquet_{n}" not in skipped])
    for name in tables():
        con.execute(f"CREATE OR REPLACE VIEW parquet_{name} AS SELECT * FROM {name}")
    names = {f"{fmt}_{name}" for fmt in ("csv", "parquet") for name in tables() if name not in equal}
    found = rules.run_on(con, names, skipped, twin_rules=True)
    found = [f._replace(table=f.table.removeprefix("csv_").removeprefix("parquet_")) for f in found]
    found = [f for f in found if f.column != "(rules)" or f.table not in equal]
    twins = layers.with_layer(read_failures, "read", "csv") + layers.with_layer(found, "twins", "csv")
    return engine.keys(con, twins, prefix="csv_")
