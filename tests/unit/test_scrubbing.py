"""The scrubber measured on French/English corpora with every identifier marked (tests/data).

Four development corpora: pii_corpus.jsonl (citizens' and agents' texts), pii_corpus_dev2.jsonl
(call-centre forms: titles before names in capitals, surname first, lists of colleagues, lower-case and
all-caps texts, operator abbreviations, dates of birth in operator forms, abbreviated street types,
foreign plates) and dev3/pii_corpus_dev3.jsonl (written separately, first measured as held out: European
phones, disguised e-mails, plates in any case, overseas NIRs, English addresses with flats and ZIP codes) and
dev4/pii_corpus_dev4.jsonl (written by another method, first measured as held out: building details, Swiss and
Belgian addresses, signatures, initials, nicknames, labelled values), and dev5/pii_corpus_dev5.jsonl (handwritten
documents, first measured as held out: Irish, Canadian, UK and US localities, spelled-out names, SMS), and
dev6/pii_corpus_dev6.jsonl (a call centre, a police log book and a council's case notes in Tours, Schaerbeek,
Yverdon and Cork, first measured as held out: staff initials, Gaelic names, Belgian and Swiss formats), and
dev7/pii_corpus_dev7.jsonl and dev8/pii_corpus_dev8.jsonl (a call centre's month of free text, first measured as
held out: Mastercard 2-series cards, NIR keys after a slash, plates given as examples, surnames before a comma,
children named by their parents).
pseudonymisation.evaluation measures per type recall (a marked span counts found when spans of any type
cover all its letters and digits), precision and F2, and the share of texts fully
redacted. The tables are printed in the test output and written to .run/privacy/scrubbing-*.json.
Reproduce: `.venv/bin/python -m pytest -q -s tests/unit/test_scrubbing.py`.
"""

import json
import time
from collections import Counter
from pathlib import Path

import pytest
import yaml

from pseudonymisation.domain import without_identifiers
from pseudonymisation.evaluation import STRUCTURED, measure, render
from pseudonymisation.identifiers import find_identifiers
from pseudonymisation.scrubber import Scrubber, strict_names

DATA = Path(__file__).parents[1] / "data"
CORPORA = {
    "pii_corpus": DATA / "pii_corpus.jsonl",
    "pii_corpus_dev2": DATA / "pii_corpus_dev2.jsonl",
    "pii_corpus_dev3": DATA / "dev3" / "pii_corpus_dev3.jsonl",
    "pii_corpus_dev4": DATA / "dev4" / "pii_corpus_dev4.jsonl",
    "pii_corpus_dev5": DATA / "dev5" / "pii_corpus_dev5.jsonl",
    "pii_corpus_dev6": DATA / "dev6" / "pii_corpus_dev6.jsonl",
    "pii_corpus_dev7": DATA / "dev7" / "pii_corpus_dev7.jsonl",
    "pii_corpus_dev8": DATA / "dev8" / "pii_corpus_dev8.jsonl",
}
# Corpora whose targets are not reached yet: what they reach, held as floors (a change that lowers them
# is a regression). The seventh: plates in report bullets, '(a)' e-mails, street-after-number forms and
# lower-case names in transcripts still leak. The eighth: a bare street name and number after a name ("au nom de
# Lucia Washington, Meir 21").
SHORT_OF_TARGET = {
    "pii_corpus_dev7": {
        "full_redaction_rate": 0.937,
        "recall": {"ADDRESS": 0.967, "EMAIL": 0.963, "PERSON": 0.967, "PHONE": 0.994, "PLATE": 0.963},
    },
    "pii_corpus_dev8": {"full_redaction_rate": 0.997, "recall": {"ADDRESS": 0.994}},
}
# The lowest PERSON F2 held on each corpus: the third, in lower case, capitals and abbreviations, costs more
# placeholders (recall first: a leak costs more than a word masked).
PERSON_F2 = {
    "pii_corpus": 0.9,
    "pii_corpus_dev2": 0.9,
    "pii_corpus_dev3": 0.8,
    "pii_corpus_dev4": 0.9,
    "pii_corpus_dev5": 0.85,
    "pii_corpus_dev6": 0.9,
    "pii_corpus_dev7": 0.8,
    "pii_corpus_dev8": 0.9,
}
REPORTS = Path(__file__).parents[2] / ".run" / "privacy"
# What a French city's profile gives the scrubber: its languages and its own words (not names).
CITY = yaml.safe_load((DATA / "scrubbing_city.yaml").read_text(encoding="utf-8"))


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    return load(CORPORA["pii_corpus"])


@pytest.fixture(scope="module")
def scrubber() -> Scrubber:
    return Scrubber(strict_names(languages=CITY["languages"], vocabulary=CITY["vocabulary"], model="fr_core_news_md"))


def test_the_corpus_is_large_and_marked(corpus):
    assert len(corpus) >= 200
    kinds = Counter(kind for row in corpus for _, _, kind in row["spans"])
    assert set(STRUCTURED) | {"PERSON", "ADDRESS"} <= set(kinds)
    for row in corpus:
        for start, end, _ in row["spans"]:
            assert 0 <= start < end <= len(row["text"]) and row["text"][start:end].strip()


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_every_identifier_and_date_of_birth_is_found_and_texts_are_fully_redacted(name, scrubber, capsys):
    corpus = load(CORPORA[name])
    texts = [row["text"] for row in corpus]
    started = time.perf_counter()
    found = scrubber.spans(texts)
    rate = len(texts) / (time.perf_counter() - started)
    report = measure(corpus, found)
    REPORTS.mkdir(parents=True, exist_ok=True)
    summary = {**report.as_dict(), "texts_per_second": round(rate)}
    (REPORTS / f"scrubbing-{name}.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    with capsys.disabled():
        print("\n" + render(report, name) + f"\n  {rate:.0f} texts/s (spans, model included)")
    floors = SHORT_OF_TARGET.get(name, {"full_redaction_rate": 0.99, "recall": {}})
    for kind in (*STRUCTURED, "PERSON", "ADDRESS"):
        floor = floors["recall"].get(kind, 1.0)
        assert report.per_type[kind]["recall"] >= floor, (kind, [leak for leak in report.leaks if leak[0] == kind])
    assert report.full_redaction_rate >= floors["full_redaction_rate"], report.leaks
    assert report.per_type["PERSON"]["f2"] >= PERSON_F2[name], report.per_type["PERSON"]


def test_the_second_corpus_is_marked_and_unlike_the_first():
    corpus = load(CORPORA["pii_corpus_dev2"])
    assert len(corpus) >= 150
    kinds = Counter(kind for row in corpus for _, _, kind in row["spans"])
    assert set(STRUCTURED) | {"PERSON", "ADDRESS"} <= set(kinds)
    for row in corpus:
        for start, end, _ in row["spans"]:
            assert 0 <= start < end <= len(row["text"]) and row["text"][start:end].strip()


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_decoys_are_left_alone(name):
    """Order numbers failing Luhn, references failing the NIR key, IBANs failing mod 97, times, amounts
    and recent dates."""
    for row in load(CORPORA[name]):
        marked = [(start, end) for start, end, _ in row["spans"]]
        for span in find_identifiers(row["text"]):
            assert any(span.start < end and start < span.end for start, end in marked), (row["text"], span)


def test_scrubbed_text_keeps_its_words_and_loses_its_identifiers(scrubber):
    text = "Mme Fatima Benali, 06 12 34 56 78, signale un dépôt sauvage au 12 rue de la République."
    [scrubbed] = scrubber.scrub([text])
    # The model may take the title with the name: either way, only words that name nobody are left.
    assert scrubbed in (
        "Mme <PERSON>, <PHONE>, signale un dépôt sauvage au <ADDRESS>.",
        "<PERSON>, <PHONE>, signale un dépôt sauvage au <ADDRESS>.",
    )


@pytest.mark.parametrize(
    "text", ["call 713-555-0142 tonight", "call (312) 555-0199 tonight", "call 1-713-555-0142 tonight", "call 713.555.0142."]
)
def test_north_american_phone_numbers_are_found(text):
    # The demo cities are American: their call centres write numbers this way.
    assert "555" not in without_identifiers(text) and "<PHONE>" in without_identifiers(text)


@pytest.mark.parametrize("text", ["case 2010-0831-0007", "order 7135550142", "1990-2010 and 12.5 mm"])
def test_other_digit_groups_are_not_phones(text):
    assert without_identifiers(text) == text


# The forms a data-protection officer found leaking on call-centre texts, one by one.
@pytest.mark.parametrize(
    ("text", "leaks"),
    [
        ("Appel de M. DUPONT pour tapage, rappeler demain.", ["DUPONT"]),
        ("Mme KOWALSKA signale un dépôt sauvage.", ["KOWALSKA"]),
        ("DIALLO Aminata a appelé ce matin.", ["DIALLO", "Aminata"]),
        ("les agents Traoré et Le Goff sont passés vers 14h.", ["Traoré", "Goff"]),
        ("mme kowalska appelle pour la benne", ["kowalska"]),
        ("Témoin : J. Moreau, voisine Moreau J.", ["Moreau"]),
        ("witness Siobhan O'Brien and officers Smith and Okafor attended", ["Siobhan", "Brien", "Smith", "Okafor"]),
        ("bonjour c'est aminata diallo du 3e", ["aminata", "diallo"]),
        ("APPEL DE MME WOJCIK POUR NID DE POULE", ["WOJCIK"]),
    ],
)
def test_names_in_call_centre_forms_are_hidden(scrubber, text, leaks):
    [scrubbed] = scrubber.scrub([text])
    for leak in leaks:
        assert leak not in scrubbed, scrubbed


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("NÉ(E) LE 12/03/1987 A MARSEILLE", "12/03/1987"),
        ("usgr né(e) le 3 mars 1985, tel absent", "3 mars 1985"),
        ("date de naissance donnée par l'usager : 12.03.1985", "12.03.1985"),
        ("ne le 1er sept. 1979", "1er sept. 1979"),
        ("D.O.B. 12th Mar 1987", "12th Mar 1987"),
        ("born on March 3rd, 2019", "March 3rd, 2019"),
        ("DDN 03/2019", "03/2019"),
        ("vu le 14/07/2012 devant la gare", "14/07/2012"),  # fail-closed: a full date ten years back or more
    ],
)
def test_dates_of_birth_in_every_form_are_hidden(text, date):
    assert date not in without_identifiers(text)


@pytest.mark.parametrize("text", ["signalé le 12/03/2025 à 14h", "depuis le 5 avril 2025", "order placed on March 3, 2025"])
def test_recent_dates_without_a_birth_context_stay(text):
    assert find_identifiers(text, this_year=2026) == []


@pytest.mark.parametrize(
    "plate",
    [
        "AB-123-CD",
        "1234 AB 13",
        "AB12 CDE",
        "ab12cde",
        "1-ABC-234",
        "B-AB 1234",
        "1234 BCD",
        "GE 123456",
        "AB 1234",
        "12-ABC-3",
        "AA-00-AA",
    ],
)
def test_plates_of_france_and_its_neighbours_are_hidden(plate):
    assert without_identifiers(f"voiture {plate} garée") == "voiture <PLATE> garée"


def test_a_plate_context_hides_any_group_of_letters_and_digits():
    assert without_identifiers("reg WX7 3KQ parked") == "reg <PLATE> parked"


@pytest.mark.parametrize(
    "address",
    ["12, r. des Lilas", "12-14 av. du Prado", "3 bis imp. des Roses", "7 ALL. DES PINS 13008 MARSEILLE", "14 Elm Grove"],
)
def test_addresses_with_abbreviated_street_types_are_hidden(address):
    assert without_identifiers(f"domicilié {address}, merci") == "domicilié <ADDRESS>, merci"


# Rules drawn from the third corpus's misses, each as a class of forms.
@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("mob:020 7985 6715", "020 7985 6715"),  # UK, London
        ("call 0161 496 0000 today", "0161 496 0000"),  # UK, geographic
        ("MOB 07540454423 ; EMAIL", "07540454423"),  # UK mobile, one run
        ("try 0485/83.35.54 or", "0485/83.35.54"),  # Belgian mobile
        ("tél : 02/0989/9590 .", "02/0989/9590"),  # Belgian, slashes
        ("Tel. 030 12345678", "030 12345678"),  # German
        ("ph 7654 3210 99", "7654 3210 99"),  # any long group after a phone context
        ("gsm: 612 34 56 78", "612 34 56 78"),
    ],
)
def test_european_national_phones_and_numbers_after_a_phone_context_are_hidden(text, phone):
    assert phone not in without_identifiers(text) and "<PHONE>" in without_identifiers(text)


@pytest.mark.parametrize(
    "text",
    [
        "le 05/03/2026 10 personnes",  # a date, then a count
        "card 6011 0843 7458 5477 !!",  # a card's groups, not a phone in its tail
        "SIREN 096584503",  # nine digits in one run: a SIREN's
    ],
)
def test_dates_and_other_numbers_are_not_taken_for_national_phones(text):
    assert all(span.type != "PHONE" for span in find_identifiers(text, this_year=2026))


@pytest.mark.parametrize(
    "email",
    [
        "emre.sahin at bati-renov-idf dot fr",
        "marslan at live dot ie",
        "jean.dupont(arobase)free(point)fr",
        "j.doe [at] example [dot] com",
        "aoife-osullivan @ free.fr",
        "anna.k arobase gmail.com",
    ],
)
def test_disguised_emails_are_hidden(email):
    assert without_identifiers(f"envoyer à {email}, merci") == "envoyer à <EMAIL>, merci"


@pytest.mark.parametrize("text", ["officers attended at 2am. pls send someone", "attended at 7.15. no answer"])
def test_at_as_a_word_is_no_email(text):
    assert without_identifiers(text) == text


@pytest.mark.parametrize("nir", ["2 12 01 971 68 797 87", "212019716879787", "2 1201 97168 797 87", "2 00 06 2B 112 860 43"])
def test_nir_of_overseas_departments_in_any_grouping_is_hidden(nir):
    assert without_identifiers(f"NIR {nir} (ne pas garder)") == "NIR <NIR> (ne pas garder)"


def test_a_siret_followed_by_a_short_number_is_hidden_alone():
    assert without_identifiers("SIRET 756 746 152 002 37 2 véhicules") == "SIRET <SIRET> 2 véhicules"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("date of birth: 21-May-1942", "21-May-1942"),
        ("DOB 10-Sep-2003 -- pls", "10-Sep-2003"),
        ("date of birth: 17 Apr 44.", "17 Apr 44"),
        ("birthdate Jan. 31, 1982", "Jan. 31, 1982"),
    ],
)
def test_dates_of_birth_with_dashes_and_short_years_are_hidden(text, date):
    assert date not in without_identifiers(text)


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("ay-35-uj is still there", "ay-35-uj"),  # Dutch sidecode, lower case
        ("vehicles: ra-64-zw and fb55wmb, mr.", "fb55wmb"),  # a list after a plate context
        ("2 vehicles: 21-stl-3 and 224 zmc 69 / iban", "224 zmc 69"),  # old French, lower case
        ("956 JOF 33 is still there", "956 JOF 33"),
        ("plate 2198 AS 83 on the corner", "2198 AS 83"),  # a common word between digits
        ("voiture f sv 791 / eclairage", "f sv 791"),
        ("mopd + car be-79877 ; plate 2410 sff", "be-79877"),
        ("plate HH KD 106 ; passed", "HH KD 106"),
        ("car 12-D-12345 outside", "12-D-12345"),  # Ireland
    ],
)
def test_plates_in_any_case_and_after_vehicle_words_are_hidden(text, plate):
    assert plate not in without_identifiers(text)


@pytest.mark.parametrize(
    "text",
    ["car il a 2 ans", "vu 3 km 13 fois", "CAR PARK 2 NIGHTS", "LAMPADAIRE EP-2291 ÉTEINT", "PRIX DU V 90 BALLES"],
)
def test_words_and_lamp_posts_after_vehicle_words_are_no_plates(text):
    assert without_identifiers(text) == text


@pytest.mark.parametrize(
    "address",
    [
        "13a St Mary's Place #4B, Brooklyn, NY 11211",
        "25 COLDHARBOUR ST, HOUSTON, TX 77019",
        "573 Westheimer Rd., Apt 4B Houston, TX 77002",
        "9019 Belvedere Dr Boston, MA 02118",
        "2 Westheimer Rd., Unit 12",
        "7 Peckham Hill Dr, flat 210",
        "1929 fairview avenue, london se15 4qt",
        "flat 7, 116 church grove",
        "Apt 12 33c Westheimer Ct., Chicago, IL 60614",
        "27 Lincoln Mews",
        "34-36 Marlborough Lane",
        "14a oak terrace",
        "53, pass. des Tanneurs",
    ],
)
def test_english_addresses_with_flats_towns_and_codes_are_hidden_whole(address):
    assert without_identifiers(f"lives at {address} and the corner") == "lives at <ADDRESS> and the corner"


@pytest.mark.parametrize(
    "text", ["éteint le 12 janvier 2026, rue très sombre", "éteint le 03/11/2026, rue très sombre", "5 OU 6 ADOS SUR PLACE"]
)
def test_years_and_counts_before_street_words_are_no_addresses(text):
    assert without_identifiers(text) == text


@pytest.mark.parametrize(
    ("text", "leaks"),
    [
        ("Anthony, DDN 30/12/1986 rodéo urbain", ["Anthony"]),  # a name a date of birth follows
        ("identite verifiee : Quang Le ne le 29/6/1971", ["Quang", " Le "]),
        ("my neighbour confirmed it, Mr. Le wont give a number", [" Le "]),  # after an English title
        ("caller dr le reports building works", [" le "]),
        ("shop owner called - mr. do quang (dob: 15/11/1964)", ["do quang"]),
        ("rue très sombre, m. schröder joignable au 07 78 550 132", ["schröder"]),  # titles in lower case
        ("contact sur place : me o'sullivan", ["sullivan"]),
        ("logged by mohammed (night shift).", ["mohammed"]),  # who handled the call
        ("officers dubois-marchal and vu attended at 2am", [" vu "]),  # a list after a role
        ("contact on site: c. hughes\ncall back", ["hughes"]),  # an initial before a name
        ("témin : k.gbagbo-lath, usgr rappellera", ["gbagbo", "k."]),
        ("le temoin Colonna d'Istria dit que", ["Colonna", "Istria"]),
        ("le patron du bar de La Tour a laissé son num", ["La Tour"]),
        ("PLS CALL BACK MARIEKE, SGT VASSEUR AND THE GUARD", ["VASSEUR"]),  # an abbreviated rank
    ],
)
def test_names_in_forms_of_the_third_corpus_are_hidden(scrubber, text, leaks):
    [scrubbed] = scrubber.scrub([text])
    for leak in leaks:
        assert leak not in scrubbed, scrubbed


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Reported online: lamp post out", "Reported"),  # a form word the model may take at a start
        ("Callback req. lamp post out", "Callback"),
        ("usgr rappellera demain", "usgr"),  # an operator's abbreviation
        ("VOITURE EN PANNE, TAGS SUR LE MUR", "PANNE"),  # known words only the long list of surnames has
        ("arrivé vers 18 h. voir avec la voirie", "voir"),  # a time's unit, no initial
    ],
)
def test_words_of_forms_and_capitals_are_not_taken_for_names(scrubber, text, kept):
    [scrubbed] = scrubber.scrub([text])
    assert kept in scrubbed, scrubbed


# Rules drawn from the fourth corpus's misses, each as a class of forms.
@pytest.mark.parametrize(
    "address",
    [
        "1, SQUARE DES ACACIAS, ESC. A, PORTE 12",
        "202 RUE Paradis, bâtiment B, escalier 2, 4e étage 57000 Metz",
        "185 bis ave jean jaurès, étage 5, porte droite - 92110 clichy",
        "4bis, Bd du Général de Gaulle, bât A2 - appt 31, 57000 Metz",
        "35 quai de la Loire, appt 23 76600 Le Havre",
        "12 rue des Lilas, rdc, porte gauche",
        "8 allée des Pins, 2ème étage, bte 4",
        "rue du Marché 38, 1204 Genève",  # Swiss and Belgian: the number after the street
        "Avenue Louise 54 bte 3, 1050 Bruxelles",
        "chaussée de Wavre 112",
        "Kerkstraat 12, 2000 Antwerpen",
        "130a Station Ct, Bristol BS5 6XY",  # a postcode shaped like a plate, inside an address
    ],
)
def test_addresses_with_building_details_and_number_after_the_street_are_hidden_whole(address):
    assert without_identifiers(f"domicile : {address}.") == "domicile : <ADDRESS>."
    assert without_identifiers(f"signalé au {address}, merci") == "signalé au <ADDRESS>, merci"


@pytest.mark.parametrize(
    "text",
    [
        "horodateur n° 1147, place Carnot",  # a reference, no house number
        "concert le 02/09, place Carnot, 200 personnes",  # a day and a month
        "rodéo vers la place à 6h, 40 personnes",
        "il habite rue de la Paix depuis 3 ans",
    ],
)
def test_references_dates_and_times_before_street_words_are_no_addresses(text):
    assert all(span.type != "ADDRESS" for span in find_identifiers(text, this_year=2026))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("compte GB30-HBUK-7709-5399-4972-93, mail", "GB30-HBUK-7709-5399-4972-93"),  # an IBAN with dashes
        ("apt 12 - 07700 900275 - demande", "07700 900275"),  # a phone after a list's dash
        ("serait joignable en Espagne au 648 56 80 49.", "648 56 80 49"),  # words between the lead and the number
        ("call her on 612 345 678 tonight", "612 345 678"),
        ("Tow request for FFE-1511, parked in a fire lane", "FFE-1511"),  # a plate after a tow request
        ("the pickup GHT 4471 is parked on the verge", "GHT 4471"),  # before what is said of a parked vehicle
    ],
)
def test_identifiers_with_other_separators_and_lead_ins_are_hidden(text, value):
    assert value not in without_identifiers(text)


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        (
            "Nom : G. M.. Adresse : 180 Quai du Port. Tél : 45 67 89 12. Immatriculation : ZX 81",
            ["G. M.", "Quai du Port", "45 67 89", "ZX 81"],
        ),
        (
            "Name: Priya Patel\nAddress: Flat 2, Rosebank House\nPhone: 7700 900 12\nDOB: 3rd of May 81",
            ["Priya", "Rosebank", "7700", "May 81"],
        ),
        (
            "mis en cause : KOVACS Lajos, né le 03/02/1990 à Lyon, demeurant 3 impasse des Acacias à Bron",
            ["KOVACS", "Lajos", "03/02/1990", "Acacias"],
        ),
        ("De : Jean-Baptiste Rolland <jb.rolland@free.fr>\nObjet : tapage", ["Jean-Baptiste", "Rolland"]),
        ("Prénom : rose\nNom : berger", ["rose", "berger"]),  # fail-closed: a common word after a name's label
        ("Plate: mo 55\nReg: 4GH7", ["mo 55", "4GH7"]),
    ],
)
def test_labelled_values_are_hidden_whatever_they_look_like(scrubber, text, hidden):
    [scrubbed] = scrubber.scrub([text])
    for value in hidden:
        assert value not in scrubbed, scrubbed


def test_a_transcript_hides_the_answers_to_what_the_operator_asks(scrubber):
    text = (
        "Opérateur : Bonjour, quel est votre nom ?\n"
        "Appelant : oui c'est Madame Lopes, L-O-P-E-S\n"
        "Opérateur : Et votre adresse ?\n"
        "Appelant : j'habite au 4 cité des Fleurs, bâtiment C\n"
        "Opérateur : Un numéro pour vous rappeler ?\n"
        "Appelant : 45 22 81 09\n"
        "Opérateur : Merci, que se passe-t-il ?\n"
        "Appelant : des jeunes font du bruit dans le hall"
    )
    [scrubbed] = scrubber.scrub([text])
    for value in ("Lopes", "L-O-P-E-S", "cité des Fleurs", "45 22 81 09"):
        assert value not in scrubbed, scrubbed
    assert "des jeunes font du bruit dans le hall" in scrubbed  # a speaker's label is no name's label


@pytest.mark.parametrize(
    ("text", "leaks"),
    [
        ("Bonjour,\nles rats sont revenus.\nCordialement,\nAit Ahmed Ouardia", ["Ait", "Ahmed", "Ouardia"]),  # after a closing
        ("Merci de faire le nécessaire.\nCLARKE\n+33527034911", ["CLARKE"]),  # a lone line before contact details
        ("il y a un matelas en feu au pied de la tour 7. Patience", ["Patience"]),  # the text's last words
        ("the seagulls are attacking people again. garo", ["garo"]),
        ("Best regards,\nSiobhan Ni Bhriain\nFlat 3", ["Siobhan", "Bhriain"]),
    ],
)
def test_signatures_are_hidden(scrubber, text, leaks):
    [scrubbed] = scrubber.scrub([text])
    for leak in leaks:
        assert leak not in scrubbed, scrubbed


@pytest.mark.parametrize(
    ("text", "leaks"),
    [
        ("signalé par K. S., 73 allée Simone Veil", ["K. S."]),  # initials in a row
        ("Le correspondant de nuit J.-P. M. a accompagné", ["J.-P. M."]),
        ('le meneur se ferait appeler "Le Chinois".', ["Chinois"]),  # nicknames
        ('some guy called "Smokey" keeps selling cigarettes', ["Smokey"]),
        ("un certain Momo alias « Tonton » vend à la sauvette", ["Tonton"]),
        ("hi im reid my address is 19 ashgrove lane", ["reid"]),  # introductions
        ("bonjour je m'appelle rose martin et j'habite au 3", ["rose", "martin"]),
        ("berger benoît - 7 avenue des tilleuls", ["berger", "benoît"]),  # surname, then first name
    ],
)
def test_names_announced_by_initials_nicknames_and_introductions_are_hidden(scrubber, text, leaks):
    [scrubbed] = scrubber.scrub([text])
    for leak in leaks:
        assert leak not in scrubbed, scrubbed


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Pothole on Wellington Road outside the school", "Wellington"),  # streets and places named after people
        ("fête sauvage au parc des Buttes, environ 80 personnes", "Buttes"),
        ("carrefour de la rue Jean Moulin, feu cassé", "Jean Moulin"),
        ("bonjour, je suis maman de 3 enfants", "maman"),
        ("Auteur : homme d'environ 25 ans.", "homme"),  # a labelled value that names no one
        ("there are leaves everywhere and it's knee high", "knee"),
    ],
)
def test_places_and_plain_words_in_name_contexts_are_not_taken_for_names(scrubber, text, kept):
    [scrubbed] = scrubber.scrub([text])
    assert kept in scrubbed, scrubbed


@pytest.mark.parametrize(
    "address",
    [
        "76 Griffith Avenue, Dublin 9 D09 K7P2",
        "28 Main Street, Ballina, Co. Mayo, F26 X2Y3",
        "2/3 Mill Road, Leicester LE2 0QJ",
        "8635 rue Jean-Talon, Gatineau, QC J8Y 6T2",
        "6814, av. Cartier, Laval (Québec) H7N 3X2",
        "3909 Martin Luther King Jr. Blvd #6F, Detroit, MI 48201",
        "4992 W 3rd St, Apt 3C, Miami, FL 33127",
        "2733 N. Halsted Street, Chicago, IL 60614",
        "14 George Street, Sydney NSW 2000",
        "166 ter cours Pierre-Brossolette, 2ème étage gauche 75013 Paris",
        "16 ter, route du Moulin-Vert, Rés. Les Tilleuls",
        "12 quater rue du 8-Mai-1945, 3e étage - 69100 Villeurbanne",
        "79 passage de l'ourcq",
    ],
)
def test_localities_of_every_postcode_system_flats_and_directions_are_hidden_whole(address):
    assert without_identifiers(f"lives at {address} and the corner") == "lives at <ADDRESS> and the corner"


def test_an_address_in_a_signature_keeps_its_postcode_line_and_stops_before_the_phone():
    text = "Logis Métropole\n1-3 bd des Tanneurs bât A\n13003 Marseille\nTél. 09-13-95-16-71"
    assert without_identifiers(text) == "Logis Métropole\n<ADDRESS>\nTél. <PHONE>"


@pytest.mark.parametrize("text", ["né en 1978 au 79 passage", "the 38 BUS.\nCC STREET LIGHTING", "Dublin is nice"])
def test_years_buses_and_towns_alone_are_no_addresses(text):
    assert all(span.type != "ADDRESS" for span in find_identifiers(text))


def test_phones_with_a_bracketed_trunk_code_are_hidden():
    assert without_identifiers("call me on (0113) 496 9078 please") == "call me on <PHONE> please"


@pytest.mark.parametrize(
    ("text", "leaks"),
    [
        ("Caller: M, B, A, Y, E. Mbaye.", ["M, B, A, Y, E", "Mbaye"]),
        ("will chase tmrw. A.G.", ["A.G."]),
        ("Oui, c'est javier, le gardien.", ["javier"]),
        ("hi its alessandro from the 3rd floor", ["alessandro"]),
        ("bjr c karim du bâtiment B", ["karim"]),
    ],
)
def test_spelled_letters_joined_initials_and_lower_case_introductions_are_hidden(scrubber, text, leaks):
    [scrubbed] = scrubber.scrub([text])
    assert not [leak for leak in leaks if leak in scrubbed], scrubbed


@pytest.mark.parametrize(("text", "kept"), [("c'est bon, merci", "bon"), ("sent to the U.S. office", "U.S.")])
def test_plain_words_after_introductions_and_abbreviations_are_not_names(scrubber, text, kept):
    [scrubbed] = scrubber.scrub([text])
    assert kept in scrubbed, scrubbed


# -- the sixth corpus's classes of miss, with texts written here ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Conducteur : MOREL Lucien (1948), blessé léger.", "1948"),
        ("identités relevées dont Ana Sousa (1969) et Paul Roy (1972).", "1969"),
        ("rough sleeper, Tomás Kearney (1961) - seen near the quay", "1961"),
        ("née le 14071979 à Liège", "14071979"),
        ("DOB 19790714", "19790714"),
        ("né le 140779 à Namur", "140779"),
    ],
)
def test_years_of_birth_in_brackets_and_compact_dates_are_hidden(text, date):
    assert any(s.type == "DATE_OF_BIRTH" and text[s.start : s.end] == date for s in find_identifiers(text, 2026))


@pytest.mark.parametrize(
    "text", ["commande 20251103 livrée", "loi de 1901 (1901)", "le bus (2021) est neuf", "ticket 14071979 payé"]
)
def test_numbers_without_birth_context_and_recent_years_in_brackets_are_no_dates_of_birth(text):
    assert not [s for s in find_identifiers(text, 2026) if s.type == "DATE_OF_BIRTH"], text


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("numéro affiché : 0476/123456.", "0476/123456"),
        ("Conductrice : Lies Peeters, 0495 / 12 34 56.", "0495 / 12 34 56"),
        ("signalé par M. Janssens (025123478).", "025123478"),
        ("GSM luxembourgeois 621 234 567, joignable le soir", "621 234 567"),
        ("Natel 079 345 67 89", "079 345 67 89"),
        ("ph 021 4567890 after 6", "021 4567890"),
    ],
)
def test_belgian_luxembourg_swiss_and_irish_phones_with_slashes_or_no_separator_are_hidden(text, phone):
    assert any(s.type == "PHONE" and text[s.start : s.end] == phone for s in find_identifiers(text))


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("Stationnement illicite : GE 412 908, détenteur absent", "GE 412 908"),
        ("contrôle zone bleue : vs 123 456 sans disque", "vs 123 456"),
        ("toutes les nuits (BE 88 412).", "BE 88 412"),
    ],
)
def test_swiss_plates_with_grouped_digits_are_hidden(text, plate):
    assert any(s.type == "PLATE" and text[s.start : s.end] == plate for s in find_identifiers(text))


@pytest.mark.parametrize(
    "text", ["Fourrière RJ 2025-5428 : rien", "samedi 4 octobre 11H36. Patrouille", "16:29 rue de Gasparin : RAS"]
)
def test_references_times_and_minutes_are_no_plates_dates_or_addresses(text):
    assert find_identifiers(text, 2026) == [], find_identifiers(text, 2026)


@pytest.mark.parametrize(
    "address",
    [
        "rue des Palais 44 (2e ét.), 1030 Schaerbeek",
        "avenue Rogier 12 (rdc), 1030 bruxelles",
        "Kerkstraat, 7 - 2000 Antwerpen",
        "chaussée de Haecht, 101 - 1030 Schaerbeek",
        "rue du midi 12/3\n1000 bruxelles",
        "Rue de la Loi 16",
        "14 patrick's hill, cork t12 x2y4",
    ],
)
def test_street_first_addresses_with_floors_boxes_commas_and_lower_case_codes_are_hidden_whole(address):
    text = f"Adresse déclarée : {address}. Merci"
    spans = [s for s in find_identifiers(text) if s.type == "ADDRESS"]
    assert [text[s.start : s.end].rstrip(".") for s in spans] == [address], spans


def test_a_town_alone_after_living_in_is_no_address():
    assert find_identifiers("believed to be living in Limerick. Passed on.") == []


@pytest.mark.parametrize(
    ("text", "leaks"),
    [
        ("UPDATE 12/03 - Passed to roads section. KB", ["KB"]),
        ("update 12/03 (k.b.) contractor booked\nupdate 14/03 - closed. kb", ["k.b.", "kb"]),
        ("14/03 : intervention faite, photos au dossier. LMV", ["LMV"]),
        ("UPDATE 2/4 - NÓ: RANG BACK, NO ANSWER.", ["NÓ"]),
        ("clôture : p.d..", ["p.d."]),
        ("update 04/12 - siobhan: rang back, no answer", ["siobhan"]),
        ("16/01 : courrier envoyé.\n22/01 : clôture (mathilde).", ["mathilde"]),
        ("REPLIED TO RESIDENT. MAURA\nCASE CLOSED", ["MAURA"]),
    ],
)
def test_staff_initials_and_first_names_signing_log_lines_are_hidden(scrubber, text, leaks):
    [scrubbed] = scrubber.scrub([text])
    assert not [leak for leak in leaks if leak in scrubbed], scrubbed


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Véhicule enlevé. RAS", "RAS"),
        ("Transmis au SAMU. PV", "PV"),
        ("no answer. Left VM.", "VM"),
        ("Passed to section. ASAP", "ASAP"),
        ("UPDATE 6-Sep - Passed to relevant section.", "Sep"),
        ("Grant application HSG-601129 received", "HSG"),
        ("Opérateur : Allô Mairie, j'écoute.\nAppelant : Oui, je veux signaler un lampadaire.", "Oui"),
        ("Agent: Can I take a number?\nCaller: Yeah, sure.", "Can"),
    ],
)
def test_service_acronyms_months_references_and_greetings_are_not_taken_for_staff(scrubber, text, kept):
    [scrubbed] = scrubber.scrub([text])
    assert kept in scrubbed, scrubbed


@pytest.mark.parametrize(
    ("text", "leaks"),
    [
        ("Email chain fwd by D. Ó Briain:", ["Ó Briain"]),
        ("person named as aoife ní dhonnchadha, seen twice", ["ní dhonnchadha"]),
        ("tenant: nic giolla phádraig, orla\ndob: 2 may 1950", ["nic giolla", "orla"]),
        ("Gda Mac Cárthaigh attended", ["Mac Cárthaigh"]),
        ("pc fisher rang re: the plates", ["fisher"]),
        ("12h19 : chef de poste hamon sur place", ["hamon"]),
        ("13/09 : m courtois rappelle, pas satisfait.", ["courtois"]),
        ("Conflit entre VU Mai et les voisins", ["VU", "Mai"]),
        ("Tiny (real name Ciaran Walsh) seen at the bridge", ["Tiny"]),
        ("Occupante : Loulou (06.12.34.56.78).", ["Loulou"]),
        ("lol Zouzou is back on the corner", ["Zouzou"]),
        ("Témoin : Petit, 3e étage", ["Petit"]),
    ],
)
def test_gaelic_particles_posts_nicknames_and_lower_case_names_are_hidden(scrubber, text, leaks):
    [scrubbed] = scrubber.scrub([text])
    assert not [leak for leak in leaks if leak in scrubbed], scrubbed


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("rappelez-moi au zéro six, douze trente-quatre, cinquante-six, soixante-dix-huit", "zéro six"),
        ("mon numéro euh zéro vingt et un euh sept cent quarante-huit euh septante-cinq", "septante-cinq"),
        ("call me back on oh seven seven double-oh nine one two three", "double-oh"),
        ("my number is two one two um three six two um six eight five oh", "six eight five oh"),
        ("c'est le zéro quatre quatre-vingt-huit 33 cinquante-six trente-six", "quatre-vingt-huit"),
    ],
)
def test_phones_spoken_in_words_are_hidden(text, phone):
    spans = find_identifiers(text)
    start = text.index(phone)
    assert any(s.type == "PHONE" and s.start <= start and start + len(phone) <= s.end for s in spans), spans


@pytest.mark.parametrize(
    "text",
    [
        "ça dure depuis trois semaines",
        "there were twenty people outside",
        "le bruit commence vers vingt-deux heures",
        "deux jeunes sur le banc, un chien",
        "about two hundred and fifty quid of damage",
        "on a payé deux mille cinq cents euros",
        "it happened in twenty twenty-five, again in twenty twenty-six",
        "un, deux, trois soleil",
    ],
)
def test_counts_times_and_amounts_in_words_are_no_identifiers(text):
    assert find_identifiers(text) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("je suis née le vingt et un juillet quatre-vingts", "vingt et un juillet quatre-vingts"),
        ("né le vingt-trois juin dix-neuf cent soixante-trois", "vingt-trois juin dix-neuf cent soixante-trois"),
        ("date de naissance deux mars mille neuf cent soixante-huit", "deux mars mille neuf cent soixante-huit"),
        ("born the seventeenth of march nineteen seventy-nine", "seventeenth of march nineteen seventy-nine"),
        ("born march second nineteen ninety three, about the tow", "march second nineteen ninety three"),
        ("date of birth twenty-second of february two thousand one", "twenty-second of february two thousand one"),
        ("il est né en dix-neuf cent quatre-vingt-sept", "dix-neuf cent quatre-vingt-sept"),
    ],
)
def test_dates_of_birth_spoken_in_words_are_hidden(text, date):
    spans = find_identifiers(text)
    start = text.index(date)
    assert [(s.start, s.end, s.type) for s in spans] == [(start, start + len(date), "DATE_OF_BIRTH")], spans


def test_a_recent_spoken_date_without_a_birth_context_stays():
    assert find_identifiers("la panne a eu lieu le douze mars deux mille vingt-six") == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("le squat au quatre-vingt-dix avenue de la libération euh ça recommence", "quatre-vingt-dix avenue"),
        ("devant le soixante et onze impasse des tilleuls euh", "soixante et onze impasse des tilleuls"),
        ("the noise at twenty one Dorchester Ave it's been", "twenty one Dorchester Ave"),
        ("outside fifty-four main street the reg was", "fifty-four main street"),
    ],
)
def test_house_numbers_spoken_in_words_make_addresses(text, address):
    spans = find_identifiers(text)
    start = text.index(address)
    assert any(s.type == "ADDRESS" and s.start <= start and start + len(address) <= s.end for s in spans), spans


@pytest.mark.parametrize("text", ["on a un parc à côté", "il y a deux rues plus loin", "trois places de parking"])
def test_articles_and_counts_before_street_words_are_no_addresses(text):
    assert find_identifiers(text) == []


@pytest.mark.parametrize(
    ("text", "leaks"),
    [
        ("hi my name is dylan chevalier c-h-e-v-a-l-i-e-r date of birth", ["chevalier", "c-h-e-v"]),
        ("um hi i'm martin giulia m. a. r. t. i. n i had an accident", ["martin", "m. a. r"]),
        ("bonjour je suis madame De Smet euh d e s m e t euh j'appelle", ["Smet", "d e s m e t"]),
        ("bonjour c'est océane euh boulanger je suis née le", ["océane", "boulanger"]),
        ("allô bonjour c'est marie de la boutique euh", ["marie"]),
    ],
)
def test_names_spelled_letter_by_letter_and_lower_case_names_in_transcripts_are_hidden(scrubber, text, leaks):
    [scrubbed] = scrubber.scrub([text])
    assert not [leak for leak in leaks if leak in scrubbed], scrubbed


def test_spoken_numbers_keep_their_offsets():
    from pseudonymisation.spoken_numbers import digitised, runs

    text = "au quatre-vingt-dix-sept, zéro six euh douze"
    assert len(digitised(text)) == len(text)
    assert [(text[r.start : r.end], r.groups) for r in runs(text)] == [
        ("quatre-vingt-dix-sept, zéro six euh douze", ("97", "0", "6", "12"))
    ]


# -- the eighth corpus's classes of miss ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "card"),
    [
        ("carte 2221 0000 0000 0009, opposée", "2221 0000 0000 0009"),  # Mastercard 2-series, its first range
        ("paid with 2720 9900 0000 0007 yesterday", "2720 9900 0000 0007"),  # and its last
        ("carte 5555  5555  5555  4444 volée", "5555  5555  5555  4444"),  # double spaces between groups
        ("card 4111-1111-1111-1111 stolen", "4111-1111-1111-1111"),
    ],
)
def test_cards_of_every_brand_in_any_grouping_are_hidden(text, card):
    assert [(s.type, text[s.start : s.end]) for s in find_identifiers(text)] == [("CARD", card)]


def test_a_2_series_number_outside_mastercard_ranges_is_no_card():
    assert find_identifiers("ref 2100 0000 0000 0005") == []  # passes Luhn, but 2100 is no brand's


@pytest.mark.parametrize(
    "nir",
    ["2 85 03 75 112 345 / 44", "1 92 06 13 088 041/72", "2 85 03 75 112 345 44", "1-92-06-13-088-041 / 72"],
)
def test_nir_with_its_key_after_a_slash_or_any_separator_is_hidden(nir):
    text = f"NIR {nir}. Merci"
    assert [(s.type, text[s.start : s.end]) for s in find_identifiers(text)] == [("NIR", nir)]


def test_a_nir_whose_key_fails_is_no_nir_whatever_its_separators():
    assert not [s for s in find_identifiers("dossier 2 85 03 75 112 345 / 45") if s.type == "NIR"]


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("Cars in the taxi stand, e.g. 482 KRW. Thanks", "482 KRW"),
        ("Exemple V52 HNB depuis 3 jours", "V52 HNB"),  # the United Kingdom before 2001
        ("the old Jag, reg MKT 384P, again", "MKT 384P"),  # and before 1983
        ("He says the other guy drives a 527 JXL.", "527 JXL"),
        ("blocked by XQJ 461 this morning", "XQJ 461"),
    ],
)
def test_plates_of_three_letters_and_three_digits_and_older_uk_plates_are_hidden(text, plate):
    assert plate in [text[s.start : s.end] for s in find_identifiers(text) if s.type == "PLATE"]


@pytest.mark.parametrize("text", ["payé 300 EUR hier", "HOUSE AT 4059 ELM ST", "bus 123 puis SMS 456"])
def test_amounts_and_common_words_before_digits_are_no_plates(text):
    assert not [s for s in find_identifiers(text) if s.type == "PLATE"]


def test_an_email_with_a_disguised_at_after_at_as_a_word_is_hidden_whole():
    text = "Contact Chloé at c.legoff(at)outlook.com."
    assert [(s.type, text[s.start : s.end]) for s in find_identifiers(text)] == [("EMAIL", "c.legoff(at)outlook.com")]


@pytest.mark.parametrize(
    "address",
    [
        "2313 avenue du Mont-Royal Est",  # a direction after the street
        "Unit 2340, 2234 Queen St W, Halifax NS",  # and a town with its province, no code
        "2895 Robson St, Ottawa, ON K2P 6C9",
        "6808 MAPLE AVENUE #369, PORTLAND OR",
        "Apt 10, 52 The Crescent, Kilkenny",  # a street named by its type
        "Flat 5, 215 Kingsway, London, N7 1HG",  # one word ending in its type
        "Grand-Rue 52\n8001 Zürich",  # a street that is its type alone
        "Steenweg op Gent 140",
    ],
)
def test_streets_with_directions_states_and_one_word_names_are_hidden_whole(address):
    text = f"Resident at {address}. Thanks"
    assert address in [text[s.start : s.end] for s in find_identifiers(text) if s.type == "ADDRESS"]


def test_an_address_after_l_adresse_c_est_is_hidden():
    text = "et l'adresse c'est Meir 63 et pas ailleurs"
    assert "Meir 63" in [text[s.start : s.end] for s in find_identifiers(text)]


@pytest.mark.parametrize(
    ("text", "leaks"),
    [
        ("Per our call, my details again: Harris, Rajesh, DOB 12/28/1960", ["Harris"]),  # surname, comma, first name
        ("Citoyen : St. Clair, Priya, +1 418 591 7300", ["Clair", "St."]),
        ("mes coordonnées : St. Clair-Williams Bronagh\nTél : 04 46 05 42 18", ["St.", "Clair"]),
        ("Please contact me by email. Name Sanjay D'SOUZA.", ["D'SOUZA"]),  # a surname in capitals
        ("Hi, I'm Amir's mum, amir is in 2nd grade", ["Amir", "amir"]),  # a possessive, then every mention
        ("je suis la maman de léna, on vient tous les jours", ["léna"]),  # children named by a parent
        ("je suis le papa de Théo et moussa, on habite ici", ["Théo", "moussa"]),
        ("Mes enfants Harper, nour et Ava demandent", ["Harper", "nour", "Ava"]),
        ("Fwd by CF - Roads to Parks.", ["CF"]),  # staff initials after who passed the text on
        ("Reporting per policy. MacDonald, RN", ["MacDonald"]),  # a name before a credential
        ("I'm Chinedu Park,  store at the corner", ["Park"]),  # a surname that is also a word, after an introduction
    ],
)
def test_names_tied_to_names_and_children_named_by_parents_are_hidden(scrubber, text, leaks):
    [scrubbed] = scrubber.scrub([text])
    assert not [leak for leak in leaks if leak in scrubbed], scrubbed


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Bonjour, maraîcher du marché, je signale", ["Bonjour"]),
        ("Réservation salle municipale. Salle : salle 128", ["salle municipale"]),
        ("mes enfants jouent euh près du parc", ["euh", "jouent"]),
    ],
)
def test_greetings_plain_words_and_fillers_are_not_tied_to_names(scrubber, text, kept):
    [scrubbed] = scrubber.scrub([text])
    assert all(word in scrubbed for word in kept), scrubbed
