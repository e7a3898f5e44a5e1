"""The one hand-written kernel: the span rule's comparison, articles.text[char_start:char_end] == text, on bytes.

Why: the plain rule (validation/rules/span_text.sql) slices the article text with substring(), which counts
code points from the start of the text for every span: O(text length) per span. DuckDB has no O(span) slice
either: a BLOB slice (`bytes[a:b]`) also costs the length of the whole text (measured at 1M statements, 3.6M
mentions in 56k articles of ~6 KB: the plain substring 15.7 s of CPU, the BLOB slice 4.1 s, the join alone
0.1 s), and the join that carries each article's text to its spans gathers it for every span. Here, a chunk of
articles at a time, each span's code-point offsets become byte offsets into the chunk's text buffer (binary
search over the positions of its multibyte characters), the article's bytes at those offsets become an Arrow
binary view (no copy: a view points into the text buffer) and are compared with the span's text by Arrow. The
engine gets the spans that fail (their row, the article's length in code points, whether the text differs)
and runs validation/rules/kernels/span_text.sql, which reports them as the plain rule does; the plain query
is the test oracle (tests/test_synthetic.py runs both on random multibyte texts and compares them).

Only multibyte characters need bookkeeping: the byte offset of code point c of a text is
c + (the extra bytes of the multibyte characters before c), found by binary search over the code-point
positions of all multibyte characters of all texts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from news_statements.dtypes import arrow_bool, arrow_bools, arrow_int64

if TYPE_CHECKING:  # (frames are the tests' entry only: the validator's path does not import pandas here)
    import pandas as pd

SCAN = 1 << 24  # bytes scanned at a time for multibyte characters (no temporary as large as the texts)


class CodePoints:
    """Code-point offsets into the texts of one column -> byte offsets within each text."""

    def __init__(self, texts: pa.ChunkedArray) -> None:
        texts = texts.cast(pa.large_string()).combine_chunks()
        offsets = np.frombuffer(texts.buffers()[1], np.int64)[texts.offset : texts.offset + len(texts) + 1]
        data = np.frombuffer(texts.buffers()[2] or b"", np.uint8)
        nbytes = np.diff(offsets)
        padded = np.concatenate([data, np.zeros(16, np.uint8)])  # (a word read past the end reads zeros)
        self.padded, self.buffer, self.offsets, self.valid = (
            padded,
            pa.py_buffer(padded),
            offsets[:-1],
            texts.is_valid(),
        )
        nbytes[~arrow_bools(texts.is_valid())] = 0
        low, high = int(offsets[0]), int(offsets[-1])
        lead = np.concatenate([np.zeros(0, np.int64)] + [
            np.flatnonzero(data[i : min(i + SCAN, high)] >= 0xC0) + i for i in range(low, high, SCAN)
        ])  # fmt: skip
        owner = np.searchsorted(offsets, lead, side="right") - 1
        inside = lead < offsets[owner] + nbytes[owner]  # (not in the bytes of a null)
        lead, owner = lead[inside], owner[inside]
        extra = 1 + (data[lead] >= 0xE0).astype(np.int64) + (data[lead] >= 0xF0)
        self.cum = np.concatenate([[0], np.cumsum(extra)])  # extra bytes before the i-th multibyte character
        first = np.searchsorted(owner, np.arange(len(texts)))  # each text's first multibyte character
        last = np.searchsorted(owner, np.arange(len(texts)), side="right")
        self.base = self.cum[first]
        self.length = nbytes - (self.cum[last] - self.base)  # in code points
        self.cp_base = np.concatenate([[0], np.cumsum(self.length)[:-1]])
        self.keys = self.cp_base[owner] + (lead - offsets[owner]) - (self.cum[:-1][: len(lead)] - self.base[owner])

    def to_bytes(self, text: np.ndarray, cp: np.ndarray) -> np.ndarray:
        """Byte offset within text `text` of code point `cp` (0 <= cp <= its length)."""
        before = np.searchsorted(self.keys, self.cp_base[text] + cp, side="left")
        return cp + self.cum[before] - self.base[text]


def span_bytes(span: pd.DataFrame, articles: pd.DataFrame, code_points: CodePoints) -> dict[str, pa.Array]:
    """`span_arrays` of frames (the tests' entry)."""
    return span_arrays(
        pa.array(span["article_id"]), pa.array(span["char_start"]), pa.array(span["char_end"]),
        pa.array(articles["article_id"]), code_points,
    )  # fmt: skip


def _integers(column: pa.Array | pa.ChunkedArray, missing: int) -> tuple[np.ndarray, np.ndarray]:
    """An integer column's values as int64 (`missing` where null) and where it is given, read from its buffers
    (to_numpy and fill_null go through pandas, which the validator does not import)."""
    array = column.cast(pa.int64())
    array = array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array
    given = arrow_bools(array.is_valid())
    values = np.frombuffer(array.buffers()[1], np.int64)[array.offset : array.offset + len(array)] if len(array) else []
    return np.where(given, values, missing).astype(np.int64), given


def _span_numbers(
    article_id: pa.Array, char_start: pa.Array, char_end: pa.Array, ids: pa.Array, code_points: CodePoints
) -> dict[str, np.ndarray]:
    """Of each span, as numpy: `row` (its article's position in `ids`; 0 when unknown), `known`, `length` (the
    article's, in code points), `given` (both offsets), `usable` (known, given and in range) and the byte offsets
    `byte_start`/`byte_end` of articles.text[char_start:char_end] in Python's terms (some number where not usable)."""
    row, known = _integers(pc.index_in(article_id, value_set=ids), 0)
    length = code_points.length[row]
    (start, has_start), (end, has_end) = _integers(char_start, -1), _integers(char_end, -1)
    given = has_start & has_end
    usable = known & given & (start >= 0) & (end <= length)
    end = np.maximum(np.where(end < 0, np.maximum(end + length, 0), end), np.minimum(start, length))
    start = np.minimum(start, length)
    byte_start, byte_end = code_points.to_bytes(row, start), code_points.to_bytes(row, end)
    return {"row": row, "known": known, "length": length, "given": given, "usable": usable,
            "byte_start": byte_start, "byte_end": byte_end}  # fmt: skip


def span_arrays(
    article_id: pa.Array, char_start: pa.Array, char_end: pa.Array, ids: pa.Array, code_points: CodePoints
) -> dict[str, pa.Array]:
    """Of each span: `_article` (its article's position in `ids`, the texts of `code_points`; null when unknown),
    `_article_length` (code points; null when the article is unknown) and `_byte_start`/`_byte_end`, the bytes of
    articles.text[char_start:char_end] in Python's terms (null when the offsets are out of range, which the
    rule reports from _article_length)."""
    n = _span_numbers(article_id, char_start, char_end, ids, code_points)
    return {
        "_article": arrow_int64(n["row"], n["known"]),
        "_article_length": arrow_int64(n["length"], n["known"]),
        "_byte_start": arrow_int64(n["byte_start"], n["usable"]),
        "_byte_end": arrow_int64(n["byte_end"], n["usable"]),
    }


INLINE = 12  # bytes a binary view holds in itself (longer values point into a buffer)


def _views(code_points: CodePoints, start: np.ndarray, size: np.ndarray) -> pa.Array:
    """The bytes data[start:start + size] of the texts' bytes, each as an Arrow binary view: a long one points
    into the texts' buffer (no copy), a short one holds its bytes. Each view is the 16 bytes at its start, read at
    once (rows of a strided view of the buffer), then its size, and the bytes past its end zeroed (short) or its
    buffer (0) and offset (long)."""
    padded = code_points.padded
    sixteen = np.ndarray((len(padded) - 15,), dtype="V16", buffer=padded, strides=(1,))  # (at every byte)
    views = sixteen[start].view("<u4").reshape(-1, 4)  # (rows, 4 words): the value's first 16 bytes
    short = size <= INLINE
    kept = np.clip(size[:, None] - 4 * np.arange(3), 0, 4)  # bytes of each inline word within the value
    masks = ((np.uint64(1) << (8 * kept).astype(np.uint64)) - np.uint64(1)).astype(np.uint32)
    first, long = views[:, 0].copy(), ~short
    views[:, 1:] = np.where(short[:, None], views[:, :3] & masks, 0)
    views[long, 1], views[long, 3] = first[long], start[long]  # (a long one: its first 4 bytes, buffer 0, offset)
    views[:, 0] = size
    return pa.Array.from_buffers(pa.binary_view(), len(start), [None, pa.py_buffer(views), code_points.buffer])


def span_failures(span: pa.Table, ids: pa.Array, code_points: CodePoints) -> pa.Table:
    """The spans of `span` (_row, article_id, char_start, char_end, text) that the span rule reports, with the
    article text in `ids`/`code_points`: (_row, _article_length, _text_differs) of each span with both offsets,
    whose article is known and has a text, whose offsets are out of range or whose text differs from the
    article's bytes at its offsets (a missing text is compared as the empty one)."""
    n = _span_numbers(span["article_id"], span["char_start"], span["char_end"], ids, code_points)
    usable, row = n["usable"], n["row"]
    checked = n["known"] & arrow_bools(code_points.valid)[row] & n["given"]
    size = (n["byte_end"] - n["byte_start"])[usable]
    at_offsets = _views(code_points, n["byte_start"][usable] + code_points.offsets[row[usable]], size)
    said = span["text"].filter(arrow_bool(usable)).cast(pa.binary_view())
    equal = pc.equal(at_offsets, said)
    same = arrow_bools(pc.and_kleene(equal, equal.is_valid())) | (~arrow_bools(said.is_valid()) & (size == 0))
    differs = np.zeros(len(span), bool)
    differs[usable] = ~same
    fails = checked & (~usable | differs)
    keep = arrow_bool(fails)
    return pa.table({
        "_row": span["_row"].filter(keep), "_article_length": arrow_int64(n["length"][fails]),
        "_text_differs": arrow_bool(differs[fails]),
    })  # fmt: skip


CHUNK_BYTES = 1 << 26  # bytes of article text held at a time: memory does not grow with the corpus


def _arrow(con: duckdb.DuckDBPyConnection, sql: str) -> pa.Table:
    return con.sql(sql).to_arrow_table()


def _text_is_text(con: duckdb.DuckDBPyConnection, relation: str) -> bool:
    return (
        dict(con.sql(f"SELECT column_name, column_type FROM (DESCRIBE {relation})").fetchall()).get("text") == "VARCHAR"
    )


def span_bytes_by_chunks(con: duckdb.DuckDBPyConnection, spans: list[str], articles: str) -> dict[str, str]:
    """The span rule's kernel for every row of each relation in `spans` (with `_row`): a DuckDB temporary table
    each of the spans that fail (`span_failures`: _row, _article_length, _text_differs), computed a chunk of
    articles at a time (about CHUNK_BYTES of text each, in row order; each chunk's code points once for all span
    tables) with the spans of the chunk's articles, read from the relation within the range of their rows (a
    table in the order of its articles is read once in all), so that no more than one chunk of article text and
    its spans are held; span relation -> its table's name ({} when there is no article: the plain rule runs). A
    span goes with the first article of its article_id; a span of no article is left to the foreign-key rule."""
    spans = [name for name in spans if _text_is_text(con, name)]  # (else: the plain rule says what it can)
    if (
        not spans
        or not _text_is_text(con, articles)
        or not con.execute(f"SELECT count(*) FROM {articles}").fetchone()[0]
    ):
        return {}
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _chunks AS
        SELECT article_id, min(_row) AS first_row, min(chunk) AS chunk FROM (
          SELECT article_id, _row, sum(coalesce(strlen(text), 0)) OVER (ORDER BY _row) // {CHUNK_BYTES} AS chunk
          FROM {articles}) GROUP BY article_id""")  # fmt: skip
    for number in range(len(spans)):
        con.execute(f"CREATE OR REPLACE TEMP TABLE _span_failures_{number} ({FAILURE_COLUMNS})")
    sources = _span_sources(con, spans)
    bounds = "SELECT chunk, min(first_row), max(first_row) FROM _chunks GROUP BY chunk ORDER BY chunk"
    for chunk, low, high in con.sql(bounds).fetchall():  # (the rows' range lets the scan skip the other texts)
        first = f"JOIN _chunks AS c ON a._row = c.first_row WHERE c.chunk = {int(chunk)}"
        first += f" AND a._row BETWEEN {int(low)} AND {int(high)}"
        text = _arrow(con, f"SELECT a.article_id, a.text FROM {articles} AS a {first}")
        code_points = CodePoints(text.column("text").cast(pa.string()))
        ids = text.column("article_id").combine_chunks()
        for number, name in enumerate(spans):
            if (name, chunk) not in sources:
                continue
            span = _arrow(con, sources[name, chunk])
            found = span_failures(span.combine_chunks(), ids, code_points).cast(FAILURES)
            if found.num_rows:
                con.register("_chunk_failures", found)
                con.execute(f"INSERT INTO _span_failures_{number} SELECT * FROM _chunk_failures")
                con.unregister("_chunk_failures")
    con.execute("DROP TABLE _chunks; " + "".join(f"DROP TABLE IF EXISTS _spans_{n}; " for n in range(len(spans))))
    return {name: f"_span_failures_{number}" for number, name in enumerate(spans)}


SPAN_COLUMNS = "s._row, s.article_id, s.char_start, s.char_end, s.text"
SCATTERED = 2  # a table whose chunks' row ranges cover more than twice its rows is copied, not read by range


def _span_sources(con: duckdb.DuckDBPyConnection, spans: list[str]) -> dict[tuple[str, int], str]:
    """(span relation, chunk) -> the query of the spans of the chunk's articles with both offsets: the relation
    read within the range of their rows when it is in the order of its articles; else (its rows scattered among
    the chunks) a temporary copy of its spans with their chunk (DuckDB's memory, spilled), read by chunk."""
    sources = {}
    for number, name in enumerate(spans):
        spans_of = f"{name} AS s JOIN _chunks AS c USING (article_id)"
        given = "s.char_start IS NOT NULL AND s.char_end IS NOT NULL"
        found = con.sql(
            f"SELECT c.chunk, min(s._row), max(s._row), count(*) FROM {spans_of} GROUP BY c.chunk"
        ).fetchall()
        if sum(high - low + 1 for _, low, high, _ in found) > SCATTERED * sum(n for *_, n in found):
            con.execute(
                f"CREATE TEMP TABLE _spans_{number} AS SELECT {SPAN_COLUMNS}, c.chunk FROM {spans_of} WHERE {given}"
            )
            sources |= {
                (name, c): f"SELECT * EXCLUDE (chunk) FROM _spans_{number} WHERE chunk = {c}" for c, *_ in found
            }
        else:
            sources |= {
                (name, c): f"SELECT {SPAN_COLUMNS} FROM {spans_of} WHERE c.chunk = {c} AND s._row BETWEEN {low} AND"
                f" {high} AND {given}"
                for c, low, high, _ in found
            }
    return sources


FAILURES = pa.schema([("_row", pa.int64()), ("_article_length", pa.int64()), ("_text_differs", pa.bool_())])
FAILURE_COLUMNS = "_row BIGINT, _article_length BIGINT, _text_differs BOOLEAN"
