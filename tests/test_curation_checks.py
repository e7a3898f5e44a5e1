"""The curation checks that validation cannot make (news_statements/curation_checks.py), each with its failing
example on the fixture: relative dates the article must say, statement dates within their event's, speakers
among their event's actors (a warning), "did you mean" for unknown IDs, and no knock-on problems."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from news_statements.build import assemble
from news_statements.problems import InputError
from tests.test_curation_errors import ARTICLE, edit

RELATIVE = 'date: {relative: "on Friday"}'
LAST_STATEMENT = '    date: {basis: unknown, note: "no date in the text"}\n    cameo: "051"\n'


def run(mini: Path) -> tuple[list[str], pd.DataFrame]:
    """(problem lines, warnings) of an in-process build of the fixture."""
    extras: dict[str, pd.DataFrame] = {}
    try:
        assemble(mini / "curation", mini / "sources", extras, releases_dir=mini / "no-releases")
    except InputError as err:
        return [str(p).replace(f"{mini}/", "") for p in err.problems], extras.get("warnings", pd.DataFrame())
    return [], extras["warnings"]


def test_the_fixture_has_no_problem_and_no_warning(mini):
    problems, warnings = run(mini)
    assert problems == [] and warnings.empty


def test_a_relative_date_the_statement_does_not_say_is_an_error(mini):
    edit(mini, ARTICLE, RELATIVE, 'date: {relative: "on Tuesday"}')
    problems, _ = run(mini)
    assert problems == [
        "curation/articles/mini-article.yaml:3: mini-iran-supports-syria: the relative date's phrase is not in the "
        "statement's quote (got 'on Tuesday', expected the phrase as the article words it, or `context:` quoting "
        "the sentence that has it)"
    ]


def test_a_relative_date_may_name_the_neighbouring_sentence_that_says_it(mini):
    edit(
        mini,
        ARTICLE,
        LAST_STATEMENT,
        LAST_STATEMENT.replace(
            'date: {basis: unknown, note: "no date in the text"}',
            'date: {relative: "on Friday", context: "Iran on Friday"}',
        ),
    )
    problems, warnings = run(mini)
    assert problems == [] and warnings.empty


@pytest.mark.parametrize(
    ("context", "message"),
    [
        ("Iran on Monday", "the date's `context` is not in the article text (got 'Iran on Monday'"),
        (
            "said it supports",
            "the date's `context` does not contain its relative phrase 'on Friday' (got 'said it "
            "supports', expected a passage of the article that contains the phrase)",
        ),
    ],
)
def test_a_date_context_must_be_in_the_article_and_contain_the_phrase(mini, context, message):
    edit(
        mini,
        ARTICLE,
        LAST_STATEMENT,
        LAST_STATEMENT.replace(
            'date: {basis: unknown, note: "no date in the text"}',
            f'date: {{relative: "on Friday", context: "{context}"}}',
        ),
    )
    problems, _ = run(mini)
    assert len(problems) == 1 and message in problems[0], problems


def test_a_date_context_far_from_the_statement_is_a_warning(mini):
    far = (
        "  - id: mini-army-says-12-killed\n    speaker: syria-army\n"
        '    quote: "At least 12 people were killed in Aleppo, the army said."\n'
        '    content: "At least 12 people were killed in Aleppo"\n    mode: indirect\n'
        '    date: {relative: "on Friday", context: "Iran on Friday"}\n    cameo: "010"\n'
    )
    edit(mini, ARTICLE, "event_reports:\n", far + "event_reports:\n")
    problems, warnings = run(mini)
    assert problems == []
    assert warnings[["id", "check", "message"]].values.tolist() == [
        [
            "mini-army-says-12-killed",
            "date-context-far",
            "the date's `context` is not the statement's sentence or a neighbouring one; sentences away: 2",
        ]
    ]


def test_a_relative_event_date_the_named_article_does_not_say_is_an_error(mini):
    edit(mini, "curation/events.yaml", 'relative: "on Friday"', 'relative: "on Thursday"')
    problems, _ = run(mini)
    assert problems == [
        "curation/events.yaml:1: aleppo-killing: the relative date's phrase (or its `context`) is not in the article "
        "it names (got 'on Thursday', expected the phrase as that article words it)"
    ]


def test_a_relative_event_end_the_named_article_does_not_say_is_an_error(mini):
    end = '  end: {relative: "on Saturday", article: mini-article}\n'
    edit(mini, "curation/events.yaml", "  place: aleppo\n", end + "  place: aleppo\n")
    problems, _ = run(mini)
    assert problems == [
        "curation/events.yaml:1: aleppo-killing: the relative date's phrase (or its `context`) is not in the article "
        "it names (got 'on Saturday', expected the phrase as that article words it)"
    ]


def test_a_statement_after_its_event_ended_is_an_error_but_an_event_without_end_is_open(mini):
    edit(mini, ARTICLE, RELATIVE, 'date: {on: 2024-12-01, basis: external, note: "test"}\n    event: aleppo-killing')
    assert run(mini)[0] == []  # the event has no end: it may have gone on (ongoing or unknown)
    end = '  end: {on: 2024-11-29, basis: external, note: "t"}\n'
    edit(mini, "curation/events.yaml", "  place: aleppo\n", end + "  place: aleppo\n")
    assert run(mini)[0] == [
        "curation/articles/mini-article.yaml:3: mini-iran-supports-syria: statement date falls outside its event's "
        "dates 2024-11-29 (aleppo-killing) (got '2024-12-01', expected a date within the event's dates, or another "
        "event (or none))"
    ]


def test_a_statement_dated_outside_its_event_is_an_error_and_an_unrelated_speaker_a_warning(mini):
    edit(mini, ARTICLE, RELATIVE, 'date: {on: 2024-11-25, basis: external, note: "test"}\n    event: aleppo-killing')
    problems, warnings = run(mini)
    assert problems == [
        "curation/articles/mini-article.yaml:3: mini-iran-supports-syria: statement date falls outside its event's "
        "dates 2024-11-29 to … (aleppo-killing) (got '2024-11-25', expected a date within the event's dates, or "
        "another event (or none))"
    ]
    assert warnings[["id", "check", "message", "value"]].values.tolist() == [
        [
            "mini-iran-supports-syria",
            "speaker-not-in-event",
            "speaker is not among the actors of the statement's event (nor above or below one of them): aleppo-killing",
            "iran",
        ]
    ]


def test_a_speaker_above_an_event_actor_in_the_actor_tree_is_no_warning(mini):
    # syria is syria-army's parent: the state is credited with what its army's event was about
    edit(mini, ARTICLE, "speaker: iran\n", "speaker: syria\n")
    edit(mini, ARTICLE, RELATIVE, RELATIVE + "\n    event: aleppo-killing")
    assert run(mini)[1].empty


def test_an_unknown_id_gets_did_you_mean_and_no_second_report(mini):
    edit(mini, ARTICLE, "{actor: syria, role: supported}", "{actor: syira, role: supported}")
    problems, _ = run(mini)
    assert problems == [
        "curation/articles/mini-article.yaml:11: mini-iran-supports-syria/syira/supported: targets: actor: names no "
        "actor in curation/actors.yaml (correct the ID, or declare it there); did you mean 'syria' or 'iran'? (got "
        "'syira')"
    ]


def test_a_statement_that_failed_brings_no_knock_on_problems(mini):
    """Its target and the figure that cites it refer to a statement that was not built: one problem, not three."""
    edit(
        mini,
        ARTICLE,
        "    event: aleppo-killing\nlabels",
        "    event: aleppo-killing\n    statement: mini-iran-supports-syria\nlabels",
    )
    edit(
        mini, ARTICLE, 'quote: "Iran on Friday said it supports Syria."', 'quote: "Iran on Friday said it backs Syria."'
    )
    problems, _ = run(mini)
    assert len(problems) == 1, problems
    assert "mini-iran-supports-syria: statement: quote not found in the article text; nearest passage" in problems[0]
    assert "'backs' → 'supports'" in problems[0]
