"""Postal addresses in free text: a number, a street type, a street name, maybe a postcode and town.

French: 12 rue de la République, 3 bis bd Baille, 12, r. des Lilas, 12-14 av. du Prado, 53, pass. des
Tanneurs, 7 TRAVERSE DES FENETRES ROUGES 13005 MARSEILLE; the street type in full or abbreviated (r., bd,
bld, av., imp., che., ch., all., pl., rte, sq., crs, qu., pass.). English: 221B Baker Street, 34-36
Marlborough Lane, 27 Lincoln Mews, 14a oak terrace, 25 COLDHARBOUR ST, with what follows the street: a
flat or unit (", Apt 4B", " #4B", ", flat 210"), a town and a state and ZIP code (", Houston, TX 77002")
or a UK postcode ("London SW1A 2AA", "london se15 4qt"); a flat written before the street too ("flat 7,
116 church grove", "Apt 12 33c Westheimer Ct."). Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pseudonymisation.birthdates import MONTH
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
    r"(?<![\w,./])" + NUMBER + r",?\s+(?i:" + STREET_TYPES + r")\.?\s+"
    r"(?:(?!(?i:" + AFTER_ADDRESS + r")\b|\d{5}\b)[\w'’\-]+(?:\s+|(?=[,.;:!?)]|$))){1,5}"
    r"(?:,?\s*\d{5}(?:\s+[A-ZÀ-Ý][\w'’\-]*(?:\s+[A-ZÀ-Ý0-9][\w'’\-]*){0,2})?)?"
)
# A year after a date ("le 12 janvier 2026, rue très sombre") is no house number.
AFTER_DATE = re.compile(r"(?:" + MONTH + r"|\d[/.\-])\s*$", re.IGNORECASE)

UK_POSTCODE = r"(?i:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})(?!\w)"
# Words that stop an English street name (and French ones, met in texts in capitals: "6 ADOS SUR PLACE").
STOP = (
    r"(?!(?i:on|the|in|at|to|for|from|of|and|a|an|my|our|your|his|her|their|this|that|every|each|is|was|by"
    r"|sur|sous|dans|de|du|des|la|le|les|et|ou|au|aux|en|par|pour|avec)\b)"
)
# Street types, capitalised ("27 Lincoln Mews") or in a text in lower case, where only those that are no
# common word count ("14a oak terrace", not "30 people place").
TYPES_CAPITALISED = (
    r"street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|court|ct|way|place|pl|terrace|terr|crescent|cres"
    r"|close|square|sq|gardens|gdns|grove|parkway|pkwy|highway|hwy|mews|hill|row|walk|rise|green|parade|pde|yard"
    r"|wharf|gate|circle|cir|trail|vale|view|park"
)
TYPES_LOWER = (
    r"street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|parkway|pkwy|highway|hwy|terrace|crescent|grove"
    r"|mews|gardens|ct|pl|sq"
)
EN_NUMBER = r"\d{1,5}[A-Za-z]?(?:\s?-\s?\d{1,5}[A-Za-z]?)?"
UNIT = r"(?:,?\s*(?:#\s?|(?i:apt|apartment|appt|unit|flat|suite|ste|fl|floor)\.?\s*#?\s*)\w{1,5}(?!\w))"
TOWN = r"[A-Za-z][A-Za-z'\-]+(?:\s+[A-Za-z][A-Za-z'\-]+){0,2}"
US_TOWN_STATE_ZIP = r"(?:,?\s+" + TOWN + r",?\s+[A-Za-z]{2}\s+\d{5}(?:-\d{4})?(?!\d))"
UK_TOWN_POSTCODE = r"(?:(?:,?\s+" + STOP + r"[A-Za-z][A-Za-z'\-]+(?:\s+[A-Z][a-z]+)?)?,?\s+" + UK_POSTCODE + r")"
TOWN_ONLY = r"(?:,?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
ADDRESS_EN = re.compile(
    r"(?<![\w,./])" + EN_NUMBER + r",?\s+"
    r"(?:(?:" + STOP + r"[A-Z][\w'’\-]*\s+){1,3}(?i:" + TYPES_CAPITALISED + r")"
    r"|(?:" + STOP + r"[a-z][\w'’\-]*\s+){1,3}(?:" + TYPES_LOWER + r"))"
    r"\b\.?" + UNIT + r"?(?:" + US_TOWN_STATE_ZIP + r"|" + UK_TOWN_POSTCODE + r"|" + TOWN_ONLY + r")?"
)
FLAT = re.compile(
    r"(?i:\b(?:flat|apt|apartment|appt|appartement|bât(?:iment)?|bat|b[âa]t\.|unit|suite)\s*\.?\s*[\w-]{1,4},?\s*)$"
)


def addresses(text: str) -> Iterator[Span]:
    """Every address found by either pattern; overlapping ones united ("13a St Mary's Place #4B, ...")."""
    found: list[tuple[int, int]] = []
    for pattern in (ADDRESS, ADDRESS_EN):
        for match in pattern.finditer(text):
            start, end = match.start(), match.start() + len(match.group(0).rstrip(" ,"))
            if AFTER_DATE.search(text, max(0, start - 12), start):
                continue
            flat = FLAT.search(text, max(0, start - 30), start)
            found.append((flat.start() if flat else start, end))
    merged: list[list[int]] = []
    for start, end in sorted(found):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    for start, end in merged:
        yield Span(start, end, "ADDRESS")
