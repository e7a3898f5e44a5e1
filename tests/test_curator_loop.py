"""The checklist of curation/README.md ("Adding an article") walked on a new article: the files of
tests/fixtures/ficta-new-article are added to a copy of the fictitious corpus step by step, as a curator adds them,
and `check` is green with no other command (nothing to regenerate by hand, no count to update)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from news_statements import read
from tests.test_corpus_init import corpus, run  # noqa: F401 (corpus: the fixture, a copy of the ficta corpus)

NEW = Path(__file__).parent / "fixtures" / "ficta-new-article"
ARTICLE = "ficta-wire-ostrow-talks"


def add_entries(path: Path, entries: Path) -> None:
    """Append YAML list entries to a curation file (actors.yaml, places.yaml, not_entities.yaml)."""
    path.write_text(path.read_text(encoding="utf-8") + entries.read_text(encoding="utf-8"), encoding="utf-8")


def test_a_new_article_added_by_the_checklist_passes_check_with_no_other_command(corpus, capsys):  # noqa: F811
    curation = corpus / "curation"
    # 1. The source, byte for byte. It came without a file name (pasted into a message): <article_id>.txt.
    (corpus / "sources" / f"{ARTICLE}.txt").write_bytes((NEW / "received.txt").read_bytes())
    # 2.-3. Its ID names its metadata file (which says how it was received); its outlet is a new actor.
    shutil.copy(NEW / "source.yaml", corpus / "sources" / f"{ARTICLE}.yaml")
    add_entries(curation / "actors.yaml", NEW / "actors.yaml")
    # 4. A draft, confirmed line by line; here the confirmed file replaces it.
    draft = curation / f"{ARTICLE}.draft.yaml"
    code, out = run(capsys, "propose", ARTICLE, "--corpus", corpus, "--out", draft)
    assert code == 0 and f"article_id: {ARTICLE}" in draft.read_text(encoding="utf-8"), out
    draft.unlink()
    # 5.-7. Statements (a joint act in a ministry's readout, a quotation over a line break, the outlet's own claim),
    # names and labels (a capital for its state), an event of the other article reused.
    shutil.copy(NEW / "curation" / "articles" / f"{ARTICLE}.yaml", curation / "articles")
    add_entries(curation / "places.yaml", NEW / "places.yaml")
    # 8. Coverage: every capitalised word resolved (a dateline, a weekday, a sentence-initial word); the preview
    # lists what is still open and flags what to check.
    add_entries(curation / "not_entities.yaml", NEW / "not_entities.yaml")
    code, out = run(capsys, "preview", ARTICLE, "--corpus", corpus)
    assert code == 0 and " 0 still unresolved" in out and "## Problems" not in out, out
    assert "“Ostrow said”: a place name before a reporting verb usually stands for its state" in out
    assert "statement ficta-wire-oster-not-divide: the quote runs over a line break" in out  # (one sentence: kept)
    # The capital stands for its state ("Ostrow said"): its name becomes an alias of the state too.
    actors = curation / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace("[Ostria]", "[Ostria, Ostrow]"), encoding="utf-8")
    assert "“Ostrow said”" not in run(capsys, "preview", ARTICLE, "--corpus", corpus)[1]
    # 9. Check: green, with no other command.
    code, out = run(capsys, "check", corpus)
    assert code == 0 and "datasets: valid" in out, out
    assert_the_build_derived_what_the_checklist_says(corpus)


def assert_the_build_derived_what_the_checklist_says(folder: Path) -> None:
    t = read(folder / "datasets")
    article = t["articles"].set_index("article_id").loc[ARTICLE]
    assert (folder / "sources" / f"{ARTICLE}.txt").read_bytes().startswith(b"Ostrow and Norland")
    assert article["outlet"] == "The Norland Wire" and "OSTROW --" in article["text"]
    speakers = t["statement_speakers"].query("statement_id == 'ficta-wire-varga-oster-agree'")
    assert dict(zip(speakers["actor_id"], speakers["role"], strict=True)) == {
        "lena-varga": "reported",
        "piet-oster": "joint",
    }
    wrapped = t["statements"].set_index("statement_id").loc["ficta-wire-oster-not-divide", "text"]
    assert "divide\nour two nations" in wrapped and wrapped.endswith("Piet Oster said.")
    mine = t["mentions"].query("article_id == @ARTICLE and text == 'Ostrow'")
    places = t["place_mentions"].query("article_id == @ARTICLE and text == 'Ostrow'")
    assert mine["actor_id"].tolist() == ["ostria"] and places["place_id"].tolist() == ["ostrow"]  # said / in
    reporting = set(t["event_reports"].query("event_id == 'eastport-attack'")["article_id"])
    assert reporting == {"ficta-eastport-clashes", ARTICLE}  # derived from event_reports: no note lists them
    # 10. Nothing counted by hand: the articles page is derived by the build.
    assert ARTICLE in (folder / "docs" / "articles.md").read_text(encoding="utf-8")


def test_the_walk_takes_every_step_of_the_checklist():
    guide = (Path(__file__).parent.parent / "curation" / "README.md").read_text(encoding="utf-8")
    checklist = guide.split("## Adding an article: the checklist", 1)[1]
    steps = {int(n) for n in re.findall(r"^(\d+)\. \*\*", checklist, flags=re.M)}
    walked: set[int] = set()
    for first, last in re.findall(r"# (\d+)\.(?:-(\d+)\.)?", Path(__file__).read_text(encoding="utf-8")):
        walked |= set(range(int(first), int(last or first) + 1))
    assert steps and steps <= walked, f"steps of the checklist that the walk does not take: {sorted(steps - walked)}"
