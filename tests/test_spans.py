import pandas as pd

from syria_offensive.transforms.spans import locate

TEXTS = pd.Series({"a": "Iran said “no”. Iran said yes. Iran’s view."})


def ev(quote, context=None, occurrence=None):
    return pd.DataFrame([{"article_id": "a", "quote": quote, "context": context, "occurrence": occurrence}])


def test_unique_quote_gets_code_point_offsets():
    row = locate(ev("said yes"), TEXTS).iloc[0]
    assert pd.isna(row["span_error"])
    assert TEXTS["a"][row["char_start"] : row["char_end"]] == "said yes"


def test_quote_found_zero_times_is_an_error():
    assert locate(ev("Baghdad"), TEXTS).iloc[0]["span_error"] == (
        "quote not found in the article text; no similar passage in the article"
    )
    assert locate(ev("Iraq"), TEXTS).iloc[0]["span_error"] == (
        "quote not found in the article text; nearest passage at char 0: 'Iran'; differs: 'Iraq' → 'Iran'"
    )


def test_a_misquote_shows_the_nearest_passage_and_the_words_that_differ():
    error = locate(ev("Iran said maybe. Iran’s view."), TEXTS).iloc[0]["span_error"]
    assert error == (
        "quote not found in the article text; nearest passage at char 16: 'Iran said yes. Iran’s view.'; "
        "differs: 'maybe.' → 'yes.'"
    )


def test_a_misquoted_context_shows_the_nearest_passage_too():
    error = locate(ev("Iran", context="Iran said no. Iran’s"), TEXTS).iloc[0]["span_error"]
    assert error == (
        "context not found in the article text; nearest passage at char 0: 'Iran said “no”. Iran'; "
        "differs: 'no. Iran’s' → '“no”. Iran'"
    )


def test_quote_found_several_times_needs_context_or_occurrence():
    assert "several times" in locate(ev("Iran said"), TEXTS).iloc[0]["span_error"]


def test_context_disambiguates():
    row = locate(ev("Iran said", context="no”. Iran said yes"), TEXTS).iloc[0]
    assert pd.isna(row["span_error"]) and row["char_start"] == TEXTS["a"].index("Iran said yes")


def test_occurrence_picks_the_nth_match():
    row = locate(ev("Iran", occurrence=3), TEXTS).iloc[0]
    assert row["char_start"] == TEXTS["a"].index("Iran’s")


def test_occurrence_out_of_range_is_an_error():
    assert locate(ev("Iran", occurrence=4), TEXTS).iloc[0]["span_error"] == "occurrence is out of range"


def test_occurrence_all_expands_to_every_match():
    rows = locate(ev("Iran", occurrence="all"), TEXTS)
    assert rows["char_start"].tolist() == [0, 16, 31]


def test_straight_quotes_get_a_hint():
    error = locate(ev('said "no"'), TEXTS).iloc[0]["span_error"]
    assert "straightening quotes" in error


def test_quote_not_inside_its_context_is_an_error():
    assert (
        locate(ev("Iraq", context="Iran said yes"), TEXTS).iloc[0]["span_error"] == "quote not found inside its context"
    )
