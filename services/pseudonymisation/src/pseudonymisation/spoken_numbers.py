"""Numbers written in words, French and English, as speech-to-text writes them: found with their offsets.

A run is a stretch of number words ("zéro six, quatre-vingt-seize, euh vingt-sept", "oh seven seven double-oh
nine", "dix-neuf cent soixante-trois", "twenty-sixth") with the commas, hyphens, fillers ("euh", "um") and joining
words ("vingt et un", "hundred and five") between them, and digits of one to three figures among them. A run reads
as groups, each a number said at once ("quatre-vingt-dix-sept" is 97, "sept cent quarante-huit" 748, "double four"
44); its digits are the groups' digits one after the other ("nineteen eighty-seven" is 1987).

`digitised(text)` writes each run as its digits, right-aligned in the run's own width, so that the written-date and
address patterns read spoken ones at the same offsets; `widen` then stretches a span found there over the words.
Pure.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pseudonymisation.lexicon import fold
from pseudonymisation.spans import Span

# Every number word, folded, by value; "oh" is a zero only inside a run (alone it is a sigh).
_CARDINALS = {
    0: "zero oh",
    1: "un une one",
    2: "deux two",
    3: "trois three",
    4: "quatre four",
    5: "cinq five",
    6: "six",
    7: "sept seven",
    8: "huit eight",
    9: "neuf nine",
    10: "dix ten",
    11: "onze eleven",
    12: "douze twelve",
    13: "treize thirteen",
    14: "quatorze fourteen",
    15: "quinze fifteen",
    16: "seize sixteen",
    17: "seventeen",
    18: "eighteen",
    19: "nineteen",
    20: "vingt vingts twenty",
    30: "trente thirty",
    40: "quarante forty",
    50: "cinquante fifty",
    60: "soixante sixty",
    70: "septante seventy",
    80: "huitante octante eighty",
    90: "nonante ninety",
    100: "cent cents hundred",
    1000: "mille thousand",
}
# Ordinals end a run: "march second nineteen ninety-three" is the 2nd, then 1993.
_ORDINALS = {
    1: "premier premiere first",
    2: "second",
    3: "third",
    4: "fourth",
    5: "fifth",
    6: "sixth",
    7: "seventh",
    8: "eighth",
    9: "ninth",
    10: "tenth",
    11: "eleventh",
    12: "twelfth",
    13: "thirteenth",
    14: "fourteenth",
    15: "fifteenth",
    16: "sixteenth",
    17: "seventeenth",
    18: "eighteenth",
    19: "nineteenth",
    20: "twentieth",
    30: "thirtieth",
}
CARDINAL = {word: value for value, words in _CARDINALS.items() for word in words.split()}
ORDINAL = {word: value for value, words in _ORDINALS.items() for word in words.split()}
REPEAT = {"double": 2, "triple": 3}
# Words said between the numbers of a run without breaking it.
FILLERS = frozenset("euh heu hum hmm um uh er erm ah".split())
JOINS = frozenset({"et", "and"})  # "vingt et un", "hundred and five": only between two numbers
# Words that are numbers too rarely to start or make a run alone (an article, a sigh).
WEAK = frozenset({"un", "une", "one", "oh"})

TOKEN = re.compile(r"[^\W\d_]+|\d+")
GAP = re.compile(r"[\s,\-–]*")  # what may stand between two words of a run
PHONE_GROUPS, PHONE_DIGITS = 3, 6
MAX_DIGIT_TOKEN = 3  # a longer number among words is a year or a reference, not a spoken group


@dataclass(frozen=True)
class Run:
    start: int
    end: int
    groups: tuple[str, ...]  # the digits of each number said
    spelled: int  # how many of its words are number words (not digits)

    @property
    def digits(self) -> str:
        return "".join(self.groups)


@dataclass
class _Group:
    value: int = 0
    last: int = -1  # the value of the word last added, -1 before any
    text: str | None = None  # a repeated digit ("double four": "44") is kept as it is said

    def digits(self) -> str:
        return self.text if self.text is not None else str(self.value)


def _extends(group: _Group, value: int) -> bool:
    """Whether `value` said after `group` is part of the same number ("soixante" + "dix", "sept" + "cent")."""
    if group.last < 0 or group.text is not None or group.last == 0:
        return False
    below_thousand = group.value % 1000
    if value == 100:  # "sept cent", "dix-neuf cent", "mille neuf cent"
        return 0 < below_thousand < 100 and group.last < 100
    if value == 1000:
        return group.value < 1000
    if value == 20 and group.last == 4:  # quatre-vingt(s)
        return True
    if group.last >= 100:
        return value < group.last and below_thousand % 100 == 0
    if group.last in (60, 80) and 10 <= value < 20:  # soixante-dix-sept, quatre-vingt-onze
        return True
    if group.last == 10 and 7 <= value <= 9:  # dix-sept, dix-huit, dix-neuf
        return True
    return 20 <= group.last < 100 and group.last % 10 == 0 and 1 <= value <= 9


def _add(group: _Group, value: int) -> None:
    below_thousand = group.value % 1000
    if value == 100:
        group.value += below_thousand * 99
    elif value == 1000:
        group.value *= 1000
    elif value == 20 and group.last == 4:
        group.value, value = group.value + 76, 80
    else:
        group.value += value
    group.last = value


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), fold(m.group(0))) for m in TOKEN.finditer(text)]


def _is_number(word: str) -> bool:
    return word in CARDINAL or word in ORDINAL or word in REPEAT or (word.isdigit() and len(word) <= MAX_DIGIT_TOKEN)


def _read(tokens: list[tuple[int, int, str]]) -> tuple[list[str], bool]:
    """The groups a run's number words say, and whether its last word was an ordinal."""
    groups: list[_Group] = []
    repeat = 0
    for _start, _end, word in tokens:
        if word in REPEAT:
            repeat = REPEAT[word]
            continue
        if word.isdigit():
            groups.append(_Group(int(word), 0, word))
            continue
        value = CARDINAL.get(word, ORDINAL.get(word))
        if repeat and value < 10:
            groups.append(_Group(value, 0, str(value) * repeat))
        elif groups and _extends(groups[-1], value):
            _add(groups[-1], value)
        else:
            groups.append(_Group(value, value))
        repeat = 0
    return [g.digits() for g in groups], bool(tokens) and tokens[-1][2] in ORDINAL


def _run(text: str, tokens: list[tuple[int, int, str]]) -> Run | None:
    numbers = [t for t in tokens if t[2] not in FILLERS and t[2] not in JOINS]
    while numbers and numbers[-1][2] in REPEAT:
        numbers.pop()
    spelled = [t for t in numbers if not t[2].isdigit()]
    if not spelled or all(t[2] in WEAK for t in spelled) and len(numbers) == 1:
        return None
    groups, _ = _read(numbers)
    return Run(numbers[0][0], numbers[-1][1], tuple(groups), len(spelled))


@functools.lru_cache(maxsize=4096)
def runs(text: str) -> tuple[Run, ...]:
    """Every run of number words in `text`, in order."""
    found: list[Run] = []
    words = _words(text)
    i = 0
    while i < len(words):
        if not _is_number(words[i][2]) or words[i][2] in JOINS:
            i += 1
            continue
        taken = [words[i]]
        j = i + 1
        while j < len(words) and taken[-1][2] not in ORDINAL:
            word = words[j]
            if GAP.fullmatch(text, taken[-1][1], word[0]) is None:
                break
            linking = word[2] in FILLERS or word[2] in JOINS
            if not (_is_number(word[2]) or linking):
                break
            taken.append(word)
            j += 1
        while taken and (taken[-1][2] in FILLERS or taken[-1][2] in JOINS):
            taken.pop()
        run = _run(text, taken)
        if run is not None:
            found.append(run)
        i = j
    return tuple(found)


@functools.lru_cache(maxsize=4096)
def digitised(text: str) -> str:
    """`text` with each run written as its digits, right-aligned in the run's width (spaces before)."""
    out, at = [], 0
    for run in runs(text):
        width = run.end - run.start
        if len(run.digits) > width:
            continue
        out.append(text[at : run.start])
        out.append(run.digits.rjust(width))
        at = run.end
    out.append(text[at:])
    return "".join(out)


def spoken_phones(text: str) -> list[Span]:
    """Runs that say a phone number: three groups or more and six digits or more (fail closed: a spoken
    reference of that length is masked too; counts, times and years are said in one or two groups)."""
    return [
        Span(run.start, run.end, "PHONE")
        for run in runs(text)
        if len(run.groups) >= PHONE_GROUPS and len(run.digits) >= PHONE_DIGITS
    ]


def widen(text: str, span: Span) -> Span | None:
    """A span found in `digitised(text)` stretched over the whole runs it touches; None if it touches none
    (the text as written finds it already)."""
    start, end, touched = span.start, span.end, False
    for run in runs(text):
        if run.start < span.end and span.start < run.end:
            start, end, touched = min(start, run.start), max(end, run.end), True
    return Span(start, end, span.type) if touched else None
