import pandas as pd

from syria_offensive.transforms.clean import clean

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
    assert result.removed["text"].tolist() == ["LEAVE A REPLY", "name"]


def test_blank_line_runs_collapse_and_text_is_stripped():
    result = clean(RAW, rules(("headline", "Headline", None)))
    assert "Body one.\n\nBody" in result.text
    assert "\n\n\n" not in result.text


def test_nbsp_is_normalised_only_when_asked():
    assert "Body two." in clean(RAW, rules(), normalize_nbsp=True).text
    assert "Body\u00a0two." in clean(RAW, rules(), normalize_nbsp=False).text


def test_a_rule_that_matches_nothing_is_reported():
    result = clean(RAW, rules(("caption", "No such line", None)))
    assert result.unmatched == [0]
