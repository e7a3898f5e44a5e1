"""The one hand-written kernel: code-point offsets of spans turned into byte offsets, for the span rule.

Why: the plain rule (validation/rules/span_text.sql) slices the article text with substring(), which counts
code points from the start of the text for every span: O(text length) per span. On a synthetic package of
100k statements the span rule alone took 1.9 s of a 3.2 s validation (the read takes 0.3 s; see
benchmarks/), so the 3× target could not be met. DuckDB slices a BLOB by bytes in O(span length), so
the engine adds each span's byte offsets (and its article's length in code points) to the span tables, and
runs validation/rules/kernels/span_text.sql instead; the plain query is the test oracle
(tests/test_synthetic.py runs both on random multibyte texts and compares them).

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

from news_statements.dtypes import arrow_bools, arrow_int64

if TYPE_CHECKING:
    import pandas as pd

SCAN = 1 << 24  # bytes scanned at a time for multibyte characters (no temporary as large as the texts)


class CodePoints:
    """Code-point offsets into the texts of one column -> byte offsets within each text."""

    def __init__(self, texts: pa.ChunkedArray) -> None:
        texts = texts.cast(pa.large_string()).combine_chunks()
        offsets = np.frombuffer(texts.buffers()[1], np.int64)[texts.offset : texts.offset + len(texts) + 1]
        data = np.frombuffer(texts.buffers()[2] or b"", np.uint8)
        nbytes = np.diff(offsets)
        nbytes[arrow_bools(texts.is_null())] = 0
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


def _column(table: pa.Table | pd.DataFrame, name: str) -> pa.ChunkedArray:
    """A column of an Arrow table, or of a frame (the tests'), as Arrow."""
    column = table.column(name) if isinstance(table, pa.Table) else pa.chunked_array([pa.array(table[name])])
    return column if isinstance(column, pa.ChunkedArray) else pa.chunked_array([column])


def _values(column: pa.ChunkedArray, kind: pa.DataType, missing: int) -> tuple[np.ndarray, np.ndarray]:
    """An integer column's values (`missing` where null) and where it is given, read from its buffers (to_numpy and
    fill_null go through pandas, which the validator does not import)."""
    array = column.cast(kind).combine_chunks()
    given = arrow_bools(array.is_valid())
    width = np.int64 if kind == pa.int64() else np.int32
    values = np.frombuffer(array.buffers()[1], width)[array.offset : array.offset + len(array)] if len(array) else []
    return np.where(given, values, missing).astype(np.int64), given


def _offsets(span: pa.Table | pd.DataFrame, name: str) -> tuple[np.ndarray, np.ndarray]:
    """An offset column as int64 (-1 where missing), and where it is given."""
    return _values(_column(span, name), pa.int64(), -1)


def span_bytes(span: pa.Table | pd.DataFrame, articles: pa.Table | pd.DataFrame, code_points: CodePoints) -> dict:
    """Columns added to a span table: `_article_length` (code points; null when the article is unknown) and
    `_byte_start`/`_byte_end`, the bytes of articles.text[char_start:char_end] in Python's terms (null when
    the offsets are out of range, which the rule reports from _article_length)."""
    ids = _column(articles, "article_id").combine_chunks()
    row, known = _values(pc.index_in(_column(span, "article_id"), value_set=ids), pa.int32(), 0)
    length = code_points.length[row]
    (start, has_start), (end, has_end) = _offsets(span, "char_start"), _offsets(span, "char_end")
    usable = known & has_start & has_end & (start >= 0) & (end <= length)
    end = np.maximum(np.where(end < 0, np.maximum(end + length, 0), end), np.minimum(start, length))
    start = np.minimum(start, length)
    return {  # (to_bytes gives some number for a row that is not usable; the mask makes it null)
        "_article_length": arrow_int64(length, known),
        "_byte_start": arrow_int64(code_points.to_bytes(row, start), usable),
        "_byte_end": arrow_int64(code_points.to_bytes(row, end), usable),
    }


CHUNK_BYTES = 1 << 26  # bytes of article text held at a time: memory does not grow with the corpus


def _arrow(con: duckdb.DuckDBPyConnection, sql: str) -> pa.Table:
    return con.sql(sql).to_arrow_table()


def span_bytes_by_chunks(con: duckdb.DuckDBPyConnection, spans: list[str], articles: str) -> dict[str, str]:
    """`span_bytes` for every row of each relation in `spans` (with `_row`), as a DuckDB temporary table (_row,
    _article_length, _byte_start, _byte_end) each (inside DuckDB's memory limit, spilled beyond), computed a chunk
    of articles at a time (about CHUNK_BYTES of text each, in row order; each chunk's code points once for all span
    tables), so that no more than one chunk of article text is held; span relation -> its table's name ({} when
    there is no article: the plain rule runs). A span goes with the first article of its article_id; a span of no
    article gets nulls."""
    if not spans or not con.execute(f"SELECT count(*) FROM {articles}").fetchone()[0]:
        return {}
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _chunks AS
        SELECT article_id, min(_row) AS first_row, min(chunk) AS chunk FROM (
          SELECT article_id, _row, sum(coalesce(strlen(text), 0)) OVER (ORDER BY _row) // {CHUNK_BYTES} AS chunk
          FROM {articles}) GROUP BY article_id""")  # fmt: skip
    for number, name in enumerate(spans):
        con.execute(f"""CREATE OR REPLACE TEMP TABLE _spans_{number} AS SELECT s._row, s.article_id, s.char_start,
            s.char_end, c.chunk FROM {name} AS s LEFT JOIN _chunks AS c USING (article_id)""")  # fmt: skip
    for number in range(len(spans)):
        con.execute(f"""CREATE OR REPLACE TEMP TABLE _bytes_{number} AS SELECT _row, CAST(NULL AS BIGINT) AS
            _article_length, CAST(NULL AS BIGINT) AS _byte_start, CAST(NULL AS BIGINT) AS _byte_end
            FROM _spans_{number} WHERE chunk IS NULL""")  # (no article: left to the foreign-key rule)  # fmt: skip
    for (chunk,) in con.sql("SELECT DISTINCT chunk FROM _chunks ORDER BY chunk").fetchall():
        first = f"JOIN _chunks AS c ON a._row = c.first_row WHERE c.chunk = {int(chunk)}"
        text = _arrow(con, f"SELECT a.article_id, a.text FROM {articles} AS a {first}")
        code_points = CodePoints(text.column("text").cast(pa.string()))
        for number in range(len(spans)):
            span = _arrow(con, f"SELECT * FROM _spans_{number} WHERE chunk = {int(chunk)}")
            columns = span_bytes(span, text, code_points)
            con.register("_chunk_bytes", pa.table({"_row": span.column("_row"), **columns}).cast(BYTES))
            con.execute(f"INSERT INTO _bytes_{number} SELECT * FROM _chunk_bytes")
            con.unregister("_chunk_bytes")
    con.execute("DROP TABLE _chunks; " + "; ".join(f"DROP TABLE _spans_{n}" for n in range(len(spans))))
    return {name: f"_bytes_{number}" for number, name in enumerate(spans)}


BYTES = pa.schema([(name, pa.int64()) for name in ("_row", "_article_length", "_byte_start", "_byte_end")])
