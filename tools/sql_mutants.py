"""Mutation testing of the SQL validation rules (validation/rules/*.sql and rules/kernels/*.sql).

mutmut mutates Python only; the cross-table rules are SQL run by DuckDB, so this script mutates the SQL the
same way: one small change at a time in a rule file's query (never in its header comments or its string
literals, which are messages), then the rule tests run against the mutated rules. A mutant is killed when a
test fails, survives when they all pass.

The mutation operators are the usual ones, on SQL tokens:
  comparison   = <> < <= > >=  each to its neighbour (= ↔ <>, < ↔ <=, > ↔ >=)
  arithmetic   + ↔ -
  logic        AND ↔ OR; a WHERE conjunct replaced by TRUE (the filter dropped); TRUE ↔ FALSE
  null tests   IS NULL ↔ IS NOT NULL, IS DISTINCT FROM ↔ IS NOT DISTINCT FROM
  subqueries   EXISTS ↔ NOT EXISTS, IN ↔ NOT IN
  aggregates   min ↔ max, greatest ↔ least, count(DISTINCT x) → count(x)
  joins        JOIN → LEFT JOIN, FULL OUTER JOIN → LEFT JOIN
  constants    an integer n → n + 1, and 1 → 0 (not the 1 of `SELECT 1` in EXISTS: its value is never read)

The tests run in this process (see Runner), the rules swapped in by replacing the engine's `rules()`. Two
things make that fast without changing what is tested: the fixture package is assembled once (its frames
are copied for each test anyway), and layer 1 (pandera, per table) is stubbed out, since no SQL mutant can
change it. Each mutant runs its rule's own tests (TESTS_BY_FILE).

Usage: python tools/sql_mutants.py [--out mutants/sql-mutants.jsonl] [--list] [--only NAME] [--timeout SECONDS]
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "validation" / "rules"
RESULTS = ROOT / "mutants" / "sql-mutants.jsonl"  # one JSON line per mutant; tools/mutation_report.py reads it
# The tests run for a mutant of each rule file (pytest -k keywords): the rule's own tests, and always
# test_the_fixture_package_is_valid. Like mutmut's choice of the tests that reach a function, this leaves out
# tests that cannot see the rule, which makes a run minutes instead of an hour; a mutant that only a test of
# another rule would catch counts as a survivor (the score errs low, never high).
TESTS_BY_FILE = {
    "actor_parent_chain": "own_parent or cycle or parent_chain",
    "alias_shared": "alias_shared or alias_that_occurs",
    "alias_used": "alias_that_occurs or alias_shared",
    "accusation_has_accused": "accusation",
    "accuses_of_has_accused": "accusation_about_an_event",
    "claim_links_statements": "claim",
    "count_figures_agree": "count_id",
    "count_links_figures": "count_id",
    "event_place_evidence": "event_place",
    "figure_bounds": "figure_bounds",
    "figure_statement_article": "figure_statement",
    "foreign_key": "foreign_key or self_reference or unreadable_table",
    "mention_voice": "mention_voice",
    "name_mention_is_alias": "name_mention",
    "outlet_no_claims": "outlets_own_narration",
    "place_point": "place_without_a_point",
    "plover_crosswalk": "plover",
    "reported_speaker": "speaker",
    "span_text": "span_text or span_offsets or span_check",
    "statement_content": "statement_content",
    "statement_dates": "statement_dated or cannot_run",
    "statement_event_evidence": "what_a_statement_is_about",
    "statement_overlap": "overlap or nested",
    "text_hash": "text_hash",
    "twins_agree": "twins",
}

# The tests of tests/test_validation_rules.py that test no SQL rule (layer 1, the engine's parsing): every other
# test there must be chosen by a keyword above, or its rule's mutants would survive it unseen.
NOT_RULE_TESTS = {
    "test_field_constraints_generated_from_the_schema",
    "test_duplicate_primary_key",
    "test_duplicate_composite_primary_key",
    "test_wrong_dtype_is_reported",
    "test_row_rules",
    "test_control_characters_in_text",
    "test_an_unknown_qualifier_is_reported_by_its_code_list_only",
    "test_every_rule_parses_as_spark_sql",
    "test_every_rule_gives_a_message_for_rows_of_nulls",
}

TOKEN = re.compile(
    r"(?P<comment>--[^\n]*)|(?P<string>'(?:[^']|'')*')|(?P<word>[A-Za-z_]\w*)|(?P<number>\d+)"
    r"|(?P<op><>|<=|>=|!=|[=<>+-])|(?P<open>\()|(?P<close>\))|(?P<other>\S)"
)
SWAP_OPS = {"=": "<>", "<>": "=", "<": "<=", "<=": "<", ">": ">=", ">=": ">", "+": "-", "-": "+"}
SWAP_WORDS = {"and": "OR", "or": "AND", "true": "FALSE", "false": "TRUE", "min": "max", "max": "min"}
SWAP_WORDS |= {"greatest": "least", "least": "greatest"}
WHERE_ENDS = {"group", "order", "union", "having", "limit"}


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Mutant:
    name: str  # <file>:<line>:<n>
    file: str
    line: int
    start: int
    end: int
    original: str
    replacement: str


def tokens(sql: str) -> list[Token]:
    """The SQL's tokens, without comments (string literals stay, as tokens that are never mutated)."""
    found = [Token(m.lastgroup or "", m.group(), m.start(), m.end()) for m in TOKEN.finditer(sql)]
    return [t for t in found if t.kind != "comment"]


def _word(token: Token | None, *words: str) -> bool:
    return token is not None and token.kind == "word" and token.text.lower() in words


def _token_changes(toks: list[Token]) -> list[tuple[int, int, str]]:
    """(start, end, replacement) for the one-token and keyword-pair operators."""
    changes = []
    for i, tok in enumerate(toks):
        before = toks[i - 1] if i else None
        after = toks[i + 1] if i + 1 < len(toks) else None
        low = tok.text.lower()
        if tok.kind == "op" and tok.text in SWAP_OPS:
            changes.append((tok.start, tok.end, SWAP_OPS[tok.text]))
        elif tok.kind == "number" and not _word(before, "select"):  # (`SELECT 1` in EXISTS is never read)
            changes += [(tok.start, tok.end, str(int(tok.text) + 1))]
            changes += [(tok.start, tok.end, "0")] if tok.text == "1" else []
        elif tok.kind != "word":
            continue
        elif low in SWAP_WORDS and not (low in ("min", "max", "greatest", "least") and after and after.kind != "open"):
            changes.append((tok.start, tok.end, SWAP_WORDS[low]))
        elif low == "not" and _word(after, "exists", "in", "distinct"):
            changes.append((tok.start, after.start, ""))  # NOT EXISTS → EXISTS, IS NOT DISTINCT → IS DISTINCT
        elif (low in ("exists", "in") and not _word(before, "not") and after and after.kind == "open") or (
            low == "distinct" and _word(before, "is")
        ):
            changes.append((tok.start, tok.end, f"NOT {tok.text}"))  # EXISTS → NOT EXISTS, IS DISTINCT → IS NOT …
        elif low == "distinct" and before and before.kind == "open":
            changes.append((tok.start, after.start if after else tok.end, ""))  # count(DISTINCT x) → count(x)
        elif low == "is" and _word(after, "not") and _word(toks[i + 2] if i + 2 < len(toks) else None, "null"):
            changes.append((after.start, toks[i + 2].start, ""))  # IS NOT NULL → IS NULL
        elif low == "is" and _word(after, "null"):
            changes.append((after.start, after.end, f"NOT {after.text}"))  # IS NULL → IS NOT NULL
        elif low == "join" and not _word(before, "left", "outer"):
            changes.append((tok.start, tok.end, f"LEFT {tok.text}"))
        elif low == "full" and _word(after, "outer"):
            changes.append((tok.start, toks[i + 2].start, "LEFT "))
    return changes


def _conjuncts(toks: list[Token], where: int) -> list[tuple[int, int]]:
    """The (start, end) character ranges of the AND-ed conditions of the WHERE clause at toks[where]."""
    depth, parts, first = 0, [], where + 1
    for i in range(where + 1, len(toks)):
        tok = toks[i]
        depth += tok.kind == "open"
        depth -= tok.kind == "close"
        ended = depth < 0 or (depth == 0 and _word(tok, *WHERE_ENDS))
        if ended or (depth == 0 and _word(tok, "and")):
            parts.append((toks[first].start, toks[i - 1].end))
            first = i + 1
        if ended:
            return parts
    return [*parts, (toks[first].start, toks[-1].end)]


def mutants(path: Path) -> list[Mutant]:
    """Every mutant of one rule file, in the order of the text."""
    sql = path.read_text(encoding="utf-8")
    toks = tokens(sql)
    changes = _token_changes(toks)
    for i, tok in enumerate(toks):
        if _word(tok, "where"):
            changes += [(start, end, "TRUE") for start, end in _conjuncts(toks, i)]
    name = path.relative_to(RULES).as_posix()
    found = []
    for n, (start, end, replacement) in enumerate(sorted(changes, key=lambda c: (c[0], c[1], c[2])), start=1):
        line = sql.count("\n", 0, start) + 1
        found.append(Mutant(f"{name}:{line}:{n}", name, line, start, end, sql[start:end], replacement))
    return found


def mutated_text(mutant: Mutant) -> str:
    sql = (RULES / mutant.file).read_text(encoding="utf-8")
    return sql[: mutant.start] + mutant.replacement + sql[mutant.end :]


def _selected(module: object, rule_file: str | None) -> list[str]:
    """The names of the test functions run for a mutant of `rule_file` (None: every rule's tests)."""
    keys = TESTS_BY_FILE.values() if rule_file is None else [TESTS_BY_FILE[Path(rule_file).stem]]
    words = ["fixture_package_is_valid", *(w.strip() for k in keys for w in k.split(" or "))]
    return [name for name in dir(module) if name.startswith("test_") and any(w in name for w in words)]


def _cases(test: object) -> list[dict]:
    """The keyword arguments of each case of a test (one empty case when it is not parametrised), as pytest's
    `parametrize` marks give them."""
    cases: list[dict] = [{}]
    for mark in getattr(test, "pytestmark", []):
        if mark.name != "parametrize":
            continue
        names, values = mark.args[:2]
        names = [n.strip() for n in names.split(",")] if isinstance(names, str) else list(names)
        rows = [v.values if hasattr(v, "marks") else v for v in values]  # pytest.param(...) carries marks
        rows = [row if len(names) > 1 else (row,) for row in rows]
        cases = [{**case, **dict(zip(names, row, strict=True))} for case in cases for row in rows]
    return cases


class Runner:
    """Calls the selected rule tests in this process against swapped-in rules.

    The tests are called as pytest would, without pytest's collection (seconds per run on a loaded machine):
    a test that takes `frames` gets a fresh copy of the fixture package's tables (tests/conftest.py's
    `frames`), the span oracle runs with and without the kernel (its parametrisation). Any exception fails it.
    """

    def __init__(self) -> None:
        sys.path.insert(0, str(ROOT))
        import tests.test_synthetic as synthetic
        import tests.test_validation_rules as rule_tests
        from news_statements.build import assemble
        from news_statements.validation import layers
        from news_statements.validation import rules as engine
        from tests.conftest import FIXTURE

        layers.layer1 = lambda *args, **kwargs: []  # layer 1: no SQL mutant can change it
        self.mini = assemble(FIXTURE / "curation", FIXTURE / "sources", releases_dir=FIXTURE / "no-releases")
        self.engine, self.rule_tests, self.synthetic = engine, rule_tests, synthetic
        self.read = engine.rules.__wrapped__  # the uncached reader of a rules directory

    def _frames(self) -> dict:
        return {
            n: f.drop(columns=[c for c in ("_file", "_line") if c in f]).copy(deep=True) for n, f in self.mini.items()
        }

    def _calls(self, rule_file: str | None) -> list:
        calls = []
        for name in _selected(self.rule_tests, rule_file):
            test = getattr(self.rule_tests, name)
            needs = inspect.signature(test).parameters
            for case in _cases(test):
                calls.append(
                    lambda test=test, needs=needs, case=case: test(
                        **({"frames": self._frames()} if "frames" in needs else {}), **case
                    )
                )
        if rule_file is None or "span_text" in rule_file:
            oracle = self.synthetic.test_the_span_check_agrees_with_plain_slicing_on_random_texts
            calls += [lambda: oracle(True), lambda: oracle(False)]
        return calls

    def passes(self, directory: Path, rule_file: str | None) -> bool:
        """True when every selected test passes with the rules of `directory` (stops at the first failure)."""
        swapped = self.read(directory)
        self.engine.rules = lambda directory=None: swapped
        for call in self._calls(rule_file):
            try:
                call()
            except Exception:
                return False
        return True


def _in_child(runner: Runner, directory: Path, rule_file: str | None, timeout: float) -> str:
    """killed | survived | timeout: the tests run in a forked child, so that a mutant that makes a recursive
    query endless (a walk whose step count no longer grows) is stopped, and no mutant leaves state behind."""
    pid = os.fork()
    if pid == 0:  # the child
        os._exit(0 if runner.passes(directory, rule_file) else 1)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, code = os.waitpid(pid, os.WNOHANG)
        if done:
            return "survived" if os.waitstatus_to_exitcode(code) == 0 else "killed"
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return "timeout"


def run(found: list[Mutant], out: Path, timeout: float) -> None:
    """Each mutant's status, one JSON line each appended to `out` (a mutant already there is not run again, so
    an interrupted run goes on where it stopped); the unmutated rules must pass first."""
    lines = out.read_text(encoding="utf-8").splitlines() if out.exists() else []
    done = {json.loads(line)["name"] for line in lines}
    runner = Runner()
    with tempfile.TemporaryDirectory() as tmp, out.open("a", encoding="utf-8") as sink:
        copy = Path(tmp) / "rules"
        shutil.copytree(RULES, copy)
        baseline = _in_child(runner, copy, None, 10 * timeout)  # every rule's tests at once: give them longer
        if baseline != "survived":
            raise SystemExit(f"the rule tests on the unmutated rules: {baseline} (not passed); fix them first")
        for mutant in (m for m in found if m.name not in done):
            target = copy / mutant.file
            target.write_text(mutated_text(mutant), encoding="utf-8")
            began = time.monotonic()
            status = _in_child(runner, copy, mutant.file, timeout)
            shutil.copy2(RULES / mutant.file, target)
            result = {**asdict(mutant), "status": status, "seconds": round(time.monotonic() - began, 2)}
            sink.write(json.dumps(result, ensure_ascii=False) + "\n")
            sink.flush()
            print(f"{status:8} {mutant.name}: {mutant.original!r} → {mutant.replacement!r}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--list", action="store_true", help="list the mutants without running the tests")
    parser.add_argument("--only", help="mutate only the rule files whose name contains this")
    parser.add_argument("--timeout", type=float, default=60, help="seconds a mutant's tests may take (they take 1-5)")
    args = parser.parse_args()
    files = sorted(RULES.glob("*.sql")) + sorted((RULES / "kernels").glob("*.sql"))
    found = [m for path in files for m in mutants(path) if not args.only or args.only in m.file]
    if args.list:
        for m in found:
            print(f"{m.name}: {m.original!r} → {m.replacement!r}")
        print(f"{len(found)} mutants")
        return
    args.out.parent.mkdir(parents=True, exist_ok=True)
    run(found, args.out, args.timeout)


if __name__ == "__main__":
    main()
