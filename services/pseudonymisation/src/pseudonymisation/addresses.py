"""Postal addresses in free text: a number, a street type, a street name, maybe a postcode and town.

French: 12 rue de la République, 3 bis bd Baille, 12, r. des Lilas, 12-14 av. du Prado, 53, pass. des
Tanneurs, 7 TRAVERSE DES FENETRES ROUGES 13005 MARSEILLE; the street type in full or abbreviated (r., bd,
bld, av., imp., che., ch., all., pl., rte, sq., crs, qu., pass.). English: 221B Baker Street, 34-36
Marlborough Lane, 27 Lincoln Mews, 14a oak terrace, 25 COLDHARBOUR ST, with what follows the street: a
flat or unit (", Apt 4B", " #4B", ", flat 210"), a town and a state and ZIP code (", Houston, TX 77002")
or a UK postcode ("London SW1A 2AA", "london se15 4qt"); a flat written before the street too ("flat 7,
116 church grove", "Apt 12 33c Westheimer Ct."), or as a Scottish "2/3 Mill Road"; a direction and ordinals ("W 3rd
St", "N. Halsted Street"). After any street, its locality, line after line: flats, floors and residences, districts
and counties ("Dublin 9", "Co. Mayo"), towns, provinces and states, and the postcode of any system the city meets
(France, Belgium, Switzerland, Luxembourg, the UK, Ireland, Canada, the US, Australia). Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pseudonymisation.birthdates import MONTH
from pseudonymisation.spans import Span
from pseudonymisation.spoken_numbers import digitised, widen

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
NUMBER = r"(?:\d{1,4}(?:\s?[-/]\s?\d{1,4})?|\d{1,3}\s(?:à|au|to)\s\d{1,3})\s?(?:(?i:bis|ter|quater|quinquies)|[a-dA-D])?\b"
# What follows a street in a building: flat, building, staircase, entrance, floor, door, box ("ESC. A, PORTE 12",
# "bâtiment B, escalier 2, 4e étage", "bât A2 - appt 31", "étage 5, porte droite", "bte 3", "2nd floor").
SUFFIX_WORDS = (
    r"apt|appt|app|apart|appartement|apartment|flat|unit|suite|logement|logt|log|b[âa]t|b[âa]timent|bloc|block|immeuble"
    r"|imm|esc|escalier|entr[ée]e|ent|[ée]tage|[ée]tg|[ée]t|porte|pte|bo[îi]te|bte|bus|lot|chambre|chbre|couloir|cage"
    r"|hall|tour|niveau|floor|room|door|villa|maison"
)
FLOOR = (
    r"(?:\d{1,2}\s?(?:e|er|[èe]re|re|[èe]me|è|°|st|nd|rd|th)\s+(?:[ée]tage|[ée]tg|[ée]t\.|ét(?!\w)|floor)"
    r"|rdc|rez[- ]de[- ]chauss[ée]e|ground\s+floor|sous-sol|basement)"
    r"(?:\s+(?:gauche|droite|face|fond|left|right|front|back|rear))?"
)
# Words that only name a part of a building, never a street: a street's name stops before them ("bd des Tanneurs
# bât A").
BUILDING_PART = (
    r"apt|appt|appartement|apartment|flat|unit|suite|logt|b[âa]t|b[âa]timent|esc|escalier|[ée]tage|[ée]tg|bte|bo[îi]te"
    r"|r[ée]s"
)
BUILDING_DETAIL = (
    r"(?i:(?:" + SUFFIX_WORDS + r")\.?\s*(?:n°\s*|no\.?\s*|#\s*)?(?:droite|gauche|face|fond|\w{1,4})(?!\w)|" + FLOOR + r")"
)
SUFFIX = r"(?:\s*[,\-–]?\s*(?:" + BUILDING_DETAIL + r"|\(\s*" + BUILDING_DETAIL + r"\s*\)))"  # "(5e ét.)" too
# A town after a postcode, in any case ("92110 clichy", "76600 Le Havre", "13005 MARSEILLE CEDEX 05").
TOWN_AFTER_CODE = (
    r"(?!(?i:" + AFTER_ADDRESS + r")\b)[^\W\d_][\w'’\-]*"
    r"(?:[ \t]+(?:(?i:sur|sous|en|l[èe]s|les|le|la|de|du|des|aux|am|an|bei)[ \t]+)?[A-ZÀ-Ý][\w'’\-]*){0,2}"
    r"(?:[ \t]+(?i:cedex)(?:[ \t]+\d{1,2})?)?"
)
POSTCODE_TOWN = (
    r"(?:\s*[,\-–]?\s*(?:\d{5}(?![ .\-]?\d)(?:\s+"
    + TOWN_AFTER_CODE
    + r")?|(?:(?:CH|B|F|L|D)-)?\d{4}\s+(?=[^\W\d_])"
    + TOWN_AFTER_CODE
    + r"))"
)
ADDRESS = re.compile(
    r"(?<![\w,./])" + NUMBER + r",?\s+(?i:" + STREET_TYPES + r")\.?\s+"
    r"(?:(?!(?i:"
    + AFTER_ADDRESS
    + r"|"
    + BUILDING_PART
    + r")\b|\d{5}\b)[\w'’\-]+(?:[ \t]+|(?=[,.;:!?)\n]|$))){1,5}"
    + SUFFIX
    + r"{0,4}"
    + POSTCODE_TOWN
    + r"?"
)
# The street type first and the number after, as Belgium and Switzerland write them ("rue du Marché 38, 1204
# Genève", "Avenue Louise 54 bte 3, 1050 Bruxelles", "chaussée de Wavre 12"), and Dutch and German streets
# ("Kerkstraat 12", "Hauptstraße 5a"): the number must end the street (a comma, a period, a postcode, a box).
TYPES_FIRST = (
    r"rue|ruelle|avenue|av|chemin|ch|route|rte|place|pl|boulevard|bd|chauss[ée]e|quai|impasse|all[ée]e|square|dr[èe]ve"
    r"|clos|venelle|sentier|passage|galerie|voie|rampe|cours|promenade|esplanade|mont[ée]e|faubourg|rond-point|via|viale"
    r"|piazza|corso|strada|calle|carrer|paseo|avenida|rua|largo|travessa"
)
GERMANIC = (
    r"[A-ZÄÖÜ][\wäöüß\-]*(?:stra(?:ss|ß)e|str\.|weg|gasse|platz|allee|straat|laan|plein|steenweg|dreef|kaai|lei|markt"
    r"|ring|damm|ufer|gracht|kade)"
)
# A box after a slash too ("288/12").
HOUSE = (
    r"(?!\d{1,2}\s?(?:h|e|er|[èe]me)\b)\d{1,4}(?:/\d{1,4})?(?:\s?(?:bis|ter|[a-zA-Z]))?(?!\w|[.:/]\d)"
    r"(?:\s*,?\s*(?i:bte|bo[îi]te|bus)\.?\s*\d{1,4})?"
)
# A word of the street's name: no word that ends an address; an article only after "de" ("rue de la Poste").
_STREET_WORD = r"(?!(?i:" + AFTER_ADDRESS + r"|à|vers)[ \t]|(?<!(?i:de)[ \t])(?i:le|la|les)[ \t])[^\W\d_][\w'’\-]*"
# A street that is its type alone, or a Dutch one spelt apart ("Grand-Rue 52", "Steenweg op Gent 140").
STREET_ALONE = r"Grand(?:e)?[-'’ ]?(?:Rue|Place|Route)"
STREET_FIRST = (
    r"(?:" + STREET_ALONE + r"(?=[ \t]+\d)|(?i:steenweg)[ \t]+" + _STREET_WORD + r"(?:[ \t]+" + _STREET_WORD + r"){0,3}"
    r"|(?i:" + TYPES_FIRST + r"|(?:av|ch|pl|bd|rte)\.)[ \t]+" + _STREET_WORD + r"(?:[ \t]+" + _STREET_WORD + r"){0,4}"
    r"|" + GERMANIC + r")"
)
ADDRESS_TYPE_FIRST = re.compile(
    r"(?<![\w])" + STREET_FIRST + r"(?:[ \t]+" + HOUSE + SUFFIX + r"{0,4}(?:" + POSTCODE_TOWN + r"|(?=\s*(?:[,.;)]|$)))"
    # a comma before the number, as Belgium writes it, when a postcode follows: "Poststraat, 20 - 1030 Schaarbeek"
    r"|,[ \t]*" + HOUSE + SUFFIX + r"{0,4}" + POSTCODE_TOWN + r")"
)
# A year after a date ("le 12 janvier 2026, rue très sombre") is no house number; nor is a reference ("horodateur
# n° 1147, place Carnot"), a time's minutes ("16:29 rue de Gasparin"), nor a day and month ("le 02/09, place Carnot").
AFTER_DATE = re.compile(
    r"(?:" + MONTH + r"|\d[/.\-]|\d\s?:|(?<!\w)(?:n°|nº|no\.?|#|num[ée]ro|r[ée]f\.?|ticket|dossier))\s*$", re.IGNORECASE
)
DAY_MONTH = re.compile(r"(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])\b")
BEFORE_DAY = re.compile(r"\b(?:le|du|depuis|since|on|jusqu['’]au)\s+$", re.IGNORECASE)

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
    r"|wharf|gate|circle|cir|trail|vale|view|park|quay"
)
TYPES_LOWER = (
    r"street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|parkway|pkwy|highway|hwy|terrace|crescent|grove"
    r"|mews|gardens|ct|pl|sq|hill|quay"
)
EN_NUMBER = r"\d{1,5}[A-Za-z]?(?:\s?[-/]\s?\d{1,5}[A-Za-z]?)?"  # "221B", "34-36", "2/3" (flat 3 of number 2)
# A direction before the street's name ("W 3rd St", "N. Halsted Street", "East 42nd Street").
DIRECTION = r"(?:(?:[NSEW]|N[EW]|S[EW])\.?\s+|(?:North|South|East|West)\s+)"
# A word of a street's name, capitalised, an ordinal or an abbreviation ("Martin Luther King Jr. Blvd", "3rd St").
NAME_WORD = r"(?:[A-Z][a-z]{0,3}\.|[A-Z][\w'’\-]*|\d{1,3}(?:st|nd|rd|th))"
FLAT_NUMBER = r"(?:#\s?|(?i:apt|apartment|appt|unit|flat|suite|ste|fl|floor)\.?\s*#?\s*)\w{1,5}(?!\w)"  # "#6F", "Unit 31"
UNIT = r"(?:,?\s*" + FLAT_NUMBER + r")"
TOWN_ONLY = r"(?:,?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
ADDRESS_EN = re.compile(
    r"(?<![\w,./:])" + EN_NUMBER + r",?\s+(?P<street>" + DIRECTION + r"?"
    r"(?:(?:" + STOP + NAME_WORD + r"[ \t]+){1,4}(?i:" + TYPES_CAPITALISED + r")"
    # a street named by its type, or one word ending in one ("52 The Crescent", "215 Kingsway", "9 Broadway")
    r"|The[ \t]+(?i:" + TYPES_CAPITALISED + r")|[A-Z][a-z]+(?:way|gate)"
    r"|(?:" + STOP + r"(?:[a-z][\w'’\-]*|\d{1,3}(?:st|nd|rd|th))[ \t]+){1,3}(?:" + TYPES_LOWER + r"))"
    r"\b\.?" + UNIT + r"?)" + TOWN_ONLY + r"?"
)
# A direction after the street's name, capitalised ("avenue du Mont-Royal Est", "Queen St W").
STREET_DIRECTION = re.compile(r"[ \t]+(?:Est|Ouest|Nord|Sud|East|West|North|South|EST|OUEST|(?:[NSEW]|N[EW]|S[EW])\.?)(?!\w)")
FLAT = re.compile(
    r"(?i:\b(?:flat|apt|apartment|appt|appartement|bât(?:iment)?|bat|b[âa]t\.|unit|suite)\s*\.?\s*[\w-]{1,4},?\s*)$"
)


# -- the locality after a street ------------------------------------------------------------------------------
# Postcodes, one pattern per system; a French, Belgian, Swiss or Luxembourg code carries its town.
POSTCODES = {
    "fr": r"\d{5}(?![ .\-]?\d)(?:\s+" + TOWN_AFTER_CODE + r")?",
    "be_ch_lu": r"(?:(?:CH|B|F|L|D|A)-)?\d{4}[ \t]+(?=[^\W\d_])" + TOWN_AFTER_CODE,
    "uk": UK_POSTCODE,
    "ie": r"(?i:(?:[AC-FHKNPRTV-Y]\d{2}|D6W)[ ]?[0-9AC-FHKNPRTV-Y]{4})(?!\w)",  # Eircode: D09 K7P2
    "ca": r"(?i:[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ \-]?\d[ABCEGHJ-NPRSTV-Z]\d)(?!\w)",  # J8Y 6T2
    "us": r"[A-Z]{2}[ \t]+\d{5}(?:-\d{4})?(?!\d)",  # a state and a ZIP code: MI 48201
    "au": r"(?:NSW|VIC|QLD|SA|WA|TAS|NT|ACT)[ \t]+\d{4}(?!\d)",
}
# What locates an address on its own: a flat, a floor, a residence, a district or county, a postcode.
RESIDENCE = (
    r"(?i:r[ée]sidence|r[ée]s\.?|lotissement|lot\.|cit[ée]|hameau|domaine|immeuble|imm\.|tour|villa|estate|house)"
    r"[ \t]+(?:(?i:les|le|la|l['’]|des|du|de|the)[ \t]*)?[A-ZÀ-Ý][\w'’\-]*(?:[ \t]+[A-ZÀ-Ý][\w'’\-]*){0,2}"
)
# A town and its state or province, which locate without a code ("Halifax NS", "PORTLAND OR", "Ottawa, ON").
STATES = (
    r"AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK"
    r"|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT"
)
TOWN_STATE = r"[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*){0,2}?,?[ \t]+(?:" + STATES + r")(?!\w)"
DISTRICT = r"(?:Dublin[ \t]+(?:\d{1,2}|6W)(?!\w)|(?:Co\.?|County)[ \t]+[A-Z][a-z]+)"
LOCATING = (
    r"(?P<locating>"
    + r"|".join(POSTCODES.values())
    + r"|"
    + DISTRICT
    + r"|"
    + TOWN_STATE
    + r"|"
    + RESIDENCE
    + r"|"
    + BUILDING_DETAIL
    + r"|"
    + FLAT_NUMBER
    + r")"
)
# What a locality may hold besides: a town, a province or state ("QC", "(Québec)"); kept only before what locates.
LETTERS = r"[^\W\d_](?:[^\W\d_]|['’\-])*"
TOWN = r"(?:" + STOP + LETTERS + r"(?:[ \t]+" + STOP + r"(?![A-Z]{2,3}\b)" + LETTERS + r"){0,2}|\(" + LETTERS + r"\))"
LOCALITY_PART = re.compile(r"(?:[ \t]*[,;\-–][ \t]*\n?[ \t]*|[ \t]+|[ \t]*\n[ \t]*)(?:" + LOCATING + r"|" + TOWN + r")(?!\w)")


def locality_end(text: str, at: int) -> int:
    """Where the locality after a street ending at `at` ends: its parts taken one by one (at most six), up
    to the last one that locates (a town alone after a postcode's absence is a sentence's next word)."""
    end = at
    for _ in range(6):
        part = LOCALITY_PART.match(text, at)
        if part is None:
            break
        at = part.end()
        if part.group("locating"):
            end = at
    return end


def addresses(text: str) -> Iterator[Span]:
    """Every address found by any pattern, with its locality; overlapping ones united ("13a St Mary's Place #4B,
    ..."); a house number in words too ("au soixante-deux cours lafayette"), read in the text written in digits."""
    found = _found(text)
    spoken = digitised(text)
    if spoken != text:
        found += [(s.start, s.end) for s in map(lambda f: widen(text, Span(*f, "ADDRESS")), _found(spoken)) if s]
    merged: list[list[int]] = []
    for start, end in sorted(found):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    for start, end in merged:
        yield Span(start, end, "ADDRESS")


def _found(text: str) -> list[tuple[int, int]]:
    """(start, end) of every address the patterns find, overlapping ones not yet united."""
    found: list[tuple[int, int]] = []
    for pattern in (ADDRESS, ADDRESS_EN, ADDRESS_TYPE_FIRST):
        for match in pattern.finditer(text):
            start, end = match.start(), match.start() + len(match.group(0).rstrip(" ,"))
            day_month = DAY_MONTH.match(text, start, end) and BEFORE_DAY.search(text, max(0, start - 12), start)
            if AFTER_DATE.search(text, max(0, start - 12), start) or day_month:
                continue
            street_end = match.end("street") if "street" in pattern.groupindex else end
            direction = STREET_DIRECTION.match(text, street_end)
            street_end = direction.end() if direction else street_end
            end = max(end, locality_end(text, street_end), locality_end(text, end))
            flat = FLAT.search(text, max(0, start - 30), start)
            found.append((flat.start() if flat else start, end))
    return found
