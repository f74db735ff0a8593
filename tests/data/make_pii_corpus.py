"""Writes pii_corpus.jsonl: French and English texts as citizens and agents write them, with every
identifier marked, and decoys (numbers that only look like identifiers) left unmarked.

The sentences are written here by hand; the identifiers in them are made up, with valid checksums,
in the spellings people use (spaces, dots, dashes, none, lower case, odd spacing). Regenerate with
`python tests/data/make_pii_corpus.py` (seeded: the same file each time).
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

OUT = Path(__file__).with_name("pii_corpus.jsonl")
rng = random.Random(2026)

FIRST = [
    "Jean",
    "Fatima",
    "Karim",
    "Sophie",
    "Mohamed",
    "Claire",
    "Nicolas",
    "Aïcha",
    "Luc",
    "Émilie",
    "Thomas",
    "Yasmina",
    "Pierre-Louis",
    "Marie",
    "Julien",
    "Nadia",
    "Olivier",
    "Inès",
    "Sarah",
    "David",
]
LAST = [
    "Dupont",
    "Benali",
    "Haddad",
    "Martin",
    "Lefèvre",
    "Nguyen",
    "Rossi",
    "Bernard",
    "Moreau",
    "Garcia",
    "Petit",
    "Ben Salah",
    "Fontaine",
    "Roux",
    "Mercier",
    "Cohen",
    "Diallo",
    "Lambert",
    "Girard",
    "Fabre",
]
EN_FIRST = ["John", "Emily", "Michael", "Sarah", "James", "Olivia", "Daniel", "Grace", "Robert", "Linda"]
EN_LAST = ["Smith", "Johnson", "Williams", "Brown", "Taylor", "Anderson", "Thompson", "Walker", "Harris", "Clark"]
STREETS = [
    "rue de la République",
    "boulevard Baille",
    "avenue du Prado",
    "rue Paradis",
    "traverse des Fenêtres-Rouges",
    "chemin de la Madrague-Ville",
    "impasse des Lilas",
    "place Castellane",
    "quai de Rive-Neuve",
    "rue d'Aubagne",
    "cours Julien",
    "allée Léon Gambetta",
    "bd Longchamp",
    "rue du Général de Gaulle",
    "montée des Accoules",
]
EN_STREETS = ["Baker Street", "Main St", "Pennsylvania Ave", "Oak Road", "Elm Drive", "Fannin Street", "Westheimer Rd"]
CITIES = ["13001 Marseille", "13005 Marseille", "13008 Marseille", "69003 Lyon", "75011 Paris"]
MONTHS_FR = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def luhn_digit(body: str) -> str:
    total = 0
    for position, char in enumerate(reversed(body)):
        digit = int(char)
        if position % 2 == 0:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return str((10 - total % 10) % 10)


def digits(n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def spaced(text: str, groups: list[int], sep: str) -> str:
    out, i = [], 0
    for size in groups:
        out.append(text[i : i + size])
        i += size
    return sep.join(out)


def phone() -> str:
    number = "0" + rng.choice("123456789") + digits(8)
    style = rng.randrange(9)
    if style == 0:
        return number
    if style == 1:
        return spaced(number, [2] * 5, " ")
    if style == 2:
        return spaced(number, [2] * 5, ".")
    if style == 3:
        return spaced(number, [2] * 5, "-")
    if style == 4:
        return "+33 " + spaced(number[1:], [1, 2, 2, 2, 2], " ")
    if style == 5:
        return "+33 (0)" + spaced(number[1:], [1, 2, 2, 2, 2], " ")
    if style == 6:
        return "0033 " + spaced(number[1:], [1, 2, 2, 2, 2], " ")
    if style == 7:
        return spaced(number, [2, 2, 3, 3], " ")  # odd grouping
    return spaced(number, [2] * 5, rng.choice(["  ", " - ", "\u00a0"]))  # odd spacing


def intl_phone() -> str:
    return rng.choice(
        [
            "+44 20 7946 " + digits(4),
            "+1 (212) 555-" + digits(4),
            "+49 30 " + digits(7),
            "+32 2 " + digits(3) + " " + digits(2) + " " + digits(2),
        ]
    )


def email(first: str, last: str) -> str:
    local = rng.choice(
        [f"{first}.{last}", f"{first[0]}{last}", f"{first}_{last}{rng.randrange(10, 99)}", f"{last}.{first}+mairie"]
    )
    local = re.sub(r"[^A-Za-z0-9._+]", "", local.replace("é", "e").replace("ï", "i").replace("É", "E").replace(" ", ""))
    domain = rng.choice(["gmail.com", "orange.fr", "free.fr", "laposte.net", "hotmail.fr", "yahoo.co.uk"])
    style = rng.randrange(5)
    if style == 1:
        local = local.lower()
    if style == 2:
        return f"{local} @ {domain}"
    if style == 3:
        return f"{local}(at){domain}"
    return f"{local}@{domain}".upper() if style == 4 else f"{local}@{domain}"


SIV_LETTERS = "ABCDEFGHJKLMNPQRSTVWXYZ"


def plate() -> str:
    if rng.random() < 0.65:
        a, b = "".join(rng.choice(SIV_LETTERS) for _ in range(2)), "".join(rng.choice(SIV_LETTERS) for _ in range(2))
        text = rng.choice([f"{a}-{digits(3)}-{b}", f"{a} {digits(3)} {b}", f"{a}{digits(3)}{b}"])
        return text.lower() if rng.random() < 0.2 else text
    letters = "".join(rng.choice(SIV_LETTERS) for _ in range(rng.choice([2, 3])))
    dept = rng.choice(["13", "75", "69", "2A", "06", "83"])
    return f"{rng.randrange(1, 9999)} {letters} {dept}"


def nir() -> str:
    dept = rng.choice(["13", "75", "69", "2A", "83", "99"])
    body = rng.choice("12") + digits(2) + f"{rng.randrange(1, 13):02d}" + dept + digits(3) + digits(3)
    number = body.replace("2A", "19")
    key = f"{97 - int(number) % 97:02d}"
    full = body + key
    return full if rng.random() < 0.4 else spaced(full, [1, 2, 2, 2, 3, 3, 2], " ")


def nir_decoy() -> str:
    text = nir().replace(" ", "")
    wrong = f"{(int(text[-2:]) + 1) % 97:02d}"
    return text[:-2] + wrong


def iban() -> str:
    if rng.random() < 0.8:
        country, bban = "FR", digits(10) + digits(11) + digits(2)
    else:
        country, bban = "DE", digits(18)
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = f"{98 - int(numeric) % 97:02d}"
    full = country + check + bban
    return spaced(full, [4] * 8, " ").strip() if rng.random() < 0.7 else full


def iban_decoy() -> str:
    text = iban().replace(" ", "")
    check = f"{(int(text[2:4]) + 3) % 100:02d}"
    return text[:2] + check + text[4:]


def siren() -> str:
    body = digits(8)
    return body + luhn_digit(body)


def siret() -> str:
    body = siren() + digits(4)
    full = body + luhn_digit(body)
    return rng.choice([full, spaced(full, [3, 3, 3, 5], " ")])


def card() -> str:
    body = rng.choice("45") + digits(14)
    full = body + luhn_digit(body)
    return rng.choice([spaced(full, [4] * 4, " "), spaced(full, [4] * 4, "-"), full])


def non_luhn(length: int) -> str:
    while True:
        text = rng.choice("123456789") + digits(length - 1)
        if luhn_digit(text[:-1]) != text[-1]:
            return text


def birth_fr() -> tuple[str, str]:
    day, month, year = rng.randrange(1, 29), rng.randrange(1, 13), rng.randrange(1940, 2008)
    date = rng.choice([f"{day:02d}/{month:02d}/{year}", f"{day} {MONTHS_FR[month - 1]} {year}", f"{day:02d}.{month:02d}.{year}"])
    return rng.choice(["né le ", "née le ", "date de naissance : ", "DDN "]), date


def birth_en() -> tuple[str, str]:
    day, month, year = rng.randrange(1, 29), rng.randrange(1, 13), rng.randrange(1940, 2008)
    date = rng.choice([f"{MONTHS_EN[month - 1]} {day}, {year}", f"{year}-{month:02d}-{day:02d}", f"{day:02d}/{month:02d}/{year}"])
    return rng.choice(["born on ", "DOB: ", "date of birth ", "birth date "]), date


def address_fr() -> str:
    number = f"{rng.randrange(1, 250)}{rng.choice(['', '', '', ' bis', ' ter'])}"
    text = f"{number} {rng.choice(STREETS)}"
    return text + (f" {rng.choice(CITIES)}" if rng.random() < 0.3 else "")


def address_en() -> str:
    return f"{rng.randrange(1, 9999)}{rng.choice(['', '', 'B'])} {rng.choice(EN_STREETS)}"


def person_fr() -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def person_en() -> str:
    return f"{rng.choice(EN_FIRST)} {rng.choice(EN_LAST)}"


# A template's {TYPE} slots become marked identifiers; {decoy:...} slots are unmarked look-alikes.
FR = [
    "Bonjour, je suis {PERSON}, joignable au {PHONE}. Des jeunes squattent le hall tous les soirs.",
    "Mme {PERSON} signale des dépôts sauvages devant le {ADDRESS}. Rappeler au {PHONE}.",
    "Bruit de scooters après minuit au {ADDRESS}, merci d'intervenir. Contact : {EMAIL}",
    "Véhicule ventouse immatriculé {PLATE} stationné depuis trois semaines {ADDRESS}.",
    "Le véhicule {PLATE} bloque la sortie du parking, propriétaire injoignable au {PHONE}",
    "Je m'appelle {PERSON}, {BIRTH}, j'habite au {ADDRESS} et je n'en peux plus du tapage.",
    "Remboursement de l'amende sur l'IBAN {IBAN} svp, dossier suivi par {PERSON}.",
    "Mon numéro de sécu est le {NIR}, on me l'a demandé au guichet, est-ce normal ?",
    "Entreprise SIRET {SIRET} : chantier bruyant le dimanche dès 7h au {ADDRESS}.",
    "La société (SIREN {SIREN}) n'a pas enlevé ses barrières après le marché.",
    "J'ai payé avec la carte {CARD} et le ticket de stationnement n'est jamais sorti.",
    "Appelez moi au {PHONE} ou écrivez à {EMAIL} , merci",
    "Rixe devant le bar à 23 h 30, une voiture {PLATE} est partie vite. Témoin : {PERSON} ({PHONE}).",
    "Signalement de {PERSON} : lampadaire en panne {ADDRESS} depuis le 12/03/2024.",
    "mr {PERSON} tel {PHONE} se plaint des odeurs de la benne rue voisine",
    "Éclairage défaillant, commande n° {decoy:order} passée le 3 mars 2025 pour 1 250,00 €, toujours rien.",
    "Trottoir encombré par des trottinettes au {ADDRESS}, référence dossier {decoy:order}.",
    "Contact famille : {PERSON}, {EMAIL}, {PHONE}",
    "Mon fils ({BIRTH}) a été bousculé à la sortie du collège, appelez-moi au {PHONE}.",
    "Graffitis sur la façade du {ADDRESS}, le syndic {PERSON} est au courant.",
    "Demande de rappel : {PHONE}  (après 18h de préférence)",
    "Voiture {PLATE} garée sur la place handicapé tous les matins entre 8h et 9h.",
    "Je vous transmets mon RIB : {IBAN}. Cordialement, {PERSON}",
    "Numéro de sécurité sociale {NIR} pour le dossier d'indemnisation.",
    "Les poubelles du {ADDRESS} débordent, c'est la 4e fois ce mois-ci.",
    "Le gérant, {PERSON}, dit que la terrasse est autorisée jusqu'à 2 h du matin.",
    "Vol de vélo signalé par {PERSON}, {BIRTH}, domicilié {ADDRESS}.",
    "Fuite d'eau sur la voie publique au {ADDRESS} ; ligne de bus 49 déviée.",
    "Merci de contacter Mme {PERSON} au {PHONE} ou par mail {EMAIL}.",
    "Ticket {decoy:card} refusé à l'horodateur, montant 3,50 €.",
    "réf client {decoy:nir} : la facture d'eau est fausse",
    "virement refusé vers {decoy:iban}, le numéro semble incorrect",
    "Marché du samedi : l'exposant {PERSON} (SIRET {SIRET}) déborde sur la chaussée.",
    "véhicule {PLATE} en double file devant l'école de 8h20 à 8h40 chaque jour",
    "J'habite {ADDRESS}, mon voisin {PERSON} fait des travaux la nuit.",
    "Point de deal présumé au pied du {ADDRESS}, je préfère rester anonyme.",
    "Plainte de {PERSON} ({EMAIL}) pour nuisances sonores, 3e étage.",
    "Attroupement de 30 personnes place Castellane vers 22h, aucune dégradation.",
    "Agression verbale dans le bus 21 à 17h45, la victime {PERSON} a déposé plainte.",
    "Pour tout renseignement : {PHONE}.",
    "Mon adresse : {ADDRESS}. Mon téléphone : {PHONE}.",
    "Nids-de-poule dangereux sur 200 m, signalé le 5 avril 2025 à 14h.",
    "La carte bancaire {CARD} a été retrouvée sur un banc du parc, déposée à l'accueil.",
    "{PERSON} demande l'enlèvement d'un encombrant devant chez elle.",
    "Tapage nocturne récurrent, voir avec le propriétaire {PERSON}, tél. {PHONE}",
    "Contrôle : conducteur {PERSON}, {BIRTH}, véhicule {PLATE}.",
    "Deux scooters sans plaque rodent autour du collège entre 16 h et 17 h.",
    "Demande d'occupation du domaine public, SIREN {SIREN}, contact {EMAIL}.",
    "Les riverains du {ADDRESS} demandent un ralentisseur.",
    "Appel de {PERSON} : son père ({BIRTH}) a fait une chute sur le trottoir abîmé.",
]
EN = [
    "Hi, this is {PERSON}, you can reach me at {PHONE} about the broken streetlight.",
    "Loud party every Friday at {ADDRESS}; please call {PHONE}.",
    "Abandoned car with plate {PLATE} on the corner for two weeks.",
    "My email is {EMAIL} if you need more details.",
    "Refund the parking fine to IBAN {IBAN}, thanks, {PERSON}",
    "Reported by {PERSON} ({EMAIL}), {BIRTH}.",
    "Card {CARD} was charged twice at the parking meter.",
    "Order #{decoy:order} for a new bin placed on March 3, 2025, total $1,250.00.",
    "Graffiti on the wall at {ADDRESS}, noticed at 7:30 pm.",
    "Call {PHONE} or {PHONE} after 6pm.",
    "Noise complaint from {PERSON} living at {ADDRESS}.",
    "The tenant, {PERSON}, {BIRTH}, says the stairwell light is out.",
    "Please contact {PERSON} at {EMAIL} regarding the market permit.",
    "Reference {decoy:card} was rejected by the payment terminal.",
    "Fight outside the stadium around 10:15 pm, witness {PERSON} ({PHONE}).",
    "Customer number {decoy:siren} disputes the water bill of 45.90 EUR.",
    "Car {PLATE} blocks the bike lane every morning.",
    "Potholes on the main road reported on 2025-04-05, about 200 m long.",
    "My home address is {ADDRESS} and my phone is {PHONE}.",
    "Company SIREN {SIREN} left construction barriers after the fair.",
]


def render(template: str, lang: str) -> dict:
    text, spans = "", []
    for part in re.split(r"(\{[^}]+\})", template):
        if not (part.startswith("{") and part.endswith("}")):
            text += part
            continue
        slot = part[1:-1]
        if slot.startswith("decoy:"):
            text += {
                "order": lambda: non_luhn(9),
                "card": lambda: non_luhn(16),
                "nir": nir_decoy,
                "iban": iban_decoy,
                "siren": lambda: non_luhn(9),
            }[slot[6:]]()
            continue
        if slot == "BIRTH":
            prefix, value = birth_fr() if lang == "fr" else birth_en()
            text += prefix
            slot = "DATE_OF_BIRTH"
        else:
            first, last = (rng.choice(FIRST), rng.choice(LAST)) if lang == "fr" else (rng.choice(EN_FIRST), rng.choice(EN_LAST))
            value = {
                "PERSON": lambda: person_fr() if lang == "fr" else person_en(),
                "PHONE": lambda: phone() if lang == "fr" or rng.random() < 0.3 else intl_phone(),
                "EMAIL": lambda first=first, last=last: email(first, last),
                "PLATE": plate,
                "NIR": nir,
                "IBAN": iban,
                "SIRET": siret,
                "SIREN": siren,
                "CARD": card,
                "ADDRESS": lambda: address_fr() if lang == "fr" else address_en(),
            }[slot]()
        spans.append([len(text), len(text) + len(value), slot])
        text += value
    return {"lang": lang, "text": text, "spans": spans}


def main() -> None:
    rows = []
    for _ in range(4):  # each sentence with four sets of made-up identifiers
        rows += [render(t, "fr") for t in FR]
        rows += [render(t, "en") for t in EN]
    with OUT.open("w") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} texts, {sum(len(r['spans']) for r in rows)} marked spans -> {OUT}")


if __name__ == "__main__":
    main()
