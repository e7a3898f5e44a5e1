"""The ways people use the dataset, as a new user would try them, on the committed datasets/."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
from frictionless import Package

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "datasets"


def test_plain_read_csv_keeps_what_the_readme_promises():
    statements = pd.read_csv(DATASETS / "statements.csv", dtype={"cameo": "string"})
    assert statements["cameo"].str.len().ge(2).all() and statements["cameo"].str.startswith("0").any()
    articles = pd.read_csv(DATASETS / "articles.csv")
    text = articles.set_index("article_id")["text"]
    row = statements.iloc[0]
    assert text[row["article_id"]][row["char_start"] : row["char_end"]] == row["text"]


def test_plain_read_parquet_gives_typed_columns():
    figures = pd.read_parquet(DATASETS / "figures.parquet")
    assert str(figures["value"].dtype) == "Int64"
    assert len(figures) == len(pd.read_csv(DATASETS / "figures.csv"))


def test_duckdb_reads_csv_and_parquet_alike():
    con = duckdb.connect()
    parquet = con.execute(
        f"select count(*), count(distinct speaker_id) from '{DATASETS / 'statements.parquet'}'"
    ).fetchone()
    csv = con.execute(
        f"select count(*), count(distinct speaker_id) from read_csv_auto('{DATASETS / 'statements.csv'}')"
    ).fetchone()
    assert parquet == csv and parquet[0] > 0


def test_frictionless_opens_the_package():
    package = Package(str(DATASETS / "datapackage.json"))
    rows = package.get_table_resource("statements").read_rows()
    assert len(rows) == len(pd.read_csv(DATASETS / "statements.csv"))


def test_the_worked_example_answers_its_questions():
    result = subprocess.run(
        [sys.executable, "examples/questions.py"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "1. Who accused whom of what" in out and "2. How each outlet labels HTS" in out
    assert "3. Timeline of events" in out
    assert "takfiri terrorists" in out  # Kayhan's label for HTS
    assert "hts-offensive-launch-2024-11-27" in out
    assert "4. Events by place" in out and "GeoNames record 170063" in out  # Aleppo's point and its basis
    assert "5. How each outlet labels HTS, in its own voice" in out and "(the outlet)" in out
    assert "6. Events by place, article by article" in out
    assert re.search(r"newsline-araghchi-damascus +western-aleppo +1 +1 +36\.21077 +36\.8386 +region", out)
    assert "7. Killed claimed during the offensive, as ranges" in out
    # Kayhan's four civilians, told twice (the outlet's "at least four", state media's "four"), count once:
    assert re.search(r"aleppo-university-residence-4-civilians-killed +4 +\(open\)", out)
    assert re.search(rf"total +{killed_since_the_launch()} +\(open\)", out)
    assert "8. Acts of saying by speaker" in out
    # Bagheri: four statements, one of them the lede's repeat of another (shared claim_id) -> three acts;
    # Belousov speaks only in the two joint statements ("the high-ranking officials agreed", "They also called on")
    assert re.search(r"Mohammad Bagheri +3 +4\n", out) and re.search(r"Andrei Belousov +2 +2\n", out)


def killed_since_the_launch() -> int:
    """The lower bound of the killed claimed in events that began on or after the launch, each count once, from the
    CSV files (derived, so that a correct new article does not break the test)."""
    figures = pd.read_csv(ROOT / "datasets" / "figures.csv")
    events = pd.read_csv(ROOT / "datasets" / "events.csv", parse_dates=["start_min"]).set_index("event_id")
    killed = figures[(figures["measure"] == "killed") & (figures["event_id"].map(events["start_min"]) >= "2024-11-27")]
    return int(killed.groupby(killed["count_id"].fillna(killed["figure_id"]))["low"].min().sum())
