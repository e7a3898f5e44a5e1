"""Nothing counted by hand: the number of articles is derived by the build (news_statements/corpus.py), so no
hand-written file may state it (a number, in words or digits, then at most three words, then "articles"); and no
test of the committed package pins a count that a correct new article changes (it derives it from the tables)."""

from __future__ import annotations

import ast
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


# A test reads the committed package when it names datasets/, runs the examples or load()s the bundled copy.
READS_THE_PACKAGE = re.compile(r'ROOT / "datasets"|\bDATASETS\b|examples/|syria_offensive\.load\(')
# a count in a regular expression over a printed table: " +3 +4" (a number between column gaps)
COUNT_COLUMN = re.compile(r" \+\d+(?: |\\n|$)")
EXEMPT = "# not a data count"  # on the line, with the reason: a count of code (lines printed, pictures drawn)


def pinned_counts(source: str) -> list[tuple[int, str]]:
    """Numbers ≥ 2 written into the asserts of a test: compared with == or !=, paired with a name in a tuple or
    list ("('North-west Syria', 5)"), or standing in a table's column in a regular expression. Exit codes
    (`returncode`) and index labels (`.loc[12, ...]`) are not counts."""
    tree = ast.parse(source)
    labels = {id(n.slice) for n in ast.walk(tree) if isinstance(n, ast.Subscript)}
    lines = source.splitlines()
    found = []
    for node in (n for n in ast.walk(tree) if isinstance(n, ast.Assert)):
        if EXEMPT in lines[node.lineno - 1]:
            continue
        for sub in ast.walk(node.test):
            if _compares_with_a_number(sub) or (_pairs_a_name_with_a_number(sub) and id(sub) not in labels):
                found.append((sub.lineno, ast.unparse(sub)))
            elif isinstance(sub, ast.Constant) and isinstance(sub.value, str) and COUNT_COLUMN.search(sub.value):
                found.append((sub.lineno, repr(sub.value)))
    return found


def _number(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) is int and node.value >= 2


def _compares_with_a_number(node: ast.AST) -> bool:
    if not isinstance(node, ast.Compare) or not any(isinstance(op, ast.Eq | ast.NotEq) for op in node.ops):
        return False
    sides = [node.left, *node.comparators]
    exit_code = any(isinstance(side, ast.Attribute) and side.attr == "returncode" for side in sides)
    return not exit_code and any(_number(side) for side in sides)


def _pairs_a_name_with_a_number(node: ast.AST) -> bool:
    if not isinstance(node, ast.Tuple | ast.List):
        return False
    texts = [e for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return bool(texts) and any(_number(e) for e in node.elts)


def test_the_pin_finder_finds_counts_and_not_exit_codes_or_labels():
    source = "\n".join(
        [
            "def test_x():",
            "    assert found == [('North-west Syria', 5)]",
            "    assert total == 1405",
            "    assert re.search(r'Mohammad Bagheri +3 +4\\n', out)",
            "    assert result.returncode == 2 and frame.loc[12, 'statement_id'] is None",
            "    assert len(rows) > 0 and re.search(rf'Bagheri +{acts} +{reports}', out)",
            "    assert len(lines) == 2  # not a data count: one line per broken file",
        ]
    )
    assert [line for line, _ in pinned_counts(source)] == [2, 3, 4]


def test_no_test_of_the_committed_package_pins_a_data_count():
    found = []
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        source = path.read_text(encoding="utf-8")
        if READS_THE_PACKAGE.search(source):
            found += [f"tests/{path.name}:{line}: {text}" for line, text in pinned_counts(source)]
    assert found == [], (
        "counts pinned in tests of the committed package (a correct new article changes them: derive them from "
        "the tables, or mark a count of code with '# not a data count: <why>'):\n" + "\n".join(found)
    )
