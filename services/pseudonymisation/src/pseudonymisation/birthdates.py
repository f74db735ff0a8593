"""Dates of birth in free text, in every written form, French and English.

A date is a date of birth when a birth context stands before it ("né le", "NÉ(E) LE", "ne le",
"date de naissance donnée par l'usager :", "DDN", "DOB", "D.O.B.", "born on", "b.", "birthdate"), then
even a partial one ("né en 1985", "DDN 03/1985", "né le 3 mars"); and, fail-closed, any full date
(day, month, year) at least `MIN_AGE` years before the current year, whatever stands before it: an
incident is recent, a person's birth is not. Written forms: 12/03/1987, 12.03.87, 12-3-1987,
12 03 1987, 1987-03-12, 12 mars 1987, 1er mars 1987, 3 MARS 1985, 12 sept. 1987, 21-May-1942, 12th March 1987,
March 12th, 1987, Mar 12 1987, and run together after a birth context (20051982, 19820520). A year in brackets
after a name ("JACCARD Fabrice (1951)") is one too, if old enough. Pure.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from pseudonymisation.lexicon import fold
from pseudonymisation.spans import Span
from pseudonymisation.spoken_numbers import digitised, widen

MIN_AGE = 10  # a full date this many years back or more is masked as a date of birth

_MONTH_WORDS = {
    1: "janvier janv jan january",
    2: "fevrier fevr fev feb february",
    3: "mars mar march",
    4: "avril avr apr april",
    5: "mai may",
    6: "juin jun june",
    7: "juillet juil jul july",
    8: "aout aou aug august",
    9: "septembre sept sep september",
    10: "octobre oct october",
    11: "novembre nov november",
    12: "decembre dec december",
}
MONTH_NUMBER = {word: number for number, words in _MONTH_WORDS.items() for word in words.split()}
MONTH = (
    r"(?:janv(?:ier)?|jan(?:uary)?|f[ée]vr?(?:ier)?|feb(?:ruary)?|mars|mar(?:ch)?|avr(?:il)?|apr(?:il)?|mai|may"
    r"|juin|june?|juil(?:let)?|july?|ao[uû]t|aug(?:ust)?|sept(?:embre|ember)?|sep|oct(?:obre|ober)?"
    r"|nov(?:embre|ember)?|d[ée]c(?:embre|ember)?)(?![^\W\d_])\.?"
)
DAY = r"(?:1er|1re|1st|2nd|3rd|\d{1,2}(?:th|st|nd|rd|e|er|ème|eme)?)(?![\d\w])"
YEAR = r"(?:(?:19|20)\d{2}|'\d{2})"
DATES = re.compile(
    # 12/03/1987, 12.03.87, 12-3-1987, 12 03 1987 (a space only before a 4-digit year)
    r"(?<![\d/.\-])(?P<d1>\d{1,2})\s?(?P<s>[/.\-])\s?(?P<m1>\d{1,2})\s?(?P=s)\s?(?P<y1>\d{4}|\d{2})(?![\d/\-]|\.\d)"
    r"|(?<![\d/.\-])(?P<d5>\d{1,2}) (?P<m5>\d{1,2}) (?P<y5>(?:19|20)\d{2})(?![\d/\-]|\.\d)"
    # 1987-03-12, 1987/03/12, 1987.03.12
    r"|(?<![\d/.\-])(?P<y2>(?:19|20)\d{2})(?P<t>[/.\-])(?P<m2>\d{1,2})(?P=t)(?P<d2>\d{1,2})(?![\d/\-]|\.\d)"
    # 12 mars 1987, 1er mars 1987, 12th of March 1987, 12 sept. 87, 3 mars (a year is optional)
    r"|(?<![\w/.])(?P<d3>"
    + DAY
    + r")(?:\s*[\-/]\s*|\s*)(?:of\s+|de\s+)?(?P<m3>"
    + MONTH
    + r")(?:\s*[,\-/]?\s*(?:de\s+)?(?P<y3>"
    + YEAR
    + r"|\d{2}(?!\d|\s?[hH:]\d)))?"  # "4 octobre 11H36": a time, no year
    # March 12, 1987, Mar 12th 1987, March 12
    r"|(?<![\w/.])(?P<m4>" + MONTH + r")\s*(?P<d4>" + DAY + r")(?!\s*[:h]\d)(?:\s*,?\s*(?P<y4>" + YEAR + r"))?"
    # 03/1985, mars 1985, 1985 (only after a birth context)
    r"|(?<![\d/.\-])(?P<m6>\d{1,2})\s?[/.\-]\s?(?P<y6>(?:19|20)\d{2})(?![\d/\-])"
    r"|(?<![\w/.])(?P<m7>" + MONTH + r")\s*(?P<y7>(?:19|20)\d{2})"
    r"|(?<![\w/.\-])(?P<y8>(?:19|20)\d{2})(?![\w/\-]|\.\d)"
    # 20051982, 19820520, 200582: digits run together (only after a birth context)
    r"|(?<![\w/.\-])(?P<compact>\d{6}|\d{8})(?![\w/\-]|[.,]\d)",
    re.IGNORECASE,
)
# A year in brackets after a name, as registers and logs give an age: "JACCARD Fabrice (1951)", "Ciarán Hegarty (1956)".
YEAR_AFTER_NAME = re.compile(r"(?<=[^\W\d_])[ \t]?\([ \t]?(?:°|\*|b\.|n[ée]e?\s)?[ \t]?(?P<year>(?:19|20)\d{2})[ \t]?\)")
BIRTH_CONTEXT = re.compile(
    r"(?:\bn[ée]{1,2}s?(?:\s?\(\s?e\s?\)|\s?\(s\))?\s+(?:le|en|à|a|au|in|on)\b"
    r"|\bdate\s+(?:de\s+)?naiss(?:ance|\.)?|\bnaissance|\bnaiss\.|\bd\.?d\.?n\b\.?|\bborn\b|(?<![\w.])b\."
    r"|\bdate\s+of\s+birth|\bbirth\s*-?\s*date|\bbirthday|\bd\.?o\.?b\b\.?|\banniversaire)"
    r"[^\d\n]{0,50}$",
    re.IGNORECASE,
)


# A date that names a street ("allée du 8-Mai-1945") is no one's birth.
STREET_BEFORE = re.compile(
    r"\b(?:rue|all[ée]e|avenue|av\.?|boulevard|bd|place|pl\.?|quai|cours|square|impasse|chemin|route|villa|passage"
    r"|pont|parc|r[ée]sidence|cit[ée])\s+(?:du|de\s+la|des|de)\s+$",
    re.IGNORECASE,
)


def _year(text: str, this_year: int) -> int:
    digits = text.lstrip("'")
    if len(digits) == 4:
        return int(digits)
    year = int(digits)
    return 2000 + year if 2000 + year <= this_year else 1900 + year


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group(0)) if text and text[0].isdigit() else 0


def _month(text: str) -> int:
    return MONTH_NUMBER.get(fold(text).rstrip("."), 0)


def _parse(match: re.Match, this_year: int) -> tuple[int, int, int, bool] | None:
    """(year or 0, month or 0, day or 0, full) if the match is a possible date, else None."""
    g = match.groupdict()
    if g["d1"] is not None or g["d5"] is not None:
        day, month, year = (g["d1"], g["m1"], g["y1"]) if g["d1"] is not None else (g["d5"], g["m5"], g["y5"])
        day, month = int(day), int(month)
        if month > 12 and day <= 12:  # the American order, 03/12/1987
            day, month = month, day
        return (_year(year, this_year), month, day, True) if 1 <= day <= 31 and 1 <= month <= 12 else None
    if g["y2"] is not None:
        month, day = int(g["m2"]), int(g["d2"])
        return (int(g["y2"]), month, day, True) if 1 <= day <= 31 and 1 <= month <= 12 else None
    for d, m, y in (("d3", "m3", "y3"), ("d4", "m4", "y4")):
        if g[m] is not None:
            day, month = _day(g[d]), _month(g[m])
            if not (1 <= day <= 31 and month):
                return None
            year = _year(g[y], this_year) if g[y] else 0
            return year, month, day, bool(year)
    if g["m6"] is not None:
        return (int(g["y6"]), int(g["m6"]), 0, False) if 1 <= int(g["m6"]) <= 12 else None
    if g["m7"] is not None:
        return (int(g["y7"]), _month(g["m7"]), 0, False) if _month(g["m7"]) else None
    if g["compact"] is not None:
        return _compact(g["compact"], this_year)
    return int(g["y8"]), 0, 0, False


def _compact(digits: str, this_year: int) -> tuple[int, int, int, bool] | None:
    """A date written without separators: day, month, year (20051982, 200582), or year first (19820520).
    Never full: a run of digits is a date only after a birth context."""
    orders = [(digits[4:], digits[2:4], digits[:2])]
    if len(digits) == 8:
        orders.append((digits[:4], digits[4:6], digits[6:]))
    for year, month, day in orders:
        if (len(year) == 2 or year[:2] in ("19", "20")) and 1 <= int(month) <= 12 and 1 <= int(day) <= 31:
            return _year(year, this_year), int(month), int(day), False
    return None


def birth_dates(text: str, this_year: int | None = None) -> Iterator[Span]:
    """Dates of birth written in figures or in words ("vingt et un juillet quatre-vingts", "nineteen eighty-seven"
    after a birth context): the spoken ones read in the text with its numbers written as digits."""
    this_year = this_year or datetime.date.today().year
    yield from _written_birth_dates(text, this_year)
    spoken = digitised(text)
    if spoken != text:
        for span in _written_birth_dates(spoken, this_year):
            widened = widen(text, span)
            if widened is not None:
                yield widened


def _written_birth_dates(text: str, this_year: int) -> Iterator[Span]:
    for match in DATES.finditer(text):
        parsed = _parse(match, this_year)
        if parsed is None:
            continue
        year, _month_number, _day_number, full = parsed
        if STREET_BEFORE.search(text, max(0, match.start() - 20), match.start()):
            continue
        old = full and year <= this_year - MIN_AGE
        if old or BIRTH_CONTEXT.search(text, max(0, match.start() - 80), match.start()):
            yield Span(match.start(), match.end(), "DATE_OF_BIRTH")
    for match in YEAR_AFTER_NAME.finditer(text):
        if int(match.group("year")) <= this_year - MIN_AGE:
            yield Span(match.start("year"), match.end("year"), "DATE_OF_BIRTH")
