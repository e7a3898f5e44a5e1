"""Read a package copy (CSV or Parquet) into frames typed by the schema, reporting what cannot be typed.

Used by the validator (a downstream user's edited copy must meet a clear message, not a traceback) and
by `load()`. Every value is read as text first and converted column by column; a value that is present
but does not convert is a failure, never a silent null.

Parquet columns whose Arrow type already is the schema's (int64, float64, date32, string) are converted
straight from Arrow (no round trip through text, which made reading a large package four times slower),
but only when that gives exactly what the text path gives: integers within ±2**53 (the text path goes
through Float64), numbers without NaN (which the text path reports as "not a number"), dates in years
1-9999 (the text path's format). Any other column takes the text path.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from syria_offensive.metadata import PANDAS_TYPES, Field, Table, tables
from syria_offensive.validation.failures import combine, failures

TYPE_WORDS = {"integer": "a whole number", "number": "a number", "date": "a date YYYY-MM-DD"}
ARROW_TYPES = {
    "string": (pa.string(), pa.large_string()),
    "integer": (pa.int64(),),
    "number": (pa.float64(),),
    "date": (pa.date32(),),
}
TO_PANDAS = {  # Arrow type -> pandas dtype, for the columns kept typed (and the text of the others)
    pa.string(): pd.StringDtype(),
    pa.large_string(): pd.StringDtype(),
    pa.int64(): pd.Int64Dtype(),
    pa.float64(): pd.Float64Dtype(),
}
EXACT_INTEGERS = 2**53
DATE_RANGE = (-719_162, 2_932_896)  # 0001-01-01 and 9999-12-31 as days since 1970-01-01


def _convert(table: Table, raw: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cast text columns to the schema's dtypes; values that do not convert are reported."""
    out = pd.DataFrame(index=raw.index)
    problems = []
    for field in table.fields:
        if field.name not in raw:
            problems.append(failures(table.name, [None], field.name, [None], "missing column"))
            # reported once here; an all-null column lets the other layers run instead of crashing
            out[field.name] = pd.Series(pd.NA, index=raw.index, dtype=PANDAS_TYPES[field.type])
            continue
        if field.type != "string" and raw[field.name].dtype == PANDAS_TYPES[field.type]:
            out[field.name] = raw[field.name]  # read typed from Parquet (see _typed_arrow)
            continue
        text = raw[field.name].astype("string")
        if field.type == "integer":
            number = pd.to_numeric(text, errors="coerce")
            whole = number.isna() | (number == number.round())
            value = number.where(whole).astype("Float64").astype("Int64")
        elif field.type == "number":
            value = pd.to_numeric(text, errors="coerce").astype("Float64")
        elif field.type == "date":
            value = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce").astype("datetime64[s]")
        else:
            out[field.name] = text
            continue
        bad = text.notna() & value.isna()
        if bad.any():
            problems.append(
                failures(table.name, raw.index[bad], field.name, text[bad], f"value is not {TYPE_WORDS[field.type]}")
            )
        out[field.name] = value
    extra = [c for c in raw.columns if c not in table.field_names]
    if extra:
        problems.append(failures(table.name, [None] * len(extra), "(columns)", extra, "column not in the schema"))
    return out, combine(problems)


def read_csv(path: Path, table: Table) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")


def _typed_arrow(field: Field | None, column: pa.ChunkedArray) -> pa.ChunkedArray | None:
    """The column as it should reach pandas when converting it directly is exact (None: use the text path)."""
    if field is None or column.type not in ARROW_TYPES[field.type]:
        return None
    if field.type == "string":
        return column
    if column.null_count == len(column):
        return None
    if field.type == "integer":
        low, high = pc.min_max(column).values()
        return column if low.as_py() >= -EXACT_INTEGERS and high.as_py() <= EXACT_INTEGERS else None
    if field.type == "number":
        return None if pc.any(pc.is_nan(column)).as_py() else column
    days = pc.min_max(column.cast(pa.int32()))
    low, high = days["min"].as_py(), days["max"].as_py()
    return column.cast(pa.timestamp("s")) if DATE_RANGE[0] <= low and high <= DATE_RANGE[1] else None


def read_parquet(path: Path, table: Table) -> pd.DataFrame:
    """Columns of the schema's Arrow type typed (when exact, see the module doc), all others as text."""
    arrow = pq.read_table(path)
    fields = {f.name: f for f in table.fields}
    columns = {}
    for name in arrow.column_names:
        typed = _typed_arrow(fields.get(name), arrow[name])
        columns[name] = typed if typed is not None else arrow[name].cast(pa.string())
    return pa.table(columns).to_pandas(types_mapper=TO_PANDAS.get)


def _read_table(directory: Path, fmt: str, name: str, table: Table) -> tuple[pd.DataFrame, pd.DataFrame]:
    reader = {"csv": read_csv, "parquet": read_parquet}[fmt]
    path = directory / f"{name}.{fmt}"
    problems = []
    try:
        raw = reader(path, table)
    except FileNotFoundError:
        problems.append(failures(name, [None], "(file)", [path.name], "file is missing"))
        raw = pd.DataFrame({f: pd.Series(dtype="string") for f in table.field_names})
    except (ValueError, OSError, UnicodeDecodeError, pa.ArrowException, pd.errors.ParserError) as err:
        problems.append(failures(name, [None], "(file)", [path.name], f"cannot be read: {err}"[:300]))
        raw = pd.DataFrame({f: pd.Series(dtype="string") for f in table.field_names})
    frame, found = _convert(table, raw)
    return frame, combine([*problems, found])


def read_package(directory: Path, fmt: str = "csv") -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """All tables of a package directory in one format, typed; plus the failures met while reading.

    The tables are read in parallel threads, the largest files first (reading and converting release the
    GIL); frames and failures come in table order."""
    if fmt not in ("csv", "parquet"):
        raise KeyError(fmt)
    from syria_offensive.validation.tables import in_parallel

    def size(name: str) -> int:
        path = directory / f"{name}.{fmt}"
        return path.stat().st_size if path.is_file() else 0

    tasks = {name: partial(_read_table, directory, fmt, name, table) for name, table in tables().items()}
    results = in_parallel(tasks, cost=size)
    return {name: frame for name, (frame, _) in results.items()}, combine([found for _, found in results.values()])
