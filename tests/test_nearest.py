"""The nearest passage shown for a quote that is not in the article (transforms/nearest.py)."""

import pytest

from news_statements.transforms.nearest import describe, nearest

TEXT = "Officials said on Friday that the attack was a clear violation of the ceasefire agreement. Others disagreed."


@pytest.mark.parametrize(
    ("quote", "differences"),
    [
        ("the attack was clear violation", ["the article has 'a' here"]),
        ("the attack was a very clear violation", ["'very' is not in the article"]),
        ("the attack was a  clear violation", []),  # differs only in spacing
    ],
)
def test_the_nearest_passage_and_its_word_differences(quote, differences):
    start, end, found = nearest(TEXT, quote)
    assert TEXT[start:end] == "the attack was a clear violation"
    assert (start, found) == (30, differences)


def test_a_quote_found_word_for_word_starts_and_ends_on_its_words():
    assert nearest(TEXT, "said on Friday that") == (10, 29, [])
    assert nearest(TEXT, "Officials said") == (0, 14, [])
    assert nearest(TEXT, "Others disagreed.") == (91, 108, [])


@pytest.mark.parametrize(("text", "quote"), [("", "x"), (TEXT, "   "), (TEXT, "zzz"), (TEXT, "a qqqqqqqqqqqqqqqqqqqq")])
def test_nothing_alike_is_none(text, quote):
    assert nearest(text, quote) is None


def test_describe_says_where_what_and_how_it_differs():
    assert describe(TEXT, "the attack was clear violation") == (
        "nearest passage at char 30: 'the attack was a clear violation'; differs: the article has 'a' here"
    )
    assert describe(TEXT, "the attack was a  clear violation").endswith("differs: only in spacing")
    assert describe(TEXT, "zzz") == "no similar passage in the article"


def test_describe_shortens_a_long_passage_and_a_long_list_of_differences():
    quote = "Officials said on Monday that an attack is a grave violation of any ceasefire deal. Others disagreed."
    assert describe(TEXT, quote, limit=30) == (
        "nearest passage at char 0: 'Officials said on Friday that…'; differs: 'Monday' → 'Friday'; 'an' → 'the'; "
        "'is' → 'was'; 'grave' → 'clear' (and 2 more)"
    )
    assert (
        describe(TEXT, "Officials said", limit=14)
        == "nearest passage at char 0: 'Officials said'; differs: only in spacing"
    )
    assert describe(TEXT, "Officials said", limit=13).startswith("nearest passage at char 0: 'Officials sa…';")


def test_a_word_that_ends_before_the_passage_starts_is_no_end_for_it():
    # "He" and "said" end within reach of the quote's end but before its start: skipped, not the end of the search
    assert nearest("He said Iran is here", "Iron") == (8, 12, ["'Iron' → 'Iran'"])


def test_a_quote_of_spaces_only_matches_nothing():
    assert nearest("a  b", "  ") is None


def test_four_differences_are_listed_without_a_count_of_more():
    quote = "Officials said on Monday that an attack is a grave violation of the ceasefire agreement."
    assert describe(TEXT, quote).endswith("differs: 'Monday' → 'Friday'; 'an' → 'the'; 'is' → 'was'; 'grave' → 'clear'")


def test_a_passage_longer_than_300_characters_is_cut():
    text = "word " * 60 + "a"  # 301 characters
    shown = describe(text, text[:-1] + "b").split("'")[1]
    assert len(shown) == 300 and shown.endswith("…")
    assert describe(text[1:], text[1:-1] + "b").split("'")[1] == text[1:]  # 300 characters: shown whole
