"""Figures as ranges: the bounds each qualifier gives (curation/README.md, "Figures"), and the curator's mistakes.

Every case runs among other rows at a non-zero index, and a figure that fits its qualifier has no error.
"""

from __future__ import annotations

import pandas as pd
import pytest

from news_statements.transforms.figures import bounds

NA = pd.NA


def _bounds(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["value", "low", "high", "qualifier", "text"])
    frame.index = range(10, 10 + len(frame))
    return bounds(frame)


ROWS = [
    ((4, None, None, "exact", "four civilians"), 4, 4),
    ((400, None, None, "at least", "at least 400 terrorists"), 400, NA),
    ((1000, None, None, "more than", "more than 1,000 terrorists"), 1001, NA),
    ((500, None, None, "nearly", "nearly 500 people"), NA, 499),
    ((300, None, None, "about", "about 300 fighters"), NA, NA),
    ((None, None, None, "vague plural", "thousands of fighters"), 2000, NA),
    ((None, None, None, "vague plural", "Millions of Syrians"), 2_000_000, NA),
    ((None, None, None, "vague plural", "tens of thousands of people"), 20_000, NA),
    ((None, 300, 400, "range", "between 300 and 400"), 300, 400),
]


def test_each_qualifier_gives_its_bounds_and_no_error():
    found = _bounds([row for row, _, _ in ROWS])
    assert list(found.index) == list(range(10, 10 + len(ROWS)))
    for (row, low, high), (_, got) in zip(ROWS, found.iterrows(), strict=True):
        assert (got["low"] is NA and low is NA) or got["low"] == low, row
        assert (got["high"] is NA and high is NA) or got["high"] == high, row
    assert found["bounds_error"].isna().all()
    assert found.dtypes.astype(str).to_dict() == {"low": "Int64", "high": "Int64", "bounds_error": "string"}


def test_a_value_that_is_not_a_number_counts_as_missing():
    found = _bounds([(4, None, None, "exact", "four civilians"), ("four", None, None, "exact", "four civilians")])
    assert found.loc[11, "bounds_error"] == "`value` is required (the number the text states)"
    assert found.loc[11, "low"] is pd.NA and found.loc[10, "low"] == 4


def test_the_vague_plural_message_lists_the_words_of_the_rule():
    found = _bounds([(None, None, None, "vague plural", "many fighters")])
    assert found.loc[10, "bounds_error"] == (
        "the quote holds no vague plural of the rule (hundreds of thousands, tens of thousands, millions, thousands, "
        "hundreds, scores, dozens, tens)"
    )


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ((2000, None, None, "vague plural", "thousands"), "a vague plural or a range states no single number"),
        ((None, None, None, "at least", "at least 400"), "`value` is required (the number the text states)"),
        ((400, 400, None, "at least", "at least 400"), "`low` and `high` follow from value and qualifier"),
        ((None, 300, None, "range", "300 or more"), "a range needs both `low` and `high`"),
        ((None, None, None, "vague plural", "many fighters"), "the quote holds no vague plural of the rule"),
        ((None, 400, 300, "range", "between 400 and 300"), "`low` is greater than `high`"),
    ],
)
def test_a_figure_that_does_not_fit_its_qualifier_says_why(row, message):
    good = (4, None, None, "exact", "four civilians")
    found = _bounds([good, row, good])
    assert found["bounds_error"].isna().tolist() == [True, False, True]
    assert found.loc[11, "bounds_error"].startswith(message)
