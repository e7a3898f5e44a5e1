"""The tools of `make mutation`: the SQL mutant generator and the report's bookkeeping (not the slow run)."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import mutation_report  # noqa: E402
import pytest  # noqa: E402
import sql_mutants  # noqa: E402

SQL = """-- rule: example
-- checks: a comment with = and AND, which is never mutated
SELECT 'a = b AND c' AS message FROM t
WHERE t.x IS NOT NULL AND t.n < 2
  AND NOT EXISTS (SELECT 1 FROM r WHERE r.k = t.k)
"""


def test_sql_mutants_change_the_query_but_not_its_comments_or_strings(tmp_path, monkeypatch):
    monkeypatch.setattr(sql_mutants, "RULES", tmp_path)
    (tmp_path / "example.sql").write_text(SQL, encoding="utf-8")
    found = sql_mutants.mutants(tmp_path / "example.sql")
    changes = [(m.line, m.original, m.replacement) for m in found]
    assert changes == [
        (4, "t.x IS NOT NULL", "TRUE"),
        (4, "NOT ", ""),
        (4, "AND", "OR"),
        (4, "t.n < 2", "TRUE"),
        (4, "<", "<="),
        (4, "2", "3"),
        (5, "AND", "OR"),
        (5, "NOT ", ""),
        (5, "NOT EXISTS (SELECT 1 FROM r WHERE r.k = t.k)", "TRUE"),
        (5, "r.k = t.k", "TRUE"),
        (5, "=", "<>"),
    ]
    assert all(m.start > SQL.index("FROM t") for m in found)  # nothing in the comments or the message
    mutated = sql_mutants.mutated_text(found[4])
    assert "t.n <= 2" in mutated and mutated.replace("<=", "<", 1) == SQL
    assert {m.name for m in found} == {f"example.sql:{m.line}:{n}" for n, m in enumerate(found, start=1)}


def test_every_rule_file_has_tests_chosen_for_its_mutants():
    stems = {p.stem for p in sql_mutants.RULES.glob("*.sql")} | {
        p.stem for p in (sql_mutants.RULES / "kernels").glob("*.sql")
    }
    assert stems == set(sql_mutants.TESTS_BY_FILE)


def test_every_rule_test_is_chosen_for_some_rule_file():
    """A rule test whose name matches no keyword of TESTS_BY_FILE would never run on a mutant: its rule's mutants
    would survive it. Tests of no SQL rule are named in NOT_RULE_TESTS."""
    import tests.test_validation_rules as rule_tests

    chosen = set(sql_mutants._selected(rule_tests, None))
    every = {name for name in dir(rule_tests) if name.startswith("test_")}
    assert every - chosen == sql_mutants.NOT_RULE_TESTS


def test_the_report_names_modules_and_reads_the_equivalents_list():
    assert mutation_report.module_of("news_statements.transforms.dates.x_resolve__mutmut_3") == (
        "news_statements/transforms/dates.py"
    )
    assert mutation_report.module_of("news_statements.validation.kernels.xǁCodePointsǁ__init____mutmut_11") == (
        "news_statements/validation/kernels.py"
    )
    assert mutation_report.module_of("validation/rules/span_text.sql:19:11") == "validation/rules/span_text.sql"
    listed = mutation_report.equivalents()
    assert listed and all(len(reason) > 20 for reason in listed.values()), "every equivalent needs its reason"
    rows, killed, total = mutation_report.table(
        {"a.b.x_f__mutmut_1": "killed", "a.b.x_f__mutmut_2": "timeout", "a.b.x_f__mutmut_3": "survived"},
        {"a.b.x_f__mutmut_3": "why"},
    )
    assert (killed, total) == (2, 3)
    assert rows[-1].split() == ["a/b.py", "3", "2", "1", "1", "0", "66.7%"]


def test_the_sql_runner_calls_every_case_of_a_parametrised_rule_test():
    """The runner calls the rule tests without pytest: each parametrised case must become one call."""

    @pytest.mark.parametrize(("table", "changes"), [("mentions", {"voice": "quoted"}), pytest.param("places", {})])
    def example(frames, table, changes): ...

    assert sql_mutants._cases(example) == [
        {"table": "mentions", "changes": {"voice": "quoted"}},
        {"table": "places", "changes": {}},
    ]
    assert sql_mutants._cases(lambda frames: None) == [{}]


def test_the_report_reads_the_sql_results_where_the_runner_writes_them(tmp_path):
    """The report's default is the runner's output file (a `.json`/`.jsonl` mismatch once left the SQL rules out
    of the score without a word)."""
    assert mutation_report.SQL_RESULTS == sql_mutants.RESULTS
    mutant = sql_mutants.Mutant("twins_agree.sql:9:2", "twins_agree.sql", 9, 10, 13, "AND", "OR")
    written = tmp_path / "sql-mutants.jsonl"
    written.write_text(json.dumps({**asdict(mutant), "status": "survived", "seconds": 1.5}) + "\n", encoding="utf-8")
    assert mutation_report.sql_results(written) == {"validation/rules/twins_agree.sql:9:2": "survived"}
