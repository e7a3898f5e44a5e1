"""Every validation rule, each with a failing example that shows its message.

The examples mutate the small fixture package (tests/fixtures/mini), which itself is valid.
"""

from __future__ import annotations

import pandas as pd
import pytest

from news_statements.metadata import tables
from news_statements.validation import rules
from news_statements.validation.layers import check_frames


def messages(found: pd.DataFrame) -> list[str]:
    return [f"{t}.{c}: {m}" for t, c, m in zip(found["table"], found["column"], found["message"], strict=True)]


def check(frames) -> list[str]:
    return messages(check_frames(frames))


def test_the_fixture_package_is_valid(frames):
    assert check(frames) == []


# --- layer 1: per table (pandera, generated from schema/) -------------------------------------------


@pytest.mark.parametrize(
    ("table", "column", "value", "expected"),
    [
        ("statements", "speaker_id", None, "statements.speaker_id: value is required"),
        ("statements", "mode", "rumoured", "statements.mode: value must be one of the codes of mode"),
        ("statements", "cameo", "9999", "statements.cameo: value must be one of the codes of cameo"),
        ("statements", "statement_id", "Bad ID", "statements.statement_id: value must match"),
        ("actors", "country", "IR", "actors.country: value must match ^[A-Z]{3}$"),
        ("actors", "wikidata_qid", "Q0", "actors.wikidata_qid: value must match"),
        ("places", "latitude", 123.0, "places.latitude: value must be <= 90"),
        ("figures", "value", -1, "figures.value: value must be >= 0"),
        ("statements", "char_start", -5, "statements.char_start: value must be >= 0"),
        ("articles", "language", "fr", "articles.language: value must be one of the codes of enum"),
    ],
)
def test_field_constraints_generated_from_the_schema(frames, table, column, value, expected):
    frames[table].loc[0, column] = value
    assert any(m.startswith(expected) for m in check(frames)), check(frames)


def test_duplicate_primary_key(frames):
    frames["statements"].loc[1, "statement_id"] = frames["statements"].loc[0, "statement_id"]
    assert "statements.statement_id: duplicate primary key" in check(frames)


def test_duplicate_composite_primary_key(frames):
    extra = frames["mentions"].iloc[[0]]
    frames["mentions"] = pd.concat([frames["mentions"], extra], ignore_index=True)
    assert any(m.startswith("mentions.") and "duplicate primary key" in m for m in check(frames))


def test_wrong_dtype_is_reported(frames):
    frames["figures"]["value"] = frames["figures"]["value"].astype("string")
    assert any(m.startswith("figures.value: wrong type") for m in check(frames))


ONE_LINE = "value holds a control character (U+0000-U+001F, a newline or tab too): one line of text is expected"
MULTILINE = "value holds a control character (U+0000-U+001F other than newline and tab)"


def test_control_characters_in_text(frames):
    """No text field holds a NUL or another control character; the article text and the spans copied from it
    (`multiline` in schema/fields.yaml) may hold newlines and tabs, but no carriage return. One line per value, a
    long one shown around its first bad character."""
    _edit(frames, {
        ("actors", 0): {"name": "Abbas\x00 Araghchi", "notes": "two\nlines"},
        ("actors", 1): {"description": "tab\there", "notes": "bell\x07 and NUL\x00"},
        ("statements", 0): {"text": "\x1b[31m“We stand with Syria,”\tAraghchi said.\n"},  # tab and newline pass
        ("articles", 0): {"text": frames["articles"].loc[0, "text"].replace("said.\nAt", "said.\r\nAt")},
    })  # fmt: skip
    found = check_frames(frames)
    found = found[found["layer"] == "table"][["table", "row", "column", "value", "message"]]
    assert found.values.tolist() == [
        ["articles", 0, "text", "…nd with Syria,” Araghchi said.\r\nAt least 12 people were kille…", MULTILINE],
        ["actors", 0, "name", "Abbas\x00 Araghchi", ONE_LINE],
        ["actors", 1, "description", "tab\there", ONE_LINE],
        ["actors", 0, "notes", "two\nlines", ONE_LINE],
        ["actors", 1, "notes", "bell\x07 and NUL\x00", ONE_LINE],
        ["statements", 0, "text", "\x1b[31m“We stand with Syria,”\tAraghchi said.\n", MULTILINE],
    ]


POINT_RULE = "latitude, longitude, coordinate_precision and coordinate_basis are given together"


@pytest.mark.parametrize(
    ("table", "changes", "rule"),
    [
        ("statements", {"char_end": 3, "char_start": 5}, "char_start < char_end"),
        ("statements", {"date_min": pd.Timestamp("2024-11-30")}, "date_min <= date <= date_max"),
        ("articles", {"published_date_max": pd.Timestamp("2024-01-01")}, "published_date_min <= published_date"),
        ("events", {"start_date": pd.Timestamp("2024-01-01")}, "start_min <= start_date <= start_max"),
        (
            "events",
            {"end_min": pd.Timestamp("2024-12-01"), "end_max": pd.Timestamp("2024-11-30"), "end_basis": "inferred"},
            "end_min <= end_date <= end_max",
        ),
        ("events", {"end_max": pd.Timestamp("2024-01-01"), "end_basis": "inferred"}, "start_min <= end_max"),
        ("events", {"end_max": pd.Timestamp("2024-12-30")}, "an end bound needs its basis"),
        ("figures", {"qualifier": "range", "value": None, "low": 20, "high": 3}, "low <= high"),
        ("places", {"longitude": None}, POINT_RULE),
        ("places", {"coordinate_basis": None}, POINT_RULE),
        ("article_furniture", {"raw_char_end": 0}, "raw_char_start < raw_char_end"),
    ],
)
def test_row_rules(frames, table, changes, rule):
    row = frames[table].index[-1]  # the fixture's last statement is the dated one
    for column, value in changes.items():
        frames[table].loc[row, column] = value
    assert any(rule in m for m in check(frames)), check(frames)


# --- layer 2: across tables ---------------------------------------------------------------------------


def test_unknown_foreign_key(frames):
    frames["statements"].loc[0, "speaker_id"] = "nobody"
    assert "statements.speaker_id: unknown reference: no actors.actor_id has this value" in check(frames)


def test_unknown_self_reference(frames):
    frames["actors"].loc[0, "parent_actor_id"] = "nobody"
    assert "actors.parent_actor_id: unknown reference: no actors.actor_id has this value" in check(frames)


def test_span_text_must_equal_the_article_text_at_its_offsets(frames):
    frames["statements"].loc[0, "char_start"] += 1
    assert "statements.text: text differs from articles.text[char_start:char_end]" in check(frames)


def test_span_offsets_out_of_range(frames):
    frames["figures"].loc[0, "char_end"] = 100_000
    assert "figures.char_end: offsets are out of range of the article text" in check(frames)


@pytest.mark.parametrize("use_kernels", [True, False], ids=["kernel", "plain"])
@pytest.mark.parametrize(
    ("article_id", "char_start", "char_end"),
    [("mini-article", None, 100_000), ("mini-article", -1, None), ("no-such-article", -1, 5)],
    ids=["no-start", "no-end", "unknown-article"],
)
def test_span_text_leaves_a_missing_offset_or_article_to_other_rules(frames, use_kernels, article_id, char_start,
                                                                     char_end):  # fmt: skip
    """A span without both offsets, or of an unknown article, cannot be compared with a text: layer 1 reports
    the missing offset (or the negative one), foreign_key the article; span_text adds nothing."""
    frames["figures"].loc[0, ["article_id", "char_start", "char_end"]] = [article_id, char_start, char_end]
    found = rules.run(frames, use_kernels=use_kernels)
    assert not found["message"].str.contains("offsets are out of range|text differs").any(), found


def test_statement_dated_after_its_article(frames):
    frames["statements"].loc[1, ["date", "date_min", "date_max"]] = pd.Timestamp("2025-01-01")
    assert "statements.date: statement is dated after its article's published_date_max" in check(frames)


def test_a_statement_dated_on_its_articles_last_possible_day_passes(frames):
    last = frames["articles"].loc[0, "published_date_max"]
    frames["statements"].loc[1, ["date", "date_min", "date_max"]] = last
    assert not [m for m in check(frames) if "published_date_max" in m]
    frames["statements"].loc[1, ["date"]] = None  # undated to the day: its date_min counts
    frames["statements"].loc[1, ["date_min"]] = last + pd.Timedelta(days=1)
    assert "statements.date: statement is dated after its article's published_date_max" in check(frames)


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"low": 13}, "at least 12 is low 12, not 13"),
        ({"qualifier": "more than"}, "more than 12 is low 13"),
        ({"qualifier": "exact"}, "an exact 12 is high 12 too"),
        ({"qualifier": "vague plural"}, "a vague plural has no value"),
        ({"qualifier": "range", "value": None, "high": None}, "a range has both bounds"),
    ],
)
def test_figure_bounds_must_follow_the_qualifier(frames, changes, why):
    for column, value in changes.items():
        frames["figures"].loc[0, column] = value
    assert any(
        m.startswith("figures.qualifier: value, low and high do not follow the qualifier") for m in check(frames)
    ), why


# One figure of each qualifier that follows the rule (curation/README.md, "Figures"): (value, low, high).
FOLLOWS_THE_QUALIFIER = {
    "exact": (12, 12, 12),
    "at least": (12, 12, None),
    "more than": (12, 13, None),
    "nearly": (12, None, 11),
    "about": (12, None, None),
    "vague plural": (None, 2000, None),
    "range": (None, 300, 400),
}


def _bounds_broken_one_at_a_time() -> list[tuple]:
    """(qualifier, value, low, high): each figure above with one of its three numbers made null, or given where
    it is null, or (where the rule ties it to the value) one more. Each such change breaks the rule."""
    tied = {"exact", "at least", "more than", "nearly"}
    broken = []
    for qualifier, numbers in FOLLOWS_THE_QUALIFIER.items():
        for i, number in enumerate(numbers):
            changes = [7] if number is None else [None, number + 1] if qualifier in tied else [None]
            broken += [(qualifier, *numbers[:i], changed, *numbers[i + 1 :]) for changed in changes]
    return broken


def test_figure_bounds_are_checked_for_every_qualifier(frames):
    """One figure per case, all in one table: those that follow their qualifier pass, and each one broken in one
    number fails (one validation for all the cases)."""
    follow = [(qualifier, *numbers) for qualifier, numbers in FOLLOWS_THE_QUALIFIER.items()]
    broken = _bounds_broken_one_at_a_time()
    figures = frames["figures"]
    rows = figures.iloc[[0] * len(follow + broken)].reset_index(drop=True)
    rows["figure_id"] = [f"case-{i}" for i in range(len(rows))]
    rows[["qualifier", "value", "low", "high"]] = follow + broken
    frames["figures"] = rows.astype(figures.dtypes.to_dict())
    found = check_frames(frames)
    found = found[found["column"].eq("qualifier")]  # (some broken cases also fail layer 1's low <= high)
    assert set(found["message"]) == {"value, low and high do not follow the qualifier (curation/README.md, Figures)"}
    assert sorted(found["row"]) == list(range(len(follow), len(rows))), "exactly the broken cases fail"


def _set_bounds(frames, qualifier, value, low, high) -> list[str]:
    frames["figures"].loc[0, ["qualifier", "value", "low", "high"]] = [qualifier, value, low, high]
    return [m for m in check(frames) if m.startswith("figures.qualifier:")]


def test_an_unknown_qualifier_is_reported_by_its_code_list_only(frames):
    """Layer 1 reports the code; figure_bounds has no rule for it and stays silent (one problem, one line)."""
    found = _set_bounds(frames, "roughly", 12, 3, 4)
    assert found == ["figures.qualifier: value must be one of the codes of qualifier"], found


def test_figure_bounds_leave_an_unknown_qualifier_to_its_code_list(frames):
    frames["figures"].loc[0, ["qualifier", "value", "low", "high"]] = ["roughly", 12, 3, 4]
    assert rules.run(frames).empty  # layer 2 alone: the code list (layer 1) reports it, as the test above shows


def _second_figure(frames, **changes) -> None:
    """The fixture's one figure twice (the same count), the copy changed as given."""
    figures = frames["figures"]
    copy = figures.iloc[[0]].assign(figure_id="mini-12-killed-again", **changes)
    frames["figures"] = pd.concat([figures, copy], ignore_index=True).astype(figures.dtypes.to_dict())


def test_a_count_id_links_at_least_two_figures(frames):
    """Only the lone count_id is reported: a figure alone without a count_id is not a count."""
    _second_figure(frames, count_id=None)
    frames["figures"].loc[0, "count_id"] = "aleppo-12-killed"
    message = "count_id is used by only one figure (it links figures that report the same count)"
    assert "figures.count_id: " + message in check(frames)
    assert layer_2(frames) == [("figures", 0, "count_id", "aleppo-12-killed", message)]
    frames["figures"].loc[1, "count_id"] = "aleppo-12-killed"
    assert check(frames) == []


def test_figures_outside_a_count_id_may_count_other_things(frames):
    """count_figures_agree compares the figures of one count_id only: a figure without one is not compared."""
    frames["figures"].loc[0, "count_id"] = "aleppo-12-killed"
    _second_figure(frames)
    figures = frames["figures"]
    other = figures.iloc[[0]].assign(figure_id="mini-12-wounded", count_id=None, measure="wounded")
    frames["figures"] = pd.concat([figures, other], ignore_index=True).astype(figures.dtypes.to_dict())
    assert layer_2(frames) == []


@pytest.mark.parametrize("changes", [{"measure": "wounded"}, {"counted_actor_id": "iran"}])
def test_figures_of_one_count_id_count_the_same_thing(frames, changes):
    frames["figures"]["counted_actor_id"] = frames["figures"]["counted_actor_id"].fillna("syria-army")
    frames["figures"].loc[0, "count_id"] = "aleppo-12-killed"
    _second_figure(frames, **changes)
    assert (
        "figures.count_id: figures of one count_id disagree on measure, event_id or counted_actor_id (they must "
        "count the same thing)"
    ) in check(frames)


RANGES_APART = (
    "low is above the high (3) of figure mini-12-killed-again of the same count_id: the two ranges cannot both hold"
)


@pytest.mark.parametrize(
    ("copy", "expected"),
    [
        ({"qualifier": "exact", "value": 3, "low": 3, "high": 3}, [("figures", 0, "low", "12", RANGES_APART)]),
        ({"qualifier": "exact", "value": 12, "low": 12, "high": 12}, []),  # [12, 12] meets "at least 12" at 12
        ({"qualifier": "range", "value": None, "low": 2, "high": 20}, []),
        ({"qualifier": "about", "value": 3, "low": None, "high": None}, []),  # open both ways
        ({"qualifier": "nearly", "value": 4, "low": None, "high": 3}, [("figures", 0, "low", "12", RANGES_APART)]),
    ],
    ids=["exactly-3-and-at-least-12", "touching", "range-around", "open", "nearly-4"],
)
def test_figures_of_one_count_id_have_ranges_that_overlap(frames, copy, expected):
    """The fixture's figure is "at least 12" ([12, open]); a second figure of its count_id must admit a number
    that it admits too. Reported once, on the figure whose low is above the other's high."""
    frames["figures"].loc[0, "count_id"] = "aleppo-12-killed"
    _second_figure(frames, count_id="aleppo-12-killed", **copy)
    assert layer_2(frames) == expected


def test_plover_must_follow_the_crosswalk(frames):
    frames["events"].loc[0, "plover"] = "AID"
    assert "events.plover: plover differs from the CAMEO→PLOVER crosswalk for this cameo code" in check(frames)


def test_plover_of_an_unknown_cameo_code_is_left_to_the_code_list(frames):
    """No crosswalk row to compare with: layer 1 reports the unknown cameo code, plover_crosswalk adds nothing."""
    frames["events"].loc[0, "cameo"] = "9999"
    assert layer_2(frames) == []


def test_alias_that_occurs_nowhere(frames):
    frames["actor_aliases"].loc[len(frames["actor_aliases"])] = ["iran", "Persia"]
    assert "actor_aliases.alias: alias occurs in no article (as a whole word, case-sensitively)" in check(frames)


def test_alias_shared_by_two_actors(frames):
    """Reported once, as shared: that syria's copy of "Iran" matches nothing is alias_shared's consequence."""
    frames["actor_aliases"].loc[len(frames["actor_aliases"])] = ["syria", "Iran"]
    found = check(frames)
    assert "actor_aliases.alias: alias is used for several actors" in found
    assert not any("alias occurs in no article" in m for m in found), found


@pytest.mark.parametrize(
    ("column", "value"),
    [("kind", "label"), ("actor_id", "iran")],
    ids=["only-as-a-label", "only-as-another-actors-name"],
)
def test_alias_that_occurs_only_as_a_label_or_as_another_actors_name_is_unused(frames, column, value):
    """An alias is used when the matcher made a *name* mention *of its actor* with its text."""
    (row,) = frames["mentions"].index[frames["mentions"]["text"] == "Araghchi"]
    frames["mentions"].loc[row, column] = value
    assert "actor_aliases.alias: alias occurs in no article (as a whole word, case-sensitively)" in check(frames)


def test_name_mention_must_be_an_alias(frames):
    names = frames["mentions"]["kind"] == "name"
    frames["mentions"].loc[names.idxmax(), "actor_id"] = "syria-army"
    assert "mentions.text: name mention is not an alias of its actor" in check(frames)


def test_name_mention_must_be_the_text_of_an_alias_of_its_actor(frames):
    """Not just any alias of the actor: one whose text is the mention's ("Persia" is no alias of iran's)."""
    (row,) = frames["mentions"].index[frames["mentions"]["text"] == "Iran"]
    frames["mentions"].loc[row, "text"] = "Persia"
    assert ("mentions", row, "text", "Persia", "name mention is not an alias of its actor") in layer_2(frames)


def test_claim_id_must_link_two_statements(frames):
    """Only the lone claim_id is reported: the other statement, alone without a claim, is not a claim."""
    frames["statements"].loc[0, "claim_id"] = "lonely-claim"
    message = "claim_id is used by only one statement (it links the reports of one act of saying)"
    assert "statements.claim_id: " + message in check(frames)
    assert layer_2(frames) == [("statements", 0, "claim_id", "lonely-claim", message)]


def test_claim_id_may_link_two_statements_of_one_article(frames):
    """A lede and its body report one act of saying twice: they share a claim_id within the article."""
    statements = frames["statements"]
    assert statements["article_id"].nunique() == 1 and len(statements) >= 2
    statements.loc[[0, 1], "claim_id"] = "one-act-reported-twice"
    assert check(frames) == []


def _as_accusation(frames, notes: str | None) -> None:
    frames["statements"].loc[0, ["cameo", "plover", "notes"]] = ["111", "ACCUSE", notes]


def test_accusation_needs_an_accused_target(frames):
    _as_accusation(frames, "Denounces the attack.")
    found = check(frames)
    assert (
        "statements.cameo: a CAMEO 11x statement has no accused target (expected a statement_targets row with "
        'role accused, or a note "No accused target: <why>")' in found
    )


def test_accusation_needs_an_accused_target_not_just_any_target(frames):
    """A `supported` target does not do; nor does an accused row of no statement (a null that must not hide every
    failure: NOT IN over a list holding NULL is never true)."""
    _as_accusation(frames, None)
    targets = frames["statement_targets"]
    targets.loc[len(targets)] = [frames["statements"].loc[0, "statement_id"], "syria", "supported"]
    targets.loc[len(targets)] = [None, "iran", "accused"]
    assert any(m.startswith("statements.cameo: a CAMEO 11x statement has no accused target") for m in check(frames))


def test_accusation_passes_with_an_accused_target_or_a_reason(frames):
    _as_accusation(frames, "No accused target: the remark names no one.")
    assert check(frames) == []
    _as_accusation(frames, None)
    sid = frames["statements"].loc[0, "statement_id"]
    frames["statement_targets"].loc[len(frames["statement_targets"])] = [sid, "syria", "accused"]
    assert check(frames) == []


NOT_REPORTED = "the statement's speaker is not its one `reported` row in statement_speakers"
SECOND_REPORTED = "a second `reported` speaker (the reported speaker is statements.speaker_id; others are `joint`)"
ALSO_ADDRESSED = "a speaker of the statement is also one of its `addressed` targets"


def _speaker_failures(frames) -> list[tuple]:
    return [f for f in layer_2(frames) if f[4] in (NOT_REPORTED, SECOND_REPORTED, ALSO_ADDRESSED)]


def test_every_statement_has_its_speaker_as_reported(frames):
    sid, speaker = frames["statements"].loc[0, ["statement_id", "speaker_id"]]
    speakers = frames["statement_speakers"]
    frames["statement_speakers"] = speakers[speakers["statement_id"] != sid]
    assert "statements.speaker_id: " + NOT_REPORTED in check(frames)
    assert _speaker_failures(frames) == [("statements", 0, "speaker_id", speaker, NOT_REPORTED)]


@pytest.mark.parametrize(("change", "expected"), [("role", "joint"), ("actor_id", "syria")])
def test_the_speakers_row_must_be_reported_and_name_the_speaker(frames, change, expected):
    sid, speaker = frames["statements"].loc[0, ["statement_id", "speaker_id"]]
    speakers = frames["statement_speakers"]
    (row,) = speakers.index[(speakers["statement_id"] == sid) & (speakers["actor_id"] == speaker)]
    speakers.loc[row, change] = expected
    expected = [("statements", 0, "speaker_id", speaker, NOT_REPORTED)]
    if change == "actor_id":  # the row then also is a second reported speaker
        expected.append(("statement_speakers", row, "actor_id", "syria", SECOND_REPORTED))
    assert sorted(_speaker_failures(frames)) == sorted(expected)


def test_a_speaker_may_speak_in_several_statements(frames):
    """Each statement counts its own speaker rows: one actor reported in two statements is right."""
    frames["statements"].loc[1, "speaker_id"] = frames["statements"].loc[0, "speaker_id"]
    speakers = frames["statement_speakers"]
    speakers.loc[speakers["statement_id"] == frames["statements"].loc[1, "statement_id"], "actor_id"] = frames[
        "statements"
    ].loc[0, "speaker_id"]
    assert _speaker_failures(frames) == []


def test_a_second_reported_speaker_is_an_error_and_joint_is_not(frames):
    sid = frames["statements"].loc[0, "statement_id"]
    speakers = frames["statement_speakers"]
    speakers.loc[len(speakers)] = [sid, "syria", "joint"]
    assert check(frames) == []
    speakers.loc[len(speakers) - 1, "role"] = "reported"
    assert "statement_speakers.actor_id: " + SECOND_REPORTED in check(frames)
    second = ("statement_speakers", len(speakers) - 1, "actor_id", "syria", SECOND_REPORTED)
    assert _speaker_failures(frames) == [second]


def test_a_speaker_is_not_also_addressed(frames):
    sid, speaker = frames["statements"].loc[0, ["statement_id", "speaker_id"]]
    targets = frames["statement_targets"]
    targets.loc[len(targets)] = [sid, "syria", "addressed"]  # another actor addressed: fine
    targets.loc[len(targets)] = [sid, speaker, "subject"]  # the speaker speaking of themself: fine
    assert _speaker_failures(frames) == []
    targets.loc[len(targets)] = [sid, speaker, "addressed"]
    assert "statement_speakers.actor_id: " + ALSO_ADDRESSED in check(frames)
    (row,) = frames["statement_speakers"].index[frames["statement_speakers"]["statement_id"] == sid]
    assert _speaker_failures(frames) == [("statement_speakers", row, "actor_id", speaker, ALSO_ADDRESSED)]


def test_text_hash_must_match(frames):
    frames["articles"].loc[0, "text_sha256"] = "0" * 64
    assert "articles.text_sha256: text_sha256 is not the SHA-256 of text" in check(frames)


def _another_article(frames) -> None:
    """The fixture's article again, as article_id "other" (same text: spans there are valid)."""
    articles = frames["articles"]
    frames["articles"] = pd.concat([articles, articles.assign(article_id="other")], ignore_index=True)


def test_figure_statement_must_be_in_the_same_article(frames):
    _another_article(frames)
    frames["figures"].loc[0, "statement_id"] = frames["statements"].loc[0, "statement_id"]
    assert layer_2(frames) == []  # a statement of the figure's own article
    frames["statements"].loc[0, "article_id"] = "other"
    assert "figures.statement_id: figure points to a statement of another article" in check(frames)


def _about(
    frames,
    statement_id: str,
    quote: str,
    article_id: str = "mini-article",
    relation: str = "concerns",
    accused_id: str | None = None,
) -> None:
    """A statement_events row of `statement_id` about the fixture's event, its evidence `quote` located in the
    article text (wherever it is: inside the statement or not)."""
    text = frames["articles"].set_index("article_id").loc["mini-article", "text"]
    start = text.index(quote)
    about = frames["statement_events"]
    row = {
        "statement_id": statement_id,
        "event_id": "aleppo-killing",
        "relation": relation,
        "accused_id": accused_id,
        "article_id": article_id,
        "char_start": start,
        "text": quote,
        "char_end": start + len(quote),
        "notes": None,
    }
    frames["statement_events"] = pd.concat(
        [about, pd.DataFrame([row], columns=about.columns)], ignore_index=True
    ).astype(about.dtypes.to_dict())


def test_what_a_statement_is_about_is_quoted_from_inside_the_statement(frames):
    _about(frames, "mini-iran-supports-syria", "supports Syria")
    assert check(frames) == []
    _about(frames, "mini-iran-supports-syria", "killed in Aleppo", relation="claims")
    start = frames["statements"].set_index("statement_id").loc["mini-iran-supports-syria", ["char_start", "char_end"]]
    assert check(frames) == [
        f"statement_events.char_start: evidence is not inside its statement's span ({start.iloc[0]}-{start.iloc[1]})"
    ]


def test_what_a_statement_is_about_is_quoted_from_the_statements_article(frames):
    _another_article(frames)
    _about(frames, "mini-iran-supports-syria", "supports Syria", article_id="other")
    assert check(frames) == [
        "statement_events.char_start: evidence is in another article than its statement (mini-article)"
    ]


def test_an_accusation_about_an_event_names_the_accused(frames):
    """accuses_of says someone is held responsible for the event: the statement has an accused target."""
    _about(frames, "mini-iran-supports-syria", "supports Syria", relation="accuses_of")
    assert check(frames) == [
        "statement_events.relation: the statement accuses someone of the event but has no accused target (expected a "
        "statement_targets row of mini-iran-supports-syria with role accused)"
    ]
    frames["statement_targets"].loc[len(frames["statement_targets"])] = ["mini-iran-supports-syria", "iran", "accused"]
    assert check(frames) == []


def test_an_accusation_about_an_event_laid_on_one_accused_names_one_of_them(frames):
    """accused_id, when given, is one of the statement's accused targets, and only an accuses_of row has one."""
    frames["statement_targets"].loc[len(frames["statement_targets"])] = ["mini-iran-supports-syria", "iran", "accused"]
    _about(frames, "mini-iran-supports-syria", "supports Syria", relation="accuses_of", accused_id="iran")
    assert check(frames) == []
    _about(frames, "mini-iran-supports-syria", "supports Syria", relation="condemns", accused_id="iran")
    assert "statement_events.accused_id: accused_id is given only on an accuses_of row" in check(frames)
    frames["statement_events"].loc[0, ["relation", "accused_id"]] = ["accuses_of", "syria"]
    assert any(
        m.startswith("statement_events.accused_id: accused_id is not an accused target of the statement")
        for m in check(frames)
    ), check(frames)


def test_an_event_place_is_named_in_its_evidence(frames):
    """The fixture places its event in Aleppo with the words "killed in Aleppo"; words without the place's name do
    not place it there."""
    assert frames["event_places"][["event_id", "place_id", "role", "text"]].values.tolist() == [
        ["aleppo-killing", "aleppo", "at", "killed in Aleppo"]
    ]
    text = frames["articles"].loc[0, "text"]
    start = text.index("At least 12 people")
    frames["event_places"].loc[0, ["char_start", "text", "char_end"]] = [start, "At least 12 people", start + 18]
    assert check(frames) == [
        "event_places.place_id: the evidence holds no place mention of this place (expected a place_mentions row of "
        f"it inside {start}-{start + 18} of mini-article)"
    ]


def test_an_event_place_is_quoted_from_an_article_that_reports_the_event(frames):
    events = frames["events"]
    frames["events"] = pd.concat([events, events.assign(event_id="aleppo-funeral")], ignore_index=True)
    frames["event_places"].loc[0, "event_id"] = "aleppo-funeral"
    assert check(frames) == [
        "event_places.article_id: the article does not report the event (expected an event_reports row of "
        "aleppo-funeral in it)"
    ]


def test_a_place_without_a_point_must_say_why(frames):
    frames["places"].loc[0, ["latitude", "longitude", "coordinate_precision", "coordinate_basis", "notes"]] = None
    assert "places.notes: place has no point (latitude, longitude) and no note saying why" in check(frames)


@pytest.mark.parametrize("missing", ["latitude", "longitude"])
def test_a_place_without_a_point_when_half_of_it_is_missing(frames, missing):
    """Layer 1 reports the half point; place_point too, since the place cannot be mapped and its note is empty."""
    frames["places"].loc[0, [missing, "notes"]] = None
    message = "place has no point (latitude, longitude) and no note saying why"
    assert layer_2(frames) == [("places", 0, "notes", None, message)]


def test_a_place_without_a_point_but_with_a_note_passes(frames):
    frames["places"].loc[0, ["latitude", "longitude", "coordinate_precision", "coordinate_basis"]] = None
    frames["places"].loc[0, "notes"] = "No GeoNames record found."
    assert check(frames) == []


def _statement(frames, statement_id: str) -> int:
    return frames["statements"].index[frames["statements"]["statement_id"] == statement_id][0]


def test_overlapping_statements_are_reported_unless_nested(frames):
    outer, inner = _statement(frames, "mini-iran-supports-syria"), _statement(frames, "mini-araghchi-stands-with-syria")
    st = frames["statements"]
    st.loc[inner, "char_start"] = st.loc[outer, "char_start"] + 5  # "Friday said it supports Syria." inside the outer
    st.loc[inner, "char_end"] = st.loc[outer, "char_end"]
    found = [m for m in check(frames) if "overlaps" in m]
    assert found == [
        "statements.char_start: span overlaps statement mini-iran-supports-syria (10-48): trim the span that is "
        "wrong, or mark the inner one nested_in the outer (with a note saying why)"
    ]
    st.loc[inner, "nested_in"] = "mini-iran-supports-syria"
    assert [m for m in check(frames) if "overlaps" in m or "nested" in m] == []


def test_statements_overlapping_without_one_inside_the_other_are_reported_even_when_nested(frames):
    outer, inner = _statement(frames, "mini-iran-supports-syria"), _statement(frames, "mini-araghchi-stands-with-syria")
    st = frames["statements"]
    st.loc[inner, "char_start"] = st.loc[outer, "char_end"] - 3  # straddles the outer's end
    st.loc[inner, "nested_in"] = "mini-iran-supports-syria"
    found = check(frames)
    assert any(m.startswith("statements.char_start: span overlaps statement mini-iran-supports-syria") for m in found)
    assert "statements.nested_in: statement is nested in a statement whose span does not hold it (10-48)" in found


def test_nested_statements_may_form_a_chain(frames):
    """Three statements on one span (one sentence, three speakers): b nested in a, c nested in b."""
    st = frames["statements"]
    third = st.iloc[[_statement(frames, "mini-iran-supports-syria")]].assign(statement_id="mini-third")
    frames["statements"] = st = pd.concat([st, third], ignore_index=True)
    for name, outer in (("mini-araghchi-stands-with-syria", "mini-iran-supports-syria"), ("mini-third", None)):
        row = _statement(frames, name)
        st.loc[row, ["char_start", "char_end", "text"]] = st.loc[
            _statement(frames, "mini-iran-supports-syria"), ["char_start", "char_end", "text"]
        ].to_numpy()
        st.loc[row, ["content_start", "content_end"]] = st.loc[
            _statement(frames, "mini-iran-supports-syria"), ["content_start", "content_end"]
        ].to_numpy()
        st.loc[row, "nested_in"] = outer or "mini-araghchi-stands-with-syria"
    assert [m for m in check(frames) if "overlap" in m or "nested" in m] == []
    st.loc[_statement(frames, "mini-third"), "nested_in"] = None
    assert len([m for m in check(frames) if "overlaps" in m]) == 2


def _span(frames, statement_id: str, start: int, end: int, nested_in: str | None = None) -> None:
    """Give a statement (a new copy of mini-iran-supports-syria if it does not exist) the span start-end of the
    article, as its content too, and its nested_in."""
    st = frames["statements"]
    if statement_id not in set(st["statement_id"]):
        copy = st.iloc[[_statement(frames, "mini-iran-supports-syria")]].assign(statement_id=statement_id)
        frames["statements"] = st = pd.concat([st, copy], ignore_index=True).astype(st.dtypes.to_dict())
    text = frames["articles"].loc[0, "text"][start:end]
    st.loc[_statement(frames, statement_id), ["char_start", "char_end", "text", "content_start", "content_end",
                                              "nested_in"]] = [start, end, text, start, end, nested_in]  # fmt: skip


def _overlaps(frames) -> list[tuple[str, str]]:
    """(inner statement, the statement it overlaps) for each overlap reported."""
    found = [f for f in layer_2(frames) if f[4].startswith("span overlaps statement ")]
    ids = frames["statements"]["statement_id"]
    return [(ids[row], message.split()[3]) for _, row, _, _, message in found]


def test_statements_that_touch_do_not_overlap(frames):
    """mini-iran-supports-syria is 10-48: a statement from 48 on only touches it (the ends are exclusive)."""
    _span(frames, "mini-araghchi-stands-with-syria", 48, 86)
    assert _overlaps(frames) == []
    _span(frames, "mini-araghchi-stands-with-syria", 47, 86)
    assert _overlaps(frames) == [("mini-araghchi-stands-with-syria", "mini-iran-supports-syria")]


def test_a_statement_nested_elsewhere_still_overlaps_the_one_it_is_not_nested_in(frames):
    """wide (10-86) holds both fixture statements (nested in it); inner (20-30), nested in wide only, lies inside
    mini-iran-supports-syria (10-48) too, without being nested in it: that pair is reported."""
    _span(frames, "wide", 10, 86)
    for name in ("mini-iran-supports-syria", "mini-araghchi-stands-with-syria"):
        frames["statements"].loc[_statement(frames, name), "nested_in"] = "wide"
    assert _overlaps(frames) == []
    _span(frames, "inner", 20, 30, nested_in="wide")
    assert _overlaps(frames) == [("inner", "mini-iran-supports-syria")]


def test_statements_on_one_span_overlap_unless_one_is_nested_in_the_other(frames):
    """twin has mini-iran-supports-syria's span (10-48) and inner (20-30) is nested in twin: that something is
    nested in twin does not make the two twins nested."""
    _span(frames, "twin", 10, 48)
    _span(frames, "inner", 20, 30, nested_in="twin")
    assert sorted(_overlaps(frames)) == [("inner", "mini-iran-supports-syria"), ("twin", "mini-iran-supports-syria")]


def test_a_statement_nested_in_a_statement_of_another_article(frames):
    _another_article(frames)
    _span(frames, "elsewhere", 10, 86)
    frames["statements"].loc[_statement(frames, "elsewhere"), "article_id"] = "other"
    frames["statements"].loc[_statement(frames, "mini-iran-supports-syria"), "nested_in"] = "elsewhere"
    row = _statement(frames, "mini-iran-supports-syria")
    assert [f for f in layer_2(frames) if f[2] == "nested_in"] == [
        ("statements", row, "nested_in", "elsewhere", "statement is nested in a statement of another article")
    ]


def test_a_statement_nested_in_itself(frames):
    row = _statement(frames, "mini-iran-supports-syria")
    frames["statements"].loc[row, "nested_in"] = "mini-iran-supports-syria"
    assert "statements.nested_in: statement is nested in itself" in check(frames)


IRAN = "mini-iran-supports-syria"
NESTING_CYCLE = "statement's chain of nested_in comes back to the statement (a cycle of {} statements)"


@pytest.mark.parametrize(
    ("nesting", "expected"),
    [
        ({IRAN: "b", "b": "c", "c": IRAN}, {IRAN: 3, "b": 3, "c": 3}),
        ({IRAN: "b", "b": IRAN}, {IRAN: 2, "b": 2}),
        ({IRAN: "b", "b": "c", "c": "b", "d": IRAN}, {"b": 2, "c": 2}),
    ],
    ids=["cycle-of-three", "cycle-of-two", "chains-into-a-cycle"],
)
def test_a_cycle_of_nested_statements(frames, nesting, expected):
    """Statements on mini-iran-supports-syria's span (10-48), each nested in the next: a chain that comes back
    is reported once per statement in the cycle, with its size; one whose chain only leads into a cycle is not
    in it (mini-iran-supports-syria and d in the third case). Nothing else is reported: all are nested."""
    for name, outer in nesting.items():
        _span(frames, name, 10, 48, nested_in=outer)
    found = [f for f in layer_2(frames) if f[0] == "statements" and f[2] in ("nested_in", "char_start")]
    ids = frames["statements"]["statement_id"]
    assert [(ids[f[1]], f[3], f[4]) for f in found] == [
        (name, nesting[name], NESTING_CYCLE.format(size)) for name, size in expected.items()
    ]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"content_start": None, "content_end": None}, "a statement of a speaker other than the outlet has no content"),
        ({"content_end": None}, "content_start and content_end are given together or not at all"),
        ({"content_end": 60}, "content span is not a non-empty part of the statement's span (10-48)"),
        ({"speaker_id": "test-outlet"}, "the outlet's own statement has a content span"),
    ],
)
def test_statement_content(frames, changes, expected):
    _edit(frames, {("statements", _statement(frames, "mini-iran-supports-syria")): changes})
    assert any(m.startswith(f"statements.content_start: {expected}") for m in check(frames)), check(frames)


NOT_A_PART = "content span is not a non-empty part of the statement's span (10-48)"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"content_start": 10, "content_end": 48}, []),  # the whole span is a part of it
        ({"content_start": 9}, [NOT_A_PART]),
        ({"content_end": 49}, [NOT_A_PART]),
        ({"content_start": 20, "content_end": 20}, [NOT_A_PART]),  # empty
        (
            {"article_id": "no-such-article", "content_end": None},  # checked without its article (foreign_key's)
            ["content_start and content_end are given together or not at all"],
        ),
    ],
    ids=["whole-span", "starts-before", "ends-after", "empty", "unknown-article"],
)
def test_statement_content_bounds(frames, changes, expected):
    row = _statement(frames, "mini-iran-supports-syria")
    _edit(frames, {("statements", row): changes})
    found = [f for f in layer_2(frames) if f[2] == "content_start"]
    assert [f[4] for f in found] == expected and all(f[1] == row for f in found)


def layer_2(frames) -> list[tuple]:
    """Every rule's failures, exactly: (table, row, column, value, message)."""
    return [tuple(row) for row in rules.run(frames)[["table", "row", "column", "value", "message"]].values.tolist()]


def _edit(frames, edits: dict) -> None:
    """Apply {(table, row): {column: value}} to the fixture's frames."""
    for (table, row), changes in edits.items():
        for column, value in changes.items():
            frames[table].loc[row, column] = value


OUTLET_WITH_STATEMENT = "the outlet's own words have no statement_id"
NOT_THE_OUTLET = "voice outlet: voice_actor_id must be the article's outlet (test-outlet)"
WITHOUT_REPORT = "a speaker's words without a statement must lie in an event report attributed to voice_actor_id"
IN_THE_FRAME = (
    "mention lies in its statement's attribution frame, outside the speaker's words (content {}): the frame is the "
    "outlet's (voice outlet), or the content span is wrong"
)

# The fixture's mentions: 0 "Iran" (outlet), 1 "Syria" (paraphrase in mini-iran-supports-syria, 10-48), 2 "Syria"
# (quoted in mini-araghchi-stands-with-syria, 49-86), 3 "Araghchi" (outlet); place mention 0 "Aleppo" 121-127
# (paraphrase of syria-army, inside event report 0, 87-143, attributed to syria-army), as is mention 4 "the army"
# (129-137).
MENTION_VOICE_CASES = {
    "outlet-with-a-statement": (  # (one it lies outside, by another speaker: the one message is the one problem)
        {("mentions", 0): {"statement_id": "mini-araghchi-stands-with-syria"}},
        [("mentions", 0, "statement_id", "mini-araghchi-stands-with-syria", OUTLET_WITH_STATEMENT)],
    ),
    "outlet-in-an-unknown-article": (  # foreign_key's to report; the outlet is not known, so no outlet to name
        {("mentions", 3): {"article_id": "no-such-article"}},
        [("mentions", 3, "article_id", "no-such-article", "unknown reference: no articles.article_id has this value")],
    ),
    "outlet-not-the-outlet": (
        {("mentions", 3): {"voice_actor_id": "iran"}},
        [("mentions", 3, "voice_actor_id", "iran", NOT_THE_OUTLET)],
    ),
    "outlet-failing-both": (
        {("mentions", 0): {"statement_id": "mini-iran-supports-syria", "voice_actor_id": None}},
        [("mentions", 0, "statement_id", "mini-iran-supports-syria", OUTLET_WITH_STATEMENT),
         ("mentions", 0, "voice_actor_id", None, NOT_THE_OUTLET)],
    ),
    "paraphrase-outside-its-statement": (
        {("mentions", 0): {"voice": "paraphrase", "statement_id": "mini-araghchi-stands-with-syria",
                           "voice_actor_id": "abbas-araghchi"}},
        [("mentions", 0, "voice_actor_id", "abbas-araghchi", "mention lies outside its statement's span (49-86)")],
    ),
    "quoted-not-the-speaker": (
        {("mentions", 2): {"voice_actor_id": "syria"}},
        [("mentions", 2, "voice_actor_id", "syria", "voice_actor_id must be the speaker of the statement "
                                                    "(abbas-araghchi)")],
    ),
    "quoted-of-an-unknown-statement": (  # foreign_key's to report, not this rule's
        {("mentions", 2): {"statement_id": "no-such-statement"}},
        [("mentions", 2, "statement_id", "no-such-statement",
          "unknown reference: no statements.statement_id has this value")],
    ),
    "statement-span-ends-on-the-mention": (  # statement 0 cut to "Syria" (64-69), the quoted mention's span
        {("statements", 0): {"char_start": 64, "char_end": 69, "text": "Syria", "content_start": 64,
                             "content_end": 69}},
        [],
    ),
    "statement-span-starts-after-the-mention": (
        {("statements", 0): {"char_start": 65, "char_end": 69, "text": "yria", "content_start": 65,
                             "content_end": 69}},
        [("mentions", 2, "voice_actor_id", "abbas-araghchi", "mention lies outside its statement's span (65-69)")],
    ),
    "statement-span-ends-before-the-mention": (
        {("statements", 0): {"char_start": 64, "char_end": 68, "text": "Syri", "content_start": 64,
                             "content_end": 68}},
        [("mentions", 2, "voice_actor_id", "abbas-araghchi", "mention lies outside its statement's span (64-68)")],
    ),
    "quoted-in-the-attribution-frame": (  # "Araghchi said": in the statement's span, after its content (49-71)
        {("mentions", 3): {"voice": "quoted", "statement_id": "mini-araghchi-stands-with-syria",
                           "voice_actor_id": "abbas-araghchi"}},
        [("mentions", 3, "voice", "quoted", IN_THE_FRAME.format("49-71"))],
    ),
    "content-starts-on-the-mention": ({("statements", 1): {"content_start": 42}}, []),  # mention 1 "Syria", 42-47
    "content-starts-after-the-mention": (
        {("statements", 1): {"content_start": 43}},
        [("mentions", 1, "voice", "paraphrase", IN_THE_FRAME.format("43-47"))],
    ),
    "content-ends-before-a-mention-and-a-place-mention": (  # place mention 0 moved onto mention 1's "Syria"
        {("statements", 1): {"content_end": 46},
         ("place_mentions", 0): {"char_start": 42, "char_end": 47, "text": "Syria",
                                 "statement_id": "mini-iran-supports-syria", "voice_actor_id": "iran"}},
        [("event_places", 0, "place_id", "aleppo", "the evidence holds no place mention of this place (expected a "
          "place_mentions row of it inside 111-127 of mini-article)"),  # (its "Aleppo" moved away)
         ("mentions", 1, "voice", "paraphrase", IN_THE_FRAME.format("30-46")),
         ("place_mentions", 0, "voice", "paraphrase", IN_THE_FRAME.format("30-46"))],
    ),
    "statement-without-a-content-span": (  # statement_content's to report; the mention is not checked against it
        {("statements", 1): {"content_start": None, "content_end": None}},
        [("statements", 1, "content_start", None,
          "a statement of a speaker other than the outlet has no content span")],
    ),
    "no-statement-another-voice-than-the-report": (
        {("place_mentions", 0): {"voice_actor_id": "iran"}},
        [("place_mentions", 0, "voice_actor_id", "iran", WITHOUT_REPORT)],
    ),
    "report-starts-and-ends-on-mentions": (  # "Aleppo, the army": place mention 0 and mention 4 on its ends
        {("event_reports", 0): {"char_start": 121, "char_end": 137, "text": "Aleppo, the army"}},
        [],
    ),
    "report-starts-after-a-mention": (
        {("event_reports", 0): {"char_start": 122, "char_end": 137, "text": "leppo, the army"}},
        [("place_mentions", 0, "voice_actor_id", "syria-army", WITHOUT_REPORT)],
    ),
    "report-ends-before-a-mention": (
        {("event_reports", 0): {"char_start": 121, "char_end": 136, "text": "Aleppo, the arm"}},
        [("mentions", 4, "voice_actor_id", "syria-army", WITHOUT_REPORT)],
    ),
}  # fmt: skip


@pytest.mark.parametrize(("edits", "expected"), MENTION_VOICE_CASES.values(), ids=MENTION_VOICE_CASES)
def test_mention_voice(frames, edits, expected):
    _edit(frames, edits)
    assert layer_2(frames) == expected


def test_mention_voice_a_statement_or_report_of_another_article(frames):
    """The same text under another article_id: a statement there, or a report there, is not this article's."""
    _another_article(frames)
    frames["statements"].loc[1, "article_id"] = "other"
    frames["event_reports"].loc[0, "article_id"] = "other"
    frames["mentions"].loc[0, "statement_id"] = "mini-iran-supports-syria"  # (the outlet's words: that message only)
    found = [f for f in layer_2(frames) if f[0] in ("mentions", "place_mentions")]
    assert found == [
        ("mentions", 0, "statement_id", "mini-iran-supports-syria", OUTLET_WITH_STATEMENT),
        ("mentions", 1, "statement_id", "mini-iran-supports-syria", "statement of another article"),
        ("mentions", 4, "voice_actor_id", "syria-army", WITHOUT_REPORT),
        ("place_mentions", 0, "voice_actor_id", "syria-army", WITHOUT_REPORT),
    ]


def test_an_actor_that_is_its_own_parent(frames):
    frames["actors"].loc[0, "parent_actor_id"] = frames["actors"].loc[0, "actor_id"]
    assert "actors.parent_actor_id: actor is its own parent" in check(frames)


def test_a_cycle_of_parents(frames):
    first, second = frames["actors"].loc[1, "actor_id"], frames["actors"].loc[2, "actor_id"]
    frames["actors"].loc[1, "parent_actor_id"] = second
    frames["actors"].loc[2, "parent_actor_id"] = first
    found = check_frames(frames)
    cycle = found[found["message"].str.startswith("actor's parent chain comes back")]
    assert sorted(cycle["row"]) == [1, 2]
    assert set(cycle["message"]) == {"actor's parent chain comes back to the actor (a cycle of 2 actors)"}


@pytest.mark.parametrize(
    ("parents", "expected"),
    [({0: 1, 1: 2, 2: 0}, {0: 3, 1: 3, 2: 3}), ({0: 1, 1: 2, 2: 1}, {1: 2, 2: 2})],
    ids=["cycle-of-three", "chain-into-a-cycle"],
)
def test_a_cycle_of_parents_is_measured_and_a_chain_into_it_is_not_reported(frames, parents, expected):
    """Row 0 → 1 → 2 → 0 is one cycle of three; in 0 → 1 → 2 → 1, row 0 leads into a cycle without being in it."""
    actors = frames["actors"]
    for row, parent in parents.items():
        actors.loc[row, "parent_actor_id"] = actors.loc[parent, "actor_id"]
    found = [f for f in layer_2(frames) if f[2] == "parent_actor_id"]
    message = "actor's parent chain comes back to the actor (a cycle of {} actors)"
    assert {f[1]: f[4] for f in found} == {row: message.format(size) for row, size in expected.items()}


def test_a_parent_chain_without_a_cycle_passes(frames):
    """abbas-araghchi → iran → syria (and syria-army → syria): three levels, no cycle."""
    frames["actors"].loc[frames["actors"]["actor_id"] == "iran", "parent_actor_id"] = "syria"
    assert check(frames) == []


def test_twins_that_differ_are_reported_cell_by_cell(frames):
    parquet = {name: frame.copy() for name, frame in frames.items()}
    speakers = parquet["statements"]["speaker_id"]
    parquet["statements"].loc[0, "speaker_id"] = next(a for a in frames["actors"]["actor_id"] if a != speakers[0])
    parquet["mentions"] = parquet["mentions"].iloc[1:]
    found = rules.twins(frames, parquet, unreadable=set())
    changed = found[found["table"] == "statements"]
    assert changed[["row", "column", "message"]].values.tolist() == [
        [0, "speaker_id", "CSV and Parquet twins differ (csv value → parquet value)"]
    ]
    assert changed["value"].iloc[0] == f"speaker_id: {speakers[0]} → {parquet['statements'].loc[0, 'speaker_id']}"
    (missing,) = found[found["table"] == "mentions"]["message"]
    assert missing == "row is in mentions.csv but not in mentions.parquet"


def test_twins_report_a_row_in_one_file_only_in_a_table_of_keys_only(frames):
    """actor_aliases has no column outside its key, so only the missing side can show such a row; the row of
    the Parquet-only one is given as the validator numbers rows (+2: the header and 1-based lines)."""
    parquet = {name: frame.copy() for name, frame in frames.items()}
    aliases = parquet["actor_aliases"]
    extra = pd.DataFrame({"actor_id": ["iran"], "alias": ["Persia"]}).astype(aliases.dtypes)
    parquet["actor_aliases"] = pd.concat([aliases.iloc[1:], extra], ignore_index=True)
    found = rules.twins(frames, parquet, unreadable=set())
    assert found[["table", "row", "column", "value", "message"]].values.tolist() == [
        ["actor_aliases", 0, "actor_id, alias", "abbas-araghchi/Araghchi",
         "row is in actor_aliases.csv but not in actor_aliases.parquet"],
        ["actor_aliases", 2, "actor_id, alias", "iran/Persia",
         "row is in actor_aliases.parquet (row 4) but not in actor_aliases.csv"],
    ]  # fmt: skip


def test_twins_leave_a_key_duplicated_alike_to_layer_1_and_report_one_duplicated_in_one_file(frames):
    """The speaker added again as `joint`, in both files alike: the key (statement_id, actor_id) occurs twice, which
    layer 1 reports; matched by key, the two rows would pair crosswise and differ in role. In one file only (the CSV
    copy, whose layer 1 does not run with both formats), the twins rule reports each of its rows with how often the
    key occurs in each file; another table's difference is still reported."""
    sid, speaker = frames["statements"].loc[0, ["statement_id", "speaker_id"]]
    speakers = frames["statement_speakers"]
    speakers.loc[len(speakers)] = [sid, speaker, "joint"]
    assert any(m.startswith("statement_speakers.") and "duplicate primary key" in m for m in check(frames))
    parquet = {name: frame.copy() for name, frame in frames.items()}
    assert rules.twins(frames, parquet, unreadable=set()).empty
    parquet["statement_speakers"] = speakers.iloc[:-1]
    parquet["actors"].loc[0, "name"] = "Another Name"
    found = rules.twins(frames, parquet, unreadable=set())
    first = int(speakers.index[(speakers["statement_id"] == sid) & (speakers["actor_id"] == speaker)][0])
    assert found[["table", "row", "column"]].values.tolist() == [
        ["actors", 0, "name"],
        ["statement_speakers", first, "statement_id, actor_id"],
        ["statement_speakers", len(speakers) - 1, "statement_id, actor_id"],
    ]
    duplicated = found[found["table"] == "statement_speakers"]
    assert set(duplicated["message"]) == {
        "key occurs 2 times in statement_speakers.csv and 1 in statement_speakers.parquet"
    }
    # (and the other way round: twice in the Parquet copy, once in the CSV copy)
    found = rules.twins(parquet, frames, unreadable=set())
    assert f"key occurs 2 times in statement_speakers.parquet (row {len(speakers) + 1}) and 1 in" in " ".join(
        found["message"]
    )


def test_twins_that_agree_pass(frames):
    assert rules.twins(frames, {n: f.copy() for n, f in frames.items()}, unreadable=set()).empty


def test_a_rule_needing_an_unreadable_table_is_skipped_in_one_line_per_table(frames):
    found = rules.run(frames, unreadable={"mentions"})
    assert found["table"].tolist() == ["mentions"]
    (message,) = found["message"]
    assert message.startswith("8 rule(s) skipped because this table could not be read: ")
    assert "foreign_key mentions actor_id" in message and "name_mention_is_alias" in message


def test_a_rule_that_cannot_run_is_named(frames):
    frames["articles"]["published_date_max"] = "not a date"
    found = rules.run(frames)
    assert any(m.startswith("rule statement_dates could not run: ") for m in found["message"]), found


# Edits after which most rules fail on the fixture (each as in its own tests above), so that the test below
# meets their messages with nulls.
EVERY_RULE_FAILING = {
    ("articles", 0): {"text_sha256": "0" * 64},
    ("actors", 1): {"parent_actor_id": "syria"},
    ("actors", 2): {"parent_actor_id": "iran"},
    ("places", 0): {"latitude": None, "notes": None},
    ("events", 0): {"plover": "AID"},
    ("statements", 0): {"date": pd.Timestamp("2025-01-01"), "cameo": "111", "plover": "ACCUSE", "claim_id": "lonely",
                        "content_end": 100, "nested_in": "mini-iran-supports-syria", "speaker_id": "nobody"},
    ("statements", 1): {"content_start": 43, "char_end": 60},
    ("figures", 0): {"statement_id": "mini-araghchi-stands-with-syria", "count_id": "lonely", "qualifier": "exact",
                     "article_id": "other"},
    ("mentions", 0): {"statement_id": "mini-iran-supports-syria"},
    ("mentions", 2): {"voice_actor_id": "syria", "text": "Persia"},
    ("mentions", 3): {"voice_actor_id": "iran"},
    ("mentions", 4): {"statement_id": "mini-araghchi-stands-with-syria"},
    ("place_mentions", 0): {"voice_actor_id": "iran"},
}  # fmt: skip


def _with_nulls(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame's rows, then again once per column with that column null, then with every column null."""
    copies = [frame, *(frame.assign(**{c: None}) for c in frame.columns), frame.assign(**dict.fromkeys(frame, None))]
    return pd.concat(copies, ignore_index=True).astype(frame.dtypes.to_dict())


def test_every_rule_gives_a_message_for_rows_of_nulls(frames):
    """A copy of any origin may hold nulls anywhere: no rule may then report a failure without its table, field or
    message (SQL's `'...' || NULL` is NULL). Every table is given its rows again with each column null in turn,
    after edits that make most rules fail, so that failures meet the nulls; the twins rule compares such tables."""
    _another_article(frames)
    _edit(frames, EVERY_RULE_FAILING)
    frames["statement_speakers"].loc[2] = ["mini-iran-supports-syria", "syria", "reported"]
    frames["statement_targets"].loc[1] = ["mini-iran-supports-syria", "syria", "addressed"]
    _second_figure(frames, count_id="lonely", measure="wounded", qualifier="exact", value=3, low=3, high=3)
    _about(frames, "mini-iran-supports-syria", "killed in Aleppo")
    nulled = {name: _with_nulls(frame) for name, frame in frames.items()}
    blank = {  # (every cell but the key's null: twins that differ in every row)
        name: frame.assign(**{c: None for c in frame if c not in tables()[name].primary_key}).astype(frame.dtypes)
        for name, frame in frames.items()
    }
    changed = {name: frame.iloc[::-1].reset_index(drop=True) for name, frame in nulled.items()}
    twins = [rules.twins(*pair, unreadable=set()) for pair in ((nulled, changed), (frames, blank), (blank, frames))]
    found = pd.concat([rules.run(nulled), *twins], ignore_index=True)
    assert found["message"].str.contains("could not run").sum() == 0, found
    assert found["message"].nunique() > 30  # (most rules failed, in most of their ways)
    assert not found[["table", "column", "message"]].isna().any(axis=None), found[found.isna().any(axis=1)]


def test_every_rule_parses_as_spark_sql():
    """The rules are meant to run on Spark SQL too (DESIGN.md): each instantiated query parses in its dialect."""
    import sqlglot

    assert len(rules.rules()) > 40
    for rule in rules.rules():
        sqlglot.parse_one(rule.sql, read="spark")


def test_a_claim_in_two_articles_passes(frames):
    frames["articles"] = pd.concat(
        [frames["articles"], frames["articles"].assign(article_id="other")], ignore_index=True
    )
    frames["statements"].loc[0, "article_id"] = "other"
    frames["statements"].loc[[0, 1], "claim_id"] = "linked"
    assert not [m for m in check(frames) if "claim_id" in m]


def test_the_outlets_own_narration_is_no_claims_row(frames):
    """The outlet's own account of an event is an event report: a statement in its voice has no `claims` row, but
    may have another relation."""
    statements = frames["statements"]
    row = statements.index[statements["statement_id"] == "mini-iran-supports-syria"][0]
    statements.loc[row, "speaker_id"] = "test-outlet"
    _about(frames, "mini-iran-supports-syria", "supports Syria", relation="concerns")
    assert not [m for m in check(frames) if "outlet's own narration" in m]
    _about(frames, "mini-iran-supports-syria", "supports Syria", relation="claims")
    assert (
        "statement_events.relation: the statement is the outlet's own narration (speaker test-outlet), so its account "
        "of the event is an event report, not a claims row" in check(frames)
    )
