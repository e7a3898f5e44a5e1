"""The synthetic package generator (benchmarks/synthetic.py), and the rules on packages of its shape.

A generated package must pass every layer, be reproducible from its seed, and fail with the usual message
when broken. The span rule (SQL run by DuckDB) is compared with plain Python slicing on damaged data and on
random multibyte texts.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from benchmarks.synthetic import generate, write
from news_statements.failures import as_frame
from news_statements.metadata import tables
from news_statements.package import write_files
from news_statements.validation import kernels, rules
from news_statements.validation.cli import validate
from news_statements.validation.layers import check_all, check_frames

N = 2_000
SPAN_MESSAGES = ["offsets are out of range of the article text", "text differs from articles.text[char_start:char_end]"]


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("synthetic") / "package"
    write(directory, N, seed=0)
    return directory


@pytest.fixture
def frames() -> dict[str, pd.DataFrame]:
    return generate(N, seed=0)


def messages(found: pd.DataFrame) -> set[str]:
    return {f"{t}.{c}: {m}" for t, c, m in zip(found["table"], found["column"], found["message"], strict=True)}


def check(frames: dict[str, pd.DataFrame]) -> set[str]:
    return messages(check_frames(frames))


def test_a_synthetic_package_passes_every_layer(package):
    found = validate(package, ["csv", "parquet"])
    assert found == [], found[:20]


def test_the_tables_have_the_schema_dtypes_realistic_shapes_and_primary_key_order(frames):
    for name, table in tables().items():
        frame = frames[name]
        assert list(frame.columns) == table.field_names
        assert frame.dtypes.to_dict() == table.pandas_dtypes(), name
        assert not frame.duplicated(list(table.primary_key)).any(), name
        ordered = frame.sort_values(list(table.primary_key), kind="stable").reset_index(drop=True)
        pd.testing.assert_frame_equal(frame, ordered, obj=name)
    rows = {name: len(frame) for name, frame in frames.items()}
    assert rows["statements"] == N
    assert 1.5 * N < rows["statement_targets"] < 3 * N
    assert 1 * N < rows["event_reports"] < 2 * N
    assert 2 * N < rows["mentions"] < 6 * N
    assert rows["articles"] == round(N / 18)
    assert frames["articles"]["text"].str.contains("“").all()  # multibyte text everywhere
    assert frames["statements"]["claim_id"].notna().sum() > 0


def test_the_generator_is_deterministic(tmp_path):
    first, again, other = generate(500, seed=1), generate(500, seed=1), generate(500, seed=2)
    for name in first:
        pd.testing.assert_frame_equal(first[name], again[name], obj=name)
    assert not first["statements"].equals(other["statements"])
    write(tmp_path / "a", 500, seed=1)
    write(tmp_path / "b", 500, seed=1)
    for path in sorted((tmp_path / "a").iterdir()):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name


def test_the_streamed_package_has_the_files_of_the_package_held_whole(tmp_path, monkeypatch):
    """`write` makes the package a block of articles (and of events) at a time, fills row groups and sorts the event
    reports across blocks: the same CSV files and descriptor as write_files(generate(...)), byte for byte, and the
    same Parquet rows (in more row groups); and it stays valid."""
    import pyarrow.parquet as pq

    from benchmarks import synthetic

    monkeypatch.setattr(synthetic, "BLOCK_ARTICLES", 6)
    monkeypatch.setattr(synthetic, "BLOCK_EVENTS", 70)
    monkeypatch.setattr(synthetic, "ROW_GROUP_ROWS", 300)
    monkeypatch.setattr(synthetic, "ROW_GROUP_BYTES", 20_000)
    rows = write(tmp_path / "streamed", 500, seed=4)
    frames = generate(500, seed=4)
    assert rows == {name: len(frame) for name, frame in frames.items()}
    write_files(frames, tmp_path / "whole")
    names = sorted(p.name for p in (tmp_path / "whole").iterdir())
    assert sorted(p.name for p in (tmp_path / "streamed").iterdir()) == names
    for name in names:
        whole, streamed = tmp_path / "whole" / name, tmp_path / "streamed" / name
        if name.endswith(".parquet"):
            assert pq.read_table(streamed).equals(pq.read_table(whole)), name
        elif name != "datapackage.json":  # (it holds the Parquet files' hashes)
            assert streamed.read_bytes() == whole.read_bytes(), name
    assert pq.ParquetFile(tmp_path / "streamed" / "mentions.parquet").num_row_groups > 3
    assert validate(tmp_path / "streamed", ["csv", "parquet"]) == []


def test_a_broken_span_fails_every_format_with_the_span_message(frames, tmp_path):
    # the text, not the offsets: moved offsets would also move the statement off its content and mentions
    frames["statements"].loc[3, "text"] = "X" + frames["statements"].loc[3, "text"][1:]
    write_files(frames, tmp_path / "broken")
    found = as_frame(validate(tmp_path / "broken", ["csv", "parquet"]) + validate(tmp_path / "broken", ["csv"]))
    assert set(found["layer"]) == {"cross-table"}
    assert sorted(found["format"]) == ["csv", "parquet"]  # (both formats read: the CSV twin agrees with Parquet)
    assert set(found["message"]) == {"text differs from articles.text[char_start:char_end]"}
    assert set(found["row"]) == {3}


def lengthen_a_mention(f):
    f["mentions"].loc[10, "char_end"] += 1


def push_a_report_past_the_end(f):
    f["event_reports"].loc[7, "char_end"] = 10**7


def target_nobody(f):
    f["statement_targets"].loc[5, "actor_id"] = "nobody"


def change_a_plover(f):
    row = f["statements"]["plover"].first_valid_index()  # a statement whose CAMEO code has a PLOVER type
    f["statements"].loc[row, "plover"] = "AID" if f["statements"].loc[row, "plover"] != "AID" else "ACCUSE"


def add_an_unused_alias(f):
    f["actor_aliases"].loc[0, "alias"] = "Nowhere Mentioned"


def break_an_id(f):
    f["statement_targets"].loc[len(f["statement_targets"]) - 1, "actor_id"] = "Bad ID"


def break_a_claim_id(f):
    f["statements"].loc[4, "claim_id"] = "claim--4"  # (an identifier column that is no foreign key)


def break_a_hash(f):
    f["articles"].loc[2, "text_sha256"] = "0" * 64


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lengthen_a_mention, "mentions.text: text differs from articles.text[char_start:char_end]"),
        (push_a_report_past_the_end, "event_reports.char_end: offsets are out of range of the article text"),
        (target_nobody, "statement_targets.actor_id: unknown reference: no actors.actor_id has this value"),
        (change_a_plover, "statements.plover: plover differs from the CAMEO→PLOVER crosswalk for this cameo code"),
        (add_an_unused_alias, "actor_aliases.alias: alias occurs in no article (as a whole word, case-sensitively)"),
        (break_an_id, "statement_targets.actor_id: value must match ^[a-z0-9]+(-[a-z0-9]+)*$"),
        (break_a_claim_id, "statements.claim_id: value must match ^[a-z0-9]+(-[a-z0-9]+)*$"),
        (break_a_hash, "articles.text_sha256: text_sha256 is not the SHA-256 of text"),
    ],
    ids=lambda v: v.__name__ if callable(v) else "",
)
def test_each_kind_of_damage_is_reported(frames, mutate, expected):
    mutate(frames)
    assert expected in check(frames)


def test_layer_2_sees_a_change_made_after_layer_1_ran(frames):
    assert check_all(frames).empty  # layer 1 lists the distinct values of the key columns
    frames["mentions"].loc[20, "actor_id"] = "nobody"
    frames["statement_targets"].loc[3, "statement_id"] = "no-such-statement"
    found = messages(rules.run(frames))
    assert "mentions.actor_id: unknown reference: no actors.actor_id has this value" in found
    assert "statement_targets.statement_id: unknown reference: no statements.statement_id has this value" in found


def test_duplicates_are_found_when_the_rows_are_not_sorted(frames):
    mentions = frames["mentions"]
    frames["mentions"] = pd.concat([mentions, mentions.iloc[[100]]], ignore_index=True)  # not next to its twin
    statements = frames["statements"]
    frames["statements"] = pd.concat([statements.iloc[::-1], statements.iloc[[0]]], ignore_index=True)
    found = check(frames)
    assert "mentions.article_id: duplicate primary key" in found
    assert "statements.statement_id: duplicate primary key" in found


@pytest.mark.parametrize("use_kernels", [True, False], ids=["kernel", "plain query"])
def test_the_span_check_agrees_with_plain_slicing(frames, use_kernels):
    """Random damage to offsets and texts: the span rule (its kernel variant and its plain query) flags exactly
    the rows plain Python flags."""
    rng = np.random.default_rng(0)
    for name in rules.span_tables():
        frame = frames[name]
        rows = rng.choice(len(frame), size=min(60, len(frame)), replace=False)
        for row, how in zip(rows, rng.integers(0, 5, len(rows)), strict=True):
            if how == 0:
                frame.loc[row, "char_start"] -= int(rng.integers(1, 3))
            elif how == 1:
                frame.loc[row, "char_end"] += int(rng.integers(-2, 3))
            elif how == 2:
                frame.loc[row, "text"] = frame.loc[row, "text"][:-1] + "’"
            elif how == 3:
                frame.loc[row, "char_end"] = 10**6
            else:
                frame.loc[row, "char_start"] = -1
    found = rules.run(frames, use_kernels=use_kernels)
    found = found[found["message"].isin(SPAN_MESSAGES)]
    assert rules.connect(frames, use_kernels)[1] == (set(rules.span_tables()) if use_kernels else set())
    texts = dict(zip(frames["articles"]["article_id"], frames["articles"]["text"], strict=True))
    for name in rules.span_tables():
        expected = set()
        for row in frames[name].itertuples():
            text = texts[row.article_id]
            if row.char_end > len(text) or row.char_start < 0:
                expected.add((row.Index, "offsets are out of range of the article text"))
            elif text[row.char_start : row.char_end] != row.text:
                expected.add((row.Index, "text differs from articles.text[char_start:char_end]"))
        mine = found[found["table"] == name]
        assert set(zip(mine["row"], mine["message"], strict=True)) == expected, name


@pytest.mark.parametrize("use_kernels", [True, False], ids=["kernel", "plain query"])
def test_the_span_check_agrees_with_plain_slicing_on_random_texts(use_kernels):
    """Short and long spans, multibyte characters (2, 3 and 4 bytes), spans at the very ends of the texts,
    negative ends (Python's slices count them from the end), a null article text."""
    rng = np.random.default_rng(1)
    alphabet = [*"ab c", "é", "“", "”", "𝔘", "—"]
    texts = ["".join(rng.choice(alphabet, size=int(rng.integers(0, 60)))) for _ in range(40)]
    articles = pd.DataFrame(
        {
            "article_id": pd.array([f"a{i}" for i in range(42) if i != 40], dtype="string"),
            "text": pd.array([*texts, None], dtype="string"),  # a41: no text
        }
    )
    rows = []
    for _ in range(3000):
        a = int(rng.integers(0, 42))  # 40: an unknown article, 41: one without text
        text = texts[a] if a < 40 else ""
        start = int(rng.integers(-2, len(text) + 3))
        end = int(start + rng.integers(-2, 20))
        quoted = text[max(start, 0) : max(end, 0)] if rng.random() < 0.8 else "".join(rng.choice(alphabet, size=3))
        rows.append((f"a{a}", start, end, quoted))
    span = pd.DataFrame(rows, columns=["article_id", "char_start", "char_end", "text"]).astype(
        {"article_id": "string", "char_start": "Int64", "char_end": "Int64", "text": "string"}
    )
    frames = {"articles": articles, **{name: span for name in rules.span_tables()}}
    found = rules.run(frames, use_kernels=use_kernels)  # (the rules that need other tables are skipped)
    found = found[(found["table"] == "mentions") & found["message"].isin(SPAN_MESSAGES)]
    expected = set()
    for row in span.itertuples():
        if row.article_id in ("a40", "a41"):
            continue
        text = texts[int(row.article_id[1:])]
        if row.char_end > len(text) or row.char_start < 0:
            expected.add((row.Index, "offsets are out of range of the article text"))
        elif text[row.char_start : row.char_end] != row.text:
            expected.add((row.Index, "text differs from articles.text[char_start:char_end]"))
    assert set(zip(found["row"], found["message"], strict=True)) == expected


@pytest.mark.parametrize("scattered", [0, 10**9], ids=["spans copied", "spans read by row range"])
def test_the_span_kernel_in_chunks_of_a_few_articles_agrees_with_plain_slicing(monkeypatch, scattered):
    """The kernel holds one chunk of article text at a time: with chunks of 100 bytes of text (dozens of chunks),
    it flags exactly the rows plain Python flags, whether it reads a chunk's spans from a copy or by row range
    (here the spans' articles are in random order: each chunk's range covers most rows)."""
    monkeypatch.setattr(kernels, "CHUNK_BYTES", 100)
    monkeypatch.setattr(kernels, "SCATTERED", scattered)
    test_the_span_check_agrees_with_plain_slicing_on_random_texts(use_kernels=True)
