"""The preview of one article (news_statements/preview.py), on the fixture: what the build made of it, and what
coverage still needs while the build fails."""

from __future__ import annotations

import pandas as pd
import pytest

from news_statements import preview_flags
from news_statements.preview import preview
from tests.conftest import FIXTURE
from tests.test_curation_errors import edit


def show(mini):
    return preview("mini-article", mini / "curation", mini / "sources", mini / "no-releases")


@pytest.fixture(scope="module")
def fixture_preview() -> str:
    """The preview of the unchanged fixture article, made once for the tests that only read it."""
    return preview("mini-article", FIXTURE / "curation", FIXTURE / "sources", FIXTURE / "no-releases")


def test_the_preview_lists_statements_with_speaker_date_and_targets(fixture_preview):
    text = fixture_preview
    assert "Test Outlet: “Test headline”, published 2024-11-30 to 2024-12-01 (inferred)" in text
    assert "## Statements (2)" in text
    assert "    speaker: iran   date: 2024-11-29 (relative, on Friday)   mode: indirect   cameo: 051" in text
    assert "    targets: syria (supported)" in text
    assert "- aleppo-killing: “At least 12 people were killed in Aleppo, the army said.”" in text
    assert "- mini-12-killed: at least 12 killed [12 to …], claimed by syria-army: “At least 12 people”" in text
    assert "## Coverage: " in text and " 0 still unresolved" in text
    assert "## Problems" not in text


def test_while_the_build_fails_the_preview_says_what_coverage_still_needs(mini):
    edit(mini, "curation/not_entities.yaml", "- {text: Friday, reason: weekday}\n", "")
    text = show(mini)
    assert "## Coverage: " in text and "1 still unresolved" in text
    assert "- 'Friday' at char 18: TEHRAN -- Iran on [Friday] said it supports Syria. “We s…" in text
    assert "## Problems (the build fails)" in text and "capitalised word at char 18 is not resolved" in text


def test_an_unknown_article_is_named(mini):
    assert preview("nope", mini / "curation", mini / "sources", mini / "no-releases").startswith("no article 'nope'")


def test_the_preview_shows_every_mention_with_its_voice_place_mentions_included(fixture_preview):
    text = fixture_preview
    assert "- 42: “Syria” → syria (name)   voice: paraphrase (iran in mini-iran-supports-syria)" in text
    assert "- 64: “Syria” → syria (name)   voice: quoted (abbas-araghchi in mini-araghchi-stands-with-syria)" in text
    assert "- 72: “Araghchi” → abbas-araghchi (name)   voice: outlet (test-outlet)" in text  # (the frame)
    assert "- 121: “Aleppo” → aleppo (place)   voice: paraphrase (syria-army)" in text  # (a report attributed)
    assert "## Flags: likely mistakes to check (0; the build accepts them)" in text


def spans(text: str, *quotes: str, id_column: str = "statement_id") -> pd.DataFrame:
    starts = [text.index(q) for q in quotes]
    return pd.DataFrame(
        {
            id_column: [f"s{i}" for i in range(len(quotes))],
            "char_start": starts,
            "char_end": [s + len(q) for s, q in zip(starts, quotes, strict=True)],
            "text": list(quotes),
        }
    )


def test_a_place_name_before_a_reporting_verb_is_flagged_and_a_locating_one_is_not():
    text = "Moscow said the talks go on. Talks went on in Moscow on Friday. Damascus has also stated it."
    places = spans(text, "Moscow", "Moscow on", "Damascus", id_column="place_id")
    places.loc[1, ["char_end", "text"]] = [places.loc[1, "char_start"] + 6, "Moscow"]
    found = preview_flags.place_before_reporting_verb(text, places)
    assert [flag.split(": ")[1] for flag in found] == ["“Moscow said”", "“Damascus has also stated”"]
    assert "add “Moscow” to the state's aliases in actors.yaml" in found[0]


def test_a_statement_span_that_ends_inside_a_sentence_is_flagged():
    text = "The army said it\nrepelled the attack. “We stand firm,” Iran said. Iran said, in Doha:"
    found = preview_flags.span_ends_inside_a_sentence(
        text, spans(text, "The army said it", "“We stand firm,” Iran said.")
    )
    assert len(found) == 1 and found[0].startswith("s0: the quote ends inside a sentence (“…The army said it” then")
    assert preview_flags.span_ends_inside_a_sentence(text, spans(text, "Iran said, in Doha:")) == []


def test_a_quote_over_a_line_break_is_flagged_whatever_it_quotes():
    text = "The army said it\nrepelled the attack. Iran agreed."
    whole, one_line = "The army said it\nrepelled the attack.", "Iran agreed."
    found = preview_flags.quote_over_a_line_break(text, [("statement", spans(text, whole, one_line), "statement_id")])
    assert found == [
        "statement s0: the quote runs over a line break (“…The army said it” / “repelled the attack.…”): one "
        "sentence wrapped in the source, or two paragraphs? (curation/README.md, checklist: quoting across a line "
        "break)"
    ]


def test_the_preview_lists_what_a_statement_is_about_and_the_places_of_events(mini):
    edit(
        mini,
        "curation/articles/mini-article.yaml",
        "      - {actor: syria, role: supported}\n",
        "      - {actor: syria, role: supported}\n"
        '    about:\n      - {event: aleppo-killing, relation: concerns, quote: "supports Syria"}\n',
    )
    text = show(mini)
    assert "    about: aleppo-killing (concerns: “supports Syria”)" in text
    assert "## Event places (1)\n- aleppo-killing: at aleppo: “killed in Aleppo”" in text
