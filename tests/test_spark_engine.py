"""The declared rules on Spark SQL (transpiled by sqlglot from the files DuckDB runs) find what DuckDB finds.

Damaged copies of the fixture package (the damages of tests/test_validation_rules.py, several to a copy) are
written as packages and validated by both engines in local mode; the failures must be the same, row for row
(table, row, key, field, value, message), and every declared rule but the twins rule (which compares two
formats; Spark reads Parquet only) must fail somewhere, so that no rule's agreement is vacuous.
"""

from __future__ import annotations

import importlib.util
import shutil
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from news_statements.failures import as_frame
from news_statements.package import write_files
from news_statements.validation import cli, rules, spark_engine
from tests.test_validation_rules import (
    MENTION_VOICE_CASES,
    _about,
    _another_article,
    _edit,
    _second_figure,
    _span,
)

IRAN = "mini-iran-supports-syria"


def _every_rule_broken(frames: dict[str, pd.DataFrame]) -> None:
    """One damage per rule, all in one copy (they overlap: only the two engines' agreement is asserted)."""
    _another_article(frames)
    for edits, _ in MENTION_VOICE_CASES.values():
        _edit(frames, edits)
    st, actors = frames["statements"], frames["actors"]
    st.loc[0, ["speaker_id", "claim_id", "cameo", "plover", "notes"]] = ["nobody", "lonely", "111", "ACCUSE", "Hm."]
    st.loc[1, ["date", "date_min", "date_max"]] = pd.Timestamp("2025-01-01")
    st.loc[0, "article_id"] = "other"  # (the figure below points to it)
    frames["figures"].loc[0, ["char_end", "statement_id", "qualifier"]] = [100_000, st.loc[0, "statement_id"], "about"]
    frames["figures"].loc[0, "count_id"] = "one-count"
    _second_figure(frames, measure="injured", low=1, high=5, qualifier="range", value=None)
    frames["events"].loc[0, "plover"] = "AID"
    aliases = frames["actor_aliases"]
    aliases.loc[len(aliases)] = ["iran", "Persia"]
    aliases.loc[len(aliases)] = ["syria", "Iran"]
    names = frames["mentions"]["kind"] == "name"
    frames["mentions"].loc[names.idxmax(), "actor_id"] = "syria-army"
    frames["statement_speakers"].loc[0, "role"] = "joint"
    frames["articles"].loc[0, "text_sha256"] = "0" * 64
    frames["places"].loc[0, ["latitude", "longitude", "coordinate_precision", "coordinate_basis", "notes"]] = None
    for row, parent in {0: 1, 1: 2, 2: 1}.items():  # (0 leads into the cycle 1 → 2 → 1)
        actors.loc[row, "parent_actor_id"] = actors.loc[parent, "actor_id"]
    for name, outer in {IRAN: "b", "b": "c", "c": "b", "d": IRAN}.items():
        _span(frames, name, 10, 48, nested_in=outer)
    _span(frames, "straddles", 40, 60, nested_in="mini-araghchi-stands-with-syria")
    _about(frames, IRAN, "supports Syria", relation="accuses_of")  # (no accused target)
    st = frames["statements"]  # (_span gave it new rows: a new frame)
    araghchi = st.index[st["statement_id"] == "mini-araghchi-stands-with-syria"][0]
    outlets = frames["articles"].set_index("article_id")["outlet_actor_id"]
    st.loc[araghchi, "speaker_id"] = outlets[st.loc[araghchi, "article_id"]]  # (the outlet's narration, claims)
    _about(frames, "mini-araghchi-stands-with-syria", "Syria", relation="claims")


def _cycles_of_three_and_an_unreadable_table(frames: dict[str, pd.DataFrame]) -> None:
    """Cycles of three parents and of three nested statements, an actor its own parent, a count of one figure, half
    a content span; mentions.parquet is then made unreadable (the rules that need it are skipped)."""
    actors = frames["actors"]
    for row, parent in {0: 1, 1: 2, 2: 0}.items():
        actors.loc[row, "parent_actor_id"] = actors.loc[parent, "actor_id"]
    for name, outer in {IRAN: "b", "b": "c", "c": IRAN}.items():
        _span(frames, name, 10, 48, nested_in=outer)
    frames["actors"].loc[3, "parent_actor_id"] = frames["actors"].loc[3, "actor_id"]
    frames["figures"].loc[0, "count_id"] = "a-count-of-one"
    frames["statements"].loc[0, "content_end"] = None


COPIES = {"every-rule-broken": _every_rule_broken, "cycles-and-unreadable": _cycles_of_three_and_an_unreadable_table}


@pytest.fixture(scope="module")
def spark():
    why = spark_engine.unavailable()
    if why:
        pytest.skip(f"Spark cannot run here ({why}); .ci/run installs pyspark and a Java runtime")
    session = spark_engine.spark_session(memory="1g")
    yield session
    session.stop()


def damaged_copy(mini_frames, folder: Path, damage) -> Path:
    frames = {
        n: f.drop(columns=[c for c in ("_file", "_line") if c in f]).copy(deep=True) for n, f in mini_frames.items()
    }
    damage(frames)
    write_files(frames, folder / "copy")
    if damage is _cycles_of_three_and_an_unreadable_table:
        (folder / "copy" / "mentions.parquet").write_bytes(b"not parquet")
    return folder / "copy"


@pytest.fixture(scope="module")
def both_engines(spark, mini_frames, tmp_path_factory) -> dict[str, tuple[pd.DataFrame, pd.DataFrame, set[str]]]:
    """Each damaged copy validated by the DuckDB path (its Parquet files) and by Spark: DuckDB's failures, Spark's
    and the tables Spark could not read."""
    found = {}
    for name, damage in COPIES.items():
        copy = damaged_copy(mini_frames, tmp_path_factory.mktemp(name), damage)
        on_spark, unreadable = spark_engine.run(spark, copy, layer1=cli.layer1_of)
        found[name] = (
            as_frame(cli.validate(copy, ["parquet"])),
            pd.DataFrame(on_spark, columns=spark_engine.FIELDS),
            unreadable,
        )
    return found


def _rows(found: pd.DataFrame) -> Counter:
    """The failures as comparable tuples (the row as text: DuckDB's frame may hold it as a float)."""
    found = found.astype(object).where(found.notna(), None)
    rows = [None if r is None else str(int(r)) for r in found["row"]]
    return Counter(
        zip(found["table"], rows, found["key"], found["column"], found["value"], found["message"], strict=True)
    )


@pytest.mark.slow
@pytest.mark.parametrize("copy", COPIES)
def test_spark_finds_the_failures_duckdb_finds(both_engines, copy):
    duckdb, spark, unreadable = both_engines[copy]
    assert set(unreadable) == set(duckdb.loc[(duckdb["layer"] == "read") & (duckdb["column"] == "(file)"), "table"])
    assert _rows(spark) == _rows(duckdb[duckdb["layer"].isin(["table", "cross-table"])])
    assert len(spark) > 10


@pytest.mark.slow
def test_every_declared_rule_fails_on_some_damaged_copy(both_engines):
    """(The twins rule compares the two formats of a copy: Spark reads Parquet only.)"""
    rules_run = pd.concat([spark[spark["layer"] == "cross-table"] for _, spark, _ in both_engines.values()])
    failed = {name.split()[0] for name in rules_run["rule"]}
    declared = {rule.name.split()[0] for rule in rules.rules() if not rule.name.startswith(rules.TWINS)}
    assert failed - {"(rules)"} == declared


def test_an_unreadable_parquet_file_is_named_by_its_root_cause():
    error = Exception(
        "An error occurred while calling o540.parquet.\n: org.x.SparkException: Job aborted\n"
        "Caused by: java.lang.RuntimeException: file:/c/m.parquet is not a Parquet file (length is too low: 11)"
    )
    assert spark_engine._first_line(error) == "file:/c/m.parquet is not a Parquet file (length is too low: 11)"


def test_without_pyspark_the_engine_says_so_in_one_line(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    assert spark_engine.unavailable() == "--engine spark needs pyspark: pip install 'syria-offensive-2024[spark]'"


def test_without_java_the_engine_says_so_in_one_line(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: object())
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.delenv("JAVA_HOME", raising=False)
    assert spark_engine.unavailable() == "--engine spark needs a Java runtime (17 or later) on the PATH or in JAVA_HOME"


def test_every_rule_transpiles_to_spark_sql():
    """sqlglot turns DuckDB's spellings into Spark's (sha256 into sha2, VARCHAR into STRING)."""
    transpiled = {rule.name: spark_engine.spark_sql(rule.sql) for rule in rules.rules()}
    assert "SHA2(" in transpiled["text_hash"] and "VARCHAR" not in " ".join(transpiled.values())


@pytest.mark.slow
def test_validate_with_engine_spark_reports_a_damaged_copy_with_row_and_key(spark, mini_frames, tmp_path, capsys):
    """The command line on Spark (the session the fixture started is taken): the rules' lines as on DuckDB."""
    copy = damaged_copy(mini_frames, tmp_path, _cycles_of_three_and_an_unreadable_table)
    code = cli.main([str(copy), "--engine", "spark"])
    lines = capsys.readouterr().out.splitlines()
    assert code == 1
    assert (
        "[cross-table] actors.parquet row 2 (actor_id abbas-araghchi): parent_actor_id: actor's parent chain comes "
        "back to the actor (a cycle of 3 actors) (got 'iran')" in lines
    )
    assert lines[-1].endswith("(layers: table and cross-table on Spark, frictionless; formats: parquet)")


def test_engine_spark_reads_parquet_only(capsys):
    assert cli.main(["datasets", "--engine", "spark", "--format", "both"]) == 2
    assert capsys.readouterr().err == "--engine spark reads the Parquet files only (got --format both)\n"


def test_engine_spark_without_pyspark_is_one_line_and_exit_2(monkeypatch, capsys):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    assert cli.main(["datasets", "--engine", "spark"]) == 2
    assert capsys.readouterr().err == "--engine spark needs pyspark: pip install 'syria-offensive-2024[spark]'\n"
