"""Names tied to another name or to a family word, found after the other finders have run.

- children named by a parent: "la maman de léna", "papa de Théo et moussa", "mes enfants Harper, nour et Ava",
  "Amir's mum" (first names of the gazetteers, in any case);
- every other mention, in any case, of a word already found as a name: "Amir's mum, amir is in 2nd grade";
- a surname before a comma at a field's start: "Citoyen : St. Clair, Priya", "Lemaire, Kenza, kenza@...";
- a saint's particle before a surname ("St. Clair-Williams", "ST. CLAIR") and a surname in capitals after a first
  name ("Sanjay D'SOUZA");
- a name before a nurse's or a doctor's credential: "MacDonald, RN"; staff initials after "Fwd by".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from pseudonymisation.lexicon import Lexicon, fold
from pseudonymisation.name_contexts import CLOSINGS, NOT_SIGNATURE
from pseudonymisation.name_words import CALENDAR, FORM_WORDS, PARTICLES, ROLES, STREET_WORDS, TITLES
from pseudonymisation.names import NameFinder, merge
from pseudonymisation.spans import Span

WORD = r"[^\W\d_]+(?:['’\-][^\W\d_]+)*"
# A parent's or a child's word, then the children's first names: "maman de", "the dad of", "mes enfants".
KIN = re.compile(
    r"\b(?:(?:maman|papa|m[èe]re|p[èe]re|parents?|mum|mom|mummy|mommy|dad|daddy|mother|father)\s+(?:de|d['’]|of)"
    r"|(?:mes|nos|my|our)\s+(?:enfants|fils|filles?|gar[çc]ons?|petits?-enfants|kids|children|sons?|daughters?|boys?|girls?))"
    r"\s*(?:(?:la|le|l['’]|du|des)\s*)?",
    re.IGNORECASE,
)
POSSESSIVE_KIN = re.compile(
    r"(?<![\w'’])(?P<name>" + WORD + r")['’]s\s+(?:mum|mom|mummy|mommy|dad|daddy|mother|father|parents?|nan|gran|granny)\b"
)
# What joins the names of a list: "Harper, nour et Ava", "Inaya et de Nour".
LIST_JOIN = re.compile(r"\s*(?:,|&|\bet\b|\band\b)\s*(?:(?:de|d['’]|of)\s*)?", re.IGNORECASE)
CHILD = re.compile(WORD)
# A surname and a comma at a field's start, before a first name found: ": Harris, Rajesh", ". Lemaire, Kenza".
SURNAME_FIRST = re.compile(r"(?:^|[:.;\n])[ \t]*(?P<name>(?P<saint>(?i:st|ste|saint|sainte)\.?[ \t]+)?[A-ZÀ-Ý][\w'’\-]*),[ \t]*$")
SAINT_BEFORE = re.compile(r"(?<![\w.])(?i:st|ste)\.[ \t]*$")
CAPITALS_AFTER = re.compile(r"[ \t](?P<name>[A-ZÀ-Ý][A-ZÀ-Ý'’\-]*[A-ZÀ-Ý])(?![\w'’\-])")
# Staff initials after who passed the text on: "Fwd by CF - Roads to Parks".
PASSED_BY = re.compile(r"\b(?i:fwd|fw|forwarded|transf[ée]r[ée]e?|logged|handled)\s+(?i:by|par)\s+(?P<name>[A-Z]{2,3})(?!\w)")
CREDENTIAL = re.compile(r"(?<![\w'’\-])(?P<name>[A-ZÀ-Ý][\w'’\-]+),?[ \t]+(?:RN|LPN|NP|MD|EMT|PA-C|DO|RGN|RMN)(?!\w)")
# Words of speech and of names' joints, never a child's name nor spread ("euh", "van").
NO_FIRST_NAME = PARTICLES | frozenset("euh heu hum um uh er ah oh bah ben bon voila".split())
# Names commoner than these are words first: "rose" and "pierre" in lower case, "Park" and "Principal"; a name
# spread to its other mentions is rarer still ("Salle" does not make every "salle" a name).
CHILD_NAME_ZIPF, SURNAME_ZIPF, MENTION_ZIPF = 5.2, 4.5, 4.0


class LinkedNames:
    """A finder whose spans are completed with the names tied to them, and the children a parent names."""

    def __init__(self, finder: NameFinder, lexicon: Lexicon) -> None:
        self._finder = finder
        self._lexicon = lexicon

    def __call__(self, texts: Sequence[str]) -> list[list[Span]]:
        return [self.complete(text, spans) for text, spans in zip(texts, self._finder(texts), strict=True)]

    def complete(self, text: str, spans: list[Span]) -> list[Span]:
        found = merge(text, [*spans, *self._children(text), *_credentials(text)])
        found = merge(text, [*found, *self._around(text, found)])
        return merge(text, [*found, *self._mentions(text, found)])

    def _children(self, text: str) -> Iterator[Span]:
        for match in POSSESSIVE_KIN.finditer(text):
            if self._first_name(match.group("name")):
                yield Span(match.start("name"), match.end("name"), "PERSON")
        for match in KIN.finditer(text):
            at = match.end()
            for _ in range(4):
                word = CHILD.match(text, at)
                if word is None or not self._first_name(word.group(0)):
                    break
                yield Span(word.start(), word.end(), "PERSON")
                join = LIST_JOIN.match(text, word.end())
                if join is None or join.end() == word.end():
                    break
                at = join.end()

    def _mentions(self, text: str, spans: list[Span]) -> Iterator[Span]:
        """Every other mention, in any case, of a word found as a name that is no common word ("Amir's mum,
        amir is")."""
        found = {w for s in spans for w in re.findall(WORD, text[s.start : s.end]) if self._first_name(w, MENTION_ZIPF)}
        words = {fold(w) for w in found}
        for match in re.finditer(WORD, text):
            if fold(match.group(0)) in words:
                yield Span(match.start(), match.end(), "PERSON")

    def _around(self, text: str, spans: list[Span]) -> Iterator[Span]:
        """What a found name carries with it: a surname before a comma, a saint's particle, a surname in capitals."""
        in_capitals = text.upper() == text
        for span in spans:
            before = text[max(0, span.start - 40) : span.start]
            surname = SURNAME_FIRST.search(before)
            if surname and (surname.group("saint") or self._surname(surname.group("name"))):
                yield Span(span.start - len(before) + surname.start("name"), span.start, "PERSON")
            saint = SAINT_BEFORE.search(before)
            if saint:
                yield Span(span.start - len(before) + saint.start(), span.start, "PERSON")
            # Only after a name not itself in capitals: "Sanjay D'SOUZA", not "DATE OF BIRTH".
            after = CAPITALS_AFTER.match(text, span.end)
            name = text[span.start : span.end]
            if after and not in_capitals and name.upper() != name and self._surname(after.group("name")):
                yield Span(span.start, after.end("name"), "PERSON")

    def _surname(self, token: str) -> bool:
        folded = fold(token)
        if folded in NOT_SIGNATURE or folded in CLOSINGS or folded in STREET_WORDS or folded in TITLES or folded in ROLES:
            return False
        entry = self._lexicon.word(token)
        return not entry.vocabulary and entry.zipf < (SURNAME_ZIPF if entry.surname else 3)

    def _first_name(self, token: str, commonest: float = CHILD_NAME_ZIPF) -> bool:
        folded = fold(token)
        if folded in NO_FIRST_NAME or folded in FORM_WORDS or folded in CALENDAR or folded in ROLES or folded in TITLES:
            return False
        entry = self._lexicon.word(token)
        return not entry.vocabulary and (entry.given and entry.zipf < commonest or token[0].isupper() and entry.zipf < 3)


def _credentials(text: str) -> Iterator[Span]:
    """A name before a credential, and staff initials after who passed the text on."""
    for pattern in (CREDENTIAL, PASSED_BY):
        for match in pattern.finditer(text):
            yield Span(match.start("name"), match.end("name"), "PERSON")
