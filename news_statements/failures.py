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
    frame["value"] = frame["value"].map(as_text)
    return frame[COLUMNS]


def as_text(value: object) -> str | None:
    """A failing value as a report shows it: None when missing, a date as an ISO date (not a timestamp)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp) and value == value.normalize():
        return value.date().isoformat()
    return str(value)


def combine(parts: list[pd.DataFrame]) -> pd.DataFrame:
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})
    return pd.concat(parts, ignore_index=True)
