"""Step: the mentions (every actor alias found in the texts, plus the curated labels) and the place mentions,
so that researchers can compare how each outlet names each actor and place. A country name that locates
("in northwest Syria") is a place mention, not a mention of the state. Their voice is the next step's job."""

from __future__ import annotations

import pandas as pd

from news_statements.problems import Problem, from_rows
from news_statements.steps.frames import located
from news_statements.transforms import aliases as alias_matcher


def _actor_names(articles: pd.DataFrame, actor_aliases: pd.DataFrame, place_aliases: pd.DataFrame) -> pd.DataFrame:
    """Actor name mentions, less the country names that locate ("in northwest Syria"): those are places."""
    texts = articles[["article_id", "text"]].dropna()
    names = alias_matcher.match(texts, actor_aliases.drop_duplicates("alias"))
    as_place = names["text"].isin(place_aliases["alias"]) & alias_matcher.locating(texts, names)
    return names[~as_place].reset_index(drop=True)


def _chosen_places(
    places: pd.DataFrame, frames: dict[str, pd.DataFrame], articles: pd.DataFrame, problems: list[Problem]
) -> pd.DataFrame:
    """The place mentions with the curated `places:` choices applied: at one occurrence of an ambiguous place
    alias, the place it names ("Aleppo" in "Aleppo and Idlib provinces" is the governorate, not the city). An
    entry must quote exactly one place mention and name a known place other than the one its alias gives."""
    choices = located(frames["place_choices"], articles, problems, "places entry", id_column="place")
    keys = ["article_id", "char_start", "char_end"]
    found = choices.reset_index().merge(places[[*keys, "place_id"]], on=keys, how="left")
    unknown = ~found["place"].isin(frames["places"]["id"])
    no_mention = ~unknown & found["place_id"].isna()
    same = ~unknown & (found["place_id"] == found["place"])
    twice = found.duplicated(keys, keep="first") & ~(unknown | no_mention)
    for bad, message, value, expected in (
        (unknown, "places entry: `place:` names no place of places.yaml", "place", "a place id of places.yaml"),
        (no_mention, "places entry matches no place mention", "quote", "the quote of exactly one place name"),
        (same, "places entry names the place its alias already gives", "place", "another place, or no entry"),
        (twice, "places entry: a second entry for the same place mention", "quote", "one entry per place mention"),
    ):
        problems += from_rows(found[bad.to_numpy()], message, value, expected=expected, id_column="place")
    ok = found[~(unknown | no_mention | same | twice).to_numpy()].set_index(keys)["place"]
    at = pd.MultiIndex.from_frame(places[keys])
    chosen = ok.reindex(at)
    return places.assign(place_id=chosen.fillna(pd.Series(places["place_id"].to_numpy(), index=at)).to_numpy())


def _place_mentions(
    frames: dict[str, pd.DataFrame], articles: pd.DataFrame, mentions: pd.DataFrame, problems: list[Problem]
) -> pd.DataFrame:
    """Every place name in the texts, except a country name the actor rule kept as a state (same span), with
    the curated choice of place where an alias is ambiguous (`places:`)."""
    texts = articles[["article_id", "text"]].dropna()
    places = alias_matcher.match(texts, frames["place_aliases"].drop_duplicates("alias"), key="place_id")
    states = mentions.loc[mentions["kind"] == "name", ["article_id", "char_start", "char_end"]].assign(_state=True)
    places = places.merge(states, on=["article_id", "char_start", "char_end"], how="left")
    places = places[places["_state"].isna()]
    columns = ["article_id", "char_start", "place_id", "text", "char_end"]
    places = places[columns].sort_values(["article_id", "char_start"]).reset_index(drop=True)
    places = _chosen_places(places, frames, articles, problems)
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
    return mentions, _place_mentions(frames, articles, mentions, problems)
