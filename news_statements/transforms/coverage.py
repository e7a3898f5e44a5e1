"""The coverage report: every capitalised word of every article, and what it was resolved to.

A capitalised word is resolved when it lies inside a curated label, a name mention (an actor alias) or a
place name (a place alias), in that order of precedence, or when the word itself is listed in
curation/not_entities.yaml with a reason ("Tuesday": a weekday). Anything else is unresolved, and the build
fails on it: completeness is checked, not trusted.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from news_statements.transforms.aliases import match, scan

CAPITALISED = re.compile(r"(?<![\w’'-])[A-Z][\w’'-]*")
COLUMNS = ["article_id", "char_start", "char_end", "word", "resolved_as", "resolved_to"]


def capitalised_words(articles: pd.DataFrame) -> pd.DataFrame:
    return scan(articles, CAPITALISED).rename(columns={"text": "word"})


def _covered_by(words: pd.DataFrame, spans: pd.DataFrame, label: str, target: str) -> pd.DataFrame:
    """For each word, the first span (sorted by start) of the same article that contains the word's start."""
    out = pd.DataFrame(
        {
            "resolved_as": pd.Series(pd.NA, index=words.index, dtype="string"),
            "resolved_to": pd.Series(pd.NA, index=words.index, dtype="string"),
        }
    )
    if spans.empty or words.empty:
        return out
    merged = words.reset_index().merge(spans, on="article_id", suffixes=("", "_span"))
    inside = (merged["char_start_span"] <= merged["char_start"]) & (merged["char_start"] < merged["char_end_span"])
    hits = merged[inside].sort_values(["index", "char_start_span"]).drop_duplicates("index").set_index("index")
    out.loc[hits.index, "resolved_as"] = label
    out.loc[hits.index, "resolved_to"] = hits[target].astype("string")
    return out


def report(
    articles: pd.DataFrame,
    mentions: pd.DataFrame,
    place_aliases: pd.DataFrame,
    not_entities: pd.DataFrame,
    place_mentions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every capitalised word with resolved_as (actor | label | place | not_entity | unresolved). With the
    built `place_mentions`, a place is the one they name (a curated `places:` choice included); without them
    (a draft), the place its alias gives."""
    words = capitalised_words(articles[["article_id", "text"]])
    if place_mentions is None:
        places = match(articles[["article_id", "text"]], place_aliases.rename(columns={"place_id": "actor_id"}))
    else:
        places = place_mentions.rename(columns={"place_id": "actor_id"})
    names = mentions[mentions["kind"] == "name"]
    labels = mentions[mentions["kind"] == "label"]
    result = words.assign(
        resolved_as=pd.Series(pd.NA, index=words.index, dtype="string"),
        resolved_to=pd.Series(pd.NA, index=words.index, dtype="string"),
    )
    # A label is curated for one occurrence, so it wins over the alias matchers ("Damascus" meaning the state).
    for spans, label in ((labels, "label"), (names, "actor"), (places, "place")):
        found = _covered_by(words, spans[["article_id", "char_start", "char_end", "actor_id"]], label, "actor_id")
        fill = result["resolved_as"].isna() & found["resolved_as"].notna()
        result.loc[fill, ["resolved_as", "resolved_to"]] = found.loc[fill, ["resolved_as", "resolved_to"]]
    reasons = not_entities.drop_duplicates("text").set_index("text")["reason"]
    listed = result["resolved_as"].isna() & result["word"].isin(reasons.index)
    result.loc[listed, "resolved_as"] = "not_entity"
    result.loc[listed, "resolved_to"] = result.loc[listed, "word"].map(reasons)
    result["resolved_as"] = result["resolved_as"].fillna("unresolved")
    return result[COLUMNS].sort_values(["article_id", "char_start"]).reset_index(drop=True)


def unused_not_entities(not_entities: pd.DataFrame, coverage: pd.DataFrame) -> pd.DataFrame:
    """not_entities entries that resolve no word (stale entries hide nothing, but they mislead)."""
    used = coverage.loc[coverage["resolved_as"] == "not_entity", "word"].unique()
    return not_entities[~np.isin(not_entities["text"], used)]
