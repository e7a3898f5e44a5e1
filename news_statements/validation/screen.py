"""What a copy offers, screened before anything reads it: the validator runs on untrusted copies in other
people's CI, so it opens nothing outside the package, fetches nothing, and reads no file whose cost has no bound.

A file may be opened when it is a regular file inside the package folder after its symlinks are resolved
(a symlink to a file outside would print that file's first line back as a column name; a FIFO would block).
A path with a URL scheme is never fetched. A CSV file is read only when no line is longer than a row of its
table can be (every field at its longest, see `line_limit`, with the columns the package adds) and its header
has every field of the schema once, in the schema's order relative to each other (a package may add columns): a
200 MB tail of NUL bytes, or a header with two columns swapped, is one line of report and the file's row checks
are skipped (a header that does not match would otherwise fail every row). A resource the standard does not
define passes `resource_refusal` before Frictionless reads it. A Parquet file's footer is read first: a
column that occurs twice or is missing is one line, not Arrow's internal error.

Each refusal names the file (or the resource) and says why; nothing of the file's content is printed beyond
a cut column name.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from news_statements.metadata import Table, tables

MAX_DESCRIPTOR_BYTES = 10_000_000
DEFAULT_TEXT_LIMIT = 100_000  # characters of a text field whose schema declares no maxLength
OTHER_FIELD_BYTES = 32  # a number or a date as text
CHUNK = 1 << 23  # bytes read at a time when looking for long lines
SHOWN = 60  # characters of a column name shown
SHORT_TYPES = {"integer", "number", "boolean", "date", "time", "datetime", "year", "yearmonth", "duration"}


def is_remote(path: str) -> bool:
    """A path with a URL scheme (http:, https:, file:, s3:, ...); a Windows drive letter is not one."""
    return len(urlparse(path).scheme) > 1


def refusal(directory: Path, relative: Any) -> str | None:
    """Why `relative` (a path from the descriptor or the package's layout) may not be opened; None when it
    is a regular file inside `directory` after resolving symlinks. A missing file is the caller's to report."""
    if not isinstance(relative, str) or not relative:
        return "is not a path"
    if is_remote(relative):
        return "is a remote address: the validator makes no network connection and reads only the package's files"
    if Path(relative).is_absolute() or ".." in Path(relative).parts or relative.startswith("~"):
        return "leads outside the package folder"
    root = directory.resolve()
    try:
        resolved = (root / relative).resolve()
    except (OSError, RuntimeError):  # (a symlink loop)
        return "is a symlink that cannot be resolved"
    if not resolved.is_relative_to(root):
        return "is a symlink to a file outside the package folder"
    if resolved.exists() and not resolved.is_file():
        return "is not a regular file"
    return None


def line_limit(table: Table, extra: list[dict[str, Any]] | None = None) -> int:
    """The longest line (in bytes) a CSV file of this table can hold when every value is valid: each text field
    at its maxLength (or DEFAULT_TEXT_LIMIT), 4 bytes a character, quoted with every quote doubled; `extra`: the
    field descriptors of the columns a package adds to the table (see declared_limit)."""
    own = sum(
        _field_bytes(field.type != "string", int(field.constraints.get("maxLength", DEFAULT_TEXT_LIMIT)))
        for field in table.fields
    )
    return own + declared_limit(extra or [])


def declared_limit(fields: list[Any]) -> int:
    """The same bound for fields declared in a descriptor (an extra table's, or a table's extra columns): a field
    of a type with a short text form (a number, a date) counts OTHER_FIELD_BYTES, any other as text."""
    total = 0
    for field in fields:
        field = field if isinstance(field, dict) else {}
        length = (field.get("constraints") or {}).get("maxLength")
        known = isinstance(length, int) and 0 <= length <= DEFAULT_TEXT_LIMIT  # (a copy's own bound, at most ours)
        total += _field_bytes(field.get("type") in SHORT_TYPES, length if known else DEFAULT_TEXT_LIMIT)
    return total


def _field_bytes(short: bool, max_length: int) -> int:
    """The longest a field can be in a CSV line: a number or a date OTHER_FIELD_BYTES; text its length at 4 bytes a
    character, every quote doubled, between quotes and a comma."""
    return OTHER_FIELD_BYTES if short else 8 * max_length + 3


def long_lines(path: Path, limit: int) -> tuple[int, int, int] | None:
    """The first line longer than `limit` bytes (its number, its length) and how many there are; the file is
    read a chunk at a time, so that a hostile file costs no more memory than a chunk."""
    first, count, line, length = None, 0, 1, 0  # `length`: bytes of the current line so far
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            breaks = np.flatnonzero(np.frombuffer(chunk, dtype=np.uint8) == ord("\n"))
            lengths = np.diff(np.concatenate([[-1], breaks, [len(chunk) - 1]]))  # lines ended here, then the rest
            lengths[0] += length
            over = np.flatnonzero(lengths[:-1] > limit + 1)  # (+1: the line break)
            if len(over) and first is None:
                first = (line + int(over[0]), int(lengths[over[0]]) - 1)
            count += len(over)
            line, length = line + len(breaks), int(lengths[-1])
    if length > limit:
        first, count = first or (line, length), count + 1
    return None if first is None else (*first, count)


def _cut(name: str) -> str:
    return repr(name) if len(name) <= SHOWN else repr(name[:SHOWN] + "…")


def header_problem(got: list[str], table: Table, ordered: bool = True, what: str = "header does") -> str | None:
    """What is wrong with a file's column names against the schema's (None when every field of the schema is there,
    once, and with `ordered`, in the schema's order relative to each other; other columns are allowed: a package
    may add fields to a table of the standard)."""
    want = table.field_names
    standard = [name for name in got if name in want]
    if len(set(got)) == len(got) and (standard == want or (not ordered and sorted(standard) == sorted(want))):
        return None
    twice = sorted(name for name, count in Counter(got).items() if count > 1)
    missing = [name for name in want if name not in got]
    parts = [f"{label}: {', '.join(_cut(n) for n in names[:10])}{' …' if len(names) > 10 else ''}"
             for label, names in (("missing", missing), ("more than once", twice)) if names]  # fmt: skip
    if not parts:  # the same names in another order
        at = next(i for i, (g, w) in enumerate(zip(standard, want, strict=True)) if g != w)
        column = got.index(standard[at])
        where = f"column {column + 1} is {_cut(got[column])} where the schema has {_cut(want[at])}"
        parts = [f"{where} (the order differs)"]
    return f"{what} not match the schema: " + "; ".join(parts)


def csv_refusal(path: Path, table: Table, limit: int | None = None) -> str | None:
    """Why a CSV file of `table` is not read row by row: a line too long for its table (`limit`: with the extra
    columns the package declares), or a header that is not the schema's."""
    limit = limit or line_limit(table)
    found = long_lines(path, limit)
    if found:
        line, length, count = found
        more = f" ({count - 1} more such line(s))" if count > 1 else ""
        return (
            f"line {line} is {length:,} bytes long; no line of a valid {table.name} file is longer than {limit:,} "
            f"(each text field at its maximum length): the file is not read{more}"
        )
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(io.StringIO(handle.readline(limit))), [])
    except (UnicodeDecodeError, csv.Error) as err:
        return f"header cannot be read: {err}"[:200]
    return header_problem(header, table)


def parquet_refusal(path: Path, table: Table) -> str | None:
    """Why a Parquet file is not read: its footer cannot be read (Arrow's first line), or its column names are
    not the schema's (any order)."""
    try:
        names = pq.read_schema(path).names
    except (OSError, pa.ArrowException) as err:
        return f"cannot be read: {str(err).splitlines()[0][:200]}"
    return header_problem(names, table, ordered=False, what="column names do")


def file_refusal(
    directory: Path, relative: str, table: Table, extra: list[Any] | None = None, read: bool = True
) -> str | None:
    """Every reason not to read one of the package's table files (None: read it). `read=False`: the file's rows
    are not read (a format the validator was not asked for), so its content is not scanned either, only where
    it lies is checked (its bytes and hash are Frictionless's, which streams them)."""
    reason = refusal(directory, relative)
    path = directory / relative
    if reason or not path.is_file() or not read:
        return reason
    if relative.endswith(".csv"):
        return csv_refusal(path, table, line_limit(table, extra))
    return parquet_refusal(path, table)


def table_files(
    directory: Path, extra: Mapping[str, list[Any]] | None = None, formats: Collection[str] = ("csv", "parquet")
) -> dict[str, str]:
    """File name -> why it is not read, for each table's CSV and Parquet file (a missing file included); `extra`:
    table -> the fields the package's descriptor adds to it (their values lengthen a valid line). The content of a
    file is scanned (long lines, header, footer) only in the `formats` read: `--format parquet` reads no CSV row."""
    refused = {}
    for name, table in tables().items():
        for fmt in ("csv", "parquet"):
            file = f"{name}.{fmt}"
            reason = file_refusal(directory, file, table, (extra or {}).get(name, []), fmt in formats)
            if reason is None and not (directory / file).is_file():
                reason = "file is missing"
            if reason is not None:
                refused[file] = reason
    return refused


def read_descriptor(directory: Path) -> tuple[Any, str | None]:
    """The copy's datapackage.json, and why it cannot be used when it cannot (too large, not a regular file
    inside the package, not JSON)."""
    path = directory / "datapackage.json"
    reason = refusal(directory, "datapackage.json")
    if reason:
        return None, f"datapackage.json {reason}"
    try:
        if path.stat().st_size > MAX_DESCRIPTOR_BYTES:
            return None, f"datapackage.json is larger than {MAX_DESCRIPTOR_BYTES:,} bytes"
        return json.loads(path.read_text(encoding="utf-8")), None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as err:
        return None, f"datapackage.json cannot be read: {err}"[:400]


def references(resource: dict[str, Any]) -> list[tuple[str, Any]]:
    """What a resource makes a reader open: its path(s), and a schema or dialect given by reference."""
    paths = resource.get("path")
    found = [("path", p) for p in (paths if isinstance(paths, list) else [paths]) if p is not None]
    return found + [(key, resource[key]) for key in ("schema", "dialect") if isinstance(resource.get(key), str)]


def resource_refusal(directory: Path, resource: dict[str, Any]) -> str | None:
    """Why a resource the standard does not define is not given to Frictionless (None: give it): a path that
    `refusal` refuses, a schema or dialect by reference, a table in another format than CSV (whose reading cost
    has no bound the screen knows), or a CSV line longer than a valid row of its declared schema."""
    paths = []
    for key, value in references(resource):
        if key != "path":
            return f"{key} is given by reference ({_cut(str(value))}): the validator reads inline {key}s only"
        why = refusal(directory, value)
        if why:
            return f"path {_cut(str(value))} {why}"
        paths.append(value)
    if resource.get("type") == "file" or not paths:  # (a file's bytes and hash; inline data)
        return None
    if resource.get("format", "csv") != "csv" or not all(p.endswith(".csv") for p in paths):
        return "is a table in a format other than CSV: the validator checks other tables in CSV only"
    schema = resource.get("schema") if isinstance(resource.get("schema"), dict) else {}
    fields = schema.get("fields") if isinstance(schema.get("fields"), list) else []
    limit = declared_limit(fields)
    for path in paths:
        found = long_lines(directory / path, limit) if (directory / path).is_file() else None
        if found:
            return f"{path} line {found[0]} is {found[1]:,} bytes long, longer than a valid row can be ({limit:,})"
    return None
