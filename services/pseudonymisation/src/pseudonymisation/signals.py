"""Free text reduced to the signals the city declares: counts of terms, never the text. Pure.

The city profile lists, per kind, each signal with the words and phrases that show it in the
city's languages (`tapage: [tapage, tapage nocturne, noise, loud music]`). A text is folded (case,
accents, apostrophes, runs of spaces) and each declared phrase is matched whole, longest first:
`Tapage nocturne au 3e, encore du TAPAGE` gives `{tapage: 2}`. Nothing else of the text goes on,
so nothing in it can identify a person downstream.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping

_APOSTROPHES = str.maketrans({"’": "'", "`": "'", "´": "'", "\u02bc": "'"})
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower case, without accents, one kind of apostrophe, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_APOSTROPHES))
    return _SPACES.sub(" ", "".join(c for c in decomposed if not unicodedata.combining(c)))


class SignalFinder:
    """The declared signals of one kind, compiled once."""

    def __init__(self, terms: Mapping[str, list[str]]) -> None:
        self._term_of: dict[str, str] = {}
        for term, variants in terms.items():
            for variant in variants:
                folded = fold(variant).strip()
                other = self._term_of.setdefault(folded, term)
                if other != term:
                    raise ValueError(f"{variant!r} shows both {other!r} and {term!r}: a phrase shows one signal")
        phrases = sorted(self._term_of, key=len, reverse=True)  # "tapage nocturne" before "tapage"
        alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
        self._pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if phrases else None

    def __call__(self, text: str) -> Counter[str]:
        found: Counter[str] = Counter()
        if self._pattern is None or not text:
            return found
        for match in self._pattern.finditer(fold(text)):
            found[self._term_of[_SPACES.sub(" ", match.group(0))]] += 1
        return found


def signal_finders(signals: Mapping[str, Mapping[str, list[str]]]) -> dict[str, SignalFinder]:
    """A finder per kind of the city profile's `signals`."""
    return {kind: SignalFinder(terms) for kind, terms in signals.items()}
