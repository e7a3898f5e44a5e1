"""The one orchestrator of layers 1 and 2, on the engine's relations (engine.py): the build's frames in memory,
the frames a test changed, or a copy's files where they lie (the validator).

Layer 1 is the SQL generated from schema/ (tables.py), layer 2 the declared rules (rules.py); both run on
the same connection, one query at a time. What the reader already reported is not reported again: a value that
could not be read is null, and layer 1 would add "value is required" for it; a table that could not be read is
skipped by the rules that need it (one line each). Failures are records (failures.Failure); `check_frames`, which
takes frames, gives a frame.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import duckdb

from news_statements.dtypes import PANDAS_TYPES
from news_statements.failures import Failure, as_frame
from news_statements.metadata import CONTROL_CHARACTERS, CONTROL_MESSAGES, tables
from news_statements.validation import engine, rules
from news_statements.validation.tables import REQUIRED, layer1_queries

if TYPE_CHECKING:
    import pandas as pd


def unreadable_tables(read_failures: list[Failure]) -> set[str]:
    """The tables the reader could not read at all (missing or unreadable file)."""
    return {f.table for f in read_failures if f.column == "(file)"}


def not_repeated(found: list[Failure], read_failures: list[Failure]) -> list[Failure]:
    """Layer 1's failures without "value is required" for a value (or a column) the reader reported."""
    columns = {(f.table, f.column) for f in read_failures if f.row is None}
    cells = {(f.table, f.column, f.row) for f in read_failures}
    return [
        f for f in found
        if f.message != REQUIRED or ((f.table, f.column) not in columns and (f.table, f.column, f.row) not in cells)
    ]  # fmt: skip


def frame_problems(name: str, frame: pd.DataFrame) -> tuple[list[Failure], frozenset[str]]:
    """What a frame's columns break before its values are checked: a missing column (then nothing else of the
    table is checked) or a column of another dtype than the schema's (its values are not checked); and the
    columns whose values are not checked."""
    table = tables()[name]
    missing = [c for c in table.field_names if c not in frame.columns]
    if missing:
        return [Failure(name, None, "(columns)", c, "missing column") for c in missing], frozenset(["*"])
    wrong = [f for f in table.fields if frame[f.name].dtype != PANDAS_TYPES[f.type]]
    found = [Failure(name, None, f.name, str(frame[f.name].dtype), f"wrong type: dtype('{PANDAS_TYPES[f.type]}')")
             for f in wrong]  # fmt: skip
    return found, frozenset(f.name for f in wrong)


EXCERPT = 30  # characters shown on either side of a control character in a long value


def _control_excerpt(failure: Failure) -> Failure:
    """A long value with a control character (an article text) is shown around its first bad character only,
    so that the report stays one short line per value."""
    value = failure.value
    for multiline, message in CONTROL_MESSAGES.items():
        if failure.message == message and isinstance(value, str) and len(value) > 2 * EXCERPT + 1:
            at = re.search(CONTROL_CHARACTERS[multiline], value).start()
            start, end = max(at - EXCERPT, 0), at + EXCERPT + 1
            return failure._replace(value="…" * (start > 0) + value[start:end] + "…" * (end < len(value)))
    return failure


def layer1(
    con: duckdb.DuckDBPyConnection,
    names: list[str],
    skip: dict[str, frozenset[str]],
    strict: bool = False,
) -> list[Failure]:
    """Layer 1 of the named tables (in schema order), each table's query run on its relation; `skip`: table ->
    the columns whose values are not checked ("*": the whole table); `strict`: DuckDB's error is raised (the
    validator then reads the file with the reader), not reported."""
    jobs = [
        engine.Job(query.name, name, query.sql, checked=True)
        for name in [n for n in tables() if n in names and "*" not in skip.get(n, ())]
        for query in layer1_queries(tables()[name], skip=skip.get(name, frozenset()))
    ]
    return [_control_excerpt(f) for f in engine.run_all(con, jobs, strict)]


def with_layer(found: list[Failure], layer: str, fmt: str | None = None) -> list[Failure]:
    return [f._replace(layer=layer, format=fmt) for f in found]


def check_all(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Layer 1 alone on frames in memory (the build's, a user's): the same queries the validator runs."""
    return check_frames(frames, layers=("table",))


def check_frames(
    frames: dict[str, pd.DataFrame],
    read_failures: list[Failure] = (),
    layers: tuple[str, ...] = ("table", "cross-table"),
) -> pd.DataFrame:
    """Every failure of layers 1 and 2 (and the reader's, when given) on frames, as a frame with a `layer` and a
    `key` column (the build's and the tests' entry point: the same queries the validator runs on its files)."""
    unreadable = unreadable_tables(read_failures)
    con, with_bytes = rules.connect(frames)
    try:
        checked = {n: frame_problems(n, f) for n, f in frames.items() if n in tables() and n not in unreadable}
        columns = [failure for found, _ in checked.values() for failure in found]
        found = with_layer(list(read_failures), "read")
        if "table" in layers:
            table = layer1(con, list(checked), {n: skip for n, (_, skip) in checked.items()})
            found += with_layer(columns + not_repeated(table, read_failures), "table")
        if "cross-table" in layers:
            cross = rules.run_on(con, set(frames), unreadable, with_bytes)  # (one at a time: as one UNION, the real
            # package's rules took twice as long)
            found += with_layer(cross, "cross-table")
        found = engine.keys(con, found)
    finally:
        con.close()
    return as_frame(found).drop(columns="format")
