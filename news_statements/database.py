"""The data package as one SQLite database, for Datasette or any SQLite client, with its Datasette metadata.

Every table keeps its primary and foreign keys; article texts, statement texts and the quoted passages of
event reports and figures have full-text search (FTS5); the views in views/*.sql answer the common
questions. The Datasette metadata (titles, descriptions of tables, columns and views, licence, sources) is
generated from schema/ and the views' headers, never written twice.

    python -m news_statements.database [PACKAGE] [--corpus DIR] [--out dist/<name>.db]

The database is written to a temporary file and renamed into place; the same package gives the same bytes.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import sqlite_utils

from news_statements.copies import LoadError, read
from news_statements.layout import Layout
from news_statements.metadata import package_metadata, tables
from news_statements.paths import ROOT, data_dir
from news_statements.problems import InputError

VIEWS = data_dir("views")
SQLITE_TYPES = {"string": str, "integer": int, "number": float, "date": str}
SEARCHABLE = {"articles": ["title", "text"], "statements": ["text"], "event_reports": ["text"], "figures": ["text"]}
SEARCH_VIEWS = {"statement_details": ("statements_fts", "statement_rowid")}  # view -> (FTS table, its rowid column)
TILES = "tiles"  # beside the database: the map tiles that Datasette serves (`--static tiles:tiles`)


def database_name(meta: dict[str, Any] | None = None) -> str:
    """<name>.db for a corpus (`meta`: its package.yaml; this repository's by default)."""
    return f"{(meta or package_metadata())['name']}.db"


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Records with dates as ISO text and nulls as None (SQLite has no date type)."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    return out.astype(object).where(out.notna(), None).to_dict("records")


def views() -> dict[str, dict[str, str]]:
    """views/<name>.sql -> {title, description, sql}; the header's `-- title:` and `-- description:` lines."""
    found = {}
    for path in sorted(VIEWS.glob("*.sql")):
        text = path.read_text(encoding="utf-8")
        header = re.match(r"((?:--.*\n)+)", text)
        meta = re.findall(r"^-- (\w+): (.*(?:\n--   .*)*)", header.group(1) if header else "", flags=re.M)
        fields = {key: " ".join(value.replace("\n--  ", " ").split()) for key, value in meta}
        found[path.stem] = {**fields, "sql": text[header.end() if header else 0 :].strip()}
    return found


def _create(db: sqlite_utils.Database, frames: dict[str, pd.DataFrame]) -> None:
    """Tables with their keys and types from the schema, then the foreign keys, full-text search and views."""
    for name, table in tables().items():
        columns = {f.name: SQLITE_TYPES[f.type] for f in table.fields}
        db[name].create(columns, pk=table.primary_key[0] if len(table.primary_key) == 1 else table.primary_key)
        db[name].insert_all(_rows(frames[name]))
    db.add_foreign_keys(
        [
            (name, fk["fields"][0], fk["reference"]["resource"], fk["reference"]["fields"][0])
            for name, table in tables().items()
            for fk in table.foreign_keys
        ]
    )
    for name, columns in SEARCHABLE.items():
        db[name].enable_fts(columns, fts_version="FTS5", create_triggers=False, tokenize="porter")  # (stems)
    for name, view in views().items():
        db.create_view(name, view["sql"])


def write_database(package: Path, target: Path) -> Path:
    """Write the package (a folder, unzipped release or zip) as one SQLite database at `target`."""
    frames = read(package)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=f".{target.name}.") as tmp:
        staged = Path(tmp) / target.name
        db = sqlite_utils.Database(staged)
        with db.conn:
            _create(db, frames)
        db.vacuum()
        db.close()
        staged.replace(target)
    return target


def datasette_metadata(meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """Datasette's metadata.json for the database: from schema/, the views' headers and the corpus's
    package.yaml (`meta`; this repository's by default)."""
    meta = meta or package_metadata()
    licence = (meta.get("licenses") or [{}])[0]
    table_meta: dict[str, Any] = {
        name: {
            "title": table.title,
            "description": table.description,
            "columns": {f.name: f.description for f in table.fields},
        }
        for name, table in tables().items()
    }
    for name, view in views().items():
        table_meta[name] = {"title": view.get("title", name), "description": view.get("description", "")}
        if name in SEARCH_VIEWS:
            table_meta[name].update(fts_table=SEARCH_VIEWS[name][0], fts_pk=SEARCH_VIEWS[name][1])
    sources = "; ".join(source["title"] for source in meta.get("sources") or [])
    from news_statements.pictures.tiles import ATTRIBUTION, zooms  # (matplotlib: only when writing metadata)

    tile_layer = {
        "tile_layer": f"/{TILES}/{{z}}/{{x}}/{{y}}.png",
        "tile_layer_options": {**zooms(), "attribution": ATTRIBUTION},
    }
    return {
        "title": meta["title"],
        "description": meta["description"],
        **({"license": licence["name"]} if licence.get("name") else {}),
        **({"license_url": licence["path"]} if licence.get("path") else {}),
        "source": sources,
        "databases": {database_name(meta).removesuffix(".db"): {"tables": table_meta}},
        # the map of every table and view with latitude and longitude, on tiles drawn offline: no tile server
        "plugins": {"datasette-cluster-map": tile_layer},
    }


def write_metadata(target: Path, meta: dict[str, Any] | None = None) -> Path:
    target.write_text(json.dumps(datasette_metadata(meta), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m news_statements.database", description=__doc__.split("\n\n")[0])
    parser.add_argument("package", type=Path, nargs="?", help="package folder or release zip (<corpus>/datasets)")
    parser.add_argument("--corpus", type=Path, default=ROOT, help="the corpus folder (default: this repository)")
    parser.add_argument("--out", type=Path, help="the database to write (default: <corpus>/dist/<name>.db)")
    args = parser.parse_args(argv)
    layout = Layout(args.corpus)
    try:
        meta = layout.metadata()
        out = args.out or layout.dist / database_name(meta)
        database = write_database(args.package or layout.datasets, out)
    except LoadError as err:
        print(f"{args.package or layout.datasets}: {err}", file=sys.stderr)
        return 2
    except InputError as err:
        print(err, file=sys.stderr)
        return 2
    metadata = write_metadata(out.with_name("metadata.json"), meta)
    from news_statements.pictures.tiles import write_tiles

    tiles = write_tiles(read(args.package or layout.datasets), out.with_name(TILES))
    print(f"wrote {database}, {metadata} and {len(tiles)} map tiles in {out.with_name(TILES)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
