"""Names that a sentence's shape announces, whatever the words are: a finder beside the model and the rules.

- labelled values (labels.py): "Nom : G. M.", "Victime : Sutherland Euan", "De : Jean Dupont <...>", a
  transcript's answer to "votre nom ?"; trimmed where plain words begin ("Témoin : un passant" names no one);
- initials in a row: "K. S.", "J.-P. M.", "Mme I. I.";
- nicknames: "se ferait appeler "Le Chinois"", "some guy called "Smokey"", "alias Toto", "aka Big Mo", "Junior (real
  name ...)";
- introductions: "my name is X", "je m'appelle X", "moi c'est X"; and, if the word is a name or no known word,
  "hi im reid", "c'est Martin", "this is Aoife";
- signatures: a line after a closing ("Cordialement,\\nAit Ahmed Ouardia"), whatever it holds; a line or a
  text's last words standing alone, all names or unknown words ("...les pompiers. Patience", "CLARKE\\n+33...").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from pseudonymisation.labels import ABBREVIATION, SPELLED, fields
from pseudonymisation.lexicon import Lexicon, fold
from pseudonymisation.name_words import CALENDAR, FORM_WORDS, ROLES, TITLES
from pseudonymisation.spans import Span

WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*\.?")
INITIALS = re.compile(r"(?<![\w.])[A-ZÀ-Ý]\.(?:\s?-\s?[A-ZÀ-Ý]\.)?(?:[ \t]{0,2}[A-ZÀ-Ý]\.(?:-?[A-ZÀ-Ý]\.)?){1,2}(?!\w)")
# Abbreviations written with periods that are no one's initials ("U.S.", "P.S.", "D.O.B.").
NOT_INITIALS = frozenset("US UK EU UN PS NB AM PM ID DOB DDN TV OK AKA RIP PO BC AD GP PC DC SA NY LA DJ CV RSVP".split())
NICKNAME = re.compile(
    r"(?:\bsurnomm[ée]e?s?|\balias|\ba\.?k\.?a\b\.?|\b(?:se\s+)?(?:fait|ferait|faisait|font|faire)\s+appeler"
    r"|\bconnue?s?\s+sous\s+le\s+(?:nom|surnom|pseudo)\s+d[e']|\bpseudo(?:nyme)?|\bsurnom|\bcalled|\bcalls\s+(?:himself|herself)"
    r"|\bknown\s+as|\bnicknamed?|\bgoes\s+by(?:\s+the\s+name(?:\s+of)?)?|\bstreet\s+name|\bhandle)\s*:?\s*",
    re.IGNORECASE,
)
# A nickname before the real name it stands for: "Junior (real name Ciaran Hegarty)", "Toto (de son vrai nom ...)".
NICKNAME_BEFORE = re.compile(
    r"(?P<nick>[^\W\d_][\w'’\-]*)[ \t]*[(,\-–][ \t]*(?i:real\s+name|true\s+name|(?:de\s+son\s+)?vrai\s+nom|alias|aka)\b"
)
QUOTED = re.compile(r"[\"«“‘'„]\s*([^\"»”’'\n]{1,40}?)\s*[\"»”’']")
INTRODUCTION = re.compile(
    r"(?:\bmy\s+name\s+is|\bmy\s+name['’]?s|\bname['’]s|\bje\s+m['’]\s?appelle|\bj['’]?m['’]\s?appelle|\bmon\s+nom\s+(?:est|c['’]est)"
    r"|\bmoi\s+c['’]est|\bje\s+me\s+nomme|\bi\s+am\s+called|\bsigned)\s*:?\s+",
    re.IGNORECASE,
)
SELF = re.compile(r"(?:\bi['’]?m|\bim|\bi\s+am|\bje\s+suis|\bici)\s+", re.IGNORECASE)
# "c'est Martin", "this is Aoife": a capitalised name only ("c'est glissant", "it's knee high" name no one).
PRESENTED_LEAD = r"(?:\bthis\s+is|\bit['’]?s|\bc['’]est|(?<![\w.'’])c(?=\s)|\bhere\s+is|\bvoici)\s+"
PRESENTED = re.compile(PRESENTED_LEAD + r"(?=[A-ZÀ-Ý][a-zà-ÿ])")
# In lower case ("c'est javier", "hi its alessandro", "c karim"): a first name that is no common word only.
PRESENTED_LOWER = re.compile(PRESENTED_LEAD + r"(?=[a-zà-ÿ])")
# What a labelled value may hold that is no name: a birth, an age, a form's word ("ID given: D.O.B. ...").
NO_NAME_VALUE = re.compile(r"(?i)(?:n[ée]{1,2}\b|d\.?o\.?b\b|d\.?d\.?n\b|date\b|born\b|age\b|aged\b|siren|siret|usgr)")
SURNAME_PARTICLES = frozenset("de du le la van von der el al ben da di dos das del".split())
# Words that open or close a letter, and those a lone line may hold without naming anyone.
CLOSINGS = frozenset(
    "cordialement bien salutations sinceres sincerement respectueusement merci remerciements bonne amities amicalement "
    "regards best kind warm thanks thank many cheers sincerely yours respectfully".split()
)
NOT_SIGNATURE = frozenset(
    "bonjour bonsoir salut hello hi dear madame monsieur messieurs mesdames urgent objet re tr fwd fw pj cc svp stp "
    "please help aide rappel note nb ps ok oui non yes no".split()
)
# What opens a labelled value that is no name: "Témoin : un passant", "Victim: the shop", "Contact : néant".
NO_NAME_OPENING = frozenset(
    "un une des du le la les l un the a an some no none any this that ce cette ces mon ma mes son sa ses notre votre "
    "leur nobody personne inconnu inconnue aucun aucune neant anonyme x".split()
)


class ContextNames:
    """Names announced by a label, an introduction, a nickname's lead-in, a signature's place, or initials."""

    def __init__(self, lexicon: Lexicon, known: float = 2.5, common: float = 5.0) -> None:
        self._lexicon = lexicon
        self._known = known
        self._common = common

    def __call__(self, texts: Sequence[str]) -> list[list[Span]]:
        return [sorted(set(self.find(text))) for text in texts]

    def find(self, text: str) -> Iterator[Span]:
        caps = _all_caps(text)
        for field in fields(text):
            if field.type == "PERSON" and not NO_NAME_VALUE.match(text, field.start):
                yield from self._value(text, field.start, field.end, caps, field.strict)
        for match in SPELLED.finditer(text):  # spelled out letter by letter: whole, however long
            yield Span(match.start(), match.end(), "PERSON")
            yield from _spelled_word(text, match)
        for match in INITIALS.finditer(text):
            if re.sub(r"[\W_]", "", match.group(0)) not in NOT_INITIALS:
                yield Span(match.start(), match.end(), "PERSON")
        yield from self._nicknames(text)
        for match in INTRODUCTION.finditer(text):
            yield from self._value(text, match.end(), _field_end(text, match.end()), caps, strict=True)
        for match in SELF.finditer(text):
            yield from self._introduced(text, match.end())
        for match in PRESENTED.finditer(text):  # a capital after "c'est": any word rarer than plain words
            yield from self._introduced(text, match.end(), known=self._known + 1)
        for match in PRESENTED_LOWER.finditer(text):
            yield from self._first_name(text, match.end())
        yield from self._signatures(text, caps)

    # -- values --------------------------------------------------------------------------------

    def _value(self, text: str, start: int, end: int, caps: bool, strict: bool) -> Iterator[Span]:
        """A labelled value's words, up to where plain words or a form's words begin (at most five); after
        a label that asks for a name, the first word whatever it is."""
        words = list(WORD.finditer(text, start, end))[:5]
        if not words or fold(words[0].group(0).rstrip(".")) in NO_NAME_OPENING:
            return
        for index, word in enumerate(words):
            token = word.group(0).rstrip(".")
            folded = fold(token)
            if folded in TITLES:
                continue
            if folded in FORM_WORDS or folded in CALENDAR or folded in ROLES or NO_NAME_VALUE.fullmatch(token):
                break
            if (index or not strict) and self._plain(token, caps):
                break
            yield Span(word.start(), word.start() + len(word.group(0)), "PERSON")

    def _plain(self, token: str, caps: bool) -> bool:
        """A word in lower case (or in a text in capitals) that is a common word and no rare name."""
        if not caps and not token[:1].islower():
            return False
        if len(token) == 1 or fold(token) in ("de", "du", "le", "la", "van", "von", "der", "el", "al", "ben", "da", "di"):
            return False
        word = self._lexicon.word(token)
        return word.zipf >= self._known + 1 and not (word.name and word.zipf < self._common - 1)

    def _introduced(self, text: str, at: int, known: float | None = None) -> Iterator[Span]:
        """After "i'm", "c'est", "this is": a name of the gazetteers that is no common word, or an unknown word."""
        taken = 0
        for word in WORD.finditer(text, at, min(len(text), at + 60)):
            if text[at : word.start()].strip() or taken == 3:
                break
            token = word.group(0).rstrip(".")
            # In lower case a name that is also a common word ("je suis maman") is not taken.
            common = self._common if token[:1].isupper() else self._common - 0.5
            if not self._namelike(token, common, known):
                # A capitalised surname that is also a word ends the name it follows: "I'm Chinedu Park, store".
                if taken and token[:1].isupper() and re.match(r"\s*(?:[,;]|\.\s|$)", text[word.end() :]):
                    if fold(token) not in CALENDAR and fold(token) not in FORM_WORDS:
                        yield Span(word.start(), word.end(), "PERSON")
                break
            yield Span(word.start(), word.end(), "PERSON")
            at, taken = word.end(), taken + 1

    def _first_name(self, text: str, at: int) -> Iterator[Span]:
        """A word in lower case after "c'est" or "it's": a first name rarer than common words ("c'est javier",
        not "c'est bon" or "c'est maman"); then, a transcript's surname after it ("c'est océane euh boulanger")."""
        word = WORD.match(text, at)
        token = word.group(0).rstrip(".") if word else ""
        entry = self._lexicon.word(token) if token else None
        # A transcript has no capitals to tell a name: a first name as common as plain words counts there.
        common = self._common + 0.5 if not re.search(r"[A-ZÀ-Ý]", text) else self._common - 1
        if entry is not None and entry.given and entry.zipf < common and self._namelike(token, common):
            yield Span(word.start(), word.start() + len(token), "PERSON")
            yield from self._surname(text, word.start() + len(token))

    def _surname(self, text: str, at: int) -> Iterator[Span]:
        """Up to two name words after a first name, a filler ("euh", "um") between them allowed."""
        for _ in range(2):
            word = re.compile(r"(?:[ \t]+(?:euh|heu|um|uh|er))?[ \t]+(" + WORD.pattern + r")").match(text, at)
            if word is None:
                return
            token = word.group(1).rstrip(".")
            entry = self._lexicon.word(token)
            if fold(token) in SURNAME_PARTICLES:
                at = word.start(1) + len(token)
                continue
            if not (self._namelike(token) or entry.name and entry.zipf < self._common) or fold(token) in NOT_SIGNATURE:
                return
            yield Span(word.start(1), word.start(1) + len(token), "PERSON")
            at = word.start(1) + len(token)

    def _namelike(self, token: str, common: float | None = None, known: float | None = None) -> bool:
        word = self._lexicon.word(token)
        folded = fold(token)
        if word.vocabulary or len(token) < 2 or folded in NOT_SIGNATURE or folded in CLOSINGS:
            return False
        if folded in FORM_WORDS or folded in CALENDAR or folded in ROLES or folded in TITLES:
            return False
        known = self._known if known is None else known
        return word.zipf < known or (word.name and word.zipf < (self._common if common is None else common))

    # -- nicknames -----------------------------------------------------------------------------

    def _nicknames(self, text: str) -> Iterator[Span]:
        for match in NICKNAME_BEFORE.finditer(text):
            if not self._lexicon.word(match.group("nick")).vocabulary:
                yield Span(match.start("nick"), match.end("nick"), "PERSON")
        for match in NICKNAME.finditer(text):
            quoted = QUOTED.match(text, match.end())
            if quoted:
                yield Span(quoted.start(1), quoted.end(1), "PERSON")
                continue
            yield from self._introduced(text, match.end())

    # -- signatures ----------------------------------------------------------------------------

    def _signatures(self, text: str, caps: bool) -> Iterator[Span]:
        lines = [(m.start(), m.group(0)) for m in re.finditer(r"[^\n]+", text)]
        after_closing = False
        # The last lines that are no contact details (digits, an e-mail): the text's end, for a final fragment.
        last = len(lines) - 1
        while last > 0 and re.search(r"\d|@", lines[last][1]) and len(lines[last][1].split()) <= 6:
            last -= 1
        for index, (start, line) in enumerate(lines):
            words = list(WORD.finditer(line))
            stripped = line.strip().rstrip(",")
            closing = bool(words) and fold(words[0].group(0).rstrip(".")) in CLOSINGS and len(words) <= 6
            if after_closing and words and not re.search(r"\d|@", line) and len(words) <= 5:
                for word in words:
                    token = word.group(0).rstrip(".")
                    if caps or not self._plain(token, caps):
                        yield Span(start + word.start(), start + word.start() + len(token), "PERSON")
                after_closing = False
                continue
            after_closing = closing and not re.search(r"\w", line[words[-1].end() :]) if words else after_closing
            if closing:
                continue
            if (
                index > 0
                and re.fullmatch(r"[^\W\d_'’\-. ]+|[^\W\d][\w'’\-. ]*", stripped)
                and not re.search(r"\d", stripped)
                and 1 <= len(words) <= 4
            ):
                yield from self._lone(start, words)
            elif index == last:
                # The text's last words after its last sentence: "...j'ai appelé les pompiers. Patience".
                tail = re.search(r"[.!?]\s+([^\W\d][^\W\d'’\-. ]*?)\s*$", line)
                if tail and not re.search(r"[.!?]\s*$", line) and not ABBREVIATION.search(line, 0, tail.start()):
                    fragment = list(WORD.finditer(line, tail.start(1)))
                    if 1 <= len(fragment) <= 3:
                        yield from self._lone(start, fragment)

    def _lone(self, start: int, words: list[re.Match]) -> Iterator[Span]:
        """Words that stand alone: a name when every one of them is a name, an initial or an unknown word."""
        tokens = [w.group(0).rstrip(".") for w in words]
        if fold(tokens[0]) in NOT_SIGNATURE:
            return
        for token in tokens:
            if len(token) == 1 and token.isupper():
                continue
            if fold(token) in ("de", "du", "le", "la", "van", "von", "der", "el", "al", "ben", "da", "di", "ait"):
                continue
            if not self._namelike(token):
                return
        for word, token in zip(words, tokens, strict=True):
            end = word.end() if len(token) == 1 else word.start() + len(token)  # an initial keeps its period
            yield Span(start + word.start(), start + end, "PERSON")


def _spelled_word(text: str, spelled: re.Match) -> Iterator[Span]:
    """The words a spelling repeats, just before it ("dawn little l i t t l e", "martin giulia m. a. r. t. i. n")."""
    letters = fold(re.sub(r"[\W\d_]", "", spelled.group(0)))
    before = list(WORD.finditer(text, max(0, spelled.start() - 60), spelled.start()))[-4:]
    for first in range(len(before)):
        for last in range(first, len(before)):
            said = fold(re.sub(r"[\W\d_]", "", "".join(w.group(0) for w in before[first : last + 1])))
            if said == letters:
                yield Span(before[first].start(), before[last].end(), "PERSON")
                return


def _all_caps(text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    return letters >= 8 and sum(c.isupper() for c in text) >= 0.7 * letters


def _field_end(text: str, at: int) -> int:
    stop = re.compile(r"[\n,;!?()]|\.(?:\s|$)").search(text, at)
    return stop.start() if stop else len(text)
