"""A first draft of an article's curation file, for the curator to confirm: never a curation by itself.

It reads the clean text of an article (sources/<article_id>.yaml and its source file must exist) and proposes
- candidate statements: sentences with quotation marks or a reporting verb ("said", "stressed", "according
  to"...), with speaker candidates from the actor aliases found near the verb (or in the sentence before, for
  "He"/"She"/"They"), the mode (direct / mixed / indirect), and the outlet's own voice otherwise;
- relative dates ("on Tuesday", "today") resolved against the article's publication dates, with `context:`
  when the phrase is in the sentence before;
- the actors the alias matcher will find (name mentions), and the capitalised words that no alias, place or
  not_entities entry covers yet (each needs a decision before the build passes).

`python -m news_statements.proposer <article_id>` writes the draft to stdout (or `--out`);
`python -m news_statements.proposer --evaluate` measures it on the curated articles (reports/proposer.md).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from news_statements import curation as cur
from news_statements.curation_checks import sentences
from news_statements.paths import CURATION, SOURCES
from news_statements.problems import Problem
from news_statements.steps import articles as articles_step
from news_statements.transforms import dates
from news_statements.transforms.aliases import alias_pattern
from news_statements.transforms.coverage import CAPITALISED

REPORTING = (
    r"said|says|say|stated|states|stressed|stresses|added|adds|warned|warns|noted|notes|emphasi[sz]ed|"
    r"explained|told|accused|accuses|called on|calls on|urged|urges|announced|declared|indicated|reiterated|"
    r"condemned|described|claimed|claims|affirmed|asserted|pointed out|underlined|highlighted|expressed|"
    r"blamed|vowed|pledged|insisted|argued|remarked|mentioned|suggested|implied|alleges|alleged|reported|"
    r"concluding|adding|noting|labeling|labelling|referred to|agreed|denied|according to"
)
REPORTING_VERB = re.compile(rf"\b(?:{REPORTING}|reportedly|compared|concerns?)\b", flags=re.I)
# Claims in the outlet's own voice carry no reporting verb; the outlets' framing vocabulary finds most of them.
FRAMING = re.compile(
    r"\b(?:terror\w*|takfiri|\w+-backed|\w+-sponsored|aggression|sedition|extrem\w+|atrocit\w+|militancy|"
    r"ideology|hate-driven|intolerant|supporter|aiding|allied)\b",
    flags=re.I,
)
QUOTED = re.compile(r"[“\"‘][^”\"’]{3,}[”\"’]|[“\"‘]\w[^”\"’]*$|^[^“\"‘]*[”\"’]")
# A sayer named by a pronoun or a title ("He added", "Regarding X, he noted", "The diplomat called"): the
# speaker is the previous candidate's.
PRONOUN_SUBJECT = re.compile(
    rf"(?:^|, )(?:he|she|they|the (?:diplomat|official|minister|spokesman|spokeswoman))\s+(?:also\s+|later\s+)?"
    rf"(?:{REPORTING})\b",
    flags=re.I,
)
RELATIVE_PHRASE = re.compile(
    r"\b(?:today|yesterday|(?:earlier )?this week|last week|(?:on |last )?(?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday))\b",
    flags=re.I,
)


@dataclass
class Candidate:
    """One proposed statement: a sentence of the article and what the proposer guesses about it."""

    char_start: int
    char_end: int
    text: str
    speakers: list[str] = field(default_factory=list)
    mode: str = "indirect"
    relative: str | None = None
    context: str | None = None


@dataclass
class Reference:
    """What the proposer reads besides the article: the curated actors, places and not_entities."""

    aliases: pd.DataFrame  # actor_id, alias
    place_aliases: pd.DataFrame  # place_id, alias
    not_entities: set[str]


def read_reference(curation: Path = CURATION) -> Reference:
    problems: list[Problem] = []
    _, aliases = cur.read_actors(problems, curation / "actors.yaml")
    _, places = cur.read_places(problems, curation / "places.yaml")
    entities = cur.read_simple_list(problems, curation / "not_entities.yaml", "not_entity", ["text", "reason"])
    return Reference(aliases[["actor_id", "alias"]], places[["place_id", "alias"]], set(entities["text"]))


def read_article(article_id: str, sources: Path = SOURCES) -> pd.Series:
    """The article's row as the build makes it (clean text, publication bounds) from sources/ alone."""
    problems: list[Problem] = []
    meta, furniture = cur.read_sources(problems, sources)
    frames = {"articles": meta[meta["article_id"] == article_id], "furniture": furniture}
    if frames["articles"].empty:
        raise SystemExit(f"no sources/{article_id}.yaml: write the article's metadata first (curation/README.md)")
    articles, _ = articles_step.run(frames, problems, sources)
    if problems:
        raise SystemExit("\n".join(str(p) for p in problems))
    return articles.iloc[0]


def speakers_in(sentence: str, previous: str, pattern: re.Pattern[str], actor_of: dict[str, str]) -> list[str]:
    """Actors named as the sayer: before the reporting verb (the subject, nearest first), after "according to",
    the previous candidate's speaker (`previous`) for "he"/"she"/"they", then the others named in the sentence."""
    verb = REPORTING_VERB.search(sentence)
    found = list(pattern.finditer(sentence))
    if verb is None:
        return list(dict.fromkeys(actor_of[m.group()] for m in found))
    after = [m for m in found if m.start() >= verb.end()]
    before = sorted((m for m in found if m.end() <= verb.start()), key=lambda m: -m.start())
    ordered = (after + before) if verb.group().lower() == "according to" else (before + after)
    names = [actor_of[m.group()] for m in ordered]
    if PRONOUN_SUBJECT.search(sentence) and previous:
        names = [previous, *names]
    return list(dict.fromkeys(names))


def candidates(text: str, outlet_actor: str, reference: Reference) -> list[Candidate]:
    """Candidate statements of one article (one per sentence with a quotation or a reporting verb)."""
    table = sentences(pd.DataFrame({"article_id": ["a"], "text": [text]}))
    pattern = alias_pattern(reference.aliases["alias"])
    actor_of = dict(zip(reference.aliases["alias"], reference.aliases["actor_id"], strict=True))
    out, previous, last_speaker = [], "", ""
    for row in table.itertuples():  # one per sentence of one article (a curator tool, not the build)
        sentence = text[row.char_start : row.char_end]
        quoted, verb = QUOTED.search(sentence), REPORTING_VERB.search(sentence)
        if quoted or verb or FRAMING.search(sentence):
            found = Candidate(row.char_start, row.char_end, sentence)
            named = speakers_in(sentence, last_speaker, pattern, actor_of)
            # no quotation and no reporting verb: a claim in the outlet's own voice
            found.speakers = list(dict.fromkeys([*named, outlet_actor] if quoted or verb else [outlet_actor, *named]))
            full_quote = quoted and not verb and sentence.strip()[0] in '“"‘'
            found.mode = "direct" if full_quote else "mixed" if quoted else "indirect"
            phrase = RELATIVE_PHRASE.search(sentence) or RELATIVE_PHRASE.search(previous)
            if phrase:
                found.relative = phrase.group()
                found.context = None if RELATIVE_PHRASE.search(sentence) else _context(previous, phrase)
            out.append(found)
            last_speaker = found.speakers[0] if found.speakers[0] != outlet_actor else last_speaker
        previous = sentence
    return out


def _context(sentence: str, phrase: re.Match[str]) -> str:
    """A few words around the phrase in the sentence that says it (what `context:` quotes)."""
    words = list(re.finditer(r"\S+", sentence))
    inside = [i for i, w in enumerate(words) if w.end() > phrase.start() and w.start() < phrase.end()]
    first, last = max(0, inside[0] - 3), min(len(words) - 1, inside[-1] + 1)
    return sentence[words[first].start() : words[last].end()].rstrip(",.;:")


def resolve(relative: str, article: pd.Series) -> str:
    spec = pd.DataFrame({k: [None] for k in ["relative", "stated", "on", "min", "max", "basis", "note"]})
    spec = spec.add_prefix("date_").assign(date_relative=relative)
    low, high = pd.Series([article["published_date_min"]]), pd.Series([article["published_date_max"]])
    out = dates.resolve(spec, low, high).iloc[0]
    if pd.notna(out["date_error"]):
        return f"not resolved: {out['date_error']}"
    if pd.notna(out["date"]):
        return f"{out['date']:%Y-%m-%d}"
    return f"{out['date_min']:%Y-%m-%d} to {out['date_max']:%Y-%m-%d}"


def unknown_words(text: str, reference: Reference) -> list[str]:
    """Capitalised words that no actor alias, place alias or not_entities entry covers (first occurrence)."""
    covered = [
        (m.start(), m.end())
        for aliases in (reference.aliases["alias"], reference.place_aliases["alias"])
        if len(aliases)
        for m in alias_pattern(aliases).finditer(text)
    ]
    unknown = []
    for word in CAPITALISED.finditer(text):  # one per capitalised word of one article
        inside = any(s <= word.start() < e for s, e in covered)
        if not inside and word.group() not in reference.not_entities and word.group() not in unknown:
            unknown.append(word.group())
    return unknown


def _slug(article_id: str) -> str:
    return article_id.split("-")[0]


def draft(article: pd.Series, reference: Reference) -> str:
    """The draft curation file (YAML) for one article, every guess marked for the curator to confirm."""
    import json

    text = str(article["text"])
    found = candidates(text, str(article["outlet_actor_id"]), reference)
    names = alias_pattern(reference.aliases["alias"]).findall(text) if len(reference.aliases) else []
    actor_of = dict(zip(reference.aliases["alias"], reference.aliases["actor_id"], strict=True))
    mentioned = pd.Series([actor_of[n] for n in names], dtype="string").value_counts().sort_index()
    lines = [
        f"# DRAFT by `python -m news_statements.proposer {article['article_id']}`: every line is a guess to confirm.",
        f"# When confirmed, move it to curation/articles/{article['article_id']}.yaml (checklist: curation/README.md).",
        "# Name mentions the build will find: " + ", ".join(f"{a} ×{n}" for a, n in mentioned.items()),
        "# Capitalised words not yet known (each needs an actor or place alias, a label, or a not_entities entry): "
        + ", ".join(unknown_words(text, reference)),
        f"article_id: {article['article_id']}",
        "statements:",
    ]
    for number, c in enumerate(found, start=1):  # one per candidate of one article
        lines += [
            f"  - id: {_slug(str(article['article_id']))}-s{number:02d}   # a readable slug: <outlet>-<speaker>-<gist>",
            f"    speaker: {c.speakers[0]}   # candidates: {', '.join(c.speakers)}",
            f"    quote: {json.dumps(c.text, ensure_ascii=False)}",
            f"    mode: {c.mode}",
        ]
        if c.relative:
            spec = json.dumps(c.relative, ensure_ascii=False)
            spec += f", context: {json.dumps(c.context, ensure_ascii=False)}" if c.context else ""
            lines.append(f"    date: {{relative: {spec}}}   # resolves to {resolve(c.relative, article)}")
        else:
            lines.append('    date: {basis: unknown, note: "TODO: no date phrase found near the statement"}')
        lines += ['    cameo: "TODO"   # schema/codelists/cameo.csv', "    targets: []"]
    lines += ["event_reports: []", "figures: []", "labels: []"]
    return "\n".join(lines) + "\n"


def covered_share(spans: pd.DataFrame, by: pd.DataFrame) -> pd.Series:
    """For each span (char_start, char_end), the share of its characters inside any span of `by`."""
    shares = []
    for start, end in zip(spans["char_start"], spans["char_end"], strict=True):  # evaluation of a handful
        inside = sum(max(0, min(end, e) - max(start, s)) for s, e in zip(by["char_start"], by["char_end"], strict=True))
        shares.append(min(1.0, inside / max(1, end - start)))
    return pd.Series(shares, index=spans.index, dtype="float64")


def evaluate(articles: pd.DataFrame, statements: pd.DataFrame, reference: Reference) -> pd.DataFrame:
    """Per article: curated statements, candidates, recalled (≥ half of the span covered by candidates),
    precise candidates (≥ half inside curated spans), speakers right (first candidate) and found (any)."""
    rows = []
    for article in articles.sort_values("article_id").to_dict("records"):  # one per curated article
        found = candidates(str(article["text"]), str(article["outlet_actor_id"]), reference)
        proposed = pd.DataFrame(
            [(c.char_start, c.char_end, c.speakers) for c in found], columns=["char_start", "char_end", "speakers"]
        )
        curated = statements[statements["article_id"] == article["article_id"]]
        recalled = covered_share(curated, proposed) >= 0.5
        precise = covered_share(proposed, curated) >= 0.5
        first, anywhere = _speakers(curated[recalled], proposed)
        rows.append(
            (
                article["article_id"],
                len(curated),
                len(proposed),
                int(recalled.sum()),
                int(precise.sum()),
                first,
                anywhere,
            )
        )
    return pd.DataFrame(
        rows, columns=["article", "curated", "proposed", "recalled", "precise", "speaker_first", "speaker_any"]
    )


def _speakers(curated: pd.DataFrame, proposed: pd.DataFrame) -> tuple[int, int]:
    """How many recalled statements have their curated speaker first among, or anywhere in, the candidates'."""
    first = anywhere = 0
    for row in curated.itertuples():  # recalled statements only
        overlapping = proposed[(proposed["char_start"] < row.char_end) & (proposed["char_end"] > row.char_start)]
        names = [n for speakers in overlapping["speakers"] for n in speakers]
        first += bool(len(overlapping)) and overlapping["speakers"].iloc[0][0] == row.speaker_id
        anywhere += row.speaker_id in names
    return first, anywhere


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def report(results: pd.DataFrame) -> str:
    """reports/proposer.md: recall and precision of the candidate statements on the curated articles."""
    total = results.sum(numeric_only=True)
    lines = [
        "# The proposer, measured on the curated articles",
        "",
        "Generated by `make proposer-report` (`python -m news_statements.proposer --evaluate`) from datasets/ and",
        "curation/; tests/test_proposer.py fails when it is not current.",
        "",
        "- **recall**: curated statements whose span is at least half covered by candidate sentences;",
        "- **precision**: candidate sentences at least half inside curated statement spans;",
        "- **speaker**: of the recalled statements, those whose curated speaker is the first candidate speaker, or",
        "  any candidate speaker.",
        "",
        "| article | curated | candidates | recalled | recall | precise | precision | speaker first | speaker any |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in [*results.to_dict("records"), {"article": "**all**", **total.to_dict()}]:
        lines.append(
            f"| {row['article']} | {row['curated']} | {row['proposed']} | {row['recalled']} | "
            f"{_percent(row['recalled'], row['curated'])} | {row['precise']} | "
            f"{_percent(row['precise'], row['proposed'])} | {row['speaker_first']} | {row['speaker_any']} |"
        )
    lines += [
        "",
        "In-sample, so optimistic: the reporting verbs and the framing words that find claims in an outlet's own",
        "voice were chosen by reading these articles, and the actor aliases that name the speakers come from their",
        "curation. On a new article expect lower recall, and speakers the aliases do not know yet.",
    ]
    return "\n".join(lines) + "\n"


def evaluation_report(datasets: Path, curation: Path = CURATION) -> str:
    dated = ["published_date", "published_date_min", "published_date_max"]
    articles = pd.read_csv(datasets / "articles.csv", dtype={"text": str}, parse_dates=dated)
    statements = pd.read_csv(datasets / "statements.csv", dtype={"text": str})
    return report(evaluate(articles, statements, read_reference(curation)))


def main(argv: list[str] | None = None) -> int:
    from news_statements.layout import Layout
    from news_statements.paths import ROOT

    parser = argparse.ArgumentParser(description="Draft a curation file for an article, or measure the proposer.")
    parser.add_argument("article_id", nargs="?", help="an article with sources/<article_id>.yaml")
    parser.add_argument("--corpus", type=Path, default=ROOT, help="the corpus folder (default: this repository)")
    parser.add_argument("--out", type=Path, help="write the draft here (default: stdout)")
    parser.add_argument("--evaluate", action="store_true", help="write reports/proposer.md and print it")
    args = parser.parse_args(argv)
    layout = Layout(args.corpus)
    if args.evaluate:
        text = evaluation_report(layout.datasets, layout.curation)
        layout.reports.mkdir(parents=True, exist_ok=True)
        (layout.reports / "proposer.md").write_text(text, encoding="utf-8")
        print(text, end="")
        return 0
    if not args.article_id:
        parser.error("give an article_id, or --evaluate")
    text = draft(read_article(args.article_id, layout.sources), read_reference(layout.curation))
    if args.out:
        if args.out.exists():
            print(f"{args.out} exists: not overwritten (give another --out)", file=sys.stderr)
            return 1
        args.out.write_text(text, encoding="utf-8")
        print(f"draft written to {args.out}: confirm every line before moving it to curation/articles/")
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
