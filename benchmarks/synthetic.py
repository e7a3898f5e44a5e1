"""Synthetic packages of any size with the real schema and realistic shapes, for benchmarks and tests.

    python benchmarks/synthetic.py N DIRECTORY [--seed S]

`generate(n_statements, seed)` returns every table of the package as a frame typed exactly as
`metadata.tables()[name].pandas_dtypes()` and sorted by primary key like the real build; `write(...)`
writes them with `news_statements.package.write_files`, so a synthetic package is laid out exactly like
the real one (CSV + Parquet + datapackage.json with bytes and hashes).

The package is valid by construction, for every layer:
- article texts are sentences of English-looking words (with curly quotes, apostrophes and paragraph
  breaks, so that offsets are code points, not bytes); statements and event reports are whole sentences,
  figures are the number phrases opening some report sentences, name mentions are the aliases written
  into the sentences and label mentions the descriptors ("takfiri terrorists") written into them, so
  `articles.text[char_start:char_end] == text` holds for every span row;
- every alias is written into the text at least once (as a name mention) and belongs to one actor;
- every foreign key resolves; PLOVER follows the CAMEO crosswalk of schema/codelists/cameo.csv; claim_ids
  link statements of different articles; statement dates do not follow their article's published_date_max;
  figures carry the bounds the build would derive from value and qualifier (count_id stays null).

Shapes follow the hand-curated articles of release 0.1.0 (88 statements, about 18 per article; per statement
about 2.3 targets, 1.35 event reports, 2 labels and 0.1 figures; see SHAPE). Everything is generated
column-wise with numpy (StringDType arrays for the sentences) and Arrow (`take` for every column that repeats an
identifier or a code); no Python loop runs per statement or mention (one runs per article, to hash its text).
Deterministic: the same (n_statements, seed) gives equal frames and byte-identical files.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from numpy.dtypes import StringDType

from news_statements.metadata import codelist, tables

S = StringDType()

# Rows per statement (or per article/actor/event), from the curated articles of release 0.1.0 where they exist.
SHAPE = {
    "statements_per_article": 18,  # release 0.1.0: 88 statements, about 18 per article
    "event_reports_per_statement": 1.35,  # 119 / 88
    "figure_share_of_reports": 0.07,  # 8 figures / 119 reports
    "events_per_statement": 0.6,  # an event is reported about twice
    "actors_per_statement": 0.1,  # actors recur across articles at scale
    "aliases_per_actor": 1.5,
    "places_per_statement": 0.02,
    "event_actors_per_event": 2.0,
    "fillers_per_article": 4,  # sentences that are neither statement nor report (each with a label)
    "furniture_per_article": 4,
    "outlets_per_article": 0.01,
}
TARGET_COUNT_P = [0.05, 0.2, 0.3, 0.3, 0.15]  # 0..4 targets per statement: mean 2.3 (198 / 88)
START = np.datetime64("2024-11-27", "D")  # the offensive began

NOUNS = """
offensive government forces province ministry talks security region ceasefire fighting officials statement
stability sovereignty integrity army counteroffensive militants groups city countryside highway positions
reinforcements allies cooperation meeting call minister chief staff president spokesman embassy capital
border crossing situation civilians residents families convoy airstrikes shelling artillery drones attack
assault advance control villages towns outskirts frontline clashes losses reports sources agencies media
briefing conference summit delegation envoy resolution council country’s_leaders region’s_future
""".split()  # noqa: SIM905
ADJECTIVES = """
northern strategic humanitarian displaced new latest recent major serious dangerous coordinated legitimate
firm full necessary immediate regional political military diplomatic economic joint direct public official
unnamed senior local western eastern southern rural urban key vital foreign-backed so-called “terrorist”
""".split()  # noqa: SIM905
VERBS = """
condemned welcomed warned stressed reiterated urged rejected accused supported denied confirmed announced
pledged continued resumed launched repelled recaptured seized withdrew deployed sent visited met discussed
""".split()  # noqa: SIM905
PREPOSITIONS = """
against with for from into across within after before during amid despite near
""".split()  # noqa: SIM905
TOPICS = """
offensive talks aleppo idlib hama call visit warning accusation support ceasefire clashes advance summit
briefing pledge envoy strikes convoy reaction
""".split()  # noqa: SIM905
LABELS = [
    "takfiri terrorists",
    "armed groups",
    "foreign-backed militants",
    "terrorist groups",
    "jihadists",
    "rebel factions",
    "the occupying regime",
    "government forces",
    "the “resistance axis”",
    "insurgents",
    "extremist militias",
    "the Zionist regime",
]
CITIES = ["TEHRAN", "DAMASCUS", "BEIRUT", "MOSCOW", "BAGHDAD", "ANKARA", "ALEPPO", "LONDON"]
COUNTRIES = ["IRN", "SYR", "RUS", "IRQ", "TUR", "USA", "ISR", "LBN", "GBR", "QAT"]
WEEKDAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday"]
SYLLABLES = np.array([c + v for c in "bdfhjklmnrstvwyz" for v in "aeiou"], dtype=S)  # 80, two letters each
QUALIFIER_WORDS = {
    "exact": "",
    "at least": "At least ",
    "more than": "More than ",
    "nearly": "Nearly ",
    "about": "About ",
}
MEASURE_WORDS = {  # the counted noun, and the verb that follows it
    "killed": (" people", " were killed as "),
    "wounded": (" people", " were wounded as "),
    "displaced": (" residents", " were displaced as "),
    "fighters": (" fighters", " took part as "),
}
FURNITURE = ["headline", "section_label", "date_header", "comment_form"]


# --- numpy / Arrow helpers ---------------------------------------------------------------------------


def arr(values) -> np.ndarray:
    return np.asarray(values, dtype=S)


def full(n: int, value: str) -> np.ndarray:
    return np.full(n, value, dtype=S)


def where(cond: np.ndarray, a, b) -> np.ndarray:
    if isinstance(a, str) and isinstance(b, str):  # two constants: index a two-string bank
        return arr([b, a])[cond.astype(np.intp)]
    return np.where(cond, a, b)


def add(*parts) -> np.ndarray:
    out = parts[0]
    for part in parts[1:]:
        out = np.strings.add(out, part)
    return out


def concat(parts: list) -> tuple[np.ndarray, list[np.ndarray], np.ndarray]:
    """Row-wise concatenation of string arrays (or str): the strings, each part's offset, the lengths."""
    n = max(len(p) for p in parts if not isinstance(p, str))
    parts = [full(n, p) if isinstance(p, str) else p for p in parts]
    offsets, position = [], np.zeros(n, dtype=np.int64)
    for part in parts:
        offsets.append(position)
        position = position + np.strings.str_len(part)
    while len(parts) > 1:  # pairwise, so each character is copied log2(len(parts)) times
        parts = [
            np.strings.add(parts[i], parts[i + 1]) if i + 1 < len(parts) else parts[i] for i in range(0, len(parts), 2)
        ]
    return parts[0], offsets, position


def number_text(values: np.ndarray) -> np.ndarray:
    """1204 -> "1,204" (values below a million)."""
    rest = (values % 1000).astype(S)
    return where(values >= 1000, add((values // 1000).astype(S), ",", np.strings.zfill(rest, 3)), rest)


def encoded_word(index: np.ndarray, digits: int) -> np.ndarray:
    """A pronounceable lowercase word per index, distinct for distinct indices below 80**digits."""
    index = np.asarray(index, dtype=np.int64)
    out = SYLLABLES[index % 80]
    for d in range(1, digits):
        out = np.strings.add(out, SYLLABLES[(index // 80**d) % 80])
    return out


def clause_bank(rng: np.random.Generator, size: int) -> np.ndarray:
    """Clauses such as "the senior officials condemned the shelling near the northern outskirts".

    A fixed-size bank (the loop runs over the bank, not over rows); sentences combine clauses from it.
    """

    def word(words):
        return words[rng.integers(0, len(words))].replace("_", " ")

    def noun_phrase():
        return " ".join(["the", *([word(ADJECTIVES)] if rng.random() < 0.6 else []), word(NOUNS)])

    bank = []
    for _ in range(size):
        words = [noun_phrase(), word(VERBS), noun_phrase()]
        if rng.random() < 0.6:
            words += [word(PREPOSITIONS), noun_phrase()]
        bank.append(" ".join(words))
    return arr(bank)


def group_positions(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For groups of the given sizes laid end to end: each row's group, its position in it, group starts."""
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
    group = np.repeat(np.arange(len(counts)), counts)
    return group, np.arange(len(group)) - starts[group], starts


def distinct_picks(rng: np.random.Generator, counts: np.ndarray, pool: int) -> tuple[np.ndarray, np.ndarray]:
    """Per owner, `count` distinct members of range(pool): the owner and the member of each pair."""
    owner, k, _ = group_positions(counts)
    stride = max(1, pool // (int(counts.max(initial=1)) + 1))
    base = rng.integers(0, pool, len(counts))
    return owner, (base[owner] + k * stride) % pool


def sorted_by(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The order that sorts ids (code-point order, like the build's sort) and each id's rank in it."""
    order = np.argsort(ids, kind="stable")
    rank = np.empty(len(ids), dtype=np.int64)
    rank[order] = np.arange(len(ids))
    return order, rank


def suffixed(ids: pa.Array, index: np.ndarray, suffix: np.ndarray) -> pa.Array:
    """ids[index] + suffix, row-wise (identifiers derived from their parent's, e.g. statement ids)."""
    return pc.binary_join_element_wise(
        ids.take(pa.array(index)), pa.array(suffix, type=pa.large_string()), pa.scalar("", pa.large_string())
    )


# Column specifications; make_frame turns them into typed pandas arrays in primary-key order.
def text(values: np.ndarray, null: np.ndarray | None = None):
    return ("text", values, null)


def ref(bank, index: np.ndarray, null: np.ndarray | None = None):
    """A column that repeats strings of a bank (identifiers, codes, aliases): taken with Arrow."""
    return ("ref", bank, np.asarray(index, dtype=np.int64), null)


def integer(values: np.ndarray, null: np.ndarray | None = None):
    return ("int", values, null)


def number(values: np.ndarray, null: np.ndarray | None = None):
    return ("float", values, null)


def date(days: np.ndarray, null: np.ndarray | None = None):
    return ("date", days, null)


def _column(spec, order: np.ndarray | None):
    kind, *rest = spec

    def ordered(a):
        return a if a is None or order is None else a[order]

    if kind == "ref":
        bank, index, null = rest
        bank = bank if isinstance(bank, pa.Array) else pa.array(arr(bank), type=pa.large_string())
        return pd.arrays.ArrowStringArray(bank.take(pa.array(ordered(index), mask=ordered(null))))
    values, null = rest
    null = ordered(null)
    if kind == "text":
        values = values if isinstance(values, pa.Array) else pa.array(values, type=pa.large_string())
        if order is not None:
            values = values.take(order)
        if null is not None:
            values = pc.if_else(pa.array(null), pa.scalar(None, pa.large_string()), values)
        return pd.arrays.ArrowStringArray(values)
    values = ordered(np.asarray(values))
    null = np.zeros(len(values), bool) if null is None else null
    if kind == "int":
        return pd.arrays.IntegerArray(values.astype(np.int64), null)
    if kind == "float":
        return pd.arrays.FloatingArray(values.astype(np.float64), null)
    days = (START + values.astype(np.int64)).astype("datetime64[s]")
    days[null] = np.datetime64("NaT")
    return days


def make_frame(name: str, columns: dict, order: np.ndarray | None = None) -> pd.DataFrame:
    """The table in schema order and dtypes, rows in `order` (primary-key order; None: already sorted)."""
    table = tables()[name]
    assert set(columns) == set(table.field_names), f"{name}: {set(columns) ^ set(table.field_names)}"
    frame = pd.DataFrame({f: _column(columns[f], order) for f in table.field_names})
    assert frame.dtypes.to_dict() == table.pandas_dtypes(), name
    return frame


class Codes:
    """A code list as a bank: random picks are indices into `bank`; `is_(code)` tests picks cheaply."""

    def __init__(self, codes):
        self.bank = arr(list(codes))

    def pick(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return rng.integers(0, len(self.bank), n)

    def index(self, code: str) -> int:
        return int(np.flatnonzero(self.bank == code)[0])

    def is_(self, picks: np.ndarray, code: str) -> np.ndarray:
        return picks == self.index(code)


def codes(name: str, exclude=()) -> Codes:
    return Codes(c for c in codelist(name)["code"] if c not in exclude)


def chance(rng: np.random.Generator, n: int, p: float) -> np.ndarray:
    return rng.random(n) < p


# --- the generator -----------------------------------------------------------------------------------


def generate(n_statements: int, seed: int = 0) -> dict[str, pd.DataFrame]:
    """Every table of a valid package with `n_statements` statements, typed and sorted like the build's."""
    if n_statements < 20:
        raise ValueError("need at least 20 statements (every alias must be written into some sentence)")
    rng = np.random.default_rng(seed)
    N = int(n_statements)
    n_articles = max(2, round(N / SHAPE["statements_per_article"]))
    n_outlets = max(2, min(6000, round(n_articles * SHAPE["outlets_per_article"])))
    n_actors = max(20, round(N * SHAPE["actors_per_statement"])) + n_outlets
    n_places = max(5, round(N * SHAPE["places_per_statement"]))
    n_events = max(2, round(N * SHAPE["events_per_statement"]))
    clauses = clause_bank(rng, 4096)
    capitalised = np.strings.capitalize(clauses)
    cameo = codelist("cameo")
    cameo_codes = Codes(cameo["code"])
    plover = pa.array(cameo["plover"].tolist(), type=pa.large_string())
    no_plover = cameo["plover"].to_numpy() == ""
    labels = Codes(LABELS)

    # --- actors (the outlets first) and their aliases: every alias distinct, one or two words
    alias_count = np.where(chance(rng, n_actors, SHAPE["aliases_per_actor"] - 1), 2, 1)
    alias_actor, alias_k, alias_start = group_positions(alias_count)
    n_aliases = len(alias_actor)
    mixed_index = (np.arange(n_aliases) * 1_000_003 + 12_345) % 80**5  # a bijection of range(80**5)
    first = np.strings.capitalize(encoded_word(mixed_index % 6400, 2))
    second = np.strings.capitalize(encoded_word(mixed_index // 6400, 3))
    is_outlet = np.arange(n_actors) < n_outlets
    alias = where(alias_k == 0, add(first, " ", second), add(first, np.strings.lower(second)))
    alias = where(is_outlet[alias_actor] & (alias_k == 0), add(alias, " News"), alias)
    actor_id = np.strings.replace(np.strings.lower(alias[alias_start]), " ", "-")
    parent = (rng.random(n_actors) * np.arange(n_actors)).astype(np.int64)  # an earlier actor: no cycles
    has_parent = ~is_outlet & (np.arange(n_actors) > 0) & chance(rng, n_actors, 0.2)
    # from here on, actor i is the i-th actor in actor_id order
    order, rank = sorted_by(actor_id)
    actor_id, is_outlet, parent, has_parent = actor_id[order], is_outlet[order], rank[parent[order]], has_parent[order]
    alias_actor = rank[alias_actor]
    alias_first = np.zeros(n_actors, dtype=np.int64)
    alias_first[alias_actor[alias_k == 0]] = np.flatnonzero(alias_k == 0)
    actor_name = alias[alias_first]
    outlets = np.flatnonzero(is_outlet)
    actor_types = codes("actor_type", exclude={"media_outlet"})
    actor_type = np.where(is_outlet, "media_outlet", actor_types.bank[actor_types.pick(rng, n_actors)])
    actor_ids = pa.array(actor_id, type=pa.large_string())
    aliases = pa.array(alias, type=pa.large_string())
    actors = make_frame(
        "actors",
        {
            "actor_id": text(actor_ids),
            "name": text(actor_name),
            "actor_type": text(actor_type),
            "country": ref(COUNTRIES, rng.integers(0, len(COUNTRIES), n_actors), chance(rng, n_actors, 0.3)),
            "parent_actor_id": ref(actor_ids, parent, ~has_parent),
            "wikidata_qid": text(
                add("Q", rng.integers(1, 130_000_000, n_actors).astype(S)), ~chance(rng, n_actors, 0.2)
            ),
            "description": text(
                add(
                    "A ",
                    np.strings.replace(actor_type, "_", " "),
                    " named in the articles: ",
                    clauses[rng.integers(0, len(clauses), n_actors)],
                )
            ),
            "notes": ref(capitalised, rng.integers(0, len(clauses), n_actors), ~chance(rng, n_actors, 0.1)),
        },
    )
    _, alias_rank = sorted_by(alias)
    actor_aliases = make_frame(
        "actor_aliases",
        {"actor_id": ref(actor_ids, alias_actor), "alias": text(aliases)},
        np.lexsort((alias_rank, alias_actor)),
    )

    # --- places
    prefix = arr(["Tal", "Khan", "Jisr", "Ain", "Deir", "Kafr", "Ras", "Bab", "Maarat"])
    place_name = add(
        prefix[rng.integers(0, len(prefix), n_places)],
        " ",
        np.strings.capitalize(encoded_word((np.arange(n_places) * 7_919 + 311) % 80**3, 3)),
    )
    place_slug = np.strings.replace(np.strings.lower(place_name), " ", "-")
    order = np.argsort(place_slug, kind="stable")  # place i is the i-th in place_id order
    place_name, place_id = place_name[order], pa.array(place_slug[order], type=pa.large_string())
    no_coordinates = chance(rng, n_places, 0.1)
    places = make_frame(
        "places",
        {
            "place_id": text(place_id),
            "name": text(place_name),
            "place_type": ref(codes("place_type").bank, rng.integers(0, 8, n_places)),
            "country": ref(["SYR"], np.zeros(n_places), chance(rng, n_places, 0.05)),
            "admin1": ref(
                ["Aleppo", "Idlib", "Hama", "Homs", "Latakia"], rng.integers(0, 5, n_places), chance(rng, n_places, 0.2)
            ),
            "latitude": number(np.round(rng.uniform(32.3, 37.3, n_places), 4), no_coordinates),
            "longitude": number(np.round(rng.uniform(35.7, 42.4, n_places), 4), no_coordinates),
            "coordinate_precision": ref(
                codes("coordinate_precision").bank, rng.integers(0, 4, n_places), no_coordinates
            ),
            "coordinate_basis": ref(["GeoNames record (synthetic)"], np.zeros(n_places), no_coordinates),
            "geonames_id": integer(rng.integers(1, 12_000_000, n_places), ~chance(rng, n_places, 0.3)),
            "notes": ref(  # a place without a point says why (rule place_point)
                capitalised, rng.integers(0, len(clauses), n_places), ~chance(rng, n_places, 0.3) & ~no_coordinates
            ),
        },
    )

    # --- events (sorted by type, then number: event i is the i-th in event_id order) and their actors
    event_types = codes("event_type")
    type_order = np.argsort(add(np.strings.replace(event_types.bank, "_", "-"), "-"), kind="stable")
    event_type = type_order[np.sort(rng.integers(0, len(type_order), n_events))]
    event_id = add(
        np.strings.replace(event_types.bank[event_type], "_", "-"),
        "-",
        np.strings.zfill(np.arange(n_events).astype(S), max(7, len(str(n_events)))),
    )
    event_ids = pa.array(event_id, type=pa.large_string())
    assert pc.all(pc.less(event_ids[:-1], event_ids[1:])).as_py() if n_events > 1 else True
    event_cameo = cameo_codes.pick(rng, n_events)
    start = rng.integers(0, 15, n_events)
    duration = np.where(chance(rng, n_events, 0.7), 0, rng.integers(1, 5, n_events))
    undated = chance(rng, n_events, 0.15)  # only the bounds are known
    no_end = chance(rng, n_events, 0.4)  # the articles give no end (ongoing or unknown)
    basis = codes("date_basis")
    start_basis = np.where(undated, basis.index("inferred"), rng.integers(0, 4, n_events))
    events = make_frame(
        "events",
        {
            "event_id": text(event_ids),
            "event_type": ref(event_types.bank, event_type),
            "cameo": ref(cameo_codes.bank, event_cameo),
            "plover": ref(plover, event_cameo, no_plover[event_cameo]),
            "start_date": date(start, undated),
            "start_min": date(start - np.where(undated, rng.integers(1, 4, n_events), 0)),
            "start_max": date(start + np.where(undated, rng.integers(0, 3, n_events), 0)),
            "start_basis": ref(basis.bank, start_basis),
            "end_date": date(start + duration, undated | no_end),
            "end_min": date(start + duration, no_end),
            "end_max": date(start + duration + np.where(undated, rng.integers(0, 3, n_events), 0), no_end),
            "end_basis": ref(basis.bank, start_basis, no_end),
            "place_id": ref(place_id, rng.integers(0, n_places, n_events), chance(rng, n_events, 0.2)),
            "description": ref(capitalised, rng.integers(0, len(clauses), n_events)),
            "notes": ref(capitalised, rng.integers(0, len(clauses), n_events), ~chance(rng, n_events, 0.2)),
            "title": text(np.char.add("Event ", np.arange(n_events).astype(str))),  # (optional; short)
        },
    )
    ea_event, ea_actor = distinct_picks(
        rng, np.clip(rng.poisson(SHAPE["event_actors_per_event"], n_events), 1, 4), n_actors
    )
    event_roles = codes("event_role")
    ea_role = event_roles.pick(rng, len(ea_event))
    _, role_rank = sorted_by(event_roles.bank)
    event_actors = make_frame(
        "event_actors",
        {
            "event_id": ref(event_ids, ea_event),
            "actor_id": ref(actor_ids, ea_actor),
            "role": ref(event_roles.bank, ea_role),
        },
        np.lexsort((role_rank[ea_role], ea_actor, ea_event)),
    )

    # --- articles (metadata; article i is the i-th in article_id order), statements per article
    outlet = outlets[rng.integers(0, len(outlets), n_articles)]
    outlet_slug = np.strings.replace(actor_id[outlet], "-news", "")
    article_id = add(
        outlet_slug,
        "-",
        arr(TOPICS)[rng.integers(0, len(TOPICS), n_articles)],
        "-",
        np.strings.zfill(np.arange(n_articles).astype(S), 6),
    )
    order = np.argsort(article_id, kind="stable")
    article_id, outlet, outlet_slug = article_id[order], outlet[order], outlet_slug[order]
    article_ids = pa.array(article_id, type=pa.large_string())
    pub_min = rng.integers(2, 12, n_articles)
    pub_span = np.where(chance(rng, n_articles, 0.6), 0, rng.integers(1, 4, n_articles))
    weights = rng.gamma(4.0, size=n_articles)
    st_count = rng.multinomial(N - n_articles, weights / weights.sum()) + 1
    st_article, st_pos, st_start = group_positions(st_count)  # statement i is the i-th in statement_id order
    r_count = rng.poisson(SHAPE["event_reports_per_statement"] * st_count)
    r_article, _, _ = group_positions(r_count)
    R = len(r_article)
    f_article, _, _ = group_positions(rng.poisson(SHAPE["fillers_per_article"], n_articles))
    F = len(f_article)

    # --- the names written into sentences: the speaker (unless the outlet speaks), a target, a report's source
    own_voice = chance(rng, N, 0.15)
    named, has_target_name, attributed = ~own_voice, chance(rng, N, 0.5), chance(rng, R, 0.6)
    slots = rng.integers(0, n_aliases, 2 * N + R)
    used = np.flatnonzero(np.concatenate([named, has_target_name, attributed]))
    if len(used) < n_aliases:
        raise ValueError("too few statements for the number of aliases")
    slots[rng.permutation(used)[:n_aliases]] = np.arange(n_aliases)  # every alias is written at least once
    speaker_alias, target_alias, r_alias = np.split(slots, [N, 2 * N])
    speaker = np.where(own_voice, outlet[st_article], alias_actor[speaker_alias])

    # --- statement sentences; kept offsets: parts 1/11 (speaker), 5 (label), 9 (target)
    modes = codes("mode")
    mode = np.where(own_voice, modes.index("indirect"), modes.pick(rng, N))
    direct, mixed = modes.is_(mode, "direct"), modes.is_(mode, "mixed")
    has_label = chance(rng, N, 0.6)
    st_label = labels.pick(rng, N)
    name = alias[speaker_alias]
    empty = full(N, "")
    first_clause = rng.integers(0, len(clauses), N)
    st_text, st_off, st_len = concat(
        [
            where(direct, "“", ""),
            where(named & ~direct, name, empty),
            where(named & ~direct, " said ", ""),
            np.where(direct | own_voice, capitalised[first_clause], clauses[first_clause]),
            where(mixed, " “", " "),
            where(has_label, labels.bank[st_label], empty),
            where(has_label, " ", ""),
            clauses[rng.integers(0, len(clauses), N)],
            where(has_target_name, arr([" against ", " with ", " for "])[rng.integers(0, 3, N)], empty),
            where(has_target_name, alias[target_alias], empty),
            where(direct, ",” ", where(mixed, "”.", ".")),
            where(direct, name, empty),
            where(direct, " said.", ""),
        ]
    )
    st_name_offset = np.where(direct, st_off[11], st_off[1])

    # --- event report sentences, some opening with a figure ("At least 1,204 people were killed as ...")
    r_event = rng.integers(0, n_events, R)
    r_event[: min(R, n_events)] = rng.permutation(n_events)[: min(R, n_events)]  # most events get a report
    fig = np.flatnonzero(chance(rng, R, SHAPE["figure_share_of_reports"]))
    G = len(fig)
    qualifiers, measures = codes("qualifier"), Codes(MEASURE_WORDS)
    has_max = chance(rng, G, 0.05)
    qualifier = np.where(
        has_max,
        qualifiers.index("range"),
        np.array([qualifiers.index(q) for q in QUALIFIER_WORDS])[rng.integers(0, 5, G)],
    )
    measure = measures.pick(rng, G)
    value = np.maximum(1, rng.lognormal(4, 1.6, G).astype(np.int64) % 500_000)
    value_max = value + rng.integers(1, 1000, G)
    # the bounds as the build derives them (curation/README.md, "Figures"); a range's are its two numbers
    q_name = qualifiers.bank[qualifier]
    low = np.where(q_name == "more than", value + 1, value)
    high = np.where(has_max, value_max, np.where(q_name == "nearly", value - 1, value))
    low_open = np.isin(q_name, ["nearly", "about"])
    high_open = ~np.isin(q_name, ["exact", "nearly", "range"])
    qualifier_words = arr([QUALIFIER_WORDS.get(q, "") for q in qualifiers.bank.tolist()])
    figure_text = add(
        qualifier_words[qualifier],
        where(has_max, add(number_text(value), " to ", number_text(value_max)), number_text(value)),
        arr([w[0] for w in MEASURE_WORDS.values()])[measure],
    )
    opening = full(R, "")
    opening[fig] = add(figure_text, arr([w[1] for w in MEASURE_WORDS.values()])[measure])
    has_figure = np.zeros(R, bool)
    has_figure[fig] = True
    r_has_label = chance(rng, R, 0.5)
    r_label = labels.pick(rng, R)
    q1 = rng.integers(0, len(clauses), R)
    r_text, r_off, r_len = concat(
        [
            opening,
            np.where(has_figure, clauses[q1], capitalised[q1]),
            " in ",
            place_name[rng.integers(0, n_places, R)],
            where(r_has_label, " blamed on ", ""),
            where(r_has_label, labels.bank[r_label], full(R, "")),
            where(attributed, ", according to ", ""),
            where(attributed, alias[r_alias], full(R, "")),
            ".",
        ]
    )

    # --- filler sentences, each with a label
    f_label = labels.pick(rng, F)
    f_text, f_off, _ = concat(
        [
            capitalised[rng.integers(0, len(clauses), F)],
            " ",
            labels.bank[f_label],
            " ",
            clauses[rng.integers(0, len(clauses), F)],
            ".",
        ]
    )

    # --- lay the sentences out: dateline first, then statements, reports and fillers in random order
    has_dateline = chance(rng, n_articles, 0.5)
    city = rng.integers(0, len(CITIES), n_articles)
    dateline = where(has_dateline, add(arr(CITIES)[city], " — "), full(n_articles, ""))
    sentence_article = np.concatenate([np.arange(n_articles), st_article, r_article, f_article])
    key = np.concatenate([np.full(n_articles, -1.0), rng.random(N + R + F)])
    order = np.lexsort((key, sentence_article))
    in_article = sentence_article[order]
    last = np.append(in_article[1:] != in_article[:-1], True)
    sep = where(last | (order < n_articles), "", where(chance(rng, len(order), 0.25), "\n\n", " "))
    length = np.concatenate([np.strings.str_len(t) for t in (dateline, st_text, r_text, f_text)])[order]
    length += np.strings.str_len(sep)
    begin = np.cumsum(length) - length
    article_first = np.searchsorted(in_article, np.arange(n_articles))
    local = np.empty(len(order), dtype=np.int64)
    local[order] = begin - begin[article_first[in_article]]
    st_local, r_local, f_local = np.split(local[n_articles:], [N, N + R])
    sentences = pa.concat_arrays([pa.array(t, type=pa.large_string()) for t in (dateline, st_text, r_text, f_text)])
    pieces = pc.binary_join_element_wise(
        sentences.take(order), pa.array(sep, type=pa.large_string()), pa.scalar("", pa.large_string())
    )
    bounds = pa.array(np.append(article_first, len(order)), type=pa.int64())
    texts = pc.binary_join(pa.LargeListArray.from_arrays(bounds, pieces), pa.scalar("", pa.large_string()))
    del sentences, pieces

    # --- articles
    offsets = np.frombuffer(texts.buffers()[1], dtype=np.int64)[texts.offset : texts.offset + n_articles + 1]
    data = memoryview(texts.buffers()[2])
    text_sha = [hashlib.sha256(data[offsets[a] : offsets[a + 1]]).hexdigest() for a in range(n_articles)]  # per article
    source_sha = arr([hashlib.sha256(h.encode("ascii")).hexdigest() for h in text_sha])
    exact = pub_span == 0
    title = capitalised[rng.integers(0, len(clauses), n_articles)]
    outlet_name = actor_name[outlet]
    articles = make_frame(
        "articles",
        {
            "article_id": text(article_ids),
            "title": text(title),
            "outlet": text(outlet_name, chance(rng, n_articles, 0.05)),
            "outlet_actor_id": ref(actor_ids, outlet),
            "url": text(add("https://www.", outlet_slug, ".example/news/", article_id), chance(rng, n_articles, 0.2)),
            "published_date": date(pub_min, ~exact),
            "published_date_min": date(pub_min),
            "published_date_max": date(pub_min + pub_span),
            "date_basis": ref(["inferred", "stated"], exact),
            "language": ref(["en"], np.zeros(n_articles)),
            "dateline": ref(CITIES, city, ~has_dateline),
            "byline": text(
                add("By ", actor_name[rng.integers(0, n_actors, n_articles)]), ~chance(rng, n_articles, 0.3)
            ),
            "text": text(texts),
            "text_sha256": text(arr(text_sha)),
            "source_file": text(
                add(
                    np.strings.zfill(np.arange(n_articles).astype(S), 6),
                    "_",
                    np.strings.slice(source_sha, 0, 16),
                    ".txt",
                )
            ),
            "source_sha256": text(source_sha),
            "derived_from_url": ref(
                ["https://www.rt.example/news/original"], np.zeros(n_articles), ~chance(rng, n_articles, 0.05)
            ),
            "licence_note": text(add("© ", outlet_name, "; included only so that the evidence can be checked.")),
            "notes": ref(capitalised, rng.integers(0, len(clauses), n_articles), ~chance(rng, n_articles, 0.4)),
        },
    )
    del texts

    # --- furniture: offsets into the (notional) source file, increasing within each article
    fu_article = np.repeat(np.arange(n_articles), len(FURNITURE))
    fu_kind = np.tile(np.arange(len(FURNITURE)), n_articles)
    fu_text = np.where(
        fu_kind == 0, title[fu_article], arr(["", "World", "Tuesday, 3 December 2024", "LEAVE A REPLY"])[fu_kind]
    )
    fu_len = np.strings.str_len(fu_text)
    step = (fu_len + 1).reshape(n_articles, -1)
    fu_start = (np.cumsum(step, axis=1) - step).ravel() + np.where(fu_kind == 3, 6000, 0)
    article_furniture = make_frame(
        "article_furniture",
        {
            "article_id": ref(article_ids, fu_article),
            "raw_char_start": integer(fu_start),
            "raw_char_end": integer(fu_start + fu_len),
            "kind": ref(FURNITURE, fu_kind),
            "text": text(fu_text),
        },
    )

    # --- statements: dates (70% a day, 15% a range, 15% unknown), codes, claims linking different articles
    width = len(str(int(st_count.max())))
    statement_ids = suffixed(article_ids, st_article, add("-s", np.strings.zfill(st_pos.astype(S), width)))
    day = pub_min[st_article] - rng.integers(0, 6, N)
    kind = rng.random(N)
    is_day, is_range = kind < 0.7, (kind >= 0.7) & (kind < 0.85)
    relative = is_day & chance(rng, N, 0.5)
    st_cameo = cameo_codes.pick(rng, N)
    pair = (st_article % 2 == 0) & (st_article + 1 < n_articles)
    pair &= st_pos < np.append(st_count, 0)[np.minimum(st_article + 1, n_articles)]
    pair &= chance(rng, N, 0.1)
    partner = st_start[np.minimum(st_article + 1, n_articles - 1)] + st_pos
    claim = np.full(N, -1, dtype=np.int64)
    claim[pair] = claim[partner[pair]] = np.arange(pair.sum())
    st_own = speaker == outlet[st_article]
    statements = make_frame(
        "statements",
        {
            "statement_id": text(statement_ids),
            "article_id": ref(article_ids, st_article),
            "speaker_id": ref(actor_ids, speaker),
            "date": date(day, ~is_day),
            "date_min": date(np.where(is_range, day - 2, day), ~(is_day | is_range)),
            "date_max": date(day, ~(is_day | is_range)),
            "date_basis": ref(
                ["relative", "stated", "inferred", "unknown"],
                np.where(relative, 0, np.where(is_day, 1, np.where(is_range, 2, 3))),
            ),
            "date_text": ref(WEEKDAYS, rng.integers(0, 7, N), ~relative),
            "mode": ref(modes.bank, mode),
            "nested_in": ref(statement_ids, np.zeros(N, np.int64), np.ones(N, bool)),
            "cameo": ref(cameo_codes.bank, st_cameo),
            "plover": ref(plover, st_cameo, no_plover[st_cameo]),
            "text": text(st_text),
            "char_start": integer(st_local),
            "char_end": integer(st_local + st_len),
            # a speaker's statement holds the speaker's words throughout (content = span); the outlet's has none
            "content_start": integer(st_local, st_own),
            "content_end": integer(st_local + st_len, st_own),
            "cited_via": ref(
                ["told reporters", "told state TV", "in a statement", "according to IRNA"],
                rng.integers(0, 4, N),
                ~chance(rng, N, 0.2),
            ),
            "event_id": ref(event_ids, rng.integers(0, n_events, N), ~chance(rng, N, 0.2)),
            "claim_id": text(add("claim-", np.strings.zfill(claim.astype(S), 7)), claim < 0),
            "notes": ref(capitalised, rng.integers(0, len(clauses), N), ~chance(rng, N, 0.1)),
        },
    )
    del st_text

    # --- statement targets: 0..4 distinct actors per statement
    t_statement, t_actor = distinct_picks(rng, rng.choice(len(TARGET_COUNT_P), size=N, p=TARGET_COUNT_P), n_actors)
    statement_roles = codes("statement_role")
    t_role = statement_roles.pick(rng, len(t_statement))
    # one statement in 50 is joint, with the next actor as its second speaker; no speaker is also addressed
    joint = np.flatnonzero(chance(rng, N, 0.02))
    joint_actor = np.full(N, -1, dtype=np.int64)
    joint_actor[joint] = (speaker[joint] + 1) % n_actors
    speaks = (t_actor == speaker[t_statement]) | (t_actor == joint_actor[t_statement])
    keep = ~(speaks & statement_roles.is_(t_role, "addressed"))
    t_statement, t_actor, t_role = t_statement[keep], t_actor[keep], t_role[keep]
    _, role_rank = sorted_by(statement_roles.bank)
    statement_targets = make_frame(
        "statement_targets",
        {
            "statement_id": ref(statement_ids, t_statement),
            "actor_id": ref(actor_ids, t_actor),
            "role": ref(statement_roles.bank, t_role),
        },
        np.lexsort((role_rank[t_role], t_actor, t_statement)),
    )

    # --- statement speakers (the reported one, and the joint one of a joint statement); 11x without an accused
    # target says why in its notes (rule accusation_has_accused)
    sp_statement = np.concatenate([np.arange(N), joint])
    sp_actor = np.concatenate([speaker, joint_actor[joint]])
    statement_speakers = make_frame(
        "statement_speakers",
        {
            "statement_id": ref(statement_ids, sp_statement),
            "actor_id": ref(actor_ids, sp_actor),
            "role": ref(["reported", "joint"], (np.arange(len(sp_statement)) >= N).astype(np.int64)),
        },
        np.lexsort((sp_actor, sp_statement)),
    )
    accused = np.zeros(N, dtype=bool)
    accused[t_statement[statement_roles.is_(t_role, "accused")]] = True
    unaccused = np.strings.startswith(cameo_codes.bank, "11")[st_cameo] & ~accused
    statements.loc[unaccused, "notes"] = "No accused target: a synthetic statement."

    # --- event reports
    r_source = alias_actor[r_alias]
    event_reports = make_frame(
        "event_reports",
        {
            "event_id": ref(event_ids, r_event),
            "article_id": ref(article_ids, r_article),
            "char_start": integer(r_local),
            "text": text(r_text),
            "char_end": integer(r_local + r_len),
            "attributed_to": ref(actor_ids, r_source, ~attributed),
            "notes": ref(capitalised, rng.integers(0, len(clauses), R), ~chance(rng, R, 0.05)),
        },
        np.lexsort((r_local, r_article, r_event)),
    )
    del r_text

    # --- figures: the number phrase opening a report sentence
    fig_article = r_article[fig]
    fig_k = np.arange(G) - np.searchsorted(fig_article, fig_article)  # reports are grouped by article
    fig_width = len(str(int(fig_k.max(initial=0))))
    fig_statement = st_start[fig_article] + rng.integers(0, st_count[fig_article])  # same article
    figures = make_frame(
        "figures",
        {
            "figure_id": text(
                suffixed(article_ids, fig_article, add("-f", np.strings.zfill(fig_k.astype(S), fig_width)))
            ),
            "article_id": ref(article_ids, fig_article),
            "text": text(figure_text),
            "char_start": integer(r_local[fig]),
            "char_end": integer(r_local[fig] + np.strings.str_len(figure_text)),
            "value": integer(value, has_max),
            "low": integer(low, low_open),
            "high": integer(high, high_open),
            "qualifier": ref(qualifiers.bank, qualifier),
            "measure": ref(measures.bank, measure),
            "counted_actor_id": ref(actor_ids, rng.integers(0, n_actors, G), ~chance(rng, G, 0.3)),
            "claimed_by": ref(actor_ids, np.where(attributed[fig], r_source[fig], outlet[fig_article])),
            "event_id": ref(event_ids, r_event[fig]),
            "statement_id": ref(statement_ids, fig_statement, ~chance(rng, G, 0.3)),
            "count_id": text(full(G, ""), np.ones(G, bool)),
            "notes": ref(capitalised, rng.integers(0, len(clauses), G), ~chance(rng, G, 0.1)),
        },
    )

    # --- mentions: every name and label written into a sentence (text: an alias, or a label after them)
    label_actor = rng.integers(0, n_actors, N + R + F)
    # voice: in a speaker's statement, the speaker's paraphrase; in an attributed report (no statement there), the
    # attributed actor's; else the outlet's. (statement index, -1 for none; voice actor)
    st_voice = (np.where(st_own, -1, np.arange(N)), speaker)
    r_voice = (np.full(R, -1), np.where(attributed, r_source, outlet[r_article]))
    f_voice = (np.full(F, -1), outlet[f_article])
    sources = [  # (rows, article, start, actor, text as an index into aliases + labels, statement, voice actor)
        (named, st_article, st_local + st_name_offset, alias_actor[speaker_alias], speaker_alias, *st_voice),
        (has_target_name, st_article, st_local + st_off[9], alias_actor[target_alias], target_alias, *st_voice),
        (has_label, st_article, st_local + st_off[5], label_actor[:N], n_aliases + st_label, *st_voice),
        (attributed, r_article, r_local + r_off[7], r_source, r_alias, *r_voice),
        (r_has_label, r_article, r_local + r_off[5], label_actor[N : N + R], n_aliases + r_label, *r_voice),
        (np.ones(F, bool), f_article, f_local + f_off[2], label_actor[N + R :], n_aliases + f_label, *f_voice),
    ]
    m_article, m_start, m_actor, m_text, m_statement, m_voice_actor = (
        np.concatenate([s[i][s[0]] for s in sources]) for i in range(1, 7)
    )
    m_outlet = m_voice_actor == outlet[m_article]
    bank = pa.concat_arrays([aliases, pa.array(labels.bank, type=pa.large_string())])
    m_length = np.concatenate([np.strings.str_len(alias), np.strings.str_len(labels.bank)])[m_text]
    mentions = make_frame(
        "mentions",
        {
            "article_id": ref(article_ids, m_article),
            "char_start": integer(m_start),
            "actor_id": ref(actor_ids, m_actor),
            "text": ref(bank, m_text),
            "char_end": integer(m_start + m_length),
            "kind": ref(["name", "label"], m_text >= n_aliases),
            "voice": ref(["outlet", "paraphrase"], ~m_outlet),
            "statement_id": ref(statement_ids, m_statement, m_statement < 0),
            "voice_actor_id": ref(actor_ids, m_voice_actor),
        },
        np.lexsort((m_actor, m_start, m_article)),
    )
    place_mentions = synthetic_place_mentions(rng, mentions, places)
    statement_events = synthetic_statement_events(statements)
    event_places = pd.DataFrame({f: pd.Series(dtype=d) for f, d in tables()["event_places"].pandas_dtypes().items()})
    return {
        "articles": articles,
        "article_furniture": article_furniture,
        "actors": actors,
        "actor_aliases": actor_aliases,
        "places": places,
        "events": events,
        "event_actors": event_actors,
        "event_reports": event_reports,
        "event_places": event_places,
        "statements": statements,
        "statement_targets": statement_targets,
        "statement_speakers": statement_speakers,
        "statement_events": statement_events,
        "figures": figures,
        "mentions": mentions,
        "place_mentions": place_mentions,
    }


def synthetic_statement_events(statements: pd.DataFrame) -> pd.DataFrame:
    """What each statement with an occasion is about: that event, its evidence the statement's whole span (inside
    the span, as the rule statement_event_evidence wants); event_places stays empty (its rule wants a place mention
    inside an event report, which the synthetic texts do not place)."""
    table = tables()["statement_events"]
    about = statements[statements["event_id"].notna()].assign(relation="concerns", notes=pd.NA, accused_id=pd.NA)
    frame = about[table.field_names].astype(table.pandas_dtypes())
    frame = frame.sort_values(list(table.primary_key), kind="stable").reset_index(drop=True)
    assert frame.dtypes.to_dict() == table.pandas_dtypes(), "statement_events"
    return frame


def synthetic_place_mentions(rng: np.random.Generator, mentions: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """Place mentions on the name spans (one per position), each given a random place: the validator checks spans
    and keys, not which alias a span is, so this exercises the table at a realistic size."""
    spans = mentions[mentions["kind"] == "name"].drop_duplicates(["article_id", "char_start"])
    spans = spans.drop(columns=["actor_id", "kind"]).reset_index(drop=True)
    picks = places["place_id"].iloc[rng.integers(0, len(places), len(spans))].reset_index(drop=True)
    table = tables()["place_mentions"]
    frame = spans.assign(place_id=picks)[table.field_names]
    frame = frame.sort_values(list(table.primary_key), kind="stable").reset_index(drop=True)
    assert frame.dtypes.to_dict() == table.pandas_dtypes(), "place_mentions"
    return frame


def write(directory: Path, n_statements: int, seed: int = 0) -> dict[str, int]:
    """Generate and write a package to `directory` (which must not exist); the row count of each table."""
    from news_statements.package import write_files

    frames = generate(n_statements, seed)
    write_files(frames, Path(directory))
    return {name: len(frame) for name, frame in frames.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n_statements", type=int)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    counts = write(args.directory, args.n_statements, args.seed)
    print(", ".join(f"{name} {count:,}" for name, count in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
