"""`init` and the curator's loop on a corpus folder that is not this repository (tests/fixtures/ficta: one
fictitious article with three attributed statements, a figure, a place and an event report)."""

from __future__ import annotations

import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from news_statements import read
from news_statements.cli import main

FICTA = Path(__file__).parent / "fixtures" / "ficta"


def run(capsys, *args: object) -> tuple[int, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out + err


@pytest.fixture
def corpus(tmp_path: Path, capsys) -> Path:
    """A new corpus folder with the fictitious article added, as a curator would add it."""
    folder = tmp_path / "my-corpus"
    assert run(capsys, "init", folder)[0] == 0
    shutil.copytree(FICTA / "sources", folder / "sources", dirs_exist_ok=True)
    shutil.copytree(FICTA / "curation", folder / "curation", dirs_exist_ok=True)
    return folder


def test_init_writes_a_corpus_folder_with_the_guide_and_a_makefile(tmp_path, capsys):
    code, out = run(capsys, "init", tmp_path / "new")
    assert code == 0, out
    written = {str(p.relative_to(tmp_path / "new")) for p in (tmp_path / "new").rglob("*") if p.is_file()}
    assert {"package.yaml", "Makefile", "curation/README.md", "curation/actors.yaml", "sources/README.md"} <= written
    assert "## Adding an article: the checklist" in (tmp_path / "new" / "curation" / "README.md").read_text()
    assert "name: new\n" in (tmp_path / "new" / "package.yaml").read_text()


def test_init_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine", encoding="utf-8")
    code, out = run(capsys, "init", tmp_path / "full")
    assert code == 2
    assert f"{tmp_path / 'full'}: exists and is not an empty folder; choose a new one" in out
    assert [p.name for p in (tmp_path / "full").iterdir()] == ["notes.txt"]


def test_a_new_corpus_builds_and_validates_before_any_article(tmp_path, capsys):
    assert run(capsys, "init", tmp_path / "empty")[0] == 0
    code, out = run(capsys, "check", tmp_path / "empty")
    assert code == 0, out
    assert "datasets: valid" in out


def test_a_folder_without_package_yaml_is_not_a_corpus(tmp_path, capsys):
    code, out = run(capsys, "build", tmp_path)
    assert code == 2
    assert "not a corpus folder (no package.yaml" in out


def test_a_corpus_is_built_validated_loaded_browsed_drawn_and_released(corpus, capsys):
    code, out = run(capsys, "check", corpus)
    assert code == 0, out
    frames = read(corpus / "datasets")
    statements = frames["statements"].set_index("statement_id")
    assert statements.loc["ficta-norland-accuses-ostria", "speaker_id"] == "norland-foreign-ministry"
    assert len(statements) == 3 and len(frames["figures"]) == 1 and len(frames["places"]) == 1
    assert run(capsys, "database", corpus)[0] == 0
    with sqlite3.connect(corpus / "dist" / "my-corpus.db") as db:
        search = (
            "SELECT s.statement_id FROM statements AS s JOIN statements_fts AS f ON f.rowid = s.rowid "
            "WHERE statements_fts MATCH 'responsibility'"
        )
        assert [row[0] for row in db.execute(search)] == ["ficta-varga-ostria-responsible"]
        speakers = db.execute("SELECT speaker_id, count(*) FROM statements GROUP BY 1 ORDER BY 1").fetchall()
    assert speakers == [("lena-varga", 1), ("norland-foreign-ministry", 1), ("ostria-government", 1)]
    assert run(capsys, "pictures", corpus)[0] == 0
    assert sorted(p.name for p in (corpus / "docs" / "pictures").glob("*.png")) == [
        "accusations.png",
        "figures.png",
        "labels.png",
        "places.png",
        "statements_per_day.png",
        "timeline.png",
    ]
    code, out = run(capsys, "release", corpus)
    assert code == 0, out
    with zipfile.ZipFile(corpus / "dist" / "my-corpus-0.1.0.zip") as zf:
        names = set(zf.namelist())
    assert {"my-corpus-0.1.0/datasets/datapackage.json", "my-corpus-0.1.0/my-corpus.db"} <= names
    assert (corpus / "releases" / "ids-0.1.0.csv").is_file()


def test_a_curation_mistake_in_a_corpus_is_named_by_file_and_line(corpus, capsys):
    path = corpus / "curation" / "events.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("armed_clash", "skirmish"), encoding="utf-8")
    code, out = run(capsys, "build", corpus)
    assert code == 1
    assert "curation/events.yaml:1: eastport-attack: type: must be one of the codes of the code list event_type" in out
    assert not (corpus / "datasets").exists()


def test_preview_and_propose_work_on_a_corpus(corpus, capsys):
    code, out = run(capsys, "preview", "ficta-eastport-clashes", "--corpus", corpus)
    assert code == 0 and "ficta-norland-accuses-ostria" in out, out
    code, out = run(capsys, "propose", "ficta-eastport-clashes", "--corpus", corpus)
    assert code == 0 and "article_id: ficta-eastport-clashes" in out, out
