"""Who wrote a line of a log book or case note: the staff member's initials or first name where a line signs,
credits or opens with its writer, a finder beside the model, the rules and the contexts.

Three places, whatever the case: a line's last word after its sentence ("Passed to relevant section. MH",
"works order raised. a.o.", "clôture : a.b."), a mark alone in brackets ("(m.h.) contractor says", "clôture
(charlotte)"), and an update's header ("UPDATE 21/10/25 - DÓ: rang back", "update 04/12 - michael: rang").
A mark is two or three letters, capitals or with periods ("SS", "D.Ó.", "m.h."), unless it is a service's
acronym or a short reply ("RAS", "PV", "VM", "OK"); or one word that a gazetteer has as a name. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from pseudonymisation.lexicon import Lexicon, fold
from pseudonymisation.name_words import CALENDAR, FORM_WORDS, PARTICLES, ROLES, TITLES
from pseudonymisation.plates import SWISS_CANTONS
from pseudonymisation.spans import Span

# Acronyms of city services, police, health and transport, units and countries, and short replies that end or
# open a log line without naming anyone.
NOT_STAFF = frozenset(
    (
        "ras pv samu crm asap smur cms ccas sac mc ok vm nb ps tbc nfa fyi thx eta id sms mms gps rdv cf pj tel fax "
        "bus tram rer sncf ratp stib tec mivb sbb cff cie fpn hse esb gp ae er ed icu ems fbi gsm dob ddn nir iban "
        "bic tva ht ttc eur chf usd gbp km kg cm mm am pm hrs min sec max vu fin oui non yes no ko lol bye ttyl "
        "urg urgent cpas ocmw bte apt rez rdc aso cpt ctr dpt svp stp pls asbl sa sprl srl bv ltd inc co llc plc "
        "bce kbo tel mob nr no ref dossier maj re fw fwd tr cc pnc dpo rgpd gdpr faq sav pmr vtc tnt pc "
        "fr be ch ie uk gb lu de nl es it pt pl ro us ca au ni eu un onu otan nato"
    ).split()
) | frozenset(c.lower() for c in SWISS_CANTONS.split("|"))
LETTER = r"[^\W\d_]"
# Two or three letters: capitals run together ("MH", "DÓ"), any case with periods ("m.h.", "d. ó.", "A.O."),
# or in lower case run together ("mh"), which only the end of a line admits.
MARK = (
    r"(?P<caps>[A-ZÀ-Ý]{2,3})(?![\w.])"
    r"|(?P<dotted>" + LETTER + r"\.[ \t]?" + LETTER + r"\.(?:[ \t]?" + LETTER + r"\.)?)(?!\w)"
    r"|(?P<word>" + LETTER + r"[\w'’\-]*)(?![\w.])"
)
LINE_END = re.compile(r"(?:[.!?)]|[ \t][-–—:]|^)[ \t]*(?:" + MARK + r")[ \t]*\.{0,2}[ \t]*$", re.MULTILINE)
BRACKETED = re.compile(r"\([ \t]*(?:" + MARK + r")[ \t]*\)")
DATE = r"\d{1,2}(?:[/.\-]\d{1,2}|[ \-]?[^\W\d_]{3,9}\.?)(?:[/.\-](?:\d{4}|\d{2}))?(?:[ \t]+\d{1,2}[:h]?\d{2}(?:hrs)?)?"
# An update's writer: a mark, or up to three words ("update 15/10 - donal ó súilleabháin: rang back").
HEADER = re.compile(
    r"^[ \t]*(?i:(?:update|maj|màj|suite|note|suivi)[ \t]+)?" + DATE + r"[ \t]*[-–:][ \t]*"
    r"(?:" + MARK + r"|(?P<words>" + LETTER + r"[\w'’\-]*(?:[ \t]+" + LETTER + r"[\w'’\-]*){1,2}))[ \t]*:",
    re.MULTILINE,
)


class SignOffs:
    """Staff members' marks in log and case-note lines (see the module's docstring)."""

    def __init__(self, lexicon: Lexicon, common: float = 5.5, known: float = 2.5) -> None:
        self._lexicon = lexicon
        self._common = common
        self._known = known

    def __call__(self, texts: Sequence[str]) -> list[list[Span]]:
        return [sorted(set(self.find(text))) for text in texts]

    def find(self, text: str) -> Iterator[Span]:
        for pattern in (LINE_END, BRACKETED, HEADER):
            for match in pattern.finditer(text):
                if pattern is HEADER and match.group("words"):
                    if all(self._name_part(w) for w in match.group("words").split()):
                        yield Span(match.start("words"), match.end("words"), "PERSON")
                    continue
                group = next(g for g in ("caps", "dotted", "word") if match.group(g))
                if self._staff(match.group(group), group, at_line_end=pattern is LINE_END):
                    yield Span(match.start(group), match.end(group), "PERSON")

    def _staff(self, mark: str, kind: str, at_line_end: bool) -> bool:
        # Lower case, not folded: "NÓ" is someone's initials, "NO" a reply.
        if re.sub(r"[\s.]", "", mark).lower() in NOT_STAFF:
            return False
        if kind in ("caps", "dotted"):
            return True
        if at_line_end and 2 <= len(mark) <= 3 and mark.islower():
            return True  # "raised. mh": initials in a text in lower case
        return self._name(mark)

    def _name(self, token: str) -> bool:
        """A gazetteer's name that is no common word nor a form's word."""
        folded = fold(token)
        word = self._lexicon.word(token)
        if word.vocabulary or folded in FORM_WORDS or folded in CALENDAR or folded in ROLES or folded in TITLES:
            return False
        return word.name and word.zipf < self._common

    def _name_part(self, token: str) -> bool:
        """A word of a name of several: a name, a particle or a word no language knows."""
        return fold(token) in PARTICLES or self._name(token) or self._lexicon.word(token).zipf < self._known
