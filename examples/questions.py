"""Eight questions researchers ask of this dataset, answered with pandas from syria_offensive.load().

    python examples/questions.py

It reads the tables beside it (the `datasets/` of the checkout or of the unzipped release archive it sits in)
with the installed module (`python -m pip install .` in a clone), and the bundled ones elsewhere.

1. Who accused whom of what?       (statements with an accused target, whatever their code; of what: statement_events)
2. How does each outlet label HTS? (mentions of actor `hts`, names and labels, per outlet)
3. Events by start date, with their end (open-ended when none is recorded) and how many articles report each.
4. Events by place, with the place's point, its precision and the reference it was read from.
5. How does each outlet label HTS in its own voice, and in the words of the officials it quotes or paraphrases?
6. Events by place, article by article: where each article places the events it reports, and how often it names
   each place, with the points for a map.
7. Figures as ranges: the killed claimed during the offensive, each count once (linked figures by count_id).
8. Who speaks most? (acts of saying by speaker, joint speakers included, repeats counted once)
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import syria_offensive


def who_accused_whom(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Each statement and each actor it accuses, and what of: the events the statement lays on that accused.

    `of what` is read from statement_events (relation `accuses_of`); a row with an `accused_id` lays the event on
    that accused only, one without on every accused of the statement (as the database's `accusations` view).
    """
    names = t["actors"].set_index("actor_id")["name"]
    accused = t["statement_targets"][t["statement_targets"]["role"] == "accused"]
    table = t["statements"].merge(accused[["statement_id", "actor_id"]], on="statement_id")
    laid = t["statement_events"].query("relation == 'accuses_of'")
    laid = laid.merge(t["events"][["event_id", "title"]], on="event_id")
    pairs = table[["statement_id", "actor_id"]].merge(laid[["statement_id", "accused_id", "title"]], on="statement_id")
    pairs = pairs[pairs["accused_id"].isna() | (pairs["accused_id"] == pairs["actor_id"])]
    of_what = pairs.drop_duplicates().sort_values("title").groupby(["statement_id", "actor_id"])["title"].agg("; ".join)
    table = table.join(of_what.rename("of_what"), on=["statement_id", "actor_id"])
    return (
        pd.DataFrame(
            {
                "speaker": table["speaker_id"].map(names),
                "accused": table["actor_id"].map(names),
                "of what": table["of_what"].fillna("(no event named)").str.slice(0, 60),
                "article": table["article_id"],
                "date": table["date"].dt.strftime("%Y-%m-%d").fillna("(range)"),
                "said": table["text"].str.slice(0, 70),
            }
        )
        .sort_values(["speaker", "accused", "article"])
        .reset_index(drop=True)
    )


def hts_labels_by_outlet(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    outlets = t["articles"].set_index("article_id")["outlet"]
    hts = t["mentions"][t["mentions"]["actor_id"] == "hts"]
    words = hts.assign(outlet=hts["article_id"].map(outlets), words=hts["text"].str.lower())
    return (
        words.groupby(["outlet", "kind", "words"], observed=True)
        .size()
        .rename("times")
        .reset_index()
        .sort_values(["outlet", "kind", "times"], ascending=[True, True, False])
        .reset_index(drop=True)
    )


def hts_labels_by_voice(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Question 2 for labels, split by whose words they are (mentions.voice): the outlet's own, frames of
    statements included, or a speaker's, quoted or paraphrased (voice_actor_id names the speaker)."""
    outlets = t["articles"].set_index("article_id")["outlet"]
    names = t["actors"].set_index("actor_id")["name"]
    m = t["mentions"]
    hts = m[(m["actor_id"] == "hts") & (m["kind"] == "label")]
    words = hts.assign(
        outlet=hts["article_id"].map(outlets),
        words_of=hts["voice_actor_id"].map(names).where(hts["voice"] != "outlet", "(the outlet)"),
        words=hts["text"].str.lower(),
    )
    return (
        words.groupby(["outlet", "voice", "words_of", "words"], observed=True)
        .size()
        .rename("times")
        .reset_index()
        .sort_values(["outlet", "voice", "times"], ascending=[True, True, False])
        .reset_index(drop=True)
    )


def _bounds(day: pd.Series, low: pd.Series, high: pd.Series, missing: str) -> pd.Series:
    """A day, else 'low to high' ('…' for an open bound), else `missing` when nothing is known."""
    low, high = low.dt.strftime("%Y-%m-%d"), high.dt.strftime("%Y-%m-%d")
    ranged = low.fillna("…") + " to " + high.fillna("…")
    return day.dt.strftime("%Y-%m-%d").fillna(ranged.where(low.notna() | high.notna(), missing))


def event_timeline(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Events by start; the end is a column of its own, open-ended ('ongoing or unknown') when none is recorded."""
    reports = t["event_reports"].groupby("event_id")["article_id"].nunique().rename("articles")
    e = t["events"].join(reports, on="event_id")
    start = _bounds(e["start_date"], e["start_min"], e["start_max"], "(undated)")
    end = _bounds(e["end_date"], e["end_min"], e["end_max"], "(end unknown)")
    end = end.where(e["end_basis"].notna(), "(no end: ongoing or unknown)")
    return (
        e.assign(start=start, end=end)
        .sort_values(["start_min", "event_id"], na_position="first")[["start", "end", "event_id", "articles"]]
        .reset_index(drop=True)
    )


def killed_as_ranges(t: dict[str, pd.DataFrame], since: str = "2024-11-27") -> pd.DataFrame:
    """Killed claimed in events that began on or after `since`: one row per count (figures sharing a count_id are
    one count, given by several claimants), as a range; the last row sums the ranges. A sum of claims, not a toll:
    counts of different claimants or periods may still overlap."""
    f = t["figures"][t["figures"]["measure"] == "killed"]
    starts = t["events"].set_index("event_id")["start_min"]
    f = f[f["event_id"].map(starts) >= pd.Timestamp(since)]
    count = f["count_id"].fillna(f["figure_id"]).rename("count")
    per_count = f.groupby(count).agg(
        low=("low", "min"),  # the claim that admits the fewest
        high=("high", lambda h: h.max() if h.notna().all() else pd.NA),  # open when any claim is open
        figures=("figure_id", lambda ids: ", ".join(sorted(ids))),
        claimed_by=("claimed_by", lambda c: ", ".join(sorted(c.astype(str).unique()))),
    )
    total_high = per_count["high"].sum() if per_count["high"].notna().all() else pd.NA
    total = pd.DataFrame({"low": [per_count["low"].sum()], "high": [total_high], "figures": ["(sum)"]}, index=["total"])
    table = pd.concat([per_count, total]).astype({"low": "Int64", "high": "Int64"})
    return table.assign(high=table["high"].astype("string").fillna("(open)")).fillna({"claimed_by": ""})


def events_by_place(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Count events per place; places without a point keep it null, so a map can leave them out knowingly."""
    counts = t["events"].groupby("place_id").size().rename("events")
    columns = ["place_id", "latitude", "longitude", "coordinate_precision", "coordinate_basis"]
    places = t["places"][columns].join(counts, on="place_id", how="inner")
    places["coordinate_basis"] = places["coordinate_basis"].str.slice(0, 40)
    return places.sort_values(["events", "place_id"], ascending=[False, True]).reset_index(drop=True)


def acts_of_saying_by_speaker(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Count acts of saying per speaker: joint speakers included, repeats (a shared claim_id) counted once."""
    said = t["statement_speakers"].merge(t["statements"][["statement_id", "claim_id"]], on="statement_id")
    said["act"] = said["claim_id"].fillna(said["statement_id"])
    names = t["actors"].set_index("actor_id")["name"]
    counts = said.groupby("actor_id").agg(acts=("act", "nunique"), reports=("statement_id", "nunique"))
    return (
        counts.assign(speaker=counts.index.map(names))[["speaker", "acts", "reports"]]
        .sort_values(["acts", "speaker"], ascending=[False, True])
        .reset_index(drop=True)
    )


def events_by_place_per_article(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per article and place: events the article reports that are placed there, and times it names the place.

    An event is counted once per article however many report rows the article has for it; a place the article
    names but places no event at has events 0. Places without a point keep null coordinates (see places.notes).
    """
    reported = t["event_reports"][["article_id", "event_id"]].drop_duplicates()
    placed = reported.merge(t["events"][["event_id", "place_id"]].dropna(subset=["place_id"]), on="event_id")
    events = placed.groupby(["article_id", "place_id"]).size().rename("events")
    named = t["place_mentions"].groupby(["article_id", "place_id"]).size().rename("named")
    table = pd.concat([events, named], axis=1).fillna(0).astype("int64").reset_index()
    points = t["places"][["place_id", "latitude", "longitude", "coordinate_precision"]]
    return (
        table.merge(points, on="place_id", how="left")
        .sort_values(["article_id", "events", "named", "place_id"], ascending=[True, False, False, True])
        .reset_index(drop=True)
    )


QUESTIONS = [
    ("Who accused whom of what", who_accused_whom),
    ("How each outlet labels HTS", hts_labels_by_outlet),
    ("Timeline of events by start date, with their end and the number of articles reporting each", event_timeline),
    ("Events by place, with the point and its basis", events_by_place),
    ("How each outlet labels HTS, in its own voice and in the words of those it quotes", hts_labels_by_voice),
    (
        "Events by place, article by article (events placed there; times the place is named)",
        events_by_place_per_article,
    ),
    ("Killed claimed during the offensive, as ranges, each count once (a sum of claims, not a toll)", killed_as_ranges),
    (
        "Acts of saying by speaker (joint speakers included; one act reported twice counted once)",
        acts_of_saying_by_speaker,
    ),
]


def main() -> None:
    beside = Path(__file__).resolve().parent.parent  # the checkout's or the unzipped release's root
    in_a_copy = (beside / "datasets" / "datapackage.json").is_file()
    tables = syria_offensive.load(path=beside) if in_a_copy else syria_offensive.load()
    with pd.option_context("display.width", 200, "display.max_rows", 500, "display.max_colwidth", 90):
        for number, (title, answer) in enumerate(QUESTIONS, start=1):
            table = answer(tables)
            print(("" if number == 1 else "\n") + f"{number}. {title}\n")
            print(table.to_string(index=answer is killed_as_ranges))  # (its index names each count)


if __name__ == "__main__":
    main()
