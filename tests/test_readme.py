"""The README's code blocks run where it says they do (here: the checkout root); none goes untested."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.readme_blocks import PLACES, blocks, runnable

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
CHECKOUT_BLOCKS = [*runnable(README, "checkout", "python"), *runnable(README, "checkout", "sh")]


def test_every_code_block_says_where_it_runs():
    unmarked = [b.line for b in blocks(README) if b.language != "text" and not b.places]
    unknown = [(b.line, sorted(b.places - PLACES)) for b in blocks(README) if b.places - PLACES]
    assert not unmarked, f"README.md blocks at lines {unmarked} need a `<!-- runs: PLACE -->` line"
    assert not unknown, f"unknown places: {unknown}"


def test_the_quick_start_is_the_two_commands_ci_runs():
    (quick,) = [b for b in blocks(README) if "ci" in b.places]
    commands = [line.split("#")[0].strip() for line in quick.code.splitlines()]
    assert commands == ["make build", "make test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert "make test" in [line.strip() for line in ci if not line.startswith("#")]


@pytest.mark.parametrize("block", CHECKOUT_BLOCKS, ids=lambda b: f"README.md:{b.line}")
def test_readme_block_runs_from_the_checkout_root(block):
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    command = [sys.executable, "-c", block.code] if block.language == "python" else ["bash", "-euo", "pipefail", "-c"]
    if block.language == "sh":
        command.append(block.code)
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"README.md:{block.line}\n{result.stdout}\n{result.stderr}"


def test_every_table_of_the_schema_is_in_the_tables_list():
    """README's Tables section lists every table (a table added to schema/ must be described there too)."""
    from news_statements.metadata import tables

    section = README.read_text(encoding="utf-8").split("## Tables\n", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `(\w+)` \|", section, flags=re.M)
    assert listed == list(tables()), f"README's Tables list: {listed}"


def test_the_wrong_row_form_asks_for_table_key_field_evidence_and_proposed_value():
    """The way back for a reader who finds a wrong row: the issue form asks for what a correction needs, and
    CONTRIBUTING.md points to it and to the files it names."""
    import yaml

    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "wrong-row.yml").read_text(encoding="utf-8"))
    asked = {item["id"]: item for item in form["body"] if "id" in item}
    assert {"release", "table", "key", "field", "evidence", "proposed"} <= set(asked)
    assert all(item["validations"]["required"] for item in asked.values())
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for path in re.findall(r"`((?:\.github|curation|releases)/[^`<]+)`", contributing):
        assert (ROOT / path).exists() or "<" in path, f"CONTRIBUTING.md names {path}, which does not exist"
