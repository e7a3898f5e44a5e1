"""The typed schema for users of pandas (metadata.Table.to_pandera, generated from schema/ as everything else): the
tables load() gives pass it, and a frame that breaks a field's constraint fails it with the column named. The
validator does not use it (it runs the same checks as SQL), so this is its only test."""

from __future__ import annotations

from pathlib import Path

import pandera.errors
import pytest

import syria_offensive
from news_statements.metadata import tables

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def loaded():
    return syria_offensive.load(path=ROOT)


def test_every_loaded_table_passes_its_pandera_schema(loaded):
    assert set(loaded) == set(tables())
    for name, frame in loaded.items():
        tables()[name].to_pandera().validate(frame, lazy=True)


def test_a_frame_that_breaks_a_constraint_fails_with_the_column_named(loaded):
    statements = loaded["statements"].copy()
    statements.loc[statements.index[0], "statement_id"] = "Not A Slug"
    with pytest.raises(pandera.errors.SchemaErrors) as raised:
        tables()["statements"].to_pandera().validate(statements, lazy=True)
    failures = raised.value.failure_cases
    assert "statement_id" in set(failures["column"]) and "Not A Slug" in set(failures["failure_case"].astype(str))
