"""The pictures are deterministic, and nothing is drawn from a package that fails validation. That the committed
docs/pictures/ are current is checked at release (tests/test_release.py): `make release` redraws them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from news_statements.pictures import draw, main

ROOT = Path(__file__).resolve().parent.parent


def test_drawing_twice_gives_the_same_bytes(tmp_path):
    first, second = draw(ROOT / "datasets", tmp_path / "a"), draw(ROOT / "datasets", tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_a_package_that_fails_validation_is_not_drawn(tmp_path, capsys):
    copy = tmp_path / "datasets"
    shutil.copytree(ROOT / "datasets", copy)
    lines = (copy / "actors.csv").read_text(encoding="utf-8").splitlines()
    (copy / "actors.csv").write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")  # a duplicate key
    assert main([str(copy), "--out", str(tmp_path / "pictures")]) == 1
    assert "the package is not valid (see above); no picture drawn" in capsys.readouterr().err
    assert not (tmp_path / "pictures").exists()


def test_near_duplicate_labels_fall_in_one_family_and_names_in_another():
    import pandas as pd

    from news_statements.pictures.relations import label_family

    text = pd.Series(["the terrorists", "Terrorist group", "these terrorist groups", "takfiri terrorists", "HTS"])
    kind = pd.Series(["label", "label", "label", "label", "name"])
    family = label_family(text.astype("string"), kind.astype("string"))
    assert family.iloc[0] == family.iloc[1] == family.iloc[2] != family.iloc[3]
    assert family.iloc[3].startswith("takfiri") and family.iloc[4] == "its name"


def test_a_start_known_only_within_years_is_not_drawn_as_under_way():
    import pandas as pd

    from news_statements.pictures.timeline import _spans

    day = pd.Timestamp
    events = pd.DataFrame(
        {
            "start_min": [day("2017-01-28"), day("2024-11-29"), day("2024-11-27")],
            "start_max": [day("2024-12-03"), day("2024-11-29"), day("2024-11-27")],
            "end_min": [pd.NaT, day("2024-11-29"), pd.NaT],
            "end_max": [pd.NaT, day("2024-11-29"), pd.NaT],
            "end_basis": [None, "relative", None],
        }
    )
    spans = _spans(events, left=day("2024-11-20"))
    assert pd.isna(spans.loc[0, "sure_to"])  # only the span it began in: hatched, not solid
    assert spans.loc[0, "start_from"] == day("2024-11-20")  # cut at the left edge
    assert spans.loc[1, "sure_to"] - spans.loc[1, "sure_from"] == pd.Timedelta(days=1)  # one known day
    assert spans.loc[2, "sure_to"] - spans.loc[2, "sure_from"] == pd.Timedelta(days=1)  # known start, no end


def test_coastlines_and_borders_around_syria_come_from_the_installed_map_data():
    from news_statements.pictures import coast

    box = coast.Box(35.0, 42.0, 32.0, 37.5)
    assert coast.available()
    assert any(kind == 1 for kind, _ in coast.shapes("gshhs", box))  # land
    assert coast.shapes("countries", box)  # borders


def test_tiles_are_numbered_as_leaflet_asks_for_them():
    import numpy as np

    from news_statements.pictures.tiles import mercator

    x, y = mercator(8)(np.array([37.16]), np.array([36.2]))  # Aleppo
    assert (int(x[0]), int(y[0])) == (154, 100)
    x, y = mercator(0)(np.array([-180.0]), np.array([0.0]))
    assert (x[0], y[0]) == (0.0, 0.5)


def test_the_datasette_map_asks_only_for_local_tiles():
    from news_statements.database import datasette_metadata

    config = datasette_metadata()["plugins"]["datasette-cluster-map"]
    assert config["tile_layer"].startswith("/tiles/") and "://" not in config["tile_layer"]


def test_tiles_are_the_same_bytes_each_time_and_replace_those_of_an_earlier_frame(tmp_path, monkeypatch):
    from news_statements.copies import read
    from news_statements.pictures import tiles

    monkeypatch.setattr(tiles, "REGION_ZOOMS", range(4, 5))
    monkeypatch.setattr(tiles, "FOCUS_ZOOMS", range(5, 6))
    frames = read(ROOT / "datasets")
    stale = tmp_path / "a" / "3" / "0" / "0.png"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"an earlier tile")
    first, second = tiles.write_tiles(frames, tmp_path / "a"), tiles.write_tiles(frames, tmp_path / "b")
    assert first and [p.relative_to(tmp_path / "a") for p in first] == [p.relative_to(tmp_path / "b") for p in second]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert not stale.exists()


def test_the_accusations_picture_says_what_each_accused_is_accused_of():
    """The accusations picture's second panel lists, per speaker and accused, the titles of the events the
    statements accuse the actor of (relation accuses_of; one with an accused_id only for that accused), as the
    `accusations` view's `accused_of`. The expected triples are derived from the tables here, independently."""
    from news_statements.copies import read
    from news_statements.pictures.relations import _accused_of_lines, accused_of

    t = read(ROOT / "datasets")
    targets = t["statement_targets"]
    targets = targets[targets["role"] == "accused"]
    speakers = t["statements"].set_index("statement_id")["speaker_id"]
    expected = set()
    for row in t["statement_events"][t["statement_events"]["relation"] == "accuses_of"].itertuples():
        for actor in targets.loc[targets["statement_id"] == row.statement_id, "actor_id"]:
            if pd.isna(row.accused_id) or row.accused_id == actor:
                expected.add((speakers[row.statement_id], actor, row.event_id))
    found = accused_of(t)
    assert set(zip(found["speaker_id"], found["accused_id"], found["event_id"], strict=True)) == expected != set()
    assert t["statement_events"]["accused_id"].notna().any()  # an event laid on one of several accused is tested
    lines = _accused_of_lines(t, pd.Index(found["speaker_id"].unique()), pd.Index(found["accused_id"].unique()))
    text = "\n".join(line for line, _ in lines)
    titles = t["events"].set_index("event_id")["title"]
    assert all(str(titles[e]) in text for e in found["event_id"])
