"""What the proposer knows besides the article: the curated names, places, labels and not_entities.

`held_out` is the leave-one-article-out view used to measure the proposer honestly: everything the held-out
article's curation taught is removed. An alias, a place alias or a not_entities word is kept only when it occurs
in the text of another curated article (a curator adds one while curating an article where it occurs, so one
that occurs only in the held-out text could only have been learned from it); labels are kept only from the
other articles' files; a person's description (the office held) only when a kept alias or label names them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
import yaml

from news_statements import curation as cur
from news_statements.paths import CURATION
from news_statements.problems import Problem


@dataclass(frozen=True)
class Reference:
    """The curated actors' aliases, the places' aliases, the not_entities words and the labels by article."""

    aliases: pd.DataFrame  # actor_id, alias
    place_aliases: pd.DataFrame  # place_id, alias
    not_entities: set[str]
    labels: pd.DataFrame  # actor_id, label, article_id
    states: frozenset[str] = frozenset()  # actors of type state (for "<state>-<body>" IDs)
    city_states: dict[str, str] = field(default_factory=dict)  # a city's alias -> its country's state actor
    roles: dict[str, str] = field(default_factory=dict)  # a person actor -> its description (the office held)


LABEL_COLUMNS = ["actor_id", "label", "article_id"]


def read_labels(articles_dir: Path) -> pd.DataFrame:
    """Every label (actor, quote) of every curated article file, with the article it comes from."""
    rows = []
    for path in sorted(articles_dir.glob("*.yaml")):  # one per curated article
        node = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for label in node.get("labels") or []:
            if isinstance(label, dict) and label.get("actor") and label.get("quote"):
                rows.append((str(label["actor"]), str(label["quote"]), str(node.get("article_id", path.stem))))
    return pd.DataFrame(rows, columns=LABEL_COLUMNS)


def read_reference(curation: Path = CURATION) -> Reference:
    problems: list[Problem] = []
    actors, aliases = cur.read_actors(problems, curation / "actors.yaml")
    place_rows, places = cur.read_places(problems, curation / "places.yaml")
    entities = cur.read_simple_list(problems, curation / "not_entities.yaml", "not_entity", ["text", "reason"])
    return Reference(
        aliases[["actor_id", "alias"]].reset_index(drop=True),
        places[["place_id", "alias"]].reset_index(drop=True),
        set(entities["text"]),
        read_labels(curation / "articles"),
        frozenset(actors.loc[actors["type"] == "state", "id"]),
        city_states(actors, place_rows, places),
        roles(actors),
    )


def roles(actors: pd.DataFrame) -> dict[str, str]:
    """A person actor -> its description, which names the office the person holds ("Chief of Staff of the Armed
    Forces of ..."): the holder of a title that an article gives without a name."""
    people = actors[(actors["type"] == "person") & actors["description"].notna()]
    return dict(zip(people["id"], people["description"].astype(str), strict=True))


def city_states(actors: pd.DataFrame, places: pd.DataFrame, aliases: pd.DataFrame) -> dict[str, str]:
    """A city's alias -> the state actor of its country ("Moscow said" is Russia speaking), from the places'
    and the states' ISO codes."""
    states = actors[actors["type"] == "state"].dropna(subset=["country"]).set_index("country")["id"]
    cities = places[places["type"] == "city"].set_index("id")["country"].map(states).dropna()
    found = aliases[aliases["place_id"].isin(cities.index)]
    return dict(zip(found["alias"], found["place_id"].map(cities), strict=True))


def occurs_in(word: str, texts: list[str]) -> bool:
    """True when `word` occurs as a whole word (case-sensitively, as the alias matcher finds it) in a text."""
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
    return any(pattern.search(text) for text in texts)


def held_out(reference: Reference, texts: dict[str, str], article_id: str) -> Reference:
    """The reference without anything learned from `article_id`'s curation (texts: article_id -> clean text)."""
    others = [text for other, text in texts.items() if other != article_id]
    known = reference.aliases["alias"].map(lambda alias: occurs_in(alias, others)).astype(bool)
    places = reference.place_aliases["alias"].map(lambda alias: occurs_in(alias, others)).astype(bool)
    labels = reference.labels[reference.labels["article_id"] != article_id].reset_index(drop=True)
    still_known = set(reference.aliases.loc[known, "actor_id"]) | set(labels["actor_id"])  # the others name them
    return replace(
        reference,
        aliases=reference.aliases[known].reset_index(drop=True),
        place_aliases=reference.place_aliases[places].reset_index(drop=True),
        not_entities={word for word in reference.not_entities if occurs_in(word, others)},
        city_states={city: state for city, state in reference.city_states.items() if occurs_in(city, others)},
        labels=labels,
        roles={person: role for person, role in reference.roles.items() if person in still_known},
    )


def label_actors(labels: pd.DataFrame) -> dict[str, str]:
    """Label text (first letter in lower case) -> actor, for labels of two words or more that name one actor
    wherever curated (a one-word label such as "Israeli" is an adjective; "his Syrian counterpart" names
    different people in different articles)."""
    if labels.empty:
        return {}
    lowered = labels.assign(key=labels["label"].str.strip().map(lambda text: text[:1].lower() + text[1:]))
    lowered = lowered[lowered["key"].str.contains(" ")]
    actors = lowered.groupby("key")["actor_id"].agg(lambda ids: sorted(set(ids)))
    return {key: ids[0] for key, ids in actors.items() if len(ids) == 1}
