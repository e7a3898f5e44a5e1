"""Read a package copy (CSV or Parquet) into frames typed by the schema, reporting what cannot be typed.

Used by the validator (a downstream user's edited copy must meet a clear message, not a traceback) and by
`load()`. Only the schema's columns are read into the frames: a package that follows the standard may add
columns to its tables, which the project's layers leave to Frictionless and the package's own schema. Every
value is read as text first and converted column by column; a value that is present but does not convert is a
failure, never a silent null — nor a wrong value: a whole number beyond ±2**53 (which Float64 cannot hold
exactly) is reported as out of range. What the CSV parser would silently misread is reported as unreadable (a
first row with more fields than the header, which pandas would take as an index); Parquet text that is not
well-formed UTF-8 (the Parquet reader does not check; CSV is decoded by Python, which does) is reported row by
row, and a column that occurs twice or cannot be read as text is reported once, as is a Parquet column whose
Arrow type is not the schema's (string or large_string for text; it is then read through the text path, so
that its values are still checked).

Parquet columns whose Arrow type already is the schema's (int64, float64, date32, string) are converted
straight from Arrow (no round trip through text, which made reading a large package four times slower),
but only when that gives exactly what the text path gives: integers within ±2**53 (the text path goes
through Float64), numbers without NaN (which the text path reports as "not a number"), dates in years
1-9999 (the text path's format). Any other column takes the text path.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from news_statements.dtypes import ARROW_ACCEPTED, EXACT_INTEGERS, PANDAS_TYPES, TYPE_WORDS, arrow_to_pandas
from news_statements.failures import combine, failures
from news_statements.metadata import Field, Table, tables

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
            value, too_large = _integers(text)
            if too_large.any():
                problems.append(
                    failures(
                        table.name,
                        raw.index[too_large],
                        field.name,
                        text[too_large],
                        f"value is out of range: a whole number from -{EXACT_INTEGERS} to {EXACT_INTEGERS} is expected",
                    )
                )
        elif field.type == "number":
            value = pd.to_numeric(text, errors="coerce").astype("Float64")
        elif field.type == "date":
            value = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce").astype("datetime64[s]")
        else:
            out[field.name] = text
            continue
        bad = text.notna() & value.isna()
        if field.type == "integer":
            bad &= ~too_large  # (reported above)
        if bad.any():
            problems.append(
                failures(table.name, raw.index[bad], field.name, text[bad], f"value is not {TYPE_WORDS[field.type]}")
            )
        out[field.name] = value
    return out, combine(problems)  # (columns the schema does not have are left out: a package may add fields)


def _integers(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Text -> Int64 (null where it is not a whole number), and where it is a whole number beyond ±2**53.

    Numbers go through Float64, which holds every whole number up to 2**53 exactly; a larger one (or an
    infinite one) would otherwise turn into a wrong value silently."""
    number = pd.to_numeric(text, errors="coerce").astype("Float64")  # (Int64, UInt64 or Float64 before)
    finite = number.notna() & (number.abs() < float("inf"))
    whole = finite & (number == number.round())
    too_large = (whole & (number.abs() > EXACT_INTEGERS)).fillna(False).to_numpy(dtype=bool)
    value = number.where(whole.fillna(False) & ~too_large).astype("Int64")
    return value, pd.Series(too_large, index=text.index)


def read_csv(path: Path, table: Table) -> tuple[pd.DataFrame, pd.DataFrame]:
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    if not isinstance(raw.index, pd.RangeIndex):
        # pandas takes the first field(s) of each row as the index when the first data row has more fields
        # than the header (and then any other row with even more raises ParserError, reported as unreadable)
        header = len(raw.columns)
        raise ValueError(
            f"line 2 has more fields than the header ({header} names): a column name or a comma is missing"
        )
    return raw, combine([])


def _typed_arrow(field: Field | None, column: pa.ChunkedArray) -> pa.ChunkedArray | None:
    """The column as it should reach pandas when converting it directly is exact (None: use the text path)."""
    if field is None or column.type not in ARROW_ACCEPTED[field.type]:
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


def _valid_utf8(column: pa.ChunkedArray) -> tuple[pa.ChunkedArray, list[int], list[str]]:
    """The column with values that are not well-formed UTF-8 nulled, those rows, and their bytes shown with
    replacement characters. (The Parquet reader does not check; CSV is decoded by Python, which does.) Arrow
    validates the column; only a column that fails is decoded value by value, by pandas."""
    try:
        column.validate(full=True)
        return column, [], []
    except pa.ArrowInvalid:
        pass
    raw = pd.Series(column.cast(pa.large_binary()).to_numpy(zero_copy_only=False), dtype=object)
    shown = raw.str.decode("utf-8", errors="replace")
    bad = (raw.notna() & (shown.str.encode("utf-8") != raw)).to_numpy(dtype=bool)
    kept = pc.if_else(pa.array(bad), pa.scalar(None, column.type), column)
    return kept, np.flatnonzero(bad).tolist(), shown[bad].tolist()


def _arrow_type_problem(table: Table, field: Field | None, column: pa.ChunkedArray) -> pd.DataFrame:
    """A Parquet column whose Arrow type is not the schema's (string or large_string for text) is reported
    once; it is still read, as text, so that the other layers can check its values."""
    if field is None or column.type in ARROW_ACCEPTED[field.type]:
        return combine([])
    expected = " or ".join(str(t) for t in ARROW_ACCEPTED[field.type])
    message = f"Parquet column has Arrow type {column.type}; the schema says {expected}"
    return failures(table.name, [None], field.name, [str(column.type)], message)


def read_parquet(path: Path, table: Table) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Columns of the schema's Arrow type typed (when exact, see the module doc), all others as text."""
    arrow = pq.read_table(path)
    fields = {f.name: f for f in table.fields}
    columns, problems = {}, []
    names = arrow.column_names
    for number, name in enumerate(names):
        if names.index(name) != number:
            problems.append(failures(table.name, [None], "(columns)", [name], "column name occurs more than once"))
            continue  # (the first one is read)
        if name not in fields:
            continue  # (a field the package adds to the table: left to Frictionless, as declared)
        column = arrow.column(number)
        problems.append(_arrow_type_problem(table, fields.get(name), column))
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            column, rows, shown = _valid_utf8(column)
            if rows:
                problems.append(failures(table.name, rows, name, shown, "value is not valid UTF-8 text"))
        typed = _typed_arrow(fields.get(name), column)
        if typed is None:
            try:
                typed = column.cast(pa.string())
            except pa.ArrowException as err:  # (binary that is not UTF-8, nested types, ...)
                message = f"column cannot be read as text: {err}"[:300]
                problems.append(failures(table.name, [None], name, [str(column.type)], message))
                typed = pa.nulls(len(column), pa.string())
        columns[name] = typed
    # (ignore_metadata: the rows are numbered from 0 whatever index a writer's pandas metadata describes)
    return pa.table(columns).to_pandas(types_mapper=arrow_to_pandas, ignore_metadata=True), combine(problems)


def read_table(
    directory: Path, fmt: str, name: str, table: Table, refused: Mapping[str, str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One table read and typed; a file that is refused, missing or unreadable is one failure (its first line:
    Arrow's errors run to many lines of internal names) and an empty frame, so that the other layers run."""
    reader = {"csv": read_csv, "parquet": read_parquet}[fmt]
    path = directory / f"{name}.{fmt}"
    problem, found = refused.get(path.name), combine([])
    if problem is None:
        try:
            raw, found = reader(path, table)
        except FileNotFoundError:
            problem = "file is missing"
        except (ValueError, OSError, UnicodeDecodeError, pa.ArrowException, pd.errors.ParserError) as err:
            problem = f"cannot be read: {str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__}"
    if problem is not None:
        found = failures(name, [None], "(file)", [path.name], problem[:300])
        raw = pd.DataFrame({f: pd.Series(dtype="string") for f in table.field_names})
    frame, converted = _convert(table, raw)
    return frame, combine([found, converted])


def read_package(
    directory: Path, fmt: str = "csv", refused: Mapping[str, str] | None = None
) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """All tables of a package directory in one format, typed; plus the failures met while reading. `refused`:
    file name -> why it is not read (the validator screens an untrusted copy first: validation/screen.py).

    The tables are read in two threads, the largest files first (reading and converting release the GIL);
    frames and failures come in table order."""
    if fmt not in ("csv", "parquet"):
        raise KeyError(fmt)

    def size(name: str) -> int:
        path = directory / f"{name}.{fmt}"
        return path.stat().st_size if path.is_file() else 0

    names = sorted(tables(), key=lambda name: -size(name))
    refused = refused or {}
    with ThreadPoolExecutor(max_workers=2) as pool:
        read = pool.map(lambda n: read_table(directory, fmt, n, tables()[n], refused), names)
        read = dict(zip(names, read, strict=True))
    return {name: read[name][0] for name in tables()}, combine([read[name][1] for name in tables()])
