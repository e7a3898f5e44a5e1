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


def match(articles: pd.DataFrame, aliases: pd.DataFrame) -> pd.DataFrame:
    """articles: article_id, text; aliases: actor_id, alias (unique alias). -> mentions of kind `name`."""
    columns = ["article_id", "char_start", "actor_id", "text", "char_end", "kind"]
    if aliases.empty or articles.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    pattern = alias_pattern(aliases["alias"])
    found = (
        articles.set_index("article_id")["text"]
        .map(lambda text: [(m.start(), m.group()) for m in pattern.finditer(text)])  # one scan per article
        .explode()
        .dropna()
    )
    if found.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    hits = pd.DataFrame(found.tolist(), columns=["char_start", "text"], index=found.index).reset_index()
    hits = hits.merge(aliases[["alias", "actor_id"]], left_on="text", right_on="alias").drop(columns="alias")
    hits["char_end"] = hits["char_start"] + hits["text"].str.len()
    hits["kind"] = "name"
    return hits[columns]
