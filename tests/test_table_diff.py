"""The row-level diff of the built tables (news_statements/table_diff.py) on small tables and on the repository."""

from __future__ import annotations

import pandas as pd

from news_statements import table_diff

OLD = pd.DataFrame({"statement_id": ["a", "b", "c"], "speaker_id": ["iran", "syria", "iraq"], "text": ["x", "y", "z"]})


def test_rows_are_matched_by_key_and_changed_cells_shown():
    new = pd.DataFrame(
        {"statement_id": ["a", "c", "d"], "speaker_id": ["iran", "turkey", "russia"], "text": ["x", "z", "w"]}
    )
    found = table_diff.diff_frames("statements", OLD, new, ["statement_id"])
    assert found.added["statement_id"].tolist() == ["d"]
    assert found.removed["statement_id"].tolist() == ["b"]
    assert found.changed == [("c", [("speaker_id", "iraq", "turkey")])]
    assert table_diff.render(found, ["statement_id"]) == [
        "## statements: 1 added, 1 removed, 1 changed",
        "  + d  speaker_id='russia'  text='w'",
        "  - b  speaker_id='syria'  text='y'",
        "  ~ c",
        "      speaker_id: 'iraq' → 'turkey'",
    ]


def test_a_long_cell_shows_only_the_words_that_changed():
    old = "Reported by all the outlets. " + "Roles: hts led the attack. " * 5
    new = "Reported by ifp and kayhan. " + "Roles: hts led the attack. " * 5
    assert table_diff.cell_change(old, new) == "(words) 'all the outlets.' → 'ifp and kayhan.'"


def test_the_command_compares_the_working_tree_with_a_revision(capsys, tmp_path):
    built = tmp_path / "datasets"
    built.mkdir()
    committed = table_diff.committed("figures", "HEAD")
    assert committed is not None
    frame = table_diff.read_csv(committed)
    frame.loc[0, "value"] = "99999"
    frame.to_csv(built / "figures.csv", index=False)
    assert table_diff.main(["figures", "--datasets", str(built)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## figures: 0 added, 0 removed, 1 changed\n")
    assert "      value: " in out and "→ '99999'" in out
    assert table_diff.main(["statement"]) == 2
