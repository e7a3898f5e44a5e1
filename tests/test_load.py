"""load(): dtypes from the schema, local datasets/, and the verified download path (served on 127.0.0.1)."""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import shutil
import threading
from pathlib import Path

import pandas as pd
import pytest

import syria_offensive
from syria_offensive.load import fetch, verify
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
    assert set(frames) >= {"articles", "statements", "mentions", "figures"} and len(frames) == 12


def test_an_unknown_table_name_is_a_clear_error(package):
    with pytest.raises(KeyError, match="no table 'statement'; the tables are: articles"):
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
    with pytest.raises(ValueError, match=f"resource path '{hostile}' leads outside the package"):
        syria_offensive.load("statements", path=copy)
    with pytest.raises(ValueError, match="leads outside the package"):
        verify(copy)


def test_inside_a_checkout_the_local_datasets_are_read():
    from syria_offensive.load import local_datasets

    assert local_datasets() == Path(syria_offensive.__file__).resolve().parent.parent / "datasets"


def test_download_is_verified_and_cached(archive, server, tmp_path):
    path, digest = archive
    directory = fetch(server, path.name, digest, tmp_path)
    assert verify(directory) == []
    assert len(syria_offensive.load("figures", path=directory)) == 1


def test_a_truncated_download_is_refused(archive, server, tmp_path):
    path, digest = archive
    truncated = path.with_name("truncated.zip")
    truncated.write_bytes(path.read_bytes()[:500])
    with pytest.raises(ValueError, match="SHA256 hash of downloaded file"):
        fetch(server, truncated.name, digest, tmp_path)
    assert not (tmp_path / "truncated.zip").exists()


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
