"""The SQLite database: every table with its keys and rows, foreign keys that hold, full-text search, the views,
Datasette metadata generated from the schema, the same bytes from the same package, and the tour that uses it."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from news_statements.database import database_name, datasette_metadata, views, write_database
from news_statements.metadata import tables

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    return write_database(ROOT / "datasets", tmp_path_factory.mktemp("db") / database_name())


def test_every_table_has_its_rows_primary_key_and_foreign_keys(database):
    db = sqlite3.connect(database)
    for name, table in tables().items():
        rows = db.execute(f"select count(*) from [{name}]").fetchone()[0]
        assert rows == len(pd.read_csv(ROOT / "datasets" / f"{name}.csv")), name
        key = [row[1] for row in sorted(db.execute(f"pragma table_info([{name}])"), key=lambda r: r[5]) if row[5]]
        assert key == list(table.primary_key), name
        declared = {(fk["fields"][0], fk["reference"]["resource"]) for fk in table.foreign_keys}
        assert {(row[3], row[2]) for row in db.execute(f"pragma foreign_key_list([{name}])")} == declared, name
    assert db.execute("pragma foreign_key_check").fetchall() == []


def csv(table: str) -> pd.DataFrame:
    return pd.read_csv(ROOT / "datasets" / f"{table}.csv")


def speakers_and_outlets_saying(phrase: str) -> list[tuple[str, str]]:
    """(speaker, outlet) of every statement whose text holds the phrase, from the CSV files: derived, so that a
    correct new article that reports the same words again does not break the test."""
    statements, actors, articles = csv("statements"), csv("actors"), csv("articles")
    saying = statements[statements["text"].str.contains(phrase, regex=False)]
    names, outlets = actors.set_index("actor_id")["name"], articles.set_index("article_id")["outlet"]
    return sorted(zip(saying["speaker_id"].map(names), saying["article_id"].map(outlets), strict=True))


def test_full_text_search_finds_a_phrase_of_a_statement(database):
    db = sqlite3.connect(database)
    found = db.execute(
        "select speaker, outlet from statement_details where statement_rowid in "
        "(select rowid from statements_fts where statements_fts match '\"dangerous scenario for the region\"')"
    ).fetchall()
    expected = speakers_and_outlets_saying("dangerous scenario for the region")
    assert ("Mohammad Bagheri", "IFP News") in expected  # (Bagheri's words, as IFP News reports them)
    assert sorted(found) == expected
    assert db.execute("select count(*) from articles_fts where articles_fts match 'Aleppo'").fetchone()[0] >= 4


def test_events_placed_only_at_a_country_have_no_point_on_the_events_map(database):
    db = sqlite3.connect(database)
    rows = db.execute("select coordinate_precision, latitude is null, count(*) from event_details group by 1, 2")
    points = {(precision, bool(missing)): count for precision, missing, count in rows if precision}
    assert points.get(("country", True), 0) > 0 and ("country", False) not in points
    assert points.get(("settlement", False), 0) > 0  # (a city keeps its point)


def test_the_views_answer_their_questions(database):
    db = sqlite3.connect(database)
    assert {name for (name,) in db.execute("select name from sqlite_master where type = 'view'")} == set(views())
    accusations = db.execute("select count(*) from accusations where accused = 'Israel'").fetchone()[0]
    assert accusations > 0
    launch = "hts-offensive-launch-2024-11-27"  # (its place and count of articles, derived from the CSV files)
    events, places, reports = (
        pd.read_csv(ROOT / "datasets" / f"{table}.csv") for table in ["events", "places", "event_reports"]
    )
    place = places.set_index("place_id").loc[events.set_index("event_id").loc[launch, "place_id"], "name"]
    articles = reports.loc[reports["event_id"] == launch, "article_id"].nunique()
    found = db.execute("select place, articles from event_details where event_id = ?", (launch,)).fetchone()
    assert found == (place, articles)
    labels = db.execute("select sum(mentions) from labels_by_outlet").fetchone()[0]
    assert labels == len(pd.read_csv(ROOT / "datasets" / "mentions.csv"))


def test_the_same_package_gives_the_same_bytes(database, tmp_path):
    assert write_database(ROOT / "datasets", tmp_path / database_name()).read_bytes() == database.read_bytes()


def test_datasette_metadata_comes_from_the_schema_and_the_views():
    tables_meta = datasette_metadata()["databases"][database_name().removesuffix(".db")]["tables"]
    for name, table in tables().items():
        assert tables_meta[name]["description"] == table.description
        assert tables_meta[name]["columns"] == {f.name: f.description for f in table.fields}
    assert tables_meta["statement_details"]["fts_table"] == "statements_fts"
    assert all(tables_meta[name]["title"] and tables_meta[name]["description"] for name in views())


def test_the_tour_answers_four_questions_and_points_at_the_pictures(database):
    command = [sys.executable, "examples/tour.py", "--database", str(database), "--root", "."]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert [line for line in result.stdout.splitlines() if line[:2] in ("1.", "2.", "3.", "4.")] == [
        "1. Who accuses whom most often?",
        "2. How does each outlet label HTS? (its three commonest descriptors, not names)",
        "3. Which events do most articles report, and where?",
        "4. What do Iranian speakers say about 'Takfiri' groups? (full-text search)",
    ]
    speaker, accused, statements = most_frequent_accusation()
    assert re.search(rf"\n   {speaker} +{accused} +{statements} ", result.stdout), result.stdout
    assert "takfiri terrorists" in result.stdout
    assert "(no rows)" not in result.stdout and "docs/pictures/timeline.png" in result.stdout


def most_frequent_accusation() -> tuple[str, str, int]:
    """The tour's first answer's first row (speaker, accused, statements), from the CSV files."""
    names = csv("actors").set_index("actor_id")["name"]
    accused = csv("statement_targets").query("role == 'accused'").merge(csv("statements"), on="statement_id")
    pairs = accused.assign(speaker=accused["speaker_id"].map(names), accused=accused["actor_id"].map(names))
    counts = pairs.groupby(["speaker", "accused"]).size().rename("n").reset_index()
    top = counts.sort_values(["n", "speaker", "accused"], ascending=[False, True, True]).iloc[0]
    return top["speaker"], top["accused"], int(top["n"])


def test_the_tour_says_how_to_get_a_database(tmp_path):
    command = [sys.executable, str(ROOT / "examples" / "tour.py"), "--database", str(tmp_path / "none.db")]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 2 and "make database" in result.stdout


def test_make_serve_without_a_database_says_how_to_build_one(tmp_path):
    command = ["make", "-s", "-C", str(tmp_path), "-f", str(ROOT / "Makefile"), "serve"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "no database: run 'make database' (or 'make release') first" in result.stderr


def test_the_accusations_view_keeps_an_accused_target_whatever_the_code(database):
    """An actor accused by a statement that is not coded ACCUSE (e.g. an outlet's own statement coded 010) is
    in the view too, with the code shown."""
    with sqlite3.connect(database) as db:
        expected = db.execute("select count(*) from statement_targets where role = 'accused'").fetchone()[0]
        rows = db.execute("select count(*), count(distinct plover) from accusations").fetchone()
        other = db.execute("select count(*) from accusations where plover is not 'ACCUSE'").fetchone()[0]
    assert rows[0] == expected
    assert other > 0


def test_the_accusations_view_shows_what_each_accusation_is_about(database):
    """`about` lists the events each accusing statement is about (statement_events), and is null for a statement
    whose text names none."""
    with sqlite3.connect(database) as db:
        expected = db.execute(
            "select count(distinct t.statement_id) from statement_targets as t join statement_events as e"
            " on e.statement_id = t.statement_id where t.role = 'accused'"
        ).fetchone()[0]
        about = db.execute("select count(distinct statement_id) from accusations where about is not null").fetchone()
        listed = db.execute(
            "select count(*) from accusations as a join statement_events as e on e.statement_id = a.statement_id"
            " where instr('; ' || a.about || '; ',"
            " '; ' || e.event_id || ' (' || e.relation || coalesce(' ' || e.accused_id, '') || '); ') = 0"
        ).fetchone()[0]
    assert about[0] == expected > 0
    assert listed == 0


def test_the_accusations_view_says_what_each_accused_is_accused_of(database):
    """`accused_of` lists, for each accused, the titles of the events its statement lays on it (relation
    accuses_of, with no accused_id or this accused's), and no event of another relation or laid on another
    accused. Every expected pair is derived from the tables."""
    with sqlite3.connect(database) as db:
        shown = db.execute("select statement_id, accused_id, accused_of from accusations").fetchall()
        laid = db.execute(
            "select t.statement_id, t.actor_id, ev.title, e.relation, e.accused_id from statement_targets as t"
            " join statement_events as e on e.statement_id = t.statement_id"
            " join events as ev on ev.event_id = e.event_id where t.role = 'accused'"
        ).fetchall()
    listed = {(s, a): set(filter(None, (of or "").split("; "))) for s, a, of in shown}
    expected: dict[tuple[str, str], set[str]] = {}
    for statement, actor, title, relation, only in laid:
        if relation == "accuses_of" and only in (None, actor):
            expected.setdefault((statement, actor), set()).add(title)
    assert {k: v for k, v in listed.items() if v} == expected
    assert any(relation != "accuses_of" for *_, relation, _ in laid)  # the view leaves other relations out
    assert any(only is not None for *_, only in laid)  # and an event laid on one accused of several


def test_search_matches_words_by_their_stem(database):
    """The full-text index stems words (porter): the singular, the plural and the prefix find the same statements."""
    query = "select count(*) from statements_fts where statements_fts match ?"
    with sqlite3.connect(database) as db:
        counts = [db.execute(query, (word,)).fetchone()[0] for word in ("terrorist", "terrorists", "terrorist*")]
    assert counts[0] == counts[1] == counts[2] > 0
