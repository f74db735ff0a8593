"""Person names by gazetteers and context, decided per token with the city's `Lexicon` (`RuleNames`):
after a civil title ("M. DUPONT", "mme kowalska") or a role word ("les agents Traoré et Le Goff",
"witness: John Clark"), one to three name tokens in any case, and lists of them; a first name or surname
of the gazetteers capitalised mid-sentence, or in capitals; a first name followed by a surname
("jean martin", "JEAN MARTIN"), surname first too ("DIALLO Aminata"); initials ("J. Moreau", "Moreau J.")
and particles (de, van der, Ben, Le, O', N') inside a name; and fail-closed: a capitalised or all-caps
word that is neither a known word of the city's languages nor in its vocabulary is a name. In a text in
capitals, or with no capital but at sentence starts, case says nothing: the tables decide, and an
unknown word is a name too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pseudonymisation.birthdates import MONTH_NUMBER
from pseudonymisation.lexicon import Lexicon, fold
from pseudonymisation.name_words import (
    CALENDAR,
    CAPITAL_PARTICLES,
    CASED_TITLES,
    ENGLISH_TITLES,
    FORM_WORDS,
    LIST_WORDS,
    PARTICLES,
    POST_HEADS,
    POSTS,
    RANKS,
    ROLES,
    STREET_WORDS,
    TITLES,
)
from pseudonymisation.spans import Span

# Who wrote, handled or passed on the text: "logged by mohammed", "handled by aydın o.", "Fwd by CF".
BY = re.compile(
    r"(?:logged|handled|reported|called|sent|taken|written|noted|passed|signed|signal[ée]e?s?|transmise?s?|pris|prise"
    r"|saisie?s?|suivie?s?|trait[ée]e?s?|r[ée]dig[ée]e?s?|fwd|forwarded|transf[ée]r[ée]e?s?)\s+$",
    re.IGNORECASE,
)
# A date of birth after a name: "Anthony, DDN 30/12/1986", "Quang Le ne le 29/6/1971", "(dob: ...)".
BIRTH_AFTER = re.compile(
    r"\s*[,(\-]?\s*(?:n[ée]{1,2}(?:\s?\(\s?e\s?\))?\s+(?:le|en)\b|d\.?d\.?n\b|d\.?o\.?b\b|born\b"
    r"|date\s+(?:de\s+naissance|of\s+birth)\b)",
    re.IGNORECASE,
)

# A month after its day ("UPDATE 6-Sep", "28-Jan", "3 déc."), and a reference's letters before its number ("HSG-601129",
# "RM/2025/1655", "JE 199151"): no names.
DAY_BEFORE = re.compile(r"\d{1,2}(?:st|nd|rd|th|er)?[ \t\-/.]?$")
NUMBER_AFTER = re.compile(r"[\-/]\d|[ \t][1-9]\d{5,}(?![\d ])")
# A word: letters, with inner apostrophes or hyphens ("Pierre-Louis", "O'Brien", "l'usager").
WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
ELISION = re.compile(r"^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?:^|[.!?:;\n»\"]|\s-\s)[\s\"'«(\[*•\-]*$")

STRONG, WEAK, NO = 2, 1, 0


@dataclass
class Token:
    start: int
    end: int
    text: str
    shape: str  # "upper", "title", "lower"
    initial: bool = False  # at a sentence start
    kind: str = ""  # "title", "role", "particle", "letter" (an initial such as "J."), "" for a word
    status: int = NO
    name: bool = False


class RuleNames:
    """Names by gazetteers, context and fail-closed lookups (see the module's docstring).

    `known`: the Zipf frequency from which a word is a known word of the city's languages (below it,
    a capitalised word is a name); `common`: the one from which a gazetteer name is mostly a common
    word, so that it needs a sign (mid-sentence capital, a title, a role, another name) to be a name.
    """

    def __init__(
        self, lexicon: Lexicon, known: float = 2.5, common: float = 4.0, known_lower: float = 2.0, surname_word: float = 3.0
    ) -> None:
        self._lexicon = lexicon
        self._surname_word = surname_word
        self._known = known
        self._lone_capital = 0.5  # how much rarer than plain words a lone capital may be
        self._known_lower = known_lower
        self._common = common
        self._phrases = _phrase_pattern(lexicon.phrases)

    def __call__(self, texts: Sequence[str]) -> list[list[Span]]:
        return [self.find(text) for text in texts]

    def find(self, text: str) -> list[Span]:
        tokens = self._tokens(text)
        if not tokens:
            return []
        self._classify(text, tokens)
        self._context(text, tokens)
        self._spread(text, tokens)
        return _spans(text, tokens)

    # -- tokens --------------------------------------------------------------------------------

    def _tokens(self, text: str) -> list[Token]:
        protected = [(m.start(), m.end()) for m in self._phrases.finditer(fold(text))] if self._phrases else []
        tokens = []
        for match in WORD.finditer(text):
            start, word = match.start(), match.group(0)
            elided = ELISION.match(word)
            if elided and len(word) > elided.end():
                rest = word[elided.end() :]
                # O'Brien, N'Diaye, D'Amico stay whole; l'usager, d'Aubagne, J'ai lose their elided article.
                if not (word[0] in "ODN" and elided.end() == 2 and rest[:1].isupper()):
                    start, word = start + elided.end(), rest
            if any(a <= start < b for a, b in protected):
                continue
            shape = "upper" if word.isupper() else "title" if word[0].isupper() else "lower"
            tokens.append(Token(start, start + len(word), word, shape))
        return tokens

    def _classify(self, text: str, tokens: list[Token]) -> None:
        for token in tokens:
            before = text[: token.start]
            token.initial = bool(SENTENCE_END.search(before)) and not _after_initial_or_title(before)
            folded = fold(token.text)
            if folded in TITLES and (folded not in CASED_TITLES or token.text == CASED_TITLES[folded]):
                token.kind = "title"
            elif folded in ROLES:
                token.kind = "role"
            elif folded in PARTICLES and (len(folded) > 1 or token.shape == "lower" or token.text in CAPITAL_PARTICLES):
                token.kind = "particle"
            elif len(token.text) == 1:
                token.kind = "letter" if _initial(text, token) else "short"
            elif folded in MONTH_NUMBER and DAY_BEFORE.search(text, max(0, token.start - 5), token.start):
                token.kind = "date"
            elif token.shape == "upper" and len(token.text) <= 4 and NUMBER_AFTER.match(text, token.end):
                token.kind = "reference"
        letters = sum(c.isalpha() for c in text)
        capitals = sum(c.isupper() for c in text)
        all_caps = letters >= 8 and capitals >= 0.7 * letters
        # No capital but at sentence starts and on titles: case carries no sign either.
        # A word in capitals is a sign of case wherever it stands ("...le nécessaire.\nCLARKE").
        no_case = not all_caps and not any(
            (t.shape != "lower" and not t.initial or t.shape == "upper" and len(t.text) > 1) and not t.kind for t in tokens
        )
        if no_case:
            # "m. schröder", "m courtois", "me o'sullivan": titles in lower case, where case says nothing ("5 m"
            # is a length).
            for token in tokens:
                after_number = re.search(r"\d\s*$", text[max(0, token.start - 3) : token.start])
                if token.text == "me" or (token.text == "m" and not after_number):
                    token.kind = "title"
        # One capital mid-sentence in a text in lower case: the writer marked a proper noun ("lol Zizou is back").
        marked = [t for t in tokens if t.shape == "title" and not t.initial and not t.kind]
        lone = marked[0] if len(marked) == 1 and not any(t.shape == "upper" for t in tokens) else None
        for token in tokens:
            if not token.kind:
                token.status = self._status(token, all_caps, no_case, lone_capital=token is lone)

    def _status(self, token: Token, all_caps: bool, no_case: bool, lone_capital: bool = False) -> int:
        word = self._lexicon.word(token.text)
        if word.vocabulary or len(token.text) < 2 or fold(token.text) in FORM_WORDS:
            return NO
        unknown = word.zipf < self._known + (self._lone_capital if lone_capital else 0.0)
        rare = word.zipf < self._common
        if fold(token.text) in CALENDAR:
            return WEAK  # "March 3" is a date, "April Jones" a name
        if no_case:
            # Lower case throughout: a rare first name, or a word no language knows (a typo costs a
            # placeholder); a surname that is also a common word waits for a neighbour.
            if word.zipf < self._known_lower or (word.given and word.zipf < self._known + 1):
                return STRONG
            return WEAK if word.name and rare else NO
        if all_caps or (token.shape == "title" and token.initial):
            # Case says nothing: the tables decide; an unknown word is a name (fail-closed). A known word
            # that only the long list of surnames has ("PANNE", "TAGS", "CASSÉS") waits for a neighbour.
            if unknown or (word.given and rare) or (word.surname and word.zipf < self._surname_word):
                return STRONG
            return WEAK if word.name else NO
        if token.shape == "upper":
            # A word in capitals in a text in lower case: a surname, unless it is a known word (SAMU).
            return STRONG if unknown or word.name else NO
        if token.shape == "title":
            # Capitalised mid-sentence: a name if a gazetteer has it or no language knows it.
            return STRONG if unknown or word.name else NO
        # Lower case in a text with capitals: a rare gazetteer name only ("signalé par aminata").
        if word.name and word.zipf < self._known + 0.5:
            return STRONG
        return WEAK if word.name and rare else NO

    # -- context -------------------------------------------------------------------------------

    def _context(self, text: str, tokens: list[Token]) -> None:
        for i, token in enumerate(tokens):
            if token.kind == "title":
                self._take(text, tokens, i + 1, after_title=True, english=fold(token.text) in ENGLISH_TITLES)
            elif token.kind == "role" or (fold(token.text) in ("by", "par") and BY.search(text, 0, token.start)):
                self._take(text, tokens, i + 1, after_title=fold(token.text) in RANKS)
            post = self._post(tokens, i)
            if post:
                self._take(text, tokens, i + len(post), after_title=True)
        for i, token in enumerate(tokens):
            if BIRTH_AFTER.match(text, token.end) and token.kind not in ("title", "role"):
                self._before_birth(text, tokens, i)

    @staticmethod
    def _post(tokens: list[Token], at: int) -> tuple[str, ...] | None:
        """The post named in several words that starts at `at` ("chef de poste"), if one does."""
        if fold(tokens[at].text) not in POST_HEADS:
            return None
        return next((p for p in POSTS if tuple(fold(t.text) for t in tokens[at : at + len(p)]) == p), None)

    def _before_birth(self, text: str, tokens: list[Token], last: int) -> None:
        """The name a date of birth follows: up to three capitalised or name tokens before it."""
        word = self._lexicon.word(tokens[last].text)
        if tokens[last].kind not in ("", "particle") or word.vocabulary or fold(tokens[last].text) in FORM_WORDS:
            return
        if tokens[last].shape == "lower" and not self._rare_name(tokens[last]):
            return
        k = last
        while k >= 0 and last - k < 3:
            token = tokens[k]
            if token.kind not in ("", "particle", "letter") or fold(token.text) in FORM_WORDS | CALENDAR:
                break
            if token.shape == "lower" and token.kind != "particle" and not self._rare_name(token):
                break
            token.name = True
            if k == 0 or not _adjacent(text, tokens[k - 1], token):
                break
            k -= 1

    def _take(self, text: str, tokens: list[Token], at: int, after_title: bool, english: bool = False) -> None:
        """Name tokens after a title or a role: one to three, then lists ("X et Y", "X, Y"). After an
        English title the first word is a name whatever it is ("Mr. Le", "mr. do quang"); a name that is
        a particle alone stays one ("Mr. Le wont give a number")."""
        listed = False
        for _group in range(6):
            j, taken = at, 0
            while j < len(tokens) and taken < 3:
                if not _joined(text[tokens[j - 1].end : tokens[j].start], first=taken == 0):
                    break
                token = tokens[j]
                folded = fold(token.text)
                forced = english and j == at and folded not in FORM_WORDS | CALENDAR | LIST_WORDS
                if not forced and (token.kind in ("particle", "letter") or (token.kind == "short" and token.shape == "lower")):
                    j += 1
                    continue
                if forced and not self._lexicon.word(token.text).vocabulary and token.kind not in ("title", "role"):
                    pass
                elif token.kind or not (self._acceptable(token, after_title) or (listed and self._lexicon.word(token.text).name)):
                    # A capitalised particle after a title, with nothing after it, is the name ("M. Le").
                    if after_title and taken == 0 and j > at and tokens[j - 1].kind == "particle":
                        if tokens[j - 1].shape != "lower" and j - 1 == at:
                            tokens[j - 1].name = True
                    break  # another title takes its own name ("le gardien, M. Dupont")
                for k in range(at, j + 1):  # particles and initials before it belong to the name
                    if tokens[k].kind in ("particle", "letter") or k == j:
                        tokens[k].name = True
                taken += 1
                j += 1
            if not taken or j >= len(tokens):
                return
            # A list: "Traoré et Le Goff", "Smith and Jones", "Dupont, Martin", "Dupont & Fils".
            gap = text[tokens[j - 1].end : tokens[j].start]
            if fold(tokens[j].text) in LIST_WORDS and not gap.strip() and j + 1 < len(tokens):
                at, listed = j + 1, True
            elif gap.strip() in (",", "&", "/", ", &") and tokens[j].shape != "lower":
                at = j
            else:
                return

    def _acceptable(self, token: Token, after_title: bool) -> bool:
        word = self._lexicon.word(token.text)
        if word.vocabulary or fold(token.text) in FORM_WORDS:
            return False
        if token.status == STRONG:
            return True
        if token.shape != "lower":
            # A role's label opens a sentence: a common word there starts what is said ("Appelant : Bonjour").
            common = word.zipf >= self._known + 1 and not (word.name and word.zipf < self._common)
            return after_title or not token.initial or not common
        if word.zipf < self._known:
            return True
        return word.name and word.zipf < (5.5 if after_title else self._common)

    def _rare_name(self, token: Token) -> bool:
        """A word no language knows, or a name that is no common word."""
        word = self._lexicon.word(token.text)
        return word.zipf < self._known or (word.name and word.zipf < self._common)

    def _plain_name(self, token: Token) -> bool:
        """Whether a word may be a name where a sign says so: no common word, form word or month."""
        word = self._lexicon.word(token.text)
        folded = fold(token.text)
        return not word.vocabulary and folded not in FORM_WORDS and folded not in CALENDAR and (word.name or word.zipf < 5.0)

    def _capitalised_particles(self, text: str, tokens: list[Token]) -> None:
        """Mid-sentence, a capitalised particle before a capitalised word is a surname, with the particles
        before it ("le patron du bar de La Tour", "chez Van der Berg"); not after a street type ("rue de
        La Fontaine" names a street)."""
        for i, token in enumerate(tokens):
            if token.kind != "particle" or token.shape != "title" or token.initial or i + 1 >= len(tokens):
                continue
            j = i + 1
            while j < len(tokens) and tokens[j].kind == "particle" and _adjacent(text, tokens[j - 1], tokens[j]):
                j += 1
            if j >= len(tokens) or not _adjacent(text, tokens[j - 1], tokens[j]):
                continue
            head = tokens[j]
            if head.kind or head.shape != "title" or not self._plain_name(head) and not self._lexicon.word(head.text).surname:
                continue
            k = i
            while k > 0 and tokens[k - 1].kind == "particle" and _adjacent(text, tokens[k - 1], tokens[k]):
                k -= 1
            if k > 0 and fold(tokens[k - 1].text) in STREET_WORDS:
                continue
            for n in tokens[k : j + 1]:
                n.name = True

    def _spread(self, text: str, tokens: list[Token]) -> None:
        """Strong tokens are names; weak ones next to a name too; "given + surname" pairs; particles
        and initials inside or before a name."""
        for token in tokens:
            if token.status == STRONG:
                token.name = True
        for i in range(len(tokens) - 1):
            a, b = tokens[i], tokens[i + 1]
            if a.kind or b.kind or not _adjacent(text, a, b):
                continue
            wa, wb = self._lexicon.word(a.text), self._lexicon.word(b.text)
            # "jean martin", "JEAN MARTIN": a first name given here, then a surname, in one case.
            if a.shape == b.shape and wa.census_given and wb.surname and max(wa.zipf, wb.zipf) < 5.6 and len(a.text) > 2:
                if not (wa.vocabulary or wb.vocabulary or fold(b.text) in CALENDAR):
                    a.name = b.name = True
            # "VU Mai", "DIALLO Aminata": a register's surname in capitals, then a capitalised first name.
            elif a.shape == "upper" and b.shape == "title" and len(a.text) > 1 and wa.surname and wb.given:
                if not (wa.vocabulary or wb.vocabulary or fold(a.text) in FORM_WORDS | CALENDAR | STREET_WORDS):
                    a.name = b.name = True
            # "berger benoît", "DUPONT JEAN": a surname, then a first name given here, no common word.
            elif a.shape == b.shape and wa.surname and wb.census_given and max(wa.zipf, wb.zipf) < 4.5 and len(b.text) > 2:
                if not (wa.vocabulary or wb.vocabulary or fold(a.text) in CALENDAR | STREET_WORDS):
                    a.name = b.name = True
        self._capitalised_particles(text, tokens)
        changed = True
        while changed:
            changed = False
            for i, token in enumerate(tokens):
                if token.name:
                    continue
                left = tokens[i - 1] if i > 0 else None
                right = tokens[i + 1] if i + 1 < len(tokens) else None
                near = [n for n in (left, right) if n is not None and n.name and _adjacent(text, *sorted((n, token), key=_start))]
                if not near:
                    continue
                if _initial(text, token) or (
                    token.status == WEAK and self._lexicon.word(token.text).zipf < 5.0 and any(_same_case(n, token) for n in near)
                ):
                    token.name = changed = True
            for i, token in enumerate(tokens):
                # "c. hughes", "k.gbagbo-lath": a word after an initial, unless a common one; "ouattara a.":
                # a surname that is also a word, before an initial.
                if token.name or token.kind:
                    continue
                before = tokens[i - 1] if i > 0 and tokens[i - 1].kind == "letter" else None
                after = tokens[i + 1] if i + 1 < len(tokens) and tokens[i + 1].kind == "letter" else None
                if before is not None and _adjacent(text, before, token) and self._plain_name(token):
                    token.name = before.name = changed = True
                elif after is not None and token.status == WEAK and _adjacent(text, token, after):
                    token.name = after.name = changed = True
            for i, token in enumerate(tokens):
                # "Le Goff", "Ben Salah", "Jean de La Fontaine", "joao da silva": particles before a name,
                # capitalised or after a name too.
                if token.name or token.kind != "particle":
                    continue
                j = i
                while j < len(tokens) and tokens[j].kind == "particle" and (j == i or _adjacent(text, tokens[j - 1], tokens[j])):
                    j += 1
                if j >= len(tokens) or not _adjacent(text, tokens[j - 1], tokens[j]):
                    continue
                left = tokens[i - 1] if i > 0 and _adjacent(text, tokens[i - 1], token) else None
                right = tokens[j]
                after_name = left is not None and left.name
                # After a name, a particle leads to a weak word or one no language knows ("clodagh ní bhriain").
                unknown = not right.kind and self._lexicon.word(right.text).zipf < self._known
                if (right.name and (token.shape != "lower" or after_name)) or (after_name and (right.status == WEAK or unknown)):
                    for k in range(i, j + 1):
                        tokens[k].name = True
                    changed = True


def _start(token: Token) -> int:
    return token.start


def _after_initial_or_title(before: str) -> bool:
    """'J. Moreau', 'M. Dupont', 'Dr. Smith': the period ends an initial or a title, not a sentence."""
    match = re.search(r"(?:^|[\s(])([^\W\d_]{1,4})\.\s*$", before)
    if not match:
        return False
    word = match.group(1)
    return (len(word) == 1 and word.isupper()) or fold(word) in TITLES


def _initial(text: str, token: Token) -> bool:
    """A letter and a period: "J." of "J. Moreau", "k." of "k.gbagbo-lath", and "M." when it stands
    beside a name."""
    if len(token.text) != 1 or not token.text.isalpha() or text[token.end : token.end + 1] != ".":
        return False
    # "18 h.", "10 p.m.": a unit or a time, no initial.
    return token.text.isupper() or not re.search(r"\d\s?$|\.$", text[max(0, token.start - 2) : token.start])


ELIDED_PARTICLES = ("d'", "d’", "D'", "D’")  # "Colonna d'Istria", "Giscard d'Estaing"


def _adjacent(text: str, a: Token, b: Token) -> bool:
    gap = text[a.end : b.start]
    if gap.strip() == ".":
        return _initial(text, a) and "\n" not in gap
    return gap.strip() in ("", "-", *ELIDED_PARTICLES) and "\n" not in gap and len(gap) <= 3


def _same_case(a: Token, b: Token) -> bool:
    """Two tokens that may belong to one name: both capitalised, or both in lower case."""
    return (a.shape == "lower") == (b.shape == "lower")


def _joined(gap: str, first: bool) -> bool:
    """What may stand between a title or role and the name ("Témoin : X", "agent(s) X"), or inside a name."""
    if first:
        return len(gap) <= 6 and "\n" not in gap and not gap.strip(" .:,()-\t")
    return gap.strip() in ("", ".", "-", *ELIDED_PARTICLES) and len(gap) <= 3


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern | None:
    ordered = sorted(phrases, key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in ordered) + r")(?!\w)")


def _spans(text: str, tokens: list[Token]) -> list[Span]:
    spans: list[Span] = []
    for token in tokens:
        if not token.name:
            continue
        # An initial keeps its period.
        end = token.end + _initial(text, token)
        if spans and adjacent_text(text, spans[-1].end, token.start):
            spans[-1] = Span(spans[-1].start, end, "PERSON")
        else:
            spans.append(Span(token.start, end, "PERSON"))
    return spans


def adjacent_text(text: str, end: int, start: int) -> bool:
    gap = text[end:start]
    return gap.strip() in ("", ".", "-", *ELIDED_PARTICLES) and "\n" not in gap and len(gap) <= 3
