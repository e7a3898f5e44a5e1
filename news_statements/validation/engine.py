"""The engine: a DuckDB connection on which layers 1 and 2 run, and the relations they read.

Everything engine-specific is here (the generated layer-1 queries and the declared rules are plain SQL): a
connection with a memory limit and a temporary directory to spill to, so that a large package costs bounded
memory; each table as a relation of its name with `_row`, the row's position — a view over its Parquet file
where it lies (`read_parquet(..., file_row_number = true)`, the validator) or a frame registered through Arrow
(the build, tests, and a hostile file the validator reads through the pandas reader) — and the CAMEO
crosswalk as `cameo_codes`. A span table gets the span kernel's failing spans (kernels.py), joined on `_row`.
Queries run one at a time, each failure list fetched as Python tuples (failures.Failure records: the validator
imports no pandas; the build's frames are registered through Arrow).
"""

from __future__ import annotations

import contextlib
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from news_statements.dtypes import arrow_int64
from news_statements.failures import Failure
from news_statements.metadata import Table, tables
from news_statements.paths import CODELISTS
from news_statements.validation import kernels

if TYPE_CHECKING:
    import pandas as pd

MEMORY_LIMIT = "1GB"  # DuckDB's own buffers (it spills to the temporary directory beyond)
THREADS = 2
SPAN_FIELDS = {"article_id", "text", "char_start", "char_end"}


def connect(memory_limit: str = MEMORY_LIMIT, spill: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A connection with bounded memory that spills to `spill` (default: a temporary directory of the system)."""
    con = duckdb.connect(config={"memory_limit": memory_limit, "threads": THREADS})
    con.execute("SET enable_progress_bar = false")  # (a report is printed, not a progress bar)
    con.execute("SET preserve_insertion_order = false")  # (each query orders its result)
    spill = spill or Path(tempfile.gettempdir()) / f"news-statements-spill-{uuid.uuid4().hex}"  # (DuckDB makes it
    con.execute(f"SET temp_directory = '{_literal(spill)}'")  # when it spills, and removes it when it closes)
    con.execute(  # (read by DuckDB: pa.array() would import pandas)
        "CREATE TEMP TABLE cameo_codes AS SELECT code, nullif(plover, '') AS plover FROM "
        f"read_csv('{_literal(CODELISTS / 'cameo.csv')}', header = true, all_varchar = true)"
    )
    return con


def _literal(path: Path | str) -> str:
    return str(path).replace("'", "''")


def frame_relation(frame: pd.DataFrame) -> pa.Table:
    """A frame as DuckDB scans it: Arrow (zero-copy for the package's text columns) plus `_row`."""
    arrow = pa.Table.from_pandas(frame, preserve_index=False)
    dates = pa.schema([pa.field(f.name, pa.date32()) if pa.types.is_timestamp(f.type) else f for f in arrow.schema])
    arrow = arrow.cast(dates, safe=False)  # (dates are days: a rule's text shows 2024-11-29, not 2024-11-29 00:00:00)
    import numpy as np

    return arrow.append_column("_row", pa.array(np.arange(len(frame), dtype=np.int64)))


def add_frame(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    """Register a frame as the base relation of table `name` (in place of a view over its file, if any)."""
    con.execute(f"DROP VIEW IF EXISTS _base_{name}")
    con.register(f"_base_{name}", frame_relation(frame))


def add_parquet(con: duckdb.DuckDBPyConnection, name: str, path: Path, table: Table) -> None:
    """A view over a Parquet file where it lies, as the base relation `name`: the columns of `table` (the file's
    types, checked by the caller) and `_row`, the row's position in the file."""
    con.execute(
        f"CREATE OR REPLACE VIEW _base_{name} AS SELECT {', '.join(table.field_names)}, file_row_number AS _row "
        f"FROM read_parquet('{_literal(path)}', file_row_number = true)"
    )


def parquet_rows(directory: Path) -> int:
    """The rows of a copy's Parquet files, from their footers (to choose how the queries run: run_all)."""
    rows = 0
    for path in (directory / f"{name}.parquet" for name in tables()):
        with contextlib.suppress(OSError, pa.ArrowException):  # (missing or unreadable: the reader says so)
            rows += pq.ParquetFile(path).metadata.num_rows
    return rows


def span_tables() -> list[str]:
    """The tables whose rows are spans of an article's text (all four span fields in their schema)."""
    return [name for name, table in tables().items() if set(table.field_names) >= SPAN_FIELDS]


def finish(con: duckdb.DuckDBPyConnection, names: set[str], use_kernels: bool = True) -> set[str]:
    """Each base relation made the relation of its table's name; a span table with integer offsets gets the span
    kernel's failing spans. The span tables that have them (their span rule runs its kernel variant)."""
    with_bytes = {}
    if use_kernels and "articles" in names:
        spans = [name for name in span_tables() if name in names and _integer_offsets(con, name)]
        with_bytes = kernels.span_bytes_by_chunks(con, [f"_base_{name}" for name in spans], "_base_articles")
        with_bytes = {name.removeprefix("_base_"): found for name, found in with_bytes.items()}
    for name in names:
        if name in with_bytes:
            join = f"_base_{name} LEFT JOIN {with_bytes[name]} USING (_row)"
            con.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM {join}")
        else:
            con.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM _base_{name}")
    return set(with_bytes)


def _integer_offsets(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    types = dict(con.sql(f"SELECT column_name, column_type FROM (DESCRIBE _base_{name})").fetchall())
    return types.get("char_start") == "BIGINT" and types.get("char_end") == "BIGINT"


ORDER = "ORDER BY query_number, check_number, row_index NULLS FIRST, field, message"


@dataclass(frozen=True)
class Job:
    """A query to run: its name and table (for the line saying it could not run), its SQL (returning
    table_name, row_index, field, value, message; and check_number, the order of its checks, when `checked`)."""

    name: str
    table: str
    sql: str
    checked: bool = False


def _wrapped(number: int, job: Job) -> str:
    check = "check_number" if job.checked else "0 AS check_number"
    return (
        f"SELECT {number} AS query_number, {check}, table_name, row_index, field, value, message FROM ({job.sql}) AS q"
    )


def run_all(con: duckdb.DuckDBPyConnection, jobs: list[Job], strict: bool = False) -> list:
    """The failures of every job, in job order (then by check, row, field and message). One at a time, so that
    DuckDB holds one query's working set at a time (as one UNION the rules peaked at 5.5 GiB at 1M statements and
    took twice as long on the real package), and a query that cannot run is named; `strict`: its error is raised."""
    return [failure for job in jobs for failure in _run_one(con, job, strict)]


def _run_one(con: duckdb.DuckDBPyConnection, job: Job, strict: bool = False) -> list[Failure]:
    """One job's failures, or one line saying that it could not run (a column of the wrong type, in a frame
    changed by hand)."""
    try:
        return _as_failures(con.execute(f"{_wrapped(0, job)}\n{ORDER}"))
    except duckdb.Error as err:
        if strict:
            raise
        first = str(err).splitlines()[0][:200]
        return [Failure(job.table, None, "(rule)", None, f"rule {job.name} could not run: {first}")]


def _as_failures(result: duckdb.DuckDBPyConnection) -> list[Failure]:
    """The rows a query returned (query_number, check_number, table_name, row_index, field, value, message)."""
    return [Failure(table, row, field, value, message) for _, _, table, row, field, value, message in result.fetchall()]


def keys(con: duckdb.DuckDBPyConnection, found: list[Failure], prefix: str = "") -> list[Failure]:
    """The failures with the primary key value of each failing row ("a/b" for a composite key), looked up in
    the relations `prefix + table` (only the failing rows are fetched)."""
    rows: dict[str, set[int]] = {}
    for failure in found:
        if failure.table in tables() and isinstance(failure.row, int):
            rows.setdefault(failure.table, set()).add(failure.row)
    known = {}
    for name, at in rows.items():
        parts = ", ".join(f"coalesce(CAST({k} AS VARCHAR), '(null)')" for k in tables()[name].primary_key)
        con.register("_failing", pa.table({"_row": arrow_int64(sorted(at))}))
        try:
            sql = f"SELECT _row, concat_ws('/', {parts}) FROM {prefix}{name} SEMI JOIN _failing USING (_row)"
            known |= {(name, row): key for row, key in con.execute(sql).fetchall()}
        except duckdb.Error:  # (a frame without its key columns: reported as missing columns)
            pass
        con.unregister("_failing")
    return [f._replace(key=known.get((f.table, f.row))) for f in found]
