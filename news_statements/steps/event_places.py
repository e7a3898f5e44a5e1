"""Step: every place an event touches (event_places), each with its role and the words of an article that name it
there, located in that article's text (events.place_id stays the main place)."""

from __future__ import annotations

import pandas as pd

from news_statements.problems import Problem
from news_statements.steps.frames import located


def run(frames: dict[str, pd.DataFrame], articles: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    """event_places."""
    found = located(frames["event_places"], articles, problems, "event place", id_column="event")
    return pd.DataFrame(
        {
            "event_id": found["event"],
            "place_id": found["place"],
            "role": found["role"],
            "article_id": found["article_id"],
            "char_start": found["char_start"],
            "text": found["text"],
            "char_end": found["char_end"],
            "notes": found["notes"],
            "_file": found["_file"],
            "_line": found["_line"],
        }
    )
