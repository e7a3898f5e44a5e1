"""The pictures researchers look at first, drawn from the built tables into docs/pictures/ (`make docs`).

- timeline.png: the events of the offensive period, each drawn over its date bounds, with how many articles
  report it;
- accusations.png: who accuses whom, a network of speakers and accused actors, edges weighted by statements,
  nodes coloured by country;
- places.png: the places named that have a point, with their precision and events per place (and a count of
  those that have none);
- labels.png: how each outlet names and labels the actor it labels most (in this corpus HTS).

The package is validated first and nothing is drawn when it fails. The files are deterministic (matplotlib's
bundled DejaVu fonts, a seeded layout, no timestamps in the PNG), so the tests can check they are current.

    python -m news_statements.pictures [PACKAGE] [--out docs/pictures]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import matplotlib.dates
import matplotlib.pyplot as plt  # (with no display, matplotlib draws with Agg)
import networkx as nx
import pandas as pd

from news_statements.copies import LoadError, read
from news_statements.paths import ROOT

LOOKBACK = pd.Timedelta(days=9)  # the timeline shows events known to end (or start) this long before the first article
MARGIN = 1.0  # degrees around the places where events happen (the map's frame)
STYLE = {"font.family": "DejaVu Sans", "font.size": 9, "figure.dpi": 100, "savefig.dpi": 100}
PRECISION_MARKERS = {"settlement": "o", "admin_area": "s", "country": "D", "approximate": "^", "region": "P"}


def _save(figure: plt.Figure, path: Path) -> None:
    figure.savefig(path, format="png", metadata={"Software": None}, bbox_inches="tight")
    plt.close(figure)


def timeline(t: dict[str, pd.DataFrame], path: Path) -> None:
    """Each event as a bar from its earliest start to its latest end; without a recorded end (ongoing or unknown)
    the bar covers the start's bounds only and is marked open ("…"), so no end is drawn that the data lacks."""
    reports = t["event_reports"].groupby("event_id")["article_id"].nunique()
    events = t["events"].assign(
        articles=lambda e: e["event_id"].map(reports).fillna(0).astype(int),
        last=lambda e: e["end_max"].fillna(e["start_max"]),
        open_end=lambda e: e["end_basis"].isna(),
    )
    period_start = t["articles"]["published_date_min"].min() - LOOKBACK
    events = events[events["last"] >= period_start].sort_values(["start_min", "last", "event_id"])
    if events.empty:
        return _nothing("No event has a known date", path)
    figure, axes = plt.subplots(figsize=(10, 0.3 * len(events) + 1.2))
    y = list(range(len(events)))
    start = events["start_min"].fillna(period_start)
    width = events["last"] - start + pd.Timedelta(days=1)
    colours = plt.cm.viridis(events["articles"] / len(t["articles"]))
    bars = axes.barh(y, width, left=start, height=0.6, color=colours)
    marks = zip(bars, events["articles"], events["start_min"].isna(), events["open_end"], strict=True)
    for bar, count, open_start, open_end in marks:
        bar.set_hatch("///" if open_start else "")
        bar.set_alpha(0.45 if open_start else 1.0)
        label = f" {'… ' if open_end else ''}{count}"
        axes.text(bar.get_x() + bar.get_width(), bar.get_y() + 0.3, label, va="center", fontsize=7)
    axes.set_yticks(y, events["event_id"], fontsize=7)
    axes.invert_yaxis()
    axes.set_xlim(period_start, events["last"].max() + pd.Timedelta(days=2))
    axes.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%d %b"))
    axes.set_title(
        f"Events known on or after {period_start.day} {period_start:%B %Y}: each bar spans the earliest start to the "
        "latest end (cut at the\n"
        "left edge when earlier; hatched when the start is unknown); '…' = no end recorded (ongoing or unknown), the\n"
        "bar then covers the start only; the number counts the articles reporting the event"
    )
    axes.grid(axis="x", alpha=0.3)
    _save(figure, path)


def accusations(t: dict[str, pd.DataFrame], path: Path) -> None:
    targets = t["statement_targets"][t["statement_targets"]["role"] == "accused"]
    edges = t["statements"].merge(targets, on="statement_id").groupby(["speaker_id", "actor_id"]).size()
    if edges.empty:
        return _nothing("No statement accuses an actor", path)
    actors = t["actors"].set_index("actor_id")
    graph = nx.DiGraph()
    for (speaker, accused), count in edges.items():
        graph.add_edge(speaker, accused, weight=int(count))
    nodes = sorted(graph.nodes)
    countries = actors["country"].reindex(nodes).astype("string").fillna("none")
    palette = {c: plt.cm.tab10(i % 10) for i, c in enumerate(sorted(countries.unique()))}
    layout = nx.spring_layout(graph, seed=7, k=1.2, iterations=200)
    figure, axes = plt.subplots(figsize=(11, 8))
    nx.draw_networkx_nodes(graph, layout, nodelist=nodes, node_color=[palette[c] for c in countries], ax=axes)
    widths = [graph.edges[e]["weight"] for e in graph.edges]
    nx.draw_networkx_edges(graph, layout, width=widths, alpha=0.5, arrowsize=12, ax=axes, node_size=300)
    nx.draw_networkx_labels(graph, layout, labels=actors["name"].reindex(nodes).to_dict(), font_size=7, ax=axes)
    for country, colour in palette.items():
        axes.scatter([], [], color=colour, label=country)
    axes.legend(title="country", loc="lower left", fontsize=7)
    axes.set_title("Who accuses whom: speaker → accused; edge width = statements (any statement with an accused)")
    axes.axis("off")
    _save(figure, path)


def frame(located: pd.DataFrame, events: pd.Series) -> tuple[tuple[float, float], tuple[float, float]]:
    """Longitude and latitude limits: the located places of the country where most events happen (this corpus:
    Syria), else of the places where events happen, else all located places; with a margin."""
    at_events = located[located["place_id"].isin(events.index)]
    country = (
        at_events["country"].repeat(at_events["place_id"].map(events).fillna(0).astype(int)).dropna().mode()
        if len(at_events)
        else pd.Series(dtype="string")
    )
    where = located[located["country"] == country.sort_values().iloc[0]] if len(country) else at_events
    where = where if len(where) else located
    longitude, latitude = where["longitude"].astype(float), where["latitude"].astype(float)
    return (
        (longitude.min() - MARGIN, longitude.max() + MARGIN),
        (latitude.min() - MARGIN, latitude.max() + MARGIN),
    )


def _nothing(title: str, path: Path) -> None:
    """A picture that says there is nothing to draw (a new corpus): the file exists, and says why it is empty."""
    figure, axes = plt.subplots(figsize=(6, 1.5))
    axes.text(0.5, 0.5, title, ha="center", va="center")
    axes.axis("off")
    _save(figure, path)


def places(t: dict[str, pd.DataFrame], path: Path) -> None:
    events = t["events"]["place_id"].value_counts()
    located = t["places"].dropna(subset=["latitude", "longitude"]).sort_values("place_id")
    if located.empty:
        return _nothing(f"No place named has a point ({len(t['places'])} without: see places.notes)", path)
    FRAME = frame(located, events)
    inside = located["longitude"].between(*FRAME[0]) & located["latitude"].between(*FRAME[1])
    outside = ", ".join(located.loc[~inside, "name"])
    missing = int(t["places"]["latitude"].isna().sum())
    figure, axes = plt.subplots(figsize=(9, 8))
    for precision, marker in PRECISION_MARKERS.items():
        group = located[inside & (located["coordinate_precision"] == precision)]
        if group.empty:  # a precision no place has: no empty legend entry
            continue
        sizes = 30 + 40 * group["place_id"].map(events).fillna(0)
        axes.scatter(group["longitude"], group["latitude"], s=sizes, marker=marker, label=precision, alpha=0.7)
    for row in located[inside].itertuples():
        axes.annotate(row.name, (row.longitude, row.latitude), fontsize=7, xytext=(4, 4), textcoords="offset points")
    axes.set_xlim(*FRAME[0])
    axes.set_ylim(*FRAME[1])
    axes.set_aspect(1 / 0.82)  # roughly 1 / cos(35°): degrees of longitude are shorter at this latitude
    axes.set_xlabel("longitude")
    axes.set_ylabel("latitude")
    axes.legend(title="precision (size: events there)", fontsize=7, loc="best")
    axes.set_title(
        f"Places named that have a point: {int(inside.sum())} here; outside this frame: {outside or 'none'};\n"
        f"{missing} places named have no point yet (see places.notes)"
    )
    axes.grid(alpha=0.3)
    _save(figure, path)


def most_labelled(t: dict[str, pd.DataFrame]) -> tuple[str | None, str]:
    """The actor the outlets label most (most mentions of kind label, then of any kind; ties by id) and its
    shortest alias (its name when it has none): in this corpus HTS, in another whichever actor it is."""
    mentions = t["mentions"].sort_values("actor_id")
    ranked = mentions.loc[mentions["kind"] == "label", "actor_id"].value_counts(sort=True)
    ranked = ranked if len(ranked) else mentions["actor_id"].value_counts(sort=True)
    if not len(ranked):
        return None, "(no actor mentioned)"
    actor = str(ranked.index[0])
    aliases = t["actor_aliases"].loc[t["actor_aliases"]["actor_id"] == actor, "alias"].astype(str)
    names = t["actors"].loc[t["actors"]["actor_id"] == actor, "name"].astype(str)
    return actor, min(aliases, key=lambda a: (len(a), a)) if len(aliases) else names.iloc[0]


def labels(t: dict[str, pd.DataFrame], path: Path) -> None:
    outlets = t["articles"].set_index("article_id")["outlet"].astype("string").fillna("(outlet not identified)")
    actor, shown = most_labelled(t)
    if actor is None:
        return _nothing("No actor is mentioned", path)
    hts = t["mentions"][t["mentions"]["actor_id"] == actor]
    words = hts["text"].str.lower() + " (" + hts["kind"].astype("string") + ", " + hts["voice"].astype("string") + ")"
    counts = pd.crosstab(words, hts["article_id"].map(outlets)).sort_index()
    figure, axes = plt.subplots(figsize=(8, 0.3 * len(counts) + 1.5))
    axes.imshow(counts.to_numpy(), cmap="Blues", aspect="auto")
    for (row, column), value in pd.DataFrame(counts.to_numpy()).stack().items():
        if value:
            axes.text(column, row, str(value), ha="center", va="center", fontsize=7)
    axes.set_xticks(range(len(counts.columns)), counts.columns, rotation=30, ha="right")
    axes.set_yticks(range(len(counts.index)), counts.index, fontsize=7)
    axes.set_title(
        f"How each outlet names and labels {shown} (kind, voice: the outlet's own words,\na speaker's quoted words, "
        "or the outlet's paraphrase of a speaker)"
    )
    _save(figure, path)


PICTURES = {
    "timeline.png": timeline,
    "accusations.png": accusations,
    "places.png": places,
    "labels.png": labels,
}


def draw(package: Path, out: Path) -> list[Path]:
    """Every picture from the package's tables into `out`."""
    frames = read(package)
    out.mkdir(parents=True, exist_ok=True)
    with plt.rc_context(STYLE):
        for name, picture in PICTURES.items():
            picture(frames, out / name)
    return [out / name for name in PICTURES]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m news_statements.pictures", description=__doc__.split("\n\n")[0])
    parser.add_argument("package", type=Path, nargs="?", help="package folder (default: <corpus>/datasets)")
    parser.add_argument("--corpus", type=Path, default=ROOT, help="the corpus folder (default: this repository)")
    parser.add_argument("--out", type=Path, help="where the PNG files go (default: <corpus>/docs/pictures)")
    args = parser.parse_args(argv)
    args.package = args.package or args.corpus / "datasets"
    args.out = args.out or args.corpus / "docs" / "pictures"
    from news_statements.validation.cli import main as validate

    if validate([str(args.package), "--format", "csv"]) != 0:
        print(f"{args.package}: the package is not valid (see above); no picture drawn", file=sys.stderr)
        return 1
    try:
        drawn = draw(args.package, args.out)
    except LoadError as err:
        print(f"{args.package}: {err}", file=sys.stderr)
        return 2
    print("drew " + ", ".join(str(p) for p in drawn))
    return 0


if __name__ == "__main__":
    sys.exit(main())
