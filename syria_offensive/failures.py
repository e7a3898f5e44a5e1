"""Failures found by validation: one row each, in a frame, so they can be mapped to curated file:line."""

from __future__ import annotations

import pandas as pd

COLUMNS = ["table", "row", "column", "value", "message"]


def failures(table: str, rows: pd.Index | list, column: str, values, message: str) -> pd.DataFrame:
    """Failure rows for one rule; `rows` are index labels of the offending rows of `table`."""
    if len(rows) == 0:  # (taking no values from a large column can still cost a copy of it)
        return pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})
    frame = pd.DataFrame({"row": list(rows), "value": list(values) if values is not None else [None] * len(rows)})
    frame["table"], frame["column"], frame["message"] = table, column, message
    frame["value"] = frame["value"].map(
        lambda v: None if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)
    )
    return frame[COLUMNS]


def combine(parts: list[pd.DataFrame]) -> pd.DataFrame:
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})
    return pd.concat(parts, ignore_index=True)
