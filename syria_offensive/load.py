"""load(): the tables as pandas DataFrames with the dtypes the schema declares.

Inside a checkout it reads the local datasets/. Elsewhere it downloads the release archive of its
version into a user cache with pooch, verifies the archive's sha256 (a corrupted or truncated file is
fetched again, never loaded), and checks every file against the hash in datapackage.json before use.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pooch

from syria_offensive.dtypes import typed
from syria_offensive.paths import ROOT

URL_VARIABLE = "SYRIA_OFFENSIVE_RELEASE_URL"


def _registry() -> dict:
    return json.loads(Path(__file__).with_name("release.json").read_text(encoding="utf-8"))


def local_datasets(start: Path | None = None) -> Path | None:
    """datasets/ of the checkout this module lives in, or of a checkout containing the working directory."""
    here = (start or Path.cwd()).resolve()
    for candidate in [ROOT, here, *here.parents]:
        if (candidate / "build.py").is_file() and (candidate / "datasets" / "datapackage.json").is_file():
            return candidate / "datasets"
    return None


def inside(directory: Path, relative: str) -> Path:
    """directory/relative, refused when the path from the data would lead out of the package directory."""
    path = (directory / relative).resolve()
    if not path.is_relative_to(directory.resolve()):
        raise ValueError(f"{directory / 'datapackage.json'}: resource path {relative!r} leads outside the package")
    return path


def verify(directory: Path) -> list[str]:
    """Names of files whose bytes differ from the sha256 recorded in datapackage.json."""
    descriptor = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    bad = []
    for resource in descriptor["resources"]:
        path = inside(directory, resource["path"])
        expected = resource.get("hash", "").removeprefix("sha256:")
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != expected:
            bad.append(resource["path"])
    return bad


def fetch(base_url: str, archive: str, sha256: str, cache_dir: Path | None = None) -> Path:
    """Download (or reuse) the release archive, verified, and return the extracted package directory."""
    cache = Path(cache_dir) if cache_dir else Path(pooch.os_cache("syria-offensive-2024"))
    extract = archive.removesuffix(".zip") + ".extracted"
    for attempt in (1, 2):
        files = pooch.retrieve(
            url=f"{base_url.rstrip('/')}/{archive}",
            known_hash=f"sha256:{sha256}",
            fname=archive,
            path=cache,
            processor=pooch.Unzip(extract_dir=extract),
            progressbar=False,
        )
        directory = Path(next(f for f in files if f.endswith("datapackage.json"))).parent
        if not verify(directory):
            return directory
        # the extracted copy was altered after download: start again from a fresh download
        shutil.rmtree(cache / extract, ignore_errors=True)
        (cache / archive).unlink(missing_ok=True)
        if attempt == 2:
            raise OSError(f"files of {archive} do not match their sha256 in datapackage.json: {verify(directory)}")
    raise AssertionError("unreachable")


def package_directory(path: Path | None = None, base_url: str | None = None, cache_dir: Path | None = None) -> Path:
    if path is not None:
        return Path(path)
    local = local_datasets()
    if local is not None:
        return local
    release = _registry()
    base = base_url or os.environ.get(URL_VARIABLE) or release.get("base_url")
    if not base:
        raise RuntimeError(
            f"no local datasets/ found and no download address known for release {release['version']}: "
            f"pass base_url= or set {URL_VARIABLE} to the folder that holds {release['archive']}"
        )
    return fetch(base, release["archive"], release["sha256"], cache_dir)


def read_table(directory: Path, resource: dict) -> pd.DataFrame:
    """One table from its Parquet twin when present (faster), else its CSV, cast to the schema's dtypes."""
    csv = inside(directory, resource["path"])
    parquet = csv.with_suffix(".parquet")
    if parquet.is_file():
        frame = pd.read_parquet(parquet)
    else:
        frame = pd.read_csv(csv, dtype=str, keep_default_na=False, na_values=[""])
    return typed(frame, resource["schema"])


def load(
    name: str | None = None, *, path: Path | None = None, base_url: str | None = None, cache_dir: Path | None = None
) -> pd.DataFrame | dict[str, pd.DataFrame]:
    """One table as a DataFrame (`load("statements")`), or every table as a dict (`load()`).

    Code-list columns are categoricals, dates datetime64[s], integers nullable Int64, strings `string`.
    """
    directory = package_directory(path, base_url, cache_dir)
    descriptor = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    tables = {r["name"]: r for r in descriptor["resources"] if "schema" in r}
    if name is not None:
        if name not in tables:
            raise KeyError(f"no table {name!r}; the tables are: {', '.join(tables)}")
        return read_table(directory, tables[name])
    return {table: read_table(directory, resource) for table, resource in tables.items()}
