"""Writes pii_corpus_dev2.jsonl: a second development corpus, unlike the first, in the forms a
data-protection officer found leaking on call-centre texts: names in capitals after a civil title
("M. DUPONT"), surname first ("DIALLO Aminata"), colleagues listed after a role ("les agents Traoré et
Le Goff"), initials, particles, lower-case and all-caps texts, operator abbreviations ("usgr", "DDN",
"tel"), missing accents and typos; dates of birth in operator forms ("NÉ(E) LE 12/03/1987", "usgr né(e)
le 3 mars 1985", "date de naissance donnée par l'usager : 12.03.1985", "D.O.B. 12th Mar 1987");
addresses with abbreviated street types and a comma after the number ("12, r. des Lilas"); plates of
France, the UK, Belgium, Germany, Spain, Italy, Switzerland, Luxembourg, the Netherlands and Portugal.
Names of several origins. Same format as pii_corpus.jsonl. Regenerate with
`python tests/data/make_pii_corpus_dev2.py` (seeded: the same file each time).
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import make_pii_corpus as first  # noqa: E402  (its identifier makers: valid checksums, seeded)

OUT = Path(__file__).with_name("pii_corpus_dev2.jsonl")
rng = random.Random(2027)

# (first name, surname): French, Maghrebi, West African, Polish, Portuguese, Vietnamese, Breton,
# English, Irish, Dutch, Turkish, Chinese, Romanian, Spanish, Italian.
PEOPLE = [
    ("Aminata", "Diallo"),
    ("Moussa", "Traoré"),
    ("Anna", "Kowalska"),
    ("Piotr", "Wójcik"),
    ("Joao", "Da Silva"),
    ("Maria", "Pereira"),
    ("Thanh", "Nguyen"),
    ("Yann", "Le Goff"),
    ("Gwenaëlle", "Le Bihan"),
    ("Siobhan", "O'Brien"),
    ("Pieter", "van der Berg"),
    ("Ayşe", "Yılmaz"),
    ("Wei", "Zhang"),
    ("Ioana", "Popescu"),
    ("Lucia", "Fernández"),
    ("Giulia", "Esposito"),
    ("Fatou", "N'Diaye"),
    ("Karim", "Ben Salah"),
    ("Samira", "El Amrani"),
    ("Hélène", "Dupuis"),
    ("Jean-Marc", "Lefebvre"),
    ("Mamadou", "Sow"),
    ("Oluwaseun", "Adeyemi"),
    ("Chloé", "Marchetti"),
    ("Kevin", "Okafor"),
    ("Aurélien", "Chevallier"),
    ("Svetlana", "Ivanova"),
    ("Bernard", "Roussel"),
]
TITLES_FR = ["M.", "M", "Mme", "Mlle", "Me", "Dr", "Monsieur", "Madame", "mme", "mr", "Mr"]
TITLES_EN = ["Mr", "Mrs", "Ms", "Miss", "Dr", "Sir"]
ISSUES_FR = [
    "dépôt sauvage",
    "tapage nocturne",
    "stationnement gênant",
    "lampadaire en panne",
    "nid de poule",
    "graffitis",
    "benne pleine",
    "squat hall",
]
ISSUES_EN = ["fly-tipping", "noise at night", "broken streetlight", "pothole", "graffiti", "blocked drain"]
STREETS_ABBR = [
    ("r.", "des Lilas"),
    ("bd", "de la Liberté"),
    ("bld", "National"),
    ("av.", "du Prado"),
    ("av", "de Mazargues"),
    ("imp.", "des Roses"),
    ("che.", "de la Madrague"),
    ("ch.", "du Vallon"),
    ("all.", "des Pins"),
    ("pl.", "Castellane"),
    ("rte", "de Gémenos"),
    ("sq.", "Stalingrad"),
    ("crs", "Belsunce"),
    ("qu.", "de Rive-Neuve"),
    ("rue", "Saint-Ferréol"),
    ("traverse", "de la Martine"),
]
STREETS_EN = ["Elm Grove", "High Street", "Church Road", "Station Rd", "Mill Lane", "Victoria Ave", "oak drive", "park road"]
MONTHS_FR_ABBR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
MONTHS_EN_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def strip_accents(text: str) -> str:
    table = str.maketrans("éèêëàâäîïôöûüùçÉÈÀÇıŞşóáÖÓ", "eeeeaaaiioouuucEEACiSsoaOO")
    return text.translate(table)


def person() -> tuple[str, str]:
    return rng.choice(PEOPLE)


# Each maker returns parts: (text, TYPE or None); the typed parts are marked.
def name_title_caps():
    _, last = person()
    return [(rng.choice(TITLES_FR) + " ", None), (last.upper(), "PERSON")]


def name_surname_first():
    first_name, last = person()
    return [(f"{last.upper()} {first_name}", "PERSON")]


def name_plain():
    first_name, last = person()
    text = f"{first_name} {last}"
    return [(strip_accents(text) if rng.random() < 0.3 else text, "PERSON")]


def name_initial():
    first_name, last = person()
    return [(rng.choice([f"{first_name[0]}. {last}", f"{last} {first_name[0]}."]), "PERSON")]


def name_lower():
    first_name, last = person()
    return [(strip_accents(f"{first_name} {last}").lower(), "PERSON")]


def name_surname():
    _, last = person()
    return [(last, "PERSON")]


def name_title_any():
    first_name, last = person()
    style = rng.randrange(4)
    name = [last, last.upper(), f"{first_name} {last}", f"{first_name[0]}. {last.upper()}"][style]
    return [(rng.choice(TITLES_FR) + " ", None), (name, "PERSON")]


def name_title_en():
    first_name, last = person()
    name = rng.choice([last, f"{first_name} {last}", last.upper()])
    return [(rng.choice(TITLES_EN) + " ", None), (name, "PERSON")]


def dob_numeric():
    day, month, year = rng.randrange(1, 29), rng.randrange(1, 13), rng.randrange(1935, 2009)
    sep = rng.choice(["/", ".", "-"])
    text = rng.choice(
        [f"{day:02d}{sep}{month:02d}{sep}{year}", f"{day}{sep}{month}{sep}{year % 100:02d}", f"{year}-{month:02d}-{day:02d}"]
    )
    return [(text, "DATE_OF_BIRTH")]


def dob_text_fr():
    day, month, year = rng.randrange(1, 29), rng.randrange(1, 13), rng.randrange(1935, 2009)
    day_text = "1er" if day == 1 else str(day)
    month_text = rng.choice([first.MONTHS_FR[month - 1], MONTHS_FR_ABBR[month - 1]])
    text = f"{day_text} {month_text} {year}"
    return [(text.upper() if rng.random() < 0.3 else strip_accents(text) if rng.random() < 0.3 else text, "DATE_OF_BIRTH")]


def dob_text_en():
    day, month, year = rng.randrange(1, 29), rng.randrange(1, 13), rng.randrange(1935, 2009)
    suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}.get(day, "th")
    month_text = rng.choice([first.MONTHS_EN[month - 1], MONTHS_EN_ABBR[month - 1]])
    text = rng.choice([f"{day}{suffix} {month_text} {year}", f"{month_text} {day}{suffix}, {year}", f"{month_text} {day} {year}"])
    return [(text, "DATE_OF_BIRTH")]


def dob_any():
    return rng.choice([dob_numeric, dob_text_fr])()


def address_abbr():
    street_type, street = rng.choice(STREETS_ABBR)
    number = rng.choice(
        [str(rng.randrange(1, 200)), f"{rng.randrange(1, 99)} bis", f"{rng.randrange(2, 40)}-{rng.randrange(41, 60)}"]
    )
    comma = rng.choice([",", ""])
    text = f"{number}{comma} {street_type} {street}"
    if rng.random() < 0.3:
        text += f" {rng.choice(first.CITIES)}"
    if rng.random() < 0.25:
        text = strip_accents(text).upper()
    return [(text, "ADDRESS")]


def address_en():
    return [(f"{rng.randrange(1, 400)}{rng.choice(['', '', 'A'])} {rng.choice(STREETS_EN)}", "ADDRESS")]


def plate_any():
    letters = "ABCDEFGHJKLMNPRSTVWXYZ"

    def pick(n):
        return "".join(rng.choice(letters) for _ in range(n))

    def consonants(n):
        return "".join(rng.choice("BCDFGHJKLMNPRSTVWXYZ") for _ in range(n))

    def num(n):
        return "".join(rng.choice("0123456789") for _ in range(n))

    return [
        (
            rng.choice(
                [
                    f"{pick(2)}{num(2)} {pick(3)}",  # UK
                    f"{pick(2)}{num(2)}{pick(3)}",  # UK
                    f"{rng.randrange(1, 9)}-{pick(3)}-{num(3)}",  # Belgium
                    f"{rng.choice(['B', 'M', 'HH', 'K'])}-{pick(2)} {num(4)}",  # Germany
                    f"{num(4)} {consonants(3)}",  # Spain
                    f"{pick(2)} {num(3)}{pick(2)}",  # Italy
                    f"{rng.choice(['GE', 'VD', 'ZH', 'TI'])} {num(6)}",  # Switzerland
                    f"{pick(2)} {num(4)}",  # Luxembourg
                    f"{num(2)}-{pick(3)}-{num(1)}",  # Netherlands
                    f"{pick(2)}-{num(2)}-{pick(2)}",  # Portugal
                    f"{pick(2)}-{num(3)}-{pick(2)}",  # France
                    f"{rng.randrange(10, 9999)} {pick(2)} 13",  # France, before 2009
                ]
            ),
            "PLATE",
        )
    ]


def ident(kind):
    def make():
        value = {
            "PHONE": first.phone,
            "NIR": first.nir,
            "IBAN": first.iban,
            "SIRET": first.siret,
            "SIREN": first.siren,
            "CARD": first.card,
        }[kind]()
        return [(value, kind)]

    return make


def email_part():
    first_name, last = person()
    return [(first.email(strip_accents(first_name), strip_accents(last).replace(" ", "").replace("'", "")), "EMAIL")]


def issue_fr():
    return [(rng.choice(ISSUES_FR), None)]


def issue_en():
    return [(rng.choice(ISSUES_EN), None)]


def recent_date():
    return [(f"{rng.randrange(1, 29):02d}/{rng.randrange(1, 13):02d}/{rng.choice([2025, 2026])}", None)]


MAKERS = {
    "TITLE_CAPS": name_title_caps,
    "SURNAME_FIRST": name_surname_first,
    "NAME": name_plain,
    "INITIAL": name_initial,
    "LOWER": name_lower,
    "SURNAME": name_surname,
    "TITLE_ANY": name_title_any,
    "TITLE_EN": name_title_en,
    "DOB": dob_any,
    "DOB_NUM": dob_numeric,
    "DOB_FR": dob_text_fr,
    "DOB_EN": dob_text_en,
    "ADDR": address_abbr,
    "ADDR_EN": address_en,
    "PLATE": plate_any,
    "PHONE": ident("PHONE"),
    "NIR": ident("NIR"),
    "IBAN": ident("IBAN"),
    "SIRET": ident("SIRET"),
    "SIREN": ident("SIREN"),
    "CARD": ident("CARD"),
    "EMAIL": email_part,
    "ISSUE": issue_fr,
    "ISSUE_EN": issue_en,
    "RECENT": recent_date,
}

TEMPLATES = [
    "Appel de {TITLE_CAPS} pour {ISSUE}, rappeler au {PHONE}.",
    "{TITLE_CAPS} signale un {ISSUE} devant le {ADDR}.",
    "{SURNAME_FIRST} a appelé ce matin : {ISSUE} depuis le {RECENT}.",
    "les agents {SURNAME} et {SURNAME} sont passés vers 14h, RAS.",
    "Intervention des collègues {SURNAME}, {SURNAME} et {SURNAME} le {RECENT} à 9h30.",
    "usgr né(e) le {DOB_FR}, tel {PHONE}, signale {ISSUE}",
    "NOM PRENOM : {SURNAME_FIRST} NÉ(E) LE {DOB_NUM} DEMEURANT {ADDR}",
    "date de naissance donnée par l'usager : {DOB_NUM}, {ISSUE} au {ADDR}",
    "Usager domicilié {ADDR}, {ISSUE}, rappel souhaité au {PHONE}",
    "véhicule immat {PLATE} stationné sur le trottoir depuis 3 jours",
    "plaque {PLATE} garée en double file devant l'école",
    "{TITLE_ANY} appelle pour {ISSUE}, dossier transmis.",
    "le gardien {TITLE_ANY} dit que la porte du local poubelles est cassée",
    "Témoin: {INITIAL}, a vu le véhicule {PLATE} repartir.",
    "voisine {INITIAL} se plaint du bruit, DDN {DOB}",
    "RAPPEL URGENT : {TITLE_CAPS} TEL {PHONE} POUR {ISSUE}",
    "bonjour c'est {LOWER} du 3e, {ISSUE} dans la cour, merci",
    "contact : {LOWER} {PHONE}",
    "ne le {DOB} a Marseille, {ISSUE} signalé par l'usager",
    "DDN: {DOB_FR} / mail {EMAIL}",
    "la victime {NAME} ({DOB}) a été orientée vers le CCAS",
    "le conducteur {NAME}, véhicule {PLATE}, a refusé de déplacer sa voiture",
    "propriétaire du chien : {TITLE_ANY}, {ADDR}",
    "Médiateur {SURNAME} présent sur site avec le technicien {SURNAME}.",
    "Signalement transmis par {NAME} (NIR {NIR}) le {RECENT}.",
    "Remboursement sur IBAN {IBAN} au nom de {TITLE_ANY}.",
    "Entreprise SIRET {SIRET}, gérant {NAME}, chantier au {ADDR}",
    "SIREN {SIREN} : le locataire {NAME} conteste la facture de 45,90 €",
    "Paiement CB {CARD} refusé, usager {NAME} mécontent",
    "{NAME} demande le retrait d'un encombrant, tel {PHONE}",
    "Caller {TITLE_EN} reported {ISSUE_EN} at {ADDR_EN}, DOB {DOB_EN}.",
    "Neighbour {NAME} (b. {DOB_EN}) says the {ISSUE_EN} has been there for weeks.",
    "officers {SURNAME} and {SURNAME} attended at 10:30, no further action.",
    "reg {PLATE} parked on double yellow lines outside {ADDR_EN}",
    "D.O.B. {DOB_EN}, caller {NAME}, phone {PHONE}",
    "witness {INITIAL} saw a car {PLATE} leave at speed",
    "Landlord {TITLE_EN} was informed of the {ISSUE_EN}, email {EMAIL}",
    "born on {DOB_EN} - tenant {NAME} of {ADDR_EN}",
    "birthdate {DOB_NUM}, janitor {SURNAME} called about {ISSUE_EN}",
    "the caretaker, {NAME}, says the lift is broken again",
]


def render(template: str) -> dict:
    text, spans = "", []
    for part in re.split(r"(\{[A-Z_]+\})", template):
        if part.startswith("{") and part.endswith("}"):
            for value, kind in MAKERS[part[1:-1]]():
                if kind is not None:
                    spans.append([len(text), len(text) + len(value), kind])
                text += value
        else:
            text += part
    if (template.isupper() or rng.random() < 0.08) and len(text.upper()) == len(text):
        text = text.upper()  # now and then the whole text in capitals
    return {"lang": "en" if re.search(r"\b(the|at|called|says|saw|was|of)\b", template) else "fr", "text": text, "spans": spans}


def main() -> None:
    rows = [render(template) for _ in range(4) for template in TEMPLATES]
    with OUT.open("w") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} texts, {sum(len(r['spans']) for r in rows)} marked spans -> {OUT}")


if __name__ == "__main__":
    main()
