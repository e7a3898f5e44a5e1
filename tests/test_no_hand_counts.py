"""Nothing counted by hand: the number of articles is derived by the build (news_statements/corpus.py), so no
hand-written file may state it (a number, in words or digits, then at most three words, then "articles")."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NUMBER = r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})"
# a number, then at most three words ("English-language news"), then "articles"; "at least two articles" is a
# rule, not a count
COUNT = re.compile(rf"(?<!at least )\b{NUMBER}(?:[ -]+[\w’'-]+){{0,3}}?[ -]+articles\b", flags=re.I)
# Generated (written by the build from the data), the articles themselves, and dated records of the past.
NOT_HAND_WRITTEN = ("datasets/", "docs/", "reports/", "releases/", "curation/reviews/", "CHANGELOG.md")


def hand_written_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    names = [n for n in listed.splitlines() if not n.startswith(NOT_HAND_WRITTEN)]
    names = [n for n in names if not (n.startswith("sources/") and n.endswith(".txt"))]
    return [ROOT / n for n in names if (ROOT / n).is_file()]


def counts_in(text: str) -> list[str]:
    return [m.group(0) for m in COUNT.finditer(text)]


def test_the_pattern_finds_counts_of_articles_and_nothing_else():
    five, four, digit = "five", "four", "5"  # (kept out of the literal text, which this very test scans)
    assert counts_in(f"what {five} news articles report; built from {digit} English-language articles") == [
        f"{five} news articles",
        f"{digit} English-language articles",
    ]
    assert counts_in(f"Reported by all {five} articles. The other {four} articles agree.") == [
        f"{five} articles",
        f"{four} articles",
    ]
    assert counts_in("one article reports it; statements of at least two articles; 12 tables; the articles") == []


def test_no_hand_written_file_counts_the_articles():
    found = []
    for path in hand_written_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # binary files (Parquet fixtures) hold no prose
        for number, line in enumerate(text.splitlines(), start=1):
            found += [f"{path.relative_to(ROOT)}:{number}: {count!r}" for count in counts_in(line)]
    assert found == [], "counts of articles written by hand (the build derives them; see corpus.py):\n" + "\n".join(
        found
    )
