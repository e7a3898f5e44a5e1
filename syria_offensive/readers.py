"""Read a package copy (CSV or Parquet) into frames typed by the schema, reporting what cannot be typed.

Used by the validator (a downstream user's edited copy must meet a clear message, not a traceback) and
by `load()`. Every value is read as text first and converted column by column; a value that is present
but does not convert is a failure, never a silent null.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from syria_offensive.metadata import Table, tables
from syria_offensive.validation.failures import combine, failures

TYPE_WORDS = {"integer": "a whole number", "number": "a number", "date": "a date YYYY-MM-DD"}


def _convert(table: Table, raw: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cast text columns to the schema's dtypes; values that do not convert are reported."""
    out = pd.DataFrame(index=raw.index)
    problems = []
    for field in table.fields:
        if field.name not in raw:
            problems.append(failures(table.name, [None], field.name, [None], "missing column"))
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


def read_parquet(path: Path, table: Table) -> pd.DataFrame:
    arrow = pq.read_table(path)
    text = pa.table({name: arrow[name].cast(pa.string()) for name in arrow.column_names})
    return text.to_pandas(types_mapper={pa.string(): pd.StringDtype()}.get)


def read_package(directory: Path, fmt: str = "csv") -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """All tables of a package directory in one format, typed; plus the failures met while reading."""
    reader = {"csv": read_csv, "parquet": read_parquet}[fmt]
    frames, problems = {}, []
    for name, table in tables().items():
        path = directory / f"{name}.{fmt}"
        try:
            raw = reader(path, table)
        except FileNotFoundError:
            problems.append(failures(name, [None], "(file)", [path.name], "file is missing"))
            raw = pd.DataFrame({f: pd.Series(dtype="string") for f in table.field_names})
        except (ValueError, OSError, UnicodeDecodeError, pa.ArrowException, pd.errors.ParserError) as err:
            problems.append(failures(name, [None], "(file)", [path.name], f"cannot be read: {err}"[:300]))
            raw = pd.DataFrame({f: pd.Series(dtype="string") for f in table.field_names})
        frames[name], found = _convert(table, raw)
        problems.append(found)
    return frames, combine(problems)
