"""Failures found by validation: one record each (Failure), and the frames of the build's checks, which map them
to curated file:line.

The validator works with records only (it imports no pandas); the build and the reader, which hold frames, use
the frame helpers below, which import pandas when called."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ["table", "row", "column", "value", "message"]


class Failure(NamedTuple):
    """One failure: where (table, row: its position in the file, column), what (value, message), which layer,
    in which format, and the failing row's primary key ("a/b" for a composite key)."""

    table: str | None
    row: int | None
    column: str | None
    value: object
    message: str
    layer: str | None = None
    format: str | None = None
    key: str | None = None


def as_frame(found: list[Failure]) -> pd.DataFrame:
    """Records as a frame with one column per field of Failure (for the build and tests)."""
    import pandas as pd

    return pd.DataFrame(found, columns=list(Failure._fields), dtype=object)


def as_records(frame: pd.DataFrame) -> list[Failure]:
    """A failure frame (the reader's) as records, without pandas' missing values."""
    rows = frame.reindex(columns=list(Failure._fields)).astype(object)
    rows = rows.where(rows.notna(), None)
    found = [Failure(*row) for row in rows.itertuples(index=False, name=None)]
    return [f._replace(row=None if f.row is None else int(f.row)) for f in found]


def failures(table: str, rows: pd.Index | list, column: str, values, message: str) -> pd.DataFrame:
    """Failure rows for one rule; `rows` are index labels of the offending rows of `table`."""
    import pandas as pd

    if len(rows) == 0:  # (taking no values from a large column can still cost a copy of it)
        return pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})
    frame = pd.DataFrame({"row": list(rows), "value": list(values) if values is not None else [None] * len(rows)})
    frame["table"], frame["column"], frame["message"] = table, column, message
    frame["value"] = frame["value"].map(as_text)
    return frame[COLUMNS]


def as_text(value: object) -> str | None:
    """A failing value as a report shows it: None when missing, a date as an ISO date (not a timestamp)."""
    import pandas as pd

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp) and value == value.normalize():
        return value.date().isoformat()
    return str(value)


def combine(parts: list[pd.DataFrame]) -> pd.DataFrame:
    import pandas as pd

    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})
    return pd.concat(parts, ignore_index=True)
