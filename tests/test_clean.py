import pandas as pd

from news_statements.transforms.clean import clean

RAW = "Headline\n\nBody one.\n\n\n\nBody\u00a0two.\nLEAVE A REPLY\nname\n"


def rules(*rows):
    return pd.DataFrame(rows, columns=["kind", "line", "from_line"])


def test_line_rule_removes_every_equal_line_and_records_raw_offsets():
    result = clean(RAW, rules(("headline", "Headline", None)))
    assert result.text.startswith("Body one.")
    row = result.removed.iloc[0]
    assert (row["raw_char_start"], row["raw_char_end"], row["kind"]) == (0, 8, "headline")
    assert RAW[row["raw_char_start"] : row["raw_char_end"]] == row["text"]


def test_from_line_rule_removes_the_rest_of_the_file():
    result = clean(RAW, rules(("comment_form", None, "LEAVE A REPLY")))
    assert "LEAVE A REPLY" not in result.text and "name" not in result.text
    assert result.text == "Headline\n\nBody one.\n\nBody\u00a0two."
    assert result.removed["text"].tolist() == ["LEAVE A REPLY", "name"]


def test_raw_offsets_of_lines_after_the_first():
    """Every removed line's raw offsets slice its own text out of the raw file (the blank line after it too)."""
    result = clean(RAW, rules(("comment_form", None, "LEAVE A REPLY"), ("body", "Body one.", None)))
    removed = result.removed
    assert removed["raw_char_start"].tolist() == [10, 33, 47]
    assert removed["raw_char_end"].tolist() == [19, 46, 51]
    assert removed["kind"].tolist() == ["body", "comment_form", "comment_form"]
    assert [RAW[s:e] for s, e in zip(removed["raw_char_start"], removed["raw_char_end"], strict=True)] == [
        "Body one.",
        "LEAVE A REPLY",
        "name",
    ]
    assert result.text == "Headline\n\nBody\u00a0two."
    assert result.unmatched == []


def test_the_first_rule_that_matches_a_line_names_its_kind():
    result = clean(RAW, rules(("headline", " Headline ", None), ("caption", "Headline", None)))
    assert result.removed["kind"].tolist() == ["headline"]
    assert result.unmatched == []


def test_blank_line_runs_collapse_and_text_is_stripped():
    result = clean(RAW, rules(("headline", "Headline", None)))
    assert result.text == "Body one.\n\nBody\u00a0two.\nLEAVE A REPLY\nname"
    # a run of blank lines holding spaces collapses too; two line ends in a row are left alone
    assert clean("a\n \n\t\nb\n\nc\n", rules()).text == "a\n\nb\n\nc"


def test_nbsp_is_normalised_only_when_asked():
    assert "Body two." in clean(RAW, rules(), normalize_nbsp=True).text
    assert "Body\u00a0two." in clean(RAW, rules(), normalize_nbsp=False).text


def test_a_rule_that_matches_nothing_is_reported():
    result = clean(RAW, rules(("headline", "Headline", None), ("caption", "No such line", None)))
    assert result.unmatched == [1]
    assert clean(RAW, rules(("comment_form", None, "No such line"))).unmatched == [0]


def test_the_removed_record_has_its_four_columns_and_a_fresh_index():
    removed = clean(RAW, rules(("comment_form", None, "LEAVE A REPLY"))).removed
    assert removed.columns.tolist() == ["raw_char_start", "raw_char_end", "kind", "text"]
    assert removed.index.tolist() == [0, 1]
    assert removed.dtypes.astype(str).tolist() == ["int64", "int64", "string", "string"]
