"""Step: the event reports, each article's account of an event, located in its text (with the actor the
article credits for it, if any)."""

from __future__ import annotations

import pandas as pd

from news_statements.problems import Problem
from news_statements.steps.frames import located


def run(frames: dict[str, pd.DataFrame], articles: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    """event_reports."""
    found = located(frames["event_reports"], articles, problems, "event report", id_column="event")
    return pd.DataFrame(
        {
            "event_id": found["event"],
            "article_id": found["article_id"],
            "char_start": found["char_start"],
            "text": found["text"],
            "char_end": found["char_end"],
            "attributed_to": found["attributed_to"],
            "notes": found["notes"],
            "_file": found["_file"],
            "_line": found["_line"],
        }
    )
