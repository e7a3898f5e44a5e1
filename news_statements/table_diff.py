"""What a curation change did to the tables: added, removed and changed rows by primary key, against a commit.

`git diff` of datasets/ shows CSV lines (and nothing readable for Parquet); a curator wants to know which rows
a correction touched and which cells changed. This reads each table's CSV from the working tree and from a
git revision (`git show <rev>:datasets/<table>.csv`), matches rows by the table's primary key, and prints
the differences. Run it after `make build`:

    make diff                                  # against HEAD
    python -m news_statements.table_diff --rev main statements mentions
"""

from __future__ import annotations

import argparse
import difflib
import io
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from news_statements.metadata import tables
from news_statements.paths import ROOT

MAX_SHOWN = 20  # rows listed per kind of change and table; the counts are always complete
CELL = 100


@dataclass
class TableDiff:
    table: str
    added: pd.DataFrame
    removed: pd.DataFrame
    changed: list[tuple[str, list[tuple[str, str, str]]]]  # key, [(column, old, new)]

    @property
    def empty(self) -> bool:
        return self.added.empty and self.removed.empty and not self.changed


def read_csv(data: bytes) -> pd.DataFrame:
    """Every cell as its CSV text (an empty cell is ""), so that the comparison is of what the file says."""
    return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)


def committed(table: str, rev: str, root: Path = ROOT) -> bytes | None:
    """The table's CSV at `rev`, or None when the table did not exist there."""
    command = ["git", "show", f"{rev}:./datasets/{table}.csv"]  # (./: relative to `root`, wherever the git top is)
    result = subprocess.run(command, cwd=root, capture_output=True, check=False)
    return result.stdout if result.returncode == 0 else None


def release_commit(root: Path, releases: Path, version: str) -> str | None:
    """The commit that recorded release `version` (it added releases/ids-<version>.csv with the release's tables,
    README: Releasing), or None when git does not know it (no repository, or the file was never committed)."""
    record = (releases / f"ids-{version}.csv").resolve().relative_to(root.resolve())
    command = ["git", "log", "--diff-filter=A", "--reverse", "--format=%H", "--", str(record)]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    commits = result.stdout.split() if result.returncode == 0 else []
    return commits[0] if commits else None


def diff_frames(table: str, old: pd.DataFrame, new: pd.DataFrame, key: list[str]) -> TableDiff:
    """Rows added, removed, and changed (same key, other cells), matched by primary key."""
    old_i, new_i = old.set_index(key, drop=False), new.set_index(key, drop=False)
    added = new_i[~new_i.index.isin(old_i.index)]
    removed = old_i[~old_i.index.isin(new_i.index)]
    both = new_i.index[new_i.index.isin(old_i.index)]
    columns = [c for c in new.columns if c in old.columns]
    a, b = old_i.loc[both, columns], new_i.loc[both, columns]
    differs = a.ne(b)
    changed = []
    for position in differs.any(axis=1).to_numpy().nonzero()[0]:  # changed rows only
        cells = [(c, a.iloc[position][c], b.iloc[position][c]) for c in columns if differs.iloc[position][c]]
        changed.append(("/".join(b.iloc[position][k] for k in key), cells))
    extra = sorted(set(new.columns) ^ set(old.columns))
    if extra:
        changed.append(("(columns)", [("added or removed", "", ", ".join(extra))]))
    return TableDiff(table, added.reset_index(drop=True), removed.reset_index(drop=True), changed)


def _short(text: str) -> str:
    text = " ".join(str(text).split())
    return repr(text if len(text) <= CELL else text[: CELL - 1] + "…")


def cell_change(old: str, new: str) -> str:
    """A changed cell: both values when short, else only the words that changed (a note is a paragraph)."""
    if len(old) <= CELL and len(new) <= CELL:
        return f"{_short(old)} → {_short(new)}"
    a, b = old.split(), new.split()
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            parts.append(f"{_short(' '.join(a[i1:i2]))} → {_short(' '.join(b[j1:j2]))}")
    shown = "; ".join(parts[:3]) + (f"; … {len(parts) - 3} more" if len(parts) > 3 else "")
    return f"(words) {shown}"


def render(found: TableDiff, key: list[str], limit: int | None = MAX_SHOWN) -> list[str]:
    """The table's differences as lines; at most `limit` rows per kind of change (None: every row)."""
    lines = [f"## {found.table}: {len(found.added)} added, {len(found.removed)} removed, {len(found.changed)} changed"]
    shown = len(found.added) + len(found.removed) + len(found.changed) if limit is None else limit
    for label, rows in (("+", found.added), ("-", found.removed)):
        for row in rows.head(shown).to_dict("records"):
            rest = [f"{c}={_short(v)}" for c, v in row.items() if c not in key and v != ""][:4]
            lines.append(f"  {label} {'/'.join(row[k] for k in key)}  " + "  ".join(rest))
        if len(rows) > shown:
            lines.append(f"  {label} … and {len(rows) - shown} more")
    for ident, cells in found.changed[:shown]:
        lines.append(f"  ~ {ident}")
        lines += [f"      {column}: {cell_change(old, new)}" for column, old, new in cells]
    if len(found.changed) > shown:
        lines.append(f"  ~ … and {len(found.changed) - shown} more")
    return lines


def diff_tables(datasets: Path, rev: str, root: Path, names: list[str] | None = None) -> list[tuple[TableDiff, list]]:
    """Each table's differences (with its key) between the CSV files in `datasets` and those at git `rev`."""
    known = tables()
    found = []
    for name in names or list(known):  # one per table
        key = list(known[name].primary_key)
        path = datasets / f"{name}.csv"
        new = read_csv(path.read_bytes()) if path.exists() else pd.DataFrame(columns=key)
        before = committed(name, rev, root)
        old = read_csv(before) if before is not None else pd.DataFrame(columns=new.columns)
        found.append((diff_frames(name, old, new, key), key))
    return found


def report(found: list[tuple[TableDiff, list]], rev: str, limit: int | None = MAX_SHOWN) -> str:
    """What `make diff` prints: per changed table its rows added, removed and changed, then the unchanged tables."""
    lines, unchanged = [], []
    for diff, key in found:
        if diff.empty:
            unchanged.append(diff.table)
        else:
            lines += [*render(diff, key, limit), ""]
    return "\n".join(lines) + f"unchanged against {rev}: {', '.join(unchanged) or 'none'}"


CHANGE_COLUMNS = ["table", "key", "change", "field", "old", "new"]


def change_rows(found: list[tuple[TableDiff, list]]) -> pd.DataFrame:
    """Every difference as one row (table, key, change, field, old, new): `added` and `removed` rows by key,
    `changed` cells by key and field (old and new value), `columns` for fields added or removed."""
    rows = []
    for diff, key in found:
        for change, frame in (("added", diff.added), ("removed", diff.removed)):
            rows += [(diff.table, "/".join(r[k] for k in key), change, "", "", "") for r in frame.to_dict("records")]
        for ident, cells in diff.changed:
            kind = "columns" if ident == "(columns)" else "changed"
            rows += [(diff.table, "" if kind == "columns" else ident, kind, *cell) for cell in cells]
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS, dtype="string")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Row-level diff of the built tables against a git revision.")
    parser.add_argument("tables", nargs="*", help="tables to compare (default: all)")
    parser.add_argument("--rev", default="HEAD", help="git revision to compare with (default: HEAD)")
    parser.add_argument(
        "--corpus", type=Path, default=ROOT, help="the corpus folder, in git (default: this repository)"
    )
    parser.add_argument("--datasets", type=Path, help="the built tables (default: <corpus>/datasets/)")
    args = parser.parse_args(argv)
    datasets = args.datasets or args.corpus / "datasets"
    known = tables()
    unknown = [t for t in args.tables if t not in known]
    if unknown:
        print(f"unknown table(s) {unknown} (expected one of {', '.join(known)})", file=sys.stderr)
        return 2
    print(report(diff_tables(datasets, args.rev, args.corpus, args.tables), args.rev))
    return 0


if __name__ == "__main__":
    sys.exit(main())
