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
from pseudonymisation.labels import identifier_fields
from pseudonymisation.plates import plates
from pseudonymisation.spans import Span
from pseudonymisation.spoken_numbers import spoken_phones

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

# The at and the dots of an address, written out or disguised: "@", " @ ", "(at)", "[at]", "(dot)",
# "[dot]"; and in words, " at " or " arobase " with " dot ", " point " or a dot (no space after it).
_AT = r"(?:\s?(?:@|[(\[{<]\s?(?:at|arobase|@)\s?[)\]}>])\s?)"
# A plain dot with a space on one side only ends a sentence: "...(at)proton.me. Tel".
_DOT = r"(?:\.(?!\s)|\s\.\s|\s?[(\[{<]\s?(?:dot|point|\.)\s?[)\]}>]\s?|\s+(?:dot|point)\s+)"
_WORD_AT = r"(?:\s+(?:at|arobase)\s+)"
_WORD_DOT = r"(?:\.(?!\s)|\s?[(\[{<]\s?(?:dot|point|\.)\s?[)\]}>]\s?|\s+(?:dot|point)\s+)"
_LOCAL = r"(?<![\w.+-])[A-Za-z0-9][\w.+-]*"
EMAIL = re.compile(
    _LOCAL + _AT + r"[A-Za-z0-9][A-Za-z0-9-]*(?:" + _DOT + r"[A-Za-z0-9-]+)*" + _DOT + r"[A-Za-z]{2,24}(?![\w-])",
    re.IGNORECASE,
)
# Tried after the symbols, so that "Contact Chloé at c.legoff(at)outlook.com" is not cut at " at ".
EMAIL_IN_WORDS = re.compile(
    _LOCAL + _WORD_AT + r"[A-Za-z][A-Za-z0-9-]*(?:" + _WORD_DOT + r"[A-Za-z0-9-]+)*" + _WORD_DOT + r"[A-Za-z]{2,24}(?![\w-])",
    re.IGNORECASE,
)
PHONE = re.compile(
    # French: 0X XX XX XX XX, +33 (0)X ..., 0033 X ...; international: + and 8 to 15 digits in groups.
    r"(?<![\w+])(?:(?:\+|00)\s?33\s?(?:\(0\)\s?)?[1-9](?:" + SEPARATOR + r"\d{2}){4}"
    r"|0[1-9](?:" + SEPARATOR + r"\d){8}"
    r"|(?:\+|00)[1-9]\d{0,2}(?:[ .\-]?(?:\(\d{1,4}\)|\d{1,4})){2,6})(?![\w])"
)
# National numbers of Europe: a trunk 0, then 8 to 11 more digits in groups, slashes too (UK 020 7985 6715,
# 07842234808; Belgium 0485/83.35.54, 0481/458882, 02/0989/9590, 027788370; Germany 030 12345678, 089/1234567;
# Switzerland 044 668 18 00; Ireland (021) 4521466). A longer run is some other number.
PHONE_NATIONAL = re.compile(
    r"(?<![\w+/.\-])0(?:[1-9](?:[ \t.\-\u00a0]{0,3}\d){7,10}"
    r"|\d{1,3}[ \t]?/[ \t]?\d{2,8}(?:[ ./]\d{2,4}){0,3})(?![\w/]|[.\-]\d)"
)
# Luxembourg's mobiles have no trunk 0: 621 123 456, 691.234.567, 661123456.
PHONE_LUXEMBOURG = re.compile(r"(?<![\w+/.,\-])6[2-9]1[ .]?\d{3}[ .]?\d{3}(?![\w/]|[.,\-]\d)")
# The trunk code in brackets, as the UK and Germany write it: (0113) 496 9078, (020) 7946 5861, (030) 12345678.
PHONE_TRUNK_BRACKETED = re.compile(r"(?<![\w+])\(0\d{1,4}\)[ \t.\-]?\d{2,8}(?:[ \t.\-]\d{2,4}){0,3}(?![\w]|[.\-]\d)")
# A date followed by another number ("05/03/2026 10 personnes") is no phone.
_DATE_START = re.compile(r"\d{1,2}\s?([./\-])\s?\d{1,2}\s?\1\s?(?:19|20)?\d{2}")
# After a phone context ("tél", "tel.", "ph", "mob:", "GSM", "port.", "phone", "joignable au"): any
# group of 6 to 15 digits.
PHONE_CONTEXT = re.compile(
    r"(?:\bt[ée]l[ée]?(?:phone)?|\bph(?:one)?|\bmob(?:ile)?|\bgsm|\bport(?:able)?|\bcell|\bfax|\bjoignable(?:\s+au)?"
    r"|\bappeler\s+au|\bcall\s+(?:back\s+)?on)\b\.?\s*(?:n°|no\.?|num[ée]ro|number|:|/|-|\s)*"
    r"(?P<number>\+?\(?\d(?:[ \t.\-()\u00a0]{0,3}\d){5,14})(?![\w])",
    re.IGNORECASE,
)
# A number in phone-shaped groups after a word that leads to one, with a few words between ("joignable en
# Espagne au 648 56 80 49", "call her on 612 345 678", "reach him at 0471 23 45 67"): 9 to 13 digits in
# three groups or more of two to four.
PHONE_LED = re.compile(
    r"(?:\b(?:joignable|injoignable|rappeler|appeler|joindre|contacter|rappel|contact|appel|call|ring|text|reach|reachable"
    r"|whatsapp|sms|num[ée]ro|number)\b(?:\s+[\w'’]+){0,4}?\s+(?:au|at|on|sur|via)|\bau\s+num[ée]ro|\bn°|\bnumber)"
    r"\s*:?\s*(?P<number>\+?\(?\d{2,4}\)?(?:[ .\-]\d{2,4}){2,5})(?![\w]|[.,]\d)",
    re.IGNORECASE,
)
# North American (NANP): (713) 555-0142, 713-555-0142, 713.555.0142, 1-312-555-0199; the groups
# separated, so that a bare run of ten digits stays a number.
PHONE_NANP = re.compile(r"(?<![\w+.\-])(?:1[ .\-])?(?:\([2-9]\d{2}\)\s?|[2-9]\d{2}[ .\-])[2-9]\d{2}[ .\-]\d{4}(?![\w\-])")
# Any grouping of its 15 characters (1 87 03 13 055 123 45, 2 12 01 971 68 797 87 overseas, 1870313055123 45),
# the key set apart by a slash too ("2 47 06 97 607 237 / 04"); the key confirms it.
NIR = re.compile(r"(?<![\w+])[12378](?:[ \t.\-/\u00a0]{0,3}(?:\d|(?<=2)[AB])){14}(?![\w])", re.IGNORECASE)
# Groups of four separated by spaces, dashes or dots ("GB30-HBUK-7709-...", "FR76 3000 ...").
IBAN = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?:[ .\-]?[A-Z0-9]){11,30}(?![\w])", re.IGNORECASE)
DIGIT_RUN = re.compile(r"(?<![\w.,])\d(?:" + SEPARATOR + r"\d){8,18}(?![\w])")


def _checked(pattern: re.Pattern, kind: str, check: Callable[[str], bool]) -> Callable[[str], Iterator[Span]]:
    def find(text: str) -> Iterator[Span]:
        for match in pattern.finditer(text):
            if check(match.group(0)):
                yield Span(match.start(), match.end(), kind)

    return find


def _compact(text: str) -> str:
    return re.sub(r"[ \t.\-/\u00a0]", "", text).upper()


def _cut(raw: str, characters: int) -> int | None:
    """Where `raw` holds `characters` characters besides separators, or None if it holds fewer."""
    count = 0
    for end, char in enumerate(raw, start=1):
        count += char not in " .-"
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


# First digits of every card brand: 3 (American Express, Diners, JCB), 4 (Visa), 5 (Mastercard, Maestro),
# 6 (Discover, UnionPay, Maestro), and Mastercard's 2-series, 2221 to 2720.
CARD_PREFIX = re.compile(r"[3456]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720")


def _number_kind(digits: str) -> str | None:
    if 15 <= len(digits) <= 19 and CARD_PREFIX.match(digits) and luhn_valid(digits):
        return "CARD"
    if len(digits) == 14 and luhn_valid(digits):
        return "SIRET"
    if len(digits) == 9 and luhn_valid(digits):
        return "SIREN"
    return None


GROUP = re.compile(r"\d+")


def _number_identifiers(text: str) -> Iterator[Span]:
    """Runs of 9 to 19 digits: a bank card (15 to 19 digits), a SIRET (14) or a SIREN (9) if its Luhn
    check holds, in any grouping. A run that fails is tried again without a short group of one or two
    digits at its end or start, separated by a space: "SIRET 756 746 152 002 37 2 véhicules"."""
    for match in DIGIT_RUN.finditer(text):
        kind = _number_kind(_digits(match.group(0)))
        if kind:
            yield Span(match.start(), match.end(), kind)
            continue
        raw = match.group(0)
        groups = list(GROUP.finditer(raw))
        if len(groups) < 3:
            continue
        # Without the last group, then without the first: (kept groups, dropped group, what separates it).
        for kept, dropped, between in (
            (groups[:-1], groups[-1], raw[groups[-2].end() : groups[-1].start()]),
            (groups[1:], groups[0], raw[groups[0].end() : groups[1].start()]),
        ):
            if len(dropped.group(0)) > 2 or not between.isspace():
                continue
            start, end = kept[0].start(), kept[-1].end()
            kind = _number_kind(_digits(raw[start:end]))
            if kind:
                yield Span(match.start() + start, match.start() + end, kind)
                break


def _phones(text: str) -> Iterator[Span]:
    for match in PHONE.finditer(text):
        digits = _digits(match.group(0))
        if 9 <= len(digits) <= 15:
            yield Span(match.start(), match.end(), "PHONE")
    for match in PHONE_NANP.finditer(text):
        yield Span(match.start(), match.end(), "PHONE")
    for match in PHONE_NATIONAL.finditer(text):
        # Not the tail of a longer number in groups ("6011 0843 7458 5477", a card).
        # A spaced dash or a comma separates items of a list ("apt 12 - 07700 900275"), not groups.
        after_digits = re.search(r"\d(?:[ \t.\-\u00a0]|  )$", text[max(0, match.start() - 4) : match.start()])
        # Nine digits in one run that pass Luhn are rather a SIREN; Belgium's fixed numbers (027788370) fail it.
        count = len(_digits(match.group(0)))
        if count == 9 and match.group(0).isdigit() and luhn_valid(match.group(0)):
            continue
        if 9 <= count <= 12 and not after_digits and not _DATE_START.match(match.group(0)):
            yield Span(match.start(), match.end(), "PHONE")
    for match in PHONE_LUXEMBOURG.finditer(text):
        if not luhn_valid(_digits(match.group(0))):  # else rather a SIREN, found as one
            yield Span(match.start(), match.end(), "PHONE")
    for match in PHONE_TRUNK_BRACKETED.finditer(text):
        if 9 <= len(_digits(match.group(0))) <= 12:
            yield Span(match.start(), match.end(), "PHONE")
    for match in PHONE_CONTEXT.finditer(text):
        yield Span(match.start("number"), match.end("number"), "PHONE")
    for match in PHONE_LED.finditer(text):
        if 9 <= len(_digits(match.group("number"))) <= 13:
            yield Span(match.start("number"), match.end("number"), "PHONE")
    yield from spoken_phones(text)


# Earlier recognisers win where spans overlap: checksummed identifiers before looser patterns,
# but phones (which start with 0, + or 00) before bare digit runs: the last nine digits of
# "+33 (0)7 64 95 07 13" may pass a SIREN's Luhn check by chance.
RECOGNISERS: tuple[Callable[[str], Iterator[Span]], ...] = (
    _checked(EMAIL, "EMAIL", lambda s: True),
    _checked(EMAIL_IN_WORDS, "EMAIL", lambda s: True),
    _iban,
    _checked(NIR, "NIR", lambda s: nir_valid(_compact(s))),
    _phones,
    _number_identifiers,
    birth_dates,
    plates,
    addresses,
    identifier_fields,
)
# Spans a longer one found later may take (None: of any type), with what of them sticks out: a plate's shape in or
# at an address ("Bristol BS5 6XY", "180 FBG NELSON MANDELA"), an old date that names a street ("rue du 8-Mai-1945").
YIELDING: dict[str, frozenset[str] | None] = {"PLATE": None, "DATE_OF_BIRTH": frozenset({"ADDRESS"})}


def _yields(found: Span, longer: Span) -> bool:
    takers = YIELDING.get(found.type, frozenset())
    return longer.end - longer.start > found.end - found.start and (takers is None or longer.type in takers)


def find_identifiers(text: str, this_year: int | None = None) -> list[Span]:
    """Non-overlapping spans of every structured identifier in `text`, in order. `this_year` (by
    default the current one) dates the fail-closed rule of dates of birth."""
    taken: list[Span] = []
    for recogniser in RECOGNISERS:
        for span in recogniser(text, this_year) if recogniser is birth_dates else recogniser(text):
            overlapping = [other for other in taken if span.start < other.end and other.start < span.end]
            if not overlapping:
                taken.append(span)
            elif all(_yields(o, span) for o in overlapping):
                start, end = min(o.start for o in [span, *overlapping]), max(o.end for o in [span, *overlapping])
                taken = [other for other in taken if other not in overlapping] + [Span(start, end, span.type)]
    return sorted(taken)
