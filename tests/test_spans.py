"""Locating evidence. The cases run as one frame of several rows with a non-zero index, over two texts,
so that an offset or an error given to the wrong row shows."""

import pandas as pd

from news_statements.transforms.spans import locate

TEXTS = pd.Series({"a": "Iran said “no”. Iran said yes. Iran’s view.", "b": "Turkey said: aaa. Turkey said: aaa."})


def ev(quote, context=None, occurrence=None, article="a"):
    return {"article_id": article, "quote": quote, "context": context, "occurrence": occurrence}


def locate_among(row: dict) -> pd.Series:
    """Locate `row` as the middle of three rows (index 7, 8, 9); its neighbours locate as they should."""
    evidence = pd.DataFrame([ev("said yes"), row, ev("Turkey", occurrence=2, article="b")], index=[7, 8, 9])
    found = locate(evidence, TEXTS)
    first, last = found.iloc[0], found.iloc[-1]
    assert (first["char_start"], first["char_end"], first["text"]) == (21, 29, "said yes")
    assert (last["char_start"], last["char_end"], last["article_id"]) == (18, 24, "b")
    assert pd.isna(first["span_error"]) and pd.isna(last["span_error"])
    assert len(found) == 3, found
    return found.iloc[1]


def located(row: pd.Series, article: str = "a") -> str:
    """The text at the row's offsets; the row has no error."""
    assert pd.isna(row["span_error"]), row["span_error"]
    return TEXTS[article][row["char_start"] : row["char_end"]]


def test_unique_quote_gets_code_point_offsets():
    row = locate_among(ev("Iran’s view"))
    assert located(row) == "Iran’s view" and row["char_start"] == 31 and row["text"] == "Iran’s view"


def test_quote_found_zero_times_is_an_error():
    row = locate_among(ev("Baghdad"))
    assert row["span_error"] == "quote not found in the article text; no similar passage in the article"
    assert pd.isna(row["char_start"]) and pd.isna(row["char_end"])
    assert locate_among(ev("Iraq"))["span_error"] == (
        "quote not found in the article text; nearest passage at char 0: 'Iran'; differs: 'Iraq' → 'Iran'"
    )


def test_a_misquote_shows_the_nearest_passage_and_the_words_that_differ():
    error = locate_among(ev("Iran said maybe. Iran’s view."))["span_error"]
    assert error == (
        "quote not found in the article text; nearest passage at char 16: 'Iran said yes. Iran’s view.'; "
        "differs: 'maybe.' → 'yes.'"
    )


def test_a_misquoted_context_shows_the_nearest_passage_too():
    error = locate_among(ev("Iran", context="Iran said no. Iran’s"))["span_error"]
    assert error == (
        "context not found in the article text; nearest passage at char 0: 'Iran said “no”. Iran'; "
        "differs: 'no. Iran’s' → '“no”. Iran'"
    )


def test_quote_found_several_times_needs_context_or_occurrence():
    row = locate_among(ev("Iran said"))
    assert row["span_error"] == "quote occurs several times in the article text; add context or occurrence"
    assert pd.isna(row["char_start"])


def test_overlapping_matches_count_as_several():
    row = locate_among(ev("aa", article="b"))
    assert row["span_error"] == "quote occurs several times in the article text; add context or occurrence"
    assert located(locate_among(ev("aa", occurrence=2, article="b")), "b") == "aa"
    assert locate_among(ev("aa", occurrence=2, article="b"))["char_start"] == 14


def test_context_disambiguates():
    row = locate_among(ev("Iran said", context="no”. Iran said yes"))
    assert located(row) == "Iran said" and row["char_start"] == TEXTS["a"].index("Iran said yes")


def test_a_context_found_several_times_is_an_error():
    row = locate_among(ev("aaa", context="said: aaa", article="b"))
    assert row["span_error"] == "context occurs several times in the article text; lengthen it"
    assert pd.isna(row["char_start"])


def test_occurrence_picks_the_nth_match():
    row = locate_among(ev("Iran", occurrence=3))
    assert located(row) == "Iran" and row["char_start"] == TEXTS["a"].index("Iran’s")
    assert locate_among(ev("Iran", occurrence=1))["char_start"] == 0


def test_occurrence_picks_the_nth_match_of_a_context():
    row = locate_among(ev("aaa", context="said: aaa", occurrence=2, article="b"))
    assert located(row, "b") == "aaa" and row["char_start"] == 31


def test_occurrence_out_of_range_is_an_error():
    for quote, occurrence in (("Iran", 4), ("Iran", 0), ("said yes", 2)):
        row = locate_among(ev(quote, occurrence=occurrence))
        assert row["span_error"] == "occurrence is out of range", (quote, occurrence)
        assert pd.isna(row["char_start"])


def test_occurrence_all_expands_to_every_match():
    rows = locate(pd.DataFrame([ev("said yes"), ev("Iran", occurrence="all")], index=[4, 5]), TEXTS)
    assert rows["char_start"].tolist() == [21, 0, 16, 31]
    assert rows["span_error"].isna().all()


def test_no_evidence_rows_locate_to_none():
    empty = pd.DataFrame({c: pd.Series(dtype="object") for c in ("article_id", "quote", "context", "occurrence")})
    found = locate(empty, TEXTS)
    assert found.empty
    assert {"char_start", "char_end", "text", "span_error"} <= set(found.columns)


def test_straight_quotes_get_a_hint():
    error = locate_among(ev('said "no"'))["span_error"]
    assert error.startswith(
        "quote not found in the article text (it matches only after straightening quotes/spaces: copy the exact"
    )
    plain = locate_among(ev("said maybe"))["span_error"]
    assert "straightening" not in plain


def test_quote_not_inside_its_context_is_an_error():
    assert locate_among(ev("Iraq", context="Iran said yes"))["span_error"] == "quote not found inside its context"


def test_quote_several_times_inside_its_context_is_an_error():
    row = locate_among(ev("a", context="said: aaa. Turkey", article="b"))
    assert row["span_error"] == "quote occurs several times inside its context"


def test_the_output_has_the_input_columns_and_the_located_ones():
    found = locate(pd.DataFrame([ev("said yes"), ev("Baghdad")], index=[3, 4]), TEXTS)
    assert found.columns.tolist() == [
        "article_id", "quote", "context", "occurrence", "char_start", "char_end", "span_error", "text",
    ]  # fmt: skip
    assert found.index.tolist() == [0, 1] and found["span_error"].dtype == "string"
    assert found["char_start"].dtype == "Int64" and found["char_end"].dtype == "Int64"


def test_evidence_without_context_or_occurrence_columns():
    evidence = pd.DataFrame(
        {"article_id": ["a", "b", "a"], "quote": ["said yes", "Turkey", "Baghdad"]}, index=[4, 5, 6]
    )
    found = locate(evidence, TEXTS)
    assert found["char_start"].tolist()[:1] == [21]
    assert found["span_error"].tolist()[1].startswith("quote occurs several times")
    assert found["span_error"].tolist()[2].startswith("quote not found in the article text")
    with_context = evidence.assign(context=[None, "Turkey said: aaa. Turkey said", None])
    assert with_context["context"].notna().sum() == 1
    assert locate(with_context, TEXTS)["span_error"].tolist()[1] == "quote occurs several times inside its context"


def test_an_unknown_article_has_no_text_to_quote():
    unknown = [ev(quote, article="x") for quote in ("None", "XX", "nan")]
    found = locate(pd.DataFrame([ev("said yes"), *unknown]), TEXTS)
    message = "quote not found in the article text; no similar passage in the article"
    assert found["span_error"].tolist()[1:] == [message] * 3


def test_a_quote_not_found_says_so_even_with_an_occurrence():
    row = locate_among(ev("Baghdad", occurrence=2))
    assert row["span_error"] == "quote not found in the article text; no similar passage in the article"
