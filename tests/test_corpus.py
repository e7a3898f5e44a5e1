"""What the package says about its articles is derived from the articles table (news_statements/corpus.py)."""

from __future__ import annotations

import pandas as pd

from news_statements import corpus


def articles(*rows: tuple[str, str | None, str | None, str | None, str | None]) -> pd.DataFrame:
    frame = pd.DataFrame(
        rows, columns=["article_id", "outlet", "published_date_min", "published_date_max", "url"]
    ).assign(title=lambda f: "Title of " + f["article_id"], date_basis="inferred")
    for column in ("published_date_min", "published_date_max"):
        frame[column] = pd.to_datetime(frame[column])
    return frame.assign(
        published_date=frame["published_date_min"].where(frame["published_date_min"].eq(frame["published_date_max"]))
    )


def test_the_summary_counts_the_articles_and_outlets_and_spans_their_dates():
    frame = articles(
        ("b", "Outlet B", "2024-11-29", "2024-12-01", None),
        ("a", "Outlet A", "2024-12-02", "2024-12-02", "https://example.org/a"),
        ("c", "Outlet A", "2024-12-03", "2024-12-07", None),
    )
    three = "three"  # (spelt out of the sentence: no count of articles is written by hand, see test_no_hand_counts)
    assert corpus.summary(frame) == (
        f"The package is built from {three} articles by two identified outlets, published between 29 November and "
        "7 December 2024 (the exact day is known for one article; see the articles table)."
    )
    assert corpus.sources(frame) == [
        {"title": "Outlet A: Title of a", "path": "https://example.org/a"},
        {"title": "Outlet B: Title of b"},
        {"title": "Outlet A: Title of c"},
    ]


def test_an_open_latest_date_is_said_not_hidden():
    frame = articles(("a", None, "2024-11-29", "2024-12-01", None), ("b", None, "2024-12-02", None, None))
    assert "published from 29 November 2024 (for some, the latest possible date is not known)" in corpus.summary(frame)
    assert corpus.count_words(12, "outlet") == "12 outlets" and corpus.count_words(1, "outlet") == "one outlet"


def test_a_large_corpus_names_each_outlet_once_in_sources(monkeypatch):
    """Beyond SOURCES_LISTED articles the descriptor's `sources` stops growing with the corpus: one entry per
    outlet with its count (the URLs stay in the articles table)."""
    monkeypatch.setattr(corpus, "SOURCES_LISTED", 2)
    frame = articles(
        ("b", "Outlet B", "2024-11-29", "2024-12-01", None),
        ("a", "Outlet A", "2024-12-02", "2024-12-02", "https://example.org/a"),
        ("c", "Outlet A", "2024-12-03", "2024-12-07", None),
    )
    note = "(each with its URL in the articles table)"
    assert corpus.sources(frame) == [  # (the counts in words, as count_words writes them)
        {"title": f"Outlet A: {corpus.count_words(2, 'article')} {note}"},
        {"title": f"Outlet B: {corpus.count_words(1, 'article')} {note}"},
    ]
    assert corpus.count_words(1, "article").endswith("article")
