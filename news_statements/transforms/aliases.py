"""The alias matcher: find every name mention of every actor in the article texts.

Aliases are matched case-sensitively as whole words (no word character on either side, so "Iran’s"
yields "Iran" but "Iranian" yields nothing), longest alias first at each position, left to right without
overlaps: "Hayat Tahrir al-Sham" wins over "Tahrir al-Sham" inside it. One compiled alternation per
corpus; the regex engine scans each text once.
"""

from __future__ import annotations

import re

import pandas as pd


def alias_pattern(aliases: pd.Series) -> re.Pattern[str]:
    ordered = sorted(set(aliases), key=lambda a: (-len(a), a))
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in ordered) + r")(?!\w)")


def scan(articles: pd.DataFrame, pattern: re.Pattern[str]) -> pd.DataFrame:
    """Every match of `pattern` in every article: article_id, char_start, char_end, text (one scan per text).

    Built from plain lists rather than Series.map + explode: with Arrow-backed strings, a corpus without a
    single match would explode a list<null> column, which pyarrow cannot do.
    """
    found = [
        (article_id, m.start(), m.end(), m.group())
        for article_id, text in zip(articles["article_id"].tolist(), articles["text"].tolist(), strict=True)
        if isinstance(text, str)
        for m in pattern.finditer(text)
    ]
    return pd.DataFrame(found, columns=["article_id", "char_start", "char_end", "text"]).astype(
        {"char_start": "int64", "char_end": "int64"}
    )


def match(articles: pd.DataFrame, aliases: pd.DataFrame, key: str = "actor_id") -> pd.DataFrame:
    """articles: article_id, text; aliases: `key`, alias (unique alias). -> mentions of kind `name`."""
    columns = ["article_id", "char_start", key, "text", "char_end", "kind"]
    if aliases.empty or articles.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    hits = scan(articles, alias_pattern(aliases["alias"]))
    hits = hits.merge(aliases[["alias", key]], left_on="text", right_on="alias").drop(columns="alias")
    hits["kind"] = "name"
    return hits[columns]


# Words that, right before a name, make it a location: "in Syria", "across Syria", "in neighboring Lebanon",
# "northern Syria", "the northwest of Syria", "the northwestern regions of Syria", "the border with Turkey",
# "visiting Türkiye", and a journey's destination, "leaving for Damascus" (but "support for Damascus" is the
# state). The same rule decides for a capital that is also an alias of its state ("Damascus", "Ankara"). The
# rule and its reasons: curation/README.md, "Countries: actor or place" and "Capitals: state or city".
_DIRECTION = r"(?:north|south|east|west)\w*"
_JOURNEY = r"(?:leav(?:e|es|ing)|left|head(?:s|ed|ing)?|bound|depart(?:s|ed|ing)?)\s+for"
LOCATING = re.compile(
    r"(?:\b(?:in|across|within|throughout|visiting|based in|border with|" + _JOURNEY + r")\s+"
    r"(?:" + _DIRECTION + r"\s+|neighbou?ring\s+)?"
    r"|\b" + _DIRECTION + r"\s+(?:(?:regions?|parts?|areas?)\s+)?of\s+"
    r"|\b" + _DIRECTION + r"\s+)$",
    re.IGNORECASE,
)


def locating(articles: pd.DataFrame, hits: pd.DataFrame) -> pd.Series:
    """True where the words just before a hit place it (LOCATING): such a country or capital name is a place,
    not a state."""
    texts = articles.drop_duplicates("article_id").set_index("article_id")["text"]
    before = [texts[a][max(0, s - 40) : s] for a, s in zip(hits["article_id"], hits["char_start"], strict=True)]
    return pd.Series(before, index=hits.index, dtype="object").str.contains(LOCATING).astype(bool)
