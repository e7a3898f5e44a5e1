"""Who says what about whom: accusations.png (speaker × accused) and labels.png (how outlets name one actor)."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from news_statements.pictures.common import Tables, names, nothing, save

# How near-duplicate labels are grouped (labels.png): a mention of kind `name` is the actor's name; a label is
# lower-cased, its typographic apostrophe made plain, a leading determiner and a plural -s of each word dropped,
# then put in the first family whose pattern it contains (else shown as itself, normalised).
LABEL_FAMILIES = {
    "takfiri … (takfiri terrorists, takfiri group…)": r"takfiri",
    "terrorist … (terrorists, terror outfits, terrorist group…)": r"terror",
    "jihadist / militant": r"jihadist|militant",
    "mercenary / proxy / asset": r"mercenar|proxy|asset",
    "armed group / the group": r"\bgroup\b",
}
DETERMINERS = r"^(?:the|a|an|these|these same|this|those)\s+"
VOICES = {"outlet": "outlet's own words", "paraphrase": "paraphrasing a speaker", "quoted": "quoting a speaker"}


def _matrix(axes: plt.Axes, counts: pd.DataFrame, text: pd.DataFrame, cmap: str = "Reds") -> None:
    """A heat map of `counts` with `text` written in every non-empty cell (dark text on light cells)."""
    values = counts.to_numpy(dtype=float)
    top = values.max() or 1
    axes.imshow(values, cmap=cmap, aspect="auto", vmin=0, vmax=top)
    for (row, column), value in pd.DataFrame(values).stack().items():
        if value:
            dark = value > 0.6 * top
            axes.text(
                column,
                row,
                text.iat[row, column],
                ha="center",
                va="center",
                fontsize=8,
                color="white" if dark else "black",
            )
    axes.set_xticks(range(counts.shape[1]), counts.columns, rotation=35, ha="right")
    axes.set_yticks(range(counts.shape[0]), counts.index)
    axes.set_xticks([x - 0.5 for x in range(1, counts.shape[1])], minor=True)
    axes.set_yticks([y - 0.5 for y in range(1, counts.shape[0])], minor=True)
    axes.grid(which="minor", color="white", linewidth=1.5)
    axes.tick_params(which="minor", length=0)
    for spine in axes.spines.values():
        spine.set_visible(False)


def accusation_pairs(t: Tables) -> pd.DataFrame:
    """One row per statement and actor it accuses (as the accusations view): speaker_id, accused_id."""
    targets = t["statement_targets"].loc[t["statement_targets"]["role"] == "accused", ["statement_id", "actor_id"]]
    pairs = t["statements"][["statement_id", "speaker_id"]].merge(targets, on="statement_id")
    return pairs.rename(columns={"actor_id": "accused_id"})


def accused_of(t: Tables) -> pd.DataFrame:
    """What each accuser accuses each accused of (as the view's `accused_of`): one row per speaker, accused and
    event, with the event's title and the number of statements. An `accuses_of` row with an `accused_id` is laid
    on that accused only; without one, on every accused target of its statement."""
    about = t["statement_events"]
    about = about.loc[about["relation"] == "accuses_of", ["statement_id", "event_id", "accused_id"]]
    rows = accusation_pairs(t).merge(about.rename(columns={"accused_id": "only"}), on="statement_id")
    rows = rows[rows["only"].isna() | (rows["only"] == rows["accused_id"])]
    titles = t["events"].set_index("event_id")["title"].astype("string")
    rows = rows.assign(title=rows["event_id"].map(titles).fillna(rows["event_id"]))
    counted = rows.groupby(["speaker_id", "accused_id", "event_id", "title"], as_index=False)["statement_id"].nunique()
    return counted.rename(columns={"statement_id": "statements"})


def _named(ids: pd.Index, t: Tables) -> list[str]:
    """Actor names with their country code: 'Esmail Baghaei (IRN)'."""
    country = t["actors"].set_index("actor_id")["country"].astype("string").reindex(ids)
    return [f"{n} ({c})" if pd.notna(c) else str(n) for n, c in zip(names(t).reindex(ids), country, strict=True)]


def _accused_of_lines(t: Tables, speakers: pd.Index, accused: pd.Index) -> list[tuple[str, bool]]:
    """The lines of the second panel: each speaker (in the matrix's order) as a heading, then per accused (in the
    matrix's order) the event titles with their statement counts. (line, is_heading)."""
    found = accused_of(t)
    order = {a: i for i, a in enumerate(accused)}
    shown = names(t)
    lines: list[tuple[str, bool]] = []
    for speaker in speakers:
        mine = found[found["speaker_id"] == speaker]
        if mine.empty:
            continue
        lines.append((shown.get(speaker, speaker), True))
        for target, events in sorted(mine.groupby("accused_id"), key=lambda g: order.get(g[0], len(order))):
            what = "; ".join(f"{r.title} ({r.statements})" for r in events.sort_values("title").itertuples())
            lines.append((f"  → {shown.get(target, target)}: {what}", False))
    return lines


def accusations(t: Tables, path: Path) -> None:
    """Left: speakers (rows) by accused actors (columns), each cell the number of statements; most active first.
    Right: per speaker and accused, the events (titles) the statements accuse the actor of."""
    pairs = accusation_pairs(t)
    if pairs.empty:
        return nothing("No statement accuses an actor", path)
    counts = pd.crosstab(pairs["speaker_id"], pairs["accused_id"])
    rows = counts.sum(axis=1).rename("n").reset_index().sort_values(["n", "speaker_id"], ascending=[False, True])
    columns = counts.sum().rename("n").reset_index().sort_values(["n", "accused_id"], ascending=[False, True])
    counts = counts.loc[rows["speaker_id"], columns["accused_id"]]
    lines = _accused_of_lines(t, counts.index, counts.columns)
    width = 1.5 + 0.62 * counts.shape[1] + 2.5
    height = max(1.8 + 0.42 * counts.shape[0], 0.9 + 0.19 * len(lines))
    figure, (axes, listed) = plt.subplots(
        1, 2, figsize=(width + 6.5, height), gridspec_kw={"width_ratios": [width, 6.5], "wspace": 0.05}
    )
    _matrix(axes, counts, counts.astype(str))
    axes.set_xticklabels(_named(counts.columns, t))
    axes.set_yticklabels(_named(counts.index, t))
    axes.set_ylabel("speaker")
    axes.set_xlabel("accused")
    axes.set_title(
        "Who accuses whom: statements in which a speaker (row) accuses an actor (column).\n"
        "Each article's report of an act of saying is one statement; one that accuses several actors counts in each\n"
        "of their columns.",
        loc="left",
    )
    listed.axis("off")
    listed.set_title(
        "Accused of what: the events the statements name (statement_events,\n"
        "relation accuses_of), by title, with the number of statements.\n"
        "Accusations that name no event are counted on the left only.",
        loc="left",
    )
    if not lines:
        listed.text(0, 1, "No accusation names an event.", va="top", transform=listed.transAxes)
    step = 1 / max(len(lines), 1)
    for i, (line, heading) in enumerate(lines):
        listed.text(
            0,
            1 - i * step,
            line,
            va="top",
            ha="left",
            fontsize=8.5,
            fontweight="bold" if heading else "normal",
            transform=listed.transAxes,
        )
    save(figure, path)


def most_labelled(t: Tables) -> tuple[str | None, str]:
    """The actor the outlets label most (most mentions of kind label, then of any kind; ties by id) and its
    shortest alias (its name when it has none): in this corpus HTS, in another whichever actor it is."""
    mentions = t["mentions"].sort_values("actor_id")
    ranked = mentions.loc[mentions["kind"] == "label", "actor_id"].value_counts(sort=True)
    ranked = ranked if len(ranked) else mentions["actor_id"].value_counts(sort=True)
    if not len(ranked):
        return None, "(no actor mentioned)"
    actor = str(ranked.index[0])
    aliases = t["actor_aliases"].loc[t["actor_aliases"]["actor_id"] == actor, "alias"].astype(str)
    shown = names(t).get(actor, actor)
    return actor, min(aliases, key=lambda a: (len(a), a)) if len(aliases) else str(shown)


def label_family(text: pd.Series, kind: pd.Series) -> pd.Series:
    """The group a mention's words belong to (LABEL_FAMILIES): near-duplicates together."""
    plain = text.str.lower().str.replace("’", "'").str.replace(DETERMINERS, "", regex=True)
    plain = plain.str.replace(r"(?<=[a-z]{3})s\b", "", regex=True)  # a plural -s (not in "is", "as")
    family = pd.Series(pd.NA, index=text.index, dtype="string")
    for name, pattern in reversed(LABEL_FAMILIES.items()):  # the first family listed wins
        family = family.mask(plain.str.contains(pattern, flags=re.I), name)
    return family.fillna(plain).mask(kind == "name", "its name")


def labels(t: Tables, path: Path) -> None:
    """Rows: what the actor is called (grouped), under each voice; columns: outlets; cells: the share of that
    outlet's mentions of the actor, so that outlets of different length compare."""
    outlets = t["articles"].set_index("article_id")["outlet"].astype("string").fillna("(outlet not identified)")
    actor, shown = most_labelled(t)
    if actor is None:
        return nothing("No actor is mentioned", path)
    hts = t["mentions"][t["mentions"]["actor_id"] == actor]
    rows = label_family(hts["text"].astype("string"), hts["kind"].astype("string"))
    voice = hts["voice"].astype("string").map(VOICES).fillna(hts["voice"].astype("string"))
    counts = pd.crosstab([voice.rename("voice"), rows.rename("words")], hts["article_id"].map(outlets))
    order = {v: i for i, v in enumerate(VOICES.values())}
    totals = counts.sum(axis=1).rename("n").reset_index()
    totals = totals.assign(o=totals["voice"].map(order)).sort_values(["o", "n", "words"], ascending=[True, False, True])
    counts = counts.loc[pd.MultiIndex.from_frame(totals[["voice", "words"]])]
    shares = counts / counts.sum()
    text = shares.map(lambda s: f"{s:.0%}")
    shares.index = [f"{words} — {voice}" for voice, words in shares.index]
    shares.columns = [f"{o}\n(n = {n})" for o, n in counts.sum().items()]
    figure, axes = plt.subplots(figsize=(4 + 1.1 * shares.shape[1] + 3, 1.8 + 0.34 * shares.shape[0]))
    _matrix(axes, shares, text, cmap="Blues")
    axes.set_xticklabels(shares.columns, rotation=0, ha="center")
    axes.xaxis.tick_top()
    breaks = totals["voice"].ne(totals["voice"].shift()).to_numpy().nonzero()[0][1:]
    for y in breaks:
        axes.axhline(y - 0.5, color="#333333", linewidth=1)
    axes.set_title(
        f"How each outlet calls {shown}: the share of the outlet's mentions of it ({len(hts)} in all) by the words\n"
        "used and by voice (near-duplicates grouped: plurals, 'the'/'a' and spellings merged, then families by key\n"
        "word); each column adds up to 100%",
        loc="left",
        pad=40,
    )
    save(figure, path)
