"""timeline.png: the events of the offensive period, drawn so that what the dates do not say is not drawn.

An event's start and end are each known to lie between two days (start_min..start_max, end_min..end_max).
Only the days between the latest start and the earliest end are certain: those are drawn solid; the spans in
which it started or ended are hatched; an event with no end recorded gets a dotted line, not a bar."""

from __future__ import annotations

from pathlib import Path

import matplotlib.dates
import matplotlib.patches
import matplotlib.pyplot as plt
import pandas as pd

from news_statements.pictures.common import Tables, nothing, save

LOOKBACK = pd.Timedelta(days=9)  # the timeline shows events known to end (or start) this long before the first article
DAY = pd.Timedelta(days=1)
# Event types grouped into a few kinds for colour (a type not listed is "other").
KINDS = {
    "fighting": [
        "offensive",
        "capture",
        "recapture",
        "counteroffensive",
        "armed_clash",
        "armed_conflict",
        "airstrike",
        "missile_attack",
        "shelling",
        "reinforcement",
        "troop_deployment",
    ],
    "talks and statements": ["phone_call", "visit", "press_briefing", "interview", "agreement", "ceasefire"],
    "organisations": ["organisation_change", "designation"],
    "people affected": ["displacement"],
}
COLOURS = {"fighting": "#c0392b", "talks and statements": "#2e86c1", "organisations": "#7d3c98"}
COLOURS |= {"people affected": "#d68910", "other": "#7f8c8d"}
KIND_OF_TYPE = {event_type: kind for kind, types in KINDS.items() for event_type in types}


BOX = {"facecolor": "white", "edgecolor": "none", "pad": 0.4, "alpha": 0.85}


def _when(day: pd.Timestamp) -> str:
    return f"{day.day} {day:%b %Y}"


def _started(row: pd.Series) -> str:
    """How an event cut at the left edge began, in words."""
    if pd.isna(row["start_min"]):
        return f"began on an unknown day by {_when(row['start_max'])}"
    if row["start_min"] == row["start_max"]:
        return f"began {_when(row['start_min'])}"
    return f"began some day from {_when(row['start_min'])} to {_when(row['start_max'])}"


def _spans(events: pd.DataFrame, left: pd.Timestamp) -> pd.DataFrame:
    """Per event: the span it started in, the span it was certainly under way and the span it ended in, as
    [from, to) days cut at `left`. With no end recorded, only an exactly known start day is certain."""
    exact_start = events["start_min"] == events["start_max"]
    sure_to = (events["end_min"] + DAY).where(
        events["end_basis"].notna(), (events["start_max"] + DAY).where(exact_start)
    )
    spans = pd.DataFrame(
        {
            "start_from": events["start_min"].fillna(left),
            "start_to": events["start_max"] + DAY,
            "sure_from": events["start_max"],
            "sure_to": sure_to.where(sure_to > events["start_max"]),
            "end_from": events["end_min"].fillna(left).where(events["end_max"].notna()),
            "end_to": events["end_max"] + DAY,
        }
    )
    return spans.clip(lower=left)


def _legend(axes: plt.Axes, kinds: list[str]) -> None:
    handles = [matplotlib.patches.Patch(color=COLOURS[k], label=k) for k in kinds]
    grey = "#555555"
    handles += [
        matplotlib.patches.Patch(color=grey, label="under way (between the latest start and the earliest end)"),
        matplotlib.patches.Patch(
            facecolor="white", edgecolor=grey, hatch="////", label="started some day in this span"
        ),
        matplotlib.patches.Patch(
            facecolor="white", edgecolor=grey, hatch="\\\\\\\\", label="ended some day in this span"
        ),
        matplotlib.patches.Patch(
            facecolor="white", edgecolor=grey, hatch="xxxx", label="started and ended in this span"
        ),
        matplotlib.lines.Line2D([], [], color=grey, linestyle=":", label="no end recorded (ongoing or unknown)"),
    ]
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)


def _draw_event(axes: plt.Axes, y: int, row: pd.Series, right: pd.Timestamp, left: pd.Timestamp) -> None:
    colour = COLOURS[row["kind"]]
    light = {"facecolor": (*matplotlib.colors.to_rgb(colour), 0.18), "edgecolor": colour, "linewidth": 0}
    bars = [
        ("start_from", "start_to", {**light, "hatch": "////"}),
        ("end_from", "end_to", {**light, "hatch": "\\\\\\\\"}),
    ]
    bars.append(("sure_from", "sure_to", {"color": colour}))
    for low, high, style in bars:
        if pd.notna(row[low]) and pd.notna(row[high]) and row[high] > row[low]:
            axes.barh(y, row[high] - row[low], left=row[low], height=0.62, **style)
    last = row[["start_to", "sure_to", "end_to"]].max()
    if row["open_end"]:
        axes.plot([row["start_to"], right], [y, y], color=colour, linestyle=":", linewidth=1.2)
        last = right
    axes.text(last, y, f" {row['articles']}", va="center", fontsize=7)
    if row["start_min_cut"]:
        axes.text(left, y, f" ← {_started(row)}", va="center", fontsize=6.5, bbox=BOX)


def timeline(t: Tables, path: Path) -> None:
    """One row per event of the offensive period, named by its title, coloured by kind, with the number of
    articles reporting it."""
    reports = t["event_reports"].groupby("event_id")["article_id"].nunique()
    left = t["articles"]["published_date_min"].min() - LOOKBACK
    events = t["events"].assign(
        articles=lambda e: e["event_id"].map(reports).fillna(0).astype(int),
        last=lambda e: e["end_max"].fillna(e["start_max"]),
        open_end=lambda e: e["end_basis"].isna(),
        kind=lambda e: e["event_type"].astype("string").map(KIND_OF_TYPE).fillna("other"),
        label=lambda e: e["title"].astype("string").fillna(e["event_id"].astype("string")),
        start_min_cut=lambda e: e["start_min"].isna() | (e["start_min"] < left),
    )
    events = (
        events[events["last"] >= left]
        .sort_values(
            ["start_min_cut", "start_min", "start_max", "last", "event_id"],
            ascending=[False, True, True, True, True],
            na_position="first",
        )
        .reset_index(drop=True)
    )
    if events.empty:
        return nothing("No event has a known date", path)
    events = events.join(_spans(events, left))
    right = events["last"].max() + 2 * DAY
    figure, axes = plt.subplots(figsize=(11, 0.26 * len(events) + 1.6))
    for y, row in events.iterrows():
        _draw_event(axes, y, row, right, left)
    axes.set_yticks(range(len(events)), events["label"], fontsize=8)
    earlier = int(events["start_min_cut"].sum())
    if 0 < earlier < len(events):
        axes.axhline(earlier - 0.5, color="#333333", linewidth=0.8)
    axes.set_ylim(len(events) - 0.4, -0.6)
    axes.set_xlim(left, right)
    axes.xaxis.set_major_locator(matplotlib.dates.DayLocator(interval=2))
    axes.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%-d %b"))
    axes.grid(axis="x", alpha=0.3)
    kinds = [k for k in COLOURS if k in set(events["kind"])]
    _legend(axes, kinds)
    axes.set_title(
        f"Events reported, as known from {_when(left)} (left edge: earlier starts are named on the bar);\n"
        "the number at the end of a row counts the articles reporting the event",
        loc="left",
    )
    save(figure, path)
