"""The build's problems name the key the curator writes (news_statements/curator_words.py), not a table column."""

from __future__ import annotations

from news_statements.curator_words import KEYS, in_curator_words
from news_statements.metadata import tables

# Tables that the build generates whole: the curator writes none of their columns directly.
DERIVED_ONLY = {"article_furniture"}


def test_a_missing_content_names_the_key_and_what_to_write():
    message = in_curator_words(
        "statements", "content_start", "a statement of a speaker other than the outlet has no content span"
    )
    assert message.startswith("content: is missing — a statement by a speaker other than the outlet needs content:")
    assert "content_start" not in message


def test_every_reference_the_curator_writes_has_a_curator_key():
    unnamed = [
        f"{name}.{fk['fields'][0]}"
        for name, table in tables().items()
        if name not in DERIVED_ONLY
        for fk in table.foreign_keys
        if (name, fk["fields"][0]) not in KEYS and fk["fields"][0] != "article_id"
    ]
    assert unnamed == [], "add these to curator_words.KEYS"


def test_an_unknown_reference_names_the_file_to_declare_it_in_and_keeps_the_hint():
    message = in_curator_words(
        "events", "place_id", "unknown reference: no places.place_id has this value; did you mean 'aleppo'?"
    )
    assert message == (
        "place: names no place in curation/places.yaml (correct the ID, or declare it there); did you mean 'aleppo'?"
    )


def test_a_failure_without_curator_words_keeps_the_rule_s_words_behind_the_key():
    assert in_curator_words("figures", "value", "something new") == "figures: value: something new"


def test_an_id_that_is_not_a_slug_says_what_a_slug_is():
    message = in_curator_words("statements", "claim_id", "value must match ^[a-z0-9]+(-[a-z0-9]+)*$")
    assert (
        message
        == "claim: must be a slug: lower-case letters and digits, words joined by '-' (e.g. iran-foreign-ministry)"
    )
