"""The one orchestrator of layers 1 and 2, for the build (frames in memory) and the validator (frames read).

Layer 1 (pandera, per table) runs in a thread while DuckDB runs layer 2 (the declared rules, in its own
threads). What the reader already reported is not reported again: a value that could not be read is null
in the frame, and layer 1 would add "value is required" for it; a table that could not be read is skipped
by the rules that need it (one line each, from the engine).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pandas as pd

from news_statements.failures import combine
from news_statements.metadata import tables
from news_statements.validation import rules
from news_statements.validation import tables as table_checks

REQUIRED = "value is required"


def unreadable_tables(read_failures: pd.DataFrame) -> set[str]:
    """The tables the reader could not read at all (missing or unreadable file)."""
    return set(read_failures.loc[read_failures["column"] == "(file)", "table"])


def _not_repeated(found: pd.DataFrame, read_failures: pd.DataFrame) -> pd.DataFrame:
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


def check_frames(frames: dict[str, pd.DataFrame], read_failures: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every failure of layers 1 and 2 (and the reader's, when given), with a `layer` and a `key` column."""
    read_failures = combine([]) if read_failures is None else read_failures
    unreadable = unreadable_tables(read_failures)
    readable = {name: frame for name, frame in frames.items() if name not in unreadable}
    with ThreadPoolExecutor(max_workers=1) as pool:
        layer1 = pool.submit(table_checks.check_all, readable)
        layer2 = rules.run(frames, unreadable)
        layer1 = _not_repeated(layer1.result(), read_failures)
    found = combine(
        [read_failures.assign(layer="read"), layer1.assign(layer="table"), layer2.assign(layer="cross-table")]
    )
    return with_keys(found, frames)
