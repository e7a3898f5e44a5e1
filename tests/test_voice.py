"""The voice of each mention (transforms/voice.py): the derivation on small frames, and real rows of the package."""

from __future__ import annotations

import pandas as pd
import pytest

import syria_offensive
from news_statements.build import assemble
from news_statements.transforms import voice
from tests.test_curation_checks import run
from tests.test_curation_errors import ARTICLE, edit

TEXT = "Amid raids by militants, Iran said “Syria will win” and the militants would fail. Militants, Tehran warned."
ARTICLES = pd.DataFrame({"article_id": ["a"], "text": [TEXT], "outlet_actor_id": ["the-outlet"]})
# One statement of Iran with its frame ("Amid raids by militants, Iran said"), and an event report attributed to
# Iran ("Militants, Tehran warned" is in no statement). The content (35-80) leaves out the frame.
STATEMENTS = pd.DataFrame(
    {
        "statement_id": ["iran-says", "outlet-own"],
        "article_id": ["a", "a"],
        "speaker_id": ["iran", "the-outlet"],
        "char_start": [0, 0],
        "char_end": [81, 24],
        "content_start": [TEXT.index("“Syria"), None],
        "content_end": [TEXT.index(" would fail") + len(" would fail"), None],
    },
    index=[7, 3],
).astype({"content_start": "Int64", "content_end": "Int64"})
REPORTS = pd.DataFrame(
    {"article_id": ["a"], "char_start": [82], "char_end": [len(TEXT)], "attributed_to": ["iran"]}, index=[5]
)


def spans(*words: str) -> pd.DataFrame:
    """Mentions of the given words (first occurrence at or after the previous one), on a non-zero index."""
    starts, at = [], 0
    for word in words:
        at = TEXT.index(word, at)
        starts.append(at)
    ends = [s + len(w) for s, w in zip(starts, words, strict=True)]
    return pd.DataFrame({"article_id": "a", "char_start": starts, "char_end": ends}, index=range(10, 10 + len(words)))


def test_frame_quote_paraphrase_and_attributed_report():
    mentions = spans("militants", "Iran", "Syria", "militants", "Militants")
    derived = voice.derive(mentions, STATEMENTS, REPORTS, ARTICLES)
    assert derived.index.tolist() == mentions.index.tolist()
    assert derived["voice"].tolist() == ["outlet", "outlet", "quoted", "paraphrase", "paraphrase"]
    assert derived["statement_id"].fillna("-").tolist() == ["-", "-", "iran-says", "iran-says", "-"]
    assert derived["voice_actor_id"].tolist() == ["the-outlet", "the-outlet", "iran", "iran", "iran"]


def test_the_innermost_statement_wins():
    inner = STATEMENTS.iloc[[0]].assign(
        statement_id="syria-will-win",
        speaker_id="someone",
        char_start=35,
        char_end=51,
        content_start=35,
        content_end=51,
    )
    inner.index = [11]
    derived = voice.derive(spans("Syria", "militants"), pd.concat([STATEMENTS, inner]), REPORTS, ARTICLES)
    assert derived["statement_id"].tolist() == ["syria-will-win", "iran-says"]
    assert derived["voice_actor_id"].tolist() == ["someone", "iran"]


def test_curated_voices_win_over_the_derivation():
    mentions = spans("militants", "Syria", "Militants").assign(_voice=[None, "paraphrase", None], _statement=None)
    mentions.loc[11, "_statement"] = "iran-says"
    passages = pd.DataFrame(
        {"article_id": ["a"], "char_start": [82], "char_end": [91], "voice": ["outlet"], "statement": [None]}
    )
    derived = voice.derive(mentions, STATEMENTS, REPORTS, ARTICLES)
    curated = voice.overridden(derived, mentions, passages, STATEMENTS, ARTICLES)
    assert curated["voice"].tolist() == ["outlet", "paraphrase", "outlet"]
    assert curated["voice_actor_id"].tolist() == ["the-outlet", "iran", "the-outlet"]
    assert pd.isna(curated.loc[12, "statement_id"])


def test_a_passage_gives_its_statement_and_the_innermost_passage_wins():
    mentions = spans("militants", "Syria", "Militants").assign(_voice=None, _statement=None)
    passages = pd.DataFrame(
        {
            "article_id": ["a", "a"],
            "char_start": [0, TEXT.index("Syria")],
            "char_end": [len(TEXT), TEXT.index("Syria") + 5],
            "voice": ["paraphrase", "outlet"],
            "statement": ["iran-says", None],
        },
        index=[4, 9],
    )
    derived = voice.derive(mentions, STATEMENTS, REPORTS, ARTICLES)
    curated = voice.overridden(derived, mentions, passages, STATEMENTS, ARTICLES)
    assert curated["voice"].tolist() == ["paraphrase", "outlet", "paraphrase"]
    assert curated["statement_id"].fillna("-").tolist() == ["iran-says", "-", "iran-says"]
    assert curated["voice_actor_id"].tolist() == ["iran", "the-outlet", "iran"]


def test_a_speakers_voice_without_a_known_statement_is_not_applied():
    """Such an override is reported by the build (override_problems); the derivation stands meanwhile."""
    mentions = spans("militants", "Militants").assign(_voice=["quoted", None], _statement=["nobody", None])
    derived = voice.derive(mentions, STATEMENTS, REPORTS, ARTICLES)
    curated = voice.overridden(derived, mentions, STATEMENTS.iloc[[]].assign(voice=None, statement=None),
                               STATEMENTS, ARTICLES)  # fmt: skip
    assert curated["voice"].tolist() == ["outlet", "paraphrase"]
    assert curated["statement_id"].isna().all()


def test_the_innermost_attributed_report_wins_and_other_columns_may_be_null():
    inner = pd.DataFrame(
        {"article_id": ["a"], "char_start": [TEXT.index("Tehran")], "char_end": [len(TEXT)], "attributed_to": ["x"]},
        index=[2],
    )
    reports = pd.concat([REPORTS, inner]).assign(notes=None)
    derived = voice.derive(spans("Militants", "Tehran"), STATEMENTS, reports, ARTICLES)
    assert derived["voice_actor_id"].tolist() == ["iran", "x"]
    assert derived["voice"].tolist() == ["paraphrase", "paraphrase"]


def test_single_quotes_end_at_a_closing_mark_not_at_an_apostrophe():
    text = "He said ‘the regime’s failures are clear’ and ‘no more’."
    found = voice.quotation_segments(pd.DataFrame({"article_id": ["b"], "text": [text]}))
    assert [text[s:e] for s, e in zip(found["q_start"], found["q_end"], strict=True)] == [
        "‘the regime’s failures are clear’",
        "‘no more’",
    ]


@pytest.fixture(scope="module")
def package():
    return {
        name: syria_offensive.load(name, path="datasets")
        for name in ("mentions", "place_mentions", "statements", "articles")
    }


def _at(frame: pd.DataFrame, article: str, text: str) -> pd.DataFrame:
    return frame[(frame["article_id"] == article) & (frame["text"] == text)]


def test_real_rows(package):
    m = package["mentions"]
    # Kayhan's own relative clause inside the frame of Iran's statement: the outlet's words, not Iran's
    takfiri = _at(m, "kayhan-takfiri-resurgence", "takfiri terrorists")
    first = takfiri.sort_values("char_start").iloc[0]
    statement = package["statements"].set_index("statement_id").loc["kayhan-iran-reiterates-support"]
    assert statement["char_start"] <= first["char_start"] < statement["char_end"]
    assert (first["voice"], first["voice_actor_id"]) == ("outlet", "kayhan-international")
    # "Syria" in the same statement's content is Iran's, paraphrased
    syria = _at(m, "kayhan-takfiri-resurgence", "Syria").sort_values("char_start").iloc[0]
    assert (syria["voice"], syria["statement_id"], syria["voice_actor_id"]) == (
        "paraphrase",
        "kayhan-iran-reiterates-support",
        "iran",
    )
    # the Levant frame "Amid sudden military developments ... armed groups on Aleppo" is the outlet's
    armed = _at(m, "levant-iranian-advisors", "armed groups").sort_values("char_start").iloc[0]
    assert armed["voice"] == "outlet"
    # Jeffrey's quoted words
    asset = _at(m, "obasanjonews-iran-accuses-us-israel", "an asset").iloc[0]
    assert (asset["voice"], asset["voice_actor_id"]) == ("quoted", "james-jeffrey")


def test_every_mention_has_a_voice(package):
    for name in ("mentions", "place_mentions"):
        frame = package[name]
        assert frame["voice"].notna().all() and frame["voice_actor_id"].notna().all()
        assert frame.loc[frame["voice"] == "outlet", "statement_id"].isna().all()
        outlets = frame["article_id"].map(package["articles"].set_index("article_id")["outlet_actor_id"])
        assert outlets.notna().all()
        assert (frame["voice_actor_id"] == outlets).eq(frame["voice"] == "outlet").all()


# --- the build: curated content and overrides, each with a failing example on the fixture ---------------------


def _built(mini) -> dict[str, pd.DataFrame]:
    return assemble(mini / "curation", mini / "sources", releases_dir=mini / "no-releases")


def test_content_outside_the_quote_is_an_error(mini):
    edit(mini, ARTICLE, 'content: "it supports Syria"', 'content: "it supports Iraq"')
    problems, _ = run(mini)
    assert problems == [
        "curation/articles/mini-article.yaml:3: mini-iran-supports-syria: content is not inside the statement's "
        "quote (got 'it supports Iraq', expected a verbatim part of `quote`)"
    ]


def test_a_speaker_statement_without_content_is_an_error(mini):
    edit(mini, ARTICLE, '    content: "it supports Syria"\n', "")
    problems, _ = run(mini)
    assert problems == [
        "curation/articles/mini-article.yaml:3: mini-iran-supports-syria: content: is missing — a statement by a "
        "speaker other than the outlet needs content: quoting the speaker's words from its quote, without the "
        "outlet's frame (curation/README.md, Voice)"
    ]


def test_overlapping_statements_fail_the_build(mini):
    edit(mini, ARTICLE, 'quote: "“We stand with Syria,” Araghchi said."', 'quote: "it supports Syria. “We stand"')
    edit(mini, ARTICLE, 'content: "“We stand with Syria,”"', 'content: "“We stand"')
    problems, _ = run(mini)
    assert len(problems) == 1 and "span overlaps statement mini-iran-supports-syria (10-48)" in problems[0], problems


def test_a_voices_passage_and_a_label_voice_override_the_derivation(mini):
    edit(
        mini, ARTICLE, '{actor: syria-army, quote: "the army"}', '{actor: syria-army, quote: "the army", voice: outlet}'
    )
    voices = (  # (a speaker's voice lies in the statement's content: "it supports Syria")
        'voices:\n  - quote: "supports Syria"\n    voice: quoted\n    statement: mini-iran-supports-syria\n'
        '    notes: "test"\n'
    )
    (mini / ARTICLE).write_text((mini / ARTICLE).read_text(encoding="utf-8") + voices, encoding="utf-8")
    frames = _built(mini)
    m = frames["mentions"].set_index("char_start")
    assert m.loc[129, ["text", "voice", "voice_actor_id"]].tolist() == ["the army", "outlet", "test-outlet"]
    assert m.loc[42, ["text", "voice", "statement_id", "voice_actor_id"]].tolist() == [
        "Syria",
        "quoted",
        "mini-iran-supports-syria",
        "iran",
    ]


@pytest.mark.parametrize(
    ("voices", "expected"),
    [
        (
            '  - quote: "people were killed"\n    voice: outlet\n',
            "curation/articles/mini-article.yaml:36: voices passage holds no mention (got 'people were killed', "
            "expected a passage around a name or place mention)",
        ),
        (
            '  - quote: "Iran on Friday"\n    voice: quoted\n',
            "curation/articles/mini-article.yaml:36: voices passage: a speaker's voice (quoted, paraphrase) needs "
            "`statement:` (got 'Iran on Friday')",
        ),
    ],
)
def test_a_voices_passage_must_say_something(mini, voices, expected):
    (mini / ARTICLE).write_text((mini / ARTICLE).read_text(encoding="utf-8") + "voices:\n" + voices, encoding="utf-8")
    problems, _ = run(mini)
    assert problems == [expected]


def test_a_voices_passage_names_a_statement_of_its_article(mini):
    voices = '  - quote: "Iran on Friday"\n    voice: quoted\n    statement: mini-iran-says\n'
    (mini / ARTICLE).write_text((mini / ARTICLE).read_text(encoding="utf-8") + "voices:\n" + voices, encoding="utf-8")
    problems, _ = run(mini)
    assert problems == [
        "curation/articles/mini-article.yaml:36: voices passage: `statement:` names no statement of "
        "this article (got 'mini-iran-says')"
    ]


def test_an_unknown_speaker_is_reported_once_not_again_as_the_voice_of_its_mentions(mini):
    edit(mini, ARTICLE, "speaker: iran\n", "speaker: nobody\n")
    problems, _ = run(mini)
    assert problems == [
        "curation/articles/mini-article.yaml:3: mini-iran-supports-syria: speaker: names no actor in "
        "curation/actors.yaml (correct the ID, or declare it there) (got 'nobody')"
    ]
