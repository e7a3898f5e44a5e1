"""The proposer (news_statements/proposer.py): its draft on the fixture, and its measured report is current."""

from __future__ import annotations

from pathlib import Path

from news_statements import proposer
from tests.conftest import FIXTURE

ROOT = Path(__file__).resolve().parent.parent


def test_the_committed_report_meets_the_recall_target():
    # (that it is current is checked at release, tests/test_release.py: `make release` rewrites it)
    committed = (ROOT / "reports" / "proposer.md").read_text(encoding="utf-8")
    total = next(line for line in committed.splitlines() if line.startswith("| **all** |")).split("|")
    curated, recalled = int(total[2]), int(total[4])
    assert recalled / curated >= 0.9


def test_the_draft_proposes_statements_speakers_dates_and_unknown_words():
    article = proposer.read_article("mini-article", FIXTURE / "sources")
    reference = proposer.read_reference(FIXTURE / "curation")
    reference.not_entities.discard("Friday")
    text = proposer.draft(article, reference)
    assert "# Name mentions the build will find: abbas-araghchi ×1, iran ×1, syria ×2" in text
    assert text.count("  - id: mini-s") == 3  # the third: "At least 12 people were killed…, the army said."
    assert '    quote: "TEHRAN -- Iran on Friday said it supports Syria."' in text
    assert "    speaker: iran   # candidates: iran, syria, test-outlet" in text
    assert '    date: {relative: "on Friday"}   # resolves to 2024-11-29' in text
    assert '    quote: "“We stand with Syria,” Araghchi said."\n    mode: mixed' in text
    assert "    speaker: abbas-araghchi   # candidates: abbas-araghchi, syria, test-outlet" in text
    assert "not yet known (each needs an actor or place alias, a label, or a not_entities entry): Friday\n" in text


def test_recall_and_precision_count_half_covered_spans():
    import pandas as pd

    curated = pd.DataFrame({"char_start": [0, 100], "char_end": [50, 150]})
    proposed = pd.DataFrame({"char_start": [0, 130, 300], "char_end": [40, 150, 350]})
    assert proposer.covered_share(curated, proposed).tolist() == [0.8, 0.4]
    assert proposer.covered_share(proposed, curated).tolist() == [1.0, 1.0, 0.0]
