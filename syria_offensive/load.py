"""load(): the tables as pandas DataFrames with the dtypes the schema declares, from wherever the package is.

Where the data comes from, in this order:
- `path=`: any copy of the package — a folder holding datapackage.json, the unzipped release (its root,
  which holds datasets/), or a release zip;
- `version=` other than the bundled one (or `base_url=`): the release archive of that version, downloaded
  once into a user cache (pooch for http/https; a local folder or file:// address is copied), its sha256
  checked against the release record (syria_offensive/release.json) before it is unpacked;
- otherwise the bundled package: the current release's data, which the wheel carries (and a checkout's
  datasets/ in an editable install), so `load()` works offline anywhere.
Every file is checked against the sha256 in its datapackage.json before it is read.

Every failure is a LoadError with one line that says what was wrong and where.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlparse

import pandas as pd
import pooch

from news_statements.copies import (  # (also for code that imported them from here before the toolkit split)
    LoadError,
    copy_folder,
    descriptor_of,
    extract,
    inside,
    package_folder,
    read_folder,
    read_table,
    verify,
)

__all__ = [
    "LoadError",
    "descriptor_of",
    "extract",
    "fetch",
    "inside",
    "load",
    "locate",
    "package_folder",
    "package_path",
    "read_table",
    "registry",
    "releases",
    "verify",
]

BUNDLED = Path(__file__).resolve().parent / "_data" / "datasets"  # the wheel's copy of this corpus's datasets/
CHECKOUT = Path(__file__).resolve().parent.parent / "datasets"  # a checkout's (an editable install)

URL_VARIABLE = "SYRIA_OFFENSIVE_RELEASE_URL"
REGISTRY = Path(__file__).with_name("release.json")


def registry() -> dict:
    """The release record: the current version, its archive and sha256, older releases, the download address."""
    return json.loads(REGISTRY.read_text(encoding="utf-8"))


def releases() -> dict[str, dict]:
    """Every published release: version -> {archive, sha256}."""
    record = registry()
    known = dict(record.get("releases", {}))
    known[record["version"]] = {"archive": record["archive"], "sha256": record["sha256"]}
    return known


def package_path() -> Path:
    """The folder of the bundled data package (datapackage.json, CSV and Parquet): for DuckDB, polars or R."""
    directory = BUNDLED if BUNDLED.is_dir() else CHECKOUT
    if not (directory / "datapackage.json").is_file():
        raise LoadError(f"{directory}: no bundled datapackage.json (the installation is incomplete; reinstall)")
    return directory


def _download(base: str, archive: str, sha256: str, cache: Path) -> Path:
    """The verified archive in the cache: pooch for http(s); a local folder or file:// address is copied."""
    url = urlparse(base)
    if url.scheme in ("http", "https", "ftp", "doi"):
        try:
            return Path(
                pooch.retrieve(f"{base.rstrip('/')}/{archive}", f"sha256:{sha256}", archive, cache, progressbar=False)
            )
        except ValueError as err:  # pooch: the hash did not match (it removes the download)
            raise LoadError(f"{base}/{archive}: {err}".splitlines()[0]) from None
        except OSError as err:  # (requests' errors are OSErrors: unreachable host, HTTP 404, ...)
            raise LoadError(f"{base}/{archive}: cannot be downloaded ({type(err).__name__}: {err})"[:400]) from None
    folder = Path(unquote(url.path)) if url.scheme == "file" else Path(base)
    source = folder / archive
    if not source.is_file():
        raise LoadError(f"{source}: no such release archive")
    target = cache / archive
    if target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == sha256:
        return target
    if hashlib.sha256(source.read_bytes()).hexdigest() != sha256:
        raise LoadError(f"{source}: sha256 differs from the release record of {archive}")
    cache.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkstemp(dir=cache, prefix=f".{archive}.")[1])
    shutil.copyfile(source, staged)
    staged.replace(target)
    return target


def fetch(base_url: str, archive: str, sha256: str, cache_dir: Path | None = None) -> Path:
    """Download (or reuse) a release archive, verified, and return its unpacked package folder.

    The cached archive is checked against the release record every time (and fetched again when it differs);
    the unpacked copy is used only while its descriptor is the archive's and every file matches its sha256.
    Otherwise it is unpacked again, into a temporary sibling renamed into place when complete, so an
    interrupted or tampered copy is never read."""
    cache = Path(cache_dir) if cache_dir else Path(pooch.os_cache("syria-offensive-2024"))
    zipped = _download(base_url, archive, sha256, cache)
    unpacked = cache / archive.removesuffix(".zip")
    if unpacked.is_dir():
        folder = package_folder(next(iter(sorted(unpacked.iterdir())), unpacked))
        if not verify(folder) and _descriptor_in(zipped) == (folder / "datapackage.json").read_bytes():
            return folder
        shutil.rmtree(unpacked)
    staging = Path(tempfile.mkdtemp(dir=cache, prefix=f".{archive}.unpacking-"))
    try:
        bad = verify(extract(zipped, staging))
        if bad:
            raise LoadError(f"{zipped}: files do not match their sha256 in datapackage.json: {', '.join(bad)}")
        staging.rename(unpacked)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return package_folder(next(iter(sorted(unpacked.iterdir()))))


def _descriptor_in(archive: Path) -> bytes:
    with zipfile.ZipFile(archive) as zf:
        name = min((n for n in zf.namelist() if n.endswith("datapackage.json")), key=lambda n: n.count("/"))
        return zf.read(name)


def locate(
    path: Path | str | None = None,
    version: str | None = None,
    base_url: str | None = None,
    cache_dir: Path | None = None,
    *,
    scratch: Path,
) -> Path:
    """The folder of the package to read (see the module doc for the order); `scratch` receives a zip's files."""
    if path is not None:
        return copy_folder(path, scratch)
    record = registry()
    if (version is None or version == record["version"]) and base_url is None:
        return package_path()
    version = version or record["version"]
    known = releases()
    if version not in known:
        raise LoadError(f"no release {version!r}; the releases are: {', '.join(sorted(known))}")
    base = base_url or os.environ.get(URL_VARIABLE) or record.get("base_url")
    if not base:
        raise LoadError(
            f"no download address known for release {version}: pass base_url= or set {URL_VARIABLE} "
            f"to the folder or address that holds {known[version]['archive']}"
        )
    return fetch(base, known[version]["archive"], known[version]["sha256"], cache_dir)


def load(
    name: str | None = None,
    *,
    path: Path | str | None = None,
    version: str | None = None,
    base_url: str | None = None,
    cache_dir: Path | None = None,
) -> pd.DataFrame | dict[str, pd.DataFrame]:
    """One table as a DataFrame (`load("statements")`), or every table as a dict (`load()`).

    `path`: a package folder, an unzipped release or a release zip; `version`/`base_url`: another release,
    downloaded and verified. Code-list columns are categoricals, dates datetime64[s], integers nullable Int64,
    strings `string`.
    """
    with tempfile.TemporaryDirectory(prefix="syria-offensive-") as scratch:
        return read_folder(locate(path, version, base_url, cache_dir, scratch=Path(scratch)), name)
