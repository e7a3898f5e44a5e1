"""The engine of layer 2: runs the declared cross-table rules of validation/rules/*.sql with DuckDB.

A rule is a query that returns the failing rows (table_name, row_index, field, value, message); its header
comments name it, say what it checks, which tables it needs and, for a template, what it is instantiated for
(`for each: foreign key` — every key declared in schema/; `for each: table in a, b`, `for each: table` or
`for each: span table` — the tables with article_id, text, char_start and char_end).
The engine registers each table as a relation of the same name with a `_row` column (the row's position, so
that the build maps a failure back to its curated file:line and the validator to its CSV line), and the
CAMEO code list as `cameo_codes`. The same relations come from frames in memory (the build) and from the
frames the validator reads; DuckDB scans them in place through Arrow.

A rule that needs a table that could not be read is not run: it is reported once as skipped (one line), so
that one unreadable file does not turn into a thousand unknown references.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from news_statements.failures import COLUMNS, Failure, as_frame
from news_statements.metadata import tables
from news_statements.paths import data_dir
from news_statements.validation import engine
from news_statements.validation.engine import span_tables

if TYPE_CHECKING:
    import pandas as pd

RULES = data_dir("validation") / "rules"
TWINS = "twins_agree"  # (run only when both formats are read: see twins())
NULL_TEXT = "CAST(NULL AS VARCHAR)"


@dataclass(frozen=True)
class Rule:
    """One query, instantiated: its name (with what it was instantiated for), the tables it needs, its SQL,
    and the SQL of its kernel variant when it has one (rules/kernels/, see kernels.py)."""

    name: str
    needs: tuple[str, ...]
    sql: str
    kernel: str | None = None


def _header(text: str) -> dict[str, str]:
    """The `-- key: value` lines at the top of a rule file (continuation lines are indented)."""
    header: dict[str, str] = {}
    key = None
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        found = re.match(r"--\s(\w[\w ]*):\s*(.*)", line)
        if found:
            key = found.group(1)
            header[key] = found.group(2).strip()
        elif key:
            header[key] += " " + line[2:].strip()
    return header


def _fill(text: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        text = text.replace("{" + name + "}", value)
    return text


def _table_values(name: str) -> dict[str, str]:
    """Placeholders of a per-table template (`for each: table`) for one table: its key, the join of two
    relations `c` and `p` on it, and the comparisons of their other cells."""
    table = tables()[name]
    key = list(table.primary_key)
    others = [f for f in table.field_names if f not in key]
    changed = {f: f"c.{f} IS DISTINCT FROM p.{f}" for f in others}
    shown = "coalesce(CAST({side}.{f} AS VARCHAR), '(null)')"
    return {
        "table": name,
        "key": ", ".join(key),
        "key_join": " AND ".join(f"c.{k} = p.{k}" for k in key),
        "key_text": "concat_ws('/', " + ", ".join(f"CAST(coalesce(c.{k}, p.{k}) AS VARCHAR)" for k in key) + ")",
        "changed_fields": ", ".join(f"CASE WHEN {test} THEN '{f}' END" for f, test in changed.items()) or NULL_TEXT,
        "changed_values": ", ".join(
            f"CASE WHEN {test} THEN '{f}: ' || {shown.format(side='c', f=f)} || ' → ' || {shown.format(side='p', f=f)}"
            " END"
            for f, test in changed.items()
        )
        or NULL_TEXT,
        "any_changed": " OR ".join(changed.values()) or "FALSE",
    }


def _instances(header: dict[str, str]) -> list[dict[str, str]]:
    """What a rule file is instantiated for (one empty instance for a plain rule)."""
    each = header.get("for each", "")
    if each == "foreign key":
        return [
            {"table": name, "field": fk["fields"][0], "target": fk["reference"]["resource"],
             "target_field": fk["reference"]["fields"][0]}
            for name, table in tables().items()
            for fk in table.foreign_keys
        ]  # fmt: skip
    if each == "table":
        return [_table_values(name) for name in tables()]
    if each == "span table":
        return [{"table": name} for name in span_tables()]
    if each.startswith("table in "):
        return [{"table": name.strip()} for name in each.removeprefix("table in ").split(",")]
    return [{}]


def _read(path: Path) -> list[Rule]:
    """The rules of one file, instantiated."""
    text = path.read_text(encoding="utf-8")
    header = _header(text)
    found = []
    for values in _instances(header):
        suffix = "".join(f" {values[k]}" for k in ("table", "field") if k in values)
        needs = tuple(n.strip() for n in _fill(header.get("needs", ""), values).split(",") if n.strip())
        found.append(Rule(header.get("rule", path.stem) + suffix, needs, _fill(text, values)))
    return found


def described(directory: Path = RULES) -> list[tuple[str, str]]:
    """Each rule file's name and what it checks (its header), in file order: the rules of the standard's page."""
    headers = [(_header(path.read_text(encoding="utf-8")), path) for path in sorted(directory.glob("*.sql"))]
    return [(h.get("rule", path.stem), h.get("checks", "")) for h, path in headers]


@cache
def rules(directory: Path = RULES) -> tuple[Rule, ...]:
    """Every rule of validation/rules/, instantiated, in file order, with its kernel variant if any."""
    variants = {rule.name: rule.sql for path in sorted((directory / "kernels").glob("*.sql")) for rule in _read(path)}
    found = [rule for path in sorted(directory.glob("*.sql")) for rule in _read(path)]
    return tuple(Rule(r.name, r.needs, r.sql, variants.get(r.name)) for r in found)


def connect(frames: dict[str, pd.DataFrame], use_kernels: bool = True) -> tuple[duckdb.DuckDBPyConnection, set[str]]:
    """A connection (engine.py) with each frame registered under its name; and the span tables that carry the
    span kernel's failing spans (kernels.py)."""
    con = engine.connect()
    for name, frame in frames.items():
        engine.add_frame(con, name, frame)
    return con, engine.finish(con, set(frames), use_kernels)


def run(
    frames: dict[str, pd.DataFrame],
    unreadable: set[str] = frozenset(),
    twin_rules: bool = False,
    use_kernels: bool = True,
) -> pd.DataFrame:
    """Every rule's failures (in rule order) on frames in memory; see `run_on`. `use_kernels=False`: the plain
    queries only (the kernels' test oracle)."""
    con, with_bytes = connect(frames, use_kernels)
    try:
        return as_frame(run_on(con, set(frames), unreadable, with_bytes, twin_rules))[COLUMNS]
    finally:
        con.close()


def run_on(
    con: duckdb.DuckDBPyConnection,
    available: set[str],
    unreadable: set[str] = frozenset(),
    with_bytes: set[str] = frozenset(),
    twin_rules: bool = False,
) -> list[Failure]:
    """Every rule's failures (records) on the relations of a connection (engine.py), in rule order; rules needing a
    table that is not `available` or is `unreadable` are reported as skipped, one line per such table. `twin_rules`:
    the twins rule only, else all others. The rules run one at a time (engine.run_all)."""
    jobs, skipped = [], {}
    for rule in rules():
        if rule.name.startswith(TWINS) != twin_rules:
            continue
        missing = [n for n in rule.needs if n in unreadable or n not in available]
        if missing:
            skipped.setdefault(missing[0], []).append(rule.name)
            continue
        sql = rule.kernel if rule.kernel and rule.needs[0] in with_bytes else rule.sql
        jobs.append(engine.Job(rule.name, rule.needs[0], sql))
    found = engine.run_all(con, jobs)
    for name, names in skipped.items():  # one line per table that could not be read
        message = f"{len(names)} rule(s) skipped because this table could not be read: {', '.join(names)}"
        found.append(Failure(name, None, "(rules)", None, message))
    return found


def twins(csv: dict[str, pd.DataFrame], parquet: dict[str, pd.DataFrame], unreadable: set[str]) -> pd.DataFrame:
    """The twins rule: each table's CSV and Parquet frames hold the same rows."""
    relations = {f"csv_{n}": f for n, f in csv.items()} | {f"parquet_{n}": f for n, f in parquet.items()}
    skipped = {f"{fmt}_{n}" for fmt, n in (name.split(":") for name in unreadable)}
    found = run(relations, skipped, twin_rules=True)
    return found.assign(table=found["table"].str.replace(r"^(csv|parquet)_", "", regex=True))
