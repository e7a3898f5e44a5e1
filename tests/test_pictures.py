"""The pictures are deterministic, and nothing is drawn from a package that fails validation. That the committed
docs/pictures/ are current is checked at release (tests/test_release.py): `make release` redraws them."""

from __future__ import annotations

import shutil
from pathlib import Path

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
