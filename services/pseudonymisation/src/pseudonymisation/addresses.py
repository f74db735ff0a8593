"""Postal addresses in free text: a number, a street type, a street name, maybe a postcode and town.

French: 12 rue de la République, 3 bis bd Baille, 12, r. des Lilas, 12-14 av. du Prado, 7 TRAVERSE DES
FENETRES ROUGES 13005 MARSEILLE; the street type in full or abbreviated (r., bd, bld, av., imp., che.,
ch., all., pl., rte, sq., crs, qu.). English: 221B Baker Street, 1600 Pennsylvania Ave, 12 main st,
Flat 3, 10 Downing Street, London SW1A 2AA. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pseudonymisation.spans import Span

STREET_TYPES = (
    r"rue|ruelle|r|avenue|av|ave|boulevard|bd|bld|blvd|bvd|chemin|chem|che|ch|impasse|imp|all[ée]es?|all|place|pl|pce"
    r"|quai|qu|cours|crs|route|rte|traverse|trav|tsse|mont[ée]e|square|sq|passage|pass|r[ée]sidence|r[ée]s|lotissement"
    r"|lot|cit[ée]|esplanade|parvis|sentier|voie|faubourg|fbg|hameau|promenade|prom|rond-point|mail|parc|domaine|villa"
    r"|street|st|road|rd|lane|ln|drive|dr|court|ct|way|terrace|crescent|close|gardens|grove|parkway|pkwy|highway|hwy"
)
# Words that end a street name: what usually follows an address in a sentence.
AFTER_ADDRESS = (
    r"et|je|j|il|elle|on|nous|vous|ils|elles|qui|que|depuis|hier|ce|cette|est|sont|a|ont|pour|avec|mais|car|donc"
    r"|au|aux|sur|dans|en|pr[èe]s|vers|devant|tous|toutes|chaque|ou|où|and|i|is|are|was|since|where|who|near"
    r"|in|at|on|for|with|but|every|each|or|from|to|by|tel|t[ée]l|phone|mail|email|merci|svp|thanks"
)
NUMBER = r"\d{1,4}(?:\s?(?:-|/|à|au|to)\s?\d{1,4})?\s?(?:(?i:bis|ter|quater)|[a-dA-D])?\b"
ADDRESS = re.compile(
    r"(?<![\w,.])" + NUMBER + r",?\s+(?i:" + STREET_TYPES + r")\.?\s+"
    r"(?:(?!(?i:" + AFTER_ADDRESS + r")\b|\d{5}\b)[\w'’\-]+(?:\s+|(?=[,.;:!?)]|$))){1,5}"
    r"(?:,?\s*\d{5}(?:\s+[A-ZÀ-Ý][\w'’\-]*(?:\s+[A-ZÀ-Ý0-9][\w'’\-]*){0,2})?)?"
)
UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"
ENGLISH_STOP = r"(?!(?:on|the|in|at|to|for|from|of|and|a|an|my|our|your|his|her|their|this|that|every|each|is|was|by)\b)"
ADDRESS_EN = re.compile(
    # 221B Baker Street, 1600 Pennsylvania Ave, Flat 3, 10 Downing Street, London SW1A 2AA; in lower case
    # only with a street type that is no common word ("12 main st", not "30 people place").
    r"(?<![\w,.])\d{1,5}[A-Za-z]?,?\s+"
    r"(?:(?:[A-Z][\w'\-]*\s+){1,3}(?i:street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|court|ct|way|place|pl"
    r"|terrace|crescent|close|square|sq|gardens|grove|parkway|pkwy|highway|hwy)"
    r"|(?:" + ENGLISH_STOP + r"[a-z][\w'\-]*\s+){1,3}(?:street|st|road|rd|avenue|ave|lane|drive|boulevard|blvd|parkway|highway))"
    r"\b\.?(?:,?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?(?:,?\s+" + UK_POSTCODE + r")?"
)
FLAT = re.compile(
    r"(?i:\b(?:flat|apt|apartment|appt|appartement|bât(?:iment)?|bat|b[âa]t\.|unit|suite)\s*\.?\s*[\w-]{1,4},?\s*)$"
)


def addresses(text: str) -> Iterator[Span]:
    for pattern in (ADDRESS, ADDRESS_EN):
        for match in pattern.finditer(text):
            start, end = match.start(), match.start() + len(match.group(0).rstrip(" ,"))
            flat = FLAT.search(text, max(0, start - 30), start)
            yield Span(flat.start() if flat else start, end, "ADDRESS")
