"""IDs published in a release never disappear silently."""

from __future__ import annotations

import subprocess
import sys

from tests.test_build import ROOT


def release_ids(mini, lines: list[str]) -> None:
    releases = mini / "releases"
    releases.mkdir()
    (releases / "ids-0.1.0.csv").write_text("table,id\n" + "".join(f"{line}\n" for line in lines), encoding="utf-8")


def run(mini, tmp_path):
    out = tmp_path / "out"
    return subprocess.run(
        [
            sys.executable,
            str(ROOT / "build.py"),
            "--curation",
            str(mini / "curation"),
            "--sources",
            str(mini / "sources"),
            "--out",
            str(out),
            "--reports",
            str(tmp_path / "r"),
            "--docs",
            str(tmp_path / "d"),
            "--releases",
            str(mini / "releases"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def test_an_id_published_by_the_last_release_must_not_vanish(mini, tmp_path):
    release_ids(mini, ["actors,iran", "statements,mini-old-statement"])
    result = run(mini, tmp_path)
    assert result.returncode == 1
    assert (
        "ids-0.1.0.csv: statements/mini-old-statement: ID published in release 0.1.0 is missing from this build "
        "(got 'mini-old-statement', expected the ID kept, or an entry in curation/retired_ids.yaml"
    ) in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_retired_id_with_a_reason_may_vanish(mini, tmp_path):
    release_ids(mini, ["statements,mini-old-statement"])
    (mini / "curation" / "retired_ids.yaml").write_text(
        "- {id: mini-old-statement, table: statements, reason: duplicate, merged_into: mini-iran-supports-syria}\n",
        encoding="utf-8",
    )
    assert run(mini, tmp_path).returncode == 0


def test_a_retirement_must_hold(mini, tmp_path):
    release_ids(mini, [])
    (mini / "curation" / "retired_ids.yaml").write_text(
        "- {id: iran, table: actors, reason: oops}\n"
        "- {id: gone, table: statements, reason: merged, merged_into: nowhere}\n",
        encoding="utf-8",
    )
    result = run(mini, tmp_path)
    assert "retired_ids.yaml:1: iran: retired ID is still in use (got 'iran'" in result.stderr
    assert (
        "retired_ids.yaml:2: gone: merged_into is not an ID of the same table in this build (got 'nowhere'"
        in result.stderr
    )
