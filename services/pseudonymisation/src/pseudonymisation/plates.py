"""Vehicle registration plates of France and its neighbours, by pattern, and after a plate context.

France: AB-123-CD since 2009 (SIV, also Italy's shape), 1234 AB 75 before (FNI); the United Kingdom:
AB12 CDE; Belgium: 1-ABC-234; Germany: B-AB 1234; Spain: 1234 BCD; Switzerland: GE 123456;
Luxembourg: AB 1234; the Netherlands and Portugal: three dash-separated groups such as 12-ABC-3 or
AA-00-AA. Besides, after "plaque", "immatriculé(e)", "immat", "plate", "reg", "registration",
"véhicule" or "vehicle", a group mixing letters and digits is a plate, whatever its country. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pseudonymisation.spans import Span

_EDGE_BEFORE, _EDGE_AFTER = r"(?<![\w-])", r"(?![\w-])"
SWISS_CANTONS = "AG|AI|AR|BE|BL|BS|FR|GE|GL|GR|JU|LU|NE|NW|OW|SG|SH|SO|SZ|TG|TI|UR|VD|VS|ZG|ZH"
PLATES = re.compile(
    _EDGE_BEFORE + r"(?:"
    # France SIV (never I, O or U) and Italy; any case
    r"(?i:[A-HJ-NP-TV-Z]{2}[ \-]?\d{3}[ \-]?[A-HJ-NP-TV-Z]{2})"
    # France FNI: 1234 AB 75, 123 ABC 2A
    r"|\d{1,4}[ \-]?[A-HJ-NP-Z]{2,3}[ \-]?(?:0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-6])"
    # United Kingdom: AB12 CDE, AB12CDE; any case
    r"|(?i:[A-Z]{2}\d{2}[ ]?[A-Z]{3})"
    # Belgium: 1-ABC-234, 1ABC234
    r"|[1-9][ \-]?[A-Z]{3}[ \-]?\d{3}"
    # Germany: B-AB 1234, M-XY 12E, HH AB 123
    r"|[A-ZÄÖÜ]{1,3}-[A-Z]{1,2}[ ]?\d{1,4}[EH]?|[A-ZÄÖÜ]{1,3} [A-Z]{1,2} \d{2,4}[EH]?"
    # Spain: 1234 BCD (consonants only), M-1234-AB before 2000
    r"|\d{4}[ \-]?[BCDFGHJKLMNPRSTVWXYZ]{3}|[A-Z]{1,2}-\d{4}-[A-Z]{1,2}"
    # Switzerland: GE 123456
    r"|(?:" + SWISS_CANTONS + r")[ \-]?\d{1,6}"
    # Luxembourg: AB 1234
    r"|[A-Z]{2}[ \-]?\d{4}"
    r")" + _EDGE_AFTER
)
# The Netherlands (sidecodes) and Portugal: three groups of letters or digits, six characters in all.
DASHED = re.compile(_EDGE_BEFORE + r"(?:[A-Z]{1,3}|\d{1,3})-(?:[A-Z]{1,3}|\d{1,3})-(?:[A-Z]{1,3}|\d{1,3})" + _EDGE_AFTER)
CONTEXT = re.compile(
    r"(?:\bplaques?(?:\s+d'immatriculation)?|\bimmatricul[ée]{1,2}s?|\bimmatriculation|\bimmat\b\.?|\bplates?\b"
    r"|\breg\b\.?|\bregistration(?:\s+number)?|\bv[ée]hicules?|\bvehicles?\b)"
    r"(?:\s*(?:n°|no\.?|num[ée]ro|num\.?|number|nr\.?|:|#|-|\())*\s*",
    re.IGNORECASE,
)
CHUNK = re.compile(r"[A-Za-z0-9]{1,8}")


def _mixed(text: str) -> bool:
    return any(c.isdigit() for c in text) and any(c.isalpha() for c in text)


def plates(text: str) -> Iterator[Span]:
    for match in PLATES.finditer(text):
        if _mixed(match.group(0)):
            yield Span(match.start(), match.end(), "PLATE")
    for match in DASHED.finditer(text):
        if _mixed(match.group(0)) and sum(c.isalnum() for c in match.group(0)) == 6:
            yield Span(match.start(), match.end(), "PLATE")
    yield from _after_context(text)


def _after_context(text: str) -> Iterator[Span]:
    """After a plate context: chunks of letters and digits ("AB12 CDE", "ge 123456") up to a word."""
    for match in CONTEXT.finditer(text):
        at, start, end, alnum = match.end(), None, None, ""
        for _ in range(4):
            chunk = CHUNK.match(text, at)
            if chunk is None:
                break
            word = chunk.group(0)
            if not (any(c.isdigit() for c in word) or (word.isupper() and len(word) <= 4)):
                break
            start = chunk.start() if start is None else start
            end, alnum = chunk.end(), alnum + word
            if end < len(text) and text[end] in " -" and end + 1 < len(text) and text[end + 1].isalnum():
                at = end + 1
            else:
                break
        if start is not None and _mixed(alnum) and 4 <= len(alnum) <= 10 and not _word_char(text, end):
            yield Span(start, end, "PLATE")


def _word_char(text: str, at: int) -> bool:
    return at < len(text) and (text[at].isalnum() or text[at] == "_")
