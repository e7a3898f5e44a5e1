"""Who says it: speaker candidates for a sentence, from the curated aliases and labels and the sentence's grammar.

The sayer is the subject of the reporting verb (`subject`): the words between the clause boundary before the
verb and the verb ("“...,” Araghchi said", "In his talks, Iran’s FM Araghchi said"), the noun phrase before an
apposition that closes right before the verb ("Oleg Ignasyuk, the deputy head of ..., said"), or the words after
"according to". In that subject a known alias or curated label names the speaker ("the Syrian army"); names
joined by "and" are a joint statement, the first named reported ("Iranian Foreign Minister X and his Turkish
counterpart Y said"); a pronoun, "the diplomat", "the high-ranking officials" (a plural with the joint speakers
too), or no subject at all ("..., adding that") takes the previous sayer; a name nobody curated becomes the known
actor it is a transliteration of, or a slug as the curators write IDs (`firstname-lastname`, a surname completed
from the article's full name, a person named by one word only with what the article calls them); "the <Demonym>
<body>" is `<state>-<body>` ("The Syrian army" -> syria-army); an indefinite subject ("a security official", "some
media reports") is a source the article does not name, `unnamed-<description>`; a bare common noun ("The army
said") takes the actor most curated labels ending in that noun name. The outlet comes first only where nobody
else is the subject.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from news_statements.proposer.names import NAME_RUN, Hit, Names, name_words, slug

_VERBS = (
    r"said|says|say|saying|stated|states|stating|stressed|stresses|stressing|added|adds|adding|warned|warns|"
    r"warning|noted|notes|noting|emphasi[sz]ed|emphasi[sz]ing|explained|explaining|told|telling|accused|accuses|"
    r"accusing|called on|calls on|calling on|urged|urges|urging|announced|announcing|declared|declaring|"
    r"indicated|reiterated|reiterating|condemned|condemning|described|describing|claimed|claims|claiming|"
    r"affirmed|affirming|asserted|asserting|pointed out|underlined|highlighted|expressed|expressing|blamed|"
    r"blaming|vowed|vowing|pledged|pledging|insisted|insisting|argued|arguing|remarked|mentioned|suggested|"
    r"suggesting|implied|alleges|alleged|reported|reporting|concluding|concluded|labeling|labelling|referred to|"
    r"agreed (?:that|on)|denied|denying|rejected|rejecting|according to|quoted as saying"
)
# Lower case only ("United States" is no verb), but "According to" may open a sentence.
REPORTING_VERB = re.compile(rf"\b(?:{_VERBS}|According to)\b")
# A subject that takes up someone named before: a pronoun, or "the" with a role noun and at most two lower-case
# modifiers ("the official", "the high-ranking officials", "the two ministers"); a demonym ("the Syrian officials")
# or a name makes it a new subject. A plural takes the previous sayer's joint speakers too.
PRONOUN = re.compile(
    r"^\W*(?:(?i:he|she|they)|[Tt]he\s+(?:[a-z][\w-]*\s+){0,2}?(?:diplomats?|officials?|ministers?|spokes(?:man|woman|person)|"
    r"envoys?|leaders?|(?:two |both )?sides))?\W*$"
)
PLURAL = re.compile(r"^\W*(?:they|the\s.*s)\W*$", flags=re.I)
# A subject that is an office of a body ("The chief of staff of Iran’s Armed Forces"): a person, not the body.
OFFICE = re.compile(
    r"^(?:the\s+)?(?P<title>(?:[\w-]+\s+){0,3}?(?:chief|head|commander|spokes(?:man|woman|person)|minister|director|"
    r"secretary|ambassador|envoy|president|chairman|leader)(?:\s+of\s+staff)?)\s+(?:of|for|at|to)\s+(?P<body>.+)$",
    flags=re.I,
)
# The sentence after a lead that gave only the office names the person: "Major General X made the remarks in ...".
REMARKS = re.compile(
    rf"^\W*(?P<name>{NAME_RUN.pattern})\s+(?:made|gave|delivered) (?:the|these|those|his|her) (?:remarks|comments)\b"
)
# Auxiliaries and adverbs between a subject and its reporting verb ("has also said", ", however, has denied").
AUXILIARY = re.compile(
    r"(?:\s+(?:has|have|had|was|were|is|also|later|further|then|reportedly|however|once again))+\s*$"
)
APPOSITION = re.compile(r"^(?:[a-z\d]|(?:The|A|An)\b)")
HEAD_NOUN = re.compile(r"(?:^|\b(?:the|a|an)\s+)((?:[\w-]+\s+){0,3}?)([\w-]+)\s*$", flags=re.I)
NEW_SOURCE_WORDS = 4  # "a war monitor said": an unnamed source nobody curated, drafted as a new slug
# An indefinite subject ("a security official", "some media reports") brings in a source the article does not
# name: never a known actor, whatever its head noun; the curators write such sources `unnamed-<description>`.
INDEFINITE = re.compile(r"^(?:a|an|some|several)\s+(?=\S)", flags=re.I)
GENERIC_HEADS = {"sources", "source", "officials", "official", "spokesman", "spokeswoman", "statement", "reports"}


Sayer = tuple[str, list[str]]  # a speaker and the joint speakers


class Sayers:
    """The speaker finder of one article: its known names compiled once."""

    def __init__(self, names: Names, outlet: str) -> None:
        self.names = names
        self.outlet = outlet

    def find(self, sentence: str, previous: Sayer | None, following: str = "") -> tuple[list[str], list[str], bool]:
        """(speaker candidates, the first one's joint speakers, whether the subject named the first) for a
        sentence with a reporting verb or a quotation; `following` is the next sentence of the article."""
        hits = self.names.hits(sentence)
        verb = REPORTING_VERB.search(sentence)
        if verb is None:  # a quotation without a verb goes on with the previous sayer
            first = [previous[0]] if previous else []
            joint = list(previous[1]) if previous else []
            return _unique([*first, *(h.actor for h in hits), self.outlet]), joint, bool(previous)
        start, end = subject(sentence, verb)
        region = sentence[start:end]
        inside = [h for h in hits if h.start >= start and h.end <= end]
        named, joint = self._named(sentence, (start, end), inside, previous, following)
        before = sorted((h for h in hits if h.end <= verb.start()), key=lambda h: -h.start)
        after = [h for h in hits if h.start >= verb.end()]
        others = [h.actor for h in before + after]
        if not named and not region.strip(" ,") and previous:
            named = [previous[0]]
        speakers = _unique([*named, *others, self.outlet])
        return speakers, [j for j in _unique(joint) if j not in named], bool(named)

    def _named(
        self, sentence: str, span: tuple[int, int], inside: list[Hit], previous: Sayer | None, following: str
    ) -> tuple[list[str], list[str]]:
        """The sayers named in the subject `span` (the first reported, joint speakers after), and the joint ones."""
        region = sentence[span[0] : span[1]]
        if PRONOUN.match(region) and previous:
            plural = PLURAL.match(region) is not None
            return [previous[0]], list(previous[1]) if plural else []
        unknown = self.names.unknown_name(region, inside, span[0], sentence[span[1] :])
        if unknown and inside and re.search(r"\band\b", region[inside[-1].end - span[0] :]):
            named, joint = _chain(sentence, inside)  # "X and his Turkish counterpart <new name> said"
            return named[:1], [*joint, unknown]
        if unknown:
            return [unknown], []
        curated = bool(inside) and sentence[span[0] : inside[0].start].strip().lower() in {"", "the"}
        if not curated and (holder := self._office_holder(region, following)):
            return [holder], []
        if unnamed := _unnamed(sentence, span, inside):
            return [unnamed], []
        if inside:
            return _chain(sentence, inside)
        return self._common_noun(region), []

    def _office_holder(self, region: str, following: str) -> str | None:
        """The person a subject that is only an office stands for: the known person whose description says they
        hold it, else the person the next sentence names as having made the remarks (a lead and its second
        paragraph), else None (the body then stays a candidate). Not asked when a known alias or label opens the
        subject: the curated name of the office comes first."""
        office = OFFICE.match(region.strip())
        if office is None:
            return None
        holder = self.names.holder(office.group("title"), office.group("body"))
        named = REMARKS.match(following)
        if holder is None and named and len(name_words(named.group("name"))) >= 2:
            holder = self.names.resolve(" ".join(name_words(named.group("name"))))
        return holder

    def _common_noun(self, region: str) -> list[str]:
        """The actor a subject without a name stands for: the actor most curated labels ending in its head noun
        name ("the army"), unless a demonym names another state ("The Turkish government" -> turkey-government,
        the curators' "<state>-<body>")."""
        state, body = self.names.body(region)
        head = HEAD_NOUN.search(region.strip())
        words = [*head.group(1).split(), head.group(2)] if head else []
        while len(words) > 1 and words[-1].lower() in GENERIC_HEADS:
            words.pop()
        found = self.names.by_head.get(words[-1].lower()) if words else None
        if found and (state is None or found.startswith(f"{state}-")):
            return [found]
        if state and body:
            return [f"{state}-{body}"]
        phrase = re.sub(r"^(?:the|a|an|some)\s+", "", region.strip(), flags=re.I)
        words = phrase.split()
        new = 0 < len(words) <= NEW_SOURCE_WORDS and phrase[:1].islower() and words[-1] not in GENERIC_HEADS
        return [slug(phrase)] if new else []  # "officials", "sources": often people named before, or many


def _unnamed(sentence: str, span: tuple[int, int], inside: list[Hit]) -> str | None:
    """`unnamed-<description>` for a short indefinite subject ("a Syrian security official"), unless it ends in a
    known name (names before its head noun only describe the source: "a Norland border official") or goes on to
    say whose it is ("a statement by the ministry", "a source close to the army": the rules after this one)."""
    region = sentence[span[0] : span[1]].strip()
    indefinite = INDEFINITE.match(region)
    short = len(region.split()) - 1 <= NEW_SOURCE_WORDS  # "a report published by ... on Tuesday" is no name
    whose = re.search(r"\b(?:by|from|of|for|to|close|with|in|at|on)\b", region)
    if not indefinite or not short or whose or (inside and not sentence[inside[-1].end : span[1]].strip()):
        return None
    return f"unnamed-{slug(region[indefinite.end() :])}"


def subject(sentence: str, verb: re.Match[str]) -> tuple[int, int]:
    """Where the sayer is named: after "according to" up to the clause end; before an apposition that closes
    right before the verb, its noun phrase; else from the clause boundary before the verb up to it."""
    if verb.group().lower() == "according to":
        stop = re.search(r"[,.;]", sentence[verb.end() :])
        return verb.end(), verb.end() + (stop.start() if stop else len(sentence) - verb.end())
    head = sentence[: verb.start()]
    auxiliary = AUXILIARY.search(head)
    head = head[: auxiliary.start()] + " " if auxiliary else head
    if head.rstrip().endswith(",") and not re.search(r"[”\"’],$", head.rstrip()):
        return _before_apposition(head.rstrip())
    boundaries = [head.rfind(mark) + len(mark) - 1 for mark in (", ", "” ", "’ ", '" ', ": ") if mark in head]
    start = max(boundaries, default=-1) + 1
    return start, len(head.rstrip())


def _before_apposition(head: str) -> tuple[int, int]:
    """The clause before the appositions ("Nasser Hamdo, 36, who works in a pastry shop,"): the last
    comma-separated part that does not open like an apposition."""
    parts = [m for m in re.finditer(r"[^,]+", head)]
    for part in reversed(parts):  # a few parts
        if part.group().strip() and not APPOSITION.match(part.group().strip()):
            return part.start(), part.end()
    return parts[0].start(), parts[0].end()


def _chain(sentence: str, inside: list[Hit]) -> tuple[list[str], list[str]]:
    """Names joined by "and" just before the verb are joint speakers, the first named reported (a title and
    its name, "Foreign Minister Lena Varga", are one); otherwise the name nearest the verb is the speaker."""
    chain = [inside[-1]]
    for hit in reversed(inside[:-1]):  # a handful of names in one subject
        gap = sentence[hit.end : chain[0].start]
        if re.fullmatch(r"(?:’s)?\s*", gap) or (re.fullmatch(r"[^.;:]*?(?:,|\band\b)[^.;:]*", gap)):
            chain.insert(0, hit)
        else:
            break
    joined = any(re.search(r"\band\b", sentence[a.end : b.start]) for a, b in itertools.pairwise(chain))
    actors = _unique([h.actor for h in chain])
    if joined and len(actors) > 1:
        return [actors[0]], actors[1:]
    return _unique([h.actor for h in reversed(inside)]), []


def heads(labels: dict[str, str], actor_of: dict[str, str]) -> dict[str, str]:
    """Last word of the curated labels and aliases (lower case) -> the actor most of them name (then by ID)."""
    counts = Counter((label.split()[-1].lower(), actor) for label, actor in labels.items())
    counts.update((alias.split()[-1].lower(), actor) for alias, actor in actor_of.items())
    best: dict[str, tuple[int, str]] = {}
    for (head, actor), count in counts.items():
        best[head] = min(best.get(head, (0, "~")), (-count, actor))
    return {head: actor for head, (_, actor) in best.items()}


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


__all__ = ["REPORTING_VERB", "Sayers", "heads", "slug", "subject"]
