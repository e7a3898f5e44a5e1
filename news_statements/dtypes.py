"""Frictionless field types -> Arrow and pandas types: the one type map of the build, the validator and load()."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pyarrow as pa

if TYPE_CHECKING:  # (pandas is imported where a frame is made: the validator does not import it)
    import pandas as pd

EXACT_INTEGERS = 2**53  # whole numbers a Float64 holds exactly (the reader goes through Float64)
TYPE_WORDS = {"integer": "a whole number", "number": "a number", "date": "a date YYYY-MM-DD"}
PANDAS_TYPES = {"string": "string", "integer": "Int64", "number": "Float64", "date": "datetime64[s]"}
ARROW_TYPES = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "date": pa.date32()}
# What a Parquet reader accepts as each type (either string width), and the pandas dtype of each Arrow type.
ARROW_ACCEPTED = {
    name: (arrow, pa.large_string()) if name == "string" else (arrow,) for name, arrow in ARROW_TYPES.items()
}


def arrow_int64(values: Any, valid: Any = None) -> pa.Array:
    """numpy values as an Arrow int64 array (null where `valid` is False), built from their buffers: pa.array()
    imports pandas to ask whether its argument is a pandas object, and the validator imports no pandas."""
    import numpy as np

    bits = None if valid is None else pa.py_buffer(np.packbits(np.asarray(valid, bool), bitorder="little"))
    return pa.Array.from_buffers(pa.int64(), len(values), [bits, pa.py_buffer(np.ascontiguousarray(values, np.int64))])


def arrow_bool(values: Any) -> pa.Array:
    """A numpy boolean array as an Arrow boolean array without nulls (pa.array() would import pandas)."""
    import numpy as np

    bits = np.packbits(np.asarray(values, bool), bitorder="little")
    return pa.Array.from_buffers(pa.bool_(), len(values), [None, pa.py_buffer(bits)])


def arrow_bools(array: pa.Array | pa.ChunkedArray) -> Any:
    """A boolean Arrow array without nulls as a numpy array (to_numpy would go through pandas)."""
    import numpy as np

    array = array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array
    bits = np.frombuffer(array.buffers()[1], np.uint8) if len(array) else np.zeros(0, np.uint8)
    return np.unpackbits(bits, bitorder="little", count=array.offset + len(array))[array.offset :].astype(bool)


def arrow_to_pandas(arrow: pa.DataType) -> Any:
    """The pandas dtype a column of this Arrow type is read as (None: pandas' default)."""
    import pandas as pd

    return {
        pa.string(): pd.StringDtype(),
        pa.large_string(): pd.StringDtype(),
        pa.int64(): pd.Int64Dtype(),
        pa.float64(): pd.Float64Dtype(),
    }.get(arrow)


def pandas_dtype(field: dict[str, Any], categoricals: bool = True) -> Any:
    """The dtype of one Table Schema field: code lists (enum) become categoricals of their codes."""
    import pandas as pd

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
    import pandas as pd

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
