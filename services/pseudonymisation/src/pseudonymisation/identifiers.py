"""Structured identifiers in free text, French and English: found by pattern, confirmed by checksum.

Each recogniser yields spans (start, end, type). A number that only looks like an identifier (an
order number failing its Luhn check, a 15-digit reference whose NIR key is wrong, an IBAN failing
mod 97) is left alone; so are times, amounts and recent dates that no birth context announces. Dates of
birth, plates and addresses have modules of their own (birthdates.py, plates.py, addresses.py). Pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from pseudonymisation.addresses import addresses
from pseudonymisation.birthdates import birth_dates
from pseudonymisation.plates import plates
from pseudonymisation.spans import Span

SEPARATOR = r"[ \t.\-\u00a0]{0,3}"  # what people put between groups of digits (" - " and double spaces too)

__all__ = ["Span", "find_identifiers", "iban_valid", "luhn_valid", "nir_valid"]


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def luhn_valid(number: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(number)):
        digit = int(char)
        if position % 2 == 1:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def nir_valid(compact: str) -> bool:
    """French social security number: 13 characters and a key of 97 - (number mod 97).
    Corsica's departments 2A and 2B count as 19 and 18."""
    body, key = compact[:13].upper(), compact[13:]
    body = body.replace("2A", "19", 1) if body[5:7] == "2A" else body.replace("2B", "18", 1) if body[5:7] == "2B" else body
    if not body.isdigit() or not key.isdigit():
        return False
    return 97 - int(body) % 97 == int(key)


def iban_valid(compact: str) -> bool:
    rearranged = compact[4:] + compact[:4]
    try:
        number = "".join(str(int(c, 36)) for c in rearranged)
    except ValueError:
        return False
    return int(number) % 97 == 1


# Lengths of the IBANs most often met here; another country's IBAN of 15-34 characters passes if its checksum holds.
IBAN_LENGTHS = {"FR": 27, "MC": 27, "DE": 22, "BE": 16, "ES": 24, "IT": 27, "GB": 22, "NL": 18, "CH": 21, "LU": 20, "PT": 25}

EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][\w.+-]*\s?(?:@|\(at\)|\[at\])\s?[A-Za-z0-9-]+(?:\s?(?:\.|\(dot\)|\[dot\])\s?[A-Za-z0-9-]+)*"
    r"\s?(?:\.|\(dot\)|\[dot\])\s?[A-Za-z]{2,24}(?![\w-])",
    re.IGNORECASE,
)
PHONE = re.compile(
    # French: 0X XX XX XX XX, +33 (0)X ..., 0033 X ...; international: + and 8 to 15 digits in groups.
    r"(?<![\w+])(?:(?:\+|00)\s?33\s?(?:\(0\)\s?)?[1-9](?:" + SEPARATOR + r"\d{2}){4}"
    r"|0[1-9](?:" + SEPARATOR + r"\d){8}"
    r"|(?:\+|00)[1-9]\d{0,2}(?:[ .\-]?(?:\(\d{1,4}\)|\d{1,4})){2,6})(?![\w])"
)
# North American (NANP): (713) 555-0142, 713-555-0142, 713.555.0142, 1-312-555-0199; the groups
# separated, so that a bare run of ten digits stays a number.
PHONE_NANP = re.compile(r"(?<![\w+.\-])(?:1[ .\-])?(?:\([2-9]\d{2}\)\s?|[2-9]\d{2}[ .\-])[2-9]\d{2}[ .\-]\d{4}(?![\w\-])")
NIR = re.compile(
    r"(?<![\w])[12378]"
    + SEPARATOR
    + r"\d{2}"
    + SEPARATOR
    + r"\d{2}"
    + SEPARATOR
    + r"(?:\d{2}|2[AB])"
    + SEPARATOR
    + r"\d{3}"
    + SEPARATOR
    + r"\d{3}"
    + SEPARATOR
    + r"\d{2}(?![\w])",
    re.IGNORECASE,
)
IBAN = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}(?![\w])", re.IGNORECASE)
DIGIT_RUN = re.compile(r"(?<![\w.,])\d(?:" + SEPARATOR + r"\d){8,18}(?![\w])")


def _checked(pattern: re.Pattern, kind: str, check: Callable[[str], bool]) -> Callable[[str], Iterator[Span]]:
    def find(text: str) -> Iterator[Span]:
        for match in pattern.finditer(text):
            if check(match.group(0)):
                yield Span(match.start(), match.end(), kind)

    return find


def _compact(text: str) -> str:
    return re.sub(r"[ \t.\-\u00a0]", "", text).upper()


def _cut(raw: str, characters: int) -> int | None:
    """Where `raw` holds `characters` characters besides spaces, or None if it holds fewer."""
    count = 0
    for end, char in enumerate(raw, start=1):
        count += char != " "
        if count == characters:
            return end
    return None


def _iban(text: str) -> Iterator[Span]:
    for match in IBAN.finditer(text):
        raw = match.group(0)
        country = raw[:2].upper()
        # The country's length first (else any that validates), so that a following word is not swallowed.
        for length in [IBAN_LENGTHS[country]] if country in IBAN_LENGTHS else range(34, 14, -1):
            end = _cut(raw, length)
            if end is not None and iban_valid(_compact(raw[:end])):
                yield Span(match.start(), match.start() + end, "IBAN")
                break


def _number_identifiers(text: str) -> Iterator[Span]:
    """Runs of 9 to 19 digits: a bank card (15 to 19 digits), a SIRET (14) or a SIREN (9) if its Luhn
    check holds."""
    for match in DIGIT_RUN.finditer(text):
        digits = _digits(match.group(0))
        if 15 <= len(digits) <= 19 and digits[0] in "3456" and luhn_valid(digits):
            yield Span(match.start(), match.end(), "CARD")
        elif len(digits) == 14 and luhn_valid(digits):
            yield Span(match.start(), match.end(), "SIRET")
        elif len(digits) == 9 and luhn_valid(digits):
            yield Span(match.start(), match.end(), "SIREN")


def _phones(text: str) -> Iterator[Span]:
    for match in PHONE.finditer(text):
        digits = _digits(match.group(0))
        if 9 <= len(digits) <= 15:
            yield Span(match.start(), match.end(), "PHONE")
    for match in PHONE_NANP.finditer(text):
        yield Span(match.start(), match.end(), "PHONE")


# Earlier recognisers win where spans overlap: checksummed identifiers before looser patterns,
# but phones (which start with 0, + or 00) before bare digit runs: the last nine digits of
# "+33 (0)7 64 95 07 13" may pass a SIREN's Luhn check by chance.
RECOGNISERS: tuple[Callable[[str], Iterator[Span]], ...] = (
    _checked(EMAIL, "EMAIL", lambda s: True),
    _iban,
    _checked(NIR, "NIR", lambda s: nir_valid(_compact(s))),
    _phones,
    _number_identifiers,
    birth_dates,
    plates,
    addresses,
)


def find_identifiers(text: str, this_year: int | None = None) -> list[Span]:
    """Non-overlapping spans of every structured identifier in `text`, in order. `this_year` (by
    default the current one) dates the fail-closed rule of dates of birth."""
    taken: list[Span] = []
    for recogniser in RECOGNISERS:
        for span in recogniser(text, this_year) if recogniser is birth_dates else recogniser(text):
            if all(span.end <= other.start or span.start >= other.end for other in taken):
                taken.append(span)
    return sorted(taken)
