"""Figures as claimed: the bounds (`low`, `high`) of the count that a figure's words admit, vectorised.

The curator writes the number the text states (`value`) and its hedge (`qualifier`); the bounds follow from
them, so that nobody writes the same number three times and every figure follows one rule
(curation/README.md, "Figures"). Bounds are inclusive: "more than 1,000" admits 1,001 and up. Only a range
("between 300 and 400") has curated bounds; a vague plural ("thousands") has no value and a low bound of
twice its unit.
"""

from __future__ import annotations

import re

import pandas as pd

# The smallest number a vague plural implies: two of its unit. Longest phrase first ("tens of thousands" before
# "thousands"); matched as whole words, case-insensitively, in the figure's quoted text.
VAGUE_PLURALS = {
    "hundreds of thousands": 200_000,
    "tens of thousands": 20_000,
    "millions": 2_000_000,
    "thousands": 2_000,
    "hundreds": 200,
    "scores": 40,
    "dozens": 24,
    "tens": 20,
}
NO_VALUE = ["vague plural", "range"]  # the text states no single number
CURATED_BOUNDS = ["range"]  # the only qualifier whose bounds are written by hand
PLURAL = re.compile(r"\b(" + "|".join(re.escape(word) for word in VAGUE_PLURALS) + r")\b", re.IGNORECASE)


def _int(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series, errors="coerce").astype("Int64")


def bounds(figures: pd.DataFrame) -> pd.DataFrame:
    """low, high and bounds_error (why the curated value/low/high do not fit the qualifier) for each figure.

    `figures` has value, low, high (curated, may be null), qualifier and text (the located quote).
    """
    value, q = _int(figures["value"]), figures["qualifier"].astype("string")
    curated_low, curated_high = _int(figures["low"]), _int(figures["high"])
    word = figures["text"].astype("string").str.extract(PLURAL, expand=False).str.lower()
    low = pd.Series(pd.NA, index=figures.index, dtype="Int64")
    high = low.copy()
    low = low.mask(q.isin(["exact", "at least"]), value).mask(q.eq("more than"), value + 1)
    high = high.mask(q.eq("exact"), value).mask(q.eq("nearly"), value - 1)
    low = low.mask(q.eq("vague plural"), _int(word.map(VAGUE_PLURALS)))
    ranged = q.isin(CURATED_BOUNDS)
    low, high = low.mask(ranged, curated_low), high.mask(ranged, curated_high)

    error = pd.Series(pd.NA, index=figures.index, dtype="string")
    problems = [
        (q.isin(NO_VALUE) & value.notna(), "a vague plural or a range states no single number: leave `value` out"),
        (q.notna() & ~q.isin(NO_VALUE) & value.isna(), "`value` is required (the number the text states)"),
        (
            ~ranged & (curated_low.notna() | curated_high.notna()),
            "`low` and `high` follow from value and qualifier; write them only for a range",
        ),
        (ranged & (curated_low.isna() | curated_high.isna()), "a range needs both `low` and `high`"),
        (
            q.eq("vague plural") & word.isna(),
            "the quote holds no vague plural of the rule (" + ", ".join(VAGUE_PLURALS) + ")",
        ),
        ((low > high).fillna(False), "`low` is greater than `high`"),
    ]
    for bad, message in problems:
        error = error.mask(error.isna() & bad.fillna(False), message)
    return pd.DataFrame({"low": low, "high": high, "bounds_error": error})
