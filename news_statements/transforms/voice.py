"""The voice of every mention: the outlet's own words, a speaker's quoted words, or the outlet's paraphrase.

A range join of mentions against whole statement spans would credit the outlet's frame ("General Baqeri
said", "Amid sudden military developments ... the Iranian Foreign Ministry emphasized") to the speaker. So
each statement of a speaker other than the outlet carries a curated `content` span (the speaker's words
inside the statement), and the derivation is:

- inside a quotation-mark segment (“...”, ‘...’, "...") within a non-outlet statement's content: `quoted`;
- inside such a content otherwise: `paraphrase`;
- in no statement at all but inside an event report `attributed_to` an actor: `quoted`/`paraphrase` of that
  actor, with no statement;
- anything else (frames, the outlet's own statements, narration): `outlet`.

When a mention lies in several contents (statements nested on purpose), the innermost (shortest span)
statement wins. Curated overrides (a label's `voice:`/`statement:`, an article's `voices:` passages) win over
the derivation. Everything is range joins on frames; the only loop is the quotation-mark scan, once per text.
"""

from __future__ import annotations

import re

import pandas as pd

# Quotation-mark segments. A closing ‘...’ quote is a ’ not followed by a letter ("regime’s" is an apostrophe);
# a plural possessive inside a single-quoted passage ("terrorists’ measures") ends it early: override the
# mentions after it with `voices:` (curation/README.md).
QUOTATION = re.compile(r"“[^”]*”|\"[^\"\n]*\"|‘.*?’(?!\w)", flags=re.S)
KEY = ["article_id", "char_start", "char_end"]


def quotation_segments(articles: pd.DataFrame) -> pd.DataFrame:
    """article_id, q_start, q_end of every quotation-mark segment (marks included), one regex scan per text."""
    found = [
        (article_id, m.start(), m.end())
        for article_id, text in zip(articles["article_id"].tolist(), articles["text"].tolist(), strict=True)
        if isinstance(text, str)
        for m in QUOTATION.finditer(text)
    ]
    return pd.DataFrame(found, columns=["article_id", "q_start", "q_end"]).astype(
        {"q_start": "int64", "q_end": "int64"}
    )


def _within(spans: pd.DataFrame, outer: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    """Rows of `spans` (with `_m`) joined to every row of `outer` on the same article that holds them."""
    pairs = spans[["_m", *KEY]].merge(outer, on="article_id")
    return pairs[(pairs[start] <= pairs["char_start"]) & (pairs["char_end"] <= pairs[end])]


def _innermost(pairs: pd.DataFrame, length: pd.Series) -> pd.DataFrame:
    """One row per mention: the holder with the shortest span (ties: the smallest id, for determinism)."""
    ranked = pairs.assign(_len=length).sort_values(["_m", "_len", "_id"], kind="stable")
    return ranked.drop_duplicates("_m").set_index("_m")


def derive(
    spans: pd.DataFrame,
    statements: pd.DataFrame,
    reports: pd.DataFrame,
    articles: pd.DataFrame,
) -> pd.DataFrame:
    """voice, statement_id, voice_actor_id for each row of `spans` (article_id, char_start, char_end), same index."""
    spans = spans.assign(_m=range(len(spans)))
    speakers = statements.dropna(subset=["content_start", "content_end"])
    contents = speakers[["article_id", "statement_id", "speaker_id", "char_start", "char_end"]].rename(
        columns={"char_start": "s_start", "char_end": "s_end", "statement_id": "_id"}
    )
    contents = contents.assign(c_start=speakers["content_start"], c_end=speakers["content_end"])
    held = _within(spans, contents, "c_start", "c_end")
    held = _innermost(held, held["s_end"] - held["s_start"])
    all_statements = statements[["article_id", "char_start", "char_end"]].rename(
        columns={"char_start": "s_start", "char_end": "s_end"}
    )
    in_statement = set(_within(spans, all_statements, "s_start", "s_end")["_m"])
    attributed = reports.dropna(subset=["attributed_to"]).rename(
        columns={"char_start": "r_start", "char_end": "r_end", "attributed_to": "_actor"}
    )[["article_id", "r_start", "r_end", "_actor"]]
    reported = _within(
        spans[~spans["_m"].isin(in_statement)], attributed.assign(_id=attributed["_actor"]), "r_start", "r_end"
    )
    reported = _innermost(reported, reported["r_end"] - reported["r_start"])
    quoted = set(_within(spans, quotation_segments(articles), "q_start", "q_end")["_m"])
    outlets = articles.drop_duplicates("article_id").set_index("article_id")["outlet_actor_id"]

    m = spans["_m"]
    statement_id = m.map(held["_id"])
    actor = m.map(held["speaker_id"]).astype("object").fillna(m.map(reported["_actor"]).astype("object"))
    voice = pd.Series("outlet", index=spans.index, dtype="object")
    voice[actor.notna()] = "paraphrase"
    voice[actor.notna() & m.isin(quoted)] = "quoted"
    return pd.DataFrame(
        {
            "voice": voice,
            "statement_id": statement_id.astype("object"),
            "voice_actor_id": actor.fillna(spans["article_id"].map(outlets)).astype("object"),
        },
        index=spans.index,
    )


def overridden(
    derived: pd.DataFrame, spans: pd.DataFrame, passages: pd.DataFrame, statements: pd.DataFrame, articles: pd.DataFrame
) -> pd.DataFrame:
    """`derived` with the curated voices applied: `spans` may carry `_voice`/`_statement` (a label's own), and
    `passages` (article_id, char_start, char_end, voice, statement) set the voice of every span inside them.

    A curated statement gives the speaker; a curated `outlet` voice gives the outlet and no statement.
    """
    spans = spans.assign(_m=range(len(spans)))
    own = (
        spans[["_voice", "_statement"]]
        if "_voice" in spans
        else pd.DataFrame(index=spans.index, columns=["_voice", "_statement"])
    )
    inside = _within(
        spans,
        passages.rename(columns={"char_start": "p_start", "char_end": "p_end"}).assign(_id=range(len(passages))),
        "p_start",
        "p_end",
    )
    inside = _innermost(inside, inside["p_end"] - inside["p_start"])
    m = spans["_m"]
    voice = own["_voice"].where(own["_voice"].notna(), m.map(inside["voice"]).to_numpy())
    statement = own["_statement"].where(own["_voice"].notna(), m.map(inside["statement"]).to_numpy())
    speakers = statements.drop_duplicates("statement_id").set_index("statement_id")["speaker_id"]
    # a speaker's voice without a known statement is reported by the build (override_problems) and not applied
    curated = voice.notna() & ((voice == "outlet") | statement.map(speakers).notna())
    outlets = articles.drop_duplicates("article_id").set_index("article_id")["outlet_actor_id"]
    out = derived.copy()
    out.loc[curated, "voice"] = voice[curated]
    out.loc[curated, "statement_id"] = statement[curated]
    actor = statement.map(speakers).where(voice != "outlet", spans["article_id"].map(outlets))
    out.loc[curated, "voice_actor_id"] = actor[curated]
    return out
