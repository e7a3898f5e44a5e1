"""Step: the figures, numbers as claimed, located in their article, with the bounds of the count they claim
derived from value and qualifier by one rule (transforms/figures.py), so that hedges can be compared."""

from __future__ import annotations

import pandas as pd

from news_statements.problems import Problem, from_rows
from news_statements.steps.frames import located
from news_statements.transforms import figures as figure_bounds


def run(frames: dict[str, pd.DataFrame], articles: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    """figures."""
    found = located(frames["figures"], articles, problems, "figure")
    bounds = figure_bounds.bounds(found)
    bad = bounds["bounds_error"].notna()
    problems += from_rows(
        found[bad].assign(_why=bounds.loc[bad, "bounds_error"]),
        "figure bounds: ",
        "qualifier",
        expected="value, low and high as curation/README.md 'Figures' says for this qualifier",
        reason_column="_why",
    )
    return pd.DataFrame(
        {
            "figure_id": found["id"],
            "article_id": found["article_id"],
            "text": found["text"],
            "char_start": found["char_start"],
            "char_end": found["char_end"],
            "value": found["value"],
            "low": bounds["low"],
            "high": bounds["high"],
            "qualifier": found["qualifier"],
            "measure": found["measure"],
            "counted_actor_id": found["counted"],
            "claimed_by": found["claimed_by"],
            "event_id": found["event"],
            "statement_id": found["statement"],
            "count_id": found["count"],
            "notes": found["notes"],
            "_file": found["_file"],
            "_line": found["_line"],
        }
    )
