"""Layer 2: rules that span tables, vectorised (merges, isin, numpy string ufuncs; no loop per row).

- every foreign key resolves (declared in schema/tables/*.yaml);
- every span equals the article text at its offsets;
- statement dates do not follow their article's published_date_max;
- PLOVER agrees with the CAMEO→PLOVER crosswalk;
- every alias is used in some article, and no two actors share an alias; name mentions are aliases;
- a claim_id is shared by statements of at least two articles;
- text_sha256 is the hash of the text.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
from numpy.dtypes import StringDType

from syria_offensive.metadata import codelist, tables
from syria_offensive.validation.failures import combine, failures

SPAN_TABLES = ["statements", "event_reports", "figures", "mentions"]


def lookup(frame: pd.DataFrame, key: str, value: str) -> pd.Series:
    """key -> value, usable with Series.map even when layer 1 has found duplicate keys."""
    return frame.drop_duplicates(key).set_index(key)[value]


def pick(keys: pd.Series, frame: pd.DataFrame, key: str, value: str) -> pd.Series:
    """frame[value] for each of `keys` (null where unknown), keeping its dtype (Series.map of datetimes with
    missing keys fails in pandas 3)."""
    found = lookup(frame, key, value).reindex(keys.astype(object).to_numpy())
    return pd.Series(found.to_numpy(), index=keys.index, dtype=found.dtype)


def foreign_keys(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    parts = []
    for name, table in tables().items():
        frame = frames[name]
        for fk in table.foreign_keys:
            ref = frames[fk["reference"]["resource"]]
            local, remote = fk["fields"], fk["reference"]["fields"]
            keys = frame[local]
            known = keys.isna().any(axis=1)
            if len(local) == 1:
                resolved = keys[local[0]].isin(ref[remote[0]])
            else:
                resolved = pd.MultiIndex.from_frame(keys).isin(pd.MultiIndex.from_frame(ref[remote]))
            bad = ~(known | resolved)
            target = f"{fk['reference']['resource']}.{','.join(remote)}"
            parts.append(
                failures(
                    name,
                    frame.index[bad],
                    ",".join(local),
                    keys.loc[bad, local[0]],
                    f"unknown reference: no {target} has this value",
                )
            )
    return combine(parts)


def spans(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    texts = lookup(frames["articles"], "article_id", "text")
    parts = []
    for name in SPAN_TABLES:
        frame = frames[name]
        article_text = frame["article_id"].map(texts)
        usable = article_text.notna() & frame["char_start"].notna() & frame["char_end"].notna()
        sub = frame[usable]
        body = np.array(article_text[usable].astype(str).tolist(), dtype=StringDType())
        start = sub["char_start"].to_numpy(dtype=np.int64)
        end = sub["char_end"].to_numpy(dtype=np.int64)
        length = np.strings.str_len(body)
        out_of_range = (end > length) | (start < 0)
        parts.append(
            failures(
                name,
                sub.index[out_of_range],
                "char_end",
                sub["char_end"][out_of_range],
                "offsets are out of range of the article text",
            )
        )
        at_offsets = np.strings.slice(body, start, end)
        quoted = np.array(sub["text"].fillna("").astype(str).tolist(), dtype=StringDType())
        differs = (at_offsets != quoted) & ~out_of_range
        parts.append(
            failures(
                name,
                sub.index[differs],
                "text",
                sub["text"][differs],
                "text differs from articles.text[char_start:char_end]",
            )
        )
    return combine(parts)


def statement_dates(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    st = frames["statements"]
    pub_max = pick(st["article_id"], frames["articles"], "article_id", "published_date_max")
    earliest = st["date"].fillna(st["date_min"])
    late = earliest.notna() & pub_max.notna() & (earliest > pub_max)
    return failures(
        "statements",
        st.index[late],
        "date",
        earliest[late].dt.strftime("%Y-%m-%d"),
        "statement is dated after its article's published_date_max",
    )


def plover_matches_cameo(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    crosswalk = codelist("cameo").set_index("code")["plover"].replace("", pd.NA)
    parts = []
    for name in ("statements", "events"):
        frame = frames[name]
        expected = frame["cameo"].map(crosswalk)
        bad = ~(expected.fillna("∅").astype(str) == frame["plover"].fillna("∅").astype(str)) & frame["cameo"].isin(
            crosswalk.index
        )
        parts.append(
            failures(
                name,
                frame.index[bad],
                "plover",
                frame["plover"][bad],
                "plover differs from the CAMEO→PLOVER crosswalk for this cameo code",
            )
        )
    return combine(parts)


def aliases(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    al = frames["actor_aliases"]
    names = frames["mentions"][frames["mentions"]["kind"] == "name"]
    used = pd.MultiIndex.from_frame(al[["actor_id", "alias"]]).isin(
        pd.MultiIndex.from_frame(names[["actor_id", "text"]])
    )
    shared = al["alias"].duplicated(keep=False)
    not_alias = ~pd.MultiIndex.from_frame(names[["actor_id", "text"]]).isin(
        pd.MultiIndex.from_frame(al[["actor_id", "alias"]])
    )
    return combine(
        [
            failures(
                "actor_aliases",
                al.index[~used & ~shared],
                "alias",
                al["alias"][~used & ~shared],
                "alias occurs in no article (as a whole word, case-sensitively)",
            ),
            failures(
                "actor_aliases", al.index[shared], "alias", al["alias"][shared], "alias is used for several actors"
            ),
            failures(
                "mentions",
                names.index[not_alias],
                "text",
                names["text"][not_alias],
                "name mention is not an alias of its actor",
            ),
        ]
    )


def claims(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    st = frames["statements"]
    with_claim = st[st["claim_id"].notna()]
    articles_per_claim = with_claim.groupby("claim_id")["article_id"].transform("nunique")
    lonely = with_claim.index[articles_per_claim < 2]
    return failures(
        "statements",
        lonely,
        "claim_id",
        st.loc[lonely, "claim_id"],
        "claim_id is used by statements of only one article (it links the same utterance across articles)",
    )


def text_hashes(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    art = frames["articles"]
    actual = art["text"].fillna("").map(lambda t: hashlib.sha256(t.encode("utf-8")).hexdigest())  # one per article
    bad = actual != art["text_sha256"]
    return failures(
        "articles", art.index[bad], "text_sha256", art["text_sha256"][bad], "text_sha256 is not the SHA-256 of text"
    )


def figure_links(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    fig = frames["figures"]
    statement_article = pick(fig["statement_id"], frames["statements"], "statement_id", "article_id")
    bad = statement_article.notna() & (statement_article != fig["article_id"])
    return failures(
        "figures",
        fig.index[bad],
        "statement_id",
        fig["statement_id"][bad],
        "figure points to a statement of another article",
    )


CHECKS = [foreign_keys, spans, statement_dates, plover_matches_cameo, aliases, claims, text_hashes, figure_links]


def check_all(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return combine([check(frames) for check in CHECKS])
