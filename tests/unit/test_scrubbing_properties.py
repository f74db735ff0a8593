"""Property-based: no generated identifier survives scrubbing, whatever its spelling or its sentence.

Each strategy draws a valid identifier (checksums computed, as real ones have them) in one of the
spellings people use, and puts it inside French or English words; the scrubbed text must hold
neither the identifier nor its digits.
"""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pseudonymisation.identifiers import luhn_valid
from pseudonymisation.scrubber import Scrubber

SCRUBBER = Scrubber(names=None)  # structured identifiers only; names are measured on the corpus
BEFORE = st.sampled_from(["Appelez le", "mon numéro :", "contact", "Merci de joindre", "call", "my details:", "", "("])
AFTER = st.sampled_from(["merci.", "svp", ", cordialement", "thanks", "", ")", "!", " après 18h"])
SEPARATORS = st.sampled_from([" ", ".", "-", "", "  ", "\u00a0"])


def digits(count: int):
    return st.text(alphabet="0123456789", min_size=count, max_size=count)


def luhn_digit(body: str) -> str:
    """The check digit that makes `body` pass Luhn (a valid number, as real ones are)."""
    return next(d for d in "0123456789" if luhn_valid(body + d))


def grouped(text: str, sizes: list[int], separator: str) -> str:
    out, at = [], 0
    for size in sizes:
        out.append(text[at : at + size])
        at += size
    return separator.join(out)


@st.composite
def french_phones(draw):
    number = "0" + draw(st.sampled_from("123456789")) + draw(digits(8))
    style = draw(st.sampled_from(["national", "+33 ", "+33 (0)", "0033 "]))
    separator = draw(SEPARATORS)
    if style == "national":
        return grouped(number, [2] * 5, separator)
    return style + grouped(number[1:], [1, 2, 2, 2, 2], separator)


@st.composite
def emails(draw):
    local = draw(st.from_regex(r"[a-z][a-z0-9]{0,8}([._+-][a-z0-9]{1,8}){0,2}", fullmatch=True))
    domain = draw(st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z0-9]", fullmatch=True))
    tld = draw(st.sampled_from(["fr", "com", "net", "org", "co.uk", "gouv.fr"]))
    at = draw(st.sampled_from(["@", " @ ", "(at)"]))
    text = f"{local}{at}{domain}.{tld}"
    return text.upper() if draw(st.booleans()) else text


@st.composite
def nirs(draw):
    department = draw(st.sampled_from(["13", "75", "2A", "2B", "69", "99", "01"]))
    body = (
        draw(st.sampled_from("12"))
        + draw(digits(2))
        + f"{draw(st.integers(1, 12)):02d}"
        + department
        + draw(digits(3))
        + draw(digits(3))
    )
    number = body.replace("2A", "19").replace("2B", "18") if department in ("2A", "2B") else body
    full = body + f"{97 - int(number) % 97:02d}"
    return grouped(full, [1, 2, 2, 2, 3, 3, 2], draw(st.sampled_from([" ", "", "."])))


@st.composite
def ibans(draw):
    country, bban = draw(st.sampled_from([("FR", 23), ("DE", 18), ("BE", 12), ("ES", 20)]))
    body = draw(digits(bban))
    numeric = "".join(str(int(c, 36)) for c in body + country + "00")
    full = country + f"{98 - int(numeric) % 97:02d}" + body
    return grouped(full, [4] * 9, " ").strip() if draw(st.booleans()) else full


@st.composite
def luhn_numbers(draw, length: int, first: str = "123456789"):
    body = draw(st.sampled_from(first)) + draw(digits(length - 2))
    return body + luhn_digit(body)


@st.composite
def cards(draw):
    number = draw(luhn_numbers(16, first="45"))
    return grouped(number, [4] * 4, draw(st.sampled_from([" ", "-", ""])))


@st.composite
def sirets(draw):
    siren = draw(luhn_numbers(9))
    body = siren + draw(digits(4))
    number = body + luhn_digit(body)
    return grouped(number, [3, 3, 3, 5], draw(st.sampled_from([" ", ""])))


@st.composite
def plates(draw):
    letters = st.text(alphabet="ABCDEFGHJKLMNPQRSTVWXYZ", min_size=2, max_size=2)
    separator = draw(st.sampled_from(["-", " ", ""]))
    text = f"{draw(letters)}{separator}{draw(digits(3))}{separator}{draw(letters)}"
    return text.lower() if draw(st.booleans()) else text


def survives(identifier: str, before: str, after: str) -> tuple[bool, str]:
    [scrubbed] = SCRUBBER.scrub([f"{before} {identifier} {after}".strip()])
    digits = re.sub(r"\D", "", identifier)
    # Its digits in a row, once the words' own are taken out (a short run could be the words' "18h").
    leaked_digits = len(digits) >= 6 and digits in re.sub(r"\D", "", scrubbed)
    return identifier in scrubbed or leaked_digits, scrubbed


@settings(max_examples=1000, deadline=None)
@given(
    st.one_of(french_phones(), emails(), nirs(), ibans(), cards(), sirets(), luhn_numbers(9), plates()),
    BEFORE,
    AFTER,
)
def test_no_generated_identifier_survives(identifier, before, after):
    leaked, scrubbed = survives(identifier, before, after)
    assert not leaked, (identifier, scrubbed)
