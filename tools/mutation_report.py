"""The mutation score of `make mutation`, per module: mutmut's results (Python) and tools/sql_mutants.py's (SQL).

A mutant is killed when a test fails on it, or when the tests run past the timeout (an endless loop or
query: a suite that never ends fails too, as mutation tools usually count it); every other outcome (survived,
no tests, not checked) counts against the score. Survivors judged equivalent (they cannot change
behaviour) are listed, each with its reason, in tests/mutation-equivalents.txt so that nobody investigates
them twice; they are still survivors in the score (column `equiv.`). The survivors not in that list are
printed first: each is a test to write, or an equivalent to add to the list with its reason. Ends with
`mutation score: K/N (P%)`.

Usage: python tools/mutation_report.py [--sql mutants/sql-mutants.jsonl] [--mutmut PATH_TO_mutmut]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from sql_mutants import RESULTS as SQL_RESULTS  # tools/ is on sys.path when a script in it runs

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENTS = ROOT / "tests" / "mutation-equivalents.txt"
DETECTED = {"killed", "timeout"}


def mutmut_results(mutmut: str) -> dict[str, str]:
    """Every mutmut mutant with its status, as `mutmut results --all=true` prints them."""
    out = subprocess.run([mutmut, "results", "--all=true"], cwd=ROOT, capture_output=True, text=True, check=True)
    found = {}
    for line in out.stdout.splitlines():
        name, sep, status = line.strip().rpartition(": ")
        if sep and name:
            found[name] = status
    return found


def sql_results(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {f"validation/rules/{r['name']}": r["status"] for r in rows}


def module_of(name: str) -> str:
    """news_statements.transforms.dates.x_resolve__mutmut_3 -> news_statements/transforms/dates.py;
    validation/rules/span_text.sql:19:11 -> validation/rules/span_text.sql."""
    if name.startswith("validation/"):
        return name.split(":")[0]
    return name.rsplit(".", 1)[0].replace(".", "/") + ".py"


def equivalents(path: Path = EQUIVALENTS) -> dict[str, str]:
    """name -> reason, from lines `<mutant name> <reason>` (blank lines and # comments skipped)."""
    listed = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, reason = line.strip().partition(" ")
            listed[name] = reason.strip()
    return listed


def table(statuses: dict[str, str], listed: dict[str, str]) -> tuple[list[str], int, int]:
    """The per-module table's lines, and the killed and total counts."""
    rows = []
    by_module: dict[str, Counter] = {}
    for name, status in statuses.items():
        count = by_module.setdefault(module_of(name), Counter())
        count["total"] += 1
        count["killed" if status in DETECTED else status] += 1
        count["equivalent"] += status not in DETECTED | {"not checked"} and name in listed
    header = f"{'module':44} {'mutants':>7} {'killed':>6} {'survived':>8} {'equiv.':>6} {'other':>5} {'score':>6}"
    rows.append(header)
    rows.append("-" * len(header))
    for module in sorted(by_module):
        c = by_module[module]
        other = c["total"] - c["killed"] - c["survived"]
        score = 100 * c["killed"] / c["total"]
        rows.append(
            f"{module:44} {c['total']:7} {c['killed']:6} {c['survived']:8} {c['equivalent']:6} {other:5} {score:5.1f}%"
        )
    killed = sum(c["killed"] for c in by_module.values())
    total = sum(c["total"] for c in by_module.values())
    return rows, killed, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sql", type=Path, default=SQL_RESULTS)
    parser.add_argument("--mutmut", default=str(Path(sys.executable).parent / "mutmut"))
    args = parser.parse_args()
    statuses = {**mutmut_results(args.mutmut), **sql_results(args.sql)}
    listed = equivalents()
    unlisted = sorted(n for n, s in statuses.items() if s not in DETECTED | {"not checked"} and n not in listed)
    stale = sorted(n for n in listed if n in statuses and statuses[n] in DETECTED)
    for name in unlisted:
        print(f"not killed, not listed as equivalent: {name} ({statuses[name]})")
    for name in stale:
        print(f"listed as equivalent but killed now (remove it from {EQUIVALENTS.name}): {name}")
    rows, killed, total = table(statuses, listed)
    print("\n".join(rows))
    for group, prefix in (("transforms", "news_statements/transforms/"), ("validation", "news_statements/validation/"),
                          ("SQL rules", "validation/rules/")):  # fmt: skip
        part = {n: s for n, s in statuses.items() if module_of(n).startswith(prefix)}
        if part:
            k = sum(s in DETECTED for s in part.values())
            print(f"{group}: {k}/{len(part)} ({100 * k / len(part):.1f}%)")
    print(f"mutation score: {killed}/{total} ({100 * killed / max(total, 1):.1f}%)")


if __name__ == "__main__":
    main()
