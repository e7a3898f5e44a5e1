"""Five questions researchers ask of this dataset, answered with pandas from syria_offensive.load().

    python examples/questions.py

1. Who accused whom of what?       (statements coded PLOVER ACCUSE, with their accused targets)
2. How does each outlet label HTS? (mentions of actor `hts`, names and labels, per outlet)
3. The timeline of events, with how many articles reported each.
4. Events by place, with the place's point, its precision and the reference it was read from.
5. How does each outlet label HTS in its own voice, and in the words of the officials it quotes or paraphrases?
"""

from __future__ import annotations

import pandas as pd

import syria_offensive


def who_accused_whom(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    names = t["actors"].set_index("actor_id")["name"]
    accusations = t["statements"][t["statements"]["plover"] == "ACCUSE"]
    accused = t["statement_targets"][t["statement_targets"]["role"] == "accused"]
    table = accusations.merge(accused[["statement_id", "actor_id"]], on="statement_id")
    return (
        pd.DataFrame(
            {
                "speaker": table["speaker_id"].map(names),
                "accused": table["actor_id"].map(names),
                "article": table["article_id"],
                "date": table["date"].dt.strftime("%Y-%m-%d").fillna("(range)"),
                "said": table["text"].str.slice(0, 90),
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


def event_timeline(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    reports = t["event_reports"].groupby("event_id")["article_id"].nunique().rename("articles")
    events = t["events"].join(reports, on="event_id")
    when = events["start_date"].fillna(events["date_min"])
    return (
        events.assign(when=when.dt.strftime("%Y-%m-%d").fillna("(undated)"))
        .sort_values(["when", "event_id"])[["when", "event_id", "event_type", "articles"]]
        .reset_index(drop=True)
    )


def events_by_place(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Count events per place; places without a point keep it null, so a map can leave them out knowingly."""
    counts = t["events"].groupby("place_id").size().rename("events")
    columns = ["place_id", "latitude", "longitude", "coordinate_precision", "coordinate_basis"]
    places = t["places"][columns].join(counts, on="place_id", how="inner")
    places["coordinate_basis"] = places["coordinate_basis"].str.slice(0, 40)
    return places.sort_values(["events", "place_id"], ascending=[False, True]).reset_index(drop=True)


def main() -> None:
    tables = syria_offensive.load()
    with pd.option_context("display.width", 200, "display.max_rows", 500, "display.max_colwidth", 90):
        print("1. Who accused whom of what\n")
        print(who_accused_whom(tables).to_string(index=False))
        print("\n2. How each outlet labels HTS\n")
        print(hts_labels_by_outlet(tables).to_string(index=False))
        print("\n3. Timeline of events, with the number of articles reporting each\n")
        print(event_timeline(tables).to_string(index=False))
        print("\n4. Events by place, with the point and its basis\n")
        print(events_by_place(tables).to_string(index=False))
        print("\n5. How each outlet labels HTS, in its own voice and in the words of those it quotes\n")
        print(hts_labels_by_voice(tables).to_string(index=False))


if __name__ == "__main__":
    main()
