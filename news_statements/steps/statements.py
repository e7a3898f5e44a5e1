"""Step: the statements (located in their article, dated, with the speaker's words inside the span), their
targets, and every speaker of each (a joint statement has several)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from news_statements.problems import Problem, from_rows
from news_statements.steps.frames import date_problems, join_notes, labelled, located, pick, plover
from news_statements.transforms import dates, spans


def _content(found: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    """content_start/content_end: where the curated `content` (the speaker's words, without the outlet's frame)
    lies in the statement's span. It must occur exactly once in the quote; a statement of a speaker other than
    the outlet must have one, the outlet's own statements none (rule statement_content reports that, once)."""
    quote = spans._arr(found["text"])
    content = spans._arr(found["content"])
    has = found["content"].notna().to_numpy()
    first = np.strings.find(quote, content)
    last = np.strings.rfind(quote, content)
    checks = [
        (has & (first < 0), "content is not inside the statement's quote", "a verbatim part of `quote`"),
        (has & (first >= 0) & (first != last), "content occurs several times in the quote", "a longer passage"),
    ]
    shown = found.assign(content=found["content"].fillna("null"))
    for bad, message, expected in checks:
        problems += from_rows(shown[bad], message, "content", expected=expected)
    ok = has & (first >= 0) & (first == last)
    start = (found["char_start"] + pd.array(first, dtype="Int64")).where(ok)
    end = start + pd.array(np.strings.str_len(content), dtype="Int64")
    # a content that was not found is reported above; the whole span stands in (the build fails anyway), so that
    # the rule does not report the same statement a second time as having no content
    start, end = start.where(ok | ~has, found["char_start"]), end.where(ok | ~has, found["char_end"])
    return pd.DataFrame({"content_start": start, "content_end": end}, index=found.index)


def _speakers(statements: pd.DataFrame, joint: pd.DataFrame) -> pd.DataFrame:
    """Every speaker of every statement: the reported one, then the others of a joint statement.

    A count of acts of saying by speaker needs one row per (statement, speaker); statements.speaker_id alone
    would credit a joint statement ("the officials agreed") to its first-named speaker only.
    """
    reported = statements[["statement_id", "speaker_id", "_file", "_line"]].rename(columns={"speaker_id": "actor_id"})
    joint = joint[joint["statement_id"].isin(statements["statement_id"])]
    others = joint.rename(columns={"actor": "actor_id"})[["statement_id", "actor_id", "_file", "_line"]]
    return pd.concat([reported.assign(role="reported"), others.assign(role="joint")], ignore_index=True)[
        ["statement_id", "actor_id", "role", "_file", "_line"]
    ]


def run(
    frames: dict[str, pd.DataFrame], articles: pd.DataFrame, problems: list[Problem]
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """statements, statement_targets and statement_speakers."""
    found = located(frames["statements"], articles, problems, "statement")
    resolved = dates.resolve(
        found,
        pick(found["article_id"], articles, "article_id", "published_date_min"),
        pick(found["article_id"], articles, "article_id", "published_date_max"),
    )
    problems += date_problems(found, resolved, "statement")
    content = _content(found, problems)
    statements = pd.DataFrame(
        {
            "statement_id": found["id"],
            "article_id": found["article_id"],
            "speaker_id": found["speaker"],
            "date": resolved["date"],
            "date_min": resolved["date_min"],
            "date_max": resolved["date_max"],
            "date_basis": resolved["date_basis"],
            "date_text": resolved["date_text"],
            "mode": found["mode"],
            "nested_in": found["nested_in"],
            "cameo": found["cameo"],
            "plover": plover(found["cameo"]),
            "text": found["text"],
            "char_start": found["char_start"],
            "char_end": found["char_end"],
            "content_start": content["content_start"],
            "content_end": content["content_end"],
            "cited_via": found["cited_via"],
            "event_id": found["event"],
            "claim_id": found["claim"],
            "notes": join_notes(found["notes"], labelled("Date", found["date_note"])),
            "_file": found["_file"],
            "_line": found["_line"],
        }
    )
    t = frames["targets"]
    targets = pd.DataFrame(
        {
            "statement_id": t["statement_id"],
            "actor_id": t["actor"],
            "role": t["role"],
            "_file": t["_file"],
            "_line": t["_line"],
        }
    )
    return statements, targets, _speakers(statements, frames["joint_speakers"])
