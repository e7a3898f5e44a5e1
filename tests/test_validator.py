"""The validator others run on their copies: directories, release zips, CSV edits, Parquet, JSON reports."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from news_statements.failures import as_frame
from news_statements.standard import label
from news_statements.validation import rules
from tests.test_build import build

ROOT = Path(__file__).resolve().parent.parent


def validate(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "news_statements.validation", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    from tests.conftest import FIXTURE

    out = tmp_path_factory.mktemp("pkg") / "datasets"
    assert build(FIXTURE, out).returncode == 0
    return out


def test_a_valid_package_passes_every_layer(package):
    result = validate(str(package))
    assert result.returncode == 0, result.stdout
    assert "valid (layers: table, cross-table, frictionless; formats: csv, parquet)" in result.stdout


def edited_copy(package: Path, tmp_path: Path, file: str, old: str, new: str) -> Path:
    """A copy of the package with one CSV edited as a downstream user would (the edit must apply)."""
    copy = tmp_path / "copy"
    shutil.copytree(package, copy)
    csv = copy / file
    text = csv.read_text(encoding="utf-8")
    assert old in text
    csv.write_text(text.replace(old, new), encoding="utf-8")
    return copy


def test_an_edited_csv_is_checked_by_every_layer(package, tmp_path):
    copy = edited_copy(package, tmp_path, "statements.csv", ",indirect,", ",hearsay,")
    result = validate(str(copy), "--format", "csv")
    assert result.returncode == 1
    assert (
        "[table] statements.csv row 3 (statement_id mini-iran-supports-syria): "
        "mode: value must be one of the codes of mode (got 'hearsay')" in result.stdout
    )
    assert (
        "[frictionless] datapackage.json: statements: The data source does not match the expected hash" in result.stdout
    )


def test_a_value_that_cannot_be_typed_is_reported_not_nulled(package, tmp_path):
    copy = edited_copy(package, tmp_path, "figures.csv", ",12,", ",twelve,")
    result = validate(str(copy), "--format", "csv")
    assert result.returncode == 1
    assert (
        "[read] figures.csv row 2 (figure_id mini-12-killed): value: value is not a whole number (got 'twelve')"
        in result.stdout
    )


def test_json_report(package, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(package, copy)
    (copy / "mentions.parquet").write_bytes(b"not parquet")
    result = validate(str(copy), "--json", "--format", "parquet")
    report = json.loads(result.stdout)
    assert result.returncode == 1 and report["valid"] is False
    assert any(e["table"] == "mentions" and e["message"].startswith("cannot be read") for e in report["errors"])


def test_a_release_zip_is_validated(package, tmp_path):
    archive = tmp_path / "release.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(package.iterdir()):
            zf.write(path, f"syria-offensive-2024/{path.name}")
    assert validate(str(archive)).returncode == 0


def test_a_zip_member_escaping_the_directory_is_refused(tmp_path):
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("../outside.txt", "x")
    result = validate(str(archive))
    assert result.returncode == 2
    assert f"{archive}: member '../outside.txt' would land outside the package folder" in result.stderr
    assert not (tmp_path.parent / "outside.txt").exists()


def test_parquet_text_that_is_not_utf8_is_reported_row_by_row(tmp_path):
    """The Parquet reader does not check UTF-8: the validator names each malformed value (as Python's strict
    decoder judges it) and reads it as null, on both Arrow string widths; well-formed multibyte text passes."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from news_statements.metadata import tables
    from news_statements.readers import read_parquet

    aliases = [
        b"Iran",
        b"Syr\xffia",
        b"caf\xc3\xa9",
        b"over\xc0\xaflong",
        b"\xed\xa0\x80",
        b"cut\xe2\x82",
        b"\x82tail",
        b"\xf0\x9d\x94\x98",
    ]
    expected_bad = []
    for row, value in enumerate(aliases):
        try:
            value.decode("utf-8")
        except UnicodeDecodeError:
            expected_bad.append(row)
    assert expected_bad == [1, 3, 4, 5, 6]
    for binary, text in [(pa.binary(), pa.string()), (pa.large_binary(), pa.large_string())]:
        ids = pa.array([f"actor-{i}" for i in range(len(aliases))])
        pq.write_table(
            pa.table({"actor_id": ids, "alias": pa.array(aliases, binary).view(text)}), tmp_path / "a.parquet"
        )
        frame, found = read_parquet(tmp_path / "a.parquet", tables()["actor_aliases"])
        assert found["row"].tolist() == expected_bad
        assert set(found["message"]) == {"value is not valid UTF-8 text"}
        assert found["value"].tolist()[0] == "Syr\ufffdia"
        assert frame["alias"].isna().tolist() == [row in expected_bad for row in range(len(aliases))]


def edited_descriptor(package: Path, tmp_path: Path, edit) -> Path:
    copy = tmp_path / "copy"
    shutil.copytree(package, copy)
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    edit(descriptor)
    (copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return copy


def test_a_descriptor_without_some_tables_is_reported(package, tmp_path):
    def drop_figures(descriptor):
        descriptor["resources"] = [r for r in descriptor["resources"] if not r["name"].startswith("figures")]

    # (a table of the standard missing stops the checks of the data: the report is the descriptor's lines only)
    result = validate(str(edited_descriptor(package, tmp_path, drop_figures)))
    assert result.returncode == 1
    assert result.stdout.splitlines()[:-1] == [
        f"[package] datapackage.json: resource 'figures' is not declared: {label()} requires the "
        "table figures (figures.csv)",
        "[package] datapackage.json: resource 'figures-parquet' is not declared (expected path 'figures.parquet')",
    ]


def test_a_descriptor_with_a_weakened_schema_or_a_moved_path_is_reported(package, tmp_path):
    def weaken(descriptor):
        statements = next(r for r in descriptor["resources"] if r["name"] == "statements")
        mode = next(f for f in statements["schema"]["fields"] if f["name"] == "mode")
        del mode["constraints"]
        next(r for r in descriptor["resources"] if r["name"] == "actors-parquet")["path"] = "elsewhere.parquet"

    result = validate(str(edited_descriptor(package, tmp_path, weaken)), "--format", "csv")
    differs = f"resource 'statements': schema differs from {label()} "
    assert f"{differs}(standard/{label().replace(' ', '/')}/tables/statements.json): fields mode" in result.stdout
    assert "resource 'actors-parquet': path is 'elsewhere.parquet', expected 'actors.parquet'" in result.stdout


def test_a_descriptor_that_breaks_the_data_package_profile_is_reported_by_place(package, tmp_path):
    def break_a_reference(descriptor):
        statements = next(r for r in descriptor["resources"] if r["name"] == "statements")
        statements["schema"]["foreignKeys"][0]["reference"] = 5

    result = validate(str(edited_descriptor(package, tmp_path, break_a_reference)), "--format", "csv")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    index = [r["name"] for r in json.loads((package / "datapackage.json").read_text())["resources"]].index("statements")
    message = f"resource 'statements' (resources/{index}): schema/foreignKeys/0/reference: 5 is not of type 'object'"
    assert message in result.stdout, result.stdout


def test_csv_and_parquet_twins_that_disagree_are_reported(package, tmp_path):
    import pandas as pd

    copy = tmp_path / "copy"
    shutil.copytree(package, copy)
    frame = pd.read_csv(copy / "statements.csv", dtype=str, keep_default_na=False)
    was = frame.loc[1, "speaker_id"]
    frame.loc[1, "speaker_id"] = "abbas-araghchi" if was != "abbas-araghchi" else "iran"
    frame.to_csv(copy / "statements.csv", index=False, lineterminator="\n")
    result = validate(str(copy))
    assert result.returncode == 1
    line = (
        f"[twins] statements.csv row 3 (statement_id {frame.loc[1, 'statement_id']}): speaker_id: CSV and Parquet "
        f"twins differ (csv value → parquet value) (got 'speaker_id: {frame.loc[1, 'speaker_id']} → {was}')"
    )
    assert line in result.stdout, result.stdout


def test_a_parquet_column_of_another_arrow_type_is_reported(package, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    copy = tmp_path / "copy"
    shutil.copytree(package, copy)
    table = pq.read_table(copy / "statements.parquet")
    number = table.column_names.index("char_start")
    table = table.set_column(number, "char_start", table.column(number).cast(pa.string()))
    pq.write_table(table, copy / "statements.parquet")
    result = validate(str(copy), "--format", "parquet")
    assert result.returncode == 1
    assert (
        "[read] statements.parquet: char_start: Parquet column has Arrow type string; the schema says int64 "
        "(got 'string')" in result.stdout
    )


def test_a_missing_table_is_reported_once_and_the_rules_needing_it_in_one_line(package, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(package, copy)
    (copy / "actors.csv").unlink()
    result = validate(str(copy), "--format", "csv")
    lines = [line for line in result.stdout.splitlines() if not line.startswith("[frictionless]")]
    assert lines[0] == "[read] actors.csv: (file): file is missing (got 'actors.csv')"
    needing = sum("actors" in rule.needs for rule in rules.rules())
    assert lines[1].startswith(f"[cross-table] actors.csv: (rules): {needing} rule(s) skipped because this table could")
    assert "unknown reference" not in result.stdout
    assert len(lines) == 3  # (and the summary)


def test_an_unreadable_value_is_not_reported_again_as_missing(package, tmp_path):
    copy = edited_copy(package, tmp_path, "statements.csv", ",49,86,", ",forty-nine,86,")
    result = validate(str(copy), "--format", "csv")
    assert "char_start: value is not a whole number (got 'forty-nine')" in result.stdout
    assert "value is required" not in result.stdout


def test_one_line_per_bad_row_and_rule(package, tmp_path):
    copy = edited_copy(package, tmp_path, "statements.csv", ",49,86,", ",x,y,")
    result = validate(str(copy), "--format", "csv")
    (line,) = [line for line in result.stdout.splitlines() if "value is not a whole number" in line]
    assert line.endswith("char_start, char_end: value is not a whole number (got 'x; y')")


def test_a_missing_column_is_reported_once(package, tmp_path):
    import pandas as pd

    copy = tmp_path / "copy"
    shutil.copytree(package, copy)
    frame = pd.read_csv(copy / "statements.csv", dtype=str, keep_default_na=False)
    frame.drop(columns=["speaker_id"]).to_csv(copy / "statements.csv", index=False, lineterminator="\n")
    result = validate(str(copy), "--format", "csv")
    missing = "[read] statements.csv: (file): header does not match the schema: missing: 'speaker_id'"
    assert missing in result.stdout, result.stdout
    assert "value is required" not in result.stdout  # (the file's row checks are skipped, in one line)
    assert "INVALID, 2 problem(s)" in result.stdout


def test_a_nul_byte_in_a_name_is_reported_with_the_value(package, tmp_path, capsys):
    """A control character read from a CSV (the C parser keeps a NUL inside a field) is layer 1's, one line with
    the value escaped; the rules still run (no second report, no rule without a message)."""
    from news_statements.validation import cli

    copy = edited_copy(package, tmp_path, "actors.csv", ",Abbas Araghchi,", ",Abbas\x00 Araghchi,")
    assert cli.main([str(copy), "--format", "csv"]) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if not line.startswith("[frictionless]")]
    assert lines == [
        "[table] actors.csv row 2 (actor_id abbas-araghchi): name: value holds a control character (U+0000-U+001F, a "
        "newline or tab too): one line of text is expected (got 'Abbas\\x00 Araghchi')",
        f"{copy}: INVALID, 3 problem(s) (layers: table, cross-table, frictionless; formats: csv)",
    ]


def test_the_validator_does_not_import_pandera(package):
    """Layer 1 is SQL run by DuckDB: pandera (0.45 s of a cold start) stays for load() and users' frames."""
    script = (
        "import sys; from news_statements.validation.cli import main; "
        f"code = main([{str(package)!r}, '--format', 'parquet']); "
        "print('pandera' in sys.modules, code)"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.stdout.splitlines()[-1] == "False 0", result.stdout + result.stderr


def test_a_parquet_copy_is_checked_where_it_lies_not_read_into_frames(package, monkeypatch):
    """--format parquet: DuckDB reads the Parquet files through views; the pandas reader (which holds a table
    whole) is for a file the views cannot take as it would (tests/test_hostile_input.py)."""
    from news_statements.validation import cli, files

    monkeypatch.setattr(files, "read_table", lambda *args: pytest.fail(f"read into a frame: {args[2]}"))
    found = cli.validate(package, ["parquet"])
    assert found == [], found


def test_parquet_text_that_is_not_utf8_is_reported_by_the_validator_row_by_row(package, tmp_path):
    """DuckDB refuses such a file when layer 1 reads it: the validator then reads it with the reader, which names
    each malformed value, and the other layers still run on it."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from news_statements.validation import cli

    copy = tmp_path / "copy"
    shutil.copytree(package, copy)
    table = pq.read_table(copy / "actor_aliases.parquet")
    aliases = [a.encode() for a in table.column("alias").to_pylist()]
    aliases[1] = b"Syr\xffia"
    bad = pa.array(aliases, pa.binary()).view(pa.string())
    pq.write_table(
        table.set_column(table.schema.get_field_index("alias"), "alias", bad), copy / "actor_aliases.parquet"
    )
    found = as_frame(cli.validate(copy, ["parquet"]))
    read = found[found["layer"] == "read"]
    assert read[["table", "row", "column", "value", "message"]].values.tolist() == [
        ["actor_aliases", 1, "alias", "Syr\ufffdia", "value is not valid UTF-8 text"]
    ]


def test_csv_text_is_typed_as_the_pandas_reader_types_it():
    """The SQL that types a CSV file's text (files._typed) takes what the reader (readers.py) takes and nulls what
    it refuses, so that the messages of a copy are the same however it is read."""
    import duckdb
    import pandas as pd

    from news_statements.readers import _integers
    from news_statements.validation.files import _typed

    texts = ["12", "12.0", "1e3", " 12", "+12", "0x10", "1_000", "inf", "nan", "9007199254740993", "1.5", "١٢", "1e400"]
    dates = ["2024-11-29", "2024-1-5", "2024-11-29T00:00", "20241129", "2024-02-30", " 2024-11-29", "2024-11-29 "]
    column = pd.Series(texts, dtype="string")
    integers = [None if pd.isna(v) else int(v) for v in _integers(column)[0]]
    numbers = [None if pd.isna(v) else float(v) for v in pd.to_numeric(column, errors="coerce").astype("Float64")]
    days = [
        None if pd.isna(v) else v.date() for v in pd.to_datetime(pd.Series(dates), format="%Y-%m-%d", errors="coerce")
    ]
    con = duckdb.connect()
    sql = f"SELECT {_typed('x', 'integer')}, {_typed('x', 'number')}, {_typed('x', 'date')} FROM (SELECT ? AS x)"
    typed = [con.execute(sql, [text]).fetchall()[0] for text in texts + dates]
    assert [(i, n) for i, n, _ in typed[: len(texts)]] == list(zip(integers, numbers, strict=True))
    assert [d for _, _, d in typed[len(texts) :]] == days
