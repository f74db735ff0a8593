"""Vehicle registration plates of France and its neighbours, by pattern, and after a plate context.

France: AB-123-CD since 2009 (SIV, also Italy's shape), 1234 AB 75 before (FNI); the United Kingdom:
AB12 CDE, V70 GQT and ABC 123D before; North America and elsewhere: 979 LMC, XQJ 461; Belgium: 1-ABC-234;
Germany: B-AB 1234; Spain: 1234 BCD; Switzerland: GE 123456, VD 531 176;
Luxembourg: AB 1234; Ireland: 12-D-12345; the Netherlands and Portugal: three dash-separated groups
such as 12-ABC-3, 21-stl-3 or AA-00-AA. Besides, after "plaque", "immatriculé(e)", "immat", "plate",
"reg", "registration", "véhicule", "vehicle", "voiture", "car", "camion", "scooter" and the like, after an
example ("e.g.", "exemple") and what someone drives ("drives a"), a short
group mixing letters and digits is a plate, whatever its country or case, and so are the next ones of a
list. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pseudonymisation.spans import Span

# Not a case reference's head either ("PV 2026/03291").
_EDGE_BEFORE, _EDGE_AFTER = r"(?<![\w-])", r"(?![\w-]|/\d)"
SWISS_CANTONS = "AG|AI|AR|BE|BL|BS|FR|GE|GL|GR|JU|LU|NE|NW|OW|SG|SH|SO|SZ|TG|TI|UR|VD|VS|ZG|ZH"
# Letters of a plate that are common words or units: "3 km 13", "2 bus 38" and "AT 4059" are no plates.
NOT_PLATE_LETTERS = frozenset(
    "a à au aux il ils on en et ou le la les de du des un une y ne pas sur par pour car mon ma mes son sa ses ce "
    "qui que est ans bis ter km kg mn min cm mm h hr hrs am pm eur rue av bd pl svp stp pls thx ras nfa cf "
    "the and or at in to of is was it its an by for my his her our you we he she me no not are be as via per "
    "day bus tel ph mob eur usd gbp chf cad ttc sms tva".split()
)
PLATES = re.compile(
    _EDGE_BEFORE + r"(?:"
    # France SIV (never I, O or U) and Italy; any case
    r"(?i:[A-HJ-NP-TV-Z]{2}[ \-]?\d{3}[ \-]?[A-HJ-NP-TV-Z]{2})"
    # France FNI: 1234 AB 75, 123 ABC 2A, 956 JOF 33; in lower case with three digits or more (224 zmc 69)
    r"|\d{1,4}[ \-]?[A-Z]{2,3}[ \-]?(?:0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-6])"
    r"|(?P<fni>\d{3,4}[ \-]?[a-z]{2,3}[ \-]?(?:0[1-9]|[1-8]\d|9[0-5]|2a|2b|97[1-6]))"
    # United Kingdom: AB12 CDE, AB12CDE, any case; before 2001 V70 GQT (prefix), before 1983 ABC 123D (suffix)
    r"|(?i:[A-Z]{2}\d{2}[ ]?[A-Z]{3})|[A-Z]\d{1,3} ?(?P<uk>[A-Z]{3})|(?P<uks>[A-Z]{3}) ?\d{1,3}[A-Z]"
    # North America and elsewhere: three digits and three letters, either way round (979 LMC, XQJ 461)
    r"|\d{3}[ \-](?P<us>[A-Z]{3})|(?P<usr>[A-Z]{3})[ \-]\d{3}"
    # Belgium: 1-ABC-234, 1ABC234
    r"|[1-9][ \-]?[A-Z]{3}[ \-]?\d{3}"
    # Germany: B-AB 1234, M-XY 12E, HH AB 123
    r"|[A-ZÄÖÜ]{1,3}-[A-Z]{1,2}[ ]?\d{1,4}[EH]?|(?P<de>[A-ZÄÖÜ]{1,3} [A-Z]{1,2}) \d{2,4}[EH]?"
    # Spain: 1234 BCD (consonants only), M-1234-AB before 2000
    r"|\d{4}[ \-]?[BCDFGHJKLMNPRSTVWXYZ]{3}|[A-Z]{1,2}-\d{4}-[A-Z]{1,2}"
    # Switzerland: GE 123456, VD 531 176 (thousands apart); in lower case, six digits (zh 145 257, vd 531176)
    r"|(?:" + SWISS_CANTONS + r")[ \-]?(?:\d{1,3}[ '’]\d{3}|\d{1,6})"
    r"|(?P<ch>(?i:" + SWISS_CANTONS + r"))[ \-]?\d{3}[ '’]?\d{3}"
    # Luxembourg: AB 1234 (with a dash, a lamp-post or case number: EP-2291)
    r"|(?P<lu>[A-Z]{2}) ?\d{4}"
    # Ireland: 12-D-12345, 141-KY-3 (year, county, number), any case with dashes
    r"|\d{2,3}-(?i:c|ce|cn|cw|d|dl|g|ke|kk|ky|l|ld|lh|lk|lm|ls|mh|mn|mo|oy|rn|so|t|tn|ts|w|wd|wh|wx|ww)-\d{1,6}"
    r"|\d{2,3} (?:C|CE|CN|CW|D|DL|G|KE|KK|KY|L|LD|LH|LK|LM|LS|MH|MN|MO|OY|RN|SO|T|TN|TS|W|WD|WH|WX|WW) \d{1,6}"
    r")" + _EDGE_AFTER
)
# The Netherlands (sidecodes) and Portugal: three groups of letters or digits, six characters in all; any case.
# The named groups of PLATES holding letters that may be a common word or a unit ("300 EUR", "BUS 123").
LETTER_GROUPS = ("fni", "de", "ch", "lu", "uk", "uks", "us", "usr")
DASHED = re.compile(
    _EDGE_BEFORE + r"(?:[A-Z]{1,3}|\d{1,3})-(?:[A-Z]{1,3}|\d{1,3})-(?:[A-Z]{1,3}|\d{1,3})" + _EDGE_AFTER, re.IGNORECASE
)
CONTEXT = re.compile(
    r"(?:\bplaques?(?:\s+d'immatriculation)?|\bimmatricul[ée]{1,2}s?|\bimmatriculation|\bimmat\b\.?|\bplates?\b"
    r"|\breg\b\.?|\bregistration(?:\s+number)?|\bv[ée]hicules?|\bvehicles?\b"
    r"|\bvoitures?\b|\bcars?\b|\bcamion(?:nette)?s?\b|\bfourgon(?:nette)?s?\b|\bmotos?\b|\bscooters?\b"
    r"|\btrucks?\b|\blorr(?:y|ies)\b|\bvans?\b|\btow(?:ed|ing)?(?:\s+(?:request|truck|away))?|\bfourri[èe]re"
    r"|\bkeeper\b|\bpv\b"
    # An example given, or what someone drives: "e.g. 979 LMC", "exemple 768 FZB", "drives a 914 TLZ"
    r"|\be\.g\.|\bexemples?\b|\bfor\s+(?:example|instance)\b|\b(?:drives|driving|drove|drive)\s+an?\b)"
    r"(?:\s+(?:for|of|with|of\s+the))?(?:\s*(?:n°|no\.?|num[ée]ro|num\.?|number|nr\.?|:|#|-|\())*\s*",
    re.IGNORECASE,
)
# A plate's shape before what is said of a parked vehicle: "FFE-1511, parked in a fire lane", "GX 441 KT garée".
BEFORE_PARKED = re.compile(
    r"(?<![\w-])(?P<plate>[A-Z0-9]{1,4}(?:[ \-][A-Z0-9]{1,4}){1,2}|[A-Z0-9]{5,8})(?![\w-])"
    r"\s*,?\s*(?:(?:is|was|est|a\s+[ée]t[ée])\s+)?"
    r"(?i:parked|abandoned|left|gar[ée]e?s?|stationn[ée]e?s?|abandonn[ée]e?s?|immobilis[ée]e?s?|en\s+stationnement)\b"
)
CHUNK = re.compile(r"[A-Za-z0-9]{1,8}")
# A file's reference after a plate context: letters, a year and a number ("Fourrière RJ 2025-5428").
REFERENCE = re.compile(r"[A-Za-z]{1,4}[ \-]?(?:19|20)\d{2}[\-/]\d{2,}")
LIST = re.compile(r"\s*(?:,|&|/|\+|\band\b|\bet\b|\bor\b|\bou\b)\s*", re.IGNORECASE)


def _mixed(text: str) -> bool:
    return any(c.isdigit() for c in text) and any(c.isalpha() for c in text)


def plates(text: str) -> Iterator[Span]:
    for match in PLATES.finditer(text):
        letters = next((match.group(g) for g in LETTER_GROUPS if match.group(g)), None)
        if _mixed(match.group(0)) and not (letters and _common_letters(letters)):
            yield Span(match.start(), match.end(), "PLATE")
    for match in DASHED.finditer(text):
        if _mixed(match.group(0)) and sum(c.isalnum() for c in match.group(0)) == 6:
            yield Span(match.start(), match.end(), "PLATE")
    yield from _after_context(text)
    for match in BEFORE_PARKED.finditer(text):
        plate = match.group("plate")
        if _mixed(plate) and sum(c.isdigit() for c in plate) >= 2 and sum(c.isalpha() for c in plate) >= 2:
            yield Span(match.start("plate"), match.end("plate"), "PLATE")


def _common_letters(plate: str) -> bool:
    """Whether a group of letters of the plate is a common word ("3 km 13", "PRIX DU V 90")."""
    return any(word.lower() in NOT_PLATE_LETTERS for word in re.findall(r"[^\W\d_]+", plate))


def _after_context(text: str) -> Iterator[Span]:
    """After a plate context, fail-closed: a short group of chunks of letters and digits ("AB12 CDE",
    "ge 123456", "f sv 791", "be-79877") with two digits or more; then the next ones of a list
    ("vehicles: 21-stl-3 and 224 zmc 69")."""
    for match in CONTEXT.finditer(text):
        at = match.end()
        for _ in range(4):
            found = None if REFERENCE.match(text, at) else _plate_group(text, at)
            if found is None:
                break
            yield Span(found[0], found[1], "PLATE")
            more = LIST.match(text, found[1])
            if more is None or more.end() == found[1]:
                break
            at = more.end()


def _plate_group(text: str, at: int) -> tuple[int, int] | None:
    start, end, alnum = None, None, ""
    for _ in range(4):
        chunk = CHUNK.match(text, at)
        if chunk is None:
            break
        word = chunk.group(0)
        glue = text[chunk.end() : chunk.end() + 1]
        if not any(c.isdigit() for c in word):
            # Letters alone: a short group, which no common word is, unless a dash ties it to digits.
            # ("2198 AS 83": a common word between digits is part of the plate).
            if len(word) > (4 if word.isupper() else 3):
                break
            between_digits = alnum[-1:].isdigit() and _digits_next(text, chunk.end())
            if word.lower() in NOT_PLATE_LETTERS and glue != "-" and not between_digits:
                break
        start = chunk.start() if start is None else start
        end, alnum = chunk.end(), alnum + word
        if glue in (" ", "-") and end + 1 < len(text) and text[end + 1].isalnum():
            at = end + 1
        else:
            break
    if start is None or end is None:
        return None
    digits = sum(c.isdigit() for c in alnum)
    if _mixed(alnum) and digits >= 2 and 4 <= len(alnum) <= 10 and not _word_char(text, end):
        return start, end
    return None


def _digits_next(text: str, at: int) -> bool:
    chunk = CHUNK.match(text, at + 1) if text[at : at + 1] in (" ", "-") else None
    return chunk is not None and chunk.group(0).isdigit()


def _word_char(text: str, at: int) -> bool:
    """Whether a word, or a reference's slash and number ("MC 2026/3299"), goes on at `at`."""
    return at < len(text) and (text[at].isalnum() or text[at] == "_" or re.match(r"/\d", text[at : at + 2]) is not None)
