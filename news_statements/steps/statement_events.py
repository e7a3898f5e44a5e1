"""Step: what each statement is about (statement_events): the events it accuses someone of, condemns, supports,
denies, gives an account of or otherwise concerns, each located by the curated words inside the statement's span
(statements.event_id stays the occasion)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from news_statements.problems import Problem, from_rows
from news_statements.transforms import spans


def run(frames: dict[str, pd.DataFrame], statements: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    """statement_events. The `quote` of an `about:` entry must occur exactly once in its statement's quote: the
    evidence lies inside the statement (rule statement_event_evidence checks it in any copy)."""
    about = frames["about"]
    # a statement that could not be located was reported already: its `about:` entries are left out
    about = about[about["statement_id"].isin(statements["statement_id"])]
    located = statements.set_index("statement_id").loc[about["statement_id"], ["article_id", "text", "char_start"]]
    located.index = about.index
    quote, within = spans._arr(about["quote"]), spans._arr(located["text"])
    count = np.strings.count(within, quote)
    first = np.strings.find(within, quote)
    shown = about.assign(id=about["statement_id"])
    problems += from_rows(
        shown[count == 0], "about: quote is not inside the statement's quote", "quote", "a verbatim part of `quote`"
    )
    problems += from_rows(
        shown[count > 1], "about: quote occurs several times in the statement's quote", "quote", "a longer passage"
    )
    ok = count == 1
    start = located["char_start"] + pd.array(first, dtype="Int64")
    rows = pd.DataFrame(
        {
            "statement_id": about["statement_id"],
            "event_id": about["event"],
            "relation": about["relation"],
            "accused_id": about["accused"],
            "article_id": located["article_id"],
            "char_start": start,
            "text": about["quote"],
            "char_end": start + pd.array(np.strings.str_len(quote), dtype="Int64"),
            "notes": about["notes"],
            "_file": about["_file"],
            "_line": about["_line"],
        }
    )
    return rows[ok]
