"""Numbers and counts: figures.png (claimed figures as low–high ranges by claimant) and statements_per_day.png
(statements per day by the speaker's country), each drawing only what the dates and bounds say."""

from __future__ import annotations

from pathlib import Path

import matplotlib.dates
import matplotlib.pyplot as plt
import matplotlib.ticker
import numpy as np
import pandas as pd

from news_statements.pictures.common import Tables, names, nothing, save

MEASURE_COLOURS = ["#b03a2e", "#d68910", "#2e86c1", "#7d3c98", "#117a65", "#7f8c8d"]
LOOKBACK = pd.Timedelta(days=9)  # as the timeline: days before the first article that still count as the period


def _figure_rows(t: Tables) -> pd.DataFrame:
    """One row per figure with its claimant's and counted actor's names, ordered by claimant then size."""
    who = names(t)
    rows = t["figures"].assign(
        claimant=lambda f: f["claimed_by"].astype("string").map(who).fillna("(no claimant recorded)"),
        counted=lambda f: f["counted_actor_id"].astype("string").map(who).fillna("whom not said"),
        measure=lambda f: f["measure"].astype("string").fillna("(no measure)"),
        low=lambda f: f["low"].astype("Float64"),
        high=lambda f: f["high"].astype("Float64"),
    )
    return rows.sort_values(["claimant", "low", "figure_id"]).reset_index(drop=True)


def figures(t: Tables, path: Path) -> None:
    """Each claimed number as a line from its low to its high bound on a log scale; a bound the claim leaves
    open ('at least', 'more than', 'millions') is an arrow to the edge; the claim's words beside it."""
    rows = _figure_rows(t)
    if rows.empty:
        return nothing("No figure is claimed", path)
    measures = sorted(rows["measure"].unique())
    colours = {m: MEASURE_COLOURS[i % len(MEASURE_COLOURS)] for i, m in enumerate(measures)}
    top = float(np.nanmax(rows[["low", "high"]].astype(float).to_numpy())) * 8
    figure, axes = plt.subplots(figsize=(11, 1.6 + 0.42 * len(rows)))
    for y, row in rows.iterrows():
        colour, low = colours[row["measure"]], float(row["low"])
        if pd.isna(row["high"]):
            axes.annotate("", (top, y), (low, y), arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.5})
        elif row["high"] > row["low"]:
            axes.plot([low, float(row["high"])], [y, y], color=colour, linewidth=3, solid_capstyle="butt")
        axes.plot([low], [y], marker="|" if pd.isna(row["high"]) else "o", color=colour, markersize=9, mew=2)
        axes.text(low, y - 0.28, f"“{row['text']}”", fontsize=7.5, color="#333333")
    axes.set_xscale("log")
    axes.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda x, _: f"{x:,.0f}"))
    axes.set_xlim(1, top)
    axes.set_yticks(range(len(rows)), [f"{r.claimant}: {r.measure}, {r.counted}" for r in rows.itertuples()])
    axes.set_ylim(len(rows) - 0.4, -0.8)
    axes.grid(axis="x", alpha=0.3)
    axes.set_xlabel("number claimed (log scale)")
    for measure in measures:
        axes.plot([], [], color=colours[measure], linewidth=3, label=measure)
    axes.legend(title="measure", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    axes.set_title(
        "Claimed figures by claimant: from the low to the high bound the words allow; an arrow: no upper bound\n"
        "('at least', 'more than', 'millions'); a dot: an exact number. The claim's own words under each line.",
        loc="left",
    )
    save(figure, path)


def statements_per_day(t: Tables, path: Path) -> None:
    """Bars: statements dated to the day, stacked by the speaker's country; outline: the most there can be on a
    day, counting also every statement whose date is known only to a span that includes it."""
    countries = t["actors"].set_index("actor_id")["country"].astype("string")
    s = t["statements"].assign(country=lambda f: f["speaker_id"].map(countries).fillna("(none)"))
    first = t["articles"]["published_date_min"].min() - LOOKBACK
    last = t["articles"][["published_date_min", "published_date_max"]].max().max()
    if s.empty or pd.isna(first):
        return nothing("No statement is dated", path)
    days = pd.date_range(first, last, freq="D")
    dated = s[s["date"].notna() & s["date"].between(first, last)]
    counts = pd.crosstab(dated["date"], dated["country"]).reindex(days, fill_value=0)
    counts = counts[counts.sum().sort_values(ascending=False, kind="stable").index]
    spans = s[s["date"].isna() & s["date_min"].notna() & s["date_max"].notna()]
    low, high = spans["date_min"].to_numpy()[:, None], spans["date_max"].to_numpy()[:, None]
    covering = ((low <= days.to_numpy()) & (high >= days.to_numpy())).sum(axis=0)
    figure, axes = plt.subplots(figsize=(11, 5))
    bottom = np.zeros(len(days))
    for i, country in enumerate(counts.columns):
        axes.bar(days, counts[country], bottom=bottom, width=0.8, color=plt.cm.tab10(i % 10), label=country)
        bottom += counts[country].to_numpy()
    axes.bar(
        days,
        bottom + covering,
        width=0.8,
        fill=False,
        edgecolor="#333333",
        linestyle=":",
        label="at most (with the statements dated to a span)",
    )
    axes.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%-d %b"))
    axes.set_ylabel("statements")
    axes.legend(title="speaker's country", fontsize=8, loc="upper left")
    outside = int(len(s) - len(dated) - len(spans))
    axes.set_title(
        f"Statements per day by the speaker's country: {len(dated)} dated to the day (bars); {len(spans)} dated only\n"
        f"to a span of days (the dotted outline adds each to every day it may be); {outside} outside this period "
        "or undated",
        loc="left",
    )
    save(figure, path)
