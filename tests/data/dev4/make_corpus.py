"""Build the fourth development corpus (pii_corpus_dev4.jsonl), first written as a held-out corpus.

The texts below were written by hand for this corpus only. Each text carries slots such as {NAME} or
{PHONE:be}; this script fills every slot with a value produced by its own small generators (valid checksums
for NIR, IBAN, SIRET, SIREN and bank cards), in a form drawn at random, and records the character span.

Template syntax (templates live in the FR_TEXTS / EN_TEXTS blocks at the end of the file):
  * texts are separated by a blank line; the lines of one text are joined with a single space;
    the two characters backslash-n stand for a real line break;
  * {TYPE}, {TYPE:variant}, {TYPE#tag}, {TYPE:variant#tag}: a marked slot (the #tag binds several slots to the
    same person, e.g. {NAME#1} ... {SURNAME#1} ... {EMAIL#1});
  * {DATE}, {TIME}, {TICKET}, {ORDER}, {AMOUNT}: unmarked decoys (incident dates, times, references, amounts);
  * [[text|TYPE]]: a value written by hand inside the text and marked as TYPE (initials, nicknames...);
  * a text whose letters are all capitals (or all lower case) is rendered in capitals (or lower case),
    slot values included.

Run:  python tests/data/dev4/make_corpus.py   (seeded: rerunning writes the same file)
"""

from __future__ import annotations

import json
import random
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

SEED = 88412026
TARGET_TEXTS = 450
OUT = Path(__file__).with_name("pii_corpus_dev4.jsonl")

TYPES = ("PERSON", "DATE_OF_BIRTH", "ADDRESS", "PHONE", "EMAIL", "NIR", "IBAN", "SIRET", "SIREN", "CARD", "PLATE")

# ---------------------------------------------------------------------------------------------------------------
# Checksums
# ---------------------------------------------------------------------------------------------------------------


def luhn_ok(digits: str) -> bool:
    total = 0
    for idx, ch in enumerate(reversed(digits)):
        val = int(ch)
        if idx % 2 == 1:
            val *= 2
            if val > 9:
                val -= 9
        total += val
    return total % 10 == 0


def luhn_complete(payload: str) -> str:
    for last in "0123456789":
        if luhn_ok(payload + last):
            return payload + last
    raise AssertionError("unreachable")


def iban_numeric(text: str) -> int:
    return int("".join(str(int(ch, 36)) for ch in text))


def iban_ok(iban: str) -> bool:
    compact = re.sub(r"[\s.\-]", "", iban).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", compact):
        return False
    return iban_numeric(compact[4:] + compact[:4]) % 97 == 1


def iban_from_bban(country: str, bban: str) -> str:
    check = 98 - iban_numeric(bban + country + "00") % 97
    return f"{country}{check:02d}{bban}"


def nir_ok(nir: str) -> bool:
    compact = re.sub(r"[\s.\-]", "", nir).upper()
    if not re.fullmatch(r"[12]\d{4}(?:\d{2}|2A|2B)\d{6}\d{2}", compact):
        return False
    body = compact[:13].replace("2A", "19").replace("2B", "18")
    return 97 - int(body) % 97 == int(compact[13:])


# ---------------------------------------------------------------------------------------------------------------
# Names (written by hand, grouped by origin: first names, surnames)
# ---------------------------------------------------------------------------------------------------------------

ORIGINS: dict[str, tuple[list[str], list[str]]] = {
    "fr_nord": (
        ["Jean-Pierre", "Ghislaine", "Dylan", "Bernadette", "Kévin", "Maryse", "Ludovic"],
        ["Vasseur", "Dewaele", "Lefebvre", "Delattre", "Caron", "Boulanger", "Lenoir"],
    ),
    "fr_bretagne": (
        ["Yannick", "Maïwenn", "Erwan", "Gwenaëlle", "Loïc", "Soizic", "Tanguy"],
        ["Le Gall", "Kerhervé", "Le Goff", "Tanguy", "Le Bihan", "Quéré", "Guivarc'h"],
    ),
    "fr_sud": (
        ["Marie-Claude", "Frédéric", "Magali", "Thierry", "Mireille", "Sébastien", "Rose"],
        ["Vidal", "Fabre", "Roux", "Bonnet", "Pélissier", "Blanc", "Castagné"],
    ),
    "fr_est": (
        ["Anne-Sophie", "Hubert", "Odile", "Mathis", "Aurélie", "Gérard", "Pierre"],
        ["Schmitt", "Muller", "Heitz", "Kieffer", "Bauer", "Petit", "Marchand"],
    ),
    "fr_basque_corse": (
        ["Peio", "Maitena", "Ange-Marie", "Pierre-Paul", "Battì", "Graziella", "Xabi"],
        ["Etcheverry", "Etchegaray", "Casanova", "Santoni", "Luciani", "Mondoloni", "Elissalde"],
    ),
    "fr_centre": (
        ["Jean-Baptiste", "Clémence", "Hervé", "Josiane", "Corentin", "Margaux", "Benoît", "Prudence"],
        ["Dupont", "Legrand", "Fontaine", "Chevalier", "Meunier", "Berger", "de La Roche", "Lapierre", "du Pré"],
    ),
    "belgique": (
        ["Wout", "Jelle", "Anne-Catherine", "Lieven", "Maxime", "Annelies"],
        ["Peeters", "Janssens", "Van den Broeck", "Vandenberghe", "De Smet", "Wauters", "van der Meulen"],
    ),
    "suisse": (
        ["Urs", "Reto", "Mélanie", "Léonie", "Beat", "Nadine"],
        ["Favre", "Rochat", "Chappuis", "Zbinden", "Baumgartner", "Perrenoud", "von Arx"],
    ),
    "quebec": (
        ["Gaétan", "Ginette", "Réjean", "Marie-Ève", "Jean-Philippe", "Sylvie"],
        ["Tremblay", "Gagnon", "Bouchard", "Côté", "Pelletier", "Ouellet"],
    ),
    "portugal": (
        ["João", "Maria da Conceição", "Rui", "Inês", "Tiago", "Fernanda"],
        ["dos Santos", "da Silva", "Pereira", "Gonçalves", "de Sousa", "Carvalho", "da Costa"],
    ),
    "cap_vert": (
        ["Nilton", "Adilson", "Eunice", "Vanusa", "Djalma", "Ivone"],
        ["Tavares", "Semedo", "Fortes", "Monteiro", "Brito", "dos Reis"],
    ),
    "espagne": (
        ["José Luis", "Pilar", "Iñaki", "Nuria", "Javier", "Begoña"],
        ["García Fernández", "Martínez", "Iglesias", "de la Torre", "Ortega", "Ruiz"],
    ),
    "italie": (
        ["Giuseppe", "Francesca", "Alessandro", "Chiara", "Salvatore", "Assunta"],
        ["Esposito", "Russo", "Bianchi", "De Luca", "Lo Presti", "D'Amico", "Colombo"],
    ),
    "pologne": (
        ["Krzysztof", "Małgorzata", "Agnieszka", "Wojciech", "Bartosz"],
        ["Kowalski", "Wiśniewska", "Nowak", "Zieliński", "Wójcik", "Grzybowski"],
    ),
    "ukraine": (
        ["Oleksandr", "Olena", "Mykola", "Iryna", "Taras", "Oksana"],
        ["Shevchenko", "Kovalenko", "Bondarenko", "Tkachuk", "Melnyk", "Hrytsenko"],
    ),
    "roumanie": (
        ["Ionuț", "Andreea", "Mihai", "Florentina", "Bogdan"],
        ["Popescu", "Ionescu", "Dumitrescu", "Stan", "Constantinescu"],
    ),
    "roms_voyageurs": (
        ["Django", "Esmeralda", "Tchavolo", "Mirela", "Dorin", "Sonia"],
        ["Reinhardt", "Lagrène", "Winterstein", "Rostas", "Duminica", "Gabor"],
    ),
    "turquie": (
        ["Mehmet", "Ayşe", "Emre", "Elif", "Hüseyin", "Zeynep"],
        ["Yılmaz", "Kaya", "Demir", "Öztürk", "Çelik", "Şahin", "Aydın"],
    ),
    "kurde": (
        ["Rojda", "Berivan", "Azad", "Dilan", "Zana", "Serhat"],
        ["Aslan", "Ekinci", "Tunç", "Baran", "Zinar", "Kaplan"],
    ),
    "armenie": (
        ["Aram", "Anahit", "Garo", "Lusine", "Vahé"],
        ["Petrossian", "Hovhannisyan", "Manoukian", "Der Sarkissian", "Kevorkian"],
    ),
    "georgie": (
        ["Giorgi", "Nino", "Levan", "Tamar", "Davit"],
        ["Beridze", "Kapanadze", "Gelashvili", "Lomidze", "Tsiklauri"],
    ),
    "algerie": (
        ["Karim", "Nadia", "Mohamed Amine", "Samira", "Yacine", "Lyes", "Ouardia"],
        ["Benali", "Bouzid", "Haddad", "Belkacem", "Ait Ahmed", "Hamidi", "Zerrouki", "Ould Brahim"],
    ),
    "maroc": (
        ["Youssef", "Fatima Zahra", "Hicham", "Khadija", "Mehdi", "Naïma"],
        ["El Idrissi", "Benjelloun", "Alaoui", "Bennani", "Tazi", "El Amrani", "Ouazzani"],
    ),
    "tunisie": (
        ["Sami", "Leïla", "Anis", "Rim", "Wassim", "Olfa"],
        ["Ben Salah", "Trabelsi", "Gharbi", "Jebali", "Ben Youssef", "Chaouachi"],
    ),
    "mali": (
        ["Moussa", "Aminata", "Oumar", "Fatoumata", "Seydou", "Kadiatou"],
        ["Traoré", "Keïta", "Diarra", "Coulibaly", "Konaté", "Sissoko"],
    ),
    "senegal": (
        ["Mamadou", "Awa", "Ousmane", "Ndeye Fatou", "Cheikh", "Aïssatou"],
        ["Diop", "Ndiaye", "Fall", "Sow", "Mbaye", "Gueye", "Sarr"],
    ),
    "congo": (
        ["Prisca", "Gloire", "Dieudonné", "Merveille", "Christelle", "Patience"],
        ["Mukendi", "Ilunga", "Tshibangu", "Nzuzi", "Mbemba", "Kalonji"],
    ),
    "cameroun": (
        ["Brice", "Rosine", "Blaise", "Ange", "Sandrine"],
        ["Nkoulou", "Mbarga", "Fotso", "Tchoumi", "Ngo Bassa", "Essomba"],
    ),
    "haiti": (
        ["Widlyne", "Jean-Robert", "Fabiola", "Wilner", "Nadège"],
        ["Pierre-Louis", "Jean-Baptiste", "Théodore", "Désir", "Saint-Fleur", "Joseph"],
    ),
    "comores": (
        ["Chamsidine", "Hadidja", "Soilihi", "Nassim", "Zaharia"],
        ["Said Omar", "Abdallah", "Mohamed Ali", "Ahamada", "Msa"],
    ),
    "madagascar": (
        ["Hery", "Voahangy", "Fanja", "Tiana", "Rivo"],
        ["Rakotomalala", "Randrianarisoa", "Rasoanaivo", "Andriamanantena", "Razafindrakoto"],
    ),
    "vietnam": (
        ["Minh", "Thu Hà", "Quang", "Lan", "Hoàng", "Thi Mai"],
        ["Nguyễn", "Tran", "Lê", "Phạm", "Vo", "Huynh"],
    ),
    "cambodge": (
        ["Sokha", "Chanthy", "Vanna", "Bopha", "Rithy"],
        ["Sok", "Chea", "Keo", "Meas", "Prak"],
    ),
    "chine": (
        ["Wei", "Xiaoling", "Jun", "Mei", "Hao", "Yuming"],
        ["Zhang", "Wang", "Chen", "Liu", "Huang", "Zhou"],
    ),
    "tamoul": (
        ["Karthik", "Priya", "Senthil", "Kavitha", "Arun"],
        ["Subramaniam", "Rajendran", "Sivakumar", "Thevarajah", "Murugan"],
    ),
    "pakistan": (
        ["Imran", "Ayesha", "Bilal", "Sana", "Usman"],
        ["Khan", "Chaudhry", "Qureshi", "Malik", "Butt"],
    ),
    "afghanistan": (
        ["Zarmina", "Farid", "Mariam", "Habibullah", "Wahid"],
        ["Rahimi", "Ahmadzai", "Popal", "Noori", "Karimi"],
    ),
    "irlande": (
        ["Siobhán", "Padraig", "Aoife", "Ciarán", "Niamh"],
        ["O'Sullivan", "Murphy", "McCarthy", "Byrne", "O'Connell", "Ní Bhriain"],
    ),
    "ecosse": (
        ["Callum", "Morag", "Hamish", "Isla", "Euan"],
        ["MacLeod", "McKenzie", "Fraser", "Sutherland", "MacDonald"],
    ),
    "angleterre": (
        ["Oliver", "Charlotte", "Harry", "Amelia", "Graham", "Pauline", "Joy", "Will", "Grace"],
        ["Smith", "Baker", "Cooper", "Wright", "Fletcher", "Young", "Bell", "Hope", "Little", "Moss", "Rich"],
    ),
    "nigeria": (
        ["Chinedu", "Ngozi", "Oluwaseun", "Adaeze", "Babatunde", "Emeka"],
        ["Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Oyelaran"],
    ),
    "jamaique": (
        ["Delroy", "Marcia", "Winston", "Shanice", "Desmond"],
        ["Campbell", "Clarke", "Grant", "Francis", "Reid"],
    ),
    "usa": (
        ["Tyler", "Brittany", "Dwayne", "Jessica", "Cody", "LaToya", "Brandon"],
        ["Johnson", "Williams", "Rodriguez", "Miller", "Jackson", "Anderson", "Washington"],
    ),
    "particules": (
        ["Hugues", "Aliénor", "Edmond", "Salma", "Dirk", "Nour"],
        ["d'Almeida", "de Villiers", "van Damme", "von Essen", "ben Amor", "ould Cheikh", "al-Masri", "El-Khoury"],
    ),
}
ORIGIN_KEYS = list(ORIGINS)


def initials(part: str) -> str:
    out = []
    for word in part.split(" "):
        pieces = [p[0].upper() + "." for p in word.split("-") if p]
        out.append("-".join(pieces))
    return " ".join(out)


class Person:
    def __init__(self, rng: random.Random) -> None:
        first_pool, last_pool = ORIGINS[rng.choice(ORIGIN_KEYS)]
        if rng.random() < 0.15:  # mixed families
            first_pool = ORIGINS[rng.choice(ORIGIN_KEYS)][0]
        self.first = rng.choice(first_pool)
        self.last = rng.choice(last_pool)
        self.rng = rng

    def surname(self) -> str:
        return self.last.upper() if self.rng.random() < 0.35 else self.last

    def full(self) -> str:
        rng, first, last = self.rng, self.first, self.last
        form = rng.choices(
            ["First Last", "First LAST", "LAST First", "LAST", "F. Last", "initials", "Last First"],
            weights=[34, 17, 17, 6, 11, 5, 10],
        )[0]
        if form == "First Last":
            return f"{first} {last}"
        if form == "First LAST":
            return f"{first} {last.upper()}"
        if form == "LAST First":
            return f"{last.upper()} {first}"
        if form == "LAST":
            return last.upper()
        if form == "F. Last":
            return f"{initials(first)} {last}"
        if form == "initials":
            return f"{initials(first)} {initials(last)}"
        return f"{last} {first}"


def ascii_fold(text: str) -> str:
    text = text.replace("ı", "i").replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("đ", "d")
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


# ---------------------------------------------------------------------------------------------------------------
# Value generators
# ---------------------------------------------------------------------------------------------------------------

FR_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre"]
FR_MONTHS.append("décembre")
FR_MONTHS_ABBR = ["janv.", "fév.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
EN_MONTHS += ["November", "December"]


def ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }"


class Gen:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    # --- dates of birth -----------------------------------------------------------------------------------------
    def birth(self) -> tuple[int, int, int]:
        rng = self.rng
        year = rng.randint(1938, 2009)
        month = rng.randint(1, 12)
        day = rng.randint(1, 28 if month == 2 else 30)
        return year, month, day

    def dob(self, lang: str) -> str:
        rng = self.rng
        year, month, day = self.birth()
        yy = f"{year % 100:02d}"
        if lang == "fr":
            forms = [
                f"{day:02d}/{month:02d}/{year}",
                f"{day}/{month}/{year}",
                f"{day:02d}.{month:02d}.{year}",
                f"{day:02d}-{month:02d}-{year}",
                f"{day:02d}/{month:02d}/{yy}",
                f"{day:02d}.{month:02d}.{yy}",
                f"{'1er' if day == 1 else day} {FR_MONTHS[month - 1]} {year}",
                f"{day:02d} {FR_MONTHS[month - 1]} {year}",
                f"{day} {FR_MONTHS[month - 1].upper()} {year}",
                f"{day} {FR_MONTHS_ABBR[month - 1]} {year}",
                f"{year}-{month:02d}-{day:02d}",
            ]
            return rng.choice(forms)
        forms = [
            f"{day} {EN_MONTHS[month - 1]} {year}",
            f"{ordinal(day)} {EN_MONTHS[month - 1]} {year}",
            f"{EN_MONTHS[month - 1]} {day}, {year}",
            f"{EN_MONTHS[month - 1]} {ordinal(day)} {year}",
            f"{EN_MONTHS[month - 1][:3]} {day} {year}",
            f"{day} {EN_MONTHS[month - 1][:3]} {year}",
            f"{day:02d}/{month:02d}/{year}",
            f"{month:02d}/{day:02d}/{year}",
            f"{day}/{month}/{yy}",
            f"{year}-{month:02d}-{day:02d}",
            f"{day:02d}-{month:02d}-{year}",
            f"{EN_MONTHS[month - 1].upper()} {day}, {year}",
        ]
        return rng.choice(forms)

    def dob_year(self) -> str:
        return str(self.birth()[0])

    # --- addresses ---------------------------------------------------------------------------------------------
    FR_STREETS = [
        (
            ["rue", "r.", "Rue", "RUE"],
            [
                "des Lilas",
                "Victor Hugo",
                "de la République",
                "du Général Leclerc",
                "Paradis",
                "des Tanneurs",
                "Émile Zola",
                "du Faubourg Saint-Jean",
                "de la Paix",
                "Pasteur",
                "Sainte-Catherine",
                "des Trois Rois",
                "Nationale",
                "Jean Moulin",
                "du Moulin",
            ],
        ),
        (
            ["av.", "avenue", "Avenue", "ave"],
            ["de la Libération", "Jean Jaurès", "des Tilleuls", "Foch", "du Maréchal Juin", "de Verdun", "Pierre Brossolette"],
        ),
        (
            ["bd", "boulevard", "Bd", "bld", "Boulevard"],
            ["Voltaire", "de la Liberté", "Gambetta", "des Belges", "du Général de Gaulle", "National"],
        ),
        (["chemin", "ch.", "che.", "Chemin"], ["des Vignes", "du Lavoir", "de la Source", "des Écoliers"]),
        (["impasse", "imp.", "Impasse"], ["des Roses", "du Puits", "Bellevue", "des Mésanges"]),
        (["allée", "all.", "Allée"], ["des Peupliers", "Simone Veil", "des Platanes"]),
        (["place", "pl.", "Place"], ["du Marché", "de l'Église", "Carnot", "des Martyrs"]),
        (["quai", "Quai"], ["de la Loire", "Saint-Antoine", "des Chartrons", "du Port"]),
        (["cours", "crs", "Cours"], ["Mirabeau", "Lafayette", "Julien"]),
        (["route", "rte", "Route"], ["de Lyon", "de Grenoble", "des Crêtes"]),
        (["traverse", "montée"], ["des Pins", "du Château", "de la Gardiole"]),
        (["square", "sq."], ["des Acacias", "Dolto"]),
        (["résidence", "lotissement", "cité"], ["Les Oliviers", "le Clos Fleuri", "Bellevue", "des Aubépines"]),
        (["passage", "pass."], ["du Grand Cerf", "Brady", "des Panoramas"]),
    ]
    FR_CITIES = [
        "13001 Marseille",
        "69003 Lyon",
        "33000 Bordeaux",
        "59000 Lille",
        "31000 Toulouse",
        "44000 Nantes",
        "67000 Strasbourg",
        "34000 Montpellier",
        "06000 Nice",
        "35000 Rennes",
        "75011 Paris",
        "93200 Saint-Denis",
        "20000 Ajaccio",
        "97400 Saint-Denis",
        "38000 Grenoble",
        "21000 Dijon",
        "29200 Brest",
        "64100 Bayonne",
        "68100 Mulhouse",
        "87000 Limoges",
        "76600 Le Havre",
        "13015 MARSEILLE",
        "69100 Villeurbanne",
        "92110 Clichy",
        "97200 Fort-de-France",
        "20200 Bastia",
        "57000 Metz",
        "80000 Amiens",
    ]
    FR_DETAILS = [
        ", bât. C",
        ", bâtiment B, escalier 2, 4e étage",
        ", appt 23",
        ", apt 12",
        " 3ème étage",
        ", esc. A, porte 12",
        ", Bat D appt 104",
        ", 2e étage gauche",
        ", étage 5, porte droite",
        ", bât A2 - appt 31",
        " RDC",
    ]

    def addr_fr(self, short: bool = False) -> str:
        rng = self.rng
        types, names = rng.choice(self.FR_STREETS)
        num = str(rng.choice([rng.randint(1, 40), rng.randint(1, 250)]))
        suffix = rng.choices(["", " bis", "bis", " ter", "B", " B", "-range"], weights=[55, 10, 4, 6, 6, 4, 8])[0]
        if suffix == "-range":
            base = int(num)
            num = f"{base}-{base + 2}" if rng.random() < 0.7 else f"{base}/{base + 2}"
        else:
            num += suffix
        comma = "," if rng.random() < 0.2 else ""
        out = f"{num}{comma} {rng.choice(types)} {rng.choice(names)}"
        if not short:
            if rng.random() < 0.3:
                out += rng.choice(self.FR_DETAILS)
            if rng.random() < 0.6:
                out += rng.choice([", ", " ", " - ", ", "]) + rng.choice(self.FR_CITIES)
        return out

    def addr_be_ch(self) -> str:
        rng = self.rng
        return rng.choice(
            [
                f"rue du Marché {rng.randint(2, 90)}, 1204 Genève",
                f"Avenue Louise {rng.randint(10, 400)}, 1050 Ixelles",
                f"chaussée de Wavre {rng.randint(10, 900)}, 1040 Etterbeek",
                f"rue de Bourg {rng.randint(1, 40)}, 1003 Lausanne",
                f"Rue Saint-Gilles {rng.randint(1, 120)}, 4000 Liège",
                f"Kerkstraat {rng.randint(1, 200)} bus {rng.randint(1, 9)}, 2000 Antwerpen",
            ]
        )

    UK_NAMES = [
        "Mill",
        "Church",
        "Station",
        "Victoria",
        "Albert",
        "Kingsley",
        "Hawthorn",
        "Elm",
        "Cromwell",
        "Gladstone",
        "Tennyson",
        "Larkspur",
        "Orchard",
        "Bramble",
        "Queens",
        "Ashgrove",
        "Chapel",
        "Meadow",
        "Wellington",
        "Foxglove",
        "Beech",
        "Carlton",
        "Marlborough",
        "Oakfield",
    ]
    UK_TYPES = [
        "Street",
        "St",
        "Road",
        "Rd",
        "Avenue",
        "Ave",
        "Lane",
        "Ln",
        "Drive",
        "Dr",
        "Close",
        "Crescent",
        "Court",
        "Ct",
        "Way",
        "Mews",
        "Terrace",
        "Grove",
        "Place",
        "Gardens",
        "Hill",
        "Row",
        "Walk",
    ]
    UK_TOWNS = [
        "London E8 3PL",
        "London SE5 8QT",
        "Manchester M14 5RH",
        "Leeds LS6 2AB",
        "Glasgow G12 8QQ",
        "Cardiff CF24 4HQ",
        "Belfast BT9 5AB",
        "Edinburgh EH8 9JX",
        "Bristol BS5 6XY",
        "Sheffield S11 8UP",
        "Liverpool L8 1TE",
        "Birmingham B13 9QH",
        "Norwich NR2 3DN",
        "Brighton BN2 1RL",
    ]
    US_NAMES = [
        "Maple",
        "Oak",
        "Westheimer",
        "Lakeshore",
        "Sunset",
        "Peachtree",
        "Grand",
        "Cedar",
        "Magnolia",
        "Willow Creek",
        "Pine Ridge",
        "Elmwood",
        "Riverside",
        "Hillcrest",
    ]
    US_TYPES = ["Street", "St", "Avenue", "Ave", "Blvd", "Drive", "Dr", "Lane", "Court", "Road", "Pkwy"]
    US_TOWNS = [
        "Houston, TX 77006",
        "Austin, TX 78704",
        "Portland, OR 97214",
        "Atlanta, GA 30308",
        "Chicago, IL 60614",
        "Columbus, OH 43215",
        "Oakland, CA 94610",
        "Baltimore, MD 21218",
        "Denver, CO 80205",
        "Brooklyn, NY 11216",
        "Tucson, AZ 85719",
        "Raleigh, NC 27603",
    ]

    def addr_uk(self, short: bool = False) -> str:
        rng = self.rng
        num = str(rng.randint(1, 180)) + rng.choices(["", "a", "A", "b"], weights=[85, 7, 4, 4])[0]
        out = f"{num} {rng.choice(self.UK_NAMES)} {rng.choice(self.UK_TYPES)}"
        if short:
            return out
        if rng.random() < 0.3:
            out += rng.choice([", Flat 3", ", Flat 2B", ", flat 11", " Flat 7", ", Apartment 14", ", Unit 4"])
        if rng.random() < 0.7:
            town = rng.choice(self.UK_TOWNS)
            if rng.random() < 0.3:
                town = town.split(" ", 1)[1]
            out += rng.choice([", ", " ", ", "]) + town
        return out

    def addr_us(self, short: bool = False) -> str:
        rng = self.rng
        out = f"{rng.randint(10, 9800)} {rng.choice(['', 'N ', 'S ', 'W ', 'E '])}{rng.choice(self.US_NAMES)} "
        out += rng.choice(self.US_TYPES)
        if short:
            return out
        if rng.random() < 0.4:
            out += rng.choice([", Apt 5B", " Apt 12", ", Unit 3", ", #204", ", Suite 110", ", Apt. 2"])
        if rng.random() < 0.8:
            out += ", " + rng.choice(self.US_TOWNS)
        return out

    def address(self, lang: str, variant: str | None) -> str:
        rng = self.rng
        short = variant == "short"
        if variant == "fr" or (lang == "fr" and variant in (None, "short")):
            return self.addr_fr(short) if short or rng.random() < 0.93 else self.addr_be_ch()
        if variant == "bech":
            return self.addr_be_ch()
        if variant == "us":
            return self.addr_us()
        if variant == "uk":
            return self.addr_uk()
        return self.addr_uk(short) if rng.random() < 0.62 else self.addr_us(short)

    # --- phones ------------------------------------------------------------------------------------------------
    def digits(self, count: int) -> str:
        return "".join(str(self.rng.randint(0, 9)) for _ in range(count))

    def phone(self, lang: str, variant: str | None) -> str:
        rng = self.rng
        if variant is None:
            if lang == "fr":
                variant = rng.choices(
                    ["fr", "be", "ch", "ma", "dz", "es", "it", "de", "uk"], weights=[74, 6, 5, 4, 4, 2, 2, 1, 2]
                )[0]
            else:
                variant = rng.choices(["uk", "us", "fr", "ie", "de", "be", "ch", "ma"], weights=[48, 30, 8, 4, 3, 2, 3, 2])[0]
        d = self.digits
        if variant == "fr":
            pre = rng.choice(["06", "07", "06", "07", "01", "02", "03", "04", "05", "09"])
            rest = [d(2) for _ in range(4)]
            form = rng.randint(0, 8)
            if form == 0:
                return " ".join([pre, *rest])
            if form == 1:
                return ".".join([pre, *rest])
            if form == 2:
                return pre + "".join(rest)
            if form == 3:
                return "-".join([pre, *rest])
            if form == 4:
                return "+33 " + pre[1] + " " + " ".join(rest)
            if form == 5:
                return "+33 (0)" + pre[1] + " " + " ".join(rest)
            if form == 6:
                return "+33" + pre[1] + "".join(rest)
            if form == 7:
                return "0033 " + pre[1] + " " + " ".join(rest)
            return f"{pre} {rest[0]}{rest[1]} {rest[2]}{rest[3]}"
        if variant == "uk":
            return rng.choice(
                [
                    f"020 7946 0{d(3)}",
                    f"07700 900{d(3)}",
                    f"0161 496 0{d(3)}",
                    f"+44 7700 900{d(3)}",
                    f"+44 (0)20 7946 0{d(3)}",
                    f"0113 496 0{d(3)}",
                    f"07{d(3)} {d(6)}",
                    f"+447{d(9)}",
                ]
            )
        if variant == "us":
            area = rng.choice(["713", "512", "503", "404", "312", "614", "510", "410", "720", "718", "520", "919"])
            line = "01" + d(2)
            return rng.choice(
                [
                    f"({area}) 555-{line}",
                    f"{area}.555.{line}",
                    f"+1 {area} 555 {line}",
                    f"{area}-555-{line}",
                    f"1-{area}-555-{line}",
                    f"+1 ({area}) 555-{line}",
                ]
            )
        if variant == "be":
            return rng.choice(
                [
                    f"04{d(2)}/{d(2)}.{d(2)}.{d(2)}",
                    f"02 {d(3)} {d(2)} {d(2)}",
                    f"+32 4{d(2)} {d(2)} {d(2)} {d(2)}",
                    f"+32 2 {d(3)} {d(2)} {d(2)}",
                    f"04{d(2)} {d(2)} {d(2)} {d(2)}",
                ]
            )
        if variant == "ch":
            return rng.choice(
                [
                    f"079 {d(3)} {d(2)} {d(2)}",
                    f"+41 79 {d(3)} {d(2)} {d(2)}",
                    f"022 {d(3)} {d(2)} {d(2)}",
                    f"+41 (0)21 {d(3)} {d(2)} {d(2)}",
                    f"078.{d(3)}.{d(2)}.{d(2)}",
                ]
            )
        if variant == "de":
            return rng.choice([f"+49 30 {d(8)}", f"0151 {d(8)}", f"030 {d(7)}", f"+49 (0)176 {d(3)} {d(5)}"])
        if variant == "es":
            return rng.choice([f"+34 6{d(2)} {d(3)} {d(3)}", f"6{d(2)} {d(2)} {d(2)} {d(2)}", f"0034 91 {d(3)} {d(2)} {d(2)}"])
        if variant == "it":
            return rng.choice([f"+39 34{d(1)} {d(3)} {d(4)}", f"02 {d(4)} {d(4)}", f"+39 06 {d(4)} {d(4)}"])
        if variant == "ma":
            return rng.choice([f"+212 6 {d(2)} {d(2)} {d(2)} {d(2)}", f"+212 (0)6{d(2)}-{d(6)}", f"00212 7{d(8)}"])
        if variant == "dz":
            return rng.choice([f"+213 5 {d(2)} {d(2)} {d(2)} {d(2)}", f"+213 661 {d(2)} {d(2)} {d(2)}", f"00213 7{d(8)}"])
        if variant == "ie":
            return rng.choice([f"+353 87 {d(3)} {d(4)}", f"087 {d(3)} {d(4)}", f"01 {d(3)} {d(4)}"])
        raise ValueError(variant)

    # --- e-mails -----------------------------------------------------------------------------------------------
    DOMAINS = [
        "gmail.com",
        "orange.fr",
        "free.fr",
        "laposte.net",
        "wanadoo.fr",
        "hotmail.fr",
        "yahoo.co.uk",
        "btinternet.com",
        "etu.univ-lyon2.fr",
        "outlook.be",
        "bluewin.ch",
        "sfr.fr",
        "proton.me",
        "web.de",
        "gmx.de",
        "libero.it",
        "sapo.pt",
        "menara.ma",
        "comcast.net",
        "icloud.com",
        "outlook.com",
        "hotmail.co.uk",
        "mail.ac-grenoble.fr",
        "yahoo.fr",
        "numericable.fr",
        "aol.com",
        "skynet.be",
    ]
    ORG_LOCALS = [
        "contact",
        "asso-jardins-partages",
        "collectif.riverains",
        "snack.lepalmier",
        "syndic-horizon",
        "cafe.du.port",
        "amicale.locataires13",
        "boulangerie-martin",
        "gestion.immo",
        "club-petanque",
    ]

    def email(self, lang: str, person: Person | None) -> str:
        rng = self.rng
        if person is not None or rng.random() < 0.8:
            person = person or Person(rng)
            first = re.sub(r"[^a-z]", "", ascii_fold(person.first).lower())
            last = re.sub(r"[^a-z]", "", ascii_fold(person.last).lower())
            local = rng.choice(
                [
                    f"{first}.{last}",
                    f"{first[0]}{last}",
                    f"{first}_{last}{rng.randint(1, 99)}",
                    f"{first}-{last}",
                    f"{last}.{first}",
                    f"{first}{rng.randint(1960, 2008)}",
                    f"{last}{first[0]}{rng.randint(1, 9)}",
                ]
            )
        else:
            local = rng.choice(self.ORG_LOCALS)
        domain = rng.choice(self.DOMAINS)
        form = rng.choices(
            ["plain", "upper", "spaced", "(at)", "[at]", "atdot", "arobase"],
            weights=[55, 7, 8, 6, 6, 9 if lang == "en" else 4, 0 if lang == "en" else 9],
        )[0]
        if form == "plain":
            return f"{local}@{domain}"
        if form == "upper":
            return f"{local}@{domain}".upper()
        if form == "spaced":
            return f"{local} @ {domain}"
        if form == "(at)":
            return f"{local}(at){domain}"
        if form == "[at]":
            return f"{local} [at] {domain}"
        if form == "atdot":
            return f"{local} at {domain.replace('.', ' dot ')}"
        return f"{local} arobase {domain}" if rng.random() < 0.6 else f"{local} arobase {domain.replace('.', ' point ')}"

    # --- NIR ---------------------------------------------------------------------------------------------------
    def nir(self) -> str:
        rng = self.rng
        sex = rng.choice("12")
        year, month, _ = self.birth()
        kind = rng.choices(["main", "corse", "dom", "abroad"], weights=[70, 10, 12, 8])[0]
        if kind == "main":
            dept = f"{rng.choice([n for n in range(1, 96) if n != 20]):02d}"
            commune = f"{rng.randint(1, 899):03d}"
        elif kind == "corse":
            dept = rng.choice(["2A", "2B"])
            commune = f"{rng.randint(1, 366):03d}"
        elif kind == "dom":
            dept = rng.choice(["971", "972", "973", "974", "976"])
            commune = f"{rng.randint(1, 34):02d}"
        else:
            dept = "99"
            commune = f"{rng.randint(100, 450):03d}"
        order = f"{rng.randint(1, 999):03d}"
        body = f"{sex}{year % 100:02d}{month:02d}{dept}{commune}{order}"
        key = 97 - int(body.replace("2A", "19").replace("2B", "18")) % 97
        full = f"{body}{key:02d}"
        assert nir_ok(full), full
        form = rng.randint(0, 3)
        if form == 0:
            return full
        if form == 1:
            return f"{full[0]} {full[1:3]} {full[3:5]} {full[5:7]} {full[7:10]} {full[10:13]} {full[13:]}"
        if form == 2:
            return f"{full[:13]} {full[13:]}"
        return f"{full[0]}.{full[1:3]}.{full[3:5]}.{full[5:7]}.{full[7:10]}.{full[10:13]}.{full[13:]}"

    # --- IBAN --------------------------------------------------------------------------------------------------
    def bban(self, country: str) -> str:
        rng, d = self.rng, self.digits
        if country == "FR":
            bank, branch, account = d(5), d(5), d(11)
            key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97
            return f"{bank}{branch}{account}{key:02d}"
        if country == "BE":
            body = d(10)
            check = int(body) % 97 or 97
            return f"{body}{check:02d}"
        if country == "DE":
            return d(18)
        if country == "ES":
            weights = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]

            def dc(ten: str) -> str:
                val = 11 - sum(int(c) * w for c, w in zip(ten, weights, strict=True)) % 11
                return "0" if val == 11 else "1" if val == 10 else str(val)

            bank, branch, account = d(4), d(4), d(10)
            return f"{bank}{branch}{dc('00' + bank + branch)}{dc(account)}{account}"
        if country == "IT":
            odd = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21]
            body = d(5) + d(5) + d(12)
            total = sum(odd[int(c)] if i % 2 == 0 else int(c) for i, c in enumerate(body))
            return chr(ord("A") + total % 26) + body
        if country == "PT":
            first = d(19)
            check = 98 - int(first + "00") % 97
            return f"{first}{check:02d}"
        if country == "GB":
            return rng.choice(["NWBK", "BARC", "LOYD", "MIDL", "HBUK"]) + d(6) + d(8)
        if country == "NL":
            while True:
                acct = "0" + d(9)
                if sum(int(c) * (10 - i) for i, c in enumerate(acct)) % 11 == 0:
                    break
            return rng.choice(["ABNA", "RABO", "INGB", "TRIO"]) + acct
        if country == "CH":
            return d(5) + d(12)
        if country == "MA":
            first = d(22)
            check = 97 - int(first + "00") % 97
            return f"{first}{check:02d}"
        if country == "LU":
            return d(3) + d(13)
        raise ValueError(country)

    def iban(self, lang: str, variant: str | None) -> str:
        rng = self.rng
        country = (variant or "").upper() or rng.choices(
            ["FR", "BE", "DE", "ES", "IT", "PT", "GB", "NL", "CH", "MA", "LU"],
            weights=[45, 7, 6, 6, 6, 6, 8 if lang == "fr" else 30, 4, 5, 5, 2],
        )[0]
        iban = iban_from_bban(country, self.bban(country))
        assert iban_ok(iban), iban
        form = rng.choices(["groups", "compact", "groups-dash"], weights=[70, 25, 5])[0]
        if form == "compact":
            return iban
        groups = [iban[i : i + 4] for i in range(0, len(iban), 4)]
        return (" " if form == "groups" else "-").join(groups)

    # --- SIREN / SIRET / card ----------------------------------------------------------------------------------
    def siren_digits(self) -> str:
        return luhn_complete(str(self.rng.randint(1, 9)) + self.digits(7))

    def siren(self) -> str:
        s = self.siren_digits()
        form = self.rng.randint(0, 2)
        return s if form == 0 else f"{s[:3]} {s[3:6]} {s[6:]}" if form == 1 else f"{s[:3]}.{s[3:6]}.{s[6:]}"

    def siret(self) -> str:
        rng = self.rng
        nic = rng.choice(["000", "001", "000", "002", "010"]) + str(rng.randint(0, 9))
        s = luhn_complete(self.siren_digits() + nic)
        assert len(s) == 14 and luhn_ok(s)
        form = rng.randint(0, 3)
        if form == 0:
            return s
        if form == 1:
            return f"{s[:3]} {s[3:6]} {s[6:9]} {s[9:]}"
        if form == 2:
            return f"{s[:3]} {s[3:6]} {s[6:9]} {s[9:12]} {s[12:]}"
        return f"{s[:9]} {s[9:]}"

    def card(self) -> str:
        rng = self.rng
        brand = rng.choices(
            ["visa", "cb", "mc", "amex", "discover", "maestro", "jcb", "unionpay"], weights=[30, 10, 25, 10, 7, 7, 5, 6]
        )[0]
        prefix, length = {
            "visa": ("4" + self.digits(1), 16),
            "cb": ("497", 16),
            "mc": (str(rng.randint(51, 55)), 16),
            "amex": (rng.choice(["34", "37"]), 15),
            "discover": (rng.choice(["6011", "65"]), 16),
            "maestro": ("6759", rng.choice([16, 19])),
            "jcb": (str(rng.randint(3528, 3589)), 16),
            "unionpay": ("62", rng.choice([16, 17, 18, 19])),
        }[brand]
        num = luhn_complete(prefix + self.digits(length - len(prefix) - 1))
        assert len(num) == length and luhn_ok(num)
        if length == 15:
            return rng.choice([f"{num[:4]} {num[4:10]} {num[10:]}", num, f"{num[:4]}-{num[4:10]}-{num[10:]}"])
        if rng.random() < 0.25:
            return num
        groups = [num[i : i + 4] for i in range(0, len(num), 4)]
        return rng.choice([" ", " ", "-", "."]).join(groups)

    # --- plates ------------------------------------------------------------------------------------------------
    def letters(self, count: int, alphabet: str = "ABCDEFGHJKLMNPQRSTVWXYZ") -> str:
        return "".join(self.rng.choice(alphabet) for _ in range(count))

    def plate(self, lang: str, variant: str | None) -> str:
        rng, d, L = self.rng, self.digits, self.letters
        if variant is None:
            if lang == "fr":
                variant = rng.choices(
                    ["fr", "fni", "be", "de", "it", "es", "ch", "nl", "lu", "pt", "uk", "ie"],
                    weights=[60, 14, 5, 4, 3, 3, 3, 2, 2, 2, 1, 1],
                )[0]
            else:
                variant = rng.choices(["uk", "fr", "ie", "de", "nl", "be", "es", "us"], weights=[60, 10, 8, 5, 4, 4, 3, 6])[0]
        if variant == "fr":
            a, n, b = L(2), f"{rng.randint(1, 999):03d}", L(2)
            return rng.choice([f"{a}-{n}-{b}", f"{a}-{n}-{b}", f"{a} {n} {b}", f"{a}{n}{b}", f"{a}-{n}-{b}".lower()])
        if variant == "fni":
            dept = rng.choice(["13", "69", "75", "33", "2A", "59", "06", "971", "34", "92"])
            return rng.choice(
                [
                    f"{rng.randint(1000, 9999)} {L(2)} {dept}",
                    f"{rng.randint(100, 999)} {L(3)} {dept}",
                    f"{rng.randint(10, 99)} {L(3)} {dept}",
                ]
            )
        if variant == "uk":
            return rng.choice([f"{L(2)}{d(2)} {L(3)}", f"{L(2)}{d(2)}{L(3)}"])
        if variant == "be":
            return f"{rng.randint(1, 2)}-{L(3)}-{d(3)}"
        if variant == "de":
            city = rng.choice(["B", "HH", "M", "K", "F", "S", "HB", "DU"])
            sep = rng.choice(["-", " "])
            return f"{city}{sep}{L(2)} {rng.randint(1, 9999)}"
        if variant == "it":
            return f"{L(2)} {d(3)} {L(2)}"
        if variant == "es":
            return f"{d(4)} {L(3, 'BCDFGHJKLMNPRSTVWXYZ')}"
        if variant == "ch":
            return f"{rng.choice(['GE', 'VD', 'ZH', 'VS', 'NE', 'BE'])} {rng.randint(1000, 999999)}"
        if variant == "nl":
            return rng.choice([f"{d(2)}-{L(3)}-{d(1)}", f"{L(2)}-{d(3)}-{L(1)}", f"{d(1)}-{L(3)}-{d(2)}"])
        if variant == "lu":
            return f"{L(2)} {d(4)}"
        if variant == "pt":
            return rng.choice([f"{L(2)}-{d(2)}-{L(2)}", f"{d(2)}-{L(2)}-{d(2)}"])
        if variant == "ie":
            return rng.choice(
                [
                    f"{rng.randint(12, 25)}-D-{rng.randint(100, 99999)}",
                    f"{rng.choice(['191', '231', '242'])}-{rng.choice(['KY', 'C', 'G', 'WX'])}-{d(4)}",
                ]
            )
        if variant == "us":
            return rng.choice([f"{L(3)}-{d(4)}", f"{d(1)}{L(3)}{d(3)}", f"{L(3)} {d(4)}"])
        raise ValueError(variant)

    # --- unmarked decoys ---------------------------------------------------------------------------------------
    def recent_date(self, lang: str) -> str:
        rng = self.rng
        year = rng.choice([2025, 2026])
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        if lang == "fr":
            return rng.choice(
                [
                    f"{day:02d}/{month:02d}/{year}",
                    f"{day} {FR_MONTHS[month - 1]}",
                    f"{day:02d}/{month:02d}",
                    f"{day:02d}.{month:02d}.{year % 100:02d}",
                ]
            )
        return rng.choice(
            [
                f"{day} {EN_MONTHS[month - 1][:3]}",
                f"{EN_MONTHS[month - 1]} {ordinal(day)}",
                f"{day:02d}/{month:02d}/{year}",
                f"{year}-{month:02d}-{day:02d}",
            ]
        )

    def time(self, lang: str) -> str:
        rng = self.rng
        hour, minute = rng.randint(0, 23), rng.choice([0, 5, 10, 15, 20, 30, 40, 45, 50, 55])
        if lang == "fr":
            return rng.choice([f"{hour}h{minute:02d}", f"{hour:02d}:{minute:02d}", f"{hour} h {minute:02d}"])
        return rng.choice([f"{hour:02d}:{minute:02d}", f"{(hour % 12) or 12}.{minute:02d}{'pm' if hour >= 12 else 'am'}"])

    def no_checksum_number(self, length: int) -> str:
        while True:
            num = str(self.rng.randint(1, 9)) + self.digits(length - 1)
            if not luhn_ok(num):
                return num

    def ticket(self) -> str:
        rng = self.rng
        return rng.choice(
            [
                f"INC-2026-{self.digits(6)}",
                f"DEM{self.no_checksum_number(7)}",
                f"26-{self.digits(5)}",
                f"SR-{self.digits(5)}",
                f"RM/{rng.randint(2025, 2026)}/{self.digits(4)}",
                f"#{self.no_checksum_number(6)}",
            ]
        )

    def order(self) -> str:
        return self.no_checksum_number(self.rng.choice([8, 9, 10, 11, 12]))

    def amount(self, lang: str) -> str:
        rng = self.rng
        euros, cents = rng.randint(5, 900), rng.randint(0, 99)
        if lang == "fr":
            return rng.choice([f"{euros},{cents:02d} €", f"{euros} €", f"{euros} euros"])
        return rng.choice([f"£{euros}.{cents:02d}", f"£{euros}", f"${euros}", f"€{euros}"])


# ---------------------------------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------------------------------

TOKEN = re.compile(r"\{([A-Z]+)(?::([a-z]+))?(?:#(\w+))?\}|\[\[(.+?)\|([A-Z_]+)\]\]")
MARKED_SLOTS = {
    "NAME": "PERSON",
    "SURNAME": "PERSON",
    "FIRST": "PERSON",
    "DOB": "DATE_OF_BIRTH",
    "DOBY": "DATE_OF_BIRTH",
    "ADDRESS": "ADDRESS",
    "PHONE": "PHONE",
    "EMAIL": "EMAIL",
    "NIR": "NIR",
    "IBAN": "IBAN",
    "SIRET": "SIRET",
    "SIREN": "SIREN",
    "CARD": "CARD",
    "PLATE": "PLATE",
}
DECOY_SLOTS = {"DATE", "TIME", "TICKET", "ORDER", "AMOUNT"}


def parse_block(block: str) -> list[str]:
    texts = []
    for chunk in re.split(r"\n\s*\n", block.strip("\n")):
        lines = [line.strip() for line in chunk.strip("\n").split("\n")]
        texts.append(" ".join(line for line in lines if line).replace("\\n", "\n"))
    return texts


def case_mode(template: str) -> str:
    bare = TOKEN.sub(" ", template)
    letters = [ch for ch in bare if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters):
        return "upper"
    if letters and all(ch.islower() for ch in letters):
        return "lower"
    return "keep"


def has_generated_slots(template: str) -> bool:
    return any(m.group(1) in MARKED_SLOTS for m in TOKEN.finditer(template))


def render(template: str, lang: str, gen: Gen) -> dict:
    rng = gen.rng
    people: dict[str, Person] = {}
    out: list[str] = []
    spans: list[list] = []
    pos = 0
    cursor = 0
    for m in TOKEN.finditer(template):
        out.append(template[cursor : m.start()])
        pos += m.start() - cursor
        cursor = m.end()
        if m.group(4) is not None:
            value, kind = m.group(4), m.group(5)
            assert kind in TYPES, kind
        else:
            slot, variant, tag = m.group(1), m.group(2), m.group(3)
            person = None
            if slot in ("NAME", "SURNAME", "FIRST") or (slot == "EMAIL" and tag):
                key = tag or f"_anon{len(people)}"
                person = people.setdefault(key, Person(rng))
            if slot == "NAME":
                value = person.full()
            elif slot == "SURNAME":
                value = person.surname()
            elif slot == "FIRST":
                value = person.first
            elif slot == "DOB":
                value = gen.dob(variant or lang)
            elif slot == "DOBY":
                value = gen.dob_year()
            elif slot == "ADDRESS":
                value = gen.address(lang, variant)
            elif slot == "PHONE":
                value = gen.phone(lang, variant)
            elif slot == "EMAIL":
                value = gen.email(lang, person)
            elif slot == "NIR":
                value = gen.nir()
            elif slot == "IBAN":
                value = gen.iban(lang, variant)
            elif slot == "SIRET":
                value = gen.siret()
            elif slot == "SIREN":
                value = gen.siren()
            elif slot == "CARD":
                value = gen.card()
            elif slot == "PLATE":
                value = gen.plate(lang, variant)
            elif slot == "DATE":
                value = gen.recent_date(lang)
            elif slot == "TIME":
                value = gen.time(lang)
            elif slot == "TICKET":
                value = gen.ticket()
            elif slot == "ORDER":
                value = gen.order()
            elif slot == "AMOUNT":
                value = gen.amount(lang)
            else:
                raise ValueError(f"unknown slot {slot} in {template!r}")
            kind = MARKED_SLOTS.get(slot)
        if kind is not None:
            spans.append([pos, pos + len(value), kind])
        out.append(value)
        pos += len(value)
    out.append(template[cursor:])
    text = "".join(out)
    mode = case_mode(template)
    if mode != "keep":
        changed = text.upper() if mode == "upper" else text.lower()
        assert len(changed) == len(text), template
        text = changed
    return {"lang": lang, "text": text, "spans": spans}


# ---------------------------------------------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------------------------------------------

NUM_RUN = re.compile(r"\d+(?:[ .\-/]\d+)*")
IBAN_RUN = re.compile(r"[A-Z]{2}\d{2}(?:[ \-]?[A-Z0-9]){10,30}")
MAIL_HINT = re.compile(r"@|\(at\)|\[at\]|\barobase\b|\bat\s+\w+\s+dot\b", re.IGNORECASE)


def checksum_hits(digits: str) -> list[str]:
    hits = []
    if len(digits) == 9 and luhn_ok(digits):
        hits.append("SIREN")
    if len(digits) == 14 and luhn_ok(digits):
        hits.append("SIRET")
    if 13 <= len(digits) <= 19 and digits[0] in "3456" and luhn_ok(digits):
        hits.append("CARD")
    if len(digits) == 15 and nir_ok(digits):
        hits.append("NIR")
    return hits


def check_value(value: str, kind: str) -> None:
    digits = re.sub(r"\D", "", value)
    if kind == "NIR":
        assert nir_ok(value), value
    elif kind == "IBAN":
        assert iban_ok(value), value
    elif kind == "SIREN":
        assert len(digits) == 9 and luhn_ok(digits), value
    elif kind == "SIRET":
        assert len(digits) == 14 and luhn_ok(digits), value
    elif kind == "CARD":
        assert 15 <= len(digits) <= 19 and digits[0] in "3456" and luhn_ok(digits), value


def check_record(rec: dict) -> None:
    text, spans = rec["text"], rec["spans"]
    prev_end = 0
    for start, end, kind in spans:
        assert kind in TYPES
        assert 0 <= start < end <= len(text), rec
        assert start >= prev_end, f"overlap/unsorted: {rec}"
        prev_end = end
        value = text[start:end]
        assert value == value.strip() and not value.endswith(","), repr(value)
        assert start == 0 or not text[start - 1].isalnum(), f"cut word: {value!r} in {text!r}"
        assert end == len(text) or not text[end].isalnum(), f"cut word: {value!r} in {text!r}"
        check_value(value, kind)
    masked = list(text)
    for start, end, _ in spans:
        masked[start:end] = ["\x00"] * (end - start)
    rest = "".join(masked)
    for m in NUM_RUN.finditer(rest):
        chunks = [m.group(0), *re.split(r"[ .\-/]", m.group(0))]
        for chunk in chunks:
            hits = checksum_hits(re.sub(r"\D", "", chunk))
            assert not hits, f"unmarked checksum number {chunk!r} ({hits}) in {text!r}"
    for m in IBAN_RUN.finditer(rest.upper()):
        assert not iban_ok(m.group(0)), f"unmarked IBAN {m.group(0)!r} in {text!r}"
    assert not MAIL_HINT.search(rest), f"unmarked e-mail in {text!r}"


def build() -> list[dict]:
    rng = random.Random(SEED)
    gen = Gen(rng)
    templates = [("fr", t) for t in parse_block(FR_TEXTS)] + [("en", t) for t in parse_block(EN_TEXTS)]
    seen: set[str] = set()
    for _, t in templates:
        assert t not in seen, f"duplicate template: {t!r}"
        seen.add(t)
    records = [render(t, lang, gen) for lang, t in templates]
    with_slots = [(lang, t) for lang, t in templates if has_generated_slots(t)]
    # second renderings: weighted towards texts holding the rarer identifier types (Efraimidis-Spirakis draw)
    rare = ("{NIR", "{IBAN", "{SIRET", "{SIREN", "{CARD", "{DOB", "{EMAIL")
    keyed = [(rng.random() ** (1 / (1 + 2 * sum(r in t for r in rare))), lang, t) for lang, t in with_slots]
    keyed.sort(key=lambda item: item[0], reverse=True)
    extra = [(lang, t) for _, lang, t in keyed[: TARGET_TEXTS - len(records)]]
    records += [render(t, lang, gen) for lang, t in extra]
    rng.shuffle(records)
    texts_seen: set[str] = set()
    for rec in records:
        check_record(rec)
        assert rec["text"] not in texts_seen, rec["text"]
        texts_seen.add(rec["text"])
    return records


def main() -> int:
    records = build()
    with OUT.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    counts = Counter(kind for rec in records for _, _, kind in rec["spans"])
    langs = Counter(rec["lang"] for rec in records)
    empty = sum(1 for rec in records if not rec["spans"])
    templates = len(parse_block(FR_TEXTS)) + len(parse_block(EN_TEXTS))
    print(f"handwritten texts: {templates}  rendered texts: {len(records)}  by language: {dict(sorted(langs.items()))}")
    print(f"texts with no identifier: {empty} ({100 * empty / len(records):.1f}%)")
    for kind in TYPES:
        print(f"  {kind:14s} {counts[kind]}")
    print(f"  total spans    {sum(counts.values())}")
    return 0


# ---------------------------------------------------------------------------------------------------------------
# Handwritten texts
# ---------------------------------------------------------------------------------------------------------------

FR_TEXTS = r"""
Tapage nocturne signalé par {NAME}, {ADDRESS}. Musique très forte depuis 23h,
3e appel ce mois-ci. Rappeler au {PHONE}.

bruit terrasse bar Le Balto jusqu'à 2h du mat, riverain mécontent, n'a pas voulu laisser son nom

Intervention suite à appel de Mme {SURNAME#1} ({PHONE}) pour rixe devant le tabac de la rue des Tanneurs.
Deux individus interpellés, dont {NAME#2}, né le {DOB}, demeurant {ADDRESS}. Conduits au commissariat central à 01h20.

Dépôt sauvage d'encombrants (matelas, frigo, 2 sommiers) au pied du bâtiment C, cité des Aubépines.
Deuxième signalement cette semaine. Signalé par {NAME}, {PHONE}.

VL ventouse {PLATE} devant le {ADDRESS:short} depuis + de 3 semaines, pneus à plat, pare-brise étoilé.

Bonjour,\nJe vous écris une nouvelle fois au sujet des rats dans la cour de notre immeuble, {ADDRESS}.
Le syndic ne fait rien malgré nos relances. Vous pouvez me joindre au {PHONE} ou par mail :
{EMAIL}.\nCordialement,\n{NAME}

LAMPADAIRE HS A L'ANGLE RUE PASTEUR / AVENUE DE LA GARE DEPUIS LE 02/11, ZONE TRES SOMBRE LE SOIR,
DES FEMMES ONT PEUR DE PASSER

graffitis sur le mur de l'école maternelle des tilleuls, tags injurieux, à effacer en priorité svp

Appel de {FIRST} (se dit voisine du dessus) : chiens qui aboient jour et nuit au {ADDRESS}.
Le propriétaire serait un certain M. {SURNAME}.

Marché du dimanche : le placier signale que le commerçant {NAME} (SIRET {SIRET}) occupe deux emplacements
au lieu d'un. Reste dû : {AMOUNT}.

Demande de remboursement des droits de place (annulation marché de Noël), virement à effectuer sur l'IBAN
{IBAN} au nom de {NAME}.

Manif non déclarée place Jean-Jaurès, env. 150 pers., banderoles et fumigènes, pas de débordement constaté à 17h40.

L'ASVP {NAME} a verbalisé le véhicule {PLATE} pour stationnement sur passage piéton le {DATE} à {TIME}.

inondation cave suite orage, {ADDRESS}, tel {PHONE}, demande passage pompiers ou services techniques, eau sur 30 cm

DDN {DOB} - {NAME} - personne sans abri connue du secteur, installée sous le pont de la rocade avec deux chiens.
Orientée vers le 115.

Rassemblement d'une vingtaine de jeunes avec motos cross sur le parking du gymnase, rodéos tous les soirs vers 22h.

Mme {NAME}, gérante du snack, sollicite une extension de terrasse pour l'été (SIREN {SIREN}). Contact : {EMAIL}

Le gardien {FIRST} signale une seringue dans le bac à sable du square Dolto. Aire de jeux fermée provisoirement.

Plainte de {NAME#1} contre son voisin {NAME#2} pour nuisances sonores répétées (perceuse le dimanche, cris).
{SURNAME#1} habite au {ADDRESS}, joignable au {PHONE}.

Objet : amende déjà payée\nJ'ai réglé par carte bancaire ({CARD}) mais le site indique toujours "impayé".
Dossier n° {TICKET}. Merci de vérifier.\n{NAME}

nid de poule énorme devant la boulangerie av. de la libération, un scooter est tombé ce matin

Signalement : camion immatriculé {PLATE:fni} stationné sur la piste cyclable tous les matins entre 6h et 8h
(livraisons supérette).

Individu agressif dans le bus ligne 12, se fait appeler "[[Kiki|PERSON]]", connu des chauffeurs du dépôt.

né en {DOBY}, {NAME} a été pris en charge par l'équipe de nuit après une altercation sur le quai Saint-Antoine.

Bonsoir je suis {FIRST} du {ADDRESS:short} ya encore des jeunes ds le hall qui fument et crient, svp envoyez qqun

Demande d'aide exceptionnelle — bénéficiaire : {NAME}, NIR {NIR}, né(e) le {DOB}, domicilié(e) {ADDRESS}.
Dossier transmis au CCAS.

Rats signalés par Mme {SURNAME} près des conteneurs enterrés place du Marché, dératisation demandée d'urgence.

Appel reçu à 14h32 de {NAME} ({PHONE}) : fuite d'eau importante sur la chaussée rue des Écoles, l'eau remonte sur le
trottoir.

Suite à votre courrier du 5 octobre, je conteste l'avis de contravention concernant mon véhicule {PLATE}.
J'étais en livraison. {NAME}, {ADDRESS}.

Chef de poste {SURNAME} : patrouille renforcée secteur gare, 3 PV stationnement, 1 interpellation pour ivresse
manifeste.

odeur d'égout insupportable depuis 3 jours vers la bouche d'égout en face du 4e arrêt du tram

RAPPEL URGENT : M. {SURNAME} SIGNALE UN ARBRE TOMBE SUR LA CHAUSSEE, {ADDRESS}, TEL {PHONE}

Mme {SURNAME} appelle pour la 4e fois : la benne à verre déborde, bouteilles cassées partout sur le trottoir.

Rodéo urbain signalé, 2 motos sans plaque + 1 quad immatriculé {PLATE}, direction parc Georges-Brassens.

Intervention suite à différend de voisinage au {ADDRESS}. Les parties, {NAME#1} et {NAME#2}, ont été entendues.
Médiation proposée, rdv fixé le {DATE} à la maison de la justice et du droit.

Tags sur l'abribus arrêt Mairie (ligne 3 et 7), vitre brisée également. Témoin : {FIRST}, {EMAIL}.

Je souhaite signaler que mon voisin {NAME} (tél : {PHONE}) brûle ses déchets verts dans son jardin
presque tous les week-ends, la fumée rentre chez nous. Merci d'intervenir.

ASVP {SURNAME} : constat occupation illicite du domaine public par la terrasse du café "Le Commerce",
8 tables au lieu de 4 autorisées. Exploitant : SIRET {SIRET}.

fête sauvage au parc des Buttes, environ 80 personnes, sono, feux de camp interdits. pas de nom.

Le chef d'équipe propreté, {NAME}, indique que le dépôt sauvage du chemin des Vignes a été enlevé ce matin (2,5
tonnes).

Mail reçu de {EMAIL} : "bonjour, les poubelles du restaurant chinois sont posées devant ma porte tous les soirs,
c'est insupportable, {FIRST}"

Véhicule incendié cette nuit parking du stade Léo Lagrange, immat {PLATE:fr}. Propriétaire prévenu : {NAME}, {PHONE}.

Éclairage public en panne sur toute l'allée des Peupliers, 11 candélabres éteints. Ticket {TICKET}.

Signalement de Mme {NAME} ({EMAIL}) : crottes de chien devant l'école, aucun sac distribué au distributeur.

DEMANDE D'ARRETE DE VOIRIE POUR DEMENAGEMENT LE {DATE}, CAMION DE 20 M3, DEMANDEUR {NAME}, {ADDRESS}.

inondation passage souterrain de la gare, 40 cm d'eau, piétons bloqués, pompe HS

Bonjour,\nsuite à l'orage d'hier, le caniveau devant chez moi ({ADDRESS}) est bouché et l'eau rentre dans
le garage.\nMerci de faire le nécessaire.\n{NAME}\n{PHONE}

"[[Dédé|PERSON]]", SDF du parvis de l'église, a encore été vu alcoolisé et agressif envers les passants, vers 10h.

Le médiateur {NAME} rapporte que le conflit entre la gérante du bar {NAME} et les riverains s'est apaisé
depuis la pose de panneaux "respectez le voisinage".

M. {SURNAME}, âgé de 67 ans, né le {DOB}, a chuté sur le trottoir défoncé devant la pharmacie, pompiers sur place.

Vente à la sauvette de cigarettes et de maïs grillé sortie métro, 6 vendeurs, dispersés à l'arrivée de la patrouille.
Un vendeur identifié : {NAME}, né le {DOB}.

Bonjour je voudrais savoir si je peux installer un stand de crêpes sur le marché de Noël, j'ai un numéro SIREN :
{SIREN}. Merci de me répondre à {EMAIL}. {NAME}

Demande d'autorisation de manifestation culturelle (concert de quartier) le {DATE}, place Carnot, 200 personnes
attendues. Responsable : {NAME}, tél. {PHONE}, association loi 1901.

le camion pizza {PLATE} stationne toute la journée sur la place handicapé devant la poste

Intervention suite à rixe entre supporters à la sortie du stade. {NAME} (DDN {DOB}) blessé légèrement au visage,
transporté par les pompiers. Auteur présumé en fuite à bord d'un véhicule {PLATE}.

coupure d'éclairage square des acacias, les ados en profitent pour se retrouver la nuit, bruits de scooter

Requête de {NAME} : un cerisier de l'espace vert municipal déborde sur sa propriété au {ADDRESS}.
Demande élagage avant l'hiver.

Je m'appelle {NAME}, je suis commerçant ambulant (SIRET {SIRET}). Votre agent m'a refusé l'accès au marché
ce matin alors que j'ai payé l'abonnement. Je veux un remboursement sur mon compte {IBAN}.

Pigeons morts dans le parc des Chartreux, 5 cadavres près du bassin. Risque sanitaire ? Signalement de {NAME},
{EMAIL}.

URGENT fuite de gaz ?? forte odeur dans la cage d'escalier, {ADDRESS}. j'ai appelé GRDF. {FIRST} {PHONE}

La patrouille a contrôlé {NAME}, né le {DOB} à Oran, porteur d'une bouteille de vodka sur l'aire de jeux
interdite à la consommation d'alcool. Verbalisé (arrêté municipal n° 2026-44).

Demande de badge pour accéder au jardin partagé. Nom : {NAME}. Adresse : {ADDRESS}. Mail : {EMAIL}. Tel : {PHONE}.

Stationnement anarchique rue de la Gare les jours de marché, bus 21 bloqué 15 min ce matin. Chauffeur : {NAME}.

Signalement anonyme : un homme dort dans une voiture {PLATE} garée depuis 10 jours allée Simone Veil.

M. et Mme {SURNAME} signalent des infiltrations d'eau venant de la voirie dans leur sous-sol. Adresse :
{ADDRESS}. Port. {PHONE}

mairie bonjour, y a un chien errant qui traine vers le lavoir depuis hier, il a l'air perdu. collier rouge avec le
numéro {PHONE} dessus.

Le responsable sécurité du centre commercial, {NAME}, signale des regroupements devant l'entrée nord chaque soir
après 19h et des vols à l'étalage.

Trottinettes électriques jetées dans le canal, au moins 4, près de l'écluse. Opérateur prévenu. Témoin : {NAME},
{PHONE}.

Mme {NAME} (née en {DOBY}) se plaint que personne ne répond au numéro d'astreinte. Elle demande à être rappelée
sur son fixe {PHONE}.

Remboursement caution salle des fêtes : {NAME}, IBAN {IBAN}, montant {AMOUNT}.

Le jardinier {FIRST} a trouvé un portefeuille sous un banc du parc : carte bancaire au nom de {NAME}
({CARD}). Déposé au poste de police municipale.

Dégradations au city-stade : filets coupés, panneaux de basket arrachés. Coût estimé {AMOUNT}.

Bonjour Madame, Monsieur,\nJe suis propriétaire du logement situé {ADDRESS} et mon locataire, {NAME},
organise des fêtes toutes les semaines. Les voisins m'appellent sans cesse. Que puis-je faire ?\n{NAME}

PLAINTE BRUIT CHANTIER AVANT 7H LE MATIN, BOULEVARD VOLTAIRE, MARTEAU PIQUEUR. AUCUN PANNEAU D'AUTORISATION.

rixe à la sortie de la boîte de nuit vers 4h, 5 personnes impliquées, une blessée par arme blanche, transportée au chu

Contrôle de la terrasse "Chez {FIRST}" : exploitant M. {NAME}, SIREN {SIREN}, autorisation valable jusqu'au {DATE}.

Tél. {PHONE} — appelante : {NAME} — motif : voiture {PLATE} garée devant son garage, elle ne peut pas sortir.

Le policier municipal {NAME} indique qu'un attroupement d'environ 30 personnes a eu lieu suite à un accident
de trottinette, boulevard de la Liberté. Pas de blessé grave.

bonjour, je suis maman de 3 enfants et l'aire de jeux du parc est dangereuse, le toboggan est cassé depuis septembre

Signalement déposé par {NAME}, {ADDRESS}, concernant un trou dans la clôture du bassin de rétention.
Enfants qui jouent à l'intérieur. Tél {PHONE} / {EMAIL}.

Distribution alimentaire sauvage sur le parvis de la gare, environ 120 personnes, file d'attente sur la voie.
Association organisatrice SIREN {SIREN}, responsable {NAME}, {PHONE}.

L'agent de surveillance de la voie publique {SURNAME} a fait enlever le véhicule {PLATE} (fourrière, PV n° {TICKET}).

mme {SURNAME} appelle pour dire que les jeunes du quartier ont encore cassé la porte du local poubelles

Intervention suite à signalement de violences conjugales au {ADDRESS}. Victime : {NAME#1}, née le {DOB}.
Auteur : {NAME#2}, interpellé. Voisine témoin : {NAME#3}, {PHONE}.

marché aux puces du dimanche : stands qui débordent sur la piste cyclable, 3 rappels à l'ordre, pas de PV

Le garde champêtre {NAME} signale une décharge sauvage de pneus (env. 60) le long de la route de Grenoble, au niveau
du lieu-dit Les Sables.

Bonjour,\nje me permets de vous contacter car un rassemblement a lieu chaque nuit sous mes fenêtres
({ADDRESS}). Musique, cris, bouteilles cassées. J'ai 2 enfants en bas âge.\nMerci,\n{NAME}\n{PHONE}

Vol de plaques d'égout (3) rue des Forges, danger pour les piétons, balisage provisoire posé à 15h.

inscription vide-grenier : {NAME}, {EMAIL}, plaque du véhicule {PLATE}, emplacement 5 m, chèque de 15 €

Le veilleur de nuit du parking Saint-Jean, {FIRST}, signale des individus qui forcent les horodateurs.

DEMANDE DE RAPPEL : {NAME} - {PHONE} - ARBRE MENACANT DE TOMBER SUR L'ECOLE

Incivilités répétées devant la supérette de la rue Nationale. La gérante, Mme {SURNAME}, dit avoir été menacée
par un groupe dont le meneur se ferait appeler "[[Le Chinois|PERSON]]".

Collecte des encombrants non effectuée le {DATE}, tout le trottoir est encombré depuis 4 jours.

Suite intervention du {DATE} : {NAME} (DDN {DOB}), domicilié {ADDRESS}, convoqué pour rappel à la loi
(dégradation de mobilier urbain).

crues de la rivière, cheminement piéton du parc inondé, barrières posées côté passerelle

Réclamation : je suis {NAME}, ma carte {CARD} a été débitée 2 fois pour le même stationnement (horodateur
n° 1147, place Carnot). Merci de me rembourser.

Marché nocturne : stand de {NAME} installé sans autorisation. SIRET communiqué : {SIRET}. Invité à régulariser.

Manifestation des agriculteurs, tracteurs sur le rond-point, fumier déversé devant la préfecture. Tracteur
{PLATE:fni} bloqué sur la voie du tram.

Message de {FIRST} laissé sur le répondeur à 23h47 : "ils recommencent avec leur musique, je vous en supplie".
Rappelé au {PHONE}, personne ne répond.

{NAME}, {ADDRESS}, demande la pose d'un ralentisseur devant l'école, les voitures roulent trop vite.

Squat signalé dans l'ancienne station-service de la route de Lyon. Une dizaine de personnes, dont des enfants.
Travailleur social informé. Propriétaire du terrain : société SIREN {SIREN}.

Bonjour, un camion de chantier immatriculé {PLATE} a arraché la gouttière de l'immeuble en faisant marche arrière.
Le chauffeur est parti. Témoin : {NAME}, {PHONE}.

le lampadaire clignote toute la nuit devant chez moi au {ADDRESS}, impossible de dormir. {NAME}

PRÉSENCE DE RATS DANS LE JARDIN PUBLIC, PRES DES JEUX POUR ENFANTS. INADMISSIBLE.

Intervention suite à appel de la RATP : individu endormi sur les voies du tram. Identifié : {NAME}, né le {DOB},
sans domicile fixe. Pris en charge par le SAMU social.

Concert non autorisé dans une cour d'immeuble, {ADDRESS}. Organisateur : {NAME}. Rappel de la réglementation fait.

Le placier {FIRST} confirme que le poissonnier {NAME} a libéré son emplacement à 14h, sol nettoyé.

réunion publique du comité de quartier mardi 19h salle 204 de la maison des associations, ordre du jour : propreté,
inscriptions {EMAIL}

{NAME} nous écrit depuis {EMAIL} : le lampadaire en face de la boulangerie de l'avenue Foch est tombé.

Affichage sauvage (affiches électorales) sur les armoires électriques, boulevard Gambetta, environ 40 affiches.
Imprimeur identifié, SIRET {SIRET}.

J'ai trouvé un chat blessé sur le parking. Je l'ai emmené chez le vétérinaire. Qui rembourse ? Mon IBAN : {IBAN}.
{NAME}

Surveillance du parc : deux jeunes, {NAME} et un certain "[[Lolo|PERSON]]", ont été surpris en train de
dégrader les jeux. Parents convoqués.

Mme {NAME}, date naiss. {DOB}, NIR {NIR}, sollicite une place en résidence autonomie. Actuellement au {ADDRESS}.

prière d'envoyer la police municipale, bagarre générale devant le kebab, c'est très violent

La commerçante {NAME} (fleuriste, SIRET {SIRET}) signale que des jeunes s'assoient tous les soirs sur sa vitrine
et laissent des canettes.

Accident entre un vélo et le véhicule {PLATE} au carrefour de la rue Jean Moulin, conducteur {NAME}, tel {PHONE}.
Cycliste légèrement blessé.


Le chef de poste {SURNAME} transmet : nuit calme, 2 appels pour tapage, 1 déclenchement d'alarme au collège.

JE M'APPELLE {NAME} ET J'HABITE {ADDRESS}. DEPUIS 3 SEMAINES LA FONTAINE DU SQUARE COULE EN PERMANENCE.

Deux véhicules ventouses allée des Platanes : {PLATE} et {PLATE}, enlèvement demandé.

Occupation de la place de l'Église par des gens du voyage (env. 25 caravanes). Interlocuteur : M. {NAME},
joignable au {PHONE}. Départ annoncé sous 48h.

Le gérant du camping municipal, {NAME}, a signalé des détritus brûlés au bord du lac.

Appel de l'école : un parent, {NAME}, dit avoir été bousculé par un automobiliste devant la grille.
Véhicule : {PLATE}, conducteur inconnu.

bonjour, je souhaite déclarer un dépôt sauvage : sacs de gravats derrière le gymnase, ça fait 2 semaines

Bonjour,\nJe suis {NAME}, présidente de l'association des locataires de la résidence Les Oliviers. Nous demandons
un rendez-vous concernant l'éclairage du parking. Vous pouvez me joindre au {PHONE}.\nBien à vous

Verbalisation de {NAME} pour dépôt sauvage (sacs d'ordures à côté du conteneur), identifié grâce à un
courrier à son nom retrouvé dans les sacs : {ADDRESS}.

Fumée noire au-dessus de la zone artisanale, les pompiers sont sur place, pas de victime. Entreprise concernée :
SIRET {SIRET}, gérant {NAME}.

Demande de la commerçante {NAME} : autorisation d'installer un chevalet sur le trottoir devant sa boutique
au {ADDRESS}. SIREN {SIREN}.

Le correspondant de nuit [[J.-P. M.|PERSON]] a accompagné une personne âgée désorientée jusqu'à son domicile.

Signalement de {NAME}, {PHONE} : 3 jeunes sur un scooter sans casque font des roues arrière devant la crèche.

Plaque d'égout soulevée boulevard National après les fortes pluies, risque de chute, balisé. Signalé par un
automobiliste, {NAME}, véhicule {PLATE} endommagé.

Le {DATE}, {NAME} (né le {DOB}) a été interpellé sur le marché pour vol à l'étalage. Il a donné comme adresse
le {ADDRESS}, vérifiée.

Odeurs de cannabis permanentes dans l'escalier B, les enfants sont exposés. Locataire du 3e : M. {SURNAME}.

Réservation kiosque à musique pour la fête de la musique : {NAME}, {EMAIL}, {PHONE}.

Jeunes qui jouent au foot contre le mur de l'église pendant la messe, le curé se plaint.

Bonjour, mon véhicule {PLATE} a été enlevé par la fourrière alors que je disposais d'une carte de résident.
Je vous demande l'annulation des frais ({AMOUNT}). {NAME}, {ADDRESS}, {PHONE}

LE BAR "L'ESCALE" DIFFUSE DE LA MUSIQUE FENETRES OUVERTES JUSQU'A 3H DU MATIN, TOUS LES WEEK-ENDS.

La gardienne de l'immeuble, Mme {NAME}, signale un dépôt d'amiante (plaques fibrociment) au local vélos.

intervention suite à rixe, 2 blessés légers, auteurs en fuite vers la gare, signalement transmis à la police nationale

Demande de logement d'urgence : {NAME}, NIR {NIR}, 3 enfants, expulsé(e) du {ADDRESS}.

Nuisances olfactives (fumoir de poisson) signalées par Mme {SURNAME} et son voisin M. {SURNAME}.

Bonjour, serait-il possible de faire passer la balayeuse rue Paradis, il y a des feuilles partout et c'est glissant.

Véhicule suspect stationné devant l'école depuis 3 jours, moteur tournant la nuit : {PLATE}.

Le médiateur social [[F. B.|PERSON]] signale que {NAME}, très connu dans le quartier, a repris ses tournées
de collecte de ferraille avec une camionnette {PLATE}.

Je viens de voir quelqu'un jeter un sac poubelle par la fenêtre d'une voiture, immatriculation {PLATE}.

hier soir manifestation pro-palestine place de la république, 300 pers env, aucun incident

Demande de raccordement provisoire à l'électricité pour le marché forain : forain {NAME}, SIRET {SIRET},
IBAN pour prélèvement {IBAN}.

Rixe dans le tram ligne T2, un contrôleur agressé. Agent : {NAME}. Auteur : homme d'environ 25 ans.

Coucou c {FIRST} du 3eme, le monsieur d'en face continue de nourrir les pigeons, c'est dégueu partout

Le directeur de l'école, M. {NAME}, demande une présence policière aux heures de sortie (14 parents
stationnés en double file chaque jour).

Propriétaire du chien mordeur identifié : {NAME}, {ADDRESS}. Victime : {NAME}, 9 ans. Certificat médical joint.

Ruissellement de boue sur la route des Crêtes après l'orage, chaussée glissante sur 200 m. Agriculteur riverain : M.
{SURNAME}, {PHONE}.

Tél {PHONE} : une dame âgée, Mme {SURNAME}, dit que le banc de l'arrêt de bus a été retiré et qu'elle
ne peut plus attendre debout.

Demande de remboursement de l'amende FPS : payée 2 fois avec la carte {CARD}. {NAME}.

Agent de sécurité du parc, {FIRST}, signale un exhibitionniste près des toilettes publiques, vers 16h. Individu
d'environ 50 ans, parti vers la sortie est.

bjr jsuis {FIRST} du bat C, ya des gens qui font des barbecues sur les balcons ça enfume tt le monde

Fermeture exceptionnelle du parc municipal pour vents violents, réouverture prévue demain 8h.

Mme {NAME} signale des cris d'enfant dans l'appartement voisin ({ADDRESS}). Transmis à la cellule
enfance en danger.

Le responsable de l'association de commerçants, {NAME}, demande des barrières anti-intrusion pour la braderie.
Contact : {EMAIL}.

Déclaration de perte : carte bancaire {CARD} perdue probablement au marché couvert. Titulaire : {NAME}.

sacs jaunes éventrés partout dans la rue, les goélands déchirent tout, il faudrait des bacs

Intervention suite à appel du {DATE} : feu de poubelle au {ADDRESS}. Suspect : {NAME}, DDN {DOB}.

Le lampadaire n° 42-118 de l'avenue de Verdun est tombé sur une voiture en stationnement ({PLATE}), propriétaire
{NAME} prévenu.

Demande de stationnement pour tournage (film étudiant) : responsable {NAME}, {PHONE}, véhicules {PLATE} et {PLATE}.

Bonjour la mairie, ma rue est devenue un parking sauvage pour le stade. Les supporters urinent contre ma porte.
{NAME}\n{ADDRESS}

Une famille, {NAME} et ses enfants, est installée sous le porche de l'église. Orientation vers le 115
effectuée par le médiateur.

GRAFFITIS RACISTES SUR LE MONUMENT AUX MORTS, PLAINTE DEPOSEE PAR LA MAIRIE.

Mme {NAME}, {ADDRESS}, tél. {PHONE} : les jeunes utilisent la cour de l'immeuble comme terrain de moto.

La brigade cynophile a contrôlé trois individus au square des Acacias, dont {NAME}, né en {DOBY}, en possession
de 12 g de résine.

bonjour, pourquoi le marché du jeudi a été déplacé ? personne n'a été prévenu. merci

Signalement d'une ruche sauvage dans un arbre de la cour de l'école, accès fermé en attendant l'apiculteur.
Apiculteur bénévole : {NAME}, {PHONE}.

Monsieur le Maire,\nJe vous écris en tant que riverain de la place du Marché ({ADDRESS}). Depuis l'ouverture
du nouveau bar, les nuisances sont continues. J'ai déjà saisi le conciliateur.\nRespectueusement,\n{NAME}\n{EMAIL}

L'ASVP {NAME} a constaté la présence de {NAME} sur le domaine public avec un stand de vente
non autorisé (bijoux).

Fuite d'eau sur la borne incendie au coin du cours Mirabeau, l'eau coule depuis ce matin. Signalé par {NAME},
{ADDRESS}.

Le SIREN de la société de nettoyage qui laisse ses bidons sur le trottoir : {SIREN}. Merci de les contacter.

RDV pris avec {NAME} ({PHONE}) pour constat de fissures suite aux travaux du tram, {ADDRESS}.

Le chauffeur du bus 14, {NAME}, signale des jets de pierres au niveau de l'arrêt Les Peupliers.

Bruit du groupe électrogène de la fête foraine jour et nuit depuis le {DATE}, les riverains n'en peuvent plus.

Contrôle de {NAME} (né le {DOB}) au volant du véhicule {PLATE} sans permis. Véhicule immobilisé.

ya encore un frigo abandonné rue des lilas, et un canapé, ça attire les rats

Mail de {EMAIL} reçu à {TIME} : "Bonjour, une bande de jeunes a cassé toutes les vitres de l'abri vélo."

Réclamation de {NAME} : la place de stationnement PMR devant son domicile ({ADDRESS}) est toujours occupée
par le véhicule {PLATE}.

Le technicien voirie {NAME} confirme la réparation du feu tricolore au carrefour Foch/Verdun.

Gros attroupement à la sortie du lycée, 2 bandes rivales, 1 blessé, la patrouille est arrivée à 12h15. Blessé :
{NAME}, né en {DOBY}, conduit aux urgences.

Le gestionnaire de la halle, {NAME}, demande le paiement de la facture n° {ORDER} sur le compte {IBAN}.

Plainte contre le restaurant "Le Petit Saigon" ({SIRET}) pour poubelles laissées sur la voie publique.
Gérant : {NAME}.

Je signale que mon nom ({NAME}) et mon numéro ({PHONE}) ont été affichés dans le hall par un voisin,
avec des insultes. Je veux porter plainte.

décès d'un sans-abri dans le parc cette nuit, identité inconnue, environ 60 ans

Le gardien du cimetière, M. {SURNAME}, signale des vols de fleurs et de plaques funéraires.

{NAME} - {ADDRESS} - {PHONE} - demande de bac à ordures supplémentaire (famille de 7).

Un homme se disant "[[Tonton|PERSON]]" propose des cigarettes de contrebande aux collégiens devant le collège Jules
Ferry.

Fermeture du square pour désinfection suite à présence de rats, la mairie prévient les riverains par affichage.

Appel du {PHONE} : le chien de M. {SURNAME} aboie depuis 6h du matin, il est enfermé sur le balcon.

Bonjour, je suis étudiante et je souhaite faire un stage à la police municipale. Mon mail : {EMAIL}. {NAME}

Rassemblement festif non déclaré sur la plage : 200 personnes, musique amplifiée, feu. Organisateur présumé :
{NAME}, {PHONE}.

Procès-verbal de constat : le véhicule {PLATE}, appartenant à {NAME} ({ADDRESS}), est stationné sur un
emplacement réservé aux livraisons depuis 7 jours.

les habitants de la résidence demandent une réunion pour parler des rodéos, merci de nous recontacter

ENLEVEMENT VEHICULE {PLATE} REALISE A {TIME} PAR LA FOURRIERE, PROPRIETAIRE NON JOINT.

Demande de subvention association sportive : président {NAME}, SIRET {SIRET}, RIB joint : {IBAN}.

Agression verbale contre un agent d'entretien du parc (insultes racistes). Agent : {NAME}. Témoin : {NAME}.

Bonsoir, il y a un matelas en feu au pied de la tour 7, j'ai appelé les pompiers. {FIRST}

L'éducateur de rue {NAME} signale un jeune mineur isolé, {FIRST}, qui dort dans le local poubelles.

pas de nom, voisin qui fait des travaux le dimanche avec une disqueuse, 2e étage au-dessus de la pharmacie

Le {DATE} à {TIME}, la patrouille a constaté la présence de déchets de chantier (plâtre, bois) sur le trottoir
devant le {ADDRESS:short}. Entreprise identifiée : SIREN {SIREN}.

Contact pour le vide-grenier : {FIRST} au {PHONE} ou {EMAIL}

Mme {SURNAME}, née le {DOB}, signale la disparition de son mari, {NAME}, atteint d'Alzheimer, parti à pied
de leur domicile ({ADDRESS}) vers 15h.

fissure au plafond du préau de l'école primaire, morceaux de plâtre tombés dans la cour, enfants évacués

Bruit de la climatisation du supermarché la nuit, mesure sonore à prévoir. Riverain : {NAME}, {PHONE}.

{NAME}, {DOB}, {ADDRESS}, {PHONE}, {EMAIL}

Dossier RSA incomplet : {NAME}, n° sécu {NIR}, IBAN {IBAN}, adresse {ADDRESS}. Manque l'avis d'imposition.

Attestation d'hébergement : j'héberge {NAME#1}, né(e) le {DOB} (NIR {NIR}), à mon domicile, {ADDRESS}.
Fait pour servir et valoir ce que de droit.\n{NAME#2}

Redevance d'occupation du domaine public, terrasse du bar "Le Central" : SIRET {SIRET}, mandat SEPA sur {IBAN:fr}.

Benne de chantier posée sans autorisation sur le trottoir : raison sociale illisible, SIREN relevé sur le camion
{SIREN}, plaque {PLATE}.

paiement en ligne refusé pour le permis résident, carte {CARD}, j'ai réessayé avec une autre carte {CARD},
toujours refusé. mon mail {EMAIL}

Suite à la perte de ma carte vitale, voici mon numéro de sécurité sociale : {NIR}. {NAME}, {PHONE}

Remboursement trop-perçu cantine : parent {NAME#1}, compte {IBAN}, mail {EMAIL#1}.

Forain {NAME} - SIREN {SIREN} - emplacement 12 - réglé par carte {CARD} le {DATE}.

NIR {NIR} / {NAME} / DDN {DOB} / hébergé chez sa sœur, {ADDRESS}

Mails reçus de {EMAIL} et de {EMAIL} (deux voisins) : même plainte pour le bruit des bouteilles jetées
dans la benne à verre après 22h.

Verbalisation food-truck : exploitant {NAME}, SIRET {SIRET}, véhicule {PLATE}, emplacement non autorisé place Carnot.

virement reçu de l'iban {IBAN} sans référence, montant {AMOUNT}, à rapprocher svp

Camping-car suisse {PLATE:ch} et voiture italienne {PLATE:it} stationnés sur l'aire de pique-nique depuis 5 jours.

Véhicule portugais {PLATE:pt} abandonné sur le parking du cimetière, vitres cassées.

Fourgon espagnol {PLATE:es} et voiture luxembourgeoise {PLATE:lu} en stationnement gênant devant la halle.

Témoin de l'accrochage, un touriste belge, {NAME}, GSM {PHONE:be}, a pris des photos.

Touriste suisse, {NAME}, natel {PHONE:ch}, s'est fait voler son sac au marché aux fleurs vers 11h.

Le propriétaire du bateau amarré au quai depuis 2 mois, {NAME}, serait joignable en Espagne au {PHONE:es}.

Enfant perdu au parc, retrouvé à 16h10. Famille en visite : {NAME}, tél {PHONE:dz}.

Contact du fils au Maroc : {PHONE:ma}. La dame âgée, Mme {SURNAME}, ne parle pas bien français.

Courrier d'un riverain belge, {NAME}, {ADDRESS:bech}, contestant un PV reçu lors du marché de Noël.

La compagne de M. {SURNAME}, {NAME}, née le {DOB}, signale que le véhicule de son conjoint, immatriculé
{PLATE:de}, a été fracturé sur le parking relais.
"""

EN_TEXTS = r"""
Noise complaint from {NAME}, {ADDRESS}: party next door, bass thumping since 11pm. Call back on {PHONE}.

fly-tipping behind the co-op on station rd again, two mattresses and a fridge. caller didn't leave a name

PCSO {SURNAME} reports a group of approx 15 youths drinking at the Victoria Park bandstand, dispersed at 21:40.

Hi, my name is {NAME} and I live at {ADDRESS}. The streetlight outside my house has been out for two weeks
and my daughter walks home from work in the dark. Please can someone look at it.\nThanks, {FIRST}

Abandoned vehicle, reg {PLATE:uk}, silver hatchback parked on the verge of Hawthorn Lane since {DATE}. No tax, flat
tyres.

Intervention following a report of a fight outside the Crown & Anchor. {NAME}, DOB {DOB}, arrested for affray,
taken to custody. Victim {NAME} treated at scene by paramedics.

Graffiti on the underpass by the canal, offensive slogans, needs removal before school run. Reported by {NAME},
{EMAIL}.

The warden {NAME} found a dumped sofa and 6 black bags on Mill Lane near the allotments. Ticket {TICKET}.

Caller {NAME} ({PHONE}) says rats are coming up from the drains into her back garden at {ADDRESS}.

STREETLIGHT OUT ON KINGSLEY ROAD OPPOSITE THE BUS STOP, THIRD TIME THIS MONTH

Market trader {NAME} requests a refund for the cancelled Christmas market, sort code and account in IBAN form:
{IBAN}.

Protest outside the town hall, approx 300 people, peaceful, road closed between 12:00 and 14:30.

landlady mrs {SURNAME} says the tenants at {ADDRESS:uk} have been dumping rubbish in the alley for weeks

Dear Sir/Madam,\nI am writing to complain about the noise from the terrace of the bar on Church Street.
It goes on until 2am every weekend. I live directly above at {ADDRESS}.\nYours faithfully,\n{NAME}

Car parked across my driveway again, {PLATE}, third time this week. {NAME} {PHONE}

The steward {FIRST} reports crowd trouble at the away end after the match, 2 arrests, no injuries.

flooding on meadow lane after the storm, water knee deep, a car is stuck

DOB {DOB}. {NAME}, no fixed abode, found sleeping in the bandstand, referred to the outreach team.

Please can you send someone to clear the broken glass in the playground at Beech Grove, kids play there. Thanks

Report from {NAME} ({EMAIL}): teenagers setting off fireworks in the park after midnight.

Parking enforcement officer {NAME} issued PCN {TICKET} to vehicle {PLATE} for parking on double yellows.

Hey, it's {FIRST} from number 12, the dog next door has been barking all day, owner's away again

Intervention following a call from {NAME}: a man, later identified as {NAME} (D.O.B {DOB}), was shouting
abuse at shoppers outside the market hall. Given a Community Protection Warning.

Pothole on Wellington Road outside the school is about 30cm deep, a cyclist, {NAME}, came off this morning, contact
{PHONE}.

I paid my parking fine online with card {CARD} but got a reminder letter anyway. Reference {TICKET}. {NAME}

UNLICENSED STREET TRADER SELLING PHONE CASES ON THE HIGH STREET AGAIN, MOVED ON BY PCSO.

Landlord {NAME} of {ADDRESS} reports squatters in the empty flat downstairs. Contact on {PHONE} or {EMAIL}.

Abandoned shopping trolleys in the river by the footbridge, at least 5, environment team informed. Trolleys belong to
the store at {ADDRESS}.

b. {DOB}, {NAME} was found collapsed in the park toilets and taken to hospital. Next of kin: {NAME}, {PHONE}.

Neighbour dispute at {ADDRESS}: {NAME#1} alleges that {NAME#2} has been throwing rubbish over the fence.
Both parties spoken to by the mediation officer.

Can someone empty the bins at the rec? They've been overflowing since {DATE} and the foxes are everywhere.

Mr {SURNAME} called again about the pigeons under the railway bridge, he wants netting installed.

Request for a road closure for a street party on {DATE}. Organiser: {NAME}, {ADDRESS}, tel {PHONE}.

gang of lads on bikes doing wheelies on the pavement outside the library every afternoon

Warden {SURNAME} reports a needle found in the sandpit at Foxglove Gardens playground, area cordoned off.

Email from {EMAIL}: "Hi, the new bus shelter on Queens Road already has its glass smashed. Regards, {FIRST}"

Car on fire in the retail park car park, reg {PLATE}, fire service attended. Owner {NAME}, {PHONE}.

Hi there,\nI'm {NAME}, the manager of the café at {ADDRESS}. We'd like to put out 4 tables on the pavement
this summer. Company number is not French, but here is our French SIREN for the Lyon branch: {SIREN}.
\nCheers

Sewage smell near the playground, seems to come from a blocked drain. No name given.

Caller states her ex-partner {NAME} keeps parking his van {PLATE} outside her house at {ADDRESS} and watching.
Safeguarding referral made.

Dumped tyres (about 40) along the farm track off Carlton Lane. Possible trader, vehicle seen: {PLATE}.

THE GRAFFITI ON THE COMMUNITY CENTRE HAS BEEN THERE FOR A MONTH NOW. WHEN WILL IT BE CLEANED?

Street drinkers on the benches at Martin Luther King Jr Blvd and 5th, harassing people at the bus stop.

Lost property: wallet handed in at the park café containing a card in the name of {NAME} ({CARD}).

PCSO {NAME} and PCSO {NAME} attended reports of youths throwing stones at buses on route 42.

hi im {NAME} my address is {ADDRESS} and theres a massive hole in the road outside, my car got damaged

Fence panels blown into the road on Cromwell Crescent after the storm, partially blocking traffic. Panels came from
the garden of {ADDRESS}.

The landlady, Mrs {NAME}, says the pub garden noise complaint from {NAME} is "a vendetta".

Intervention following an anonymous call: cannabis smell and loud music from {ADDRESS}. Occupant {NAME},
DOB {DOB}, given a warning.

Rough sleeper tent pitched in the churchyard for 3 weeks, outreach team visited twice. Occupant gave his name as
{NAME}, born {DOB}.

Please contact me on {PHONE} regarding the fly-tipping I reported. Reference {TICKET}. {NAME}

Market inspector {SURNAME}: pitch 14 vacated early, pitch 22 trader {NAME} overrunning by 2 metres.

Caller {FIRST} says kids are climbing on the roof of the scout hut, worried they'll fall. Happened yesterday around
6pm.

Refund of deposit for the community hall booking: {NAME}, IBAN {IBAN}, amount {AMOUNT}.

{NAME} (born {DOB}) reported missing by her care home, last seen near the canal towpath at 15:30.

Rats seen running in and out of the bins behind the takeaway on Chapel Row. Environmental health informed. Owner
{NAME} spoken to, {PHONE}.

I would like to book the bandstand for a charity concert. Contact: {NAME}, {EMAIL}, mobile {PHONE}.

Broken streetlight and a fallen sign at the junction of Elm Road and Tennyson Avenue.

Officer {SURNAME} notes: vehicle {PLATE} found abandoned with doors open on Oakfield Drive, no keys, reported stolen.

The caretaker at Ashgrove Court, {FIRST}, says someone is living in the bin store.

Complaint from {NAME}, {ADDRESS}, about a food truck running its generator until midnight outside her window.

PROTEST AT THE ROUNDABOUT BY CLIMATE ACTIVISTS, TRAFFIC BACKED UP FOR 2 MILES, NO ARRESTS.

Hi,\nI want to report my neighbour {NAME} who keeps burning plastic in his garden. The smoke comes into our
house and my son has asthma.\n{NAME}\n{ADDRESS}\n{PHONE}

Graffiti tag "[[BIG MIKE|PERSON]]" sprayed on every shop shutter on the high street overnight.

Flooded basement at {ADDRESS}, council drain overflowing. Contact {FIRST} on {PHONE}.

The park ranger {NAME} reports that the lake fence has been cut and people are swimming despite the signs.

Shopkeeper {NAME} says the same group of teenagers is stealing from his shop daily. CCTV available.

Request for skip permit: {NAME}, {ADDRESS}, vehicle {PLATE}, from {DATE} for 2 weeks.

lots of dog mess on the path to the primary school, please put up signs or a bin

Anti-social behaviour report: {NAME} (DOB {DOB}) and {NAME} were seen spraying graffiti in the skate park.

Mr {NAME} says the council van {PLATE} reversed into his wall at {ADDRESS} and drove off.

Call from the head teacher at St Mary's, {NAME}: parents parking on zigzags again, 11 vehicles this morning.

To whom it may concern,\nMy card ({CARD}) was charged {AMOUNT} for a parking permit I never received.
Please refund it or send the permit to {ADDRESS}.\nKind regards,\n{NAME}

Fox cubs living under the portacabin in the park, staff asking whether to call wildlife rescue.

Bouncer at Club Neon, {FIRST}, reports a man with a knife in the queue, police called at 01:50.

{NAME} at {EMAIL} asks when the tennis courts in Beech Park will reopen.

Dumped van {PLATE}, burnt out, on the industrial estate. Keeper details requested from DVLA.

Our street has turned into a rat run, cars doing 50 mph past the school. Please install speed bumps.
Signed: residents of Larkspur Close (contact {NAME}, {EMAIL})

Intervention following a report of a domestic incident at {ADDRESS}. Victim {NAME}, DOB {DOB}. Suspect {NAME}
arrested. Children present, social services notified.

the bus shelter at the top of the hill has been smashed again, glass everywhere

{NAME}, {PHONE}, {EMAIL}: wants to volunteer for the park clean-up on Saturday.

Report from PCSO [[A. K.|PERSON]]: group of around 20 gathering at the war memorial most evenings, drinking.

Vehicle {PLATE} has been parked outside {ADDRESS} for 4 weeks, covered in leaves, one tyre flat.

Hi, the fountain in Albert Square is full of washing-up liquid foam again! Someone's idea of a joke.

Noise from the pub beer garden at The Swan — complaint made by {NAME} who lives opposite.


Dear Council,\nI am a resident of {ADDRESS:us} and I want to report a homeless encampment growing under the
overpass on Grand Ave. Please call me at {PHONE:us}.\n{NAME}

Block party permit request — organizer {NAME}, {ADDRESS:us}, cell {PHONE:us}, date {DATE}.

Officer {SURNAME} responded to a report of shots fired near Peachtree and 10th. Nobody injured, 3 casings found.

abandoned car on Maple Street, Texas plate {PLATE:us}, been there since before thanksgiving

Caller {NAME}, ph {PHONE:us}, reports a water main break flooding the intersection at Sunset and Riverside.

Complainant: {NAME}. Address: {ADDRESS:us}. Birthdate: {DOB}. Nature: ongoing noise from a neighbor's
rooftop parties. Advised to keep a log.

Street vendors blocking the sidewalk at Lakeshore Drive, patrons spilling into the bike lane. One vendor, {NAME},
showed a permit, van {PLATE:us}.

Hi, I'm {FIRST}, I run the taco truck (license plate {PLATE:us}). Your officer told me I can't park on Cedar Ave
anymore but I have a permit. Call me {PHONE:us}.

The sanitation crew supervisor, {NAME}, says a pile of construction debris was dumped overnight behind the rec center.

Intervention following a 911 call: fight between two men outside a liquor store. {NAME}, date of birth {DOB},
cited for disorderly conduct. Lives at {ADDRESS:us}.

raccoons in the trash again, whole alley covered. someone needs to fix the bin lids

Resident {NAME} ({EMAIL}) wants to know why the streetlights on Willow Creek Lane were turned off.

Graffiti on the Magnolia Street bridge, gang tags. Please remove ASAP. Ticket {TICKET}.

Report from {NAME}, {ADDRESS:us}, tel {PHONE:us}: her neighbor's dog attacked her cat in the yard.

Rally at City Hall plaza, about 500 people, permitted, ended peacefully at 6pm.

Tow request for {PLATE:us}, parked in a fire lane at the Hillcrest Mall for 3 days.

Please refund my parking ticket, I was charged twice on my card {CARD}. Name: {NAME}. Thanks

Flooded underpass on Riverside Blvd, a car stalled in the water, driver {NAME} got out safely, car {PLATE:us} towed.

Tenant {NAME} at {ADDRESS:us} says the landlord {NAME} has not fixed the broken stair light for 2 months.

homeless man sleeping in the atm vestibule every night, staff scared to open in the morning, says branch manager
{NAME}

The lifeguard at the municipal pool, {FIRST}, reported a fight between two families, police called.

DOB: {DOB} / Name: {NAME} / Phone: {PHONE} / Issue: loud music from the bar across the street

Hey, some guy called "[[Smokey|PERSON]]" keeps selling loose cigarettes outside the school gates.

Noise complaint, rooftop bar, ongoing since June. Complainant did not give name or number.

Deputy {NAME} served a trespass warning to {NAME} (DOB {DOB}) at the city park pavilion.

{NAME} - {ADDRESS} - {PHONE} - overgrown vacant lot next door, rats and snakes, needs mowing

Dear Sir/Madam,\nFurther to my call yesterday, I confirm that my car ({PLATE}) was damaged by a fallen
branch from a council tree on Marlborough Road. Photos attached. Please contact me at {EMAIL}.\n{NAME}

Mobile speed camera van requested outside the primary school on Victoria Road, residents' petition has 230
signatures. Petition lead: {NAME}, {ADDRESS}.

Lad called "[[Deano|PERSON]]" has been going round the estate trying car door handles, seen on CCTV at 3am.

THERE ARE TRAVELLERS CARAVANS ON THE PLAYING FIELD AGAIN, ABOUT 12, WHO DO I CALL?

Refund request from {NAME} for the cancelled farmers' market pitch. Bank: {IBAN}. Trader ref {TICKET}.

I've lived at {ADDRESS} for 30 years and I've never seen the estate this bad. Needles in the stairwell,
the lift broken, people sleeping on the landings. Something must be done.\n{NAME}, {PHONE}

CCTV operator reports a man urinating against the war memorial at 23:10, PCSO dispatched. Identified as {NAME}, DOB
{DOB}, issued FPN.

Mrs {SURNAME} phoned from {PHONE} to say the ice cream van plays its music at 9pm and wakes the kids.

Wheelie bins left on the pavement all week on Orchard Way, blocking wheelchairs and buggies.

Vehicle {PLATE} seized for no insurance, driver {NAME}, born {DOB}, reported for summons.

Just wanted to say thanks to the park team, the new flower beds look amazing!

hi, the man at number 40 is feeding the seagulls again and they're attacking people. {FIRST}

Irish reg {PLATE:ie} abandoned on Beech Grove, keys in the ignition, reported to the Gardaí via liaison.

Welfare check requested for {NAME}, {ADDRESS}, elderly, not seen for 5 days, mail piling up. Caller: {NAME}, {PHONE}.

Broken paving slabs outside the post office, an elderly lady tripped yesterday. Her son {NAME} called, {PHONE}.

Street party organiser {NAME} asks for road closure signs. Email {EMAIL}, mob {PHONE}.

Intervention following a report of a large gathering at the skate park: around 60 young people, music,
nitrous oxide canisters. Dispersed at 22:50. No names taken.

The dog warden {NAME} seized a stray Staffie near the canal, microchip registered to {NAME} of {ADDRESS}.

Can the council please cut back the hedge on the footpath to the station, you can't get a pushchair through.

Permit holder {NAME} reports that vehicle {PLATE} without a permit has been in bay 17 for a week.

I found this on the bench: a bank card {CARD} and a library card. I've left them at the café.

Complaint regarding the bonfire on the allotments at {TIME} yesterday. Plot holder: {NAME}.

ALL THE LIGHTS ARE OUT IN THE UNDERGROUND CAR PARK, LEVEL -2, WOMEN DON'T FEEL SAFE

Attached is my invoice for the graffiti removal at the library. Please pay to {IBAN:gb}. {NAME}, sole trader,
{EMAIL}

Resident's message: "{FIRST} here from flat 6, the communal door's been propped open all week and there are
strangers in the stairwell." Call back: {PHONE}.

Grass cutting missed on our estate for 2 months, it's knee high. Loads of ticks.

Incident report: steward {NAME} ejected {NAME} (DOB {DOB}) from the fan zone for throwing bottles.

{NAME}, born in {DOBY}, has been begging aggressively at the cash machine on Queens Road, referred to outreach.

Sinkhole forming on Station Road near the bus stop, cones placed, highways informed.

Complaint from {NAME} about a neighbour's CCTV camera pointing into her bedroom window at {ADDRESS}.

PCSO log: {DATE} {TIME}, bus 86 driver assaulted at the terminus, suspect fled towards the park.

Can I get a disabled parking bay outside my house? I'm {NAME}, {ADDRESS}, blue badge holder. Tel {PHONE}.

Swans' nest on the riverbank has been vandalised, eggs smashed. Very upsetting for the local kids.

The Scottish Power van {PLATE:uk} has been left with its engine running outside the school for an hour.

Please ask {NAME} (the guy who runs the car wash) to stop washing cars on the pavement, soapy water everywhere.

Message left by {NAME} at {TIME}: her car {PLATE} was clamped in the retail park even though she'd paid.
Ring her back on {PHONE}.

Lots of broken bottles on the beach near the pier after last night's party.

Penalty charge paid by card {CARD}. Payer {NAME#1}, {EMAIL#1}. Please send the receipt.

Please refund {AMOUNT} to my account {IBAN:gb}. {NAME}, {ADDRESS:uk}

French visitor {NAME} (DOB {DOB}), French social security number {NIR}, treated after a fall in the park.

Supplier invoice for festival barriers, French company SIRET {SIRET}, please pay to {IBAN}. Contact {EMAIL}.

Two emails received, from {EMAIL} and {EMAIL}, both complaining about the fairground music.

The card {CARD} used to pay for a market pitch was reported stolen by its holder, {NAME}.

Registered keeper: {NAME}, {ADDRESS}, DOB {DOB}. Vehicle {PLATE} blocking the bus lane since 7am.

Dear team, my birthdate is {DOB} and my email is {EMAIL}; I still haven't received my resident parking permit
for {ADDRESS}. {NAME}

Caller read out her card number {CARD} over the phone to pay a fine; advised not to do this. Caller {NAME}, {PHONE}.

Dutch camper van {PLATE:nl} and a German car {PLATE:de} parked overnight in the beach car park, against byelaws.

Belgian-registered van {PLATE:be} dumping rubble on the verge, seen by {NAME} from his kitchen window.

German cyclist {NAME}, mobile {PHONE:de}, hit by a car door on Victoria Road, minor injuries.

Italian student {NAME}, cell {PHONE:it}, reports her bike stolen from the station racks.
"""

if __name__ == "__main__":
    sys.exit(main())
