"""Layer 1: each table on its own, with pandera (lazy: every failure at once).

The pandera schemas are generated from schema/ by news_statements.metadata; the row rules below are
added to every table that has the columns they speak of. The tables are checked in parallel threads
(pandas, Arrow and numpy release the GIL for the heavy work).
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from news_statements.failures import as_text, combine, failures
from news_statements.metadata import CONTROL_CHARACTERS, CONTROL_MESSAGES, Table, tables


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
        ("start_date", "start_min", "start_max"),
        "start_min <= start_date <= start_max",
        lambda df: (
            _le(df, "start_min", "start_date") & _le(df, "start_date", "start_max") & _le(df, "start_min", "start_max")
        ),
    ),
    (
        ("end_date", "end_min", "end_max"),
        "end_min <= end_date <= end_max",
        lambda df: _le(df, "end_min", "end_date") & _le(df, "end_date", "end_max") & _le(df, "end_min", "end_max"),
    ),
    (
        ("start_min", "end_max"),
        "the event cannot end before it starts: start_min <= end_max",
        lambda df: _le(df, "start_min", "end_max"),
    ),
    (
        ("end_date", "end_min", "end_max", "end_basis"),
        "an end bound needs its basis: end_basis is given when end_date, end_min or end_max is",
        lambda df: df["end_basis"].notna() | df[["end_date", "end_min", "end_max"]].isna().all(axis=1),
    ),
    (("low", "high"), "low <= high", lambda df: _le(df, "low", "high")),
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


def schema_for(table: Table) -> pa.DataFrameSchema:
    """The table's pandera schema, generated from schema/, with the row rules that apply to its columns."""
    rules = [
        pa.Check(rule, error=name, element_wise=False)
        for cols, name, rule in ROW_RULES
        if set(cols) <= set(table.field_names)
    ]
    return table.to_pandera(rules)


def check_table(table: Table, frame: pd.DataFrame) -> pd.DataFrame:
    """Failures of one table against its generated pandera schema (plus missing columns)."""
    missing = [c for c in table.field_names if c not in frame.columns]
    if missing:
        return failures(table.name, [None] * len(missing), "(columns)", missing, "missing column")
    try:
        frame = frame[table.field_names]
        schema_for(table).validate(frame, lazy=True, inplace=True)  # (a selection: no copy needed)
    except SchemaErrors as err:
        cases = err.failure_cases
        found = pd.DataFrame(
            {
                "table": table.name,
                "row": cases["index"].to_numpy(),
                "column": cases["column"].fillna("(row)").astype(str).to_numpy(),
                "value": cases["failure_case"].map(as_text).to_numpy(),
                "message": cases["check"].astype(str).map(_message).to_numpy(),
            }
        )
        return _one_line_per_row_rule(_control_excerpts(found))
    return combine([])


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


def _one_line_per_row_rule(found: pd.DataFrame) -> pd.DataFrame:
    """pandera reports a failed row rule once per non-null cell of the row: keep one line per row and rule, on
    one of the rule's own columns where it has a value."""
    own = pd.DataFrame(
        [(name, column) for columns, name, _ in ROW_RULES for column in columns], columns=["message", "column"]
    ).assign(_own=True)
    found = found.reset_index(drop=True).reset_index(names="_order")
    found = found.merge(own, on=["message", "column"], how="left").assign(_own=lambda f: f["_own"].fillna(False))
    rule = found["message"].isin(own["message"])
    ranked = found[rule].sort_values(["_own", "_order"], ascending=[False, True], kind="stable")
    kept = pd.concat([found[~rule], ranked.drop_duplicates(["row", "message"])]).sort_values("_order")
    return kept.drop(columns=["_order", "_own"]).reset_index(drop=True)


def _message(check: str) -> str:
    if check.startswith("not_nullable"):
        return "value is required"
    if check.startswith("field_uniqueness") or check.startswith("multiple_fields_uniqueness"):
        return "duplicate primary key"
    if check.startswith("dtype("):
        return f"wrong type: {check}"
    return check


THREADS_FROM_ROWS = 1_000_000  # below this, two threads contend for the GIL and are slower than one


def check_all(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every table's failures, in table order; the tables are checked in two threads, the largest first, when
    the package is large. (pandera sets up its backends on the first validate() call: that call is made
    before the threads start.)"""
    names = sorted((n for n in tables() if n in frames), key=lambda n: -len(frames[n]))
    workers = 2 if sum(len(frames[n]) for n in names) >= THREADS_FROM_ROWS else 1
    pa.DataFrameSchema({}).validate(pd.DataFrame())
    with ThreadPoolExecutor(max_workers=workers) as pool:
        found = dict(zip(names, pool.map(lambda n: check_table(tables()[n], frames[n]), names), strict=True))
    return combine([found[n] for n in tables() if n in found])
