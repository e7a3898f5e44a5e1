"""The span rule's kernel (validation/kernels.py): code-point offsets to byte offsets, checked against Python."""

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from news_statements.validation import kernels

# multibyte characters of 2, 3 and 4 bytes; texts that end on one; a null and an empty text
TEXTS = ["a€", None, "", "é𝔘xअ—", "plain", "𝔘é"]  # (अ: U+0905, lead byte 0xE0)


@pytest.mark.parametrize("scan", [kernels.SCAN, 3], ids=["one scan", "scans of 3 bytes"])
def test_byte_offsets_of_every_code_point_of_every_text(monkeypatch, scan):
    monkeypatch.setattr(kernels, "SCAN", scan)
    points = kernels.CodePoints(pa.chunked_array([pa.array(TEXTS[:3]), pa.array(TEXTS[3:])]))
    assert points.length.tolist() == [0 if t is None else len(t) for t in TEXTS]
    for row, text in enumerate(TEXTS):
        cps = np.arange(len(text or "") + 1)
        expected = [len((text or "")[:cp].encode()) for cp in cps]
        assert points.to_bytes(np.full(len(cps), row), cps).tolist() == expected, text


def test_span_bytes_marks_unknown_articles_and_out_of_range_offsets():
    articles = pd.DataFrame({"article_id": ["a", "b"], "text": ["é𝔘x—", "abc"]})
    points = kernels.CodePoints(pa.chunked_array([pa.array(articles["text"])]))
    span = pd.DataFrame(
        {
            "article_id": ["a", "b", "zz", "a", "a", "b", "a"],
            "char_start": [1, 0, 0, -1, 2, 0, 3],
            "char_end": [3, 3, 1, 2, 9, -1, 1],
        },
    ).astype({"char_start": "Int64", "char_end": "Int64"})
    found = kernels.span_bytes(span, articles, points)
    # a negative end counts from the end of the text (Python's slices); an end before the start is the start
    assert found["_article_length"].to_pylist() == [4, 3, None, 4, 4, 3, 4]
    assert found["_byte_start"].to_pylist() == [2, 0, None, None, None, 0, 7]
    assert found["_byte_end"].to_pylist() == [7, 3, None, None, None, 2, 7]


def test_span_bytes_of_missing_offsets_and_of_an_end_before_the_text():
    """A missing offset (read as -1 internally) leaves the bytes null, whatever else the row holds; an end more
    negative than the text is long slices to nothing, as in Python ("abc"[0:-5] == "")."""
    articles = pd.DataFrame({"article_id": ["a", "b"], "text": ["é𝔘x—", "abc"]})
    points = kernels.CodePoints(pa.chunked_array([pa.array(articles["text"])]))
    span = pd.DataFrame(
        {"article_id": ["a", "a", "b", "b"], "char_start": [None, 1, None, 0], "char_end": [2, None, None, -5]}
    ).astype({"char_start": "Int64", "char_end": "Int64"})
    found = kernels.span_bytes(span, articles, points)
    assert found["_article_length"].to_pylist() == [4, 4, 3, 3]
    assert {found[c].type for c in found} == {pa.int64()}  # offsets, not doubles (missing offsets must not make floats)
    assert found["_byte_start"].to_pylist() == [None, None, None, 0]
    assert found["_byte_end"].to_pylist() == [None, None, None, 0]
    assert "abc"[0:-5] == ""


def test_the_bytes_under_a_null_slot_are_not_counted():
    """Arrow may keep bytes under a null (here "é" at bytes 2-4): they belong to no text, so the text after the
    null still starts at code point 0 of its own bytes."""
    data = "éé€".encode()
    texts = pa.StringArray.from_buffers(
        3, pa.py_buffer(np.array([0, 2, 4, 7], dtype=np.int32).tobytes()), pa.py_buffer(data),
        pa.py_buffer(np.packbits([1, 0, 1], bitorder="little").tobytes()),
    )  # fmt: skip
    assert texts.to_pylist() == ["é", None, "€"]
    points = kernels.CodePoints(pa.chunked_array([texts]))
    assert points.length.tolist() == [1, 0, 1]
    assert points.to_bytes(np.array([0, 0, 2, 2]), np.array([0, 1, 0, 1])).tolist() == [0, 2, 0, 3]


def test_span_bytes_with_one_article_and_a_span_of_an_unknown_one():
    articles = pd.DataFrame({"article_id": ["a"], "text": ["é𝔘"]})
    points = kernels.CodePoints(pa.chunked_array([pa.array(articles["text"])]))
    span = pd.DataFrame({"article_id": ["zz", "a"], "char_start": [0, 1], "char_end": [1, 2]})
    found = kernels.span_bytes(span.astype({"char_start": "Int64", "char_end": "Int64"}), articles, points)
    assert found["_article_length"].to_pylist() == [None, 2]
    assert (found["_byte_start"].to_pylist(), found["_byte_end"].to_pylist()) == ([None, 2], [None, 6])


def test_binary_views_of_the_bytes_at_any_offset():
    """The kernel's views of the article bytes (short ones inline, long ones pointing into the buffer, at every
    alignment, up to the very end of the buffer) are valid Arrow and hold the bytes Python slices."""
    texts = ["é𝔘x—" * 7, None, "plain text of some length", "", "ab"]
    points = kernels.CodePoints(pa.chunked_array([pa.array(texts)]))
    data = "".join(t or "" for t in texts).encode()
    starts, sizes = zip(
        *[(s, n) for s in range(len(data) + 1) for n in (0, 1, 4, 12, 13, 40) if s + n <= len(data)], strict=True
    )
    views = kernels._views(points, np.array(starts), np.array(sizes))
    views.validate(full=True)
    assert views.to_pylist() == [data[s : s + n] for s, n in zip(starts, sizes, strict=True)]
