"""Facts about identifier columns, found once and shared by layer 1 (tables.py) and layer 2 (crosstable.py).

Both layers ask the same questions of the same columns: which distinct values a column holds, whether it
is strictly increasing, whether every value occurs in the column it references, whether a pattern holds.
Each is answered once per column *data* and remembered while that data lives: Arrow arrays are immutable,
and pandas gives a column new Arrow data whenever a value of it is changed, so a fact can never outlive
what it describes (tests/test_synthetic.py changes columns between the layers). The tables and rules run
in parallel threads: the first thread to ask computes a fact, the others wait for it.

Each foreign key is looked up once (referenced_rows: the referenced row of every row), a column sorted on
the key once per run of equal values, by binary search when the referenced column is strictly increasing
(a primary key, written sorted) and that is cheaper than building a hash table of it. Layer 2 reports the
references that do not resolve and uses the rows found for its other rules (the article of a span, the
actor of a mention); layer 1 uses them to prove a foreign key's pattern (every value equals a referenced
value, which matches the same pattern) without a pass of its own.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from syria_offensive.metadata import tables

T = TypeVar("T")
_UNSET, _ITSELF = object(), object()


class _Fact:
    __slots__ = ("lock", "refs", "value")

    def __init__(self, data: tuple) -> None:
        self.refs = tuple(weakref.ref(d) for d in data)
        self.lock = threading.Lock()
        self.value: Any = _UNSET


_FACTS: dict[tuple, _Fact] = {}
_FACTS_LOCK = threading.Lock()


def remember(kind: str, data: tuple, compute: Callable[[], T] | None) -> T | None:
    """compute(), a fact about the Arrow arrays `data`, computed once while they live; with compute=None
    only what is already known (None otherwise). A fact's computation may ask for other facts, never for
    itself (no two facts wait for each other)."""
    key = (kind, *map(id, data))
    with _FACTS_LOCK:
        fact = _FACTS.get(key)
        if fact is None or any(ref() is not d for ref, d in zip(fact.refs, data, strict=True)):
            if compute is None:
                return None
            for gone in [k for k, f in _FACTS.items() if any(ref() is None for ref in f.refs)]:
                del _FACTS[gone]
            fact = _FACTS[key] = _Fact(data)
    with fact.lock:
        if fact.value is _UNSET and compute is not None:
            fact.value = compute()
        return None if fact.value is _UNSET else fact.value


def forget() -> None:
    """Drop every fact (benchmarks that repeat a measurement on the same frames)."""
    with _FACTS_LOCK:
        _FACTS.clear()


# --- columns as Arrow text ----------------------------------------------------------------------------------


def arrow_data(column: pd.Series) -> pa.ChunkedArray | None:
    """The Arrow data of a column of the package's string dtype (no copy; a new object whenever the column
    is changed), else None."""
    if not isinstance(column.array, pd.arrays.ArrowStringArray):
        return None
    return column.array.__arrow_array__()


def strings(values: pd.Series, whole: bool = False) -> pa.Array | pa.ChunkedArray | None:
    """The column as Arrow large strings (zero-copy for the package's string dtype, in the chunks it was
    read in; `whole`: as one array); None if it is not all text."""
    if not (pd.api.types.is_string_dtype(values.dtype) or values.dtype == object):
        return None
    try:
        array = pa.array(values, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return None
    if not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type) or pa.types.is_null(array.type)):
        return None
    array = array.cast(pa.large_string())
    return whole_array(array) if whole else array


def whole_array(array: pa.Array | pa.ChunkedArray) -> pa.Array:
    """One array (combine_chunks copies even a single chunk: a package's article texts are gigabytes)."""
    if not isinstance(array, pa.ChunkedArray):
        return array
    return array.chunk(0) if array.num_chunks == 1 else array.combine_chunks()


def chunks(array: pa.Array | pa.ChunkedArray) -> list[pa.Array]:
    return array.chunks if isinstance(array, pa.ChunkedArray) else [array]


def utf8_buffers(array: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """The value offsets (int64, len(array) + 1, into the data) and the whole data buffer of an Arrow string or
    large-string array, as numpy views where the widths allow (no copy of the text)."""
    width = np.int64 if pa.types.is_large_string(array.type) else np.int32
    offsets = np.frombuffer(array.buffers()[1], dtype=width)[array.offset : array.offset + len(array) + 1]
    buffer = array.buffers()[2]
    data = np.frombuffer(buffer, dtype=np.uint8) if buffer is not None else np.zeros(0, np.uint8)
    return offsets.astype(np.int64, copy=False), data


# --- runs, order, distinct values ---------------------------------------------------------------------------


def _changes(array: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Where a value differs from the one before (nulls count as different), as one bool per row."""
    change = pc.not_equal(array.slice(0, len(array) - 1), array.slice(1)).fill_null(True)
    return np.concatenate([[True], change.to_numpy(zero_copy_only=False)])


def run_starts(array: pa.Array | pa.ChunkedArray, shorter: int = 3) -> np.ndarray | None:
    """Where each run of equal adjacent values starts, when runs make the column at least `shorter` times
    shorter (a column sorted on it, e.g. a table's leading key); None otherwise."""
    if len(array) < 16:
        return None
    sample = array.slice(0, 4096)  # (a column without runs shows it at once: no pass over all of it)
    if len(array) > 4 * len(sample) and 2 * shorter * np.count_nonzero(_changes(sample)) > 3 * len(sample):
        return None
    starts = np.flatnonzero(_changes(array))
    return starts if shorter * len(starts) <= len(array) else None


def heads(array: pa.Array | pa.ChunkedArray, starts: np.ndarray | None) -> pa.Array | pa.ChunkedArray:
    """The first value of each run (a filter: cheaper than a take on a column read in many chunks)."""
    if starts is None:
        return array
    first = np.zeros(len(array), dtype=bool)
    first[starts] = True
    return array.filter(pa.array(first))


def expand(found: np.ndarray, starts: np.ndarray | None, length: int) -> np.ndarray:
    """Per-run results back to per-row results."""
    return found if starts is None else np.repeat(found, np.diff(np.append(starts, length)))


def _increasing(data: pa.Array | pa.ChunkedArray) -> bool:
    if data.null_count:
        return False
    if len(data) < 2:
        return True
    return bool(pc.all(pc.less(data.slice(0, len(data) - 1), data.slice(1))).as_py())


def increasing(column: pd.Series) -> bool:
    """Every value is greater than the one before and none is null (so no two are equal); False means
    "not proven", not "duplicates". Text is compared as Arrow compares it (bytewise)."""
    data = arrow_data(column)
    if data is not None:
        return remember("increasing", (data,), lambda: _increasing(data))
    if column.dtype == "Int64":
        if column.isna().any():
            return False
        values = column.to_numpy(dtype=np.int64)
        return bool((values[:-1] < values[1:]).all())
    return False


def _distinct_enough(array: pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Every distinct value of the column at least once, as few times as is cheap to get.

    A column sorted on itself (a leading key) gives one value per run of equal neighbours; a column whose
    values are all different gives itself; any other gives its distinct values (a hash of every value).
    """
    if len(array) < 2:
        return array
    change = _changes(array)
    runs = int(change.sum())
    if 2 * runs <= len(array):
        return array.filter(pa.array(change))
    if runs == len(array) and remember("increasing", (array,), lambda: _increasing(array)):
        return array
    return pc.unique(array)


def covering_values(column: pd.Series, compute: bool = True) -> pa.Array | pa.ChunkedArray | None:
    """Every distinct value of a text column at least once (see _distinct_enough), computed once per column
    data. None for columns that are not Arrow text, or (compute=False) not computed yet."""
    data = arrow_data(column)
    if data is None:
        return None

    def cover() -> Any:
        found = _distinct_enough(data)
        return _ITSELF if found is data else found  # (a fact must not hold on to the data it is about)

    found = remember("covering values", (data,), cover if compute else None)
    return data if found is _ITSELF else found


# The identifier pattern of schema/fields.yaml as pandera states it: decided byte by byte (identifier
# columns hold millions of values, and a regular expression engine takes ~0.3 µs a value).
SLUG = "(?:^[a-z0-9]+(-[a-z0-9]+)*$)\\Z"
_SLUG_BYTES = np.zeros(256, dtype=bool)
_SLUG_BYTES[[*range(ord("a"), ord("z") + 1), *range(ord("0"), ord("9") + 1), ord("-")]] = True


def _slugs(values: pa.Array | pa.ChunkedArray) -> bool:
    """Every non-null value matches SLUG — is not empty, holds only a-z, 0-9 and '-', neither starts nor ends
    with '-' and has no '--' — decided on the UTF-8 bytes. False: not proven (the regex decides)."""
    for chunk in chunks(values):
        if len(chunk) == 0:
            continue
        if chunk.null_count:
            chunk = chunk.drop_null()
        if not (pa.types.is_large_string(chunk.type) or pa.types.is_string(chunk.type)):
            return False
        offsets, data = utf8_buffers(chunk)
        if (np.diff(offsets) <= 0).any():
            return False
        data = data[offsets[0] : offsets[-1]]
        dash = data == ord("-")
        first, last = offsets[:-1] - offsets[0], offsets[1:] - offsets[0] - 1
        if not _SLUG_BYTES[data].all() or dash[first].any() or dash[last].any() or (dash[:-1] & dash[1:]).any():
            return False  # (a '--' across two values would need one to start or end with '-')
    return True


def matches(column: pd.Series, pattern: str) -> bool:
    """Every non-null value of a text column matches `pattern` as pandera's str_matches check decides it
    (Series.str.match), tested once per distinct value: str.match decides value by value, with the engine
    pandas picks from the pattern and the values present (Python's re rather than RE2 where some value holds
    a newline and the pattern has `$`), which are the same distinct values."""
    data = arrow_data(column)
    if data is None:
        return False

    def test() -> bool:
        distinct = covering_values(column)
        if pattern == SLUG and _slugs(distinct):
            return True
        return bool(pd.Series(pd.arrays.ArrowStringArray(distinct.drop_null())).str.match(pattern, na=False).all())

    return remember(f"matches {pattern}", (data,), test)


# --- foreign keys -------------------------------------------------------------------------------------------


SEARCH_PER_PROBE = 3  # a binary search costs about as much as a third of a hash insert (benchmarks/)


def _search(remote: pa.Array, probes: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """index_in(probes, remote) for a strictly increasing `remote`, by binary search: no hash table."""
    at = pc.search_sorted(remote, probes).fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64)
    np.minimum(at, len(remote) - 1, out=at)
    hit = pc.equal(remote.take(pa.array(at)), probes).fill_null(False).to_numpy(zero_copy_only=False)
    return np.where(hit, at, -1).astype(np.int32)


def _look_up(remote: pa.Array, local: pa.Array | pa.ChunkedArray, ordered: bool) -> np.ndarray:
    """Each row's position in `remote` (its first occurrence; -1: absent), a column of runs of equal
    values looked up once per run: with a hash table of `remote`, or, when `remote` is `ordered`
    (strictly increasing) and the values to find are fewer than SEARCH_PER_PROBE times its length, by
    binary search (building the hash table would cost more)."""
    starts = run_starts(local, shorter=2)
    probes = heads(local, starts)
    if len(remote) and ordered and len(probes) < SEARCH_PER_PROBE * len(remote):
        found = _search(remote, probes)
    else:
        found = pc.index_in(probes, value_set=remote).fill_null(-1).to_numpy(zero_copy_only=False)  # (int32)
    return expand(found, starts, len(local))


def referenced_rows(frames: dict[str, pd.DataFrame], name: str, number: int) -> np.ndarray | None:
    """For each row of frames[name], the row of the referenced table its single-field foreign key `number`
    points to (the first with that value, as a lookup keeps it; -1: none; a null finds a null). Found once
    and shared: layer 2 checks the references with it and finds the articles of spans, layer 1 proves the
    keys' patterns with it. None when the columns are not both Arrow text (the caller looks up itself)."""
    fk = tables()[name].foreign_keys[number]
    if len(fk["fields"]) != 1:
        return None
    field, target, target_field = fk["fields"][0], fk["reference"]["resource"], fk["reference"]["fields"][0]
    if name not in frames or field not in frames[name] or target not in frames or target_field not in frames[target]:
        return None
    local, remote = frames[name][field], frames[target][target_field]
    data = (arrow_data(remote), arrow_data(local))
    if data[0] is None or data[1] is None:
        return None

    def look_up() -> np.ndarray:
        ordered = increasing(remote)
        return _look_up(whole_array(strings(remote)), strings(local), ordered)

    return remember("references", data, look_up)


def resolved(frames: dict[str, pd.DataFrame], name: str, number: int) -> np.ndarray | None:
    """Which rows of frames[name] hold a value of its single-field foreign key `number` that occurs in the
    referenced column (see referenced_rows)."""
    rows = referenced_rows(frames, name, number)
    return None if rows is None else rows >= 0


def reference_number(name: str, field: str) -> int | None:
    """The number of the single-field foreign key of table `name` on `field`, if it has one."""
    for number, fk in enumerate(tables()[name].foreign_keys):
        if list(fk["fields"]) == [field]:
            return number
    return None
