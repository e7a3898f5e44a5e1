"""Step: the mentions (every actor alias found in the texts, plus the curated labels) and the place mentions,
so that researchers can compare how each outlet names each actor and place. A country name that locates
("in northwest Syria") is a place mention, not a mention of the state. Their voice is the next step's job."""

from __future__ import annotations

import pandas as pd

from news_statements.problems import Problem
from news_statements.steps.frames import located
from news_statements.transforms import aliases as alias_matcher


def _actor_names(articles: pd.DataFrame, actor_aliases: pd.DataFrame, place_aliases: pd.DataFrame) -> pd.DataFrame:
    """Actor name mentions, less the country names that locate ("in northwest Syria"): those are places."""
    texts = articles[["article_id", "text"]].dropna()
    names = alias_matcher.match(texts, actor_aliases.drop_duplicates("alias"))
    as_place = names["text"].isin(place_aliases["alias"]) & alias_matcher.locating(texts, names)
    return names[~as_place].reset_index(drop=True)


def _place_mentions(frames: dict[str, pd.DataFrame], articles: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Every place name in the texts, except a country name the actor rule kept as a state (same span)."""
    texts = articles[["article_id", "text"]].dropna()
    places = alias_matcher.match(texts, frames["place_aliases"].drop_duplicates("alias"), key="place_id")
    states = mentions.loc[mentions["kind"] == "name", ["article_id", "char_start", "char_end"]].assign(_state=True)
    places = places.merge(states, on=["article_id", "char_start", "char_end"], how="left")
    places = places[places["_state"].isna()]
    columns = ["article_id", "char_start", "place_id", "text", "char_end"]
    places = places[columns].sort_values(["article_id", "char_start"]).reset_index(drop=True)
    return places.assign(_file=None, _line=None)


def run(
    frames: dict[str, pd.DataFrame], articles: pd.DataFrame, actor_aliases: pd.DataFrame, problems: list[Problem]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """mentions (names, then labels, with the labels' curated voice kept aside) and place_mentions."""
    found = located(frames["labels"], articles, problems, "label", id_column="actor")
    labels = pd.DataFrame(
        {
            "article_id": found["article_id"],
            "char_start": found["char_start"],
            "actor_id": found["actor"],
            "text": found["text"],
            "char_end": found["char_end"],
            "kind": "label",
            "_voice": found["voice"],
            "_statement": found["statement"],
            "_file": found["_file"],
            "_line": found["_line"],
        }
    )
    names = _actor_names(articles, actor_aliases, frames["place_aliases"])
    names = names.assign(_file=None, _line=None)
    mentions = pd.concat([names, labels], ignore_index=True)
    return mentions, _place_mentions(frames, articles, mentions)
