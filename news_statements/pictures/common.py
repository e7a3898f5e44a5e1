"""What every picture shares: the style, saving without a timestamp, and the picture that says it is empty."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only: no display is ever opened
import matplotlib.pyplot as plt
import pandas as pd

STYLE = {
    "font.family": "DejaVu Sans",  # bundled with matplotlib: the same glyphs on every machine
    "font.size": 9,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "svg.hashsalt": "news-statements",
    "axes.spines.top": False,
    "axes.spines.right": False,
}
Tables = dict[str, pd.DataFrame]


def save(figure: plt.Figure, path: Path) -> None:
    """PNG without the software/date metadata, so that the same tables give the same bytes."""
    figure.savefig(path, format="png", metadata={"Software": None}, bbox_inches="tight")
    plt.close(figure)


def nothing(title: str, path: Path) -> None:
    """A picture that says there is nothing to draw (a new corpus): the file exists, and says why it is empty."""
    figure, axes = plt.subplots(figsize=(6, 1.5))
    axes.text(0.5, 0.5, title, ha="center", va="center")
    axes.axis("off")
    save(figure, path)


def names(t: Tables) -> pd.Series:
    """actor_id -> the actor's preferred name."""
    return t["actors"].set_index("actor_id")["name"].astype("string")
