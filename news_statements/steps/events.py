"""Step: the events and their actors. Each event's start and end are resolved from their own curated specs
(with their own basis), so that "end unknown" stays null instead of borrowing the start."""

from __future__ import annotations

import pandas as pd

from news_statements import curation as cur
from news_statements.problems import Problem, from_rows
from news_statements.steps.frames import date_problems, join_notes, labelled, pick, plover
from news_statements.transforms import dates

# Event types that last one day by their nature; other events have an end date only when curated (`end:`).
ONE_DAY_EVENTS = ["phone_call", "press_briefing", "interview"]


def _event_bound(e: pd.DataFrame, key: str, articles: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    """Resolve the curated `date:` (key "date", the start) or `end:` (key "end") spec of every event."""
    specs = e[[f"{key}_{k}" for k in cur.DATE_SPEC]].rename(columns=lambda c: "date_" + c.removeprefix(f"{key}_"))
    specs = specs.join(e[["id", "_file", "_line"]])
    given = specs[[c for c in specs if c.startswith("date_")]].notna().any(axis=1)
    anchor = specs["date_article"]
    missing_anchor = specs["date_relative"].notna() & anchor.isna()
    problems += from_rows(
        specs[missing_anchor],
        f"a relative event {'end' if key == 'end' else 'date'} must name its `article`",
        "date_relative",
        expected=f"{key}: {{relative: ..., article: <article_id>}}",
    )
    resolved = dates.resolve(
        specs,
        pick(anchor, articles, "article_id", "published_date_min"),
        pick(anchor, articles, "article_id", "published_date_max"),
    )
    ok = ~missing_anchor & given
    problems += date_problems(specs[ok], resolved[ok], "event" if key == "date" else "event end")
    # no `end:` -> every end column null (not even basis "unknown"): the articles give no end
    return resolved.assign(note=specs["date_note"])


def run(
    frames: dict[str, pd.DataFrame], articles: pd.DataFrame, problems: list[Problem]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """events and event_actors. An event without `end:` has no end (ongoing or unknown), except the one-day
    types, which end on their start."""
    e = frames["events"]
    start = _event_bound(e, "date", articles, problems)
    end = _event_bound(e, "end", articles, problems)
    one_day = e["type"].isin(ONE_DAY_EVENTS) & end["date_basis"].isna()
    end = end.mask(one_day, start)
    events = pd.DataFrame(
        {
            "event_id": e["id"],
            "event_type": e["type"],
            "cameo": e["cameo"],
            "plover": plover(e["cameo"]),
            "start_date": start["date"],
            "start_min": start["date_min"],
            "start_max": start["date_max"],
            "start_basis": start["date_basis"],
            "end_date": end["date"],
            "end_min": end["date_min"],
            "end_max": end["date_max"],
            "end_basis": end["date_basis"],
            "place_id": e["place"],
            "title": e["title"],
            "description": e["description"],
            "notes": join_notes(
                e["notes"],
                labelled("Date", start["note"]),
                labelled("Date resolved from", start["date_text"]),
                labelled("End", end["note"].mask(one_day)),
                labelled("End resolved from", end["date_text"].mask(one_day)),
            ),
            "_file": e["_file"],
            "_line": e["_line"],
        }
    )
    ea = frames["event_actors"]
    event_actors = pd.DataFrame(
        {
            "event_id": ea["event_id"],
            "actor_id": ea["actor"],
            "role": ea["role"],
            "_file": ea["_file"],
            "_line": ea["_line"],
        }
    )
    return events, event_actors
