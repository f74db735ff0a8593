"""Build the seventh development corpus of the free-text scrubber (pii_corpus_dev7.jsonl), first held out.

Written independently of the scrubber and of every other corpus of the project: templates, name lists,
street lists and identifier generators below are all hand-written here. Rerunning writes the same file.

    python tests/data/dev7/make_corpus.py
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from collections import Counter
from pathlib import Path

SEED = 4127
TARGET = {"fr": 270, "en": 180}
OUT = Path(__file__).resolve().parent / "pii_corpus_dev7.jsonl"
TYPES = ("PERSON", "DATE_OF_BIRTH", "ADDRESS", "PHONE", "EMAIL", "NIR", "IBAN", "SIRET", "SIREN", "CARD", "PLATE")

# ---------------------------------------------------------------------------------------------------------------
# checksums
# ---------------------------------------------------------------------------------------------------------------


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_complete(partial: str) -> str:
    for c in "0123456789":
        if luhn_ok(partial + c):
            return partial + c
    raise AssertionError(partial)


def nir_key(body: str) -> int:
    return 97 - int(body.upper().replace("2A", "19").replace("2B", "18")) % 97


def nir_ok(text: str) -> bool:
    s = re.sub(r"[\s.\-]", "", text).upper()
    if not re.fullmatch(r"[12]\d{4}(\d{2}|2A|2B)\d{8}", s):
        return False
    return int(s[13:]) == nir_key(s[:13])


def iban_ok(text: str) -> bool:
    s = text.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", s):
        return False
    return int("".join(str(int(c, 36)) for c in s[4:] + s[:4])) % 97 == 1


def iban_digits(country: str, bban: str) -> str:
    num = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{98 - int(num) % 97:02d}"


def fr_rib_key(bank: str, branch: str, account: str) -> str:
    return f"{97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97:02d}"


def digits_of(text: str) -> str:
    return re.sub(r"\D", "", text)


def checksum_ok(kind: str, text: str) -> bool:
    d = digits_of(text)
    if kind == "NIR":
        return nir_ok(text)
    if kind == "IBAN":
        return iban_ok(text)
    if kind == "SIREN":
        return len(d) == 9 and luhn_ok(d)
    if kind == "SIRET":
        return len(d) == 14 and luhn_ok(d)
    if kind == "CARD":
        return 13 <= len(d) <= 19 and luhn_ok(d)
    return True


# ---------------------------------------------------------------------------------------------------------------
# numbers in words
# ---------------------------------------------------------------------------------------------------------------

FR_UNITS = (
    "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize dix-sept dix-huit dix-neuf"
).split()
FR_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante", 7: "septante", 8: "huitante", 9: "nonante"}
FR_MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
EN_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen"
).split()
EN_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}
EN_MONTHS = "January February March April May June July August September October November December".split()
EN_ORD_UNITS = (
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()


def fr_num(n: int, variant: str = "fr") -> str:
    if n < 20:
        return FR_UNITS[n]
    t, u = divmod(n, 10)
    regional = (variant in ("be", "ch") and t in (7, 9)) or (variant == "ch" and t == 8)
    if t <= 6 or regional:
        base = FR_TENS[t]
        if u == 0:
            return base
        return f"{base} et un" if u == 1 else f"{base}-{FR_UNITS[u]}"
    if t == 7:
        return "soixante et onze" if n == 71 else "soixante-" + FR_UNITS[n - 60]
    if n == 80:
        return "quatre-vingts"
    return "quatre-vingt-" + FR_UNITS[n - 80]


def fr_year(y: int, rng: random.Random) -> str:
    if y >= 2000:
        return "deux mille" + ("" if y == 2000 else " " + fr_num(y - 2000))
    return rng.choice(["mille neuf cent ", "dix-neuf cent "]) + fr_num(y - 1900)


def en_num(n: int, sep: str = "-") -> str:
    if n < 20:
        return EN_UNITS[n]
    t, u = divmod(n, 10)
    return EN_TENS[t] + ("" if u == 0 else sep + EN_UNITS[u])


def en_ord(n: int) -> str:
    if n < 20:
        return EN_ORD_UNITS[n]
    t, u = divmod(n, 10)
    if u == 0:
        return EN_TENS[t][:-1] + "ieth"
    return EN_TENS[t] + "-" + EN_ORD_UNITS[u]


def en_year(y: int, rng: random.Random) -> str:
    if y >= 2000:
        if y >= 2010 and rng.random() < 0.5:
            return "twenty " + en_num(y - 2000)
        return "two thousand" + ("" if y == 2000 else rng.choice([" and ", " "]) + en_num(y - 2000))
    r = y - 1900
    return "nineteen " + (en_num(r, rng.choice(["-", " "])) if r >= 10 else "oh " + EN_UNITS[r])


def en_digits_spoken(digits: str, rng: random.Random) -> str:
    words, i = [], 0
    zero = rng.choice(["oh", "zero", "oh"])
    name = {str(k): EN_UNITS[k] for k in range(10)}
    name["0"] = zero
    while i < len(digits):
        if i + 1 < len(digits) and digits[i] == digits[i + 1] and rng.random() < 0.6:
            words.append(rng.choice(["double ", "double-"]) + name[digits[i]])
            i += 2
        else:
            words.append(name[digits[i]])
            i += 1
    return " ".join(words)


def fr_group_spoken(g: str, variant: str) -> str:
    if len(g) == 1:
        return FR_UNITS[int(g)]
    if len(g) == 2:
        return ("zéro " + FR_UNITS[int(g[1])]) if g[0] == "0" else fr_num(int(g), variant)
    if len(g) == 3:
        h, rest = int(g[0]), int(g[1:])
        head = "zéro" if h == 0 else ("cent" if h == 1 else FR_UNITS[h] + " cent")
        if h == 0:
            return head + " " + fr_group_spoken(g[1:], variant)
        return head + ("" if rest == 0 else " " + fr_num(rest, variant))
    return " ".join(FR_UNITS[int(c)] for c in g)


# ---------------------------------------------------------------------------------------------------------------
# hand-written lists
# ---------------------------------------------------------------------------------------------------------------

FIRST_FR = [
    ("Marie", "f"),
    ("Léa", "f"),
    ("Camille", "f"),
    ("Inès", "f"),
    ("Manon", "f"),
    ("Nadia", "f"),
    ("Fatima", "f"),
    ("Aïcha", "f"),
    ("Yasmine", "f"),
    ("Anne-Sophie", "f"),
    ("Marie-Claude", "f"),
    ("Geneviève", "f"),
    ("Sylvie", "f"),
    ("Océane", "f"),
    ("Maëlle", "f"),
    ("Rose", "f"),
    ("Jeanne", "f"),
    ("Fatoumata", "f"),
    ("Aminata", "f"),
    ("Thi Lan", "f"),
    ("Mei", "f"),
    ("Agnieszka", "f"),
    ("Elif", "f"),
    ("Joana", "f"),
    ("Giulia", "f"),
    ("Svetlana", "f"),
    ("Salomé", "f"),
    ("Lieve", "f"),
    ("Maude", "f"),
    ("Mélissa", "f"),
    ("Victoire", "f"),
    ("Nour", "f"),
    ("Chantal", "f"),
    ("Solène", "f"),
    ("Jean", "m"),
    ("Jean-Baptiste", "m"),
    ("Pierre", "m"),
    ("Luc", "m"),
    ("Kevin", "m"),
    ("Dylan", "m"),
    ("Mohamed", "m"),
    ("Karim", "m"),
    ("Youssef", "m"),
    ("Mehdi", "m"),
    ("Rachid", "m"),
    ("Bilal", "m"),
    ("Moussa", "m"),
    ("Mamadou", "m"),
    ("Ousmane", "m"),
    ("Minh", "m"),
    ("Hao", "m"),
    ("Piotr", "m"),
    ("Mehmet", "m"),
    ("João", "m"),
    ("Tiago", "m"),
    ("Mateo", "m"),
    ("Luca", "m"),
    ("Dmitri", "m"),
    ("Gaëtan", "m"),
    ("Jean-François", "m"),
    ("Réjean", "m"),
    ("Guy", "m"),
    ("Mathis", "m"),
    ("Noé", "m"),
    ("Wim", "m"),
    ("Urs", "m"),
    ("Olivier", "m"),
    ("Thibault", "m"),
    ("Loïc", "m"),
    ("Sébastien", "m"),
    ("Yannick", "m"),
    ("Amadou", "m"),
]
FIRST_EN = [
    ("Sinéad", "f"),
    ("Aoife", "f"),
    ("Siobhan", "f"),
    ("Niamh", "f"),
    ("Grace", "f"),
    ("Hope", "f"),
    ("Olive", "f"),
    ("May", "f"),
    ("Emily", "f"),
    ("Jessica", "f"),
    ("Ashley", "f"),
    ("Keisha", "f"),
    ("Latoya", "f"),
    ("Maria", "f"),
    ("Rachel", "f"),
    ("Miriam", "f"),
    ("Priya", "f"),
    ("Ananya", "f"),
    ("Ngozi", "f"),
    ("Chloe", "f"),
    ("Hannah", "f"),
    ("Lucía", "f"),
    ("Carmen", "f"),
    ("Zainab", "f"),
    ("Bridget", "f"),
    ("Dawn", "f"),
    ("Summer", "f"),
    ("Xiaoling", "f"),
    ("Sean", "m"),
    ("Cian", "m"),
    ("Pádraig", "m"),
    ("Declan", "m"),
    ("Oisín", "m"),
    ("Liam", "m"),
    ("Jack", "m"),
    ("Tom", "m"),
    ("Harry", "m"),
    ("Ollie", "m"),
    ("Darnell", "m"),
    ("DeShawn", "m"),
    ("Tyrone", "m"),
    ("Jamal", "m"),
    ("Carlos", "m"),
    ("José", "m"),
    ("Miguel", "m"),
    ("David", "m"),
    ("Rahul", "m"),
    ("Arjun", "m"),
    ("Sanjay", "m"),
    ("Kwame", "m"),
    ("Chinedu", "m"),
    ("Wei", "m"),
    ("Jun", "m"),
    ("Tomasz", "m"),
    ("Emre", "m"),
    ("Matthew", "m"),
    ("Brian", "m"),
    ("Christopher", "m"),
    ("Bill", "m"),
    ("Rob", "m"),
    ("Will", "m"),
    ("Mark", "m"),
    ("Gary", "m"),
]
LAST_FR = [
    "Martin",
    "Dubois",
    "Lefèvre",
    "Moreau",
    "Petit",
    "Lebrun",
    "Boulanger",
    "Roux",
    "Fontaine",
    "Le Goff",
    "Le Bihan",
    "Nguyen",
    "Tran",
    "Pham",
    "Benali",
    "Benaïssa",
    "El Idrissi",
    "Ben Salah",
    "Bouzid",
    "Haddad",
    "Khelifi",
    "Diallo",
    "Traoré",
    "Coulibaly",
    "Diop",
    "Ndiaye",
    "Da Silva",
    "dos Santos",
    "Ferreira",
    "Pereira",
    "Rossi",
    "Di Stefano",
    "Kowalski",
    "Nowak",
    "Demir",
    "Öztürk",
    "Ivanov",
    "Cohen",
    "Lévy",
    "Van den Broeck",
    "Peeters",
    "Janssens",
    "De Smet",
    "Müller",
    "von Allmen",
    "Favre",
    "Rochat",
    "Tremblay",
    "Gagnon",
    "Côté",
    "Bouchard",
    "Lavoie",
    "Bergeron",
    "de la Fontaine",
    "d'Almeida",
    "Martin-Lefèvre",
    "Legrand",
    "Lenoir",
    "Pierre",
    "Toussaint",
    "Jean-Louis",
    "Charles",
    "Mercier",
    "Garnier",
    "Chevalier",
    "Faure",
    "Kaya",
    "Mbappé",
    "Okafor",
    "Vasseur",
]
LAST_EN = [
    "O'Brien",
    "O'Sullivan",
    "Murphy",
    "Kelly",
    "McCarthy",
    "Mac Giolla",
    "Smith",
    "Jones",
    "Brown",
    "Black",
    "Wood",
    "Baker",
    "Page",
    "Patel",
    "Shah",
    "Singh",
    "Khan",
    "Okonkwo",
    "Adeyemi",
    "Mensah",
    "Washington",
    "Jackson",
    "Johnson",
    "Rodríguez",
    "Hernández",
    "García",
    "Kim",
    "Park",
    "Chen",
    "Wang",
    "Nowak",
    "Kowalczyk",
    "Walsh",
    "Byrne",
    "Doyle",
    "MacLeod",
    "Campbell",
    "Fitzgerald",
    "Van Buren",
    "St. John",
    "Price",
    "Hughes",
    "Evans",
    "Ahmed",
    "Hussain",
    "Nakamura",
    "Russo",
    "Greenberg",
    "Thompson",
    "Little",
    "Young",
    "Cruz",
    "Morales",
]
NICK = {
    "fr": {
        "m": ["Momo", "Jojo", "Nono", "Titi", "Bébert", "Zizou", "Dédé", "le Chinois", "Le Rouquin"],
        "f": ["Lulu", "Loulou", "Mimi", "Fifi", "Nana"],
    },
    "en": {
        "m": ["Big Mike", "Mikey", "Jonno", "Gazza", "Tiny", "Red", "Shorty", "Deco"],
        "f": ["Bunny", "Kiki", "Dee Dee", "Sasha"],
    },
}

ADDR = {
    "fr": {
        "streets": [
            "rue des Lilas",
            "rue de la République",
            "avenue Jean-Jaurès",
            "boulevard de Belleville",
            "rue du Faubourg-Saint-Denis",
            "impasse des Tilleuls",
            "allée des Peupliers",
            "rue Paul-Bert",
            "quai de la Fosse",
            "rue Sainte-Catherine",
            "cours Lafayette",
            "rue de Brest",
            "chemin des Vignes",
            "avenue de la Libération",
            "rue Émile-Zola",
            "rue du Moulin",
            "place des Halles",
            "rue Lamartine",
            "rue Marcadet",
            "avenue du Général-Leclerc",
        ],
        "cities": [
            ("75011", "Paris"),
            ("75018", "Paris"),
            ("69003", "Lyon"),
            ("13003", "Marseille"),
            ("59000", "Lille"),
            ("31500", "Toulouse"),
            ("44000", "Nantes"),
            ("33800", "Bordeaux"),
            ("67000", "Strasbourg"),
            ("35000", "Rennes"),
            ("34070", "Montpellier"),
            ("06300", "Nice"),
            ("93200", "Saint-Denis"),
            ("38100", "Grenoble"),
            ("76000", "Rouen"),
            ("20090", "Ajaccio"),
            ("97200", "Fort-de-France"),
            ("97490", "Sainte-Clotilde"),
        ],
    },
    "be": {
        "streets": [
            "rue de la Loi",
            "chaussée d'Ixelles",
            "avenue Louise",
            "rue Haute",
            "rue de Mérode",
            "boulevard d'Avroy",
            "rue des Guillemins",
            "chaussée de Haecht",
            "rue de Fer",
        ],
        "streets_nl": ["Kerkstraat", "Stationsstraat", "Nieuwstraat", "Turnhoutsebaan", "Sint-Pietersnieuwstraat"],
        "cities": [
            ("1000", "Bruxelles"),
            ("1050", "Ixelles"),
            ("1030", "Schaerbeek"),
            ("1080", "Molenbeek-Saint-Jean"),
            ("4000", "Liège"),
            ("6000", "Charleroi"),
            ("5000", "Namur"),
            ("1348", "Louvain-la-Neuve"),
        ],
        "cities_nl": [("2000", "Antwerpen"), ("9000", "Gent"), ("3000", "Leuven")],
    },
    "ch": {
        "streets": [
            "rue du Rhône",
            "boulevard Carl-Vogt",
            "rue de Lausanne",
            "avenue de France",
            "rue de Bourg",
            "Grand-Rue",
            "rue des Alpes",
            "route de Chêne",
            "avenue d'Échallens",
        ],
        "cities": [
            ("1204", "Genève"),
            ("1205", "Genève"),
            ("1003", "Lausanne"),
            ("1004", "Lausanne"),
            ("2000", "Neuchâtel"),
            ("1700", "Fribourg"),
            ("1950", "Sion"),
            ("1400", "Yverdon-les-Bains"),
        ],
    },
    "qc": {
        "streets": [
            "rue Saint-Denis",
            "boulevard Saint-Laurent",
            "avenue du Mont-Royal Est",
            "rue Ontario Est",
            "rue Sherbrooke Ouest",
            "chemin Sainte-Foy",
            "boulevard René-Lévesque Ouest",
            "rue Wellington",
            "3e Avenue",
        ],
        "streets_en": [
            "Park Avenue",
            "Sherbrooke Street West",
            "Saint-Laurent Boulevard",
            "Decarie Boulevard",
            "Wellington Street",
        ],
        "cities": [
            ("Montréal", "H2X 1Y4"),
            ("Montréal", "H1W 3K8"),
            ("Québec", "G1R 4P5"),
            ("Laval", "H7N 2K3"),
            ("Gatineau", "J8X 3X7"),
            ("Sherbrooke", "J1H 1Z1"),
            ("Verdun", "H4G 1T9"),
        ],
    },
    "uk": {
        "streets": [
            "Cathcart Road",
            "Mare Street",
            "Wilmslow Road",
            "Hyde Park Road",
            "Stapleton Road",
            "Ladypool Road",
            "Albany Road",
            "Leith Walk",
            "Lodge Lane",
            "Ormeau Road",
            "Queen's Road",
            "Chapel Street",
            "Elm Grove",
        ],
        "cities": [
            ("London", "E8 3PN"),
            ("Manchester", "M14 5TQ"),
            ("Leeds", "LS6 2AB"),
            ("Glasgow", "G42 8QQ"),
            ("Bristol", "BS5 6XX"),
            ("Birmingham", "B12 9QR"),
            ("Cardiff", "CF24 4HQ"),
            ("Edinburgh", "EH6 5AB"),
            ("Liverpool", "L8 1YZ"),
            ("Belfast", "BT7 1NN"),
        ],
    },
    "ie": {
        "streets": [
            "Main Street",
            "Dorset Street Upper",
            "Thomas Street",
            "Shandon Street",
            "Dominick Street",
            "O'Connell Avenue",
            "Barrack Street",
            "Manor Street",
            "Church Road",
        ],
        "cities": [
            ("Dublin 8", "D08 T6X4"),
            ("Dublin 1", "D01 K2P5"),
            ("Cork", "T23 X7K2"),
            ("Galway", "H91 E2K3"),
            ("Limerick", "V94 T9PX"),
            ("Waterford", "X91 F8A2"),
            ("Ennis, Co. Clare", "V95 D6K1"),
        ],
    },
    "us": {
        "streets": [
            "Maple Avenue",
            "Dorchester Ave",
            "N Clark St",
            "Nostrand Avenue",
            "Baltimore Ave",
            "Telegraph Ave",
            "E Pike St",
            "St. Claude Ave",
            "Lake Street",
            "Greenmount Ave",
            "E Cesar Chavez St",
            "Elm Street",
        ],
        "cities": [
            ("Boston", "MA", "02125"),
            ("Chicago", "IL", "60614"),
            ("Brooklyn", "NY", "11216"),
            ("Philadelphia", "PA", "19143"),
            ("Oakland", "CA", "94609"),
            ("Seattle", "WA", "98122"),
            ("New Orleans", "LA", "70117"),
            ("Minneapolis", "MN", "55408"),
            ("Baltimore", "MD", "21218"),
            ("Austin", "TX", "78702"),
        ],
    },
}

DECOY = {
    "street": {
        "fr": [
            "rue Oberkampf",
            "boulevard Voltaire",
            "rue de la Roquette",
            "avenue Foch",
            "rue Victor-Hugo",
            "cours Julien",
            "rue Mouffetard",
            "quai de Jemmapes",
            "rue Jean-Moulin",
            "avenue Gambetta",
        ],
        "be": ["rue Neuve", "chaussée de Wavre", "rue Royale", "boulevard Anspach"],
        "ch": ["rue de Carouge", "avenue de la Gare", "rue du Simplon"],
        "qc": ["rue Sainte-Catherine", "avenue du Parc", "rue Jean-Talon", "boulevard Pie-IX"],
        "uk": ["Brick Lane", "Oxford Road", "Sauchiehall Street", "Kingsland Road", "Gloucester Road"],
        "ie": ["Grafton Street", "Capel Street", "Patrick Street", "Shop Street"],
        "us": ["Halsted Street", "Mass Ave", "Bourbon Street", "Martin Luther King Jr. Way", "Flatbush Avenue"],
    },
    "place": {
        "fr": [
            "le parc Georges-Brassens",
            "la place Jean-Jaurès",
            "le square Louise-Michel",
            "le jardin Rosa-Parks",
            "la place Flagey",
            "le parc Jean-Drapeau",
            "la place de la Nation",
            "le square Ambiorix",
            "la plaine de Plainpalais",
            "le parc La Fontaine",
            "la place Charles-de-Gaulle",
            "le stade Pierre-de-Coubertin",
        ],
        "en": [
            "Victoria Park",
            "Lincoln Park",
            "St Stephen's Green",
            "Clapham Common",
            "the Meadows",
            "Prospect Park",
            "Harriet Tubman Square",
            "Kelvingrove Park",
            "Frederick Douglass Park",
            "Phoenix Park",
            "King George V Park",
        ],
    },
    "org": {
        "fr": [
            "la mairie",
            "la RATP",
            "Veolia",
            "Bruxelles-Propreté",
            "la STIB",
            "la STM",
            "Hydro-Québec",
            "les TPG",
            "Paris Habitat",
            "Keolis",
            "Enedis",
            "Lyon Métropole Habitat",
            "le bailleur",
            "la police municipale",
        ],
        "en": [
            "the council",
            "Transport for London",
            "Dublin City Council",
            "Con Edison",
            "Network Rail",
            "Thames Water",
            "the MTA",
            "Irish Water",
            "the housing association",
            "Public Works",
            "Glasgow City Council",
        ],
    },
    "bus": {
        "fr": ["bus 38", "la ligne 91", "tram T3", "bus 96", "métro ligne 2", "la ligne 71", "bus 54", "tram 81"],
        "en": ["the 46A", "bus 73", "route 39", "the Red Line", "the N29", "the 14", "the number 9 bus"],
    },
    "time": {
        "fr": ["21h10", "23h", "vers 2h du matin", "minuit et demi", "22 h 30", "1h45", "vers 4h", "20h15"],
        "en": ["9:45 pm", "11.30pm", "around 2am", "half past midnight", "10 pm", "4:15 am", "about 1am"],
    },
    "when": {
        "fr": [
            "hier soir",
            "samedi dernier",
            "le 14 juin",
            "dimanche 3",
            "cette nuit",
            "le 2 mars",
            "lundi",
            "le week-end dernier",
        ],
        "en": ["last night", "on Saturday", "on June 14th", "since Monday", "on the 3rd", "last Friday", "over the weekend"],
    },
    "district": {
        "fr": [
            "secteur Nord",
            "quartier des Moulins",
            "secteur 3",
            "QPV Bel-Air",
            "centre-ville",
            "secteur Gare",
            "Croix-Rousse",
        ],
        "en": ["Ward 6", "Zone B", "North beat", "Area 3", "Town Centre", "East sector", "Beat 12"],
    },
    "school": {
        "fr": ["école Jules-Ferry", "école maternelle Louise-Michel", "école élémentaire Anatole-France", "école Simone-Veil"]
    },
}

EMAIL_DOMAINS = {
    "fr": ["gmail.com", "hotmail.fr", "orange.fr", "free.fr", "laposte.net", "yahoo.fr", "sfr.fr", "outlook.fr", "wanadoo.fr"],
    "be": ["skynet.be", "telenet.be", "gmail.com", "hotmail.be", "proximus.be"],
    "ch": ["bluewin.ch", "gmail.com", "hispeed.ch", "sunrise.ch"],
    "qc": ["videotron.ca", "hotmail.com", "gmail.com", "bell.net", "sympatico.ca"],
    "uk": ["btinternet.com", "gmail.com", "hotmail.co.uk", "yahoo.co.uk", "outlook.com"],
    "ie": ["eircom.net", "gmail.com", "hotmail.com", "icloud.com"],
    "us": ["gmail.com", "yahoo.com", "aol.com", "comcast.net", "icloud.com", "proton.me"],
}
COUNTRY_WEIGHTS = {"fr": (["fr", "be", "ch", "qc"], [55, 18, 15, 12]), "en": (["uk", "us", "ie", "qc"], [35, 35, 22, 8])}


def ascii_fold(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


# ---------------------------------------------------------------------------------------------------------------
# identifier generators
# ---------------------------------------------------------------------------------------------------------------


class Gen:
    def __init__(self, rng: random.Random, lang: str, country: str, source: str):
        self.rng, self.lang, self.country, self.source = rng, lang, country, source
        self.people: dict[str, dict[str, str]] = {}

    # -- persons ---------------------------------------------------------------------------------------------
    def person(self, key: str) -> dict[str, str]:
        if key in self.people:
            return self.people[key]
        rng = self.rng
        lang = self.lang if rng.random() < 0.75 else ("en" if self.lang == "fr" else "fr")
        firsts = FIRST_FR if lang == "fr" else FIRST_EN
        lasts = LAST_FR if lang == "fr" else LAST_EN
        want = {"f": "f", "m": "m"}.get(key[0])
        used = {p["first"] for p in self.people.values()} | {p["last"] for p in self.people.values()}
        while True:
            first, g = rng.choice(firsts)
            last = rng.choice(lasts)
            if (want is None or g == want) and first not in used and last not in used and first != last:
                break
        nicks = [n for n in NICK[self.lang][g] if n not in {p["nick"] for p in self.people.values()}]
        person = {"first": first, "last": last, "g": g, "nick": rng.choice(nicks)}
        self.people[key] = person
        return person

    def initials(self, p: dict[str, str]) -> str:
        rng = self.rng
        first, last = p["first"], p["last"]
        fi = "-".join(part[0] + "." for part in re.split(r"[- ]", first))
        li = "".join(ch for ch in last if ch.isupper())[:2] or last[0].upper()
        forms = [f"{fi} {last}", f"{fi}{li[0]}.", f"{fi[0]}{li[0]}", f"{first} {li[0]}."]
        if self.lang == "fr" and first.startswith("M"):
            forms = forms[1:]
        return rng.choice(forms)

    def spelled(self, p: dict[str, str]) -> str:
        letters = [c for c in ascii_fold(p["last"]) if c.isalpha()]
        style = self.rng.randrange(3)
        if style == 0:
            return " ".join(c.lower() for c in letters)
        if style == 1:
            return "-".join(c.upper() for c in letters)
        return ". ".join(c.upper() for c in letters)

    def email_local(self, p: dict[str, str]) -> str:
        rng = self.rng
        f = re.sub(r"[^a-z]", "", ascii_fold(p["first"]).lower())
        last = re.sub(r"[^a-z]", "", ascii_fold(p["last"]).lower())
        return rng.choice(
            [
                f"{f}.{last}",
                f"{f}{last}",
                f"{f[0]}.{last}",
                f"{f}_{last}{rng.randint(60, 99)}",
                f"{last}.{f}",
                f"{f}-{last}",
                f"{f}{rng.randint(1, 999)}",
                f"{f[0]}{last}{rng.randint(1, 9)}",
            ]
        )

    def email(self, p: dict[str, str], style: str) -> str:
        rng = self.rng
        local = self.email_local(p)
        domain = rng.choice(EMAIL_DOMAINS[self.country])
        if style == "plain":
            return rng.choice([f"{local}@{domain}", f"{local}@{domain}", f"{local.capitalize()}@{domain}"])
        name, _, tld = domain.rpartition(".")
        if style == "spoken":
            if self.lang == "fr":
                return f"{local.replace('.', ' point ')} arobase {name.replace('.', ' point ')} point {tld}"
            return f"{local.replace('.', ' dot ')} at {name.replace('.', ' dot ')} dot {tld}"
        return rng.choice(
            [
                f"{local} (at) {name} (dot) {tld}",
                f"{local}[at]{domain}",
                f"{local} AT {name} DOT {tld}",
                f"{local} @ {domain}",
                f"{local} [arobase] {domain}" if self.lang == "fr" else f"{local} {{at}} {domain}",
                f"{local}(a){domain}",
            ]
        ).replace("{at}", "at")

    # -- phones ------------------------------------------------------------------------------------------------
    def phone_digits(self, c: str) -> tuple[str, list[str]]:
        """National significant digits and the usual national grouping."""
        rng = self.rng
        r = lambda k: "".join(str(rng.randrange(10)) for _ in range(k))  # noqa: E731
        if c == "fr":
            head = rng.choice(["06", "07", "06", "01", "04", "09", "05"])
            nat = head + r(8)
            return nat, [nat[i : i + 2] for i in range(0, 10, 2)]
        if c == "be":
            if rng.random() < 0.7:
                nat = "04" + rng.choice(["70", "75", "77", "84", "86", "96"]) + r(6)
                return nat, [nat[:4], nat[4:6], nat[6:8], nat[8:]]
            nat = "02" + r(7)
            return nat, [nat[:2], nat[2:5], nat[5:7], nat[7:]]
        if c == "ch":
            nat = rng.choice(["079", "078", "076", "022", "021"]) + r(7)
            return nat, [nat[:3], nat[3:6], nat[6:8], nat[8:]]
        if c in ("qc", "us"):
            areas = (
                ["514", "438", "418", "581", "819", "450"]
                if c == "qc"
                else ["617", "212", "312", "415", "206", "504", "612", "410", "718"]
            )
            nat = rng.choice(areas) + str(rng.randint(2, 9)) + r(6)
            return nat, [nat[:3], nat[3:6], nat[6:]]
        if c == "uk":
            kind = rng.randrange(3)
            if kind == 0:
                nat = "07" + rng.choice(["700", "911", "456", "832", "984"]) + r(6)
                return nat, [nat[:5], nat[5:]]
            if kind == 1:
                nat = "020" + rng.choice(["7", "8", "3"]) + r(7)
                return nat, [nat[:3], nat[3:7], nat[7:]]
            nat = rng.choice(["0161", "0113", "0141", "0117", "0121"]) + r(7)
            return nat, [nat[:4], nat[4:7], nat[7:]]
        if c == "ie":
            if rng.random() < 0.7:
                nat = "08" + rng.choice("35679") + r(7)
                return nat, [nat[:3], nat[3:6], nat[6:]]
            nat = "01" + r(7)
            return nat, [nat[:2], nat[2:5], nat[5:]]
        raise ValueError(c)

    def phone(self, c: str) -> str:
        rng = self.rng
        nat, groups = self.phone_digits(c)
        cc = {"fr": "33", "be": "32", "ch": "41", "qc": "1", "us": "1", "uk": "44", "ie": "353"}[c]
        if c in ("qc", "us"):
            return rng.choice(
                [
                    f"({groups[0]}) {groups[1]}-{groups[2]}",
                    "-".join(groups),
                    ".".join(groups),
                    f"{groups[0]} {groups[1]}-{groups[2]}",
                    f"+1 {groups[0]} {groups[1]} {groups[2]}",
                    f"1-{'-'.join(groups)}",
                    f"+1 ({groups[0]}) {groups[1]}-{groups[2]}",
                    nat,
                ]
            )
        intl_groups = [groups[0][1:]] + groups[1:]
        if c == "fr":
            intl_groups = [nat[1]] + [nat[i : i + 2] for i in range(2, 10, 2)]
        style = rng.randrange(10)
        if style <= 2:
            return " ".join(groups)
        if style == 3:
            return nat
        if style == 4:
            return (".".join(groups)) if c in ("fr", "ch", "be") else "-".join(groups)
        if style == 5:
            return "-".join(groups) if c != "be" else f"{groups[0]}/{'.'.join(groups[1:])}"
        if style in (6, 7):
            return f"+{cc} " + " ".join(intl_groups)
        if style == 8:
            return f"+{cc} (0)" + " ".join(intl_groups)
        return f"00{cc} " + " ".join(intl_groups) if c != "uk" else f"+{cc}{nat[1:]}"

    def phone_words(self, c: str) -> str:
        rng = self.rng
        nat, groups = self.phone_digits(c)
        sep = rng.choice([" ", ", ", " ", " euh " if self.lang == "fr" else " um "])
        if self.lang == "fr" and c in ("fr", "be", "ch"):
            if c == "be" and nat.startswith("04"):
                parts = ["zéro", "quatre", fr_num(int(nat[2:4]), "be")] + [fr_num(int(g), "be") for g in groups[1:]]
                return " ".join(parts[:3]) + sep + sep.join(parts[3:])
            return sep.join(fr_group_spoken(g, c) for g in groups)
        if self.lang == "fr":
            return sep.join(" ".join(FR_UNITS[int(d)] for d in g) for g in groups)
        return sep.join(en_digits_spoken(g, rng) for g in groups)

    # -- dates of birth ----------------------------------------------------------------------------------------
    def dob_parts(self, kind: str) -> tuple[int, int, int]:
        rng = self.rng
        y = rng.randint(2008, 2020) if kind == "kid" else rng.randint(1938, 2005)
        return y, rng.randint(1, 12), rng.randint(1, 28)

    def dob(self, kind: str) -> str:
        rng = self.rng
        y, m, d = self.dob_parts(kind)
        if kind == "year":
            return str(y)
        if self.lang == "fr":
            forms = [
                f"{d:02d}/{m:02d}/{y}",
                f"{d}/{m}/{y}",
                f"{d:02d}.{m:02d}.{y}",
                f"{d:02d}-{m:02d}-{str(y)[2:]}",
                f"{'1er' if d == 1 else d} {FR_MONTHS[m - 1]} {y}",
                f"{d} {FR_MONTHS[m - 1]} {str(y)[2:]}",
                f"{d:02d}/{m:02d}/{str(y)[2:]}",
                f"{y}-{m:02d}-{d:02d}",
            ]
        else:
            mon = EN_MONTHS[m - 1]
            sfx = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}.get(d, "th")
            forms = [
                f"{m:02d}/{d:02d}/{y}",
                f"{m}/{d}/{str(y)[2:]}",
                f"{d:02d}/{m:02d}/{y}",
                f"{mon} {d}, {y}",
                f"{d} {mon} {y}",
                f"{d}{sfx} {mon} {y}",
                f"{d}{sfx} of {mon} {y}",
                f"{y}-{m:02d}-{d:02d}",
                f"{mon[:3]} {d} '{str(y)[2:]}",
                f"{d}.{m}.{y}",
            ]
            if self.country == "us":
                forms = [f for f in forms if not f.startswith(f"{d:02d}/") and not f.startswith(f"{d}.")]
        return rng.choice(forms)

    def dob_words(self, kind: str) -> str:
        rng = self.rng
        y, m, d = self.dob_parts(kind)
        if self.lang == "fr":
            day = "premier" if d == 1 else fr_num(d)
            year = fr_year(y, rng) if (y >= 2000 or rng.random() < 0.6) else fr_num(y % 100)
            return f"{day} {FR_MONTHS[m - 1]} {year}"
        mon = EN_MONTHS[m - 1].lower()
        year = en_year(y, rng)
        return rng.choice([f"{mon} {en_ord(d)} {year}", f"{en_ord(d)} of {mon} {year}", f"{mon} {en_num(d)} {year}"])

    # -- addresses ---------------------------------------------------------------------------------------------
    def address(self, c: str, short: bool = False, words: bool = False) -> str:
        rng = self.rng
        a = ADDR[c]
        n = rng.randint(1, 99) if words else rng.choice([rng.randint(1, 40), rng.randint(1, 180), rng.randint(2, 9)])
        k = rng.randint(1, 9)
        if c == "fr":
            street = rng.choice(a["streets"])
            cp, city = rng.choice(a["cities"])
            if words:
                return f"{fr_num(n)} {street}"
            num = f"{n}{rng.choice(['', '', '', ' bis', 'bis', ' ter'])}"
            if short:
                return f"{num} {street}"
            return rng.choice(
                [
                    f"{num} {street}",
                    f"{num} {street}, {cp} {city}",
                    f"{num} {street}, bât. {rng.choice('ABCD')}, {k}e étage",
                    f"{num} {street}, appt {rng.randint(1, 60)}, {cp} {city}",
                    f"{num}, {street} {cp} {city.upper()}",
                    f"{num} {street} {cp} {city}",
                    f"{num} {street}, {k}e étage porte {rng.choice(['gauche', 'droite', 'face'])}",
                ]
            )
        if c == "be":
            nl = rng.random() < 0.3
            street = rng.choice(a["streets_nl" if nl else "streets"])
            cp, city = rng.choice(a["cities_nl" if nl else "cities"])
            if words:
                return f"{street} {fr_num(n, 'be')}" if not nl else f"{street} {n}"
            if short:
                return f"{street} {n}"
            box = f" bus {k}" if nl else rng.choice([f" bte {k}", f" boîte {k}", f"/{k}"])
            return rng.choice(
                [f"{street} {n}", f"{street} {n}, {cp} {city}", f"{street} {n}{box}, {cp} {city}", f"{street}, {n} - {cp} {city}"]
            )
        if c == "ch":
            street = rng.choice(a["streets"])
            cp, city = rng.choice(a["cities"])
            if words:
                return f"{street} {fr_num(n, 'ch')}"
            if short:
                return f"{street} {n}"
            return rng.choice(
                [f"{street} {n}", f"{street} {n}, {cp} {city}", f"{street} {n}, CH-{cp} {city}", f"{street} {n}bis, {cp} {city}"]
            )
        if c == "qc":
            en = self.lang == "en"
            street = rng.choice(a["streets_en" if en else "streets"])
            city, pc = rng.choice(a["cities"])
            n = rng.randint(100, 9999) if not words else n
            if words:
                return f"{fr_num(n) if not en else en_num(n, ' ')} {street}"
            if short:
                return f"{n}, {street}" if not en else f"{n} {street}"
            if en:
                return rng.choice(
                    [f"{n} {street}, Apt. {k}, {city}, QC {pc}", f"{n} {street}, {city} {pc}", f"{n} {street} #{k}"]
                )
            return rng.choice(
                [
                    f"{n}, {street}",
                    f"{n} {street}, app. {k}, {city} (Québec) {pc}",
                    f"{n}, {street}, {city}, QC {pc}",
                    f"{n}-{k} {street}, {city}",
                ]
            )
        if c in ("uk", "ie"):
            street = rng.choice(a["streets"])
            city, pc = rng.choice(a["cities"])
            if words:
                return f"{en_num(n, rng.choice(['-', ' ']))} {street}"
            num = f"{n}{rng.choice(['', '', '', 'A', 'B', 'a'])}" if c == "uk" else str(n)
            if short:
                return f"{num} {street}"
            if c == "uk":
                return rng.choice(
                    [
                        f"{num} {street}",
                        f"{num} {street}, {city} {pc}",
                        f"{num} {street}, Flat {k}, {city}, {pc}",
                        f"{num} {street}, {city}",
                    ]
                )
            return rng.choice(
                [f"{num} {street}", f"{num} {street}, {city}", f"{num} {street}, {city}, {pc}", f"{num} {street}, {city} {pc}"]
            )
        if c == "us":
            street = rng.choice(a["streets"])
            city, st, z = rng.choice(a["cities"])
            n = rng.randint(10, 4999) if not words else n
            if words:
                return f"{en_num(n, ' ')} {street}"
            if short:
                return f"{n} {street}"
            return rng.choice(
                [
                    f"{n} {street}",
                    f"{n} {street}, Apt {k}{rng.choice('ABCD')}, {city}, {st} {z}",
                    f"{n} {street} #{k}, {city}, {st} {z}",
                    f"{n} {street}, {city} {st}",
                    f"{n} {street} Apt {k}",
                ]
            )
        raise ValueError(c)

    # -- registry numbers --------------------------------------------------------------------------------------
    def nir(self) -> str:
        rng = self.rng
        sex, yy, mm = rng.choice("12"), f"{rng.randint(0, 99):02d}", f"{rng.randint(1, 12):02d}"
        kind = rng.choices(["main", "corse", "dom"], [70, 15, 15])[0]
        if kind == "main":
            dep = f"{rng.choice([x for x in range(1, 96) if x != 20]):02d}"
            place = dep + f"{rng.randint(1, 899):03d}"
        elif kind == "corse":
            place = rng.choice(["2A", "2B"]) + f"{rng.randint(1, 366):03d}"
        else:
            place = str(rng.randint(971, 976)) + f"{rng.randint(1, 34):02d}"
        order = f"{rng.randint(1, 999):03d}"
        body = sex + yy + mm + place + order
        key = f"{nir_key(body):02d}"
        style = rng.randrange(4)
        if style == 0:
            return body + key
        if style == 1:
            return f"{sex} {yy} {mm} {place[:-3]} {place[-3:]} {order} {key}"
        if style == 2:
            return f"{body} {key}"
        return f"{sex}{yy}{mm}{place}{order}-{key}"

    def iban(self) -> str:
        rng = self.rng
        r = lambda k: "".join(str(rng.randrange(10)) for _ in range(k))  # noqa: E731
        c = rng.choice({"fr": ["FR", "FR", "BE", "CH"], "en": ["GB", "IE", "GB", "FR"]}[self.lang])
        if self.country in ("be", "ch", "ie") and rng.random() < 0.6:
            c = {"be": "BE", "ch": "CH", "ie": "IE"}[self.country]
        if c == "FR":
            bank, branch, acc = r(5), r(5), r(11)
            bban = bank + branch + acc + fr_rib_key(bank, branch, acc)
        elif c == "BE":
            first = r(10)
            chk = int(first) % 97 or 97
            bban = f"{first}{chk:02d}"
        elif c == "CH":
            bban = r(5) + r(12)
        else:
            bban = rng.choice(["NWBK", "BARC", "LOYD", "HBUK"] if c == "GB" else ["AIBK", "BOFI"]) + r(6) + r(8)
        iban = c + iban_digits(c, bban) + bban
        if rng.random() < 0.7:
            return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
        return iban

    def siren_digits(self) -> str:
        rng = self.rng
        return luhn_complete(str(rng.randint(1, 9)) + "".join(str(rng.randrange(10)) for _ in range(7)))

    def siren(self) -> str:
        s = self.siren_digits()
        return self.rng.choice([f"{s[:3]} {s[3:6]} {s[6:]}", s])

    def siret(self) -> str:
        rng = self.rng
        s = luhn_complete(self.siren_digits() + f"{rng.randint(1, 60):04d}")
        return rng.choice(
            [f"{s[:3]} {s[3:6]} {s[6:9]} {s[9:]}", s, f"{s[:9]} {s[9:]}", f"{s[:3]} {s[3:6]} {s[6:9]} {s[9:12]} {s[12:]}"]
        )

    def card(self) -> str:
        rng = self.rng
        kind = rng.choice(["visa", "visa", "mc", "amex"])
        r = lambda k: "".join(str(rng.randrange(10)) for _ in range(k))  # noqa: E731
        if kind == "amex":
            num = luhn_complete(rng.choice(["34", "37"]) + r(12))
            return rng.choice([f"{num[:4]} {num[4:10]} {num[10:]}", num])
        num = luhn_complete(("4" + r(14)) if kind == "visa" else (str(rng.randint(51, 55)) + r(13)))
        sep = rng.choice([" ", " ", "-", ""])
        return sep.join(num[i : i + 4] for i in range(0, 16, 4))

    def plate(self, c: str) -> str:
        rng = self.rng
        up = "ABCDEFGHJKLMNPRSTVWXYZ"
        L = lambda k: "".join(rng.choice(up) for _ in range(k))  # noqa: E731, N806
        D = lambda k: "".join(str(rng.randrange(10)) for _ in range(k))  # noqa: E731, N806
        if c == "fr":
            if rng.random() < 0.15:
                return f"{rng.randint(100, 9999)} {L(2)} {rng.choice(['75', '93', '13', '69', '59'])}"
            return rng.choice(["{}-{}-{}", "{} {} {}", "{}{}{}"]).format(L(2), f"{rng.randint(1, 999):03d}", L(2))
        if c == "be":
            return rng.choice(["{}-{}-{}", "{}{}{}", "{} {} {}"]).format(rng.choice("12"), L(3), D(3))
        if c == "ch":
            return f"{rng.choice(['GE', 'VD', 'VS', 'NE', 'ZH', 'BE'])} {rng.randint(1000, 999999)}"
        if c == "qc":
            return rng.choice([f"{L(3)} {D(3)}", f"{D(3)} {L(3)}", f"{L(1)}{D(2)} {L(3)}"])
        if c == "uk":
            return rng.choice(["{}{} {}", "{}{}{}"]).format(L(2), rng.choice(["18", "69", "21", "71", "23", "15", "65"]), L(3))
        if c == "ie":
            year = rng.choice(["191", "202", "231", "12", "08", "162"])
            return f"{year}-{rng.choice(['D', 'C', 'G', 'L', 'KY', 'MO', 'WX'])}-{rng.randint(1, 29999)}"
        if c == "us":
            return rng.choice([f"{rng.randint(5, 9)}{L(3)}{D(3)}", f"{L(3)}-{D(4)}", f"{D(1)}{L(3)}{D(2)}", f"{L(3)} {D(4)}"])
        raise ValueError(c)

    # -- decoys (never marked) ---------------------------------------------------------------------------------
    def decoy(self, kind: str, variant: str | None) -> str:
        rng = self.rng
        lang = self.lang
        if kind == "street":
            return rng.choice(DECOY["street"][variant or self.country])
        if kind in ("place", "org", "bus", "time", "when", "district", "school"):
            return rng.choice(DECOY[kind][lang])
        if kind == "n":
            return str(rng.randint(2, 15))
        if kind == "age":
            n = rng.randint(16, 88)
            return f"{n} ans" if lang == "fr" else str(n)
        if kind == "kid":
            return str(rng.randint(3, 15))
        if kind == "amount":
            v = rng.choice([35, 68, 135, 90, 1500, 450, 22])
            if lang == "fr":
                return rng.choice([f"{v} €", f"{v} euros", f"{v}€"]) if self.country != "ch" else f"{v} CHF"
            return rng.choice([f"£{v}", f"${v}", f"€{v}"])
        if kind == "case":
            y = rng.choice([2023, 2024, 2025])
            return rng.choice(
                [
                    f"{y}-{rng.randint(10000, 999999)}",
                    f"#{rng.randint(10000, 9999999)}",
                    f"INC-{rng.randint(1000000, 9999999)}",
                    f"{rng.choice(['CP', 'SR', 'DS', 'RQ'])}{rng.randint(100000, 999999)}",
                    f"{y}/{rng.randint(100, 9999):04d}",
                ]
            )
        if kind == "order":
            while True:
                num = "".join(str(rng.randrange(10)) for _ in range(rng.choice([10, 12, 13, 16])))
                if not luhn_ok(num):
                    return num
        raise ValueError(kind)


# ---------------------------------------------------------------------------------------------------------------
# rendering
# ---------------------------------------------------------------------------------------------------------------

SLOT = re.compile(r"\{([a-z]+)(\d?)(?:\.([a-z]+))?\}")
DECOYS = {"street", "place", "org", "bus", "time", "when", "district", "school", "n", "age", "kid", "amount", "case", "order"}


def slot_value(g: Gen, name: str, idx: str, var: str | None) -> tuple[str, str | None]:
    rng = g.rng
    if name in ("p", "f", "m"):
        p = g.person(name + idx)
        if var == "first":
            return p["first"], "PERSON"
        if var == "last":
            return p["last"], "PERSON"
        if var == "full":
            return f"{p['first']} {p['last']}", "PERSON"
        if var == "lastfirst":
            return f"{p['last']} {p['first']}", "PERSON"
        if var == "upper":
            return f"{p['last'].upper()} {p['first']}", "PERSON"
        if var == "lower":
            return f"{p['first']} {p['last']}".lower(), "PERSON"
        if var == "init":
            return g.initials(p), "PERSON"
        if var == "nick":
            return p["nick"], "PERSON"
        if var == "spell":
            return g.spelled(p), "PERSON"
        if var == "any":
            form = rng.choices(["full", "upper", "lower", "init", "lastfirst"], [45, 20, 10, 15, 10])[0]
            if form == "lastfirst":
                return f"{p['last']} {p['first']}", "PERSON"
            return slot_value(g, name, idx, form)
        if var in ("email", "emaild", "emailv"):
            style = {"email": "plain", "emaild": "disguised", "emailv": "spoken"}[var]
            return g.email(p, style), "EMAIL"
        raise ValueError(var)
    if name == "email":
        p = g.person("x9")
        del g.people["x9"]
        return g.email(p, {"d": "disguised", "v": "spoken"}.get(var or "", "plain")), "EMAIL"
    if name == "tel":
        return g.phone(var or g.country), "PHONE"
    if name == "telw":
        return g.phone_words(var or g.country), "PHONE"
    if name == "dob":
        return g.dob(var or "adult"), "DATE_OF_BIRTH"
    if name == "dobw":
        return g.dob_words(var or "adult"), "DATE_OF_BIRTH"
    if name == "addr":
        return g.address(var or g.country), "ADDRESS"
    if name == "addrs":
        return g.address(var or g.country, short=True), "ADDRESS"
    if name == "addrw":
        return g.address(var or g.country, words=True), "ADDRESS"
    if name == "plate":
        return g.plate(var or g.country), "PLATE"
    if name in ("nir", "iban", "siret", "siren", "card"):
        return getattr(g, name)(), name.upper()
    if name in DECOYS:
        return g.decoy(name, var), None
    raise ValueError(name)


FEMININE = ("rue", "avenue", "chaussée", "route", "place", "allée", "impasse", "grand-rue")


def fix_articles(lit: str, value: str, kind: str | None, name: str, lang: str) -> tuple[str, str]:
    """French contractions around a slot: 'près de le parc' -> 'près du parc', 'au rue X 12' -> 'rue X 12'."""
    if lang != "fr":
        return lit, value
    if name == "place" and lit.endswith("de ") and value.startswith("le "):
        return lit[:-3] + "du ", value[3:]
    first = value.split()[0].lower().split("-")[0]
    number_first = first[0].isdigit() or first in set(FR_UNITS) | set(FR_TENS.values()) | {"cent"}
    if kind == "ADDRESS" and not number_first:
        if lit.endswith(("au ", "le ")) and (len(lit) == 3 or not lit[-4].isalpha()):
            return lit[:-3], value
        if lit.endswith("du ") and value.lower().startswith(FEMININE):
            return lit[:-3] + "de la ", value
    return lit, value


def render(tpl: str, lang: str, source: str, rng: random.Random) -> dict:
    names, weights = COUNTRY_WEIGHTS[lang]
    country = rng.choices(names, weights)[0]
    g = Gen(rng, lang, country, source)
    parts: list[str] = []
    spans: list[list] = []
    pos, last = 0, 0
    for m in SLOT.finditer(tpl):
        lit = tpl[last : m.start()]
        parts.append(lit)
        pos += len(lit)
        value, kind = slot_value(g, m.group(1), m.group(2), m.group(3))
        lit, value = fix_articles(lit, value, kind, m.group(1), lang)
        parts[-1] = lit
        pos = sum(len(x) for x in parts)
        if kind:
            spans.append([pos, pos + len(value), kind])
        parts.append(value)
        pos += len(value)
        last = m.end()
    parts.append(tpl[last:])
    text = "".join(parts)
    if source == "voicemail" and rng.random() < 0.8 and len(text.lower()) == len(text):
        text = text.lower()
    return {"lang": lang, "text": text, "spans": spans}


# ---------------------------------------------------------------------------------------------------------------
# checks
# ---------------------------------------------------------------------------------------------------------------

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
RUN_RE = re.compile(r"\d(?:[ .\-/]?\d)*")
IBAN_RE = re.compile(r"[A-Z]{2}\d{2}(?: ?[A-Z0-9]){10,30}")


def problems(rec: dict) -> list[str]:
    text, spans = rec["text"], rec["spans"]
    out = []
    prev_end = 0
    for start, end, kind in spans:
        if kind not in TYPES:
            out.append(f"bad type {kind}")
        if not (0 <= start < end <= len(text)) or start < prev_end:
            out.append("bad order/overlap")
        frag = text[start:end]
        if frag != frag.strip():
            out.append("whitespace at span edge")
        if start > 0 and text[start - 1].isalnum() and text[start].isalnum():
            out.append("cut at start")
        if end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
            out.append("cut at end")
        if not checksum_ok(kind, frag):
            out.append(f"checksum {kind} {frag}")
        prev_end = end
    bounds = [0] + [x for s in spans for x in s[:2]] + [len(text)]
    for a, b in zip(bounds[::2], bounds[1::2], strict=True):
        seg = text[a:b]
        if EMAIL_RE.search(seg):
            out.append("unmarked e-mail")
        for m in IBAN_RE.finditer(seg):
            if iban_ok(m.group()):
                out.append("unmarked IBAN")
        for m in RUN_RE.finditer(seg):
            d = digits_of(m.group())
            if (len(d) in (9, 14) or 13 <= len(d) <= 19) and luhn_ok(d):
                out.append(f"unmarked Luhn number {m.group()}")
            if len(d) == 15 and nir_ok(d):
                out.append("unmarked NIR")
    return out


# ---------------------------------------------------------------------------------------------------------------
# templates
# ---------------------------------------------------------------------------------------------------------------


def parse_block(block: str, report: bool = False) -> list[str]:
    """Templates are separated by blank lines; wrapped lines are joined (reports keep one line per bullet)."""
    out = []
    for chunk in block.strip().split("\n\n"):
        rows = [row.strip() for row in chunk.strip().splitlines()]
        if not report:
            out.append(" ".join(rows))
            continue
        joined: list[str] = []
        for i, row in enumerate(rows):
            if i == 0 or row.startswith(("- ", "* ")):
                joined.append(("  " + row) if row.startswith("* ") else row)
            else:
                joined[-1] += " " + row
        out.append("\n".join(joined))
    return out


PORTAL_FR = """
Bonjour, ça fait 3 semaines que le bar en bas de chez moi met la musique à fond jusqu'à {time} !!! Je n'en peux plus,
je travaille tôt. J'habite au {addr.fr}, côté cour. Vous pouvez me rappeler au {tel.fr}, je m'appelle {f1.full}.

ENCORE des dépôts sauvages devant le {addrs.fr} !!! matelas, frigo, sacs éventrés... les rats se régalent. C'est la {n}e
fois que je signale, dossier {case}. QUAND est-ce que quelqu'un va venir ???

Lampadaire en panne {street} depuis {when}, c'est tout noir le soir et ma fille a peur de rentrer à pied depuis l'arrêt
du {bus}. Merci de faire vite svp

Bonjour je suis {f1.upper}, née le {dob}, locataire au {addr.fr}. Des jeunes squattent le hall toutes les nuits, ils
fument, crient, cassent les boîtes aux lettres. Mon fils {m2.first} ({kid} ans) n'ose plus descendre. Rappelez moi svp au
{tel.fr}.

Il y a un rat MORT dans le bac à sable, {place} !!! Des enfants jouent là tous les jours. Personne ne fait rien.
Ticket {case}

Voiture ventouse immatriculée {plate} stationnée {street} depuis plus de {n} semaines, pneus à plat, vitre cassée.
D'après les voisins le propriétaire serait un certain {m1.nick}, qui traîne au café d'en face.

Bonsoir, des pétards et des mortiers d'artifice tous les soirs près de {place}, vers {time}. Mon chien est terrorisé et
les bébés se réveillent. {f1.full} / {tel} / {f1.email}

Mme {f1.last} (enfin je crois que c'est son nom, celle du 2e) jette ses poubelles par la fenêtre!! ça tombe dans la
cour de l'immeuble au {addr.fr}. Je préfère rester anonyme merci

Le marché du dimanche laisse tout sale {street}: cageots, poisson, huile de friture. Les commerçants s'en fichent et
{org} passe seulement le lundi. Déjà signalé {when}, ref {case}.

Bonjour, mon voisin {m1.full} répare des scooters sur le trottoir devant le {addrs.fr}, il y a de l'huile partout et
ça pétarade le dimanche matin. Un des scooters : {plate.fr}. Je suis joignable au {tel.fr} ou par mail {f2.email}.

Terrasse du café qui déborde sur TOUT le trottoir, impossible de passer avec la poussette ou en fauteuil. {org}
n'intervient jamais. C'est {street}, à côté de la pharmacie, tous les soirs à partir de {time}.

URGENT!!! inondation de la cave après l'orage, l'eau remonte par la bouche d'égout. Adresse : {addr}. Je suis
{m1.upper}, le gardien de l'immeuble, portable {tel}.

Deal tous les soirs en bas du bâtiment, {addrs}!! Toujours les mêmes, un grand qu'ils appellent {m1.nick} et un autre
en scooter noir {plate}. Je ne donne pas mon nom, j'ai peur des représailles.

Bagarre {when} vers {time} devant le kebab {street}, au moins {n} personnes, un blessé à la tête. Mon fils {m1.first}
a tout filmé avec son téléphone si ça peut servir. {f2.full} - {tel}

Tags et graffitis sur la façade de l'{school} (encore !). Le gardien, M. {m1.last}, dit que ça recommence chaque
week-end. Il faudrait une caméra.

squat dans l'ancien garage au {addr.fr}, des gens entrent et sortent la nuit, feu de camp dans la cour, odeur de
brûlé. contact : {p1.full}, {p1.emaild}

Je vous écris pour la troisième fois concernant les rats. Il y en a partout autour des containers, {street}, on les
voit en plein jour. Le chat de ma voisine {f1.first} s'est fait mordre. Mon adresse : {addr}. Mon mail : {f2.email}.
Merci de me répondre cette fois.

bjr, les motos font du rodéo sur le parking tout les soirs, sa fait un bruit d'enfer !! une des motos a la plaque
{plate}. Moi c'est {m1.first}, {tel}

Madame, Monsieur, je me permets de vous signaler qu'un individu dort sous le porche de notre immeuble depuis {when}.
Il semble malade. Il dit s'appeler {m1.first}. Je suis {f2.any}, syndic bénévole, {addr}. Cordialement.

Un arbre est tombé sur ma voiture ({plate}) pendant la tempête, devant le {addrs.fr}. Qui paie ??? J'ai une franchise
de {amount} !!! {m1.full}, {tel.fr}, né le {dob}

Manif prévue samedi près de {place}, est-ce que les bus seront déviés ? Le {bus} passe par là normalement. Merci

Nuisances sonores : les voisins du dessus ({m1.last} et sa copine) font la fête chaque vendredi jusqu'à {time}. J'ai
{age}, je suis malade et je n'en peux plus. {f2.full}, {addr}, tél {tel}

Bonjour, je souhaite être remboursée de la fourrière ({amount}) car mon véhicule {plate.fr} était bien garé !!! Vous
trouverez mon RIB : {iban} (n° sécu {nir}). {f1.upper}, {addr.fr}

J'ai payé l'amende de stationnement en ligne mais le site a planté, j'ai été débité deux fois sur ma carte {card}.
Merci de régulariser. {m1.full}, dossier {case}

Le restaurant {street} (SIRET {siret}) met ses poubelles sur le trottoir dès {time} et il y a des cafards partout. Le
patron s'appelle {m1.first} je crois. Signalement fait par une habitante.

Bonjour, je m'appelle {f1.first}, j'ai {age}. Des hommes boivent toute la journée sur le banc devant chez moi au
{addrs.fr} et me disent des choses pas bien quand je passe. J'ai peur. Ma maman c'est {f2.full}, son numéro {tel.fr}.

Pourquoi les feux d'artifice sont tirés en pleine nuit près de {place} alors que c'est interdit ??? Réveillée à
{time}, bébé qui hurle. Je paie mes impôts ! {f1.lower}

Graffiti injurieux sur un mur près de {place}, avec des insultes racistes. À effacer en priorité svp, des enfants
passent par là pour aller à l'{school}.

Objet : fuite d'eau sur la voie publique. Une canalisation fuit depuis {when} devant le {addrs.fr}, l'eau coule
jusqu'au caniveau. {org} prévenu mais rien. Signalé par {m1.init}.

Bonjour. Le propriétaire du chien qui aboie jour et nuit est {m1.full}, au {addr.fr}. J'ai essayé de lui parler, il
m'a insulté. Témoin : ma fille {f2.first} ({kid} ans). Mon numéro : {tel}.

La fête de quartier d'hier a laissé des bouteilles cassées partout {street}. Je propose un nettoyage citoyen samedi,
vous pouvez me joindre à {p1.email} ou au {tel}. {p1.full}

Encore un scooter brûlé cette nuit sur le parking derrière le {addrs}. La plaque était {plate}, je l'ai photographiée.
C'est le {n}e véhicule brûlé depuis {when}.

Les punaises de lit dans le mobilier jeté {street}, attention !! quelqu'un va les récupérer. Il faudrait enlever vite.
Merci de votre réactivité.

Je signale que mon voisin M. {m1.last}, né en {dob.year}, est seul et âgé, et que personne ne l'a vu depuis {when}.
Ses volets sont fermés. Adresse {addr}. Moi : {f2.first}, {tel}.

Rodéo urbain chaque soir avec des quads sans plaque {street}. Et une voiture {plate} qui fait des dérapages. Je suis
{f1.full}, je tiens le tabac, vous pouvez passer.

Bjr, vous pouvez verbaliser la camionnette blanche {plate} qui bloque la piste cyclable {street} depuis {n} jours ?
Merci. {m1.any}

Salut la mairie, jsuis {m1.first} du {addrs.fr}, y'a des mecs qui pissent contre notre porte tous les soirs après la
fermeture du bar. Franchement c'est dégueulasse !!! Appelez moi {tel.fr} ou écrivez {m1.emaild}

Bonjour, je suis auto-entrepreneuse (SIREN {siren}) et j'aimerais installer un stand de crêpes au marché {street}. À
qui dois-je m'adresser ? {f1.full}, {f1.email}

Nous, habitants de l'immeuble au {addr}, signalons une colonie de pigeons et des rats dans la cour depuis {when}.
Signataires : {f1.full}, {m2.full}, {p3.any}. Contact : {tel}.

Nid de frelons dans l'arbre devant l'{school}, les enfants sortent à 16h30 !!!! C'est URGENT. Je suis parent d'élève,
{p1.full}, {tel}.

Je trouve inadmissible que la fontaine près de {place} soit en panne depuis {when} alors qu'il fait 35 degrés. Les
SDF n'ont plus d'eau. Honteux.

Bonjour, ma fille {f1.first} (elle a {kid} ans) a été bousculée par un vélo électrique sur le trottoir {street}. Le
cycliste s'est enfui. Vous pouvez me joindre au {tel}, je suis sa mère, {f2.full}, née le {dob}. Mon numéro de sécu
si besoin : {nir}.

Bonsoir !!!!! ÇA SUFFIT les concerts dans l'appart au {addr.fr} !!! les gens s'appellent {m1.first} et {f2.first}, ils
ont toujours des invités, la police ne vient jamais. {p3.full}

Trottoir défoncé devant la boulangerie {street}, une dame âgée est tombée {when}. Il y a un trou de 20 cm. Pensez à
réparer avant l'hiver.
"""

PORTAL_EN = """
Hi, I'm writing AGAIN about the noise from the bar on {street}. Music until {time} every single night!!! I'm at
{addrs}, the blue door. My name is {f1.full}, call me on {tel}.

Someone dumped an entire sofa, a fridge and about {n} bin bags outside {addr} {when}. Rats everywhere already. Ref
{case}. Please come asap!!!

Streetlight out on {street} near the stop for {bus}. It's pitch black, my daughter has to walk home from there.
Please fix.

my daughter {f1.first} (she's {kid}) got scared by a group of lads drinking on the bench in {place}, they were
shouting at kids. I live at {addr}. {f2.full}, {tel}

There's a car, reg {plate}, that's been parked outside my house at {addrs} for {n} weeks with a flat tyre. It's NOT
from around here. {m1.first}

Graffiti all over the underpass near {place} again. Some of it says {m1.nick} in big red letters so maybe that's a
start lol. No need to contact me.

Hello, I have been reporting the rats at the back of the takeaway on {street} since {when}. They are the size of
cats!!! Nobody has come. My details: {m1.full}, {addr}, {m1.email}, {tel}.

Fireworks going off in {place} at {time} on a school night. Dogs going mad, babies awake. Is this even legal?? Please
patrol.

Fight outside the chip shop {when} around {time}, {n} guys, one of them was bleeding. My neighbour {p1.first} filmed
it. I'm {f2.any}, flat above the shop at {addr}.

The squat at {addr} is getting worse. People coming and going all night, shouting, needles in the front garden. I
rang {org} but nothing. I'd rather not give my name but you can text {tel}.

My son {m1.full}, DOB {dob.kid}, was hit by an e-scooter on the pavement on {street}. The rider took off.
I want this on record. {f2.full}, {tel}, {f2.email}

Hi, flooding AGAIN at the bottom of my road after an hour of rain, water up to the doorstep. {addr}. Call me: {tel}.
Thanks, {p1.first}

Dealing openly at the corner by the laundromat every afternoon. Always the same guy, they call him {m1.nick}, drives a
silver car {plate}. Please don't use my name, I live at {addrs} and I have kids.

Market traders on {street} leave boxes and rotten fruit every Saturday. {org} cleans Monday. The smell is awful in
summer. Ticket {case}.

PLEASE do something about the pub terrace on {street}. Tables all over the pavement, I'm in a wheelchair and I can't
get past. {m1.full}, {addr}

I paid the parking fine {case} by card ({card}) and got charged twice. Please refund. {f1.upper}, {f1.email}

Refund for the towing ({amount}) should go to my account {iban}. Car reg {plate}. Name {m1.full}, date of birth
{dob}. Thank you

Loud protest outside city hall today, fine, but they left placards and cans everywhere in {place}. Just FYI. -
{f1.init}

The couple at {addr}, {m1.first} and {f2.first}, have been blasting music since {when}. I've knocked. They laughed.
I'm {p3.full}, next door, {tel}.

Pothole on {street} outside the school is now about a foot wide. Two cyclists came off {when}. Please fix before
someone gets badly hurt.

hi there my elderly mum {f1.full} (born {dob}) lives alone at {addr} and someone keeps ringing her bell at night and
running off. Could a warden drive by? Me: {f2.first}, {tel}, {f2.emaild}

Abandoned van, reg {plate}, outside {addrs} since {when}, windows smashed, kids playing inside. Dangerous!!!
{m1.first}

There are mice AND rats coming from the empty unit next to us. The landlord is {m1.full}, he never answers. Our
address is {addr}. Thanks, {f2.any} ({f2.email})

Hello. Guy sleeping in the doorway of the bank on {street} looks unwell, not moving much. He told me his name is
{m1.first}. Please send outreach. I won't leave my number.

Not a complaint, just a thank you to the crew who cleared the graffiti in {place} so quickly. Great job.

noise noise NOISE. Upstairs flat, {addr}. Drilling at 7am on a Sunday. Tenant's name is {m1.last}, I think. I'm
{f2.full}, {tel}.

Fly-tipping in the lane behind {addrs}, mattresses and paint tins. I saw the van, plate {plate}, two men, one called
the other {m1.first}. {f2.any}

We are organising a street party on {street} and need a road closure. Contact {p1.full}, {p1.email}, {tel}. Our group
isn't registered yet.

Some kid keeps setting off bangers in the stairwell at {addr}. I think it's the {m1.last} boy, he's about {kid}. I'm
his neighbour {f2.first}.

Bins not collected on {street} for {n} weeks now. Foxes have ripped the bags open. Order number {order}? No idea what
that even is, it's on the app.
"""

VOICEMAIL_FR = """
oui bonjour euh c'est {f1.full} j'appelle pour euh pour le bruit au au {addrw.fr} ça fait trois nuits que les voisins
font la fête voilà rappelez-moi au {telw.fr} merci au revoir

bonjour madame monsieur euh je suis monsieur {m1.last} {m1.spell} je voulais signaler une voiture qui bloque mon garage
immatriculée {plate} euh depuis ce matin mon numéro c'est le {tel} voilà merci

allô oui euh bonjour c'est pour signaler euh un lampadaire qui clignote {street} voilà euh depuis {when} c'est tout
voilà merci bonne journée

bonjour c'est {f1.first} euh {f1.last} je suis née le {dobw} et euh j'appelle parce qu'on m'a dit de donner ma date de
naissance pour le dossier {case} c'est pour les rats dans la cour au {addr.fr} voilà

ouais allô euh c'est {m1.nick} enfin {m1.first} quoi euh y a encore des mecs qui dealent devant le {addrs.fr} euh tous
les soirs là rappelez moi {telw.fr}

bonjour euh hum je vous appelle euh par rapport aux dépôts sauvages euh au au coin de {street} il y a des matelas des
des frigos ça fait {n} jours voilà euh bonne journée

oui bonsoir c'est madame {f1.last} au {addrw.fr} euh les jeunes ont encore mis le feu à une poubelle euh j'ai appelé
les pompiers euh rappelez moi au {tel.fr} merci

bonjour je m'appelle {m1.full} {m1.spell} je suis né le {dob} euh j'habite {addr} et euh voilà y a une fuite d'eau
énorme dans la rue mon téléphone {telw} au revoir

allô euh oui c'est la boulangerie euh {street} hum y a un monsieur qui dort devant notre porte depuis {when} il va pas
bien du tout euh on sait pas son nom euh voilà rappelez

euh bonjour c'est {f1.first} la voisine de {m2.full} euh il est âgé et euh j'ai pas de nouvelles depuis {when} il
habite {addrw} vous pouvez passer voir s'il vous plaît mon numéro euh {telw} merci beaucoup

oui bonjour hum je voulais savoir pour la manifestation de samedi euh si le {bus} sera dévié voilà merci au revoir

bonjour euh c'est {m1.full} euh mon mail c'est {m1.emailv} euh pour recevoir le récépissé du signalement voilà c'est
pour des tags sur ma façade au {addr.fr}

allô bonjour c'est {f1.first} de la boutique euh au {addrs.fr} euh le marché euh ils ont laissé tout le poisson par
terre euh ça pue euh vous pouvez envoyer quelqu'un mon portable c'est le {tel.fr}

oui euh bonjour je suis euh {f1.upper} {f1.spell} euh j'ai eu un accident euh avec une trottinette euh mon numéro de
sécurité sociale c'est {nir} euh voilà rappelez-moi au {telw.fr}

bonsoir il est {time} et y a des feux d'artifice partout près de {place} euh c'est pas possible euh faites quelque
chose

oui c'est monsieur {m1.last} euh l'ancien gardien euh je vous appelle pour la voiture brûlée euh devant le {addrw.fr}
euh la plaque c'était {plate.fr} voilà au revoir

bonjour euh c'est pour ma mère euh {f1.full} elle est née en {dob.year} euh elle est tombée sur le trottoir défoncé
{street} euh vous pouvez me rappeler au {telw} c'est sa fille {f2.first}

allô euh hum oui bonjour euh c'est au sujet des rats euh il y en a plein plein euh près de {place} euh mes enfants
jouent là voilà c'est {m1.first} euh {tel}

ouais salut c'est {m1.first} du du comité de quartier euh pour la fête on voudrait fermer la rue euh {street} vous me
rappelez au {tel} ou sur mon mail {m1.emailv} ciao

bonjour c'est {f1.full} du {addr} euh nos voisins les {m2.last} euh ils ont un chien qui aboie toute la nuit euh toute
la nuit vraiment euh voilà mon numéro euh {telw}

euh oui bonjour hum c'est un message pour le service propreté euh y a des seringues par terre euh devant l'{school}
c'est dangereux pour les enfants euh voilà merci

bonjour euh je suis {m1.full} euh né le {dobw} euh c'est pour la fourrière euh ma voiture {plate} a été enlevée euh
alors que j'étais bien garé euh vous me rappelez au {tel} merci

oui allô c'est {f1.full} euh {f1.spell} voilà euh je voulais dire que le squat au {addrw.fr} euh ça
recommence euh ils ont cassé la porte voilà

bonjour euh hum je vous laisse mon numéro euh {telw.fr} euh et mon nom c'est {m1.lastfirst} voilà c'est pour le
bruit des terrasses {street}

allô euh bonsoir euh y a une bagarre là maintenant devant le bar {street} euh ils sont genre {n} euh faut envoyer
quelqu'un euh vite

bonjour madame euh c'est {f1.full} je voulais vous dire que mon remboursement euh n'est toujours pas arrivé euh mon
iban c'est {iban} euh voilà rappelez moi au {tel.fr}

euh bonjour c'est le gardien euh {m1.first} euh du {addrs.fr} euh il y a une inondation dans le local poubelles euh
la bouche d'égout déborde voilà mon portable {telw.fr}

oui bonjour je suis madame {f1.last} euh {f1.spell} euh j'appelle pour mon fils {m2.first} né le {dob.kid} euh il
s'est fait agresser à la sortie du {bus} euh rappelez-moi {tel} merci

bonjour c'est {p1.full} de l'association euh on voudrait faire une maraude euh samedi près de {place} euh vous pouvez
nous écrire à {p1.emailv} merci

hum allô oui euh c'est pour signaler un véhicule abandonné euh une camionnette {plate} euh {street} depuis euh {n}
semaines voilà

bonjour c'est {m1.full} euh j'habite le le {addrw.fr} euh y a des pigeons morts dans la cour euh ça sent très mauvais
euh rappelez-moi {tel} voilà

oui euh bonsoir euh je suis la maman de {f1.first} euh elle a {kid} ans euh des grands lui ont pris son téléphone
près de {place} euh moi c'est {f2.full} euh {telw} merci

bonjour c'est {m1.full} de la pizzeria euh numéro siret {siret} euh c'est pour l'autorisation de terrasse euh vous
pouvez me rappeler au {tel} merci

allô euh bonjour euh je voulais signaler un graffiti insultant euh sur le mur de la mairie annexe euh {street}
euh depuis {when} voilà c'est tout
merci

oui bonjour euh c'est {f1.first} du {addrs} hum les voisins du dessous euh la famille {m2.last} euh font des travaux
le dimanche à {time} euh c'est pas normal rappelez moi au {telw}

bonjour monsieur euh je suis {m1.any} né le {dob} euh j'ai reçu une amende euh pour ma voiture {plate} mais euh
c'était pas moi euh elle était volée euh mon mail c'est {m1.email} euh mon numéro de sécu {nir}

euh oui bonjour euh c'est {f1.first} euh je vous ai écrit déjà euh pour les rats euh au {addr.fr} euh personne est
venu euh rappelez moi au {telw.fr} voilà voilà

allô oui euh bonjour euh je suis chauffeur du {bus} euh il y a une voiture garée sur l'arrêt {street} euh tous les
jours euh le numéro c'est {plate} voilà

bonjour euh je m'appelle {f1.full} euh ma carte a été débitée deux fois pour le stationnement euh c'est la
carte {card} euh vous pouvez me rembourser merci

oui bonsoir euh désolé de vous déranger euh c'est juste pour dire que euh les bouches d'égout débordent {street} euh
voilà euh bonne soirée

bonjour c'est {m1.full} euh {m1.spell} euh né le {dobw} euh on m'a volé mon scooter {plate} devant le
{addrs} euh cette nuit euh rappelez-moi {tel}

allô c'est {f1.nick} euh la voisine de {m2.first} euh au {addrw.fr} euh il y a encore eu des cris cette nuit euh je
m'inquiète pour lui euh bref rappelez {telw.fr}

bonjour je m'appelle {f1.full} euh {f1.spell} euh j'habite {addr} euh ma fille {f3.first} euh elle est née le
{dobw.kid} euh et elle a été mordue par un chien sans laisse euh près de {place} euh mon numéro c'est {tel}

euh bonjour c'est pour le signalement {case} euh les tags sont toujours là euh {street} euh voilà c'est tout
"""

VOICEMAIL_EN = """
hi um yeah this is {f1.full} calling about the uh the noise at {addrw} it's been like three nights now um can you
call me back on {telw} thanks bye

hello um my name is {m1.last} that's {m1.spell} and uh there's a car blocking my driveway reg {plate} since like this
morning my number is {tel} thanks

hi uh just calling to say the streetlight on {street} is flickering again um yeah since {when} ok bye

hey it's {m1.nick} um {m1.first} i mean uh there's guys dealing outside {addrs} every night like every night call me
{telw}

hello this is {f1.full} i'm um born {dobw} they said i need to give that for the case {case} it's about
rats in the yard at {addr} okay thanks

um hi yeah someone dumped like {n} mattresses on {street} um near the school yeah that's it bye

hi this is mrs {f1.last} at {addrw} um the kids set a bin on fire again i called the fire brigade um call me back on
{tel} thank you

hi my name is {m1.full} {m1.spell} date of birth {dob} um i live at {addr} and there's a massive water leak in the
street my phone is {telw} bye

yeah hi it's the bakery on {street} there's a man sleeping in our doorway since {when} he doesn't look well we don't
know his name um please call back

hi it's {f1.first} i'm {m2.full}'s neighbour um he's elderly and i haven't seen him since {when} he lives at {addrw}
could someone check please my number is um {telw} thanks so much

hello um i wanted to ask about the march on saturday if {bus} is diverted yeah thanks bye

hi it's {m1.full} uh my email is {m1.emailv} for the receipt of the report it's about graffiti on my wall at {addr}

hey um it's {f1.first} from the shop at {addrs} the market people left all the fish on the ground it stinks can you
send someone my mobile is {tel}

um hi i'm {f1.upper} {f1.spell} i had an accident with an e-scooter on {street} um call me back on {telw} please

it's {time} and there's fireworks going off all over {place} this is ridiculous do something

hi it's {m1.last} the um the old caretaker calling about the burnt out car outside {addrw} the reg was {plate} okay
bye

hello it's about my mum {f1.full} she was born in {dob.year} she fell on the broken pavement on {street} could you
call me back on {telw} it's her daughter {f2.first}

yeah hi um it's {m1.first} from the residents association we wanna close {street} for the street party um call me on
{tel} or email {m1.emailv} cheers

hi this is {f1.full} at {addr} our neighbours the {m2.last} family have a dog barking all night like all night my
number is {telw}

um hello yeah there's needles on the ground outside the primary school gate on {street} this is dangerous for the kids ok thanks

hi my name is {m1.full} born {dobw} it's about the tow my car {plate} got towed and i was parked legally call me back
on {tel} thanks

hi it's {f1.full} {f1.spell} um the squat at {addrw} it's starting again they broke the door yeah

hi um i'll leave my number {telw} and my name is {m1.lastfirst} it's about the noise from the terraces on
{street}

hey uh there's a fight right now outside the pub on {street} like {n} guys you need to send someone quick

hi um it's {f1.full} my refund still hasn't come through my iban is {iban} call me back on {tel} thanks

hi this is {m1.first} the caretaker at {addrs} um the bin store is flooded the drain's overflowing my mobile {telw}

hello i'm {f1.first}'s mum she's {kid} um some older kids took her phone near {place} um i'm {f2.full} {telw} thanks

hi my name is {f1.full} {f1.spell} i live at {addr} my daughter {f3.first} born {dobw.kid} was bitten by a dog off
the lead in {place} my number is {tel}

hi um card payment for the parking went through twice the card was {card} um i'm {m1.full} please refund thanks

yeah hi calling about report {case} the graffiti is still there on {street} that's all cheers
"""

REPORTS_FR = """
Main courante - médiation {district}
- 21h10 : passage au {addrs.fr}, RAS.
- 21h35 : rencontre avec M. {m1.last} (gardien), se plaint du bruit au 3e.
- 22h05 : groupe de {n} jeunes sur les bancs, dialogue OK.
- 22h40 : fin de tournée.

- 19h00 : prise de poste, binôme avec {p1.first}.
- 19h30 : DS signalé {street}, photos prises, transmis à {org}.
- 20h15 : véh. ventouse {plate} devant le {addrs}, apposition d'un avis.
- 21h00 : RAS.

Tournée {district} - {when}
- 20h : RAS secteur gare.
- 20h45 : regroupement près de {place}, une quinzaine de pers., calme.
- 21h30 : conflit de voisinage apaisé, pas d'identité relevée.
- 22h : fin.

- 22h10 : appel de Mme {f1.upper} ({tel}), tapage au {addr}.
- 22h25 : sur place, musique forte chez M. {m2.last}, discussion, baisse du volume.
- 23h00 : rappel de Mme {f1.last}, OK.

CR de nuit
- 23h40 : individu alcoolisé {street}, se présente comme {m1.nick}, orienté vers le 115.
- 00h15 : rixe devant le bar, PM appelée, pas de blessé.
- 01h00 : retour au local.

- 18h30 : réunion avec l'amicale des locataires ({f1.full}, présidente, {f1.email}).
- 19h15 : visite cage B au {addr.fr}, rats signalés au RDC.
- 20h00 : transmis au bailleur, réf. {case}.

Rapport ASVP - {when}
- 08h05 : stationnement gênant {plate} sur arrêt du {bus}, PV.
- 08h30 : {plate} sur passage piéton {street}, PV.
- 09h10 : livraison en double file, avertissement verbal.
- 10h00 : RAS.

- 21h : rencontre avec {m1.first} ({age}), jeune du quartier, souhaite un stage, orienté mission locale.
- 21h30 : sa mère Mme {f2.last} jointe au {tel}.
- 22h : RAS près de {place}.

- 14h : marché {street}, contrôle des emplacements, 2 commerçants sans autorisation.
- 15h30 : nettoyage insuffisant, signalé à {org}.
- 16h : fin de marché, RAS.

Intervention squat
- 10h00 : constat ouverture forcée porte arrière au {addr}.
- 10h20 : présence de {n} occupants dont M. {m1.upper} (dit {m1.nick}), né le {dob}.
- 10h45 : info bailleur + PM. Dossier {case}.

- 20h50 : feu de poubelle devant le {addrs}, pompiers sur place.
- 21h15 : témoin : {f1.any}, tél. {tel}.
- 21h40 : retour au calme.

Médiation sociale - {district}
- 17h : accueil de Mme {f1.lastfirst} au local, conflit avec sa voisine ({f2.first}) pour odeurs de cuisine.
- 17h45 : RDV de médiation fixé.
- 18h : appel de la voisine, coord. : {f2.email} / {tel}.

- 23h05 : rodéo motos {street}, 3 engins dont un immat. {plate}.
- 23h20 : PN informée.
- 23h50 : engins partis vers {place}.

- 07h45 : sortie d'école, {school}, RAS.
- 08h15 : parent ({m1.full}) signale un dealer devant le portail, surnommé {m2.nick}.
- 08h30 : transmis au CLSPD.

- 21h : patrouille pédestre {district}, {n} contacts.
- 21h40 : lampadaires HS {street}, signalé.
- 22h15 : tags frais sur abribus du {bus}.
- 23h : fin de service, RAS.

Main courante
- 19h12 : appel riverain {m1.init} : tapage au {addr}.
- 19h30 : sur place, personne ne répond.
- 20h05 : second appel du même riverain au {tel}, RAS depuis.

- 16h : visite à domicile chez M. et Mme {m1.last}, {addr}, suite plainte pour rats.
- 16h30 : constat terriers dans la cour.
- 17h : demande de dératisation, dossier {case}.

- 22h00 : regroupement hall bât. C, {addrs}.
- 22h10 : identités relevées : {m1.any}, {m2.any}, {m3.first} (mineur, {kid} ans).
- 22h30 : dispersion sans incident.

CR inondation - {when}
- 06h30 : caves inondées au {addr}.
- 07h00 : contact gardien {m1.full} ({tel}).
- 08h15 : {org} sur place, pompage.

- 21h20 : pétards près de {place}, groupe d'env. {n} jeunes.
- 21h40 : dialogue, l'un d'eux ({m1.full}) calme les autres.
- 22h : RAS.

Tournée de nuit {district}
- 00h10 : SDF endormi sous le porche de la médiathèque, maraude prévenue.
- 00h40 : bruit bar {street}, rappel à l'ordre au gérant.
- 01h30 : RAS.

- 15h : terrasse hors autorisation, {street}, exploitant : SARL Le Comptoir, SIRET {siret}.
- 15h20 : gérant M. {m1.last} absent, avertissement remis au serveur.
- 15h45 : photos au dossier {case}.

- 20h : rencontre Mme {f1.full}, née le {dob}, hébergée chez sa sœur au {addr}, NIR {nir}, demande logement d'urgence.
- 20h30 : orientée CCAS, tél. {tel}.
- 21h : RAS.

- 18h : DS volumineux au {addrs}, carton au nom de {m1.upper} retrouvé dans les déchets.
- 18h20 : adresse sur le carton : {addr}.
- 18h40 : transmis pour verbalisation.

Rapport garde champêtre
- 09h : chien errant près de {place}, puce lue : propriétaire {f1.any}, {tel}.
- 09h40 : propriétaire jointe, récupération à 11h.
- 11h15 : RAS.

- 22h50 : voiture brûlée sur parking, immat. {plate}, propriétaire inconnu.
- 23h10 : {org} prévenue.
- 23h30 : témoin, {m1.first}, {age}, dit avoir vu {n} individus.

- 13h : rassemblement syndical près de {place}, environ 300 pers.
- 14h30 : cortège vers la préfecture, {bus} dévié.
- 16h : dispersion, RAS, poubelles renversées {street}.

Suivi médiation voisinage - {case}
- 18h : entretien M. {m1.upper} / Mme {f2.upper}, conflit de stationnement devant le {addrs}.
- 18h45 : accord trouvé, le véh. {plate} sera garé au parking.
- 19h : clôture.

- 21h05 : mineur isolé près de {place}, se présente comme {m1.first}, {kid} ans, né le {dob.kid}.
- 21h15 : mère jointe ({tel}), vient le chercher.
- 21h40 : remis à la mère.

- 10h : permanence. Visite de {p1.full} ({p1.email}) pour graffitis sur sa vitrine {street}.
- 10h30 : prise de RDV nettoyage.
- 11h : RAS.

- 23h30 : nuisances sonores soirée étudiante au {addr}, {n} pers.
- 23h45 : locataire en titre : {f1.lower}.
- 00h10 : arrêt de la musique.

- 08h : relevé voitures ventouses {district} :
* {plate} devant le {addrs}
* {plate} {street}
* camionnette sans plaque près de {place}
- 09h : transmis fourrière.

- 19h : fête foraine près de {place}, affluence forte.
- 20h30 : 2 mineurs égarés retrouvés par leurs parents.
- 22h : fermeture, RAS, {n} signalements de nuisances.

- 16h40 : agression verbale contre la médiatrice {f1.first} par un riverain ({m2.full}) au {addrs}.
- 17h : main courante déposée.
- 17h30 : débriefing.

- 20h : visite chez M. {m1.full}, {addr}, né en {dob.year}, isolé, plainte pour bruit du bar voisin.
- 20h30 : appel de sa fille {f2.first} au {tel}.
- 21h : RAS.

Point hebdo médiation
- lundi : {n} conflits de voisinage, dont {addrs} (fam. {m1.last}).
- mercredi : rencontre collectif propreté ({f2.any}, {f2.email}).
- vendredi : dératisation {street}.

- 22h15 : dealers signalés rue piétonne, dispersés à notre arrivée. Un scooter {plate} repart vers {street}.
- 22h30 : PN informée, réf. {case}.

- 06h00 : nettoyage après marché nocturne {street}.
- 06h30 : {n} sacs de déchets, 2 caddies abandonnés.
- 07h15 : fin, photos transmises.

- 21h : appel Mme {f1.last} ({tel}) : voisin du dessous ({m2.any}) fume sur le palier.
- 21h20 : passage au {addr}, rappel du règlement.
- 21h45 : RAS.

- 13h15 : fuite d'eau sur chaussée devant le {addrs}, {org} prévenu.
- 14h : riverain, {m1.full}, signale une cave inondée, tél. {tel}.
- 14h30 : RAS.

- 18h : rencontre association de commerçants, présidente {f1.full} (SIREN {siren}).
- 18h30 : demande d'éclairage {street}.
- 19h : transmis.

- 20h10 : jeune homme blessé légèrement après une bagarre, {m1.full} ({age}), soins par les pompiers.
- 20h40 : son frère {m2.first} joint au {tel}.
- 21h : RAS près de {place}.

Bilan de nuit - {when}
- 3 tapages, 1 rixe, {n} DS.
- Lampadaire HS {street}.
- Aucune identité relevée.
- RAS près de {place}.

- 17h : rencontre avec {f1.nick} et {m2.nick}, habitués du square, alcoolisés mais calmes.
- 17h30 : orientation CSAPA proposée.
- 18h : RAS {street}.
"""

REPORTS_EN = """
Warden patrol log - {district}
- 19:05 Attended {addr} re: noise complaint. Spoke w/ occupant {m1.upper}. Advised. NFA.
- 19:40 Youths ({n}) by the shops, moved on.
- 20:30 End of patrol.

- 21:10 ASB report from {f1.full} ({tel}), group drinking outside {addrs}.
- 21:25 On scene, group dispersed on arrival.
- 21:50 Called back complainant, no further issues.

Shift summary {when}
- 18:00 On duty.
- 18:45 Fly-tip {street}, photographed, ref {case}.
- 19:30 Streetlight out near {place}, reported.
- 22:00 Off duty.

- 22:15 Fireworks in {place}, approx {n} youths.
- 22:30 One male identified as {m1.full}, DOB {dob}, warned.
- 22:45 Area quiet.

- 08:10 Veh reg {plate} parked on zig-zags outside school, PCN issued.
- 08:25 Driver {m1.any} returned, abusive, details taken: {addr}.
- 09:00 Patrol {street}.

- 14:00 Visit to {f1.full}, {addr}, re: rats in garden.
- 14:20 Burrows noted. Pest control booked, job {case}.
- 14:45 Resident's email for updates: {f1.email}.

- 20:00 Market close {street}, traders packing up.
- 20:30 Waste left at pitch 4 and 7, reported to {org}.
- 21:00 All clear.

- 23:20 Disturbance at {addrs}, male known as {m1.nick} shouting in street.
- 23:35 Police informed, attended 23:50.
- 00:10 NFA for wardens.

- 10:00 Squat at {addr}: door forced, {n} occupants, spoke w/ {m1.first} (no surname given).
- 10:30 Landlord {m2.full} informed on {tel}.
- 11:00 Ref {case}.

- 17:45 Elderly resident {f1.upper}, DOB {dob}, found confused on {street}.
- 18:05 Taken home to {addr}, daughter {f2.first} called on {tel}.
- 18:30 Handed over.

Outreach log
- 21:00 {m1.first}, rough sleeper, doorway of bank on {street}, offered shelter, declined.
- 21:40 {f2.first} ({age}) in {place}, referred to day centre.
- 22:30 End.

- 19:00 Abandoned vehicles check {district}:
* {plate} outside {addrs}, no tax
* {plate} near {place}, burnt out
- 19:45 Both reported for removal.

- 16:00 Demonstration in {place}, approx 200 people, peaceful.
- 17:30 March moved off, {bus} diverted.
- 18:15 Litter left, cleansing informed.

- 22:40 Noise at {addr}, party, tenant {f1.lower} cooperative.
- 23:10 Music off.
- 23:30 Complainant {m2.init} informed.

- 12:30 Pavement licence check {street}: cafe operator {m1.full}, tables beyond permitted line.
- 12:50 Warning issued, photos to file {case}.

- 20:15 Dealing suspected corner of {street}, silver car {plate}, 2 males.
- 20:20 Passed to police, ref {case}.
- 20:40 Resident {f1.first} (won't give surname) says it's daily.

- 09:15 Flooding reported at {addr}, basement.
- 09:40 Caretaker {m1.full} on site, {tel}.
- 10:30 {org} attended, drain cleared.

Night shift {district}
- 23:00 Bins alight behind shops, fire service attended.
- 00:30 Group of {n} on swings in {place}, moved on.
- 02:00 Quiet.

- 18:10 Dog fouling complaint from {f1.any} ({f1.emaild}).
- 18:30 Patrol {place}, owner seen, warned.
- 19:00 NFA.

- 21:30 Child alone in {place}, says name is {f1.first}, age {kid}.
- 21:40 Mum {f2.full} reached on {tel}, collected 21:55.
- 22:10 Logged.

- 11:00 Meeting w/ residents' group chair {m1.full} ({m1.email}) re: street party on {street}.
- 11:45 Road closure form given.
- 12:00 NFA.

- 07:50 Graffiti on school wall, tag reads {m1.nick}.
- 08:10 Head teacher Ms {f2.last} informed.
- 08:30 Removal booked.

- 15:00 Potholes {street}, 3 logged.
- 15:30 Streetlights out x{n} near {place}.
- 16:00 All reported via app, ref {case}.

- 22:00 Fight outside pub on {street}, {n} males.
- 22:10 Injured male {m1.full}, {age}, treated by paramedics.
- 22:40 Witness {f2.any}, {tel}.

- 13:00 Van {plate} fly-tipping in lane behind {addrs}, driver gave name {m1.full}.
- 13:20 FPN issued, {amount}.
- 13:40 Cleared.

- 19:20 Noise complaint, caller {p1.full}, {addr}, {tel}.
- 19:50 Source: house party, music reduced.
- 20:30 Revisit, quiet.

- 10:00 Business check, takeaway on {street}, owner {m1.last}.
- 10:30 Waste contract missing, letter sent.
- 11:00 NFA.

- 21:00 Patrol {district} w/ colleague.
- 21:30 Rats seen by bins on {street}.
- 22:15 Kids throwing stones at buses ({bus}), moved on.
- 23:00 End.

- 17:00 Home visit {m1.full}, {addr}, DOB {dob}, hoarding concerns, garden full of waste.
- 17:40 Son {m2.first} on {tel}.
- 18:00 Referred to adult services.

- 20:00 Parking dispute between {m1.any} and {f2.any} outside {addrs}.
- 20:20 Both vehicles ({plate} and {plate}) moved.
- 20:40 NFA.
"""

TEMPLATES = {
    "portal": {"fr": parse_block(PORTAL_FR), "en": parse_block(PORTAL_EN)},
    "voicemail": {"fr": parse_block(VOICEMAIL_FR), "en": parse_block(VOICEMAIL_EN)},
    "report": {"fr": parse_block(REPORTS_FR, report=True), "en": parse_block(REPORTS_EN, report=True)},
}


# ---------------------------------------------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------------------------------------------


def main() -> None:
    rng = random.Random(SEED)
    for source, by_lang in TEMPLATES.items():
        n_tpl = sum(len(v) for v in by_lang.values())
        assert n_tpl >= 70, (source, n_tpl)
        for tpls in by_lang.values():
            assert len(set(tpls)) == len(tpls), source
    records, seen = [], set()
    for lang in ("fr", "en"):
        pool = [(src, t) for src, by_lang in TEMPLATES.items() for t in by_lang[lang]]
        order = []
        while len(order) < TARGET[lang]:
            batch = pool[:]
            rng.shuffle(batch)
            order.extend(batch)
        for source, tpl in order[: TARGET[lang]]:
            for _ in range(200):
                rec = render(tpl, lang, source, rng)
                if rec["text"] not in seen and not problems(rec):
                    break
            else:
                raise RuntimeError(f"cannot render cleanly: {tpl[:60]}")
            seen.add(rec["text"])
            records.append(rec)
    rng.shuffle(records)
    with OUT.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    # re-read and re-check everything that was written
    counts: Counter[str] = Counter()
    empty = 0
    langs: Counter[str] = Counter()
    for line in OUT.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        assert not problems(rec), problems(rec)
        langs[rec["lang"]] += 1
        counts.update(s[2] for s in rec["spans"])
        empty += not rec["spans"]
    print(f"texts: {len(records)}  ({dict(langs)})")
    print(f"texts with no identifier: {empty} ({100 * empty / len(records):.1f}%)")
    for kind in TYPES:
        print(f"{kind:14s} {counts[kind]}")
    for source, by_lang in TEMPLATES.items():
        print(f"patterns {source}: " + ", ".join(f"{k}={len(v)}" for k, v in by_lang.items()))


if __name__ == "__main__":
    main()
