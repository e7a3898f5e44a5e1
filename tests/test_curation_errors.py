"""Every kind of curation mistake: one clear line (file:line, ID, value, expectation), exit 1, nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_build import build, snapshot

ARTICLE = "curation/articles/mini-article.yaml"


def edit(root: Path, relpath: str, old: str, new: str) -> None:
    path = root / relpath
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {relpath}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


MISTAKES = {
    "yaml syntax error": (
        ARTICLE,
        "    mode: indirect\n",
        "    mode: [indirect\n",
        "mini-article.yaml:8: YAML syntax error",
    ),
    "yaml: an unquoted colon in a value": (
        ARTICLE,
        'quote: "At least 12 people"',
        "quote: At least 12 people: the army",
        "mini-article.yaml:25: YAML syntax error: mapping values are not allowed here (got '    quote: At least 12 "
        'people: the army\', expected the value in quotes, because it contains ": " (e.g. quote: "he said: no"))',
    ),
    "yaml: a tab in the indentation": (
        ARTICLE,
        "    mode: direct\n",
        "\tmode: direct\n",
        "mini-article.yaml:16: YAML syntax error: found character '\\t' that cannot start any token (got '\\tmode: "
        "direct', expected spaces for indentation (YAML does not allow a tab there))",
    ),
    "unknown key": (
        "curation/events.yaml",
        "  place: aleppo\n",
        "  place: aleppo\n  town: aleppo\n",
        "events.yaml:6: aleppo-killing: unknown key 'town' in event",
    ),
    "missing required key": (
        ARTICLE,
        "    mode: direct\n",
        "",
        "mini-article.yaml:12: mini-araghchi-stands-with-syria: missing required key 'mode' in statement",
    ),
    "wrong type": (
        ARTICLE,
        "    value: 12\n",
        "    value: twelve\n",
        "mini-article.yaml:26: mini-12-killed: value has the wrong type (got 'twelve', expected a whole number)",
    ),
    "bad date": (
        "sources/mini-article.yaml",
        "min: 2024-11-30",
        "min: 2024-11-31",
        "mini-article.yaml:7: mini-article: min has the wrong type (got '2024-11-31', expected a date YYYY-MM-DD)",
    ),
    "unknown actor reference": (
        ARTICLE,
        "{actor: syria, role: supported}",
        "{actor: damascus, role: supported}",
        "mini-article.yaml:11: mini-iran-supports-syria/damascus/supported: targets: actor: names no actor in "
        "curation/actors.yaml (correct the ID, or declare it there) (got 'damascus')",
    ),
    "unknown joint speaker": (
        ARTICLE,
        "    speaker: abbas-araghchi\n",
        "    speaker: abbas-araghchi\n    joint_speakers: [iran, bassam-sabbagh]\n",
        "mini-article.yaml:14: mini-araghchi-stands-with-syria/bassam-sabbagh: joint_speakers: names no actor in "
        "curation/actors.yaml (correct the ID, or declare it there) (got 'bassam-sabbagh')",
    ),
    "unknown place reference": (
        "curation/events.yaml",
        "  place: aleppo\n",
        "  place: alepo\n",
        "events.yaml:1: aleppo-killing: place: names no place in curation/places.yaml (correct the ID, or declare it "
        "there); did you mean 'aleppo'? (got 'alepo')",
    ),
    "unknown event reference": (
        ARTICLE,
        "  - event: aleppo-killing\n",
        "  - event: aleppo-shelling\n",
        "event_reports: event: names no event in curation/events.yaml (correct the ID, or declare it there); did you "
        "mean 'aleppo-killing'? (got 'aleppo-shelling')",
    ),
    "unknown code": (
        ARTICLE,
        '    cameo: "051"\n    targets',
        '    cameo: "0999"\n    targets',
        "mini-article.yaml:3: mini-iran-supports-syria: cameo: must be one of the codes of the code list cameo "
        "(schema/codelists/cameo.csv) (got '0999')",
    ),
    "unknown role": (
        ARTICLE,
        "role: supported",
        "role: liked",
        "targets: role: must be one of the codes of the code list statement_role (schema/codelists/statement_role.csv) "
        "(got 'liked')",
    ),
    "duplicate id": (
        ARTICLE,
        "  - id: mini-araghchi-stands-with-syria",
        "  - id: mini-iran-supports-syria",
        "mini-iran-supports-syria: id: is used twice: every record needs its own ID (IDs are never reused) (got "
        "'mini-iran-supports-syria')",
    ),
    "evidence not found": (
        ARTICLE,
        'quote: "At least 12 people"',
        'quote: "At least 13 people"',
        "mini-article.yaml:24: mini-12-killed: figure: quote not found in the article text; nearest passage at "
        "char 87: 'At least 12 people'; differs: '13' → '12' (got 'At least 13 people'",
    ),
    "evidence found several times": (
        ARTICLE,
        'quote: "At least 12 people"',
        'quote: "Syria"',
        "mini-12-killed: figure: quote occurs several times in the article text; add context or occurrence "
        "(got 'Syria'",
    ),
    "what a statement is about, quoted from outside it": (
        ARTICLE,
        "      - {actor: syria, role: supported}\n",
        "      - {actor: syria, role: supported}\n    about:\n"
        '      - {event: aleppo-killing, relation: concerns, quote: "killed in Aleppo"}\n',
        "mini-article.yaml:13: mini-iran-supports-syria: about: quote is not inside the statement's quote (got "
        "'killed in Aleppo', expected a verbatim part of `quote`)",
    ),
    "an event place not found": (
        ARTICLE,
        'quote: "killed in Aleppo"',
        'quote: "killed in Alepo"',
        "mini-article.yaml:34: aleppo-killing: event place: quote not found in the article text",
    ),
    "occurrence out of range": (
        ARTICLE,
        '{actor: syria-army, quote: "the army"}',
        '{actor: syria-army, quote: "the army", occurrence: 3}',
        "mini-article.yaml:32: syria-army: label: occurrence is out of range (got 'the army'",
    ),
    "date bounds inverted": (
        ARTICLE,
        'date: {basis: unknown, note: "no date in the text"}',
        "date: {min: 2024-11-30, max: 2024-11-01, basis: inferred, note: x}",
        "mini-article.yaml:12: mini-araghchi-stands-with-syria: statement date cannot be resolved "
        "(got 'date bounds are inverted (min after max)'",
    ),
    "statement dated after its article": (
        ARTICLE,
        'date: {basis: unknown, note: "no date in the text"}',
        "date: {on: 2024-12-25, basis: external, note: x}",
        "mini-araghchi-stands-with-syria: date: is after the article's publication date (published: in "
        "sources/<article_id>.yaml): correct date: (got '2024-12-25')",
    ),
    "figure bounds written where the qualifier sets them": (
        ARTICLE,
        "    value: 12\n",
        "    value: 12\n    low: 12\n",
        "mini-article.yaml:24: mini-12-killed: figure bounds: `low` and `high` follow from value and qualifier; write "
        "them only for a range (got 'at least', expected value, low and high as curation/README.md 'Figures' says",
    ),
    "vague plural with a value": (
        ARTICLE,
        "    qualifier: at least\n",
        "    qualifier: vague plural\n",
        "mini-12-killed: figure bounds: a vague plural or a range states no single number: leave `value` out",
    ),
    "event end before its start": (
        "curation/events.yaml",
        "  place: aleppo\n",
        '  end: {on: 2024-11-01, basis: external, note: "x"}\n  place: aleppo\n',
        "events.yaml:1: aleppo-killing: date (the start): is after the event's end: (an event cannot end before it "
        "starts): correct date: or end:",
    ),
    "relative date not understood": (
        ARTICLE,
        'date: {relative: "on Friday"}',
        'date: {relative: "a fortnight ago"}',
        "mini-iran-supports-syria: statement date cannot be resolved (got 'relative date expression not understood'",
    ),
    "alias never used": (
        "curation/actors.yaml",
        "aliases: [Iran]",
        "aliases: [Iran, Persia]",
        "actors.yaml:12: iran/Persia: aliases: occurs in no article (as a whole word, case-sensitively): remove it "
        "from aliases:, or correct its spelling (got 'Persia')",
    ),
    "alias of two actors": (
        "curation/actors.yaml",
        "aliases: [Syria]",
        "aliases: [Syria, Iran]",
        "aliases: is listed for two actors: keep it under one of them; where it means the other, make it a label "
        "(got 'Iran')",
    ),
    "furniture rule matching nothing": (
        "sources/mini-article.yaml",
        'line: "Test headline"',
        'line: "Test headlines"',
        "mini-article.yaml:16: mini-article: furniture rule matches no line (got 'Test headlines'",
    ),
    "source file outside the sources folder": (
        "sources/mini-article.yaml",
        "source_file: mini.txt",
        "source_file: ../../etc/passwd",
        "mini-article.yaml:2: mini-article: source_file must be a file name beside the metadata file "
        "(got '../../etc/passwd'",
    ),
    "missing source file": (
        "sources/mini-article.yaml",
        "source_file: mini.txt",
        "source_file: missing.txt",
        "mini-article.yaml:2: mini-article: source file not found (got 'missing.txt'",
    ),
    "source file name too long for the file system": (
        "sources/mini-article.yaml",
        "source_file: mini.txt",
        "source_file: " + "x" * 300 + ".txt",
        "mini-article.yaml:2: mini-article: source file cannot be read (File name too long) (got 'xxxxxxxx",
    ),
    "yaml alias bomb": (
        "curation/places.yaml",
        "  aliases: [Aleppo]\n",
        "  aliases: &a [Aleppo]\n  notes: *a\n",
        "places.yaml:7: YAML aliases (*name) are not allowed in curation files",
    ),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    from tests.conftest import FIXTURE

    out = tmp_path_factory.mktemp("built") / "datasets"
    assert build(FIXTURE, out).returncode == 0
    return out, snapshot(out)


@pytest.mark.parametrize("kind", list(MISTAKES))
def test_each_mistake_is_reported_clearly_and_changes_nothing(kind, mini, built):
    relpath, old, new, message = MISTAKES[kind]
    out, before = built
    edit(mini, relpath, old, new)
    result = build(mini, out)
    assert result.returncode == 1
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.rstrip().endswith("left unchanged")
    assert snapshot(out) == before


def test_all_problems_are_reported_in_one_run(mini, built):
    out, before = built
    for kind in ("unknown key", "wrong type", "evidence not found", "alias never used", "unknown place reference"):
        relpath, old, new, _ = MISTAKES[kind]
        edit(mini, relpath, old, new)
    result = build(mini, out)
    for kind in ("unknown key", "wrong type", "evidence not found", "alias never used", "unknown place reference"):
        assert MISTAKES[kind][3] in result.stderr
    assert "build failed: 5 problem(s)" in result.stderr
    assert snapshot(out) == before


@pytest.mark.parametrize(
    "kind", ["yaml syntax error", "yaml: an unquoted colon in a value", "yaml: a tab in the indentation"]
)
def test_a_yaml_syntax_error_is_reported_alone(kind, mini, built):
    """Nothing is said about a file that could not be parsed beyond the syntax error (no "must be a mapping")."""
    relpath, old, new, _ = MISTAKES[kind]
    edit(mini, relpath, old, new)
    result = build(mini, built[0])
    assert "build failed: 1 problem(s)" in result.stderr, result.stderr
    assert "must be a mapping" not in result.stderr


def test_an_empty_curation_file_says_so(mini, built):
    (mini / ARTICLE).write_text("# nothing yet\n", encoding="utf-8")
    result = build(mini, built[0])
    assert "mini-article.yaml: file is empty (expected a article mapping (see curation/README.md))" in result.stderr
