"""Layer 1: each table on its own, with pandera (lazy: every failure at once).

The pandera schemas are generated from schema/ by syria_offensive.metadata; the row rules below are
added to every table that has the columns they speak of.

Scale: pandera reports every failure, but some of its checks are slow on millions of rows: regular
expressions (the identifier patterns, on every foreign-key column), uniqueness (a hash of the whole key
per row) and string lengths (decoding every text). Before validating, `fast_pass` proves cheaply that such
a check cannot fail on the data at hand — the pattern holds for each distinct value (a few thousand
identifiers repeated a million times), the rows are strictly increasing in the key (the package is
written sorted by primary key, so no two rows can be equal), no text is empty — and only then leaves it
out. Whatever is not proven is checked by pandera as before, so every
failure is still reported by pandera with the same message. The distinct values found on the way are
kept for layer 2 (`covering_values`), and the tables are checked in parallel threads.
"""

from __future__ import annotations

import copy
import os
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
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
        ("latitude", "longitude", "coordinate_precision"),
        "latitude, longitude and coordinate_precision are given together",
        lambda df: (
            df["latitude"].isna().eq(df["longitude"].isna())
            & df["latitude"].isna().eq(df["coordinate_precision"].isna())
        ),
    ),
]


def schema_for(table: Table, frame: pd.DataFrame | None = None) -> pa.DataFrameSchema:
    """The table's pandera schema; given the frame, without the checks `fast_pass` proves it passes."""
    rules = [
        pa.Check(rule, error=name, element_wise=False)
        for cols, name, rule in ROW_RULES
        if set(cols) <= set(table.field_names)
    ]
    schema = table.to_pandera(rules)
    return schema if frame is None else fast_pass(schema, frame)


def _arrow_strings(column: pd.Series) -> pyarrow.Array | pyarrow.ChunkedArray | None:
    """The column's Arrow strings (no copy) when it has the package's string dtype, else None."""
    if not isinstance(column.dtype, pd.StringDtype) or column.dtype.storage != "pyarrow":
        return None
    return pyarrow.array(column)


def _distinct_enough(array: pyarrow.Array) -> pyarrow.Array:
    """Every distinct value of the column at least once, as few times as is cheap to get.

    A column sorted on itself (a leading key) gives one value per run of equal neighbours; a column whose
    values are all different gives itself; any other gives its distinct values (a hash of every value).
    """
    if len(array) < 2:
        return array
    before, after = array.slice(0, len(array) - 1), array.slice(1)
    change = pc.not_equal(before, after).fill_null(True).to_numpy(zero_copy_only=False)
    runs = 1 + int(change.sum())
    if 2 * runs <= len(array):
        return array.filter(pyarrow.array(np.concatenate([[True], change])))
    if runs == len(array) and array.null_count == 0 and pc.all(pc.less(before, after)).as_py():
        return array
    return pc.unique(array)


_COVERS: dict[int, tuple[weakref.ref, pyarrow.Array]] = {}


def covering_values(column: pd.Series, compute: bool = True) -> pyarrow.Array | None:
    """Every distinct value of a text column at least once (see _distinct_enough), computed once per column
    data: layer 2 reuses what layer 1 found (a foreign key whose every distinct value resolves needs no
    lookup per row). None for columns that are not Arrow text, or (compute=False) not seen yet."""
    if not isinstance(column.array, pd.arrays.ArrowStringArray):
        return None
    data = column.array.__arrow_array__()  # the column's Arrow data: a new object whenever it is changed
    found = _COVERS.get(id(data))
    if found is not None and found[0]() is data:
        return found[1]
    if not compute:
        return None
    cover = _distinct_enough(data)
    for key, (ref, _) in list(_COVERS.items()):  # forget the data that is gone
        if ref() is None:
            _COVERS.pop(key, None)
    _COVERS[id(data)] = (weakref.ref(data), cover)
    return cover


def _matches_everywhere(check: pa.Check, column: pd.Series) -> bool:
    """A str_matches check holds for every value: tested once per distinct value (nulls are not checked).

    str.match is decided value by value, and pandas picks its regex engine from the values present, which
    are the same distinct values here.
    """
    if _arrow_strings(column) is None:
        return False
    cover = covering_values(column)
    if cover is None:
        return False
    distinct = pd.Series(pd.arrays.ArrowStringArray(cover.drop_null()))
    return bool(distinct.str.match(check.statistics["pattern"], na=False).all())


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


def _passes(check: pa.Check, column: pd.Series) -> bool:
    """The check certainly passes on the column (proven cheaply; False: not proven)."""
    if check.name == "str_matches":
        return _matches_everywhere(check, column)
    if check.name == "str_length":
        return _long_enough(check, column)
    return False


def _strictly_increasing(frame: pd.DataFrame, columns: list[str]) -> bool:
    """Every row is greater than the one before in `columns` (lexicographically, no nulls): no two are equal.

    False means "not proven", not "duplicates": the rows may just be unsorted.
    """
    if len(frame) < 2:
        return True
    less = np.zeros(len(frame) - 1, dtype=bool)
    equal = np.ones(len(frame) - 1, dtype=bool)
    for name in columns:
        column = frame[name]
        if column.isna().any():
            return False
        if column.dtype == "Int64":
            values = column.to_numpy(dtype=np.int64)
            lt, eq = values[:-1] < values[1:], values[:-1] == values[1:]
        else:
            array = _arrow_strings(column)
            if array is None:
                return False
            before, after = array.slice(0, len(array) - 1), array.slice(1)
            lt = pc.less(before, after).to_numpy(zero_copy_only=False)
            eq = pc.equal(before, after).to_numpy(zero_copy_only=False)
        less |= equal & lt
        equal &= eq
    return bool(less.all())


def fast_pass(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> pa.DataFrameSchema:
    """The schema without the slow checks that provably pass on `frame` (see the module docstring)."""
    updates = {}
    for name, column in schema.columns.items():
        if name not in frame:
            continue
        checks = [c for c in column.checks if not _passes(c, frame[name])]
        unique = column.unique and not _strictly_increasing(frame, [name])
        if len(checks) != len(column.checks) or unique != column.unique:
            updates[name] = {"checks": checks, "unique": unique}
    if updates:
        schema = schema.update_columns(updates)
    if schema.unique and all(c in frame for c in schema.unique) and _strictly_increasing(frame, schema.unique):
        schema = copy.copy(schema)  # (a fresh schema each call: not shared)
        schema.unique = None
    return schema


def check_table(table: Table, frame: pd.DataFrame) -> pd.DataFrame:
    """Failures of one table against its generated pandera schema (plus missing/extra columns)."""
    missing = [c for c in table.field_names if c not in frame.columns]
    if missing:
        return failures(table.name, [None] * len(missing), "(columns)", missing, "missing column")
    try:
        frame = frame[table.field_names]
        schema_for(table, frame).validate(frame, lazy=True, inplace=True)  # (a selection: no copy needed)
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
    tasks = {name: partial(check_table, table, frames[name]) for name, table in tables().items() if name in frames}
    return combine(list(in_parallel(tasks, cost=lambda name: len(frames[name])).values()))
