"""A guided tour: four questions answered from the release's SQLite database, and where the pictures are.

    python examples/tour.py                      # from the unzipped release's root
    python examples/tour.py --database dist/syria-offensive-2024.db --root .   # in a checkout, after `make database`

Only the Python standard library is needed: every answer is one query against the database's views
(statement_details, accusations, labels_by_outlet, event_details), which any SQLite client or Datasette shows too.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

QUESTIONS = {
    "1. Who accuses whom most often?": """
        select speaker, accused, count(*) as statements, group_concat(distinct outlet) as outlets
        from accusations group by speaker, accused order by statements desc, speaker, accused limit 8""",
    "2. How does each outlet label HTS? (its three commonest descriptors, not names)": """
        select outlet, words, mentions from (
          select *, row_number() over (partition by outlet order by mentions desc, words) as rank
          from labels_by_outlet where actor_id = 'hts' and kind = 'label'
        ) where rank <= 3 order by outlet, rank""",
    "3. Which events do most articles report, and where?": """
        select event_id, coalesce(place, '(no place)') as place, start_min, start_max, end_max, articles
        from event_details order by articles desc, start_min, event_id limit 6""",
    "4. What do Iranian speakers say about 'Takfiri' groups? (full-text search)": """
        select speaker, outlet, date, substr(text, 1, 110) as words from statement_details
        where statement_rowid in (select rowid from statements_fts where statements_fts match 'takfiri')
          and speaker_country = 'IRN'
        order by date, speaker, statement_id""",
}
PICTURES = ["timeline.png", "accusations.png", "places.png", "labels.png", "figures.png", "statements_per_day.png"]


def show(rows: list[sqlite3.Row]) -> None:
    if not rows:
        print("   (no rows)")
        return
    names = rows[0].keys()
    widths = [max(len(str(name)), *(len(str(row[name])) for row in rows)) for name in names]
    print("   " + "  ".join(str(n).ljust(w) for n, w in zip(names, widths, strict=True)))
    for row in rows:
        print("   " + "  ".join(str(row[n]).ljust(w) for n, w in zip(names, widths, strict=True)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", type=Path, default=Path("syria-offensive-2024.db"))
    parser.add_argument("--root", type=Path, default=Path("."), help="the folder holding docs/pictures/")
    args = parser.parse_args(argv)
    if not args.database.is_file():
        print(f"{args.database}: no such database (in a checkout: `make database`, then pass --database)")
        return 2
    with sqlite3.connect(f"file:{args.database}?mode=ro", uri=True) as db:
        db.row_factory = sqlite3.Row
        for question, query in QUESTIONS.items():
            print(f"\n{question}")
            show(db.execute(query).fetchall())
    print("\nThe pictures (drawn from the same tables):")
    missing = [name for name in PICTURES if not (args.root / "docs" / "pictures" / name).is_file()]
    for name in PICTURES:
        print(f"   {args.root / 'docs' / 'pictures' / name}")
    if missing:
        print(f"missing pictures: {', '.join(missing)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
