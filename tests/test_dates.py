"""The date resolver. Every case runs among other rows, at a non-zero index, so that a result taken from
the wrong row (or an index lost on the way) shows; a date that resolves must leave `date_error` empty."""

import pandas as pd
import pytest

from news_statements.transforms.dates import resolve

# Rows around the one under test: each has its own publication bounds and its own expected result.
NEIGHBOURS = [
    ({"relative": "yesterday"}, "2024-11-20", "2024-11-20", "2024-11-19"),
    ({"stated": "2 November"}, "2023-11-10", "2023-11-12", "2023-11-02"),
]


def spec(**kw):
    base = {k: None for k in ("relative", "article", "stated", "on", "min", "max", "basis", "note")}
    base.update(kw)
    return {f"date_{k}": v for k, v in base.items()}


def run(pub_min="2024-12-01", pub_max="2024-12-03", allow_relative=True, **kw):
    """Resolve one spec as the middle row of three (index 11 of 10..12); the neighbours must resolve too."""
    (first, first_min, first_max, first_date), (last, last_min, last_max, last_date) = NEIGHBOURS
    index = [10, 11, 12]
    specs = pd.DataFrame([spec(**first), spec(**kw), spec(**last)], index=index)
    found = resolve(
        specs,
        pd.Series([first_min, pub_min, last_min], index=index),
        pd.Series([first_max, pub_max, last_max], index=index),
        allow_relative=allow_relative,
    )
    assert found.index.tolist() == index
    if allow_relative:
        assert str(found.loc[10, "date"].date()) == first_date and pd.isna(found.loc[10, "date_error"])
    assert str(found.loc[12, "date"].date()) == last_date and pd.isna(found.loc[12, "date_error"])
    assert found.loc[12, "date_text"] == "2 November" and found.loc[12, "date_basis"] == "stated"
    return found.loc[11]


def day(value) -> str | None:
    return None if pd.isna(value) else str(value.date())


def resolved(row, expected: str, basis: str) -> None:
    """A single resolved date: both bounds equal it, the basis is `basis`, and there is no error."""
    assert (day(row["date"]), day(row["date_min"]), day(row["date_max"])) == (expected, expected, expected)
    assert row["date_basis"] == basis
    assert pd.isna(row["date_error"])


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("on Friday", "2024-11-29"),
        ("Friday", "2024-11-29"),
        ("on Sunday", "2024-12-01"),  # the publication day itself counts for "on <weekday>"
        ("last Wednesday", "2024-11-27"),
        ("on Wednesday", "2024-11-27"),
        ("  Last WEDNESDAY ", "2024-11-27"),
    ],
)
def test_weekday_expressions_resolve_to_the_latest_such_day(expr, expected):
    row = run(relative=expr)
    resolved(row, expected, "relative")
    assert row["date_text"] == expr


def test_last_weekday_is_strictly_before_the_publication_date():
    row = run(pub_min="2024-12-02", pub_max="2024-12-02", relative="last Monday")
    resolved(row, "2024-11-25", "relative")
    resolved(run(pub_min="2024-12-02", pub_max="2024-12-02", relative="on Monday"), "2024-12-02", "relative")


def test_a_publication_range_gives_bounds_and_no_single_date_when_they_differ():
    row = run(relative="yesterday")
    assert pd.isna(row["date"]) and pd.isna(row["date_error"])
    assert (day(row["date_min"]), day(row["date_max"])) == ("2024-11-30", "2024-12-02")
    # a weekday resolved against a range that holds two such days: the bounds are the two days
    row = run(pub_min="2024-12-01", pub_max="2024-12-09", relative="on Monday")
    assert (day(row["date_min"]), day(row["date_max"]), day(row["date"])) == ("2024-11-25", "2024-12-09", None)


def test_today_and_this_week():
    resolved(run(pub_min="2024-12-02", pub_max="2024-12-02", relative="today"), "2024-12-02", "relative")
    week = run(pub_min="2024-11-30", pub_max="2024-11-30", relative="this week")
    assert (day(week["date_min"]), day(week["date_max"])) == ("2024-11-25", "2024-11-30")
    earlier = run(pub_min="2024-11-30", pub_max="2024-12-03", relative="earlier this week")
    assert (day(earlier["date_min"]), day(earlier["date_max"])) == ("2024-11-25", "2024-12-03")
    assert pd.isna(earlier["date_error"])


def test_last_week_is_the_monday_to_sunday_before_the_publication_week():
    week = run(pub_min="2024-12-04", pub_max="2024-12-04", relative="last week")  # a Wednesday
    assert (day(week["date_min"]), day(week["date_max"])) == ("2024-11-25", "2024-12-01")
    assert pd.isna(week["date"]) and pd.isna(week["date_error"]) and week["date_basis"] == "relative"


def test_last_week_over_a_publication_range_spans_both_possible_weeks():
    # published between Sunday 1 and Tuesday 3 December: last week is 18–24 or 25 November–1 December
    week = run(pub_min="2024-12-01", pub_max="2024-12-03", relative="last week")
    assert (day(week["date_min"]), day(week["date_max"])) == ("2024-11-18", "2024-12-01")


def test_stated_date_takes_the_article_year():
    row = run(stated="November 27")
    resolved(row, "2024-11-27", "stated")
    assert row["date_text"] == "November 27"


def test_stated_date_day_first_and_with_its_own_year():
    resolved(run(stated="27 November"), "2024-11-27", "stated")
    resolved(run(stated="November 27, 2023"), "2023-11-27", "stated")
    resolved(run(stated="27 November 2023"), "2023-11-27", "stated")


@pytest.mark.parametrize("text", ["November 31", "Smarch 3", "27th of November"])
def test_a_stated_date_that_is_not_a_date_is_an_error(text):
    row = run(stated=text)
    assert row["date_error"] == "stated date not understood"
    assert pd.isna(row["date"]) and row["date_basis"] == "stated"


def test_an_explicit_date_with_its_basis():
    resolved(run(on="2024-11-28", basis="external"), "2024-11-28", "external")


def test_a_range_with_one_bound_keeps_the_other_open():
    row = run(min="2024-11-20", basis="inferred")
    assert (day(row["date_min"]), day(row["date_max"]), day(row["date"])) == ("2024-11-20", None, None)
    assert pd.isna(row["date_error"])
    row = run(max="2024-11-20", basis="inferred")
    assert (day(row["date_min"]), day(row["date_max"]), day(row["date"])) == (None, "2024-11-20", None)
    assert pd.isna(row["date_error"])


def test_a_range_whose_bounds_are_equal_is_that_date():
    resolved(run(min="2024-11-20", max="2024-11-20", basis="inferred"), "2024-11-20", "inferred")


def test_unknown_expression_is_an_error():
    assert run(relative="in a while")["date_error"] == "relative date expression not understood"


def test_relative_date_needs_a_bounded_publication_date():
    expected = "cannot resolve a relative date: the article is unknown or has no published_date_min/max"
    assert run(pub_max=None, relative="on Friday")["date_error"] == expected
    assert run(pub_min=None, relative="on Friday")["date_error"] == expected


def test_a_publication_date_cannot_be_relative():
    row = run(relative="yesterday", allow_relative=False)
    assert row["date_error"] == "a publication date cannot be relative"


def test_two_date_forms_at_once_are_an_error():
    assert run(relative="yesterday", stated="November 27")["date_error"] == (
        "give one of relative, stated, on, or min/max"
    )
    assert run(on="2024-11-27", min="2024-11-20", basis="inferred")["date_error"] == (
        "give one of relative, stated, on, or min/max"
    )


def test_relative_and_stated_dates_take_no_basis():
    expected = "`relative` and `stated` dates set their own basis; remove `basis`"
    assert run(relative="yesterday", basis="inferred")["date_error"] == expected
    assert run(stated="November 27", basis="inferred")["date_error"] == expected


def test_explicit_dates_need_a_basis_and_inverted_bounds_are_errors():
    assert run(on="2024-12-03")["date_error"] == "a date without `relative` or `stated` needs a basis"
    assert run(min="2024-12-01", max="2024-12-05")["date_error"].endswith("needs a basis")
    assert run()["date_error"].endswith("needs a basis")
    row = run(min="2024-12-05", max="2024-12-01", basis="inferred")
    assert row["date_error"] == "date bounds are inverted (min after max)"
    assert pd.isna(row["date"])


def test_the_result_columns_and_their_dtypes():
    found = resolve(pd.DataFrame([spec(on="2024-11-28", basis="external")], index=[4]), pd.Series([None], index=[4]),
                    pd.Series([None], index=[4]))  # fmt: skip
    assert found.columns.tolist() == ["date", "date_min", "date_max", "date_basis", "date_text", "date_error"]
    assert found.dtypes.astype(str).tolist() == ["datetime64[s]"] * 3 + ["string"] * 3
    assert pd.isna(found.loc[4, "date_text"]) and pd.isna(found.loc[4, "date_error"])


def test_relative_dates_are_allowed_unless_said_otherwise():
    found = resolve(pd.DataFrame([spec(relative="yesterday")]), pd.Series(["2024-12-02"]), pd.Series(["2024-12-02"]))
    assert str(found.loc[0, "date"].date()) == "2024-12-01" and pd.isna(found.loc[0, "date_error"])
