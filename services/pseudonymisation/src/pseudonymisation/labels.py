"""Labelled values: what follows a label that announces a person, an address, a phone, a date of birth, a
plate or an e-mail is that identifier, whatever it looks like (fail-closed).

Web-form dumps ("Nom : G. M.. Adresse : 180 Quai du Port. Tél : 45 67 89"), police log entries ("mis en
cause : NOM Prénom, demeurant 3 impasse X"), e-mail headers ("De : Jean Dupont <...>", "From: ..."),
signature fields ("Name: ...", "DOB: ...", "Immatriculation : ...") and call transcripts, where a turn that
asks for a name, an address, a phone or a date of birth ("votre nom ?", "what's your address?") makes the
next turn's answer that value. A label that opens a turn of a transcript ("Appelant : bonjour, ...") names
a speaker, not a value. Spelled-out names ("D-U-P-O-N-T") are names. Pure: the name finder trims PERSON
values with its tables (names.py), the identifier finder takes the others as they are (identifiers.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pseudonymisation.spans import Span


@dataclass(frozen=True)
class Field:
    start: int
    end: int
    type: str
    strict: bool = False  # a label that asks for a name ("Nom :", "Name:"): its first word is masked whatever it is


_PERSON = (
    r"nom(?:s|\s+(?:de\s+famille|d['’]usage|de\s+naissance|(?:et|/|-|&)?\s*pr[ée]noms?|complet))?"
    r"|pr[ée]noms?(?:\s*(?:et|/|-|&)?\s*nom)?|identit[ée](?:\s+v[ée]rifi[ée]e)?|v[ée]rif\.?\s+identit[ée]"
    r"|(?:full\s+|first\s+|last\s+|given\s+|family\s+|caller(?:['’]s)?\s+)?names?|surname|forenames?"
    r"|id\s+(?:given|checked)|identifi[ée]e?s?|appelante?|caller|requ[ée]rante?|demandeu(?:r|se)|d[ée]clarante?"
    r"|plaignante?s?|complainants?|signalante?|interlocut(?:eur|rice)|mise?s?\s+en\s+cause|auteurs?|suspecte?s?"
    r"|victimes?|victims?|t[ée]moins?|witness(?:es)?|contact(?:\s+sur\s+place|\s+on\s+site)?|signataire|b[ée]n[ée]ficiaire"
    r"|titulaire|propri[ée]taire|(?:registered\s+)?(?:owner|keeper)|locataire|tenant|conduct(?:eur|rice)|chauffeur"
    r"|driver|organisat(?:eur|rice)(?:\s+pr[ée]sum[ée]e?)?|organi[sz]er|bless[ée]e?s?|injured|patiente?|usag(?:er|ère)"
    r"|cliente?|customer|riveraine?|r[ée]sidente?|resident|voisine?|neighbou?r|g[ée]rante?|manager|r[ée]f[ée]rente?"
    r"|interpell[ée]e?s?|int[ée]ress[ée]e?|personne\s+concern[ée]e|exp[ée]diteur|sender|destinataire|recipient"
    r"|sign[ée]|signed|applicant|reporter|reported\s+by|signal[ée]\s+par|parent|enfant|child"
)
# Labels that ask for a name, not for a role that someone or something may fill.
STRICT = re.compile(
    r"(?i:nom.*|pr[ée]noms?.*|identit[ée].*|.*names?|surname|forenames?|mise?s?\s+en\s+cause|appelante?|caller|sign[ée]|signed)"
)
_ADDRESS = r"adresse(?:\s+(?:postale|personnelle|du\s+domicile))?|(?:home\s+|postal\s+)?address|domicile"
_PHONE = (
    r"t[ée]l[ée]?(?:phone)?\.?(?:\s+(?:portable|mobile|fixe|domicile))?|phone(?:\s+number)?|mobile|portable|gsm|fax"
    r"|num[ée]ro(?:\s+de\s+t[ée]l[ée]phone)?|n°\s*(?:de\s+)?t[ée]l\.?|contact\s+(?:number|t[ée]l\.?)|tel\s+no\.?|mob\.?"
)
_BIRTH = r"d\.?o\.?b\.?|d\.?d\.?n\.?|date\s+(?:de\s+naissance|of\s+birth|naiss\.?)|n[ée]e?\s*(?:\(e\))?\s+le|birth\s*date|born"
_PLATE = (
    r"immatriculation|immat\.?|plaque(?:\s+d['’]immatriculation)?|(?:licen[cs]e\s+|number\s+)?plate|reg(?:istration)?"
    r"(?:\s+(?:number|no\.?))?|kennzeichen|vrm|v[ée]hicule"
)
_EMAIL = r"e-?mail|courriel|mail|adresse\s+(?:e-?)?mail(?:\s+donn[ée]e)?"
LABEL = re.compile(
    r"(?<![\w@.])(?:(?P<PERSON>" + _PERSON + r")|(?P<EMAIL>" + _EMAIL + r")|(?P<ADDRESS>" + _ADDRESS + r")"
    r"|(?P<PHONE>" + _PHONE + r")|(?P<DATE_OF_BIRTH>" + _BIRTH + r")|(?P<PLATE>" + _PLATE + r"))"
    r"\s*(?:\((?:e|s|es)\)\s*)?(?::|：|=)[ \t]*",
    re.IGNORECASE,
)
# E-mail headers: at a line's start only ("De : Jean Dupont <jean@...>", "To: Housing Team").
HEADER = re.compile(r"(?im)^[ \t>]*(?:de|from|[àa]|to|cc|bcc|cci)[ \t]*:[ \t]*")
# Labels with no colon that announce where someone lives: "demeurant 3 impasse X", "lives at 12 Elm Grove".
LIVES = re.compile(
    r"(?<!\w)(?:demeurante?s?|domicili[ée]e?s?(?:\s*\(e\))?|r[ée]sidante?s?|j['’]habite|(?:il|elle)\s+habite"
    r"|(?:mon|son|l['’])\s*adresse\s+(?:est|c['’]est)|lives|living|resides|residing|my\s+address\s+is|(?:his|her)\s+address\s+is)"
    r"(?:\s+(?:au|à|a|at|in|on))?\s+(?=\d|[A-ZÀ-Ý](?!he\b))",
    re.IGNORECASE,
)
TOWN_ALONE = re.compile(r"[^\W\d_][\w'’\-]*")
# What ends a value: a line, a semicolon, a bar, a bracket, a slash or a spaced dash, or a sentence.
_END = re.compile(r"\n|\r|;|\||\t|\s/\s|\s[-–—]\s|[(\[<]|\.(?=\s|$)|[!?](?=\s|$)|:\s")
# Abbreviations a period does not end: street types, suffixes, titles, initials.
ABBREVIATION = re.compile(
    r"(?:^|[\s,(])(?:[A-Za-z]|bd|av|ave|r|ch|che|imp|pl|all|rte|sq|crs|qu|pass|st|ste|rd|ln|dr|ct|bât|bat|esc|apt|appt"
    r"|ét|etg|mr|mrs|ms|dr|mme|mlle|me|m|pr|no|n°|tel|tél|immat|ref)$",
    re.IGNORECASE,
)
NEGATIVE = re.compile(
    r"(?i:inconnue?s?|n[ée]ant|non\b|aucune?|ras\b|sdf\b|n/?a\b|none|unknown|not\s+given|refus|withheld|nil\b|-+$|\?)"
)
# A comma goes on inside an address before a number, a capital, a flat or floor or a postcode.
_ADDRESS_GOES_ON = re.compile(
    r",\s*(?=\d|[A-ZÀ-Ý]|(?i:apt|appt|app|apartment|appartement|flat|unit|suite|b[âa]t|bloc|esc|escalier|[ée]tage|porte"
    r"|entr[ée]e|r[ée]sidence|lot|cedex|bte|bo[îi]te|floor|room)\b)"
)
MAX_LENGTH = {"PERSON": 60, "ADDRESS": 110, "PHONE": 30, "DATE_OF_BIRTH": 30, "PLATE": 16, "EMAIL": 60}


def fields(text: str) -> list[Field]:
    """Every labelled value of `text`, in order (a transcript's speaker labels skipped)."""
    speakers = _speaker_lines(text)
    out: list[Field] = []
    for match in LABEL.finditer(text):
        kind = match.lastgroup
        if kind is None or match.start() in speakers:
            continue
        value = _value(text, match.end(), kind)
        if value is not None:
            out.append(Field(value[0], value[1], kind, kind == "PERSON" and bool(STRICT.fullmatch(match.group(kind)))))
    for match in HEADER.finditer(text):
        value = _value(text, match.end(), "PERSON")
        if value is not None:
            out.append(Field(value[0], value[1], "PERSON"))
    for match in LIVES.finditer(text):
        if not (text[match.end()].isdigit() or text[match.end()].isupper()) or text.startswith("The ", match.end()):
            continue  # "lives opposite", "living in the bin store": no address
        value = _value(text, match.end(), "ADDRESS")
        # A town alone ("living in Cork", "résidant à Tours") locates no one's home.
        if value is not None and (re.search(r"\d", text[value[0] : value[1]]) or not TOWN_ALONE.fullmatch(text, *value)):
            out.append(Field(value[0], value[1], "ADDRESS"))
    out.extend(_answers(text, speakers))
    out.extend(Field(m.start(), m.end(), "PERSON") for m in SPELLED.finditer(text))
    return sorted(out, key=lambda f: (f.start, f.end))


def identifier_fields(text: str) -> Iterator[Span]:
    """The labelled values of identifiers other than names, as spans (the value, as found)."""
    for field in fields(text):
        if field.type != "PERSON":
            yield Span(field.start, field.end, field.type)


def _value(text: str, at: int, kind: str) -> tuple[int, int] | None:
    while at < len(text) and text[at] in " \t\"'«“":
        at += 1
    limit = min(len(text), at + MAX_LENGTH[kind])
    end = at
    for stop in _END.finditer(text, at, limit):
        if stop.group(0) == "." and ABBREVIATION.search(text, max(at, stop.start() - 6), stop.start()):
            continue
        if (
            kind == "ADDRESS"
            and stop.group(0).strip() in ("-", "–", "—")
            and re.match(r"\s*[-–—]\s*(?:\d|[A-Za-zÀ-ÿ]{2,}\s*\d)", text[stop.start() :])
        ):
            continue  # "bât A2 - appt 31", "- 92110 Clichy"
        end = stop.start()
        break
    else:
        end = limit
    value = text[at:end]
    if kind == "PERSON":
        cut = re.search(r",|\d|\s(?:n[ée]e?|born|dob|ddn|tel|t[ée]l|demeurant|domicili)", value, re.IGNORECASE)
        value = value[: cut.start()] if cut else value
    elif kind == "ADDRESS":
        clause = re.search(
            r"\s(?:and|et|but|mais|where|où|qui|who|which|je|j['’]|i|il|elle|we|nous|since|depuis|because|car)\s", value
        )
        value = value[: clause.start()] if clause else value
        for comma in re.finditer(",", value):
            if not _ADDRESS_GOES_ON.match(value, comma.start()):
                value = value[: comma.start()]
                break
    elif kind == "PHONE":
        number = re.match(r"[+(]?\d[\d \t().\-/\u00a0]*\d", value)
        if number is None or sum(c.isdigit() for c in number.group(0)) < 4:
            return None
        value = number.group(0)
    elif kind == "DATE_OF_BIRTH":
        cut = re.search(r",\s*(?=\D)|\s(?:à|a|at|in)\s", value)
        value = value[: cut.start()] if cut else value
        if not re.search(r"\d", value):
            return None
    elif kind == "PLATE":
        plate = re.match(r"[A-Za-z0-9]{1,8}(?:[ \-][A-Za-z0-9]{1,8}){0,2}", value)
        if plate is None or not any(c.isdigit() for c in plate.group(0)):
            return None
        value = plate.group(0)
    elif kind == "EMAIL":
        token = re.match(r"\S+", value)
        if token is None or not re.search(r"@|\(at\)|\[at\]|\.", token.group(0)):
            return None
        value = token.group(0)
    value = value.rstrip(" ,.:-\t")
    if not value or NEGATIVE.match(value) or not any(c.isalnum() for c in value):
        return None
    return at, at + len(value)


# Transcripts: lines opened by a speaker's label.
SPEAKER = re.compile(
    r"(?im)^[ \t\-*]*(?P<who>op[ée]rat(?:eur|rice|or)|agent|appelante?|caller|dispatch(?:er)?|call\s*taker|r[ée]gulat(?:eur|rice)"
    r"|standard|usag(?:er|ère)|citoyen(?:ne)?|q|r|a|op|app|c)[ \t]*:[ \t]*"
)
QUESTIONS = {
    "PERSON": re.compile(
        r"(?i:votre\s+nom|vos\s+nom|nom\s*(?:et\s+pr[ée]nom)?\s*\?|vous\s+vous\s+appelez|qui\s+est\s+[àa]\s+l['’]appareil"
        r"|de\s+la\s+part\s+de|vous\s+[êe]tes\s+(?:m|mme|monsieur|madame)?\s*\?|your\s+(?:full\s+)?name|name\s*(?:please)?\s*\?"
        r"|who\s+(?:am\s+i|is\s+this|'s\s+calling)|speaking\s+to|[ée]peler)"
    ),
    "ADDRESS": re.compile(
        r"(?i:votre\s+adresse|quelle\s+adresse|o[ùu]\s+(?:habitez|r[ée]sidez|demeurez)|your\s+(?:home\s+)?address"
        r"|where\s+do\s+you\s+live|what\s+address|l['’]adresse\s*\?)"
    ),
    "PHONE": re.compile(
        r"(?i:num[ée]ro|t[ée]l[ée]phone|vous\s+joindre|vous\s+rappeler|phone|number|reach\s+you|call\s+you\s+back)"
    ),
    "DATE_OF_BIRTH": re.compile(
        r"(?i:date\s+de\s+naissance|n[ée]e?\s+(?:quand|le\s*\?)|date\s+of\s+birth|\bdob\b|when\s+were\s+you\s+born)"
    ),
}
# Words that open an answer before its value: "oui, c'est Dupont", "yes it's 12 Elm Grove".
_FILLER = re.compile(
    r"(?i:(?:\s*(?:oui|yes|yeah|euh|heu|alors|donc|ok|so|well|bien\s+s[uû]r|sure|c['’]est|it['’]?s|je\s+m['’]appelle"
    r"|my\s+name\s+is|moi\s+c['’]est|je\s+suis|i['’]?m|i\s+am|j['’]habite|i\s+live|(?:au|at|on|le|the|mon\s+num[ée]ro"
    r"|my\s+number)\b|madame|monsieur|mme|mr|mrs|ms|m\.)[\s,.!:]*)+)"
)


def _speaker_lines(text: str) -> set[int]:
    """Where a speaker's label opens a line, in a text with two such lines or more (a transcript)."""
    found = {m.start("who") for m in SPEAKER.finditer(text)}
    return found if len(found) >= 2 else set()


def _answers(text: str, speakers: set[int]) -> Iterator[Field]:
    if not speakers:
        return
    turns = [m for m in SPEAKER.finditer(text)]
    for asked, answer in zip(turns, turns[1:], strict=False):
        question = text[asked.end() : answer.start()]
        start = answer.end()
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        for kind, pattern in QUESTIONS.items():
            if not pattern.search(question):
                continue
            filler = _FILLER.match(text, start, line_end)
            at = filler.end() if filler else start
            value = _value(text, at, kind) if at < line_end else None
            if value is not None:
                yield Field(value[0], min(value[1], line_end), kind)
            break


# Spelled-out names: "D-U-P-O-N-T", "D U P O N T", "M.A.R.T.I.N", "m. a. r. t. i. n", "l e b i h a n" (a
# transcript's lower case: five letters at least), "M, B, A, Y, E".
SPELLED = re.compile(
    r"(?<![\w.\-])(?:[A-Za-z](?:(?:\s?-\s?|\.[ \t]?)[A-Za-z]){3,}\.?|[A-Z](?: [A-Z]){3,}|[a-z](?: [a-z]){4,}"
    r"|[A-Z](?:,[ \t]?[A-Z]){2,})(?![\w\-])"
)
