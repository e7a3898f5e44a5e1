"""Any copy of a package that follows the standard, read: a folder holding datapackage.json, the unzipped release
(its root, which holds datasets/), or a release zip. Every file is checked against the sha256 in its
datapackage.json before it is read, and every table is typed by the standard's schema.

The corpus module (syria_offensive.load) adds where this corpus's copies are (the bundled one, other releases);
the database and the pictures read any corpus's copy through `read()`.

Every failure is a LoadError with one line that says what was wrong and where.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import zipfile
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from news_statements.dtypes import typed

if TYPE_CHECKING:  # (imported when a table is read: the validator, which uses extract(), does not import pandas)
    import pandas as pd

MAX_ARCHIVE_BYTES = 2_000_000_000


class LoadError(Exception):
    """The package could not be found, fetched, verified or read (the message says which and where)."""


def inside(directory: Path, relative: str) -> Path:
    """directory/relative, refused when the path from the data would lead out of the package directory."""
    path = (directory / relative).resolve()
    if not path.is_relative_to(directory.resolve()):
        raise LoadError(f"{directory / 'datapackage.json'}: resource path {relative!r} leads outside the package")
    return path


def descriptor_of(directory: Path) -> dict:
    try:
        return json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise LoadError(f"{directory / 'datapackage.json'}: cannot be read as JSON ({err})") from None


def verify(directory: Path) -> list[str]:
    """Names of files whose bytes differ from the sha256 recorded in datapackage.json."""
    bad = []
    for resource in descriptor_of(directory).get("resources", []):
        path = inside(directory, str(resource.get("path", "")))
        expected = str(resource.get("hash", "")).removeprefix("sha256:")
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != expected:
            bad.append(str(resource.get("path")))
    return bad


def extract(archive: Path, target: Path) -> Path:
    """Unpack a release zip into `target` (refusing members that would land outside it) and return the
    folder that holds its datapackage.json."""
    try:
        with zipfile.ZipFile(archive) as zf:
            members = zf.infolist()
            for info in members:
                member = PurePosixPath(info.filename)
                if member.is_absolute() or ".." in member.parts or "\\" in info.filename:
                    raise LoadError(f"{archive}: member {info.filename!r} would land outside the package folder")
            if sum(info.file_size for info in members) > MAX_ARCHIVE_BYTES:
                raise LoadError(f"{archive}: expands to more than 2 GB")
            zf.extractall(target)
    except zipfile.BadZipFile as err:
        raise LoadError(f"{archive}: not a zip archive ({err})") from None
    found = sorted(target.rglob("datapackage.json"), key=lambda p: (len(p.parts), str(p)))
    if not found:
        raise LoadError(f"{archive}: not a release of the package (it holds no datapackage.json)")
    shallowest = [p.parent.relative_to(target).as_posix() for p in found if len(p.parts) == len(found[0].parts)]
    if len(shallowest) > 1:  # (which one is read would depend on the file system's order)
        raise LoadError(f"{archive}: holds more than one package at the same depth: {', '.join(shallowest[:5])}")
    return found[0].parent


def package_folder(path: Path) -> Path:
    """The folder holding datapackage.json: `path` itself, or the datasets/ of an unzipped release's root."""
    path = Path(path)
    for candidate in (path, path / "datasets"):
        if (candidate / "datapackage.json").is_file():
            return candidate
    if not path.exists():
        raise LoadError(f"{path}: no such file or folder")
    raise LoadError(f"{path}: not a data package (no datapackage.json here or in {path / 'datasets'})")


def read_table(directory: Path, resource: dict) -> pd.DataFrame:
    """One table from its Parquet twin when present (faster), else its CSV, cast to the schema's dtypes."""
    import pandas as pd

    csv = inside(directory, resource["path"])
    parquet = csv.with_suffix(".parquet")
    if parquet.is_file():
        frame = pd.read_parquet(parquet)
    else:
        frame = pd.read_csv(csv, dtype=str, keep_default_na=False, na_values=[""])
    return typed(frame, resource["schema"])


def read(path: Path | str, name: str | None = None) -> pd.DataFrame | dict[str, pd.DataFrame]:
    """The tables of any copy (a folder, an unzipped release or a zip), verified and typed: one as a DataFrame,
    or every table as a dict."""
    with tempfile.TemporaryDirectory(prefix="news-statements-") as scratch:
        return read_folder(copy_folder(path, Path(scratch)), name)


def copy_folder(path: Path | str, scratch: Path) -> Path:
    """The folder holding a copy's datapackage.json: a zip is unpacked into `scratch`; a folder is the package or
    the root of an unzipped release."""
    path = Path(path)
    return extract(path, scratch) if path.is_file() else package_folder(path)


def read_folder(directory: Path, name: str | None = None) -> pd.DataFrame | dict[str, pd.DataFrame]:
    """The tables of a package folder (see `read`)."""
    bad = verify(directory)
    if bad:
        raise LoadError(f"{directory}: files do not match their sha256 in datapackage.json: {', '.join(bad)}")
    tables = {r["name"]: r for r in descriptor_of(directory).get("resources", []) if "schema" in r}
    if name is not None:
        if name not in tables:
            raise LoadError(f"no table {name!r}; the tables are: {', '.join(tables)}")
        return read_table(directory, tables[name])
    return {table: read_table(directory, resource) for table, resource in tables.items()}
