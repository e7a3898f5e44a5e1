"""The curation format: every record a curator writes, its keys, their types and which are required.

Data, not code: the reader (curation.py) checks each YAML mapping against these specs, and curation/README.md
documents the same keys. A key added here is accepted by the build; a key not here is reported as unknown.
"""

from __future__ import annotations

# Each record kind: key -> (type, required). Types: str, int, bool, date, list, strlist, map, date_spec,
# evidence occurrence (int or "all" where allowed).
DATE_SPEC = {
    "relative": ("str", False),
    "article": ("str", False),
    "stated": ("str", False),
    "on": ("date", False),
    "min": ("date", False),
    "max": ("date", False),
    "basis": ("str", False),
    "note": ("str", False),
    # where the article says a relative phrase, when not in the statement's own quote (curation_checks.py)
    "context": ("str", False),
}
EVIDENCE = {"quote": ("str", True), "context": ("str", False), "occurrence": ("int", False)}
# Actors and places are both named entities with aliases and a free note.
ENTITY = {
    "id": ("str", True),
    "name": ("str", True),
    "type": ("str", True),
    "country": ("str", False),
    "aliases": ("strlist", False),
    "notes": ("str", False),
}
SPECS: dict[str, dict[str, tuple[str, bool]]] = {
    "source": {
        "article_id": ("str", True),
        "source_file": ("str", True),
        "title": ("str", True),
        "outlet": ("str", False),
        "outlet_actor": ("str", True),
        "url": ("str", False),
        "url_basis": ("str", False),
        "published": ("date_spec", True),
        "language": ("str", True),
        "dateline": ("str", False),
        "byline": ("str", False),
        "derived_from_url": ("str", False),
        "derived_from_basis": ("str", False),
        "licence_note": ("str", True),
        "notes": ("str", False),
        "normalize_nbsp": ("bool", False),
        "furniture": ("list", False),
    },
    "furniture": {"kind": ("str", True), "line": ("str", False), "from_line": ("str", False)},
    "actor": {**ENTITY, "parent": ("str", False), "description": ("str", True), "wikidata": ("map", False)},
    "wikidata": {"qid": ("str", True), "basis": ("str", True)},
    "place": {**ENTITY, "admin1": ("str", False), "coordinates": ("map", False), "geonames": ("map", False)},
    "coordinates": {
        "lat": ("number", True),
        "lon": ("number", True),
        "precision": ("str", True),
        "basis": ("str", True),
    },
    "geonames": {"id": ("int", True), "basis": ("str", True)},
    "event": {
        "id": ("str", True),
        "title": ("str", False),
        "type": ("str", True),
        "cameo": ("code", True),
        "date": ("date_spec", True),
        "end": ("date_spec", False),
        "place": ("str", False),
        "description": ("str", True),
        "actors": ("list", False),
        "notes": ("str", False),
    },
    "role": {"actor": ("str", True), "role": ("str", True)},
    "article": {
        "article_id": ("str", True),
        "statements": ("list", False),
        "event_reports": ("list", False),
        "figures": ("list", False),
        "labels": ("list", False),
        "voices": ("list", False),
        "places": ("list", False),
        "event_places": ("list", False),
    },
    "statement": {
        "id": ("str", True),
        "speaker": ("str", True),
        "joint_speakers": ("strlist", False),
        **EVIDENCE,
        # the speaker's words inside the quote, without the outlet's frame ("General Baqeri said ...")
        "content": ("str", False),
        "mode": ("str", True),
        "nested_in": ("str", False),
        "date": ("date_spec", True),
        "cameo": ("code", True),
        "cited_via": ("str", False),
        "event": ("str", False),
        "claim": ("str", False),
        "targets": ("list", False),
        "about": ("list", False),
        "notes": ("str", False),
    },
    # an event the statement is about, with the words of the statement that say so (curation/README.md)
    "about": {
        "event": ("str", True),
        "relation": ("str", True),
        "accused": ("str", False),
        "quote": ("str", True),
        "notes": ("str", False),
    },
    "event_report": {"event": ("str", True), **EVIDENCE, "attributed_to": ("str", False), "notes": ("str", False)},
    # a place an event touches, with its role and the words of this article that name it there
    "event_place": {
        "event": ("str", True),
        "place": ("str", True),
        "role": ("str", True),
        **EVIDENCE,
        "notes": ("str", False),
    },
    "figure": {
        "id": ("str", True),
        **EVIDENCE,
        "value": ("int", False),
        "low": ("int", False),
        "high": ("int", False),
        "qualifier": ("str", True),
        "measure": ("str", True),
        "counted": ("str", False),
        "claimed_by": ("str", True),
        "event": ("str", False),
        "statement": ("str", False),
        "count": ("str", False),
        "notes": ("str", False),
    },
    "label": {
        "actor": ("str", True),
        **EVIDENCE,
        "occurrence": ("int_or_all", False),
        "voice": ("str", False),
        "statement": ("str", False),
    },
    # whose words the name and place mentions inside a passage are, where the text decides (curation/README.md)
    "voice_override": {**EVIDENCE, "voice": ("str", True), "statement": ("str", False), "notes": ("str", False)},
    # which place an ambiguous place alias names at one occurrence ("Aleppo" meaning the province; curation/README.md)
    "place_choice": {"place": ("str", True), **EVIDENCE, "notes": ("str", True)},
    "not_entity": {"text": ("str", True), "reason": ("str", True)},
    "retired": {"id": ("str", True), "table": ("str", True), "reason": ("str", True), "merged_into": ("str", False)},
    "date_spec": DATE_SPEC,
}
TYPE_NAMES = {
    "str": "a string",
    "int": "a whole number",
    "number": "a number",
    "bool": "true or false",
    "date": "a date YYYY-MM-DD",
    "list": "a list",
    "strlist": "a list of strings",
    "map": "a mapping",
    "date_spec": "a date mapping (see curation/README.md)",
    "code": 'a quoted code string such as "051"',
    "int_or_all": 'a whole number or "all"',
}

# An article file's sections (curation/articles/<id>.yaml) and the record kind of each item.
ARTICLE_SECTIONS = {
    "statements": "statement",
    "event_reports": "event_report",
    "event_places": "event_place",
    "figures": "figure",
    "labels": "label",
    "voices": "voice_override",
    "places": "place_choice",
}
# What a statement holds beneath it, each read into its own frame with the statement's id (`joint_speakers`
# is a list of actor IDs, the others lists of mappings of the kind named).
STATEMENT_PARTS = {"targets": "role", "about": "about"}

_EVIDENCE_COLUMNS = list(EVIDENCE)
# The frames read from the article files, with their columns (in this order, absent keys as nulls).
ARTICLE_COLUMNS = {
    "statements": [
        "id",
        "article_id",
        "speaker",
        *_EVIDENCE_COLUMNS,
        "content",
        "mode",
        "nested_in",
        "cameo",
        "cited_via",
        "event",
        "claim",
        "notes",
        *[f"date_{k}" for k in DATE_SPEC],
    ],
    "targets": ["statement_id", "actor", "role"],
    "joint_speakers": ["statement_id", "actor"],
    "about": ["statement_id", "event", "relation", "accused", "quote", "notes"],
    "event_reports": ["event", "article_id", *_EVIDENCE_COLUMNS, "attributed_to", "notes"],
    "event_places": ["event", "place", "role", "article_id", *_EVIDENCE_COLUMNS, "notes"],
    "figures": [
        "id",
        "article_id",
        *_EVIDENCE_COLUMNS,
        "value",
        "low",
        "high",
        "qualifier",
        "measure",
        "counted",
        "claimed_by",
        "event",
        "statement",
        "count",
        "notes",
    ],
    "labels": ["actor", "article_id", *_EVIDENCE_COLUMNS, "voice", "statement"],
    "voices": ["article_id", *_EVIDENCE_COLUMNS, "voice", "statement", "notes"],
    "places": ["place", "article_id", *_EVIDENCE_COLUMNS, "notes"],
}
