import pandas as pd
import pytest

from syria_offensive.transforms.dates import resolve


def spec(**kw):
    base = {k: None for k in ("relative", "article", "stated", "on", "min", "max", "basis", "note")}
    base.update(kw)
    return pd.DataFrame([{f"date_{k}": v for k, v in base.items()}])


def run(pub_min="2024-12-01", pub_max="2024-12-03", **kw):
    return resolve(spec(**kw), pd.Series([pub_min]), pd.Series([pub_max])).iloc[0]


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("on Friday", "2024-11-29"),
        ("Friday", "2024-11-29"),
        ("on Sunday", "2024-12-01"),  # the publication day itself counts for "on <weekday>"
        ("last Wednesday", "2024-11-27"),
        ("on Wednesday", "2024-11-27"),
    ],
)
def test_weekday_expressions_resolve_to_the_latest_such_day(expr, expected):
    row = run(relative=expr)
    assert str(row["date"].date()) == expected
    assert row["date_basis"] == "relative" and row["date_text"] == expr


def test_last_weekday_is_strictly_before_the_publication_date():
    row = run(pub_min="2024-12-02", pub_max="2024-12-02", relative="last Monday")
    assert str(row["date"].date()) == "2024-11-25"


def test_a_publication_range_gives_bounds_and_no_single_date_when_they_differ():
    row = run(relative="yesterday")
    assert pd.isna(row["date"])
    assert (str(row["date_min"].date()), str(row["date_max"].date())) == ("2024-11-30", "2024-12-02")


def test_today_and_this_week():
    assert str(run(pub_min="2024-12-02", pub_max="2024-12-02", relative="today")["date"].date()) == "2024-12-02"
    week = run(pub_min="2024-11-30", pub_max="2024-11-30", relative="this week")
    assert (str(week["date_min"].date()), str(week["date_max"].date())) == ("2024-11-25", "2024-11-30")


def test_stated_date_takes_the_article_year():
    row = run(stated="November 27")
    assert str(row["date"].date()) == "2024-11-27" and row["date_basis"] == "stated"


def test_unknown_expression_is_an_error():
    assert run(relative="in a while")["date_error"] == "relative date expression not understood"


def test_relative_date_needs_a_bounded_publication_date():
    assert "has no published_date_min/max" in run(pub_max=None, relative="on Friday")["date_error"]


def test_explicit_dates_need_a_basis_and_inverted_bounds_are_errors():
    assert "needs a basis" in run(on="2024-12-03")["date_error"]
    assert "inverted" in run(min="2024-12-05", max="2024-12-01", basis="inferred")["date_error"]
