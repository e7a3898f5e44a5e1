"""Frictionless field types -> Arrow and pandas types: the one type map of the build, the validator and load()."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import pyarrow as pa

PANDAS_TYPES = {"string": "string", "integer": "Int64", "number": "Float64", "date": "datetime64[s]"}
ARROW_TYPES = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "date": pa.date32()}
# What a Parquet reader accepts as each type (either string width), and the pandas dtype of each Arrow type.
ARROW_ACCEPTED = {
    name: (arrow, pa.large_string()) if name == "string" else (arrow,) for name, arrow in ARROW_TYPES.items()
}
ARROW_TO_PANDAS = {
    pa.string(): pd.StringDtype(),
    pa.large_string(): pd.StringDtype(),
    pa.int64(): pd.Int64Dtype(),
    pa.float64(): pd.Float64Dtype(),
}


def pandas_dtype(field: dict[str, Any], categoricals: bool = True) -> Any:
    """The dtype of one Table Schema field: code lists (enum) become categoricals of their codes."""
    enum = field.get("constraints", {}).get("enum")
    if categoricals and enum is not None and field["type"] == "string":
        return pd.CategoricalDtype(enum)
    return PANDAS_TYPES[field["type"]]


def typed(
    frame: pd.DataFrame,
    schema: dict[str, Any],
    categoricals: bool = True,
    coerce: bool = False,
    keep: Sequence[str] = (),
) -> pd.DataFrame:
    """Cast a frame read from CSV, Parquet or curation to the dtypes its Table Schema declares.

    `coerce` turns unparseable numbers into nulls instead of raising: the build uses it because its curation
    checks have already reported them. `keep` names extra columns carried after the schema's fields (the
    build's `_file`/`_line` provenance).
    """
    out = frame.copy()
    for field in schema["fields"]:
        dtype = pandas_dtype(field, categoricals)
        column = out[field["name"]]
        if dtype == "datetime64[s]":
            out[field["name"]] = pd.to_datetime(column).astype(dtype)
        elif dtype in ("Int64", "Float64"):
            out[field["name"]] = pd.to_numeric(column, errors="coerce" if coerce else "raise").astype(dtype)
        elif isinstance(dtype, pd.CategoricalDtype):
            out[field["name"]] = column.astype("string").astype(dtype)
        else:
            out[field["name"]] = column.astype(dtype)
    return out[[*(f["name"] for f in schema["fields"]), *keep]]
