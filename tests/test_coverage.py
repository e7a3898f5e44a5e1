"""The coverage report: every capitalised word is resolved, or the build fails."""

from __future__ import annotations

import pandas as pd
import pytest

from news_statements.transforms.coverage import report, unused_not_entities

ARTICLES = pd.DataFrame({"article_id": ["a"], "text": ["On Tuesday Iran’s envoy met Qatari officials in Doha."]})
MENTIONS = pd.DataFrame(
    {
        "article_id": ["a"],
        "char_start": [11],
        "char_end": [15],
        "actor_id": ["iran"],
        "text": ["Iran"],
        "kind": ["name"],
    }
)
PLACES = pd.DataFrame({"place_id": ["doha"], "alias": ["Doha"]})


def test_each_capitalised_word_says_what_it_resolved_to():
    not_entities = pd.DataFrame({"text": ["On", "Tuesday"], "reason": ["sentence-initial", "weekday"]})
    found = report(ARTICLES, MENTIONS, PLACES, not_entities).set_index("word")
    assert found.loc["Iran’s", "resolved_as"] == "actor" and found.loc["Iran’s", "resolved_to"] == "iran"
    assert found.loc["Doha", "resolved_as"] == "place"
    assert found.loc["Tuesday", "resolved_to"] == "weekday"
    assert found.loc["Qatari", "resolved_as"] == "unresolved"


def test_a_label_resolves_the_words_it_covers():
    label = pd.DataFrame(
        {
            "article_id": ["a"],
            "char_start": [28],
            "char_end": [43],
            "actor_id": ["qatar"],
            "text": ["Qatari officials"],
            "kind": ["label"],
        }
    )
    found = report(ARTICLES, pd.concat([MENTIONS, label]), PLACES, pd.DataFrame(columns=["text", "reason"]))
    assert found.set_index("word").loc["Qatari", "resolved_as"] == "label"


def test_unused_not_entities_are_found():
    not_entities = pd.DataFrame({"text": ["Tuesday", "Monday"], "reason": ["weekday", "weekday"]})
    found = report(ARTICLES, MENTIONS, PLACES, not_entities)
    assert unused_not_entities(not_entities, found)["text"].tolist() == ["Monday"]


@pytest.mark.slow  # a subprocess build
def test_the_build_fails_on_an_unresolved_word(mini, tmp_path):
    from tests.test_build import build

    entities = mini / "curation" / "not_entities.yaml"
    entities.write_text(
        entities.read_text(encoding="utf-8").replace("- {text: Friday, reason: weekday}\n", "")
        + "- {text: Monday, reason: weekday}\n",
        encoding="utf-8",
    )
    result = build(mini, tmp_path / "out")
    assert result.returncode == 1
    assert (
        "mini-article: capitalised word at char 18 is not resolved (coverage): "
        "TEHRAN -- Iran on [Friday] said it supports Syria. “We s… (got 'Friday'"
    ) in result.stderr
    assert "not_entities.yaml:4: Monday: not_entities entry resolves no word of any article" in result.stderr


def test_the_text_around_an_offset_shows_the_span_in_brackets():
    from news_statements.problems import around

    text = "TEHRAN -- Iran on Friday said it supports Syria.\nMore text follows here."
    assert around(text, 18, 24, width=10) == "…- Iran on [Friday] said it s…"
    assert around(text, 0, 6, width=5) == "[TEHRAN] -- I…"
    assert around(text, 42, 48, width=8) == "…upports [Syria.] More te…"


def spans(*rows):
    """Mention rows (article_id, char_start, char_end, actor_id, kind) for report()."""
    frame = pd.DataFrame(rows, columns=["article_id", "char_start", "char_end", "actor_id", "kind"])
    return frame.assign(text="")


def test_the_report_has_its_columns_in_order_and_string_dtypes():
    found = report(ARTICLES, MENTIONS, PLACES, pd.DataFrame({"text": ["On"], "reason": ["sentence-initial"]}))
    assert found.columns.tolist() == ["article_id", "char_start", "char_end", "word", "resolved_as", "resolved_to"]
    assert found.index.tolist() == list(range(len(found)))
    assert found["resolved_as"].dtype == "string" and found["resolved_to"].dtype == "string"
    assert found["resolved_as"].tolist() == ["not_entity", "unresolved", "actor", "unresolved", "place"]
    assert found["resolved_to"].fillna("-").tolist() == ["sentence-initial", "-", "iran", "-", "doha"]


def test_precedence_is_label_then_actor_then_place_and_the_first_span_wins():
    """Each word is covered by several spans: the label beats the name and the place; within one kind, the
    span that starts first."""
    articles = pd.DataFrame({"article_id": ["b", "a"], "text": ["Doha Doha", "Doha Iran Doha"]})
    mentions = spans(
        ("a", 0, 4, "qatar-state", "label"),  # "Doha" (0): a label over a place
        ("a", 5, 9, "iran", "name"),
        ("a", 3, 9, "second", "name"),  # "Iran" (5): two names; the one starting first (3) wins
        ("a", 10, 14, "doha-gov", "name"),  # "Doha" (10): a name over a place
    )
    found = report(articles, mentions, PLACES, pd.DataFrame(columns=["text", "reason"]))
    assert found[["article_id", "char_start", "resolved_as", "resolved_to"]].values.tolist() == [
        ["a", 0, "label", "qatar-state"],
        ["a", 5, "actor", "second"],
        ["a", 10, "actor", "doha-gov"],
        ["b", 0, "place", "doha"],
        ["b", 5, "place", "doha"],
    ]


def test_a_span_does_not_cover_the_word_that_starts_where_it_ends():
    articles = pd.DataFrame({"article_id": ["a"], "text": ["Qatar Doha Qatar"]})
    found = report(
        articles, spans(("a", 0, 6, "qatar", "label")), PLACES.iloc[:0], pd.DataFrame(columns=["text", "reason"])
    )
    assert found["resolved_as"].tolist() == ["label", "unresolved", "unresolved"]


def test_a_word_listed_twice_in_not_entities_takes_the_first_reason():
    not_entities = pd.DataFrame({"text": ["On", "On"], "reason": ["sentence-initial", "other"]})
    found = report(ARTICLES, MENTIONS, PLACES, not_entities).set_index("word")
    assert found.loc["On", "resolved_to"] == "sentence-initial"
