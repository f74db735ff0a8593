"""Free text made safe to keep: identifiers and person names replaced by typed placeholders.

Structured identifiers (identifiers.py) are found first, by pattern and checksum; person names
then by a named-entity model, outside those spans. `J'ai vu Jean Dupont, 06 12 34 56 78` becomes
`J'ai vu <PERSON>, <PHONE>`. The same text is scrubbed once: a cache keeps recent results, which
matters for attributes that repeat.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Protocol

from pseudonymisation.identifiers import Span, find_identifiers

# spaCy's French pipeline: its medium model finds every person name of the test corpus, the
# small one misses about one in twenty (tests/unit/test_scrubbing.py measures both types).
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


def placeholder(kind: str) -> str:
    return f"<{kind}>"


def apply(text: str, spans: Sequence[Span]) -> str:
    out, at = [], 0
    for span in sorted(spans):
        out.append(text[at : span.start])
        out.append(placeholder(span.type))
        at = span.end
    out.append(text[at:])
    return "".join(out)


class Scrubber:
    def __init__(self, names: NameFinder | None, cache_size: int = 50_000) -> None:
        self._names = names
        self._cache: OrderedDict[str, str] = OrderedDict()
        self._cache_size = cache_size

    def spans(self, texts: Sequence[str]) -> list[list[Span]]:
        """What would be replaced in each text: identifiers, then names that do not overlap them."""
        found = [find_identifiers(text) for text in texts]
        if self._names is not None and texts:
            for spans, names in zip(found, self._names(texts), strict=True):
                spans.extend(n for n in names if all(n.end <= s.start or n.start >= s.end for s in spans))
                spans.sort()
        return found

    def scrub(self, texts: Sequence[str]) -> list[str]:
        """Each text with what identifies a person replaced; one model pass for all the new ones."""
        fresh = list(dict.fromkeys(t for t in texts if t not in self._cache))
        for text, spans in zip(fresh, self.spans(fresh), strict=True):
            self._cache[text] = apply(text, spans)
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        out = []
        for text in texts:
            scrubbed = self._cache.get(text)
            if scrubbed is None:  # evicted by this very batch: scrub it again, alone
                scrubbed = apply(text, self.spans([text])[0])
            out.append(scrubbed)
        return out
