"""The build's problems in the curator's words: the YAML key the curator writes and what to do about it.

The validation rules (validation/rules/*.sql, the pandera tables) speak of the published tables' columns
(`statements.content_start`), because the validator reports on any copy of a package. The curator never
writes a column: they write `content:` in an article's file, and the build derives `content_start` from it.
So the build turns each failure's (table, column) into the key the curator wrote (KEYS), and the rule's
sentence into one that says what to do (ADVICE); a failure with no entry keeps the rule's words, prefixed
with the key, so that nothing is lost.
"""

from __future__ import annotations

import re

GUIDE = "curation/README.md"
QUOTE = "quote (with context: or occurrence:)"

# (table, column) -> the key the curator writes, in the file that holds it.
KEYS: dict[tuple[str, str], str] = {
    **{("statements", c): "quote" for c in ("char_start", "char_end", "text", "article_id")},
    **{("statements", c): "content" for c in ("content_start", "content_end")},
    **{("statements", c): "date" for c in ("date", "date_min", "date_max", "date_basis")},
    **{(t, f"{t.removesuffix('s')}_id"): "id" for t in ("statements", "figures", "events", "actors", "places")},
    **{k: "id" for k in [("actor_aliases", "actor_id"), ("event_actors", "event_id")]},
    **{(t, "statement_id"): "id (of the statement)" for t in ("statement_targets", "statement_speakers")},
    ("articles", "outlet_actor_id"): "outlet_actor",
    ("statements", "speaker_id"): "speaker",
    ("statements", "cameo"): "cameo",
    ("statements", "plover"): "cameo (PLOVER is derived from it)",
    ("statements", "claim_id"): "claim",
    ("statements", "event_id"): "event",
    ("statements", "nested_in"): "nested_in",
    ("statements", "mode"): "mode",
    ("statements", "cited_via"): "cited_via",
    ("statement_targets", "actor_id"): "targets: actor",
    ("statement_targets", "role"): "targets: role",
    ("statement_speakers", "actor_id"): "joint_speakers",
    ("statement_speakers", "role"): "joint_speakers",
    ("event_reports", "event_id"): "event_reports: event",
    ("statement_events", "statement_id"): "id (of the statement whose about: it is)",
    ("statement_events", "event_id"): "about: event",
    ("statement_events", "accused_id"): "about: accused",
    ("statement_events", "relation"): "about: relation",
    **{("statement_events", c): "about: quote" for c in ("char_start", "char_end", "text")},
    ("event_places", "event_id"): "event_places: event",
    ("event_places", "place_id"): "event_places: place",
    ("event_places", "role"): "event_places: role",
    **{("event_places", c): "event_places: quote" for c in ("char_start", "char_end", "text")},
    ("event_reports", "attributed_to"): "event_reports: attributed_to",
    **{("event_reports", c): "event_reports: quote" for c in ("char_start", "char_end", "text")},
    **{("figures", c): "figures: quote" for c in ("char_start", "char_end", "text")},
    **{("figures", c): f"figures: {c}" for c in ("value", "low", "high", "qualifier", "measure", "claimed_by")},
    ("figures", "statement_id"): "figures: statement",
    ("figures", "event_id"): "figures: event",
    ("figures", "count_id"): "figures: count",
    ("figures", "counted_actor_id"): "figures: counted",
    ("mentions", "actor_id"): "labels: actor",
    **{("mentions", c): "labels: quote" for c in ("char_start", "char_end", "text")},
    **{
        (t, c): f"{c.removesuffix('_actor_id').removesuffix('_id')} (labels: or voices: in the article's file)"
        for t in ("mentions", "place_mentions")
        for c in ("voice", "statement_id", "voice_actor_id")
    },
    ("place_mentions", "place_id"): "places: place",
    ("events", "place_id"): "place",
    ("events", "event_type"): "type",
    ("events", "cameo"): "cameo",
    ("events", "plover"): "cameo (PLOVER is derived from it)",
    **{("events", c): "date (the start)" for c in ("start_date", "start_min", "start_max", "start_basis")},
    **{("events", c): "end" for c in ("end_date", "end_min", "end_max", "end_basis")},
    ("event_actors", "actor_id"): "actors: actor",
    ("event_actors", "role"): "actors: role",
    ("actors", "parent_actor_id"): "parent",
    ("actors", "actor_type"): "type",
    ("actors", "wikidata_qid"): "wikidata",
    ("actor_aliases", "alias"): "aliases",
    ("places", "place_type"): "type",
    ("places", "geonames_id"): "geonames",
    **{("places", c): "coordinates" for c in ("latitude", "longitude", "coordinate_precision", "coordinate_basis")},
    **{("articles", c): "published" for c in ("published_date", "published_date_min", "published_date_max")},
    **{("articles", c): "source_file" for c in ("text", "text_sha256")},
}

# what a reference names, in the file where the curator declares it
TARGETS = {
    "actors": "actor in curation/actors.yaml",
    "places": "place in curation/places.yaml",
    "events": "event in curation/events.yaml",
    "statements": "statement of this article's file",
    "articles": "article with a sources/<article_id>.yaml",
}

# a rule's sentence (its start) -> the same in the curator's words, with what to do
ADVICE: dict[str, str] = {
    "a statement of a speaker other than the outlet has no content span": (
        "is missing — a statement by a speaker other than the outlet needs content: quoting the speaker's words "
        f"from its quote, without the outlet's frame ({GUIDE}, Voice)"
    ),
    "the outlet's own statement has a content span": (
        "is not allowed on a statement in the outlet's own voice (all its words are the outlet's): remove "
        f"content:, or correct speaker: ({GUIDE}, Voice)"
    ),
    "content span is not a non-empty part of the statement's span": (
        "must be a part of the statement's quote: (copy it from the quote, verbatim)"
    ),
    "span overlaps statement": (
        "overlaps another statement's quote: trim the quote that is wrong, or give the inner statement nested_in: "
        f"<the outer one> with a note saying why ({GUIDE}, Voice). Rule: "
    ),
    "claim_id is used by only one statement": (
        "is used by one statement only: give the same claim: to every report of the act of saying, or remove it"
    ),
    "count_id is used by only one figure": (
        "is used by one figure only: give the same count: to every figure of the count, or remove it"
    ),
    "alias occurs in no article": (
        "occurs in no article (as a whole word, case-sensitively): remove it from aliases:, or correct its spelling"
    ),
    "alias is used for several actors": (
        "is listed for two actors: keep it under one of them; where it means the other, make it a label"
    ),
    "the statement's speaker is not its one `reported` row": "is missing or also listed in joint_speakers:",
    "a speaker of the statement is also one of its `addressed` targets": (
        "lists a speaker who is also an addressed target: remove the target or the joint speaker"
    ),
    "mention lies in its statement's attribution frame": (
        "gives a speaker's voice to a name in the outlet's frame: the frame is the outlet's (voice: outlet), or "
        "the statement's content: is wrong. Rule: "
    ),
    "the event cannot end before it starts": "is after the event's end: (an event cannot end before it starts): "
    "correct date: or end:",
    "date_min <= date <= date_max": "has its bounds the wrong way round (min: after max:, or the date outside them)",
    "low <= high": "low: is above high:",
    "value is required": "is missing",
    "value must match ^[a-z0-9]+(-[a-z0-9]+)*$": (
        "must be a slug: lower-case letters and digits, words joined by '-' (e.g. iran-foreign-ministry)"
    ),
    "duplicate primary key": "is used twice: every record needs its own ID (IDs are never reused)",
    "statement is dated after its article's published_date_max": (
        "is after the article's publication date (published: in sources/<article_id>.yaml): correct date:"
    ),
}


def in_curator_words(table: str, column: str, message: str) -> str:
    """`<key the curator writes>: <what is wrong and what to do>` for a failure of table.column."""
    key = KEYS.get((table, column), f"{table}.{column}")
    return f"{key}: {_sentence(message)}"


def _sentence(message: str) -> str:
    unknown = re.match(r"unknown reference: no (\w+)\.\w+ has this value(.*)$", message)
    if unknown:
        target, hint = unknown.groups()
        return f"names no {TARGETS.get(target, target)} (correct the ID, or declare it there){hint}"
    codes = re.match(r"value must be one of the codes of (\w+)$", message)
    if codes:
        return f"must be one of the codes of the code list {codes.group(1)} (schema/codelists/{codes.group(1)}.csv)"
    for start, advice in ADVICE.items():
        if message.startswith(start):
            return advice + message if advice.endswith("Rule: ") else advice
    return message
