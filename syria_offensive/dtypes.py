"""Frictionless field types -> pandas dtypes: the one mapping used by the build, the validator and load()."""

from __future__ import annotations

from typing import Any

import pandas as pd

PANDAS_TYPES = {"string": "string", "integer": "Int64", "number": "Float64", "date": "datetime64[s]"}


def pandas_dtype(field: dict[str, Any], categoricals: bool = True) -> Any:
    """The dtype of one Table Schema field: code lists (enum) become categoricals of their codes."""
    enum = field.get("constraints", {}).get("enum")
    if categoricals and enum is not None and field["type"] == "string":
        return pd.CategoricalDtype(enum)
    return PANDAS_TYPES[field["type"]]


def typed(frame: pd.DataFrame, schema: dict[str, Any], categoricals: bool = True) -> pd.DataFrame:
    """Cast a frame read from CSV or Parquet to the dtypes its Table Schema declares."""
    out = frame.copy()
    for field in schema["fields"]:
        dtype = pandas_dtype(field, categoricals)
        column = out[field["name"]]
        if dtype == "datetime64[s]":
            out[field["name"]] = pd.to_datetime(column).astype(dtype)
        elif dtype in ("Int64", "Float64"):
            out[field["name"]] = pd.to_numeric(column).astype(dtype)
        else:
            out[field["name"]] = (
                column.astype("string").astype(dtype)
                if isinstance(dtype, pd.CategoricalDtype)
                else column.astype(dtype)
            )
    return out[[f["name"] for f in schema["fields"]]]
