"""Layer 1: each table on its own, with pandera (lazy: every failure at once).

The pandera schemas are generated from schema/ by syria_offensive.metadata; the row rules below are
added to every table that has the columns they speak of.

Scale: pandera reports every failure, but some of its checks are slow on millions of rows: regular
expressions (the identifier patterns, on every foreign-key column), uniqueness (a hash of the whole key
per row) and string lengths (decoding every text). Before validating, `fast_pass` proves cheaply that such
a check cannot fail on the data at hand — a foreign key's pattern holds because every value is one of the
referenced column's, which match the same pattern (the foreign-key lookup of keys.py, which layer 2 uses
too); another column's pattern holds for each distinct value (a few thousand identifiers repeated a
million times); the rows are strictly increasing in the key (the package is written sorted by primary
key, so no two rows can be equal); no text is empty — and only then leaves it out. Whatever is not proven
is checked by pandera as before, so every failure is still reported by pandera with the same message.
The tables are checked in parallel threads.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import cache, partial
from typing import TypeVar

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow
import pyarrow.compute as pc
from pandera.backends.pandas.register import register_pandas_backends
from pandera.config import CONFIG
from pandera.errors import SchemaErrors

from syria_offensive.metadata import Table, tables
from syria_offensive.validation import keys
from syria_offensive.validation.failures import combine, failures

# pandera registers its pandas backend (global registries, and imports) on the first validate() call, as
# below; do it once here, before threads validate tables at the same time.
register_pandas_backends(
    f"{pd.DataFrame.__module__}.{pd.DataFrame.__name__}", use_narwhals_backend=CONFIG.use_narwhals_backend
)

# Checks run in parallel threads (pandas, Arrow and numpy release the GIL for the heavy work); the
# environment variable SYRIA_OFFENSIVE_THREADS=1 runs them one after the other, in the calling thread.
T = TypeVar("T")
WORKERS = int(os.environ.get("SYRIA_OFFENSIVE_THREADS", 0)) or min(4, os.cpu_count() or 1)


def in_parallel(tasks: dict[str, Callable[[], T]], cost: Callable[[str], int] | None = None) -> dict[str, T]:
    """Run the tasks on WORKERS threads, the costliest first; their results by name, in the given order."""
    if WORKERS == 1:
        return {name: task() for name, task in tasks.items()}
    order = sorted(tasks, key=lambda name: -cost(name)) if cost else list(tasks)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        futures = {name: pool.submit(tasks[name]) for name in order}
        return {name: futures[name].result() for name in tasks}


def _le(df: pd.DataFrame, a: str, b: str) -> pd.Series:
    """a <= b wherever both are known."""
    return df[a].isna() | df[b].isna() | (df[a] <= df[b])


ROW_RULES: list[tuple[tuple[str, ...], str, object]] = [
    (("char_start", "char_end"), "char_start < char_end", lambda df: df["char_start"] < df["char_end"]),
    (
        ("raw_char_start", "raw_char_end"),
        "raw_char_start < raw_char_end",
        lambda df: df["raw_char_start"] < df["raw_char_end"],
    ),
    (
        ("date", "date_min", "date_max"),
        "date_min <= date <= date_max",
        lambda df: _le(df, "date_min", "date") & _le(df, "date", "date_max") & _le(df, "date_min", "date_max"),
    ),
    (
        ("published_date", "published_date_min", "published_date_max"),
        "published_date_min <= published_date <= published_date_max",
        lambda df: (
            _le(df, "published_date_min", "published_date")
            & _le(df, "published_date", "published_date_max")
            & _le(df, "published_date_min", "published_date_max")
        ),
    ),
    (
        ("start_date", "end_date", "date_min", "date_max"),
        "date_min <= start_date <= end_date, start_date <= date_max",
        lambda df: (
            _le(df, "start_date", "end_date")
            & _le(df, "date_min", "start_date")
            & _le(df, "start_date", "date_max")
            & _le(df, "date_min", "date_max")
        ),
    ),
    (("value", "value_max"), "value <= value_max", lambda df: _le(df, "value", "value_max")),
    (
        ("latitude", "longitude", "coordinate_precision", "coordinate_basis"),
        "latitude, longitude, coordinate_precision and coordinate_basis are given together",
        lambda df: (
            df["latitude"].isna().eq(df["longitude"].isna())
            & df["latitude"].isna().eq(df["coordinate_precision"].isna())
            & df["latitude"].isna().eq(df["coordinate_basis"].isna())
        ),
    ),
]


def schema_for(
    table: Table, frame: pd.DataFrame | None = None, frames: dict[str, pd.DataFrame] | None = None
) -> pa.DataFrameSchema:
    """The table's pandera schema; given the frame, without the checks `fast_pass` proves it passes (given
    all the tables too, with the help of the foreign keys' lookups)."""
    rules = [
        pa.Check(rule, error=name, element_wise=False)
        for cols, name, rule in ROW_RULES
        if set(cols) <= set(table.field_names)
    ]
    schema = table.to_pandera(rules)
    return schema if frame is None else fast_pass(schema, frame, frames)


def _arrow_strings(column: pd.Series) -> pyarrow.Array | pyarrow.ChunkedArray | None:
    """The column's Arrow strings (no copy) when it has the package's string dtype, else None."""
    if not isinstance(column.dtype, pd.StringDtype) or column.dtype.storage != "pyarrow":
        return None
    return pyarrow.array(column)


def _matches_everywhere(check: pa.Check, column: pd.Series, references: tuple | None = None) -> bool:
    """A str_matches check holds for every value (nulls are not checked): proven from the foreign key when
    every value occurs in a referenced column whose values match the same pattern, else tested once per
    distinct value (keys.matches). (Where pandas would pick another regex engine for the referenced values
    than for these — a newline in a referenced value that none of these has — it does so because both
    engines decide values without a newline alike.)"""
    pattern = check.statistics["pattern"]
    if references is not None:
        target, rows = references
        if pattern == target[1] and rows is not None and rows.all() and keys.matches(target[0], pattern):
            return True
    return keys.matches(column, pattern)


def _long_enough(check: pa.Check, column: pd.Series) -> bool:
    """A str_length check with only a minimum holds for every value, proven from byte lengths (which need no
    decoding): a character takes 1 to 4 bytes, so n bytes hold at least n/4 characters, and a non-empty
    string at least one."""
    array = _arrow_strings(column)
    stats = check.statistics
    if array is None or stats.get("max_value") is not None or stats.get("exact_value") is not None:
        return False
    least = stats.get("min_value")
    fewest = pc.min(pc.binary_length(array)).as_py()  # (nulls are not checked)
    return least is not None and (fewest is None or fewest >= 4 * least or (least <= 1 and fewest >= least))


def _passes(check: pa.Check, column: pd.Series, references: tuple | None = None) -> bool:
    """The check certainly passes on the column (proven cheaply; False: not proven)."""
    if check.name == "str_matches":
        return _matches_everywhere(check, column, references)
    if check.name == "str_length":
        return _long_enough(check, column)
    return False


def _strictly_increasing(frame: pd.DataFrame, columns: list[str]) -> bool:
    """Every row is greater than the one before in `columns` (lexicographically, no nulls): no two are equal.

    False means "not proven", not "duplicates": the rows may just be unsorted.
    """
    if len(frame) < 2:
        return True
    if len(columns) == 1:
        return keys.increasing(frame[columns[0]])
    less = np.zeros(len(frame) - 1, dtype=bool)
    equal = np.ones(len(frame) - 1, dtype=bool)
    for number, name in enumerate(columns):
        column = frame[name]
        if column.isna().any():
            return False
        last = number == len(columns) - 1  # (its equalities are not needed)
        if column.dtype == "Int64":
            values = column.to_numpy(dtype=np.int64)
            lt = values[:-1] < values[1:]
            eq = None if last else values[:-1] == values[1:]
        else:
            array = _arrow_strings(column)
            if array is None:
                return False
            before, after = array.slice(0, len(array) - 1), array.slice(1)
            lt = pc.less(before, after).to_numpy(zero_copy_only=False)
            eq = None if last else pc.equal(before, after).to_numpy(zero_copy_only=False)
        less |= equal & lt
        if eq is not None:
            equal &= eq
    return bool(less.all())


def _references(table: Table, frame: pd.DataFrame, frames: dict[str, pd.DataFrame] | None) -> dict[str, tuple]:
    """For each single-field foreign key column of the table: ((the referenced column, its pattern), which
    rows resolve or are null) — when `frames` holds this very column data (keys.resolved)."""
    found = {}
    if frames is None or table.name not in frames:
        return found
    for number, fk in enumerate(table.foreign_keys):
        if len(fk["fields"]) != 1:
            continue
        name, (target, field) = fk["fields"][0], (fk["reference"]["resource"], fk["reference"]["fields"][0])
        if name not in frame or keys.arrow_data(frame[name]) is None:
            continue
        if keys.arrow_data(frame[name]) is not keys.arrow_data(frames[table.name][name]):
            continue
        remote = next(f for f in tables()[target].fields if f.name == field)
        local = next(f for f in table.fields if f.name == name)
        if remote.constraints.get("pattern") != local.constraints.get("pattern") or "pattern" not in local.constraints:
            continue
        resolves = keys.resolved(frames, table.name, number)
        rows = None if resolves is None else resolves | frame[name].isna().to_numpy()
        found[name] = ((frames[target][field], _pattern_check(target, field)), rows)
    return found


@cache
def _pattern_check(table: str, name: str) -> str | None:
    """The pattern of a column's str_matches check, as the generated pandera schema states it."""
    checks = tables()[table].to_pandera().columns[name].checks
    return next((c.statistics["pattern"] for c in checks if c.name == "str_matches"), None)


def fast_pass(
    schema: pa.DataFrameSchema, frame: pd.DataFrame, frames: dict[str, pd.DataFrame] | None = None
) -> pa.DataFrameSchema:
    """The schema without the slow checks that provably pass on `frame` (see the module docstring);
    `frames`, all tables, let a foreign key's lookup prove its pattern."""
    references = _references(tables()[schema.name], frame, frames) if schema.name in tables() else {}
    updates = {}
    for name, column in schema.columns.items():
        if name not in frame:
            continue
        checks = [c for c in column.checks if not _passes(c, frame[name], references.get(name))]
        unique = column.unique and not _strictly_increasing(frame, [name])
        if len(checks) != len(column.checks) or unique != column.unique:
            updates[name] = {"checks": checks, "unique": unique}
    if updates:
        schema = schema.update_columns(updates)
    if schema.unique and all(c in frame for c in schema.unique) and _strictly_increasing(frame, schema.unique):
        schema = copy.copy(schema)  # (a fresh schema each call: not shared)
        schema.unique = None
    return schema


def check_table(table: Table, frame: pd.DataFrame, frames: dict[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """Failures of one table against its generated pandera schema (plus missing/extra columns); `frames`,
    all the tables, speed up the checks of foreign-key columns (see fast_pass)."""
    missing = [c for c in table.field_names if c not in frame.columns]
    if missing:
        return failures(table.name, [None] * len(missing), "(columns)", missing, "missing column")
    try:
        frame = frame[table.field_names]
        schema_for(table, frame, frames).validate(frame, lazy=True, inplace=True)  # (a selection: no copy needed)
    except SchemaErrors as err:
        cases = err.failure_cases
        return pd.DataFrame(
            {
                "table": table.name,
                "row": cases["index"].to_numpy(),
                "column": cases["column"].fillna("(row)").astype(str).to_numpy(),
                "value": cases["failure_case"].map(lambda v: None if v is None or pd.isna(v) else str(v)).to_numpy(),
                "message": cases["check"].astype(str).map(_message).to_numpy(),
            }
        )
    return combine([])


def _message(check: str) -> str:
    if check.startswith("not_nullable"):
        return "value is required"
    if check.startswith("field_uniqueness") or check.startswith("multiple_fields_uniqueness"):
        return "duplicate primary key"
    if check.startswith("dtype("):
        return f"wrong type: {check}"
    return check


def check_all(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every table's failures, in table order (the tables are checked in parallel, the largest first)."""
    tasks = {
        name: partial(check_table, table, frames[name], frames) for name, table in tables().items() if name in frames
    }
    return combine(list(in_parallel(tasks, cost=lambda name: len(frames[name])).values()))
