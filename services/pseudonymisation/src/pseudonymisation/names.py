"""Person names in free text, found by several methods whose spans are united: a leak costs more
than a placeholder too many.

- `SpacyNames`: the PER entities of a statistical model (spaCy's French pipeline).
- `RuleNames` (name_rules.py): gazetteers, context and the fail-closed rule, per token;
- `ContextNames` (name_contexts.py), `SignOffs` (sign_offs.py): names announced by what surrounds them;
- `LinkedNames` (name_links.py): the names tied to those found.
- `NameEnsemble`: the union of the finders, overlapping or touching spans merged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Protocol

from pseudonymisation.lexicon import Lexicon, fold
from pseudonymisation.name_rules import WORD, RuleNames, adjacent_text
from pseudonymisation.name_words import (
    CALENDAR,
    FORM_WORDS,
    ROLES,
    TITLES,
)
from pseudonymisation.spans import Span

NAMES_MODEL = "fr_core_news_md"


class NameFinder(Protocol):
    def __call__(self, texts: Sequence[str]) -> list[list[Span]]: ...


class SpacyNames:
    """Person names: the PER entities of a spaCy pipeline, for many texts at once."""

    def __init__(self, model: str = NAMES_MODEL) -> None:
        import spacy

        self._nlp = spacy.load(model, disable=["parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter"])

    def __call__(self, texts: Sequence[str]) -> list[list[Span]]:
        return [
            [Span(e.start_char, e.end_char, "PERSON") for e in doc.ents if e.label_ == "PER"]
            for doc in self._nlp.pipe(texts, batch_size=64)
        ]


class VocabularyFiltered:
    """A finder whose spans that are wholly a vocabulary phrase ("Castellane") are dropped, and so are
    those whose every word is a form word or an operator's abbreviation ("usgr", "Callback"), or a
    known word of the city's languages that no gazetteer has as a name ("Reported", "white van")."""

    def __init__(self, finder: NameFinder, lexicon: Lexicon, known: float = 2.5) -> None:
        self._finder = finder
        self._lexicon = lexicon
        self._known = known

    def __call__(self, texts: Sequence[str]) -> list[list[Span]]:
        out = []
        for text, spans in zip(texts, self._finder(texts), strict=True):
            out.append([s for s in spans if not self._no_name(text[s.start : s.end])])
        return out

    def _no_name(self, span: str) -> bool:
        if self._lexicon.is_vocabulary(span):
            return True
        words = WORD.findall(span)
        return bool(words) and all(self._no_name_word(w) for w in words)

    def _no_name_word(self, token: str) -> bool:
        folded = fold(token)
        if folded in FORM_WORDS or folded in ROLES or folded in TITLES or folded in CALENDAR:
            return True
        word = self._lexicon.word(token)
        return word.vocabulary or (word.zipf >= self._known and not word.name)


# Places that bear a name: the name after a street or place type ("rue Jean Moulin", "parc des Buttes", "marché de
# Noël", "arrêt Les Peupliers"), or before an English one ("Hawthorn Lane", "Victoria Park", "the Crown & Anchor").
PLACE_BEFORE = re.compile(
    r"(?<!\bde\s)(?<!\bd['’])(?i:\b(?:rue|ruelle|avenue|boulevard|place|quai|impasse|all[ée]e|chemin|route|square"
    r"|cours|passage|parc|jardins?|cit[ée]|r[ée]sidence|esplanade|parvis|pont|carrefour|lieu-dit|arr[êe]t|station|m[ée]tro"
    r"|gare|march[ée]|quartier|lotissement|plage|bois|for[êe]t|promenade|(?:av|bd|bld|pl|imp|ch|rte|sq)\.?)\s+"
    r"(?:(?:de\s+la|de\s+l['’]|des|du|de|d['’])\s*)?)$"
)
PLACE_TYPES = (
    r"Lane|Road|Rd|Street|St|Avenue|Ave|Crescent|Way|Grove|Gardens|Park|Close|Drive|Dr|Court|Ct|Place|Square|Terrace"
    r"|Mall|Hall|Bridge|Green|Hill|Row|Walk|Blvd|Boulevard|Jr|Mews|Parade|Rise|Centre|Center|Plaza|Estate|Market|Arms"
    r"|Inn|Tavern|Hotel|Church|School|Station|Library|Stadium"
)
PLACE_AFTER = re.compile(r"^(?:\s+(?:" + PLACE_TYPES + r")\b|\s*&\s*[A-Z])")
PLACE_END = re.compile(r"\s(?:" + PLACE_TYPES + r")$")


def names_a_place(text: str, span: Span) -> bool:
    """Whether a span found as a name is the name of a street, a place or a venue."""
    if re.match(r"[A-Z]\.", text[span.start : span.start + 2]):
        return False  # an initial: "l'éducateur I. Fraser"
    before = text[max(0, span.start - 40) : span.start]
    after = text[span.end : span.end + 20]
    return bool(PLACE_BEFORE.search(before) or PLACE_AFTER.match(after) or PLACE_END.search(text[span.start : span.end]))


class PlacesDropped:
    """A finder whose spans that name a street, a place or a venue are dropped (see `names_a_place`)."""

    def __init__(self, finder: NameFinder) -> None:
        self._finder = finder

    def __call__(self, texts: Sequence[str]) -> list[list[Span]]:
        return [[s for s in spans if not names_a_place(text, s)] for text, spans in zip(texts, self._finder(texts), strict=True)]


class NameEnsemble:
    """The union of several finders' spans, overlapping or touching ones merged into one."""

    def __init__(self, finders: Sequence[NameFinder]) -> None:
        self._finders = tuple(finders)

    def __call__(self, texts: Sequence[str]) -> list[list[Span]]:
        found: list[list[Span]] = [[] for _ in texts]
        for finder in self._finders:
            for spans, more in zip(found, finder(texts), strict=True):
                spans.extend(more)
        return [merge(text, spans) for text, spans in zip(texts, found, strict=True)]


def merge(text: str, spans: Iterable[Span]) -> list[Span]:
    out: list[Span] = []
    for span in sorted(spans):
        if out and (span.start < out[-1].end or adjacent_text(text, out[-1].end, span.start)):
            out[-1] = Span(out[-1].start, max(out[-1].end, span.end), "PERSON")
        else:
            out.append(Span(span.start, span.end, "PERSON"))
    return out


def strict_names(languages: Sequence[str], vocabulary: Iterable[str] = (), model: str | None = NAMES_MODEL) -> NameFinder:
    """Every method at once: the model (if `model`), gazetteers, context and fail-closed rules; then the names
    tied to those found (name_links.py)."""
    # They read this module's word lists.
    from pseudonymisation.name_contexts import ContextNames
    from pseudonymisation.name_links import LinkedNames
    from pseudonymisation.sign_offs import SignOffs

    lexicon = Lexicon(languages, vocabulary)
    finders: list[NameFinder] = [PlacesDropped(RuleNames(lexicon)), ContextNames(lexicon), SignOffs(lexicon)]
    if model:
        finders.insert(0, PlacesDropped(VocabularyFiltered(SpacyNames(model), lexicon)))
    return LinkedNames(NameEnsemble(finders), lexicon)
