"""The names the proposer can put on a sayer: curated aliases and labels, and IDs for names nobody curated yet.

Aliases match as the build matches them (case-sensitive whole words, longest first). Labels of two words or more
that name one actor wherever curated match with either case of their first letter, but not as the tail of a
longer capitalised name ("Foreign Ministry" inside "Russian Foreign Ministry"). A name that no alias covers is
looked up as a spelling variant of a known multi-word alias (transliterations: "Ismail Baqaei" and "Esmail
Baghaei"), completed from the article's own full name when it is a bare surname ("Sabbagh" after "Bassam
al-Sabbagh"), or turned into a slug the way the curators write people's IDs (a person the article names by one
word only, "Aleppo resident Sarmad, 51,", with what it calls them: `sarmad-aleppo-resident`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from news_statements.proposer.reference import Reference, label_actors
from news_statements.transforms.aliases import alias_pattern

NAME_WORD = r"(?:[A-Z][\w’'-]*|al-[A-Z][\w’'-]*)"
NAME_RUN = re.compile(rf"{NAME_WORD}(?:\s+(?:bin\s+|ibn\s+|de\s+)?{NAME_WORD})*")
TITLES = re.compile(
    r"^(?:The|A|An|In|At|On|Iran’s|Iranian|Syrian|Russian|Turkish|Iraqi|Israeli|American|Lebanese|US|U\.S\.|UN|"
    r"Foreign|Defen[cs]e|Interior|Prime|Deputy|Vice|Minister|Ministry|Spokes(?:man|woman|person)|President|"
    r"General|Major|Lieutenant|Colonel|Brigadier|Commander|Chief|Head|Ambassador|Secretary|Mr|Mrs|Ms|Dr|Gen|FM|"
    r"Sheikh|King|Prince|Emir|Senator|Official|Army|Armed|Forces)$"
)
CALENDAR = {
    *["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    *[
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
# An age in apposition after a name ("Sarmad, 51, told AFP"): the name is a person's.
AGE = re.compile(r"\s*,\s*\d{1,3}\s*,")
# What a person known by one name is described as just before it ("Aleppo resident", "a shopkeeper"): a few words
# ending in a lower-case noun.
DESCRIPTOR = re.compile(r"(?:^|\b)((?:[A-Za-z][\w-]*\s+){0,2}[a-z][\w-]*)\s+$")
SIMILAR = 0.8  # difflib ratio above which two multi-word names are taken for spellings of one name
SURNAME_LETTERS = 4  # a bare surname shorter than this (once reduced) is matched to no alias by its spelling
# Romanisations of one Arabic or Persian sound, reduced to one letter (longest first): Baqeri / Bagheri,
# Mohammad / Muhammad, Esmail / Ismail, Hezbollah / Hizbullah. Doubled letters are then written once.
TRANSLITERATIONS = [
    ("kh", "x"), ("gh", "q"), ("ck", "q"), ("k", "q"), ("ph", "f"),
    ("ou", "u"), ("oo", "u"), ("ee", "i"), ("o", "u"), ("e", "i"), ("y", "i"),
]  # fmt: skip


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    actor: str


def slug(name: str) -> str:
    """A readable ID for a name nobody curated yet, as the curators write people: firstname-lastname."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower().replace("’s", "")).strip("-")


class Names:
    """Known aliases and labels, the states (for "<state>-<body>"), and the article's own full names."""

    def __init__(self, reference: Reference, text: str) -> None:
        from news_statements.proposer.speakers import heads

        aliases = reference.aliases
        self.actor_of = dict(zip(aliases["alias"], aliases["actor_id"], strict=True))
        self.alias_pattern = alias_pattern(aliases["alias"]) if len(aliases) else None
        self.labels = label_actors(reference.labels)
        self.label_pattern = either_case(list(self.labels)) if self.labels else None
        self.by_head = heads(self.labels, self.actor_of)
        self.states = sorted(set(reference.states) & set(self.actor_of.values()))
        self.not_names = set(reference.not_entities) | CALENDAR
        self.city_states = reference.city_states
        self.roles = {person: role.lower() for person, role in reference.roles.items()}
        self.full_names = {}
        for run in NAME_RUN.finditer(text):  # one per capitalised run of one article
            words = name_words(run.group())
            if len(words) >= 2:
                self.full_names.setdefault(words[-1], " ".join(words))
                self.full_names.setdefault(re.sub(r"^al-", "", words[-1]), " ".join(words))

    def hits(self, sentence: str) -> list[Hit]:
        """Known aliases and labels in the sentence, longest first, without overlaps, in text order."""
        found = []
        if self.alias_pattern is not None:
            found += [Hit(m.start(), m.end(), self.actor_of[m.group()]) for m in self.alias_pattern.finditer(sentence)]
        if self.label_pattern is not None:
            for m in self.label_pattern.finditer(sentence):
                if m.group()[0].isupper() and re.search(r"[A-Z][\w’'-]*\s$", sentence[: m.start()]):
                    continue  # the tail of a longer name
                found.append(Hit(m.start(), m.end(), self.labels[first_lower(m.group())]))
        kept: list[Hit] = []
        for hit in sorted(found, key=lambda h: (-(h.end - h.start), h.start)):
            if all(hit.end <= k.start or hit.start >= k.end for k in kept):
                kept.append(hit)
        return sorted(kept, key=lambda h: h.start)

    def unknown_name(self, region: str, inside: list[Hit], offset: int, after: str = "") -> str | None:
        """The ID for a name in the subject that no alias covers and that stands nearer the verb than any hit: a
        name of two words or more, or one word that ends the subject ("SANA said") and is no weekday, month or
        not_entities word. `after`: the sentence after the subject (an age there marks a person)."""
        last_hit = max((h.end - offset for h in inside), default=0)
        for run in reversed(list(NAME_RUN.finditer(region, last_hit))):  # a few capitalised runs in one subject
            words = name_words(run.group())
            single = len(words) == 1 and not region[run.end() :].strip() and words[0] not in self.not_names
            if single and AGE.match(after) and words[0] not in self.full_names:
                return self.known(words[0]) or one_name(words[0], region[: run.start()])
            if len(words) >= 2 or single:
                return self.resolve(" ".join(words))
        return None

    def resolve(self, name: str) -> str:
        """A known actor this name is a spelling of, or a slug of its full form."""
        if len(name.split()) == 1 and name in self.full_names:
            name = self.full_names[name]
        return self.known(name) or slug(name)

    def known(self, name: str) -> str | None:
        """The known actor this name is, or is a transliteration of: an alias; a city standing for its state
        ("Moscow said"); an alias of as many words with the same surname and a close spelling once both are
        reduced to `spelling_key` ("Mohammad Bagheri" for "Mohammad Baqeri"); for a bare surname, the one actor
        with an alias ending in that surname so reduced ("Bagheri" for "Mohammad Baqeri")."""
        if name in self.actor_of:
            return self.actor_of[name]
        if name in self.city_states:
            return self.city_states[name]
        key = spelling_key(name)
        if len(name.split()) >= 2:
            close = [
                (SequenceMatcher(None, key, spelling_key(alias)).ratio(), alias)
                for alias in self.actor_of
                if len(alias.split()) == len(name.split()) and spelling_key(alias.split()[-1]) == key.split()[-1]
            ]
            best = max(close, default=(0.0, ""))
            return self.actor_of[best[1]] if best[0] >= SIMILAR else None
        if len(key) < SURNAME_LETTERS:
            return None
        actors = {actor for alias, actor in self.actor_of.items() if spelling_key(alias.split()[-1]) == key}
        return actors.pop() if len(actors) == 1 else None

    def holder(self, title: str, of: str) -> str | None:
        """The one known person whose description says they hold this title of this body ("chief of staff",
        "Iran’s Armed Forces": "Chief of Staff of the Armed Forces of ... Iran"): the title's words in order, and
        every word of the body (its first four letters, so that "Iranian" finds "Iran"), or None."""
        words = [w for w in re.findall(r"[a-z]+", title.lower()) if w not in {"the", "of", "a", "an"}]
        order = re.compile(r"\b" + r".{0,20}?\b".join(map(re.escape, words)))
        body = [w[:4] for w in re.findall(r"[a-z]+", of.lower()) if len(w) > 2 and w not in {"the", "and", "for"}]
        found = [p for p, role in self.roles.items() if order.search(role) and all(w in role for w in body)]
        return found[0] if len(found) == 1 else None

    def body(self, region: str) -> tuple[str | None, str | None]:
        """'the Syrian army', 'The Turkish government' -> (state, body slug): ('syria', 'army'), or Nones."""
        found = re.search(
            r"(?:^|\b)(?:[Tt]he\s+)?([A-Z][a-z]+)\s+((?:[A-Za-z]+\s+){0,2}[a-z]*[A-Za-z]+)\s*$", region.strip()
        )
        if not found:
            return None, None
        return self.state_of(found.group(1)), slug(found.group(2))

    def state_of(self, adjective: str) -> str | None:
        """The known state a demonym or name names: the state ID sharing the longest prefix (4 letters or more)."""
        word = adjective.lower()
        scored = [(len(_common_prefix(word, state)), state) for state in self.states]
        best = max(scored, default=(0, ""))
        return best[1] if best[0] >= 4 else None


def spelling_key(name: str) -> str:
    """A comparison key under which transliterations of one name agree: lower case, no accents, article
    ("al-", "el-"), apostrophes, ayn marks or hyphens, the `TRANSLITERATIONS` reduced, doubled letters once. Only
    for comparing names (it is no ID): "Mohammad Baqeri" and "Muhammad Bagheri" -> "muhamad baqiri"."""
    text = re.sub(r"\b[ae]l-", "", unicodedata.normalize("NFKD", name.lower()))
    text = re.sub(r"[’'`ʿʾ‘-]", "", "".join(c for c in text if not unicodedata.combining(c)))
    for spelling, letter in TRANSLITERATIONS:
        text = text.replace(spelling, letter)
    return re.sub(r"(\w)\1+", r"\1", text)


def one_name(name: str, before: str) -> str:
    """The ID of a person the article names by one word only (no longer name of theirs anywhere in it): the name
    and what the article calls them ("Aleppo resident Sarmad" -> sarmad-aleppo-resident), as a bare first name
    would be no ID of one person across articles; the name alone when nothing describes them."""
    described = DESCRIPTOR.search(before)
    words = described.group(1).split() if described else []
    while words and words[0].lower() in {"the", "a", "an"}:
        words.pop(0)
    return slug(" ".join([name, *words]))


def first_lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def either_case(labels: list[str]) -> re.Pattern[str]:
    """Whole-word alternation of the labels, longest first, each with either case of its first letter."""
    ordered = sorted(set(labels), key=lambda a: (-len(a), a))
    alternatives = [f"[{re.escape(a[0].lower())}{re.escape(a[0].upper())}]{re.escape(a[1:])}" for a in ordered]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


def name_words(run: str) -> list[str]:
    return [w for w in run.split() if not TITLES.match(w)]


def _common_prefix(a: str, b: str) -> str:
    size = 0
    while size < min(len(a), len(b)) and a[size] == b[size]:
        size += 1
    return a[:size]
