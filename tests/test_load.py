"""load(): dtypes from the schema; the bundled package, any copy, or another release (served on 127.0.0.1)."""

from __future__ import annotations

import functools
import hashlib
import http.server
import importlib
import json
import re
import shutil
import socket
import threading
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import syria_offensive
from news_statements.metadata import tables
from syria_offensive.load import LoadError, fetch, verify
from syria_offensive.release import write_archive
from tests.conftest import FIXTURE
from tests.test_build import build


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pkg") / "datasets"
    assert build(FIXTURE, out).returncode == 0
    return out


@pytest.fixture(scope="module")
def archive(package, tmp_path_factory) -> tuple[Path, str]:
    served = tmp_path_factory.mktemp("served")
    path = served / "syria-offensive-2024-9.9.9.zip"
    digest = write_archive(package, path, "9.9.9")
    return path, digest


@pytest.fixture
def server(archive):
    """A loopback HTTP server for the archive's folder; stops when the test ends."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(archive[0].parent))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_dtypes_come_from_the_schema(package):
    statements = syria_offensive.load("statements", path=package)
    assert isinstance(statements["mode"].dtype, pd.CategoricalDtype)
    assert statements["cameo"].cat.categories[0] == "01"  # leading zeros kept
    assert statements["cameo"].astype(str).tolist() == ["051", "051"]
    assert str(statements["date"].dtype) == "datetime64[s]"
    assert str(statements["char_start"].dtype) == "Int64"
    assert str(statements["text"].dtype) == "string"


def test_load_without_a_name_returns_every_table(package):
    frames = syria_offensive.load(path=package)
    assert set(frames) == set(tables()) >= {"articles", "statements", "mentions", "figures", "place_mentions"}


def test_an_unknown_table_name_is_a_clear_error(package):
    with pytest.raises(LoadError, match="no table 'statement'; the tables are: articles"):
        syria_offensive.load("statement", path=package)


@pytest.mark.parametrize("hostile", ["../outside.csv", "/etc/passwd"])
def test_a_resource_path_leading_outside_the_package_is_refused(package, tmp_path, hostile):
    copy = tmp_path / "datasets"
    shutil.copytree(package, copy)
    (tmp_path / "outside.csv").write_text("secret\n", encoding="utf-8")
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    statements = next(r for r in descriptor["resources"] if r["name"] == "statements")
    statements["path"] = hostile
    (copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(LoadError, match=f"resource path '{hostile}' leads outside the package"):
        syria_offensive.load("statements", path=copy)
    with pytest.raises(LoadError, match="leads outside the package"):
        verify(copy)


def test_the_bundled_package_is_the_checkouts_datasets_in_an_editable_install():
    assert syria_offensive.package_path() == Path(syria_offensive.__file__).resolve().parent.parent / "datasets"
    assert set(syria_offensive.load()) == {p.stem for p in syria_offensive.package_path().glob("*.csv")}


def test_download_is_verified_and_cached(archive, server, tmp_path):
    path, digest = archive
    directory = fetch(server, path.name, digest, tmp_path)
    assert verify(directory) == []
    assert len(syria_offensive.load("figures", path=directory)) == 1


def test_a_truncated_download_is_refused(archive, server, tmp_path):
    path, digest = archive
    truncated = path.with_name("truncated.zip")
    truncated.write_bytes(path.read_bytes()[:500])
    with pytest.raises(LoadError, match="SHA256 hash of downloaded file"):
        fetch(server, truncated.name, digest, tmp_path)
    assert list(tmp_path.iterdir()) == []  # nothing half-written in the cache


def test_a_corrupted_cached_archive_is_fetched_again(archive, server, tmp_path):
    path, digest = archive
    fetch(server, path.name, digest, tmp_path)
    cached = tmp_path / path.name
    cached.write_bytes(b"corrupted")
    directory = fetch(server, path.name, digest, tmp_path)
    assert hashlib.sha256(cached.read_bytes()).hexdigest() == digest
    assert verify(directory) == []


def test_an_altered_extracted_file_is_fetched_again(archive, server, tmp_path):
    path, digest = archive
    directory = fetch(server, path.name, digest, tmp_path)
    (directory / "statements.csv").write_text("tampered", encoding="utf-8")
    directory = fetch(server, path.name, digest, tmp_path)
    assert verify(directory) == []


def test_the_archive_is_deterministic(package, tmp_path):
    assert write_archive(package, tmp_path / "a.zip", "9.9.9") == write_archive(package, tmp_path / "b.zip", "9.9.9")


def test_a_release_zip_and_its_unzipped_root_load_like_the_folder(package, archive, tmp_path):
    path, _ = archive
    with zipfile.ZipFile(path) as zf:
        zf.extractall(tmp_path)
    (root,) = tmp_path.iterdir()
    assert (root / "datasets" / "datapackage.json").is_file()
    expected = syria_offensive.load("statements", path=package)
    for copy in (path, root, root / "datasets"):
        pd.testing.assert_frame_equal(syria_offensive.load("statements", path=copy), expected)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d, "not a data package (no datapackage.json here or in"),
        (lambda d: d / "missing", "no such file or folder"),
        (lambda d: _file(d / "notes.zip", b"not a zip"), "not a zip archive"),
        (lambda d: _zip_without_package(d / "other.zip"), "not a release of the package"),
    ],
    ids=["folder", "missing", "not-zip", "zip-not-release"],
)
def test_a_path_that_is_not_a_package_is_one_clear_line(tmp_path, make, message):
    with pytest.raises(LoadError, match=re.escape(message)) as caught:
        syria_offensive.load("statements", path=make(tmp_path))
    assert "\n" not in str(caught.value)


def _file(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _zip_without_package(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    return path


def test_an_altered_file_of_a_copy_is_refused(package, tmp_path):
    copy = tmp_path / "datasets"
    shutil.copytree(package, copy)
    (copy / "figures.csv").write_text("tampered\n", encoding="utf-8")
    with pytest.raises(LoadError, match=re.escape("files do not match their sha256 in datapackage.json: figures.csv")):
        syria_offensive.load("figures", path=copy)


def test_an_unknown_version_names_the_known_releases():
    with pytest.raises(LoadError, match=r"no release '9\.9\.9'; the releases are: 0\.1\.0, "):
        syria_offensive.load("statements", version="9.9.9", base_url="http://127.0.0.1:9")


def test_another_version_without_an_address_says_how_to_give_one(monkeypatch):
    monkeypatch.delenv("SYRIA_OFFENSIVE_RELEASE_URL", raising=False)
    with pytest.raises(LoadError, match=re.escape("no download address known for release 0.1.0: pass base_url=")):
        syria_offensive.load("statements", version="0.1.0")


def test_an_unreachable_address_is_one_line_and_leaves_the_cache_empty(archive, tmp_path):
    path, digest = archive
    with socket.socket() as probe:  # a loopback port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(LoadError, match=re.escape(f"http://127.0.0.1:{port}/{path.name}: cannot be downloaded")):
        fetch(f"http://127.0.0.1:{port}", path.name, digest, tmp_path / "cache")
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").iterdir())


@pytest.mark.parametrize("as_url", [False, True], ids=["folder", "file-url"])
def test_a_local_folder_or_file_url_serves_as_the_download_address(archive, tmp_path, as_url):
    path, digest = archive
    base = path.parent.as_uri() if as_url else str(path.parent)
    directory = fetch(base, path.name, digest, tmp_path / "cache")
    assert verify(directory) == [] and len(syria_offensive.load("figures", path=directory)) == 1
    assert fetch(base, path.name, digest, tmp_path / "cache") == directory  # reused, not copied again


def test_a_local_archive_with_another_hash_is_refused_and_not_cached(archive, tmp_path):
    path, _ = archive
    with pytest.raises(LoadError, match="sha256 differs from the release record"):
        fetch(str(path.parent), path.name, "0" * 64, tmp_path / "cache")
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").iterdir())


def test_another_release_is_downloaded_by_version_and_verified(archive, server, tmp_path, monkeypatch):
    path, digest = archive
    record = {"version": "0.0.1", "archive": "x.zip", "sha256": "0" * 64, "releases": {}}
    record["releases"]["9.9.9"] = {"archive": path.name, "sha256": digest}
    monkeypatch.setattr(importlib.import_module("syria_offensive.load"), "registry", lambda: record)
    figures = syria_offensive.load("figures", version="9.9.9", base_url=server, cache_dir=tmp_path)
    assert len(figures) == 1 and str(figures["value"].dtype) == "Int64"
