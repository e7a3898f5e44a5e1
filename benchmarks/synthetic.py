"""Synthetic packages of any size with the real schema and realistic shapes, for benchmarks and tests.

    python benchmarks/synthetic.py N DIRECTORY [--seed S]

`write(directory, n_statements, seed)` streams a package to its files: the corpus-wide parts (code lists,
actors, aliases, places, event identifiers, per-article counts: a few bytes per actor, event and article) are
made once, then the events a block of BLOCK_EVENTS at a time and everything that lives in articles (texts,
statements, targets, reports, figures, mentions) a block of BLOCK_ARTICLES articles at a time, each block from
its own random generator (seed, block). Each block's rows are appended to the table's CSV file and to a
Parquet row group being filled (TableFiles: up to 1Mi rows as pq.write_table makes them, or 64 MiB of Arrow
data); the event reports, whose key begins with the event, are sorted across blocks by DuckDB within a memory
limit. So the generator's memory is that of the row groups being filled and of the corpus-wide parts (which
grow with N, by about 35 bytes per event, 100 per actor and 200 per article), not of the tables (it used to
hold every table: 4.2 GiB at 1M statements and past 15 GiB at 5M; README: Performance).
`generate(n_statements, seed)` returns the same tables held whole, as frames typed exactly as
`metadata.tables()[name].pandas_dtypes()` and sorted by primary key like the real build;
`package.write_files(generate(...))` writes the same CSV files as `write` (and the same Parquet files and
descriptor as long as no table fills a row group), so a synthetic package is laid out exactly like the real one
(CSV + Parquet + datapackage.json with bytes and hashes).

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
Deterministic: the same (n_statements, seed) gives equal frames and byte-identical files (the blocks' sizes
are part of the recipe: changing BLOCK_ARTICLES changes the rows, not their distribution).
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from numpy.dtypes import StringDType

from news_statements.metadata import codelist, package_metadata, tables

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


# --- the corpus-wide parts: code lists, actors and aliases, places, event identifiers, article counts ------------

BLOCK_ARTICLES = 2_000  # articles made (and written) at a time; even, so that the articles of a claim share a block
BLOCK_EVENTS = 100_000  # events made (and written) at a time


class World:
    """What every block needs, made once: the code lists, the clause bank, the actors and their aliases, the places,
    the event identifiers and, per article, its identifier, outlet, dates and row counts. It holds a few bytes per
    actor, event and article; statements, reports, texts and mentions are made a block of articles at a time."""

    def __init__(self, n_statements: int, seed: int) -> None:
        if n_statements < 20:
            raise ValueError("need at least 20 statements (every alias must be written into some sentence)")
        self.seed, self.N = seed, int(n_statements)
        self.n_articles = max(2, round(self.N / SHAPE["statements_per_article"]))
        self.n_outlets = max(2, min(6000, round(self.n_articles * SHAPE["outlets_per_article"])))
        self.n_actors = max(20, round(self.N * SHAPE["actors_per_statement"])) + self.n_outlets
        self.n_places = max(5, round(self.N * SHAPE["places_per_statement"]))
        self.n_events = max(2, round(self.N * SHAPE["events_per_statement"]))
        rng = self.rng("world")
        self.clauses = clause_bank(rng, 4096)
        self.capitalised = np.strings.capitalize(self.clauses)
        cameo = codelist("cameo")
        self.cameo_codes = Codes(cameo["code"])
        self.plover = pa.array(cameo["plover"].tolist(), type=pa.large_string())
        self.no_plover = cameo["plover"].to_numpy() == ""
        self.labels = Codes(LABELS)
        self.frames = {"actors": None, "actor_aliases": None, "places": None}
        self.frames["actors"], self.frames["actor_aliases"] = make_actors(self, rng)
        self.frames["places"] = make_places(self, rng)
        event_types = codes("event_type")
        type_order = np.argsort(add(np.strings.replace(event_types.bank, "_", "-"), "-"), kind="stable")
        self.event_type = type_order[np.sort(rng.integers(0, len(type_order), self.n_events))]
        event_id = add(
            np.strings.replace(event_types.bank[self.event_type], "_", "-"),
            "-",
            np.strings.zfill(np.arange(self.n_events).astype(S), max(7, len(str(self.n_events)))),
        )
        self.event_ids = pa.array(event_id, type=pa.large_string())  # event i is the i-th in event_id order
        del event_id
        assert pc.all(pc.less(self.event_ids[:-1], self.event_ids[1:])).as_py() if self.n_events > 1 else True
        make_article_counts(self, rng)

    def rng(self, stream: str, block: int = 0) -> np.random.Generator:
        """The generator of one part (the corpus-wide one, or a block of events or articles): a block's rows
        depend on (seed, block) only, so a package is the same whether held whole or streamed."""
        return np.random.default_rng([self.seed, ["world", "events", "articles"].index(stream), block])


def make_actors(w: World, rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Actors (the outlets first) and their aliases: every alias distinct, one or two words."""
    n_actors = w.n_actors
    alias_count = np.where(chance(rng, n_actors, SHAPE["aliases_per_actor"] - 1), 2, 1)
    alias_actor, alias_k, alias_start = group_positions(alias_count)
    w.n_aliases = n_aliases = len(alias_actor)
    mixed_index = (np.arange(n_aliases) * 1_000_003 + 12_345) % 80**5  # a bijection of range(80**5)
    first = np.strings.capitalize(encoded_word(mixed_index % 6400, 2))
    second = np.strings.capitalize(encoded_word(mixed_index // 6400, 3))
    is_outlet = np.arange(n_actors) < w.n_outlets
    alias = where(alias_k == 0, add(first, " ", second), add(first, np.strings.lower(second)))
    alias = where(is_outlet[alias_actor] & (alias_k == 0), add(alias, " News"), alias)
    actor_id = np.strings.replace(np.strings.lower(alias[alias_start]), " ", "-")
    parent = (rng.random(n_actors) * np.arange(n_actors)).astype(np.int64)  # an earlier actor: no cycles
    has_parent = ~is_outlet & (np.arange(n_actors) > 0) & chance(rng, n_actors, 0.2)
    # from here on, actor i is the i-th actor in actor_id order
    order, rank = sorted_by(actor_id)
    actor_id, is_outlet, parent, has_parent = actor_id[order], is_outlet[order], rank[parent[order]], has_parent[order]
    w.alias_actor = alias_actor = rank[alias_actor]
    alias_first = np.zeros(n_actors, dtype=np.int64)
    alias_first[alias_actor[alias_k == 0]] = np.flatnonzero(alias_k == 0)
    w.alias, w.actor_id, w.actor_name = alias, actor_id, alias[alias_first]
    w.outlets = np.flatnonzero(is_outlet)
    actor_types = codes("actor_type", exclude={"media_outlet"})
    actor_type = np.where(is_outlet, "media_outlet", actor_types.bank[actor_types.pick(rng, n_actors)])
    w.actor_ids = actor_ids = pa.array(actor_id, type=pa.large_string())
    w.aliases = pa.array(alias, type=pa.large_string())
    clauses = w.clauses
    actors = make_frame(
        "actors",
        {
            "actor_id": text(actor_ids),
            "name": text(w.actor_name),
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
            "notes": ref(w.capitalised, rng.integers(0, len(clauses), n_actors), ~chance(rng, n_actors, 0.1)),
        },
    )
    _, alias_rank = sorted_by(alias)
    actor_aliases = make_frame(
        "actor_aliases",
        {"actor_id": ref(actor_ids, alias_actor), "alias": text(w.aliases)},
        np.lexsort((alias_rank, alias_actor)),
    )
    return actors, actor_aliases


def make_places(w: World, rng: np.random.Generator) -> pd.DataFrame:
    n_places = w.n_places
    prefix = arr(["Tal", "Khan", "Jisr", "Ain", "Deir", "Kafr", "Ras", "Bab", "Maarat"])
    place_name = add(
        prefix[rng.integers(0, len(prefix), n_places)],
        " ",
        np.strings.capitalize(encoded_word((np.arange(n_places) * 7_919 + 311) % 80**3, 3)),
    )
    place_slug = np.strings.replace(np.strings.lower(place_name), " ", "-")
    order = np.argsort(place_slug, kind="stable")  # place i is the i-th in place_id order
    w.place_name, w.place_ids = place_name[order], pa.array(place_slug[order], type=pa.large_string())
    no_coordinates = chance(rng, n_places, 0.1)
    return make_frame(
        "places",
        {
            "place_id": text(w.place_ids),
            "name": text(w.place_name),
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
                w.capitalised, rng.integers(0, len(w.clauses), n_places), ~chance(rng, n_places, 0.3) & ~no_coordinates
            ),
        },
    )


def make_article_counts(w: World, rng: np.random.Generator) -> None:
    """Per article (article i is the i-th in article_id order): identifier, outlet, dates, and how many statements,
    event reports and filler sentences it has."""
    n_articles = w.n_articles
    outlet = w.outlets[rng.integers(0, len(w.outlets), n_articles)]
    outlet_slug = np.strings.replace(w.actor_id[outlet], "-news", "")
    article_id = add(
        outlet_slug,
        "-",
        arr(TOPICS)[rng.integers(0, len(TOPICS), n_articles)],
        "-",
        np.strings.zfill(np.arange(n_articles).astype(S), 6),
    )
    order = np.argsort(article_id, kind="stable")
    w.article_id, w.outlet, w.outlet_slug = article_id[order], outlet[order], outlet_slug[order]
    w.article_ids = pa.array(w.article_id, type=pa.large_string())
    w.pub_min = rng.integers(2, 12, n_articles)
    w.pub_span = np.where(chance(rng, n_articles, 0.6), 0, rng.integers(1, 4, n_articles))
    weights = rng.gamma(4.0, size=n_articles)
    w.st_count = rng.multinomial(w.N - n_articles, weights / weights.sum()) + 1
    w.st_width = len(str(int(w.st_count.max())))
    w.r_count = rng.poisson(SHAPE["event_reports_per_statement"] * w.st_count)
    w.f_count = rng.poisson(SHAPE["fillers_per_article"], n_articles)


def events_block(w: World, e0: int, e1: int) -> dict[str, pd.DataFrame]:
    """Events e0..e1-1 (sorted by type, then number) and their actors."""
    rng, n = w.rng("events", e0 // BLOCK_EVENTS), e1 - e0
    cameo_codes, clauses = w.cameo_codes, w.clauses
    event_types, basis = codes("event_type"), codes("date_basis")
    event_ids = w.event_ids.slice(e0, n)
    event_cameo = cameo_codes.pick(rng, n)
    start = rng.integers(0, 15, n)
    duration = np.where(chance(rng, n, 0.7), 0, rng.integers(1, 5, n))
    undated = chance(rng, n, 0.15)  # only the bounds are known
    no_end = chance(rng, n, 0.4)  # the articles give no end (ongoing or unknown)
    start_basis = np.where(undated, basis.index("inferred"), rng.integers(0, 4, n))
    events = make_frame(
        "events",
        {
            "event_id": text(event_ids),
            "event_type": ref(event_types.bank, w.event_type[e0:e1]),
            "cameo": ref(cameo_codes.bank, event_cameo),
            "plover": ref(w.plover, event_cameo, w.no_plover[event_cameo]),
            "start_date": date(start, undated),
            "start_min": date(start - np.where(undated, rng.integers(1, 4, n), 0)),
            "start_max": date(start + np.where(undated, rng.integers(0, 3, n), 0)),
            "start_basis": ref(basis.bank, start_basis),
            "end_date": date(start + duration, undated | no_end),
            "end_min": date(start + duration, no_end),
            "end_max": date(start + duration + np.where(undated, rng.integers(0, 3, n), 0), no_end),
            "end_basis": ref(basis.bank, start_basis, no_end),
            "place_id": ref(w.place_ids, rng.integers(0, w.n_places, n), chance(rng, n, 0.2)),
            "description": ref(w.capitalised, rng.integers(0, len(clauses), n)),
            "notes": ref(w.capitalised, rng.integers(0, len(clauses), n), ~chance(rng, n, 0.2)),
            "title": text(np.char.add("Event ", np.arange(e0, e1).astype(str))),  # (optional; short)
        },
    )
    ea_event, ea_actor = distinct_picks(rng, np.clip(rng.poisson(SHAPE["event_actors_per_event"], n), 1, 4), w.n_actors)
    event_roles = codes("event_role")
    ea_role = event_roles.pick(rng, len(ea_event))
    _, role_rank = sorted_by(event_roles.bank)
    event_actors = make_frame(
        "event_actors",
        {
            "event_id": ref(event_ids, ea_event),
            "actor_id": ref(w.actor_ids, ea_actor),
            "role": ref(event_roles.bank, ea_role),
        },
        np.lexsort((role_rank[ea_role], ea_actor, ea_event)),
    )
    return {"events": events, "event_actors": event_actors}


# --- a block of articles: their sentences, texts, statements, reports, figures and mentions ------------------------


class Block:
    """Articles a0..a1-1 of the world; arrays indexed by the block's own articles, statements and reports."""

    def __init__(self, w: World, a0: int, a1: int) -> None:
        self.w, self.a0, self.a1, self.n = w, a0, a1, a1 - a0
        self.rng = w.rng("articles", a0 // BLOCK_ARTICLES)
        self.article_ids = w.article_ids.slice(a0, self.n)
        self.outlet = w.outlet[a0:a1]
        self.pub_min, self.pub_span = w.pub_min[a0:a1], w.pub_span[a0:a1]
        self.st_count = w.st_count[a0:a1]
        self.st_article, self.st_pos, self.st_start = group_positions(self.st_count)
        self.N = len(self.st_article)
        self.r_article, _, _ = group_positions(w.r_count[a0:a1])
        self.R = len(self.r_article)
        self.f_article, _, _ = group_positions(w.f_count[a0:a1])
        self.F = len(self.f_article)

    def share(self, total: int) -> tuple[int, int]:
        """The block's share of range(total) (aliases, events), in proportion to its articles."""
        return total * self.a0 // self.w.n_articles, total * self.a1 // self.w.n_articles


def names_written(b: Block) -> None:
    """The names written into sentences: the speaker (unless the outlet speaks), a target, a report's source; every
    alias of the block's share is written at least once."""
    rng, w, N, R = b.rng, b.w, b.N, b.R
    b.own_voice = chance(rng, N, 0.15)
    b.named, b.has_target_name, b.attributed = ~b.own_voice, chance(rng, N, 0.5), chance(rng, R, 0.6)
    slots = rng.integers(0, w.n_aliases, 2 * N + R)
    used = np.flatnonzero(np.concatenate([b.named, b.has_target_name, b.attributed]))
    g0, g1 = b.share(w.n_aliases)
    if len(used) < g1 - g0:
        raise ValueError("too few statements for the number of aliases")
    slots[rng.permutation(used)[: g1 - g0]] = np.arange(g0, g1)  # every alias is written at least once
    b.speaker_alias, b.target_alias, b.r_alias = np.split(slots, [N, 2 * N])
    b.speaker = np.where(b.own_voice, b.outlet[b.st_article], w.alias_actor[b.speaker_alias])


def statement_sentences(b: Block) -> None:
    """Statement sentences; kept offsets: parts 1/11 (speaker), 5 (label), 9 (target)."""
    rng, w, N = b.rng, b.w, b.N
    clauses, capitalised, labels = w.clauses, w.capitalised, w.labels
    b.modes = modes = codes("mode")
    b.mode = np.where(b.own_voice, modes.index("indirect"), modes.pick(rng, N))
    direct, mixed = modes.is_(b.mode, "direct"), modes.is_(b.mode, "mixed")
    b.has_label = has_label = chance(rng, N, 0.6)
    b.st_label = labels.pick(rng, N)
    named, has_target_name = b.named, b.has_target_name
    name = w.alias[b.speaker_alias]
    empty = full(N, "")
    first_clause = rng.integers(0, len(clauses), N)
    b.st_text, b.st_off, b.st_len = concat(
        [
            where(direct, "“", ""),
            where(named & ~direct, name, empty),
            where(named & ~direct, " said ", ""),
            np.where(direct | b.own_voice, capitalised[first_clause], clauses[first_clause]),
            where(mixed, " “", " "),
            where(has_label, labels.bank[b.st_label], empty),
            where(has_label, " ", ""),
            clauses[rng.integers(0, len(clauses), N)],
            where(has_target_name, arr([" against ", " with ", " for "])[rng.integers(0, 3, N)], empty),
            where(has_target_name, w.alias[b.target_alias], empty),
            where(direct, ",” ", where(mixed, "”.", ".")),
            where(direct, name, empty),
            where(direct, " said.", ""),
        ]
    )
    b.st_name_offset = np.where(direct, b.st_off[11], b.st_off[1])


def figure_phrases(b: Block) -> np.ndarray:
    """The figures opening some report sentences ("At least 1,204 people"); the sentences' openings."""
    rng, R = b.rng, b.R
    b.fig = np.flatnonzero(chance(rng, R, SHAPE["figure_share_of_reports"]))
    G = b.G = len(b.fig)
    b.qualifiers, b.measures = qualifiers, measures = codes("qualifier"), Codes(MEASURE_WORDS)
    has_max = b.has_max = chance(rng, G, 0.05)
    b.qualifier = np.where(
        has_max,
        qualifiers.index("range"),
        np.array([qualifiers.index(q) for q in QUALIFIER_WORDS])[rng.integers(0, 5, G)],
    )
    b.measure = measures.pick(rng, G)
    b.value = value = np.maximum(1, rng.lognormal(4, 1.6, G).astype(np.int64) % 500_000)
    value_max = value + rng.integers(1, 1000, G)
    # the bounds as the build derives them (curation/README.md, "Figures"); a range's are its two numbers
    q_name = qualifiers.bank[b.qualifier]
    b.low = np.where(q_name == "more than", value + 1, value)
    b.high = np.where(has_max, value_max, np.where(q_name == "nearly", value - 1, value))
    b.low_open = np.isin(q_name, ["nearly", "about"])
    b.high_open = ~np.isin(q_name, ["exact", "nearly", "range"])
    qualifier_words = arr([QUALIFIER_WORDS.get(q, "") for q in qualifiers.bank.tolist()])
    b.figure_text = add(
        qualifier_words[b.qualifier],
        where(has_max, add(number_text(value), " to ", number_text(value_max)), number_text(value)),
        arr([w[0] for w in MEASURE_WORDS.values()])[b.measure],
    )
    opening = full(R, "")
    opening[b.fig] = add(b.figure_text, arr([w[1] for w in MEASURE_WORDS.values()])[b.measure])
    return opening


def report_and_filler_sentences(b: Block) -> None:
    """Event report sentences, some opening with a figure ("At least 1,204 people were killed as ..."), and filler
    sentences, each with a label."""
    rng, w, R, F = b.rng, b.w, b.R, b.F
    clauses, capitalised, labels = w.clauses, w.capitalised, w.labels
    b.r_event = rng.integers(0, w.n_events, R)
    e0, e1 = b.share(w.n_events)
    k = min(R, e1 - e0)
    b.r_event[:k] = e0 + rng.permutation(e1 - e0)[:k]  # most events get a report
    opening = figure_phrases(b)
    has_figure = np.zeros(R, bool)
    has_figure[b.fig] = True
    b.r_has_label = chance(rng, R, 0.5)
    b.r_label = labels.pick(rng, R)
    q1 = rng.integers(0, len(clauses), R)
    b.r_text, b.r_off, b.r_len = concat(
        [
            opening,
            np.where(has_figure, clauses[q1], capitalised[q1]),
            " in ",
            w.place_name[rng.integers(0, w.n_places, R)],
            where(b.r_has_label, " blamed on ", ""),
            where(b.r_has_label, labels.bank[b.r_label], full(R, "")),
            where(b.attributed, ", according to ", ""),
            where(b.attributed, w.alias[b.r_alias], full(R, "")),
            ".",
        ]
    )
    b.f_label = labels.pick(rng, F)
    b.f_text, b.f_off, _ = concat(
        [
            capitalised[rng.integers(0, len(clauses), F)],
            " ",
            labels.bank[b.f_label],
            " ",
            clauses[rng.integers(0, len(clauses), F)],
            ".",
        ]
    )


def lay_out(b: Block) -> pa.Array:
    """The article texts: dateline first, then statements, reports and fillers in random order; each sentence's
    offset in its article."""
    rng, n = b.rng, b.n
    b.has_dateline = chance(rng, n, 0.5)
    b.city = rng.integers(0, len(CITIES), n)
    dateline = where(b.has_dateline, add(arr(CITIES)[b.city], " — "), full(n, ""))
    sentence_article = np.concatenate([np.arange(n), b.st_article, b.r_article, b.f_article])
    key = np.concatenate([np.full(n, -1.0), rng.random(b.N + b.R + b.F)])
    order = np.lexsort((key, sentence_article))
    in_article = sentence_article[order]
    last = np.append(in_article[1:] != in_article[:-1], True)
    sep = where(last | (order < n), "", where(chance(rng, len(order), 0.25), "\n\n", " "))
    length = np.concatenate([np.strings.str_len(t) for t in (dateline, b.st_text, b.r_text, b.f_text)])[order]
    length += np.strings.str_len(sep)
    begin = np.cumsum(length) - length
    article_first = np.searchsorted(in_article, np.arange(n))
    local = np.empty(len(order), dtype=np.int64)
    local[order] = begin - begin[article_first[in_article]]
    b.st_local, b.r_local, b.f_local = np.split(local[n:], [b.N, b.N + b.R])
    sentences = pa.concat_arrays(
        [pa.array(t, type=pa.large_string()) for t in (dateline, b.st_text, b.r_text, b.f_text)]
    )
    pieces = pc.binary_join_element_wise(
        sentences.take(order), pa.array(sep, type=pa.large_string()), pa.scalar("", pa.large_string())
    )
    bounds = pa.array(np.append(article_first, len(order)), type=pa.int64())
    return pc.binary_join(pa.LargeListArray.from_arrays(bounds, pieces), pa.scalar("", pa.large_string()))


def articles_frame(b: Block, texts: pa.Array) -> pd.DataFrame:
    rng, w, n = b.rng, b.w, b.n
    offsets = np.frombuffer(texts.buffers()[1], dtype=np.int64)[texts.offset : texts.offset + n + 1]
    data = memoryview(texts.buffers()[2])
    text_sha = [hashlib.sha256(data[offsets[a] : offsets[a + 1]]).hexdigest() for a in range(n)]  # per article
    source_sha = arr([hashlib.sha256(h.encode("ascii")).hexdigest() for h in text_sha])
    exact = b.pub_span == 0
    b.title = w.capitalised[rng.integers(0, len(w.clauses), n)]
    outlet_name = w.actor_name[b.outlet]
    article_id, outlet_slug = w.article_id[b.a0 : b.a1], w.outlet_slug[b.a0 : b.a1]
    return make_frame(
        "articles",
        {
            "article_id": text(b.article_ids),
            "title": text(b.title),
            "outlet": text(outlet_name, chance(rng, n, 0.05)),
            "outlet_actor_id": ref(w.actor_ids, b.outlet),
            "url": text(add("https://www.", outlet_slug, ".example/news/", article_id), chance(rng, n, 0.2)),
            "published_date": date(b.pub_min, ~exact),
            "published_date_min": date(b.pub_min),
            "published_date_max": date(b.pub_min + b.pub_span),
            "date_basis": ref(["inferred", "stated"], exact),
            "language": ref(["en"], np.zeros(n)),
            "dateline": ref(CITIES, b.city, ~b.has_dateline),
            "byline": text(add("By ", w.actor_name[rng.integers(0, w.n_actors, n)]), ~chance(rng, n, 0.3)),
            "text": text(texts),
            "text_sha256": text(arr(text_sha)),
            "source_file": text(
                add(
                    np.strings.zfill(np.arange(b.a0, b.a1).astype(S), 6),
                    "_",
                    np.strings.slice(source_sha, 0, 16),
                    ".txt",
                )
            ),
            "source_sha256": text(source_sha),
            "derived_from_url": ref(["https://www.rt.example/news/original"], np.zeros(n), ~chance(rng, n, 0.05)),
            "licence_note": text(add("© ", outlet_name, "; included only so that the evidence can be checked.")),
            "notes": ref(w.capitalised, rng.integers(0, len(w.clauses), n), ~chance(rng, n, 0.4)),
        },
    )


def furniture_frame(b: Block) -> pd.DataFrame:
    """Furniture: offsets into the (notional) source file, increasing within each article."""
    fu_article = np.repeat(np.arange(b.n), len(FURNITURE))
    fu_kind = np.tile(np.arange(len(FURNITURE)), b.n)
    fu_text = np.where(
        fu_kind == 0, b.title[fu_article], arr(["", "World", "Tuesday, 3 December 2024", "LEAVE A REPLY"])[fu_kind]
    )
    fu_len = np.strings.str_len(fu_text)
    step = (fu_len + 1).reshape(b.n, -1)
    fu_start = (np.cumsum(step, axis=1) - step).ravel() + np.where(fu_kind == 3, 6000, 0)
    return make_frame(
        "article_furniture",
        {
            "article_id": ref(b.article_ids, fu_article),
            "raw_char_start": integer(fu_start),
            "raw_char_end": integer(fu_start + fu_len),
            "kind": ref(FURNITURE, fu_kind),
            "text": text(fu_text),
        },
    )


def statements_frame(b: Block, claim_offset: int) -> pd.DataFrame:
    """Statements: dates (70% a day, 15% a range, 15% unknown), codes, claims linking different articles (claim
    numbers from claim_offset on)."""
    rng, w, N, n = b.rng, b.w, b.N, b.n
    st_article, st_pos, st_start, st_count = b.st_article, b.st_pos, b.st_start, b.st_count
    b.statement_ids = suffixed(b.article_ids, st_article, add("-s", np.strings.zfill(st_pos.astype(S), w.st_width)))
    day = b.pub_min[st_article] - rng.integers(0, 6, N)
    kind = rng.random(N)
    is_day, is_range = kind < 0.7, (kind >= 0.7) & (kind < 0.85)
    relative = is_day & chance(rng, N, 0.5)
    b.st_cameo = st_cameo = w.cameo_codes.pick(rng, N)
    pair = (st_article % 2 == 0) & (st_article + 1 < n)
    pair &= st_pos < np.append(st_count, 0)[np.minimum(st_article + 1, n)]
    pair &= chance(rng, N, 0.1)
    partner = st_start[np.minimum(st_article + 1, n - 1)] + st_pos
    claim = np.full(N, -1, dtype=np.int64)
    claim[pair] = claim[partner[pair]] = claim_offset + np.arange(pair.sum())
    b.claims = int(pair.sum())
    b.st_own = st_own = b.speaker == b.outlet[st_article]
    st_local, st_len = b.st_local, b.st_len
    return make_frame(
        "statements",
        {
            "statement_id": text(b.statement_ids),
            "article_id": ref(b.article_ids, st_article),
            "speaker_id": ref(w.actor_ids, b.speaker),
            "date": date(day, ~is_day),
            "date_min": date(np.where(is_range, day - 2, day), ~(is_day | is_range)),
            "date_max": date(day, ~(is_day | is_range)),
            "date_basis": ref(
                ["relative", "stated", "inferred", "unknown"],
                np.where(relative, 0, np.where(is_day, 1, np.where(is_range, 2, 3))),
            ),
            "date_text": ref(WEEKDAYS, rng.integers(0, 7, N), ~relative),
            "mode": ref(b.modes.bank, b.mode),
            "nested_in": ref(b.statement_ids, np.zeros(N, np.int64), np.ones(N, bool)),
            "cameo": ref(w.cameo_codes.bank, st_cameo),
            "plover": ref(w.plover, st_cameo, w.no_plover[st_cameo]),
            "text": text(b.st_text),
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
            "event_id": ref(w.event_ids, rng.integers(0, w.n_events, N), ~chance(rng, N, 0.2)),
            "claim_id": text(add("claim-", np.strings.zfill(claim.astype(S), 7)), claim < 0),
            "notes": ref(w.capitalised, rng.integers(0, len(w.clauses), N), ~chance(rng, N, 0.1)),
        },
    )


def targets_and_speakers(b: Block, statements: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Statement targets (0..4 distinct actors per statement) and speakers (the reported one, and the joint one of a
    joint statement); 11x without an accused target says why in its notes (rule accusation_has_accused)."""
    rng, w, N = b.rng, b.w, b.N
    counts = rng.choice(len(TARGET_COUNT_P), size=N, p=TARGET_COUNT_P)
    t_statement, t_actor = distinct_picks(rng, counts, w.n_actors)
    statement_roles = codes("statement_role")
    t_role = statement_roles.pick(rng, len(t_statement))
    # one statement in 50 is joint, with the next actor as its second speaker; no speaker is also addressed
    joint = np.flatnonzero(chance(rng, N, 0.02))
    joint_actor = np.full(N, -1, dtype=np.int64)
    joint_actor[joint] = (b.speaker[joint] + 1) % w.n_actors
    speaks = (t_actor == b.speaker[t_statement]) | (t_actor == joint_actor[t_statement])
    keep = ~(speaks & statement_roles.is_(t_role, "addressed"))
    t_statement, t_actor, t_role = t_statement[keep], t_actor[keep], t_role[keep]
    _, role_rank = sorted_by(statement_roles.bank)
    statement_targets = make_frame(
        "statement_targets",
        {
            "statement_id": ref(b.statement_ids, t_statement),
            "actor_id": ref(w.actor_ids, t_actor),
            "role": ref(statement_roles.bank, t_role),
        },
        np.lexsort((role_rank[t_role], t_actor, t_statement)),
    )
    sp_statement = np.concatenate([np.arange(N), joint])
    sp_actor = np.concatenate([b.speaker, joint_actor[joint]])
    statement_speakers = make_frame(
        "statement_speakers",
        {
            "statement_id": ref(b.statement_ids, sp_statement),
            "actor_id": ref(w.actor_ids, sp_actor),
            "role": ref(["reported", "joint"], (np.arange(len(sp_statement)) >= N).astype(np.int64)),
        },
        np.lexsort((sp_actor, sp_statement)),
    )
    accused = np.zeros(N, dtype=bool)
    accused[t_statement[statement_roles.is_(t_role, "accused")]] = True
    unaccused = np.strings.startswith(w.cameo_codes.bank, "11")[b.st_cameo] & ~accused
    statements.loc[unaccused, "notes"] = "No accused target: a synthetic statement."
    return {"statement_targets": statement_targets, "statement_speakers": statement_speakers}


def reports_and_figures(b: Block) -> dict[str, pd.DataFrame]:
    """Event reports (in the block's order: the writer sorts them by event across blocks) and figures, the number
    phrase opening a report sentence."""
    rng, w, R, G, fig = b.rng, b.w, b.R, b.G, b.fig
    r_local, r_article, r_event = b.r_local, b.r_article, b.r_event
    b.r_source = r_source = w.alias_actor[b.r_alias]
    event_reports = make_frame(
        "event_reports",
        {
            "event_id": ref(w.event_ids, r_event),
            "article_id": ref(b.article_ids, r_article),
            "char_start": integer(r_local),
            "text": text(b.r_text),
            "char_end": integer(r_local + b.r_len),
            "attributed_to": ref(w.actor_ids, r_source, ~b.attributed),
            "notes": ref(w.capitalised, rng.integers(0, len(w.clauses), R), ~chance(rng, R, 0.05)),
        },
        np.lexsort((r_local, r_article, r_event)),
    )
    fig_article = r_article[fig]
    fig_k = np.arange(G) - np.searchsorted(fig_article, fig_article)  # reports are grouped by article
    fig_width = len(str(int(fig_k.max(initial=0))))
    fig_statement = b.st_start[fig_article] + rng.integers(0, b.st_count[fig_article])  # same article
    figures = make_frame(
        "figures",
        {
            "figure_id": text(
                suffixed(b.article_ids, fig_article, add("-f", np.strings.zfill(fig_k.astype(S), fig_width)))
            ),
            "article_id": ref(b.article_ids, fig_article),
            "text": text(b.figure_text),
            "char_start": integer(r_local[fig]),
            "char_end": integer(r_local[fig] + np.strings.str_len(b.figure_text)),
            "value": integer(b.value, b.has_max),
            "low": integer(b.low, b.low_open),
            "high": integer(b.high, b.high_open),
            "qualifier": ref(b.qualifiers.bank, b.qualifier),
            "measure": ref(b.measures.bank, b.measure),
            "counted_actor_id": ref(w.actor_ids, rng.integers(0, w.n_actors, G), ~chance(rng, G, 0.3)),
            "claimed_by": ref(w.actor_ids, np.where(b.attributed[fig], r_source[fig], b.outlet[fig_article])),
            "event_id": ref(w.event_ids, r_event[fig]),
            "statement_id": ref(b.statement_ids, fig_statement, ~chance(rng, G, 0.3)),
            "count_id": text(full(G, ""), np.ones(G, bool)),
            "notes": ref(w.capitalised, rng.integers(0, len(w.clauses), G), ~chance(rng, G, 0.1)),
        },
    )
    return {"event_reports": event_reports, "figures": figures}


def mentions_frame(b: Block) -> pd.DataFrame:
    """Mentions: every name and label written into a sentence (text: an alias, or a label after them)."""
    rng, w, N, R, F = b.rng, b.w, b.N, b.R, b.F
    n_aliases, outlet = w.n_aliases, b.outlet
    label_actor = rng.integers(0, w.n_actors, N + R + F)
    # voice: in a speaker's statement, the speaker's paraphrase; in an attributed report (no statement there), the
    # attributed actor's; else the outlet's. (statement index, -1 for none; voice actor)
    st_voice = (np.where(b.st_own, -1, np.arange(N)), b.speaker)
    r_voice = (np.full(R, -1), np.where(b.attributed, b.r_source, outlet[b.r_article]))
    f_voice = (np.full(F, -1), outlet[b.f_article])
    st_article, st_local, r_article, r_local, st_off = b.st_article, b.st_local, b.r_article, b.r_local, b.st_off
    sources = [  # (rows, article, start, actor, text as an index into aliases + labels, statement, voice actor)
        (b.named, st_article, st_local + b.st_name_offset, w.alias_actor[b.speaker_alias], b.speaker_alias, *st_voice),
        (b.has_target_name, st_article, st_local + st_off[9], w.alias_actor[b.target_alias], b.target_alias, *st_voice),
        (b.has_label, st_article, st_local + st_off[5], label_actor[:N], n_aliases + b.st_label, *st_voice),
        (b.attributed, r_article, r_local + b.r_off[7], b.r_source, b.r_alias, *r_voice),
        (b.r_has_label, r_article, r_local + b.r_off[5], label_actor[N : N + R], n_aliases + b.r_label, *r_voice),
        (np.ones(F, bool), b.f_article, b.f_local + b.f_off[2], label_actor[N + R :], n_aliases + b.f_label, *f_voice),
    ]
    m_article, m_start, m_actor, m_text, m_statement, m_voice_actor = (
        np.concatenate([s[i][s[0]] for s in sources]) for i in range(1, 7)
    )
    m_outlet = m_voice_actor == outlet[m_article]
    bank = pa.concat_arrays([w.aliases, pa.array(w.labels.bank, type=pa.large_string())])
    m_length = np.concatenate([np.strings.str_len(w.alias), np.strings.str_len(w.labels.bank)])[m_text]
    return make_frame(
        "mentions",
        {
            "article_id": ref(b.article_ids, m_article),
            "char_start": integer(m_start),
            "actor_id": ref(w.actor_ids, m_actor),
            "text": ref(bank, m_text),
            "char_end": integer(m_start + m_length),
            "kind": ref(["name", "label"], m_text >= n_aliases),
            "voice": ref(["outlet", "paraphrase"], ~m_outlet),
            "statement_id": ref(b.statement_ids, m_statement, m_statement < 0),
            "voice_actor_id": ref(w.actor_ids, m_voice_actor),
        },
        np.lexsort((m_actor, m_start, m_article)),
    )


def articles_block(w: World, a0: int, a1: int, claim_offset: int) -> tuple[dict[str, pd.DataFrame], int]:
    """The tables' rows for articles a0..a1-1 (event_reports in the block's order), and the next claim number."""
    b = Block(w, a0, a1)
    names_written(b)
    statement_sentences(b)
    report_and_filler_sentences(b)
    texts = lay_out(b)
    frames = {"articles": articles_frame(b, texts), "article_furniture": furniture_frame(b)}
    del texts
    frames["statements"] = statements_frame(b, claim_offset)
    frames.update(targets_and_speakers(b, frames["statements"]))
    frames.update(reports_and_figures(b))
    frames["mentions"] = mentions_frame(b)
    frames["place_mentions"] = synthetic_place_mentions(b.rng, frames["mentions"], w.place_ids)
    frames["statement_events"] = synthetic_statement_events(frames["statements"])
    return frames, claim_offset + b.claims


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


def synthetic_place_mentions(rng: np.random.Generator, mentions: pd.DataFrame, place_ids: pa.Array) -> pd.DataFrame:
    """Place mentions on the name spans (one per position), each given a random place: the validator checks spans
    and keys, not which alias a span is, so this exercises the table at a realistic size."""
    spans = mentions[mentions["kind"] == "name"].drop_duplicates(["article_id", "char_start"])
    spans = spans.drop(columns=["actor_id", "kind"]).reset_index(drop=True)
    picks = pd.arrays.ArrowStringArray(place_ids.take(pa.array(rng.integers(0, len(place_ids), len(spans)))))
    table = tables()["place_mentions"]
    frame = spans.assign(place_id=picks)[table.field_names]
    frame = frame.sort_values(list(table.primary_key), kind="stable").reset_index(drop=True)
    assert frame.dtypes.to_dict() == table.pandas_dtypes(), "place_mentions"
    return frame


# --- the package: held whole (tests), or streamed to its files (benchmarks) -------------------------------------


def chunks(n_statements: int, seed: int = 0) -> Iterator[tuple[str, pd.DataFrame]]:
    """(table, rows) in primary-key order within each table, a block at a time; event_reports excepted (each block's
    rows are in order, but the blocks' rows interleave by event). event_places is empty."""
    w = World(n_statements, seed)
    yield from w.frames.items()
    w.frames = {}
    for e0 in range(0, w.n_events, BLOCK_EVENTS):
        yield from events_block(w, e0, min(e0 + BLOCK_EVENTS, w.n_events)).items()
    claims = 0
    for a0 in range(0, w.n_articles, BLOCK_ARTICLES):
        frames, claims = articles_block(w, a0, min(a0 + BLOCK_ARTICLES, w.n_articles), claims)
        yield from frames.items()


def empty_frame(name: str) -> pd.DataFrame:
    return pd.DataFrame({f: pd.Series(dtype=d) for f, d in tables()[name].pandas_dtypes().items()})


def generate(n_statements: int, seed: int = 0) -> dict[str, pd.DataFrame]:
    """Every table of a valid package with `n_statements` statements, typed and sorted like the build's (in
    memory: for tests and small packages; `write` streams)."""
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in tables()}
    for name, frame in chunks(n_statements, seed):
        parts[name].append(frame)
    frames = {}
    for name, table in tables().items():
        if not parts[name]:
            frames[name] = empty_frame(name)
            continue
        frame = pd.concat(parts[name], ignore_index=True) if len(parts[name]) > 1 else parts[name][0]
        if name == "event_reports" and len(parts[name]) > 1:
            frame = frame.sort_values(list(table.primary_key), kind="stable").reset_index(drop=True)
        frames[name] = frame
    return frames


ROW_GROUP_ROWS = 1 << 20  # pq.write_table's default row group, as the build writes its files
ROW_GROUP_BYTES = 1 << 26  # ... of at most this much Arrow data (64 MiB: the article texts), so memory stays flat
SORT_MEMORY = "512MB"  # DuckDB's memory limit when it sorts the event reports of all blocks (it spills beyond)


class TableFiles:
    """One table's CSV and Parquet files written a chunk of rows at a time, with the bytes package.write_files gives
    the whole frame: CSV rows appended as package.write_csv writes them, Parquet rows held until a row group is full
    (ROW_GROUP_ROWS rows or ROW_GROUP_BYTES of Arrow data, whichever comes first)."""

    def __init__(self, directory: Path, name: str, csv: bool = True, stem: str | None = None) -> None:
        self.table, self.rows = tables()[name], 0
        self.csv_path = directory / f"{stem or name}.csv" if csv else None
        self.parquet_path = directory / f"{stem or name}.parquet"
        self.csv, self.parquet, self.held = None, None, []

    def add(self, frame: pd.DataFrame) -> None:
        frame = frame[self.table.field_names]
        if self.csv_path is not None:
            if self.csv is None:
                self.csv = open(self.csv_path, "w", encoding="utf-8", newline="")  # noqa: SIM115 (closed by close())
            out = frame.copy()
            for column in out.columns:
                if pd.api.types.is_datetime64_any_dtype(out[column]):
                    out[column] = out[column].dt.strftime("%Y-%m-%d")
            out.to_csv(self.csv, index=False, header=self.rows == 0, lineterminator="\n")
        arrow = pa.Table.from_pandas(frame, schema=self.table.to_arrow(), preserve_index=False)
        if self.parquet is None:
            self.parquet = pq.ParquetWriter(
                self.parquet_path, arrow.schema, compression="zstd", use_dictionary=False, write_statistics=False
            )
        self.rows += len(frame)
        self.held.append(arrow)
        self.flush(final=False)

    def flush(self, final: bool) -> None:
        """Write the full row groups held; with `final`, the rest (an empty table: its one empty row group)."""
        rows = sum(t.num_rows for t in self.held)
        while rows >= ROW_GROUP_ROWS:
            held = pa.concat_tables(self.held)
            self.parquet.write_table(held.slice(0, ROW_GROUP_ROWS), row_group_size=ROW_GROUP_ROWS)
            self.held, rows = [held.slice(ROW_GROUP_ROWS)], rows - ROW_GROUP_ROWS
        full = sum(t.nbytes for t in self.held) >= ROW_GROUP_BYTES
        if self.held and (final or full) and (rows or self.rows == 0):
            self.parquet.write_table(pa.concat_tables(self.held), row_group_size=ROW_GROUP_ROWS)
            self.held = []

    def close(self) -> None:
        if self.parquet is None:  # no rows: the header and an empty file, as write_files writes them
            self.add(empty_frame(self.table.name))
        self.flush(final=True)
        self.parquet.close()
        if self.csv is not None:
            self.csv.close()


def typed_frame(name: str, batch: pa.RecordBatch) -> pd.DataFrame:
    """Rows read back from DuckDB, typed as make_frame types them (text and integer columns only)."""
    columns = {}
    for field, dtype in tables()[name].pandas_dtypes().items():
        column = batch.column(field)
        if dtype == "string":
            columns[field] = pd.arrays.ArrowStringArray(column.cast(pa.large_string()))
        else:
            assert dtype == "Int64", (name, field, dtype)
            mask = column.is_null().to_numpy(zero_copy_only=False)
            columns[field] = pd.arrays.IntegerArray(column.fill_null(0).to_numpy().astype(np.int64), mask)
    frame = pd.DataFrame(columns)
    assert frame.dtypes.to_dict() == tables()[name].pandas_dtypes(), name
    return frame


def sort_into(unsorted: Path, files: TableFiles, scratch: Path) -> None:
    """The event reports of all blocks in primary-key order: DuckDB sorts the unsorted file within a memory limit
    (spilling to `scratch`) and hands the rows back in batches."""
    import duckdb

    con = duckdb.connect(config={"memory_limit": SORT_MEMORY, "temp_directory": str(scratch)})
    key = ", ".join(files.table.primary_key)
    reader = con.sql(f"SELECT * FROM read_parquet('{unsorted}') ORDER BY {key}").to_arrow_reader(100_000)
    for batch in reader:
        files.add(typed_frame(files.table.name, batch))
    con.close()


def write(directory: Path, n_statements: int, seed: int = 0) -> dict[str, int]:
    """Generate and write a package to `directory` (which must not exist), a block at a time: the same files
    package.write_files writes from `generate(...)` (CSV and descriptor byte-identical; Parquet row groups as
    TableFiles makes them), with memory that does not grow with n_statements. The row count of each table."""
    from news_statements import package, standard

    directory = Path(directory)
    directory.mkdir(parents=True)
    files = {name: TableFiles(directory, name) for name in tables()}
    unsorted = TableFiles(directory, "event_reports", csv=False, stem=".event_reports.unsorted")
    described = ["article_id", "title", "outlet", "url", "published_date", "published_date_min", "published_date_max"]
    articles, blocks = [], 0
    for name, frame in chunks(n_statements, seed):
        blocks += name == "articles"
        (unsorted if name == "event_reports" else files[name]).add(frame)
        if name == "articles":
            articles.append(frame[described])
    unsorted.close()
    for name, table_files in files.items():  # (their last row groups out of memory before the sort)
        if name != "event_reports":
            table_files.close()
    if blocks == 1:  # one block: its event reports are in order already
        for batch in pq.ParquetFile(unsorted.parquet_path).iter_batches(batch_size=ROW_GROUP_ROWS):
            files["event_reports"].add(typed_frame("event_reports", batch))
    else:
        scratch = directory / ".sort"
        sort_into(unsorted.parquet_path, files["event_reports"], scratch)
        shutil.rmtree(scratch, ignore_errors=True)
    unsorted.parquet_path.unlink()
    files["event_reports"].close()
    articles = pd.concat(articles, ignore_index=True)
    package.write_descriptor(directory, articles, package_metadata())
    for name, text_ in standard.package_files().items():  # (the standard's profile: see standard.py)
        (directory / name).write_text(text_, encoding="utf-8")
    return {name: f.rows for name, f in files.items()}


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
