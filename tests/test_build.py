"""The build as a curator runs it: all problems at once with file:line, non-zero exit, nothing written."""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(inputs: Path, out: Path) -> subprocess.CompletedProcess:
    """Run build.py on a fixture; every output (package, coverage report, docs) goes beside `out`."""
    command = [
        sys.executable,
        str(ROOT / "build.py"),
        "--curation",
        str(inputs / "curation"),
        "--sources",
        str(inputs / "sources"),
        "--out",
        str(out),
        "--reports",
        str(out.parent / f"{out.name}-reports"),
        "--docs",
        str(out.parent / f"{out.name}-docs"),
        "--releases",  # fixtures are not the released package
        str(out.parent / f"{out.name}-no-releases"),
    ]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def test_a_good_build_writes_every_table_in_both_formats(mini, tmp_path):
    result = build(mini, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    names = {p.name for p in (tmp_path / "out").iterdir()}
    assert "datapackage.json" in names
    assert {"statements.csv", "statements.parquet", "mentions.csv", "article_furniture.parquet"} <= names


def test_two_builds_are_byte_identical(mini, tmp_path):
    assert build(mini, tmp_path / "a").returncode == 0
    assert build(mini, tmp_path / "b").returncode == 0
    _same, different, missing = filecmp.cmpfiles(
        tmp_path / "a", tmp_path / "b", sorted(p.name for p in (tmp_path / "a").iterdir()), shallow=False
    )
    assert different == [] and missing == []


def test_bad_input_reports_every_problem_with_file_and_line_and_leaves_output_untouched(mini, tmp_path):
    out = tmp_path / "out"
    assert build(mini, out).returncode == 0
    before = snapshot(out)
    article = mini / "curation" / "articles" / "mini-article.yaml"
    text = article.read_text(encoding="utf-8")
    text = text.replace("speaker: iran\n", "speaker: nobody\n").replace(
        'quote: "At least 12 people"', 'quote: "At most 12 people"'
    )
    text = text.replace("    mode: direct\n", "    mode: direct\n    colour: blue\n")
    article.write_text(text, encoding="utf-8")
    result = build(mini, out)
    assert result.returncode == 1
    err = result.stderr
    file = "mini-article.yaml"
    assert f"{file}:17: mini-araghchi-stands-with-syria: unknown key 'colour' in statement" in err
    assert (
        f"{file}:25: mini-12-killed: figure: quote not found in the article text; nearest passage at char 87: "
        "'At least 12 people'; differs: 'most' → 'least' (got 'At most 12 people'"
    ) in err
    assert f"{file}:3: mini-iran-supports-syria: speaker: names no actor in curation/actors.yaml" in err
    assert "build failed: 3 problem(s)" in err, err
    assert "Traceback" not in err
    assert snapshot(out) == before


def test_yaml_syntax_error_is_reported_with_its_line(mini, tmp_path):
    (mini / "curation" / "places.yaml").write_text("- id: aleppo\n  name: [unclosed\n", encoding="utf-8")
    result = build(mini, tmp_path / "out")
    assert result.returncode == 1
    assert "places.yaml:" in result.stderr and "YAML syntax error" in result.stderr
    assert not (tmp_path / "out").exists()


def test_missing_required_key_and_wrong_type(mini, tmp_path):
    actors = mini / "curation" / "actors.yaml"
    text = actors.read_text(encoding="utf-8").replace("  description: A test outlet.\n", "")
    text = text.replace("  country: IRN\n  description: The Islamic", "  country: 7\n  description: The Islamic")
    actors.write_text(text, encoding="utf-8")
    result = build(mini, tmp_path / "out")
    assert "actors.yaml:1: test-outlet: missing required key 'description' in actor" in result.stderr
    assert "actors.yaml:9: iran: country has the wrong type (got '7', expected a string)" in result.stderr


def test_unquoted_cameo_code_is_rejected_because_leading_zeros_matter(mini, tmp_path):
    article = mini / "curation" / "articles" / "mini-article.yaml"
    article.write_text(article.read_text(encoding="utf-8").replace('cameo: "051"', "cameo: 051", 1), encoding="utf-8")
    result = build(mini, tmp_path / "out")
    assert "cameo has the wrong type (got '51', expected a quoted code string such as \"051\")" in result.stderr
