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
    first = out.split("2. How each outlet labels HTS")[0]
    laid = csv("statement_events").query("relation == 'accuses_of'").merge(csv("events"), on="event_id")
    assert len(laid) > 0
    assert all(title[:60] in first for title in laid["title"]), "an event a statement accuses of is not shown"
    assert "3. Timeline of events" in out
    assert "takfiri terrorists" in out  # Kayhan's label for HTS
    assert "hts-offensive-launch-2024-11-27" in out
    assert "4. Events by place" in out and "GeoNames record 170063" in out  # Aleppo's point and its basis
    assert "5. How each outlet labels HTS, in its own voice" in out and "(the outlet)" in out
    assert "6. Events by place, article by article" in out
    events, named = events_and_names("newsline-araghchi-damascus", "western-aleppo")
    assert re.search(
        rf"newsline-araghchi-damascus +western-aleppo +{events} +{named} +36\.21077 +36\.8386 +region", out
    )
    assert "7. Killed claimed during the offensive, as ranges" in out
    # Kayhan's four civilians, told twice (the outlet's "at least four", state media's "four"), count once:
    count = csv("figures").query("count_id == 'aleppo-university-residence-4-civilians-killed'")
    assert len(count) > 1 and count["high"].isna().any()  # (told twice, one of them open: "at least four")
    assert re.search(rf"aleppo-university-residence-4-civilians-killed +{int(count['low'].min())} +\(open\)", out)
    assert re.search(rf"total +{killed_since_the_launch()} +\(open\)", out)
    assert "8. Acts of saying by speaker" in out
    # Bagheri: one of his statements is the lede's repeat of another (a shared claim_id), counted once as an act;
    # Belousov speaks only in joint statements ("the high-ranking officials agreed", "They also called on")
    acts, reports = acts_and_reports("mohammad-bagheri")
    assert acts < reports and re.search(rf"Mohammad Bagheri +{acts} +{reports}\n", out)
    acts, reports = acts_and_reports("andrei-belousov")
    assert reports > 0 and re.search(rf"Andrei Belousov +{acts} +{reports}\n", out)


def csv(table: str) -> pd.DataFrame:
    return pd.read_csv(DATASETS / f"{table}.csv")


def acts_and_reports(actor_id: str) -> tuple[int, int]:
    """Acts of saying (a shared claim_id once) and statements of a speaker, joint statements included, from the CSV
    files: derived, so that a correct new article that quotes the speaker again does not break the test."""
    said = csv("statement_speakers").merge(csv("statements")[["statement_id", "claim_id"]], on="statement_id")
    mine = said[said["actor_id"] == actor_id]
    return mine["claim_id"].fillna(mine["statement_id"]).nunique(), mine["statement_id"].nunique()


def events_and_names(article_id: str, place_id: str) -> tuple[int, int]:
    """Events an article reports that are placed at a place, and the times it names the place (from the CSV files)."""
    reports, events, names = csv("event_reports"), csv("events"), csv("place_mentions")
    reported = set(reports.loc[reports["article_id"] == article_id, "event_id"])
    placed = events["event_id"].isin(reported) & (events["place_id"] == place_id)
    return int(placed.sum()), int(((names["article_id"] == article_id) & (names["place_id"] == place_id)).sum())


def killed_since_the_launch() -> int:
    """The lower bound of the killed claimed in events that began on or after the launch, each count once, from the
    CSV files (derived, so that a correct new article does not break the test)."""
    figures = pd.read_csv(ROOT / "datasets" / "figures.csv")
    events = pd.read_csv(ROOT / "datasets" / "events.csv", parse_dates=["start_min"]).set_index("event_id")
    killed = figures[(figures["measure"] == "killed") & (figures["event_id"].map(events["start_min"]) >= "2024-11-27")]
    return int(killed.groupby(killed["count_id"].fillna(killed["figure_id"]))["low"].min().sum())
