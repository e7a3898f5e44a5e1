"""The preview of one article (news_statements/preview.py), on the fixture: what the build made of it, and what
coverage still needs while the build fails."""

from __future__ import annotations

from news_statements.preview import preview
from tests.test_curation_errors import edit


def show(mini):
    return preview("mini-article", mini / "curation", mini / "sources", mini / "no-releases")


def test_the_preview_lists_statements_with_speaker_date_and_targets(mini):
    text = show(mini)
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
