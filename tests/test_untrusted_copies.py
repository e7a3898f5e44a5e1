"""The validator on copies anyone may have edited: it opens nothing outside the package, connects nowhere,
keeps memory and output bounded, reports a root cause once and refuses an ambiguous input."""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from news_statements.metadata import tables
from news_statements.validation import cli, screen
from news_statements.validation.screen import line_limit, long_lines
from tests.conftest import FIXTURE
from tests.test_build import build


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pkg") / "datasets"
    assert build(FIXTURE, out).returncode == 0
    return out


@pytest.fixture
def copy(package: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy"
    shutil.copytree(package, target)
    return target


def run(capsys, *args: str) -> tuple[int, list[str]]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, (out + err).splitlines()


def edit_descriptor(copy: Path, change) -> None:
    path = copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor), encoding="utf-8")


def resource(descriptor: dict, name: str) -> dict:
    return next(r for r in descriptor["resources"] if r["name"] == name)


# --- confinement ------------------------------------------------------------------------------------


def test_a_symlink_to_a_file_outside_the_package_is_refused_and_its_content_not_printed(copy, tmp_path, capsys):
    private = tmp_path / "private.txt"
    private.write_text("SECRET-FIRST-LINE,another\n", encoding="utf-8")
    (copy / "actors.csv").unlink()
    (copy / "actors.csv").symlink_to(private)
    code, lines = run(capsys, copy)
    assert code == 1
    assert "[read] actors.csv: (file): is a symlink to a file outside the package folder (got 'actors.csv')" in lines
    assert not any("SECRET" in line for line in lines)
    assert not any(line.startswith("[frictionless]") and "actors" in line for line in lines)


def test_a_symlink_to_an_identical_copy_outside_is_refused_too(package, copy, tmp_path, capsys):
    outside = tmp_path / "statements.csv"
    shutil.copy(package / "statements.csv", outside)
    (copy / "statements.csv").unlink()
    (copy / "statements.csv").symlink_to(outside)
    code, lines = run(capsys, copy, "--format", "parquet")  # (refused even where its format is not read)
    assert code == 1
    outside = "is a symlink to a file outside the package folder"
    assert f"[read] statements.csv: (file): {outside} (got 'statements.csv')" in lines


def test_a_symlink_to_a_file_inside_the_package_is_read(copy, capsys):
    os.rename(copy / "actors.csv", copy / "actors-original.csv")
    (copy / "actors.csv").symlink_to("actors-original.csv")
    code, lines = run(capsys, copy)
    assert code == 0, lines


def test_a_file_that_is_not_a_regular_file_is_refused_without_blocking(copy, capsys):
    (copy / "events.csv").unlink()
    os.mkfifo(copy / "events.csv")  # (opening it to read would wait for a writer forever)
    code, lines = run(capsys, copy)
    assert code == 1
    assert "[read] events.csv: (file): is not a regular file (got 'events.csv')" in lines


def test_a_path_that_leads_outside_is_reported_by_the_resource_name(copy, capsys):
    edit_descriptor(copy, lambda d: resource(d, "events").update(path="../../etc/passwd"))
    code, lines = run(capsys, copy)
    number = [r["name"] for r in json.loads((copy / "datapackage.json").read_text())["resources"]].index("events")
    assert code == 1
    message = f"[package] datapackage.json: resource 'events' (resources/{number}): path '../../etc/passwd' leads "
    assert f"{message}outside the package folder" in lines, lines


# --- no network -------------------------------------------------------------------------------------


@pytest.fixture
def listener():
    """A loopback server that records every connection made to it (there must be none)."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    connections, stop = [], threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            connections.append(connection.recv(200))
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", connections
    stop.set()
    thread.join()
    server.close()


def test_remote_paths_schemas_and_profiles_are_reported_never_fetched(copy, listener, capsys):
    address, connections = listener

    def remote(descriptor: dict) -> None:
        resource(descriptor, "actors")["path"] = f"{address}/actors.csv"
        resource(descriptor, "places")["schema"] = f"{address}/schema.json"
        resource(descriptor, "events-parquet")["path"] = f"{address}/events.parquet"
        descriptor["profile"] = f"{address}/profile.json"

    edit_descriptor(copy, remote)
    code, lines = run(capsys, copy)
    assert connections == []
    assert code == 1
    remote_path = "is a remote address: the validator makes no network connection and reads only the package's files"
    assert (
        f"[package] datapackage.json: resource 'actors': path is '{address}/actors.csv' ({remote_path}), "
        "expected 'actors.csv'" in lines
    )
    assert any(line.startswith("[package] datapackage.json: resource 'events-parquet': path is") for line in lines)
    assert (
        f"[package] datapackage.json: resource 'places': schema is given by reference, '{address}/schema.json': the "
        "validator reads inline schemas only" in lines
    )
    profile = f"[package] datapackage.json: profile '{address}/profile.json' is not a profile the validator knows"
    assert any(line.startswith(profile) for line in lines)
    # a remote `$schema` (where the standard is declared) is one line: the package does not declare the standard
    edit_descriptor(copy, lambda d: d.update({"$schema": f"{address}/profile.json"}))
    code, lines = run(capsys, copy)
    assert connections == [] and code == 1
    assert len(lines) == 2 and f"has \"$schema\" '{address}/profile.json' (not fetched: the validator" in lines[0]


# --- bounded cost -----------------------------------------------------------------------------------


def test_a_hostile_tail_is_one_line_and_the_file_is_not_read(copy, capsys):
    limit = line_limit(tables()["figures"])
    with open(copy / "figures.csv", "ab") as handle:
        handle.write(b"\x00" * (limit + 10))
    code, lines = run(capsys, copy)
    assert code == 1
    (line,) = [line for line in lines if line.startswith("[read] figures.csv")]
    number = (copy / "figures.csv").read_bytes().count(b"\n") + 1
    assert line == (
        f"[read] figures.csv: (file): line {number} is {limit + 10:,} bytes long; no line of a valid figures file is "
        f"longer than {limit:,} (each text field at its maximum length): the file is not read (got 'figures.csv')"
    )
    assert sum(len(line) for line in lines) < 5_000


@pytest.mark.parametrize("chunk", [3, 7, 1 << 23])
def test_long_lines_are_found_across_chunks(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr("news_statements.validation.screen.CHUNK", chunk)
    path = tmp_path / "lines.csv"
    path.write_bytes(b"ab\n" + b"x" * 12 + b"\nabc\n" + b"y" * 11 + b"\n" + b"z" * 10)
    assert long_lines(path, 10) == (2, 12, 2)
    assert long_lines(path, 12) is None
    path.write_bytes(b"ab\n" + b"z" * 11)  # (the last line has no line break)
    assert long_lines(path, 10) == (2, 11, 1)


def test_a_long_value_is_printed_cut_with_its_length(copy, capsys):
    text = (copy / "statements.csv").read_text(encoding="utf-8")
    (copy / "statements.csv").write_text(text.replace(",indirect,", "," + "h" * 5000 + ",", 1), encoding="utf-8")
    code, lines = run(capsys, copy, "--format", "csv")
    assert code == 1
    (line,) = [line for line in lines if "mode: value must be one of the codes of mode" in line]
    assert f"(got '{'h' * 200}… (5,000 characters)')" in line


def test_after_n_lines_of_a_kind_one_line_says_how_many_more(copy, capsys):
    text = (copy / "statements.csv").read_text(encoding="utf-8")
    bad = text.count(",indirect,") + text.count(",direct,")
    assert bad >= 2
    text = text.replace(",indirect,", ",hearsay,").replace(",direct,", ",hearsay,")
    (copy / "statements.csv").write_text(text, encoding="utf-8")
    code, lines = run(capsys, copy, "--format", "csv", "--max-per-kind", "1")
    assert code == 1
    shown = [line for line in lines if line.startswith("[table] statements.csv row") and " mode: " in line]
    assert len(shown) == 1
    assert f"[table] statements.csv: mode: … and {bad - 1:,} more problem(s) of this kind" in "\n".join(lines)


# --- root causes first ------------------------------------------------------------------------------


def test_a_header_with_two_columns_swapped_is_one_line_and_its_row_checks_are_skipped(copy, capsys):
    path = copy / "statements.csv"
    header, rest = path.read_text(encoding="utf-8").split("\n", 1)
    names = header.split(",")
    i, j = names.index("char_start"), names.index("char_end")
    names[i], names[j] = names[j], names[i]
    path.write_text(",".join(names) + "\n" + rest, encoding="utf-8")
    code, lines = run(capsys, copy)
    assert code == 1
    about = [line for line in lines if "statements.csv" in line or "'statements'" in line]
    assert about[0] == (
        f"[read] statements.csv: (file): header does not match the schema: column {i + 1} is 'char_end' where the "
        "schema has 'char_start' (the order differs) (got 'statements.csv')"
    )
    # (with both formats the CSV copy's rows are held to the Parquet copy by the twins rule, which is skipped)
    assert [line.split(":")[0] for line in about[1:]] == ["[twins] statements.csv"]
    assert all("rule(s) skipped" in line for line in about[1:])


def test_a_duplicated_parquet_column_is_one_line_in_words(copy, capsys):
    table = pq.read_table(copy / "actors.parquet")
    names = [*table.column_names, "name"]
    pq.write_table(pa.Table.from_arrays([*table.columns, table.column("name")], names=names), copy / "actors.parquet")
    code, lines = run(capsys, copy, "--format", "parquet")
    assert code == 1
    assert "[read] actors.parquet: (file): column names do not match the schema: more than once: 'name' " in "\n".join(
        lines
    )
    assert not any("__fragment_index" in line for line in lines)


def test_a_parquet_file_arrow_cannot_read_is_one_line(copy, capsys):
    data = (copy / "actors.parquet").read_bytes()
    (copy / "actors.parquet").write_bytes(data[: len(data) // 2])
    code, lines = run(capsys, copy, "--format", "parquet")
    assert code == 1
    (line,) = [line for line in lines if line.startswith("[read] actors.parquet")]
    assert line.startswith("[read] actors.parquet: (file): cannot be read: ")


def test_a_zip_with_two_packages_at_the_same_depth_is_refused(package, tmp_path, capsys):
    archive = tmp_path / "two.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for folder in ("clean", "damaged"):
            for path in sorted(package.iterdir()):
                zf.write(path, f"{folder}/{path.name}")
    code, lines = run(capsys, archive)
    assert code == 2
    assert lines == [f"{archive}: holds more than one package at the same depth: clean, damaged"]


# --- messages ---------------------------------------------------------------------------------------


def test_dates_are_printed_as_iso_dates(copy, capsys):
    import pandas as pd

    frame = pd.read_csv(copy / "statements.csv", dtype=str, keep_default_na=False)
    frame.loc[frame["date"] != "", "date"] = "2030-01-01"
    frame.to_csv(copy / "statements.csv", index=False, lineterminator="\n")
    code, lines = run(capsys, copy, "--format", "csv")
    assert code == 1
    assert any("[table]" in line and "2030-01-01" in line for line in lines), lines
    assert any("[cross-table]" in line and "2030-01-01" in line for line in lines), lines
    assert not any("00:00:00" in line for line in lines)


def test_a_nul_byte_early_in_statements_gives_messages_never_null(copy, capsys):
    data = (copy / "statements.csv").read_bytes()
    at = data.index(b"\n") + 5
    (copy / "statements.csv").write_bytes(data[:at] + b"\x00" + data[at:])
    code = cli.main([str(copy), "--json", "--format", "csv"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert report["errors"] and all(e["message"] for e in report["errors"])


def test_a_zip_member_stored_as_a_symlink_is_read_as_a_plain_file(package, tmp_path, capsys):
    """A zip can store a symlink (a Unix mode in its external attributes); extraction writes the link's target
    path as the file's text, so nothing outside the package is read."""
    archive = tmp_path / "link.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(package.iterdir()):
            if path.name != "actors.csv":
                zf.write(path, f"pkg/{path.name}")
        link = zipfile.ZipInfo("pkg/actors.csv")
        link.external_attr = 0o120777 << 16  # a symlink
        zf.writestr(link, "/etc/passwd")
    code, lines = run(capsys, archive)
    assert code == 1
    assert not any("root:" in line for line in lines)
    assert any(line.startswith("[read] actors.csv: (file): header does not match the schema") for line in lines)


# --- --format parquet -----------------------------------------------------------------------------


def _csv_edited_with_its_hash_recorded(copy: Path) -> None:
    """statements.csv with a mode no code list has, and the descriptor's bytes and hash made to match it."""
    import hashlib

    path = copy / "statements.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",indirect,", ",hearsay,", 1), encoding="utf-8")
    data = path.read_bytes()

    def record(descriptor: dict) -> None:
        resource(descriptor, "statements").update(bytes=len(data), hash="sha256:" + hashlib.sha256(data).hexdigest())

    edit_descriptor(copy, record)


def test_format_parquet_checks_the_csv_files_bytes_and_hashes_not_their_rows(copy, capsys):
    _csv_edited_with_its_hash_recorded(copy)
    code, lines = run(capsys, copy, "--format", "parquet")
    assert code == 0, lines  # (the CSV rows are not read: only what Parquet holds is validated)
    code, lines = run(capsys, copy, "--format", "both")
    assert code == 1
    # (both formats: the CSV copy differs from its Parquet twin, which passes every rule)
    assert any(line.startswith("[twins] statements.csv row") and "hearsay" in line for line in lines)
    assert any(line.startswith("[frictionless]") and "hearsay" in line for line in lines)
    code, lines = run(capsys, copy, "--format", "csv")
    assert any(line.startswith("[table] statements.csv row") and "hearsay" in line for line in lines)


def test_format_parquet_still_reports_a_csv_file_that_differs_from_its_hash(copy, capsys):
    path = copy / "statements.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",indirect,", ",hearsay,", 1), encoding="utf-8")
    code, lines = run(capsys, copy, "--format", "parquet")
    assert code == 1
    assert any(line.startswith("[frictionless]") and "statements" in line and "hash" in line for line in lines), lines


def test_format_parquet_does_not_scan_the_csv_files_content(copy):
    """`--format parquet` reads no CSV row, and the screen does not scan the CSV lines either (at 1M statements
    that scan read every byte of every CSV file): a hostile tail is refused only where CSV is read."""
    with (copy / "statements.csv").open("ab") as handle:
        handle.write(b"\x00" * (line_limit(tables()["statements"]) + 10))
    assert "statements.csv" in screen.table_files(copy, formats=("csv", "parquet"))
    assert "statements.csv" not in screen.table_files(copy, formats=("parquet",))
