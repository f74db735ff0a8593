"""Free text made safe to keep: identifiers and person names replaced by typed placeholders.

Structured identifiers (identifiers.py) are found first, by pattern and checksum; person names then
(names.py: a model, gazetteers, context and fail-closed rules, united), outside those spans.
`J'ai vu Jean Dupont, 06 12 34 56 78` becomes `J'ai vu <PERSON>, <PHONE>`. The same text is scrubbed
once: a cache keeps recent results, which matters for attributes that repeat.

    names = strict_names(languages=["fr", "en"], vocabulary=["Castellane", "dépôt sauvage"])
    Scrubber(names).scrub(texts)    # Scrubber(None): structured identifiers only
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

from pseudonymisation.identifiers import Span, find_identifiers
from pseudonymisation.names import NAMES_MODEL, NameFinder, SpacyNames, strict_names

__all__ = ["NAMES_MODEL", "NameFinder", "Scrubber", "SpacyNames", "apply", "placeholder", "strict_names"]


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


def outside(text: str, spans: Sequence[Span], taken: Sequence[Span]) -> list[Span]:
    """The parts of `spans` outside `taken` that still hold a letter or a digit."""
    out = []
    for span in spans:
        pieces = [(span.start, span.end)]
        for other in taken:
            pieces = [
                piece
                for start, end in pieces
                for piece in ((start, min(end, other.start)), (max(start, other.end), end))
                if piece[0] < piece[1]
            ]
        for start, end in pieces:
            while start < end and not text[start].isalnum():
                start += 1
            while end > start and not text[end - 1].isalnum():
                end -= 1
            if start < end:
                out.append(Span(start, end, span.type))
    return out


class Scrubber:
    def __init__(self, names: NameFinder | None, cache_size: int = 50_000) -> None:
        self._names = names
        self._cache: OrderedDict[str, str] = OrderedDict()
        self._cache_size = cache_size

    def spans(self, texts: Sequence[str]) -> list[list[Span]]:
        """What would be replaced in each text: identifiers, then names outside them (a name that
        overlaps an identifier keeps the part that sticks out)."""
        found = [find_identifiers(text) for text in texts]
        if self._names is not None and texts:
            for text, spans, names in zip(texts, found, self._names(texts), strict=True):
                spans.extend(outside(text, names, spans))
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
