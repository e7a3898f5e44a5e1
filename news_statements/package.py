"""Write the tables and datapackage.json, deterministically and atomically.

Files are written to a sibling temporary directory, validated there with Frictionless, and only then
swapped in for datasets/. Two builds from the same inputs give byte-identical files: rows are sorted by
primary key, CSV is written with fixed options, Parquet with fixed options and no pandas metadata, and
the descriptor has no timestamps.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from news_statements import corpus, standard
from news_statements.metadata import PARQUET_SUFFIX, package_metadata, tables
from news_statements.problems import InputError, Problem


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """CSV as RFC 4180 with LF line ends, ISO dates, empty cells for nulls, UTF-8 without BOM."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    out.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


def write_parquet(frame: pd.DataFrame, schema: pa.Schema, path: Path) -> None:
    # The pandas metadata is kept so that plain pandas.read_parquet restores nullable integers and strings.
    table = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
    pq.write_table(table, path, compression="zstd", use_dictionary=False, write_statistics=False)


def file_facts(path: Path) -> dict[str, Any]:
    """Bytes and sha256 of a file, read 16 MiB at a time (a large package's files need not fit in memory)."""
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        while block := handle.read(1 << 24):
            digest.update(block)
            size += len(block)
    return {"bytes": size, "hash": "sha256:" + digest.hexdigest()}


def resource_descriptors(directory: Path) -> list[dict[str, Any]]:
    """Per table: a tabular CSV resource (schema, keys, bytes, hash) and its Parquet twin (bytes, hash).

    The Parquet twin is declared as a file resource: frictionless-py reads Parquet through pandas and
    cannot check a Parquet resource's bytes or hash, so a tabular Parquet resource could never validate
    with its checksum. Its content is validated by the project's own layers and, as a table, by
    news_statements.validation.frictionless_check.
    """
    resources = []
    for name, table in tables().items():
        schema = table.to_frictionless()
        csv = {
            "name": name,
            "title": table.title,
            "description": table.description,
            "path": f"{name}.csv",
            "type": "table",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            **file_facts(directory / f"{name}.csv"),
            "schema": schema,
        }
        parquet = {
            "name": name + PARQUET_SUFFIX,
            "title": f"{table.title} (Parquet)",
            "description": f"The rows of resource `{name}` in Parquet, typed by its schema (see README: Parquet).",
            "path": f"{name}.parquet",
            "type": "file",
            "format": "parquet",
            "mediatype": "application/vnd.apache.parquet",
            **file_facts(directory / f"{name}.parquet"),
        }
        resources += [csv, parquet]
    return resources


def descriptor(directory: Path, articles: pd.DataFrame, meta: dict[str, Any]) -> dict[str, Any]:
    """The corpus's package.yaml (`meta`), with what depends on the articles derived from them (corpus.py)."""
    meta = {k: v for k, v in meta.items() if v is not None}
    meta["description"] = f"{meta['description'].rstrip()} {corpus.summary(articles)}"
    meta["sources"] = corpus.sources(articles) + list(meta.get("sources") or [])
    meta = {k: v for k, v in meta.items() if v != []}  # (Data Package v2: a list given is not empty)
    # `$schema`: the standard's profile (it extends the Data Package v2 profile), written beside the descriptor
    profile = {"$schema": standard.profile_name()}
    return {**profile, **meta, "resources": resource_descriptors(directory)}


def write_descriptor(directory: Path, articles: pd.DataFrame, meta: dict[str, Any]) -> None:
    text = json.dumps(descriptor(directory, articles, meta), indent=2, ensure_ascii=False) + "\n"
    (directory / "datapackage.json").write_text(text, encoding="utf-8")


def write_files(frames: dict[str, pd.DataFrame], directory: Path, meta: dict[str, Any] | None = None) -> None:
    """The tables in both formats, datapackage.json (`meta`: the corpus's package.yaml, this repository's by
    default), and the standard's profile it declares."""
    directory.mkdir(parents=True)
    for name, table in tables().items():
        frame = frames[name][table.field_names]
        write_csv(frame, directory / f"{name}.csv")
        write_parquet(frame, table.to_arrow(), directory / f"{name}.parquet")
    write_descriptor(directory, frames["articles"], package_metadata() if meta is None else meta)
    for name, text in standard.package_files().items():  # (the standard's profile: see standard.py)
        (directory / name).write_text(text, encoding="utf-8")


def write_package(
    frames: dict[str, pd.DataFrame],
    target: Path,
    check: Callable[[Path], list[str]],
    meta: dict[str, Any] | None = None,
) -> None:
    """Write to a temporary sibling (`meta`: the corpus's package.yaml, this repository's by default), `check`
    it (the build passes Frictionless validation: this module is below the validators and does not import
    them), then swap in. On failure, target is untouched."""
    # Per-process staging and backup folders: concurrent builds (two curators, two CI jobs) never collide.
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent)) / target.name
    old = staging.parent / f"{target.name}.old"
    try:
        write_files(frames, staging, meta)
        errors = check(staging)
        if errors:
            raise InputError(
                [Problem("(generated) datapackage.json", None, None, f"frictionless: {e}") for e in errors]
            )
        if target.exists():
            target.rename(old)
        staging.rename(target)
    except BaseException:
        if old.exists() and not target.exists():
            old.rename(target)
        raise
    finally:
        shutil.rmtree(staging.parent, ignore_errors=True)
