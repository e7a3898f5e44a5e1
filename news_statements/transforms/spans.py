"""Locate verbatim evidence in the clean article texts and compute code-point offsets, vectorised.

Every quote must occur exactly once in its article (or once inside a `context` passage that itself occurs
once, or be picked by `occurrence`). numpy's string ufuncs find all quotes at once in C; the only loops
are over the occurrence number (a handful), never over rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.dtypes import StringDType

from news_statements.transforms import nearest

STRAIGHTEN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def _arr(values: pd.Series) -> np.ndarray:
    return np.array(values.astype(object).where(values.notna(), "").astype(str).tolist(), dtype=StringDType())


def find_all(texts: np.ndarray, needles: np.ndarray, limit: int = 10_000) -> pd.DataFrame:
    """All (possibly overlapping) occurrences: rows (row, start), ordered by row then start."""
    found_rows, found_starts = [], []
    start = np.zeros(len(texts), dtype=np.int64)
    active = np.arange(len(texts))
    for _ in range(limit):
        if active.size == 0:
            break
        pos = np.strings.find(texts[active], needles[active], start[active])
        hit = pos >= 0
        found_rows.append(active[hit])
        found_starts.append(pos[hit])
        start[active[hit]] = pos[hit] + 1
        active = active[hit]
    rows = np.concatenate(found_rows) if found_rows else np.array([], dtype=np.int64)
    starts = np.concatenate(found_starts) if found_starts else np.array([], dtype=np.int64)
    return pd.DataFrame({"row": rows, "start": starts}).sort_values(["row", "start"], kind="stable")


def locate(evidence: pd.DataFrame, article_texts: pd.Series) -> pd.DataFrame:
    """Locate each row's `quote` (with optional `context`, `occurrence`) in the text of its `article_id`.

    Returns the input rows (one per located span; `occurrence: all` may expand a row) with `char_start`,
    `char_end`, `text`, and `span_error` (null when located) explaining any failure.
    """
    ev = evidence.reset_index(drop=True).copy()
    ev["_row"] = np.arange(len(ev))
    texts = _arr(ev["article_id"].map(article_texts))
    quotes = _arr(ev["quote"])
    has_context = ev["context"].notna().to_numpy() if "context" in ev else np.zeros(len(ev), bool)
    contexts = _arr(ev["context"]) if "context" in ev else quotes
    occurrence = ev["occurrence"] if "occurrence" in ev else pd.Series([None] * len(ev))

    # Where a context is given, the quote is searched inside the context, and the context in the text.
    haystack_needle = np.where(has_context, contexts, quotes)
    hits = find_all(texts, haystack_needle)
    counts = np.bincount(hits["row"].to_numpy(), minlength=len(ev))
    error = pd.Series(pd.NA, index=ev.index, dtype="string")
    error[(counts == 0) & has_context] = "context not found in the article text"
    error[(counts == 0) & ~has_context] = "quote not found in the article text"
    hint_rows = np.flatnonzero(counts == 0)
    if hint_rows.size:
        straight_text = pd.Series(texts[hint_rows]).str.translate(STRAIGHTEN)
        straight_quote = pd.Series(haystack_needle[hint_rows]).str.translate(STRAIGHTEN)
        near = [q in t for q, t in zip(straight_quote, straight_text, strict=True)]  # error rows only
        for row, is_near in zip(hint_rows, near, strict=True):
            if is_near:
                error[row] = (
                    str(error[row]) + " (it matches only after straightening quotes/spaces: copy the exact characters)"
                )
            error[row] = f"{error[row]}; {nearest.describe(str(texts[row]), str(haystack_needle[row]))}"

    context_offset = np.zeros(len(ev), dtype=np.int64)
    if has_context.any():
        inner = find_all(contexts, quotes)
        inner_counts = np.bincount(inner["row"].to_numpy(), minlength=len(ev))
        bad_inner = has_context & (counts > 0) & (inner_counts != 1)
        error[bad_inner & (inner_counts == 0)] = "quote not found inside its context"
        error[bad_inner & (inner_counts > 1)] = "quote occurs several times inside its context"
        first_inner = inner.drop_duplicates("row").set_index("row")["start"]
        context_offset[first_inner.index.to_numpy()] = first_inner.to_numpy()
        several = has_context & (counts > 1) & occurrence.isna().to_numpy()
        error[several] = "context occurs several times in the article text; lengthen it"
    else:
        several = np.zeros(len(ev), bool)

    hits = hits.assign(n=hits.groupby("row").cumcount() + 1)
    wanted = occurrence.reindex(ev.index)
    is_all = wanted.eq("all").to_numpy()
    number = pd.to_numeric(wanted.where(~wanted.eq("all")), errors="coerce")
    several_plain = (~has_context) & (counts > 1) & wanted.isna().to_numpy()
    error[several_plain] = "quote occurs several times in the article text; add context or occurrence"
    bad_number = number.notna().to_numpy() & ((number.to_numpy() < 1) | (number.to_numpy() > counts))
    error[bad_number & (counts > 0)] = "occurrence is out of range"
    pick = hits.merge(pd.DataFrame({"row": ev["_row"], "want": number, "all": is_all}), on="row")
    pick = pick[pick["all"] | (pick["want"].isna() & (pick["n"] == 1)) | (pick["n"] == pick["want"])]
    pick = pick[~pick["row"].isin(np.flatnonzero(error.notna().to_numpy()))]
    located = ev.merge(pick[["row", "start"]], left_on="_row", right_on="row", how="left")
    start = located["start"].to_numpy(dtype="float64") + context_offset[located["_row"].to_numpy()]
    length = np.strings.str_len(_arr(located["quote"]))
    located["char_start"] = pd.array(np.where(np.isnan(start), np.nan, start), dtype="Int64")
    located["char_end"] = located["char_start"] + pd.array(length, dtype="Int64")
    located["span_error"] = error.reindex(located["_row"].to_numpy()).to_numpy()
    located["span_error"] = located["span_error"].astype("string")
    located["text"] = located["quote"].astype("string")
    return located.drop(columns=["row", "start", "_row"])
