"""Step: the voice of every mention and place mention (the outlet's own words, a speaker's quoted words, or
the outlet's paraphrase of a speaker), derived from the statements' content and the quotation marks
(transforms/voice.py), then the curators' overrides where the text decides (labels' `voice:`, `voices:`)."""

from __future__ import annotations

import pandas as pd

from news_statements.problems import Problem, from_rows
from news_statements.steps.frames import located
from news_statements.transforms import voice


def _override_problems(
    labels: pd.DataFrame, passages: pd.DataFrame, spans_frames: list[pd.DataFrame], statements: pd.DataFrame
) -> list[Problem]:
    """A curated voice names a statement exactly when it is a speaker's (quoted, paraphrase); a label's
    `statement:` needs its `voice:`; a `voices:` passage names a statement of its article (a label's statement
    is a foreign key of its mention rows) and holds some mention (else it overrides nothing)."""
    problems: list[Problem] = []
    for rows, what in ((labels, "label"), (passages, "voices passage")):
        speaker = rows["voice"].notna() & (rows["voice"] != "outlet")
        checks = [
            (speaker & rows["statement"].isna(), "a speaker's voice (quoted, paraphrase) needs `statement:`"),
            ((rows["voice"] == "outlet") & rows["statement"].notna(), "voice outlet takes no `statement:`"),
            (rows["voice"].isna() & rows["statement"].notna(), "`statement:` needs `voice:`"),
        ]
        for bad, message in checks:
            problems += from_rows(rows[bad.fillna(False)], f"{what}: {message}", "quote", id_column="statement")
    known = pd.MultiIndex.from_frame(statements[["statement_id", "article_id"]].astype(object))
    named = pd.MultiIndex.from_frame(passages[["statement", "article_id"]].astype(object))
    unknown = passages["statement"].notna().to_numpy() & ~named.isin(known)
    problems += from_rows(
        passages[unknown], "voices passage: `statement:` names no statement of this article", "statement"
    )
    spans_all = pd.concat([frame[["article_id", "char_start", "char_end"]] for frame in spans_frames])
    pairs = passages.reset_index().merge(spans_all, on="article_id", suffixes=("", "_m"))
    inside = (pairs["char_start"] <= pairs["char_start_m"]) & (pairs["char_end_m"] <= pairs["char_end"])
    empty = passages[~passages.index.isin(pairs.loc[inside, "index"])]
    problems += from_rows(empty, "voices passage holds no mention", "quote", "a passage around a name or place mention")
    return problems


def _with_voice(
    spans_frame: pd.DataFrame,
    passages: pd.DataFrame,
    statements: pd.DataFrame,
    reports: pd.DataFrame,
    articles: pd.DataFrame,
) -> pd.DataFrame:
    """Mentions (or place mentions) with voice, statement_id and voice_actor_id (transforms/voice.py)."""
    derived = voice.derive(spans_frame, statements, reports, articles)
    curated = voice.overridden(derived, spans_frame, passages, statements, articles)
    return spans_frame.drop(columns=["_voice", "_statement"], errors="ignore").assign(**curated)


def run(
    frames: dict[str, pd.DataFrame],
    articles: pd.DataFrame,
    statements: pd.DataFrame,
    reports: pd.DataFrame,
    mentions: pd.DataFrame,
    place_mentions: pd.DataFrame,
    problems: list[Problem],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """mentions and place_mentions with their voice columns."""
    passages = located(frames["voices"], articles, problems, "voice override", id_column="statement")
    problems += _override_problems(frames["labels"], passages, [mentions, place_mentions], statements)
    return (
        _with_voice(mentions, passages, statements, reports, articles),
        _with_voice(place_mentions, passages, statements, reports, articles),
    )
