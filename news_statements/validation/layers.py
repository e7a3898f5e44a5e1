"""The one orchestrator of layers 1 and 2, on the engine's relations (engine.py): the build's frames in memory,
the frames a test changed, or a copy's Parquet files where they lie (the validator).

Layer 1 is the SQL generated from schema/ (tables.py), layer 2 the declared rules (rules.py); both run on
the same connection, one query at a time. What the reader already reported is not reported again: a value that
could not be read is null, and layer 1 would add "value is required" for it; a table that could not be read is
skipped by the rules that need it (one line each).
"""

from __future__ import annotations

import re

import duckdb
import pandas as pd

from news_statements.dtypes import PANDAS_TYPES
from news_statements.failures import combine, failures
from news_statements.metadata import CONTROL_CHARACTERS, CONTROL_MESSAGES, tables
from news_statements.validation import engine, rules
from news_statements.validation.tables import REQUIRED, layer1_queries


def unreadable_tables(read_failures: pd.DataFrame) -> set[str]:
    """The tables the reader could not read at all (missing or unreadable file)."""
    return set(read_failures.loc[read_failures["column"] == "(file)", "table"])


def not_repeated(found: pd.DataFrame, read_failures: pd.DataFrame) -> pd.DataFrame:
    """Layer 1's failures without "value is required" for a value (or a column) the reader reported."""
    if found.empty or read_failures.empty:
        return found
    said = pd.MultiIndex.from_frame(read_failures[["table", "column"]].astype(str))
    cells = pd.MultiIndex.from_frame(read_failures[["table", "column", "row"]].astype(str))
    required = (found["message"] == REQUIRED).to_numpy()
    column_said = pd.MultiIndex.from_frame(found[["table", "column"]].astype(str)).isin(
        said[read_failures["row"].isna().to_numpy()]
    )
    cell_said = pd.MultiIndex.from_frame(found[["table", "column", "row"]].astype(str)).isin(cells)
    return found[~(required & (column_said | cell_said))]


def with_keys(found: pd.DataFrame, frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The failures with the primary key value of each failing row ("a/b" for a composite key)."""
    found = found.assign(key=None)
    for name, rows in found.groupby("table", sort=False).groups.items():
        frame = frames.get(name)
        at = pd.to_numeric(found.loc[rows, "row"], errors="coerce")
        valid = (at >= 0) & (at < (len(frame) if frame is not None else 0))
        if not valid.any():
            continue
        positions = at[valid].astype(int).to_numpy()
        key = None
        for column in tables()[name].primary_key:
            part = frame[column].iloc[positions].astype("string").fillna("(null)").to_numpy()
            key = part if key is None else key + "/" + part
        found.loc[at.index[valid.to_numpy()], "key"] = key
    return found


def frame_problems(name: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, frozenset[str]]:
    """What a frame's columns break before its values are checked: a missing column (then nothing else of the
    table is checked) or a column of another dtype than the schema's (its values are not checked); and the
    columns whose values are not checked."""
    table = tables()[name]
    missing = [c for c in table.field_names if c not in frame.columns]
    if missing:
        return failures(name, [None] * len(missing), "(columns)", missing, "missing column"), frozenset(["*"])
    wrong = [f for f in table.fields if frame[f.name].dtype != PANDAS_TYPES[f.type]]
    found = [failures(name, [None], f.name, [str(frame[f.name].dtype)], f"wrong type: dtype('{PANDAS_TYPES[f.type]}')")
             for f in wrong]  # fmt: skip
    return combine(found), frozenset(f.name for f in wrong)


EXCERPT = 30  # characters shown on either side of a control character in a long value


def _control_excerpts(found: pd.DataFrame) -> pd.DataFrame:
    """A long value with a control character (an article text) is shown around its first bad character only,
    so that the report stays one short line per value."""
    lengths = found["value"].astype("string").str.len().fillna(0)  # (values are text or null)
    for multiline, message in CONTROL_MESSAGES.items():
        long = found["message"].eq(message) & lengths.gt(2 * EXCERPT + 1)
        for row in found.index[long]:  # (the bad values only)
            value = found.at[row, "value"]
            at = re.search(CONTROL_CHARACTERS[multiline], value).start()
            start, end = max(at - EXCERPT, 0), at + EXCERPT + 1
            found.at[row, "value"] = "…" * (start > 0) + value[start:end] + "…" * (end < len(value))
    return found


def layer1(
    con: duckdb.DuckDBPyConnection,
    names: list[str],
    skip: dict[str, frozenset[str]],
    together: bool = False,
    strict: bool = False,
) -> pd.DataFrame:
    """Layer 1 of the named tables (in schema order), each table's query run on its relation; `skip`: table ->
    the columns whose values are not checked ("*": the whole table); `strict`: DuckDB's error is raised (the
    validator then reads the file with the reader), not reported."""
    jobs = [
        engine.Job(query.name, name, query.sql, checked=True)
        for name in [n for n in tables() if n in names and "*" not in skip.get(n, ())]
        for query in layer1_queries(tables()[name], skip=skip.get(name, frozenset()))
    ]
    return _control_excerpts(engine.run_all(con, jobs, together, strict))


def check_all(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Layer 1 alone on frames in memory (the build's, a user's): the same queries the validator runs."""
    return check_frames(frames, layers=("table",))


def check_frames(
    frames: dict[str, pd.DataFrame],
    read_failures: pd.DataFrame | None = None,
    layers: tuple[str, ...] = ("table", "cross-table"),
) -> pd.DataFrame:
    """Every failure of layers 1 and 2 (and the reader's, when given) on frames, with a `layer` and a `key` column."""
    read_failures = combine([]) if read_failures is None else read_failures
    unreadable = unreadable_tables(read_failures)
    con, with_bytes = rules.connect(frames)
    try:
        checked = {n: frame_problems(n, f) for n, f in frames.items() if n in tables() and n not in unreadable}
        columns = combine([found for found, _ in checked.values()])
        found = [read_failures.assign(layer="read")]
        together = sum(len(f) for f in frames.values()) < engine.TOGETHER_ROWS
        if "table" in layers:
            table = layer1(con, list(checked), {n: skip for n, (_, skip) in checked.items()}, together)
            found.append(combine([columns, not_repeated(table, read_failures)]).assign(layer="table"))
        if "cross-table" in layers:
            found.append(
                rules.run_on(con, set(frames), unreadable, with_bytes, together=together).assign(layer="cross-table")
            )
    finally:
        con.close()
    return with_keys(combine(found), frames)
