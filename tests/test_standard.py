"""The News Statements Data Package standard: its published files are current, this dataset follows it, and the
validator accepts any package that declares and follows it (extra tables and fields allowed) and rejects, in one
line, a package that does not declare it or breaks it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from news_statements import standard
from news_statements.docs import standard_page
from news_statements.package import file_facts
from news_statements.validation import cli, rules
from news_statements.validation.frictionless_check import validate_directory
from tests.conftest import FIXTURE
from tests.test_build import build

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = ROOT / "standard"
BIN = Path(sys.executable).parent


def test_the_published_files_are_current():
    files = standard.files()
    current = standard.folder(PUBLISHED)
    committed = {p.relative_to(PUBLISHED).as_posix() for p in current.rglob("*") if p.is_file()}
    assert committed == set(files), "run `python -m news_statements.standard` and commit standard/"
    stale = [name for name, text in files.items() if (PUBLISHED / name).read_text(encoding="utf-8") != text]
    assert stale == [], f"standard/ is stale, run `python -m news_statements.standard` and commit: {stale}"


def test_the_package_carries_the_published_profile_and_the_pages_are_current():
    for name in standard.package_files():
        assert (ROOT / "datasets" / name).read_bytes() == (standard.folder(PUBLISHED) / name).read_bytes()
    assert (ROOT / "docs" / "standard.md").read_text(encoding="utf-8") == standard_page(rules.described())
    changelog = (PUBLISHED / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {standard.metadata()['version']}" in changelog


def published_validator():
    """The committed profile, its `$ref` to the v2 profile resolved from the copy beside it (no network), the way
    camtrap-dp's CI validates its example."""
    folder = standard.folder(PUBLISHED)
    return standard.validator({name: (folder / name).read_text(encoding="utf-8") for name in standard.package_files()})


def test_this_dataset_follows_the_published_profile():
    descriptor = json.loads((ROOT / "datasets" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["$schema"] == standard.profile_name()
    assert list(published_validator().iter_errors(descriptor)) == []
    statements = next(r for r in descriptor["resources"] if r["name"] == "statements")
    statements["schema"]["fields"] = [f for f in statements["schema"]["fields"] if f["name"] != "speaker_id"]
    assert list(published_validator().iter_errors(descriptor)) != []  # (the profile requires the fields)


def test_frictionless_opens_and_validates_the_package_from_another_folder():
    """A custom `$schema` is not read by frictionless-py (a relative `profile` would be opened from the working
    directory, and the package could not be opened from anywhere else)."""
    command = [str(BIN / "frictionless"), "validate", "datasets/datapackage.json"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-2000:]


def test_the_builds_check_applies_the_profile(tmp_path):
    copy = tmp_path / "datasets"
    shutil.copytree(ROOT / "datasets", copy)
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    index, statements = next((i, r) for i, r in enumerate(descriptor["resources"]) if r["name"] == "statements")
    next(f for f in statements["schema"]["fields"] if f["name"] == "char_start")["type"] = "number"  # (data valid)
    (copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    (line,) = validate_directory(copy)
    assert line.startswith(f"{standard.label()} profile: at resources/{index}/schema/fields: contains ")
    assert '"char_start"' in line and '"integer"' in line


# --- any conforming package -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pkg") / "datasets"
    assert build(FIXTURE, out).returncode == 0
    return out


def resource(descriptor: dict, name: str) -> dict:
    return next(r for r in descriptor["resources"] if r["name"] == name)


def rewrite(copy: Path, descriptor: dict) -> None:
    """The descriptor with every file's bytes and hash as they now are."""
    for item in descriptor["resources"]:
        if isinstance(item.get("path"), str) and (copy / item["path"]).is_file():
            item.update(file_facts(copy / item["path"]))
    (copy / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def add_column(copy: Path, table: str, name: str, values: list) -> None:
    """A column added at the end of a table's CSV and Parquet file."""
    arrow = pq.read_table(copy / f"{table}.parquet")
    arrow = arrow.append_column(name, pa.array(values, pa.string()))
    pq.write_table(arrow, copy / f"{table}.parquet")
    lines = (copy / f"{table}.csv").read_text(encoding="utf-8").split("\n")
    rows = [lines[0] + f",{name}"] + [f"{line},{v or ''}" for line, v in zip(lines[1:], values, strict=False) if line]
    (copy / f"{table}.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def strangers_package(package: Path, tmp_path: Path, broken_reference: bool = False) -> Path:
    """Someone else's package: its own name, title, version and sources, an extra field in statements and an
    extra table `quotes_reviewed` whose foreign key points to statements."""
    copy = tmp_path / "theirs"
    shutil.copytree(package, copy)
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    descriptor.update(name="their-news", title="Their news", version="0.1.0", sources=[{"title": "their articles"}])
    statements = pq.read_table(copy / "statements.parquet").column("statement_id").to_pylist()
    add_column(copy, "statements", "reviewer_note", ["checked"] + [None] * (len(statements) - 1))
    resource(descriptor, "statements")["schema"]["fields"].append({"name": "reviewer_note", "type": "string"})
    first = "no-such-statement" if broken_reference else statements[0]
    (copy / "quotes_reviewed.csv").write_text(f"statement_id,reviewed\n{first},true\n", encoding="utf-8")
    fields = [{"name": "statement_id", "type": "string"}, {"name": "reviewed", "type": "boolean"}]
    reference = {"resource": "statements", "fields": ["statement_id"]}
    schema = {"fields": fields, "primaryKey": ["statement_id"]}
    schema["foreignKeys"] = [{"fields": ["statement_id"], "reference": reference}]
    extra = {"name": "quotes_reviewed", "path": "quotes_reviewed.csv", "type": "table", "format": "csv"}
    descriptor["resources"].append({**extra, "schema": schema})
    rewrite(copy, descriptor)
    return copy


def run(capsys, *args) -> tuple[int, list[str]]:
    code = cli.main([str(a) for a in args])
    return code, capsys.readouterr().out.splitlines()


def test_a_package_with_an_extra_table_and_an_extra_field_is_valid(package, tmp_path, capsys):
    code, lines = run(capsys, strangers_package(package, tmp_path))
    assert code == 0, lines


def test_the_extra_tables_foreign_key_is_checked(package, tmp_path, capsys):
    code, lines = run(capsys, strangers_package(package, tmp_path, broken_reference=True))
    assert code == 1
    (line,) = [line for line in lines if line.startswith("[")]
    assert line.startswith("[frictionless] datapackage.json: quotes_reviewed: ") and "foreign key" in line, lines


def test_a_required_field_removed_is_one_line_naming_table_and_field(package, tmp_path, capsys):
    copy = tmp_path / "copy"
    shutil.copytree(package, copy)
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    schema = resource(descriptor, "statements")["schema"]
    schema["fields"] = [f for f in schema["fields"] if f["name"] != "speaker_id"]
    schema["foreignKeys"] = [k for k in schema["foreignKeys"] if k["fields"] != ["speaker_id"]]
    pq.write_table(pq.read_table(copy / "statements.parquet").drop_columns(["speaker_id"]), copy / "statements.parquet")
    frame = pd.read_csv(copy / "statements.csv", dtype=str, keep_default_na=False)
    frame.drop(columns=["speaker_id"]).to_csv(copy / "statements.csv", index=False, lineterminator="\n")
    rewrite(copy, descriptor)
    code, lines = run(capsys, copy)
    assert code == 1
    assert lines[:-1] == [
        "[package] datapackage.json: resource 'statements': field 'speaker_id' is missing "
        f"({standard.label()} requires it: string)"
    ]
    assert "INVALID, 1 problem(s)" in lines[-1]


def test_a_field_of_another_type_is_one_line(package, tmp_path, capsys):
    copy = tmp_path / "copy"
    shutil.copytree(package, copy)
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    next(f for f in resource(descriptor, "figures")["schema"]["fields"] if f["name"] == "value")["type"] = "string"
    rewrite(copy, descriptor)
    code, lines = run(capsys, copy)
    assert code == 1
    assert lines[:-1] == [
        f"[package] datapackage.json: resource 'figures': field 'value' has type 'string'; {standard.label()} says "
        "'integer'"
    ]


def test_a_package_that_does_not_declare_the_standard_is_one_line(package, tmp_path, capsys):
    copy = tmp_path / "copy"
    shutil.copytree(package, copy)
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    del descriptor["$schema"]
    rewrite(copy, descriptor)
    code, lines = run(capsys, copy)
    assert code == 1
    assert len(lines) == 2, lines  # not a data count: the validator's lines about one undeclared standard
    assert lines[0].startswith(
        "[package] datapackage.json: the package does not declare the News Statements Data Package "
        f'({standard.label()}): datapackage.json has no "$schema", expected "$schema": "{standard.profile_name()}"'
    )


def test_a_declared_profile_that_is_not_the_standards_is_one_line(package, tmp_path, capsys):
    copy = tmp_path / "copy"
    shutil.copytree(package, copy)
    (copy / standard.profile_name()).write_text('{"type": "object"}', encoding="utf-8")
    code, lines = run(capsys, copy)
    assert code == 1
    assert lines[:-1] == [
        f"[package] datapackage.json: {standard.profile_name()} (the profile the package declares) is not the "
        f"{standard.label()} file: copy it from standard/news-statements-dp/{standard.metadata()['version']}/"
    ]


def test_an_extra_table_in_another_format_or_outside_is_not_read(package, tmp_path, capsys):
    copy = strangers_package(package, tmp_path)
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    shutil.copy(copy / "quotes_reviewed.csv", copy / "quotes_reviewed.xlsx")
    resource(descriptor, "quotes_reviewed").update(path="quotes_reviewed.xlsx", format="xlsx")
    rewrite(copy, descriptor)
    code, lines = run(capsys, copy)
    assert code == 1
    assert lines[:-1] == [
        "[package] datapackage.json: resource 'quotes_reviewed' (not a table of the standard): is a table in a format "
        "other than CSV: the validator checks other tables in CSV only; it is not checked"
    ]
