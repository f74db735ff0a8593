#!/usr/bin/env python3
"""Generate the third development corpus (pii_corpus_dev3.jsonl), first written as a held-out corpus.

Standalone, stdlib only, seeded: running it again rewrites the same file.

    python tests/data/dev3/make_corpus.py

Every line is {"lang": "fr"|"en", "text": ..., "spans": [[start, end, TYPE], ...]}.
Texts are assembled from segments, each either plain text (type None) or one
identifier (type set), so character offsets are exact by construction; they
are re-checked (checksums recomputed, word boundaries, no overlap, no valid
identifier hiding in the unmarked text) before anything is written.
Names, streets and every other list below were written by hand for this file.
"""

from __future__ import annotations

import json
import random
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

SEED = 8128_2026
N_TEXTS = 500
FR_SHARE = 0.6
OUT = Path(__file__).resolve().parent / "pii_corpus_dev3.jsonl"

rng = random.Random(SEED)

TYPES = ("PERSON", "DATE_OF_BIRTH", "ADDRESS", "PHONE", "EMAIL", "NIR", "IBAN", "SIRET", "SIREN", "CARD", "PLATE")


def pick(seq):
    return rng.choice(seq)


def wpick(pairs):
    """pairs: list of (item, weight)."""
    items = [p[0] for p in pairs]
    weights = [p[1] for p in pairs]
    return rng.choices(items, weights=weights, k=1)[0]


def digits(n):
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


def fold(s):
    """Strip accents (NFD + drop combining marks), keep everything else."""
    out = unicodedata.normalize("NFD", s)
    out = "".join(c for c in out if not unicodedata.combining(c))
    return out.replace("ı", "i").replace("ł", "l").replace("Ł", "L")


# ---------------------------------------------------------------- checksums
def luhn_ok(d: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(d)):
        v = int(ch)
        if i % 2 == 1:
            v *= 2
            if v > 9:
                v -= 9
        total += v
    return total % 10 == 0


def luhn_complete(partial: str) -> str:
    for c in "0123456789":
        if luhn_ok(partial + c):
            return partial + c
    raise AssertionError


def luhn_fail(n: int, first: str | None = None) -> str:
    while True:
        head = first if first is not None else str(rng.randint(1, 9))
        s = head + digits(n - len(head))
        if not luhn_ok(s):
            return s


def nir_key(first13: str) -> int:
    s = first13.upper()
    if s[5:7] == "2A":
        s = s[:5] + "19" + s[7:]
    elif s[5:7] == "2B":
        s = s[:5] + "18" + s[7:]
    return 97 - int(s) % 97


def nir_ok(raw: str) -> bool:
    s = re.sub(r"[\s.\-]", "", raw).upper()
    if len(s) != 15 or not re.fullmatch(r"[12]\d{4}(\d\d|2A|2B)\d{8}", s):
        return False
    return nir_key(s[:13]) == int(s[13:])


def iban_mod(s: str) -> int:
    rearr = s[4:] + s[:4]
    num = "".join(str(int(c, 36)) for c in rearr)
    return int(num) % 97


def iban_make(country: str, bban: str) -> str:
    cd = 98 - iban_mod(country + "00" + bban)
    return f"{country}{cd:02d}{bban}"


IBAN_LEN = {"FR": 27, "BE": 16, "DE": 22, "ES": 24, "IT": 27, "GB": 22}


def iban_ok(raw: str) -> bool:
    s = re.sub(r"\s", "", raw).upper()
    if s[:2] not in IBAN_LEN or len(s) != IBAN_LEN[s[:2]]:
        return False
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]+", s):
        return False
    return iban_mod(s) == 1


# ---------------------------------------------------------------- name lists
# origin -> (male first names, female first names, surnames)
NAMES = {
    "fr": (
        [
            "Jean",
            "Thierry",
            "Sébastien",
            "Didier",
            "Loïc",
            "Jean-Pierre",
            "Gérard",
            "Benoît",
            "Jérôme",
            "Hervé",
            "Jean-Marc",
            "Anthony",
            "Kévin",
            "Mathis",
        ],
        [
            "Nathalie",
            "Sandrine",
            "Brigitte",
            "Gaëlle",
            "Marie-Claude",
            "Anne-Sophie",
            "Camille",
            "Séverine",
            "Josiane",
            "Océane",
            "Marie-Thérèse",
            "Maëva",
        ],
        [
            "Moreau",
            "Lefebvre",
            "Girard",
            "Rousseau",
            "Dupuis",
            "Lemaire",
            "Vasseur",
            "Gauthier",
            "Masson",
            "Perrin",
            "Caron",
            "Delattre",
            "de La Tour",
            "Dubois-Marchal",
            "Lacroix",
            "Hamon",
            "Roussel",
        ],
    ),
    "fr_word": (
        ["Pierre", "Olivier", "Clément", "Martin", "Auguste"],
        ["Rose", "Olive", "Blanche", "Violette", "Prune", "Margot", "Capucine"],
        [
            "Blanc",
            "Petit",
            "Lebrun",
            "Marchand",
            "Boulanger",
            "Pierre",
            "Rose",
            "Meunier",
            "Bonnet",
            "Lenoir",
            "Carré",
            "Fournier",
        ],
    ),
    "breton": (
        ["Yann", "Erwan", "Tugdual", "Ronan", "Gwenolé", "Loïc-Marie"],
        ["Gwenaëlle", "Maïwenn", "Soizic", "Nolwenn", "Enora", "Rozenn"],
        [
            "Le Goff",
            "Le Bihan",
            "Kerjean",
            "Le Gall",
            "Quéméner",
            "Guivarc'h",
            "Le Floch",
            "Kerhervé",
            "Morvan",
            "Le Cornec",
            "Riou",
            "Tanguy",
        ],
    ),
    "corse": (
        ["Dominique", "Paul-Antoine", "Ghjuvanni", "Santu", "Ange-Mathieu"],
        ["Letizia", "Anghjula", "Marie-Dominique", "Ghjulia", "Serena"],
        ["Santoni", "Casanova", "Pietri", "Luciani", "Filippi", "Orsoni", "Peretti", "Colonna d'Istria", "Mondoloni", "Ceccaldi"],
    ),
    "alsace": (
        ["Fernand", "Aloïse", "Gilbert", "Théo", "Jean-Georges"],
        ["Odile", "Adèle", "Marthe", "Lisa", "Cécile"],
        ["Schneider", "Schaeffer", "Wendling", "Kieffer", "Hirtz", "Ehrhart", "Riehl", "Stoeckel", "Wurtz", "Herrmann"],
    ),
    "pt": (
        ["João", "Tiago", "Joaquim", "Rui", "Manuel", "Nuno", "Vítor"],
        ["Inês", "Conceição", "Maria da Graça", "Fátima", "Beatriz", "Rosa"],
        [
            "Da Costa",
            "Ferreira",
            "Pereira",
            "Gonçalves",
            "Rodrigues",
            "Da Silva",
            "Carvalho",
            "Sousa",
            "Teixeira",
            "Dos Santos",
            "Magalhães",
        ],
    ),
    "pl": (
        ["Krzysztof", "Wojciech", "Paweł", "Tomasz", "Grzegorz", "Marek"],
        ["Agnieszka", "Małgorzata", "Zofia", "Katarzyna", "Joanna", "Ewa"],
        [
            "Kowalski",
            "Wiśniewski",
            "Nowak",
            "Zieliński",
            "Wójcik",
            "Grabowski",
            "Szymański",
            "Lewandowski",
            "Dąbrowski",
            "Kaczmarek",
            "Jabłoński",
        ],
    ),
    "vn": (
        ["Van Minh", "Duc Anh", "Quang", "Van Hung", "Thanh", "Huu Phuoc"],
        ["Thi Lan", "Thi Hoa", "Thi Mai", "Huong", "Linh", "Thi Thu Trang"],
        ["Nguyen", "Tran", "Pham", "Le", "Hoang", "Vu", "Dang", "Bui", "Do", "Ngo"],
    ),
    "ml": (
        ["Mamadou", "Boubacar", "Seydou", "Moussa", "Bakary", "Souleymane"],
        ["Fatoumata", "Aminata", "Oumou", "Kadiatou", "Mariam", "Assitan"],
        ["Traoré", "Keïta", "Coulibaly", "Diarra", "Konaté", "Sissoko", "Dembélé", "Touré", "Sangaré", "Doumbia"],
    ),
    "sn": (
        ["Cheikh", "Moustapha", "Abdoulaye", "Ousmane", "Pape", "Ibrahima"],
        ["Awa", "Ndeye", "Khady", "Aïssatou", "Fatou", "Coumba"],
        ["N'Diaye", "Diop", "Fall", "Sow", "Mbaye", "Ndour", "Sarr", "Gueye", "Faye", "Diagne", "Ba"],
    ),
    "ci": (
        ["Yannick", "Serge-Alain", "Kouadio", "Brice", "Didier-Noël"],
        ["Adjoua", "Affoué", "Ange-Marie", "Aya", "Akissi"],
        ["Kouassi", "Kouamé", "Yao", "N'Guessan", "Koffi", "Bamba", "Ouattara", "Aka", "Gbagbo-Lath", "Tanoh"],
    ),
    "dz": (
        ["Karim", "Sofiane", "Rachid", "Abdelkader", "Lyes", "Mourad", "Nassim"],
        ["Nadia", "Yasmina", "Fatiha", "Kahina", "Samia", "Dihya", "Lamia"],
        [
            "Benali",
            "Bouzid",
            "Belkacem",
            "Hadj-Ali",
            "Zerrouki",
            "Medjdoub",
            "Ait Ouali",
            "Boudiaf",
            "Cherif",
            "Hamidi",
            "Ait Mansour",
        ],
    ),
    "ma": (
        ["Youssef", "Mohammed", "Hamza", "Anas", "Driss", "Mehdi"],
        ["Khadija", "Zineb", "Meryem", "Salma", "Ghita", "Loubna"],
        ["El Amrani", "Benjelloun", "Bennani", "El Idrissi", "Tazi", "Alaoui", "Ouazzani", "Berrada", "El Fassi", "Chraibi"],
    ),
    "tn": (
        ["Slim", "Skander", "Walid", "Mehdi", "Hédi", "Anis"],
        ["Amira", "Rim", "Houda", "Sonia", "Olfa", "Ines"],
        ["Ben Youssef", "Ben Salah", "Trabelsi", "Jebali", "Gharbi", "Mejri", "Ben Ammar", "Bouazizi", "Hammami"],
    ),
    "tr": (
        ["Emre", "Mehmet", "Burak", "Hakan", "Mustafa", "Oğuz"],
        ["Ayşe", "Elif", "Zeynep", "Emine", "Büşra", "Gülsüm"],
        ["Yılmaz", "Demir", "Öztürk", "Kaya", "Çelik", "Şahin", "Aydın", "Arslan", "Doğan", "Kılıç"],
    ),
    "km": (
        ["Nourdine", "Ibrahim", "Said", "Anrifidine", "Soilihi"],
        ["Anfia", "Moinaecha", "Zaouiya", "Soifiat", "Echati"],
        ["Said Ahmed", "Mohamed Soilihi", "Abdallah", "Madi", "Ali Mroivili", "Bacar", "Toybou", "Houmadi", "Combo"],
    ),
    "am": (
        ["Garo", "Vahé", "Aram", "Krikor", "Haroutioun"],
        ["Anahit", "Hasmik", "Araxie", "Lousine", "Nariné"],
        [
            "Petrossian",
            "Hagopian",
            "Manoukian",
            "Arakelian",
            "Sarkissian",
            "Kevorkian",
            "Der Avedissian",
            "Balian",
            "Ter-Minassian",
        ],
    ),
    "it": (
        ["Giuseppe", "Alessandro", "Giancarlo", "Salvatore", "Matteo"],
        ["Francesca", "Chiara", "Lucia", "Giulia", "Rosaria"],
        ["Rossi", "Esposito", "Bianchi", "Colombo", "Ricci", "De Luca", "Lo Bianco", "Russo", "Greco", "Marchetti", "Di Stefano"],
    ),
    "es": (
        ["José Luis", "Javier", "Alejandro", "Iñaki", "Jordi"],
        ["Carmen", "Pilar", "Inmaculada", "Nuria", "Lucía", "María José"],
        ["García", "Fernández", "López", "Martínez Ruiz", "Sánchez", "De la Fuente", "Jiménez", "Navarro", "Ibáñez", "Castillo"],
    ),
    "de": (
        ["Jürgen", "Matthias", "Klaus-Dieter", "Wolfgang", "Lukas"],
        ["Ute", "Anke", "Heike", "Sabine", "Annegret"],
        ["Schmidt", "Becker", "Hoffmann", "Schröder", "Krüger", "Zimmermann", "Vogel", "von Arnim", "Schäfer", "Weißenborn"],
    ),
    "nl": (
        ["Pieter", "Joris", "Wouter", "Sander", "Jeroen", "Koen"],
        ["Griet", "Marieke", "Lieve", "Saskia", "Anouk", "Femke"],
        [
            "Van der Berg",
            "De Vries",
            "Janssens",
            "Peeters",
            "Van Damme",
            "De Smet",
            "Vermeulen",
            "Van den Broeck",
            "Claes",
            "Van Acker",
        ],
    ),
    "ie": (
        ["Ciarán", "Pádraig", "Seán", "Cathal", "Declan", "Eoin"],
        ["Siobhán", "Niamh", "Aoife", "Róisín", "Orla", "Caoimhe"],
        [
            "O'Brien",
            "Murphy",
            "O'Sullivan",
            "McCarthy",
            "Byrne",
            "Fitzgerald",
            "MacNamara",
            "Gallagher",
            "O'Donnell",
            "Ní Bhriain",
        ],
    ),
    "in": (
        ["Arjun", "Rohan", "Vikram", "Rajesh", "Sanjay", "Aditya"],
        ["Priya", "Lakshmi", "Ananya", "Deepika", "Kavitha", "Meenakshi"],
        ["Sharma", "Patel", "Venkataraman", "Iyer", "Gupta", "Reddy", "Banerjee", "Singh", "Chaudhary", "Krishnamurthy", "Menon"],
    ),
    "cn": (
        ["Wei", "Xiaoming", "Jun", "Hao", "Zhiwei", "Jian"],
        ["Mei Ling", "Li Na", "Yuxin", "Xiu Ying", "Jing", "Fang"],
        ["Wang", "Zhang", "Liu", "Chen", "Huang", "Zhou", "Wu", "Xu", "Lin", "Zhao"],
    ),
    "ro": (
        ["Ionuț", "Bogdan", "Florin", "Mihai", "Răzvan"],
        ["Andreea", "Mihaela", "Ioana", "Elena", "Roxana"],
        ["Popescu", "Ionescu", "Dumitrescu", "Constantinescu", "Stanciu", "Munteanu", "Năstase", "Georgescu", "Vasilescu"],
    ),
    "en": (
        ["Tom", "Jack", "Gareth", "Callum", "Dwayne", "Nathan", "Stuart"],
        ["Emily", "Sarah", "Chloe", "Gemma", "Tanisha", "Leanne", "Jodie"],
        [
            "Thompson",
            "Walker",
            "Hughes",
            "Whitfield",
            "Johnson",
            "Pritchard",
            "Okafor",
            "Adeyemi",
            "Ashworth",
            "Campbell",
            "Llewellyn",
        ],
    ),
    "en_word": (
        ["Will", "Mark", "Cash", "Chase", "Rob", "Frank", "Hunter"],
        ["Grace", "Hope", "Faith", "Rose", "Olive", "Joy", "Ivy", "Holly", "Summer"],
        ["Cash", "Hope", "Baker", "Stone", "Bell", "Young", "Wood", "Fox", "Hill", "Rose", "Grace"],
    ),
}

ORIGIN_W = {
    "fr": {
        "fr": 10,
        "fr_word": 6,
        "breton": 5,
        "corse": 4,
        "alsace": 4,
        "pt": 6,
        "pl": 4,
        "vn": 4,
        "ml": 6,
        "sn": 5,
        "ci": 4,
        "dz": 6,
        "ma": 5,
        "tn": 4,
        "tr": 4,
        "km": 4,
        "am": 3,
        "it": 3,
        "es": 3,
        "de": 2,
        "nl": 2,
        "ie": 1,
        "in": 2,
        "cn": 3,
        "ro": 3,
        "en": 1,
        "en_word": 1,
    },
    "en": {
        "fr": 3,
        "fr_word": 2,
        "breton": 1,
        "corse": 1,
        "alsace": 1,
        "pt": 3,
        "pl": 5,
        "vn": 3,
        "ml": 2,
        "sn": 2,
        "ci": 2,
        "dz": 2,
        "ma": 2,
        "tn": 2,
        "tr": 3,
        "km": 1,
        "am": 2,
        "it": 3,
        "es": 3,
        "de": 3,
        "nl": 3,
        "ie": 6,
        "in": 6,
        "cn": 5,
        "ro": 3,
        "en": 9,
        "en_word": 7,
    },
}


def polish_female(s):
    for a, b in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
        if s.endswith(a):
            return s[: -len(a)] + b
    return s


def new_person(lang, gender=None):
    origin = wpick(list(ORIGIN_W[lang].items()))
    males, females, surnames = NAMES[origin]
    g = gender or pick("mf")
    first = pick(males if g == "m" else females)
    last = pick(surnames)
    if origin == "pl" and g == "f":
        last = polish_female(last)
    return {"first": first, "last": last, "g": g, "origin": origin}


TITLES = {
    ("fr", "m"): ["M. ", "M. ", "M. ", "M ", "Monsieur ", "Mr ", "Mr. ", "Dr ", "Me ", "mr "],
    ("fr", "f"): ["Mme ", "Mme ", "Mme ", "Madame ", "Mlle ", "Mme. ", "Dr ", "Me ", "mme "],
    ("en", "m"): ["Mr ", "Mr. ", "Mr ", "Dr ", "Dr. "],
    ("en", "f"): ["Mrs ", "Ms ", "Miss ", "Mrs. ", "Ms. ", "Dr "],
}


def initials(first):
    parts = re.split(r"([\- ])", first)
    out = ""
    for p in parts:
        if p in ("-", " "):
            out += "-" if p == "-" else " "
        elif p:
            out += p[0] + "."
    return out


def person_segments(p, fmt, lang):
    F, L = p["first"], p["last"]
    t = None
    if fmt == "full":
        return [(f"{F} {L}", "PERSON")]
    if fmt == "LAST_first":
        return [(f"{L.upper()} {F}", "PERSON")]
    if fmt == "FULLCAPS":
        return [(f"{F} {L}".upper(), "PERSON")]
    if fmt == "first":
        return [(F, "PERSON")]
    if fmt == "last":
        return [(L, "PERSON")]
    if fmt == "LAST":
        return [(L.upper(), "PERSON")]
    if fmt in ("title_LAST", "title_last", "title_full", "title_LAST_first"):
        t = pick(TITLES[(lang, p["g"])])
        body = {"title_LAST": L.upper(), "title_last": L, "title_full": f"{F} {L}", "title_LAST_first": f"{L.upper()} {F}"}[fmt]
        return [(t, None), (body, "PERSON")]
    if fmt == "init_first":
        sep = pick([" ", " ", ""])
        return [(f"{initials(F)}{sep}{L}", "PERSON")]
    if fmt == "last_init":
        return [(f"{pick([L, L.upper()])} {initials(F)}", "PERSON")]
    raise ValueError(fmt)


PERSON_FMTS = [
    ("full", 22),
    ("LAST_first", 12),
    ("title_LAST", 14),
    ("title_full", 7),
    ("title_last", 10),
    ("title_LAST_first", 3),
    ("init_first", 6),
    ("last_init", 4),
    ("first", 9),
    ("FULLCAPS", 3),
]


def choose_fmt(p, fmts):
    # an initial "M." would read as a civil title: avoid initials for those names
    if p["first"][0] == "M":
        fmts = [f for f in fmts if f[0] not in ("init_first", "last_init")] or [("full", 1)]
    return wpick(fmts)


ROLES = {
    ("fr", "m"): [
        "le gardien",
        "le gérant",
        "le syndic",
        "mon voisin",
        "son voisin",
        "mon collègue",
        "l'agent",
        "le chauffeur",
        "le commerçant",
        "le témoin",
        "le patron du bar",
        "l'éducateur",
        "le policier municipal",
        "le gardien d'immeuble",
        "le responsable du chantier",
        "le locataire du 2e",
        "le fils de la dame,",
    ],
    ("fr", "f"): [
        "la gardienne",
        "la gérante",
        "ma voisine",
        "sa voisine",
        "ma collègue",
        "l'agente",
        "la conductrice",
        "la témoin",
        "la directrice de l'école",
        "la présidente de l'amicale",
        "la locataire",
        "la pharmacienne",
        "la médiatrice",
    ],
    ("en", "m"): [
        "the caretaker",
        "my neighbour",
        "the witness",
        "the driver",
        "officer",
        "the landlord",
        "the shop owner",
        "PC",
        "Sgt",
        "the warden",
        "my colleague",
        "the bar manager",
        "the security guard",
        "her husband",
        "the site foreman",
    ],
    ("en", "f"): [
        "the caretaker",
        "my neighbour",
        "the witness",
        "the driver",
        "officer",
        "the landlady",
        "the shop owner",
        "PC",
        "the warden",
        "my colleague",
        "the building manager",
        "the head teacher",
        "his wife",
        "the neighbour",
    ],
}
ROLE_FMTS = [("full", 8), ("last", 6), ("LAST", 3), ("first", 6), ("title_LAST", 3), ("LAST_first", 3), ("title_last", 2)]


# ---------------------------------------------------------------- dates of birth
FR_MONTHS = [
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
FR_MONTHS_ABBR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
EN_MONTHS = [
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
EN_ABBR = [m[:3] for m in EN_MONTHS]
MDAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def rand_dob():
    y = rng.randint(1934, 2009)
    m = rng.randint(1, 12)
    d = rng.randint(1, MDAYS[m - 1])
    if rng.random() < 0.12:
        d = 1
    return d, m, y


def ordinal(d):
    if 10 <= d % 100 <= 20:
        suf = "th"
    else:
        suf = {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    return f"{d}{suf}"


def dob_text(lang, d, m, y):
    if lang == "fr":
        style = wpick(
            [
                ("dmy/", 22),
                ("d/m/y", 4),
                ("dmy.yy", 8),
                ("dmy-", 7),
                ("iso", 6),
                ("long", 16),
                ("LONG", 6),
                ("abbr", 7),
                ("dmy/yy", 6),
                ("dmy.", 4),
            ]
        )
        if style == "dmy/":
            return f"{d:02d}/{m:02d}/{y}"
        if style == "d/m/y":
            return f"{d}/{m}/{y}"
        if style == "dmy.yy":
            return f"{d:02d}.{m:02d}.{y % 100:02d}"
        if style == "dmy.":
            return f"{d:02d}.{m:02d}.{y}"
        if style == "dmy-":
            return f"{d:02d}-{m:02d}-{y}"
        if style == "iso":
            return f"{y}-{m:02d}-{d:02d}"
        if style == "dmy/yy":
            return f"{d:02d}/{m:02d}/{y % 100:02d}"
        dd = "1er" if d == 1 else str(d)
        if style == "long":
            return f"{dd} {FR_MONTHS[m - 1]} {y}"
        if style == "LONG":
            return f"{dd} {FR_MONTHS[m - 1].upper()} {y}"
        return f"{dd} {FR_MONTHS_ABBR[m - 1]} {y}"
    style = wpick(
        [
            ("Mdy", 14),
            ("Md y", 3),
            ("ordM", 10),
            ("dM", 6),
            ("dMyy", 7),
            ("dMy", 5),
            ("M.d", 4),
            ("dmy/", 10),
            ("mdy/", 6),
            ("iso", 6),
            ("d-M-y", 4),
            ("dmy.", 3),
        ]
    )
    if style == "Mdy":
        return f"{EN_MONTHS[m - 1]} {d}, {y}"
    if style == "Md y":
        return f"{EN_MONTHS[m - 1]} {ordinal(d)} {y}"
    if style == "ordM":
        return f"{ordinal(d)} {EN_MONTHS[m - 1]} {y}"
    if style == "dM":
        return f"{d} {EN_MONTHS[m - 1]} {y}"
    if style == "dMyy":
        return f"{d} {EN_ABBR[m - 1]} {y % 100:02d}"
    if style == "dMy":
        return f"{d} {EN_ABBR[m - 1]} {y}"
    if style == "M.d":
        return f"{EN_ABBR[m - 1]}. {d}, {y}"
    if style == "dmy/":
        return f"{d:02d}/{m:02d}/{y}"
    if style == "mdy/":
        return f"{m:02d}/{d:02d}/{y}"
    if style == "iso":
        return f"{y}-{m:02d}-{d:02d}"
    if style == "d-M-y":
        return f"{d:02d}-{EN_ABBR[m - 1]}-{y}"
    return f"{d:02d}.{m:02d}.{y}"


COUNTRIES_FR = [
    "Algérie",
    "Pologne",
    "Côte d'Ivoire",
    "Guadeloupe",
    "Italie",
    "Bretagne",
    "Turquie",
    "Arménie",
    "Roumanie",
    "Martinique",
    "Tunisie",
    "Corse",
    "Belgique",
]


def dob_segments(lang, gender):
    d, m, y = rand_dob()
    date = dob_text(lang, d, m, y)
    if lang == "fr":
        ne = {"m": "né", "f": "née", None: "né(e)"}[gender]
        ctx = wpick(
            [
                (f"{ne} le ", 14),
                ("NÉ(E) LE ", 4),
                ("ne le ", 5),
                (f"{fold(ne)} le ", 3),
                ("usgr né(e) le ", 4),
                ("date de naissance donnée par l'usager : ", 4),
                ("DDN ", 6),
                ("DDN: ", 3),
                ("ddn ", 2),
                (f"{ne} en {pick(COUNTRIES_FR)} le ", 4),
                ("date de naiss. ", 3),
                ("d.n. ", 2),
            ]
        )
        return [(ctx, None), (date, "DATE_OF_BIRTH")]
    age = 2026 - y - (1 if m > 4 else 0)
    kind = wpick(
        [
            ("DOB ", 10),
            ("DOB: ", 6),
            ("D.O.B. ", 5),
            ("born on ", 6),
            ("b. ", 4),
            ("date of birth: ", 6),
            ("birthdate ", 3),
            ("age", 5),
            ("dob ", 2),
            ("Date of Birth - ", 2),
        ]
    )
    if kind == "age":
        return [(f"age {age} (DOB ", None), (date, "DATE_OF_BIRTH"), (")", None)]
    return [(kind, None), (date, "DATE_OF_BIRTH")]


# ---------------------------------------------------------------- addresses
FR_STREET_TYPES = [
    (["rue", "rue", "r.", "R.", "Rue", "rue"], 30),
    (["boulevard", "bd", "bld", "Bd", "Bld."], 10),
    (["avenue", "av.", "av", "Av.", "ave"], 10),
    (["impasse", "imp.", "Imp"], 4),
    (["chemin", "che.", "ch.", "Chemin"], 4),
    (["allée", "all.", "allee"], 4),
    (["place", "pl."], 3),
    (["route", "rte", "Rte"], 3),
    (["square", "sq."], 2),
    (["quai", "qu."], 3),
    (["cours", "crs"], 3),
    (["passage", "pass."], 2),
    (["villa"], 1),
    (["faubourg", "fbg"], 1),
    (["sentier"], 1),
    (["cité"], 1),
]
FR_STREET_NAMES = [
    "des Lilas",
    "de Rome",
    "Victor Hugo",
    "du Moulin Vert",
    "des Tanneurs",
    "Paul Vaillant-Couturier",
    "de la Fontaine-au-Roi",
    "des Cordiers",
    "Saint-Exupéry",
    "des Glycines",
    "du Docteur Calmette",
    "Lamartine",
    "des Peupliers",
    "de Tolbiac",
    "Gambetta",
    "de l'Abbé Groult",
    "du 8 Mai 1945",
    "Aristide Briand",
    "des Jardiniers",
    "des Trois Frères",
    "Marcel Sembat",
    "Jean Moulin",
    "du Général Leclerc",
    "des Vignerons",
    "de la Forge",
    "des Tilleuls",
    "Pasteur",
    "de Belleville",
    "des Mûriers",
    "de Verdun",
    "Édith Piaf",
    "Louise Michel",
    "des Marronniers",
    "des Rosiers",
    "de la Gare",
    "du Château d'Eau",
    "Condorcet",
    "des Canuts",
    "Garibaldi",
    "Mouffetard",
    "de Charonne",
    "des Pêcheurs",
    "du Puits Salé",
    "Sainte-Anne",
    "de Strasbourg",
    "Kléber",
    "des Acacias",
    "de la Mare",
    "des Cascades",
    "Oberkampf",
    "de Crimée",
    "des Écoles",
    "du Commandant Rivière",
    "Danielle Casanova",
    "des Hirondelles",
    "du Vieux Port",
    "de Flandre",
    "Jules Guesde",
    "des Frères Lumière",
    "de la Croix-Rousse",
    "du Bois de Boulogne",
    "Anatole France",
    "des Sablons",
    "de Ménilmontant",
    "des Quatre Vents",
    "Ledru-Rollin",
    "de la Paix",
    "du Stade",
    "Henri Barbusse",
    "de l'Ourcq",
    "des Coquelicots",
    "Jean Jaurès",
    "du Maréchal Foch",
    "des Martyrs",
    "de la Liberté",
    "du Pré-Saint-Gervais",
    "Frédéric Mistral",
    "de Metz",
    "des Bleuets",
    "de l'Égalité",
    "Saint-Maur",
    "des Fossés",
    "du Lavoir",
    "Mohamed Bouazizi",
    "Rosa Parks",
    "Simone Veil",
    "Gisèle Halimi",
    "Nelson Mandela",
]
FR_CITIES = [
    "75011 Paris",
    "75019 PARIS",
    "75020 Paris",
    "69003 Lyon",
    "69001 LYON",
    "13001 Marseille",
    "13015 Marseille",
    "31000 Toulouse",
    "33800 Bordeaux",
    "59000 Lille",
    "93200 Saint-Denis",
    "94200 Ivry-sur-Seine",
    "44000 Nantes",
    "67000 Strasbourg",
    "35000 Rennes",
    "20000 Ajaccio",
    "20200 Bastia",
    "06300 Nice",
    "92110 Clichy",
    "34000 Montpellier",
    "93100 Montreuil",
    "29200 Brest",
    "68100 Mulhouse",
    "95100 Argenteuil",
    "38000 Grenoble",
    "97200 Fort-de-France",
]


def fr_address():
    n = rng.choice([rng.randint(1, 20), rng.randint(1, 60), rng.randint(1, 240)])
    num = str(n)
    r = rng.random()
    if r < 0.09:
        num += pick([" bis", "bis", " ter", "ter", " Bis"])
    elif r < 0.13:
        num += pick(["B", " B", "A"])
    elif r < 0.19:
        num += pick(["-", "/", " - "]) + str(n + pick([1, 2, 2, 4]))
    if rng.random() < 0.18:
        num += ","
    types = wpick(FR_STREET_TYPES)
    st = pick(types)
    name = pick(FR_STREET_NAMES)
    addr = f"{num} {st} {name}"
    r = rng.random()
    if r < 0.22:
        addr += pick([", ", " ", " - "]) + pick(FR_CITIES)
    elif r < 0.28:
        addr += " " + pick(FR_CITIES).split()[0]
    if rng.random() < 0.12:
        addr = addr.upper()
    return addr


EN_STREET_NAMES = [
    "Oak",
    "Elm",
    "Cedar",
    "Kingsley",
    "Albion",
    "Victoria",
    "Harbour",
    "Maple",
    "Mill",
    "Church",
    "Station",
    "Queens",
    "Ashdown",
    "Beechwood",
    "Hawthorn",
    "Willow",
    "Cromwell",
    "Lansdowne",
    "Peckham Hill",
    "Coldharbour",
    "Westbourne",
    "Marlborough",
    "Riverside",
    "Chapel",
    "Lordship",
    "Tulse Hill",
    "Granville",
    "Belvedere",
    "St Mary's",
    "Foxglove",
    "Montague",
    "Pelham",
    "Abbey",
    "Wharf",
    "Magnolia",
    "Sycamore",
    "Brookside",
    "Fairview",
    "Lincoln",
    "Westheimer",
    "Prospect",
    "Halsted",
    "Milwaukee",
]
EN_STREET_TYPES = [
    "Road",
    "Rd",
    "Rd.",
    "Street",
    "St",
    "St.",
    "Avenue",
    "Ave",
    "Lane",
    "Ln",
    "Court",
    "Ct.",
    "Close",
    "Crescent",
    "Drive",
    "Dr",
    "Grove",
    "Gardens",
    "Terrace",
    "Place",
    "Way",
    "Mews",
    "Blvd",
    "Row",
    "Square",
]
EN_CITIES = [
    "London SE15 4QT",
    "London E8 3RL",
    "Leeds LS6 2AB",
    "Manchester M14 5RT",
    "Bristol BS3 1QP",
    "Houston, TX 77002",
    "Houston, TX 77019",
    "Chicago, IL 60614",
    "Boston, MA 02118",
    "Brooklyn, NY 11211",
    "Dublin 8",
    "Cork T12 X2Y3",
    "Toronto, ON M5V 2T6",
    "Glasgow G12 8QQ",
    "Cardiff CF10 1AA",
]


def en_address():
    n = rng.choice([rng.randint(1, 30), rng.randint(1, 150), rng.randint(100, 9800)])
    num = str(n)
    if rng.random() < 0.14:
        num += pick(["B", "A", "a", "c"])
    elif rng.random() < 0.06:
        num += "-" + str(n + 2)
    core = f"{num} {pick(EN_STREET_NAMES)} {pick(EN_STREET_TYPES)}"
    r = rng.random()
    if r < 0.16:
        core = (
            pick(["Flat ", "Apt ", "Apt. ", "Unit ", "flat ", "apt "])
            + pick(["3", "4B", "12", "2", "7", "1A", "21"])
            + pick([", ", " ", ", "])
            + core
        )
    elif r < 0.26:
        core += pick([", Apt ", " apt ", " #", ", Unit ", ", flat "]) + pick(["3", "4B", "12", "210", "5"])
    if rng.random() < 0.3:
        core += pick([", ", " "]) + pick(EN_CITIES)
    if rng.random() < 0.07:
        core = core.upper()
    return core


# ---------------------------------------------------------------- phones
def fr_phone():
    first = wpick([("06", 10), ("07", 7), ("01", 4), ("02", 2), ("03", 2), ("04", 3), ("05", 2), ("09", 2)])
    rest = [f"{rng.randint(0, 99):02d}" for _ in range(4)]
    style = wpick(
        [
            ("sp", 25),
            ("none", 12),
            ("dot", 8),
            ("dash", 5),
            ("intl_sp", 9),
            ("intl_none", 6),
            ("0033", 3),
            ("paren0", 4),
            ("odd1", 5),
            ("odd2", 3),
            ("dblsp", 2),
            ("slash", 2),
            ("intl_dot", 2),
        ]
    )
    if style == "sp":
        return " ".join([first] + rest)
    if style == "none":
        return first + "".join(rest)
    if style == "dot":
        return ".".join([first] + rest)
    if style == "dash":
        return "-".join([first] + rest)
    if style == "intl_sp":
        return "+33 " + first[1] + " " + " ".join(rest)
    if style == "intl_none":
        return "+33" + first[1] + "".join(rest)
    if style == "0033":
        return "0033 " + first[1] + " " + " ".join(rest)
    if style == "paren0":
        return "+33 (0)" + first[1] + " " + " ".join(rest)
    if style == "odd1":
        allr = "".join(rest)
        return f"{first} {allr[:2]} {allr[2:5]} {allr[5:]}"
    if style == "odd2":
        allr = "".join(rest)
        return f"{first}{allr[:2]} {allr[2:6]} {allr[6:]}"
    if style == "dblsp":
        return "  ".join([first] + rest)
    if style == "slash":
        return first + "/" + "".join(rest[:2]) + "/" + "".join(rest[2:])
    return "+33." + first[1] + "." + ".".join(rest)


def other_phone():
    kind = wpick([("uk", 10), ("be", 6), ("na", 9), ("ch", 2), ("de", 2)])
    if kind == "uk":
        style = pick(["mob_sp", "mob_intl", "ldn", "ldn_intl", "mob_none"])
        if style == "mob_sp":
            return f"07{digits(3)} {digits(6)}"
        if style == "mob_intl":
            return f"+44 7{digits(3)} {digits(6)}"
        if style == "mob_none":
            return f"07{digits(9)}"
        if style == "ldn":
            return f"020 7{digits(3)} {digits(4)}"
        return f"+44 (0)20 7{digits(3)} {digits(4)}"
    if kind == "be":
        a, b = pick(["470", "471", "475", "485", "496"]), [digits(2) for _ in range(3)]
        style = pick(["intl", "nat", "slash", "land"])
        if style == "intl":
            return f"+32 {a} {' '.join(b)}"
        if style == "nat":
            return f"0{a} {' '.join(b)}"
        if style == "slash":
            return f"0{a}/{'.'.join(b)}"
        return f"+32 2 {digits(3)} {digits(2)} {digits(2)}"
    if kind == "na":
        area = pick(["713", "832", "281", "312", "773", "212", "646", "617", "416"])
        tail = f"01{digits(2)}"
        style = pick(["paren", "dash", "intl", "dot", "paren_nosp"])
        if style == "paren":
            return f"({area}) 555-{tail}"
        if style == "paren_nosp":
            return f"({area})555-{tail}"
        if style == "dash":
            return f"{area}-555-{tail}"
        if style == "dot":
            return f"{area}.555.{tail}"
        return f"+1 {area} 555 {tail}"
    if kind == "ch":
        return f"+41 7{rng.randint(6, 9)} {digits(3)} {digits(2)} {digits(2)}"
    return f"+49 15{rng.randint(1, 9)} {digits(8)}"


# ---------------------------------------------------------------- e-mails
DOMAINS_FR = [
    "gmail.com",
    "yahoo.fr",
    "hotmail.fr",
    "orange.fr",
    "free.fr",
    "laposte.net",
    "outlook.fr",
    "wanadoo.fr",
    "sfr.fr",
    "icloud.com",
    "protonmail.com",
    "live.fr",
    "bati-renov-idf.fr",
    "neuf.fr",
]
DOMAINS_EN = [
    "gmail.com",
    "yahoo.co.uk",
    "hotmail.co.uk",
    "outlook.com",
    "btinternet.com",
    "icloud.com",
    "aol.com",
    "protonmail.com",
    "gmx.de",
    "comcast.net",
    "live.ie",
    "sky.com",
]


def slug(s):
    return re.sub(r"[^a-z]", "", fold(s).lower())


def email_text(lang, person=None):
    p = person or new_person(lang)
    f, surname = slug(p["first"]) or "contact", slug(p["last"]) or "info"
    n = str(rng.randint(1, 99)) if rng.random() < 0.5 else str(rng.randint(1950, 2008))
    local = wpick(
        [
            (f"{f}.{surname}", 10),
            (f"{f}{surname}{n}", 5),
            (f"{f[0]}.{surname}", 4),
            (f"{surname}_{f}", 3),
            (f"{f}{n}", 3),
            (f"{surname}.{f[0]}", 2),
            (f"{f}-{surname}", 2),
            (f"{pick(['lili', 'nounours', 'kiki', 'bigboss', 'titou', 'ptitloup', 'mamie'])}{n}", 3),
            (f"{f[0]}{surname}", 3),
        ]
    )
    dom = pick(DOMAINS_FR if lang == "fr" else DOMAINS_EN)
    style = wpick([("plain", 20), ("upper", 4), ("at_dot", 6), ("sp_at", 5), ("paren", 3), ("brack", 3), ("cap", 3)])
    if style == "plain":
        return f"{local}@{dom}"
    if style == "upper":
        return f"{local}@{dom}".upper()
    if style == "cap":
        return f"{local.capitalize()}@{dom}"
    if style == "at_dot":
        name, tld = dom.rsplit(".", 1)
        name = name.replace(".", " dot ")
        return f"{local} at {name} dot {tld}"
    if style == "sp_at":
        return f"{local} @ {dom}"
    if style == "paren":
        return f"{local}(at){dom}"
    name, tld = dom.rsplit(".", 1)
    return f"{local} [at] {name} [dot] {tld}"


# ---------------------------------------------------------------- NIR / IBAN / SIRET / CARD
NIR_DEPTS = [
    "75",
    "93",
    "94",
    "92",
    "69",
    "13",
    "59",
    "33",
    "31",
    "2A",
    "2B",
    "2A",
    "2B",
    "971",
    "972",
    "974",
    "99",
    "35",
    "29",
    "67",
    "01",
    "06",
    "38",
]


def nir_text():
    sex = pick("12")
    yy = f"{rng.randint(0, 99):02d}"
    mm = f"{rng.randint(1, 12):02d}"
    dept = pick(NIR_DEPTS)
    comm = digits(2) if len(dept) == 3 else f"{rng.randint(1, 400):03d}"
    order = f"{rng.randint(1, 999):03d}"
    first13 = sex + yy + mm + dept + comm + order
    assert len(first13) == 13
    key = f"{nir_key(first13):02d}"
    style = wpick([("sp", 10), ("none", 6), ("13key", 3), ("dot", 1), ("sp_dash", 2)])
    if style == "none":
        return first13 + key
    if style == "13key":
        return first13 + " " + key
    dep_part = dept + " " + comm if len(dept) == 3 else dept + " " + comm
    parts = [sex, yy, mm, dep_part, order]
    if style == "sp":
        return " ".join(parts) + " " + key
    if style == "dot":
        return ".".join([sex, yy, mm, dept, comm, order, key])
    return " ".join(parts) + " - " + key


FR_BANKS = ["30004", "30003", "20041", "10278", "30002", "16006", "17515", "10096", "18206", "30066", "11315", "42559"]


def rib_key(bank, guichet, account):
    return 97 - ((89 * int(bank) + 15 * int(guichet) + 3 * int(account)) % 97)


def iban_text(lang):
    country = wpick(
        [("FR", 12 if lang == "fr" else 4), ("BE", 3), ("DE", 3), ("ES", 3), ("IT", 3), ("GB", 2 if lang == "fr" else 8)]
    )
    if country == "FR":
        bank, guichet, acct = pick(FR_BANKS), digits(5), digits(11)
        bban = bank + guichet + acct + f"{rib_key(bank, guichet, acct):02d}"
    elif country == "BE":
        first10 = digits(10)
        c = int(first10) % 97 or 97
        bban = first10 + f"{c:02d}"
    elif country == "DE":
        bban = pick(["10070000", "20041133", "37040044", "50010517", "70150000"]) + digits(10)
    elif country == "ES":
        bban = pick(["2100", "0049", "0182", "2038"]) + digits(16)
    elif country == "IT":
        bban = pick("ABCDEFGHIJKLMNOPRSTUVWXYZ") + pick(["03069", "02008", "05034"]) + digits(5) + digits(12)
    else:
        bban = pick(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]) + digits(6) + digits(8)
    iban = iban_make(country, bban)
    assert iban_ok(iban)
    style = wpick([("grp", 12), ("none", 6), ("grp_lower", 1), ("grp2", 1)])
    if style == "none":
        return iban
    grouped = " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
    if style == "grp_lower":
        return grouped.lower()
    if style == "grp2":
        return iban[:4] + " " + iban[4:]
    return grouped


def siren_num():
    return luhn_complete(str(rng.randint(1, 9)) + digits(7))


def siren_text():
    s = siren_num()
    return pick([f"{s[:3]} {s[3:6]} {s[6:]}", s, s, f"{s[:3]}.{s[3:6]}.{s[6:]}"])


def siret_text():
    s = siren_num()
    nic = pick(["000", "000", "001", "002", "004"]) + str(rng.randint(1, 9))
    full = luhn_complete(s + nic)
    return pick(
        [
            f"{full[:3]} {full[3:6]} {full[6:9]} {full[9:]}",
            full,
            full,
            f"{full[:9]} {full[9:]}",
            f"{full[:3]} {full[3:6]} {full[6:9]} {full[9:12]} {full[12:]}",
        ]
    )


def card_text():
    kind = wpick([("visa", 10), ("mc", 7), ("amex", 4), ("disc", 2), ("maestro19", 2), ("visa19", 1), ("jcb", 1), ("cup", 1)])
    prefix, n = {
        "visa": ("4", 16),
        "mc": (str(rng.randint(51, 55)), 16),
        "amex": (pick(["34", "37"]), 15),
        "disc": ("6011", 16),
        "maestro19": ("6759", 19),
        "visa19": ("4", 19),
        "jcb": ("35" + str(rng.randint(28, 89)), 16),
        "cup": ("62", 16),
    }[kind]
    num = luhn_complete(prefix + digits(n - len(prefix) - 1))
    assert luhn_ok(num) and len(num) == n
    if n == 15:
        return pick([f"{num[:4]} {num[4:10]} {num[10:]}", num, f"{num[:4]}-{num[4:10]}-{num[10:]}"])
    groups = [num[i : i + 4] for i in range(0, n, 4)]
    style = pick(["sp", "sp", "sp", "none", "dash", "sp"])
    if style == "none":
        return num
    return (" " if style == "sp" else "-").join(groups)


# ---------------------------------------------------------------- plates
SIV_LETTERS = "ABCDEFGHJKLMNPQRSTVWXYZ"
ES_LETTERS = "BCDFGHJKLMNPRSTVWXYZ"
UPPER = "ABCDEFGHIJKLMNOPRSTUVWXYZ"


def L(n, alphabet=UPPER):
    return "".join(pick(alphabet) for _ in range(n))


def plate_text(lang):
    kind = wpick(
        [
            ("siv", 14 if lang == "fr" else 4),
            ("fni", 4),
            ("uk", 3 if lang == "fr" else 9),
            ("be", 3),
            ("de", 3),
            ("it", 2),
            ("es", 3),
            ("ch", 2),
            ("nl", 2),
            ("lu", 1),
            ("pt", 2),
        ]
    )
    if kind == "siv":
        a, b, c = L(2, SIV_LETTERS), digits(3), L(2, SIV_LETTERS)
        return wpick([(f"{a}-{b}-{c}", 10), (f"{a}{b}{c}", 4), (f"{a} {b} {c}", 4), (f"{a}-{b}-{c}".lower(), 1)])
    if kind == "fni":
        dept = pick(["13", "75", "93", "69", "2A", "59", "33", "974"])
        return pick(
            [
                f"{rng.randint(1000, 9999)} {L(2)} {dept}",
                f"{rng.randint(100, 999)} {L(3)} {dept}",
                f"{rng.randint(10, 99)} {L(3)} {dept}",
            ]
        )
    if kind == "uk":
        a, b, c = L(2), f"{rng.randint(1, 74):02d}", L(3)
        return pick([f"{a}{b} {c}", f"{a}{b} {c}", f"{a}{b}{c}"])
    if kind == "be":
        return f"{rng.randint(1, 2)}-{L(3)}-{digits(3)}"
    if kind == "de":
        city = pick(["B", "M", "HH", "K", "F", "S", "D", "HB", "KA", "AC"])
        return pick([f"{city}-{L(rng.randint(1, 2))} {rng.randint(1, 9999)}", f"{city} {L(2)} {rng.randint(10, 999)}"])
    if kind == "it":
        return pick([f"{L(2)} {digits(3)} {L(2)}", f"{L(2)}{digits(3)}{L(2)}"])
    if kind == "es":
        return pick([f"{rng.randint(1000, 9999)} {L(3, ES_LETTERS)}", f"{rng.randint(1000, 9999)}-{L(3, ES_LETTERS)}"])
    if kind == "ch":
        canton = pick(["GE", "VD", "ZH", "BE", "VS", "TI"])
        return pick([f"{canton} {rng.randint(10000, 999999)}", f"{canton}-{rng.randint(1000, 99999)}"])
    if kind == "nl":
        return pick([f"{digits(2)}-{L(3)}-{rng.randint(1, 9)}", f"{rng.randint(1, 9)}-{L(3)}-{digits(2)}"])
    if kind == "lu":
        return f"{L(2)} {rng.randint(1000, 9999)}"
    return f"{L(2)}-{digits(2)}-{L(2)}"


PLATE_RES = [
    re.compile(p, re.I)
    for p in [
        r"[A-Z]{2}[- ]?\d{3}[- ]?[A-Z]{2}",  # FR SIV, IT
        r"\d{2,4} [A-Z]{2,3} (\d{2,3}|2A|2B)",  # FR old FNI
        r"[A-Z]{2}\d{2} ?[A-Z]{3}",  # UK
        r"\d-[A-Z]{3}-\d{3}",  # BE
        r"[A-Z]{1,3}[- ][A-Z]{1,2} \d{1,4}",  # DE
        r"\d{4}[ -][A-Z]{3}",  # ES
        r"[A-Z]{2}[ -]\d{4,6}",  # CH, LU
        r"\d{1,2}-[A-Z]{3}-\d{1,2}",  # NL
        r"[A-Z]{2}-\d{2}-[A-Z]{2}",  # PT
    ]
]


# ---------------------------------------------------------------- decoys (never marked)
DECOY = {
    "fr": {
        "TIME": [
            "23h",
            "23h45",
            "2h du mat",
            "minuit",
            "22h30",
            "6h",
            "1h",
            "21:15",
            "04h10",
            "3h du matin",
            "20h",
            "0h30",
            "7h15",
        ],
        "DATE": [
            "le 03/11/2026",
            "hier soir",
            "le 14/02",
            "samedi dernier",
            "le 1er mars",
            "le 28.01.2026",
            "depuis lundi",
            "le 12 janvier 2026",
            "depuis le 02/03/2026",
            "le 9 mars",
            "cette nuit",
            "le 17-02-2026",
            "dimanche 8 mars",
            "depuis 3 semaines",
        ],
        "COUNT": [
            "une quinzaine de jeunes",
            "3 individus",
            "une vingtaine de personnes",
            "5 ou 6 ados",
            "2 hommes",
            "une dizaine de personnes",
            "40 personnes environ",
            "4 jeunes en scooter",
            "un petit groupe",
            "plusieurs individus",
        ],
        "BUS": ["bus 86", "ligne 38", "N14", "tram T3a", "bus 91", "RER B", "ligne 12", "C3"],
        "REF": [
            "ticket n° 2026-004512",
            "réf. INC-88213",
            "dossier 26/0457",
            "ticket #48817",
            "GDI 2026/3391",
            "réf 2026-PM-0912",
            "fiche 731",
            "signalement n°55120",
            "inter. 2026/11/0458",
        ],
        "AMOUNT": ["35 €", "135€", "1 500 €", "68 euros", "12,50 €", "250 €", "90 balles"],
        "LAMP": ["n° 12-4471", "L3391", "n°0457", "n° 88", "EP-2291"],
        "VOLUME": ["2 m3", "3m3", "une dizaine de sacs", "un demi-camion", "5 m³"],
        "PARK": [
            "parc des Buttes",
            "square Louise-Michel",
            "jardin Villemin",
            "square du Temple",
            "parc de la Tête d'Or",
            "jardin des Plantes",
            "square Jean-Moulin",
            "parc Borély",
        ],
        "PLACE": [
            "place du marché",
            "devant la médiathèque",
            "sous le pont du périph",
            "au city stade",
            "parvis de la gare",
            "esplanade de la mairie",
            "place de la République",
            "devant le Franprix",
            "au pied de la tour B",
            "dans le hall du bât. C",
            "place Jean-Jaurès",
            "derrière le gymnase",
            "sur le parking du Lidl",
            "quai de la Loire",
            "au rond-point",
        ],
        "COUNTRY": COUNTRIES_FR,
        "EXP": ["exp 09/28", "exp. 11/27", "date exp 04/29"],
    },
    "en": {
        "TIME": [
            "11pm",
            "11.30pm",
            "2am",
            "23:45",
            "midnight",
            "around 10",
            "6:15 am",
            "half 1",
            "3 in the morning",
            "10pm",
            "7.15",
        ],
        "DATE": [
            "on 03/11/2026",
            "yesterday",
            "last Saturday",
            "since 14 Feb",
            "on 2 March 2026",
            "since Jan",
            "last night",
            "on 2026-02-17",
            "since Monday",
            "over the weekend",
            "on the 9th",
        ],
        "COUNT": [
            "about 20 people",
            "3 lads",
            "a dozen teenagers",
            "5-6 kids",
            "two men",
            "30+ people",
            "a small group",
            "4 youths on bikes",
            "several people",
        ],
        "BUS": ["the 38 bus", "bus 86", "night bus N14", "tram line 3", "route 52", "the 12"],
        "REF": [
            "ref SR-2026-11873",
            "ticket #48817",
            "case 26/0457",
            "ref. 7731942",
            "job no. ENV-2291",
            "CRM 2026-004512",
            "req 55120",
        ],
        "AMOUNT": ["£60", "€35", "$200", "120 euros", "£1,200", "$45.50"],
        "LAMP": ["no. 12-4471", "L3391", "#0457", "column 88", "SL-2291"],
        "VOLUME": ["2 cubic metres", "a van load", "about ten bags", "3m3"],
        "PARK": [
            "Victoria Park",
            "Jubilee Gardens",
            "the rec ground",
            "Peckham Rye",
            "Burgess Park",
            "the community garden",
            "parc des Buttes",
            "Hermann Park",
        ],
        "PLACE": [
            "the market square",
            "outside the library",
            "under the railway bridge",
            "by the station",
            "outside Tesco",
            "in the car park",
            "at the bus shelter",
            "in the stairwell of block C",
            "behind the leisure centre",
            "on the green",
            "near the roundabout",
            "outside the chicken shop",
        ],
        "COUNTRY": ["Poland", "Ireland"],
        "EXP": ["exp 09/28", "expiry 11/27"],
    },
}


def order_decoy(lang):
    n = pick([9, 14, 16, 16, 15, 12, 10])
    first = pick(["4", "5", "3", "6", "1", "2"]) if n >= 15 else None
    while True:
        s = luhn_fail(n, first)
        if n == 15 and nir_ok(s):
            continue
        break
    if n == 16 and rng.random() < 0.6:
        s = " ".join(s[i : i + 4] for i in range(0, 16, 4))
    elif n == 9 and rng.random() < 0.4:
        s = f"{s[:3]} {s[3:6]} {s[6:]}"
    label = pick(
        ["commande n° ", "n° de suivi colis ", "ticket de caisse n° ", "bon d'intervention ", "n° d'avis ", "n° client EDF "]
        if lang == "fr"
        else ["order no. ", "parcel tracking ", "receipt #", "job number ", "account ref "]
    )
    return label + s


def street_decoy(lang):
    st = pick(wpick(FR_STREET_TYPES))
    return (
        pick(["", "", "vers ", "côté ", "secteur "] if lang == "fr" else [""]) + f"{st} {pick(FR_STREET_NAMES)}"
        if (lang == "fr" or rng.random() < 0.4)
        else f"{pick(EN_STREET_NAMES)} {pick(['Road', 'Street', 'Lane', 'Rd'])}"
    )


# ---------------------------------------------------------------- text fragments
# slots: identifiers {PERSON[:opts]} {PERSON_F} {PERSON_L} {PERSON_T} {PERSON_I} {RP} {DOBX}
#        {ADDR} {PHONE} {EMAIL} {NIR} {IBAN} {SIRET} {SIREN} {CARD} {PLATE}
#        decoys {TIME} {DATE} {COUNT} {BUS} {REF} {AMOUNT} {LAMP} {VOLUME} {PARK} {PLACE}
#        {STREET} {ORDER} {EXP} {COUNTRY}
ID_SLOTS = {
    "PERSON",
    "PERSON_F",
    "PERSON_L",
    "PERSON_T",
    "PERSON_I",
    "RP",
    "DOBX",
    "ADDR",
    "PHONE",
    "EMAIL",
    "NIR",
    "IBAN",
    "SIRET",
    "SIREN",
    "CARD",
    "PLATE",
}
SLOT_RE = re.compile(r"\{([A-Z_]+)(?::([a-z]+))?\}")

OPEN = {
    "fr": [
        "appel usgr",
        "Appel reçu à {TIME}",
        "usgr signale",
        "APPEL 3975 :",
        "Signalement via appli :",
        "msg répondeur",
        "Riveraine excédée",
        "appel de la loge",
        "Transmis par la PM",
        "Mail reçu ce matin",
        "Usagère très remontée,",
        "Suite appel {DATE}",
        "2e appel pour le même pb",
        "cf. {REF}",
        "Relance !!",
        "Plainte reçue au guichet",
        "appel anonyme",
        "RAPPEL USAGER",
        "Signalement Dans Ma Rue",
        "Appel du commerçant",
        "Pb récurrent",
        "Note opérateur :",
        "urgent",
        "pour info",
        "appel transféré par le standard",
        "Bonjour,",
        "Msg via formulaire web",
    ],
    "en": [
        "caller reports",
        "Call received at {TIME}",
        "resident called re:",
        "Msg left on voicemail",
        "Email from resident",
        "Walk-in complaint",
        "Follow-up to {REF}",
        "2nd call abt same issue",
        "Via app:",
        "Council hotline -",
        "Anon caller",
        "pls see below",
        "URGENT",
        "Callback req.",
        "Reported online:",
        "Shop owner called",
        "fyi",
        "Caller v upset,",
        "Hi team,",
        "Repeat complaint",
        "Ops note:",
    ],
}

CLOSE = {
    "fr": [
        "merci",
        "svp intervention asap",
        "RAS",
        "transmis PM",
        "à suivre",
        "rdv pris avec la propreté",
        "pas de suite",
        "clôturé",
        "cf. photos en PJ",
        "usgr rappellera",
        "voir avec la voirie",
        "tjrs pas réglé!!",
        "merci de faire le nécessaire",
        "envoyé équipe",
        "urgent svp",
        "dde de rappel",
        "RAS pour le moment",
        "mis en attente",
        "escalade N2",
        "ok vu avec chef d'équipe",
        "à traiter qd possible",
        "cordialement",
    ],
    "en": [
        "pls advise",
        "thx",
        "asap pls",
        "NFA",
        "passed to env. services",
        "caller wants callback",
        "logged",
        "will monitor",
        "cc street lighting team",
        "pls send someone",
        "closed",
        "photos attached",
        "escalated",
        "thanks",
        "ref passed to police",
        "no answer on callback",
        "regards",
    ],
}

DESC = {
    "fr": [
        "musique très forte tous les soirs jusqu'à {TIME}, les basses font vibrer les vitres",
        "tapage nocturne, cris + musique jusqu'à {TIME} {PLACE}",
        "bruit de chantier dès {TIME} le dimanche, marteau piqueur {STREET}",
        "aboiements incessants, chien laissé seul sur le balcon toute la journée",
        "bar qui deborde sur le trottoir, clients bruyants apres {TIME}, verres cassés",
        "scooters qui tournent en boucle {PLACE}, pots trafiqués, ça dure depuis {DATE}",
        "soirée dans le local vélo, {COUNT}, bouteilles cassées partout",
        "fête chez le voisin du dessus, ça crie, ça saute, pas dormi de la nuit",
        "bagarre entre {COUNT} devant l'arrêt ({BUS}), un blessé léger, pompiers appelés (18)",
        "rixe {PLACE} vers {TIME}, jets de pierres, vitrine abîmée",
        "altercation entre deux automobilistes, ton qui monte, pas de coups",
        "dispute violente dans la rue, une femme qui crie, police (17) prévenue",
        "depot sauvage : matelas + frigo + {VOLUME} de gravats {STREET}",
        "encombrants abandonnés au pied de l'immeuble {DATE}",
        "sacs poubelle éventrés, rats, odeur ++ {PLACE}",
        "camionnette blanche qui vide des gravats la nuit {PLACE}",
        "dépôt de pneus usagés (une vingtaine ?) {STREET}",
        "véhicule ventouse stationné depuis plus de 3 semaines, pneus à plat, vitre cassée",
        "épave de scooter attachée au poteau {STREET}",
        "voiture brûlée {PLACE}, carcasse toujours là {DATE}",
        "camping-car installé sur le parking depuis {DATE}, eaux usées vidées sur la chaussée",
        "lampadaire {LAMP} éteint {DATE}, rue très sombre",
        "éclairage public HS sur toute la portion {STREET}, les femmes ne passent plus le soir",
        "candélabre qui clignote et grésille toute la nuit",
        "tags sur la facade de l'école, insultes, à effacer asap",
        "graffitis racistes {PLACE} - urgent",
        "fresque dégradée, peinture rose fluo partout",
        "rassemblement ({COUNT}) dans le hall, conso de stup présumée, odeur de cannabis",
        "regroupement {PLACE} tous les soirs vers {TIME}, chicha, musique",
        "rodéo urbain (quads + motos cross) {STREET}",
        "marché {PLACE} : déballage sauvage sur le trottoir, vendeurs à la sauvette",
        "cageots et déchets laissés après le marché, pas nettoyé avant {TIME}",
        "un stand du marché bloque la sortie de secours",
        "{PARK} : jeux pour enfants cassés, toboggan dangereux",
        "chiens non tenus en laisse au square, enfant mordu ?",
        "seringues trouvées dans le bac à sable {PARK}",
        "grille du parc pas fermée le soir, squat, feux de camp",
        "nids de poule énormes {STREET}, un cycliste est tombé",
        "feu d'artifice/mortiers tirés sur les façades {DATE} vers {TIME}",
        "ECLAIRAGE EN PANNE + TAGS SUR L'ABRIBUS {BUS}",
        "bruit de la ventilation du resto, ça tourne toute la nuit, {AMOUNT} de travaux promis jamais faits",
        "fuite d'eau sur la chaussée {STREET}, ça gèle le matin",
        "pigeons nourris par une voisine, fientes partout sur le trottoir",
    ],
    "en": [
        "loud music every night till {TIME}, bass shaking the windows",
        "party in the flat upstairs, shouting + music since {TIME}",
        "building works starting at {TIME} on a Sunday, drilling nonstop on {STREET}",
        "dog barking for hours, left alone on the balcony",
        "pub customers drinking outside after closing, v noisy, broken glass",
        "mopeds doing wheelies {PLACE} all evening",
        "fight between {COUNT} at the stop for {BUS}, one guy bleeding, ambulance called",
        "scuffle outside the kebab shop around {TIME}, bottles thrown",
        "road rage incident, two drivers shouting, no injuries",
        "fly-tipping: mattress, fridge and {VOLUME} of rubble dumped on {STREET}",
        "bin bags piling up {DATE}, rats everywhere {PLACE}",
        "white van dumping builders waste at night {PLACE}",
        "abandoned car, flat tyres, hasnt moved in 3 weeks",
        "burnt out scooter chained to railings on {STREET}",
        "caravan parked on the verge {DATE}",
        "street light {LAMP} out {DATE}, very dark",
        "whole stretch of {STREET} without lighting, ppl feel unsafe",
        "lamp post flickering and buzzing all night",
        "graffiti on the school wall, offensive words, needs removing asap",
        "racist tags {PLACE} - urgent",
        "mural vandalised w/ pink spray paint",
        "group of {COUNT} in the stairwell smoking weed every night",
        "crowd gathering {PLACE} around {TIME}, shisha + music",
        "quad bikes racing up and down {STREET}",
        "market stalls blocking the pavement {PLACE}, unlicensed sellers",
        "crates and rotting veg left after the market, not cleaned by {TIME}",
        "{PARK}: playground equipment broken, slide dangerous",
        "dogs off lead in the park, child bitten?",
        "needles found in the sandpit at {PARK}",
        "park gates left open overnight, people sleeping rough",
        "fireworks thrown at cars {DATE} around {TIME}",
        "huge pothole on {STREET}, cyclist came off",
        "NOISE FROM THE CLUB AGAIN, BOUNCERS DOING NOTHING",
        "someone feeding pigeons, droppings all over the pavement {PLACE}",
        "shopping trolleys dumped in the canal {PLACE}",
    ],
}

EXTRA = {
    "fr": [
        "cf. {REF}",
        "{ORDER}",
        "montant réclamé {AMOUNT}",
        "arrêt {BUS}",
        "signalé {DATE} vers {TIME}",
        "une pierre a été lancée sur une fenêtre",
        "un petit groupe revient chaque soir",
        "mur repeint en blanc il y a 1 mois",
        "huile d'olive renversée devant le resto",
        "déjà signalé ({REF})",
        "{COUNT} sur place à {TIME}",
        "l'usager a perdu son {ORDER}",
        "prix du PV {AMOUNT} ?",
        "pas de n° de rue, c'est {PLACE}",
        "vu {DATE} {PLACE}",
        "intervention prévue {DATE}",
        "ça dure depuis 2019",
        "même pb qu'en 2025",
        "3e étage, porte gauche",
    ],
    "en": [
        "see {REF}",
        "{ORDER}",
        "fine is {AMOUNT}",
        "bus stop, {BUS}",
        "reported {DATE} around {TIME}",
        "will call back later",
        "hope it gets sorted this time",
        "paid cash for the skip, still not collected",
        "a mark on the door from the kick",
        "olive tree in the square damaged",
        "grace period for the bins expired",
        "in good faith the caller waited a week",
        "previously logged ({REF})",
        "{COUNT} there at {TIME}",
        "no house number, it's {PLACE}",
        "going on since 2019",
        "same as in 2025",
        "3rd floor, left door",
        "caller quoted {ORDER}",
        "a petit four shop next door complained too",
    ],
}

# (template, primary type) ; number of spans = number of identifier slots
IDFRAG = {
    "fr": [
        ("usgr {PERSON} signale", "PERSON"),
        ("appel de {PERSON}", "PERSON"),
        ("rappeler {PERSON_F} svp", "PERSON"),
        ("{RP} confirme les faits", "PERSON"),
        ("{RP} dit que c'est tous les soirs", "PERSON"),
        ("d'après {RP}, ça recommence", "PERSON"),
        ("les agents {PERSON_L} et {PERSON_L} sont passés à {TIME}", "PERSON"),
        ("plaignante : {PERSON:f}", "PERSON"),
        ("contact sur place : {PERSON}", "PERSON"),
        ("{PERSON_T} (locataire du 3e) se plaint", "PERSON"),
        ("témoin : {PERSON}", "PERSON"),
        ("dossier suivi par {PERSON_I}", "PERSON"),
        ("vu avec {PERSON_F} de la voirie", "PERSON"),
        ("{RP} et {RP} ont vu la scène", "PERSON"),
        ("demande de {PERSON_T}", "PERSON"),
        ("signalé par {PERSON:f}, habitante du quartier", "PERSON"),
        ("{PERSON_T} refuse de donner son tél", "PERSON"),
        ("Mme {PERSON_L} et son fils {PERSON_F} ont été insultés", "PERSON"),
        ("op. {PERSON_I}", "PERSON"),
        ("rédigé par {PERSON_F} (équipe soir)", "PERSON"),
        ("usgr {PERSON} tél {PHONE}", "PERSON"),
        ("{PERSON_T} joignable au {PHONE}", "PERSON"),
        ("contact {PERSON} / {PHONE}", "PERSON"),
        ("{RP} a laissé son num {PHONE}", "PERSON"),
        ("{PERSON}, {DOBX}", "DATE_OF_BIRTH"),
        ("usgr {PERSON} {DOBX}", "DATE_OF_BIRTH"),
        ("{PERSON_T} ({DOBX})", "DATE_OF_BIRTH"),
        ("identité vérifiée : {PERSON} {DOBX}", "DATE_OF_BIRTH"),
        ("{DOBX}", "DATE_OF_BIRTH"),
        ("vérif identité : {DOBX}", "DATE_OF_BIRTH"),
        ("rappeler au {PHONE}", "PHONE"),
        ("tél : {PHONE}", "PHONE"),
        ("tel.{PHONE}", "PHONE"),
        ("n° laissé sur répondeur {PHONE}", "PHONE"),
        ("joignable après 18h au {PHONE}", "PHONE"),
        ("port. {PHONE}", "PHONE"),
        ("tél:{PHONE}", "PHONE"),
        ("TEL {PHONE}", "PHONE"),
        ("num du gardien {PHONE}", "PHONE"),
        ("à rappeler : {PHONE} ou {PHONE}", "PHONE"),
        ("réponse souhaitée par mail {EMAIL}", "EMAIL"),
        ("mail : {EMAIL}", "EMAIL"),
        ("adresse mail donnée : {EMAIL}", "EMAIL"),
        ("envoyer les photos à {EMAIL}", "EMAIL"),
        ("{PERSON} ({EMAIL})", "EMAIL"),
        ("courriel {EMAIL}", "EMAIL"),
        ("domicilié {ADDR}", "ADDRESS"),
        ("habite au {ADDR}", "ADDRESS"),
        ("devant le {ADDR}", "ADDRESS"),
        ("adresse : {ADDR}", "ADDRESS"),
        ("lieu : {ADDR}", "ADDRESS"),
        ("en face du {ADDR}", "ADDRESS"),
        ("au {ADDR}", "ADDRESS"),
        ("{PERSON_T}, {ADDR}", "ADDRESS"),
        ("adr. {ADDR}", "ADDRESS"),
        ("l'immeuble du {ADDR} est concerné", "ADDRESS"),
        ("entre le {ADDR} et le carrefour", "ADDRESS"),
        ("véhicule immatriculé {PLATE}", "PLATE"),
        ("voiture grise imma {PLATE}", "PLATE"),
        ("camionnette {PLATE} stationnée sur le trottoir", "PLATE"),
        ("plaque {PLATE}", "PLATE"),
        ("scooter sans plaque + voiture {PLATE}", "PLATE"),
        ("immat. {PLATE} (plaque étrangère ?)", "PLATE"),
        ("la {PLATE} est encore là", "PLATE"),
        ("2 véhicules : {PLATE} et {PLATE}", "PLATE"),
        ("usgr a donné son n° sécu {NIR} (inutile, ne pas conserver)", "NIR"),
        ("NIR communiqué : {NIR}", "NIR"),
        ("num de sécu {NIR} dicté pour le dossier CCAS", "NIR"),
        ("n° SS {NIR}", "NIR"),
        ("demande remboursement fourrière sur IBAN {IBAN}", "IBAN"),
        ("RIB transmis : {IBAN}", "IBAN"),
        ("iban {IBAN} pour le remboursement de la caution", "IBAN"),
        ("IBAN: {IBAN}", "IBAN"),
        ("entreprise en cause SIRET {SIRET}", "SIRET"),
        ("le resto (siret {SIRET}) laisse ses poubelles", "SIRET"),
        ("chantier de la sté, n° SIRET {SIRET}", "SIRET"),
        ("SIRET relevé sur le devis : {SIRET}", "SIRET"),
        ("société SIREN {SIREN}", "SIREN"),
        ("siren {SIREN} relevé sur le camion", "SIREN"),
        ("RCS Paris {SIREN}", "SIREN"),
        ("usgr voulait payer par CB et a dicté son n° {CARD} !! non conservé", "CARD"),
        ("carte bancaire trouvée sur le banc, n° {CARD}, déposée au commissariat", "CARD"),
        ("CB {CARD} {EXP}", "CARD"),
    ],
    "en": [
        ("caller {PERSON} reports", "PERSON"),
        ("call from {PERSON}", "PERSON"),
        ("pls call back {PERSON_F}", "PERSON"),
        ("{RP} confirmed it", "PERSON"),
        ("{RP} says it happens every night", "PERSON"),
        ("according to {RP} it started again", "PERSON"),
        ("officers {PERSON_L} and {PERSON_L} attended at {TIME}", "PERSON"),
        ("complainant: {PERSON:f}", "PERSON"),
        ("contact on site: {PERSON}", "PERSON"),
        ("{PERSON_T} (ground floor tenant) complaining", "PERSON"),
        ("witness: {PERSON}", "PERSON"),
        ("handled by {PERSON_I}", "PERSON"),
        ("spoke to {PERSON_F} from highways", "PERSON"),
        ("{RP} and {RP} both saw it", "PERSON"),
        ("request from {PERSON_T}", "PERSON"),
        ("{PERSON_T} wont give a number", "PERSON"),
        ("logged by {PERSON_F} (night shift)", "PERSON"),
        ("caller {PERSON} ph {PHONE}", "PERSON"),
        ("{PERSON_T} on {PHONE}", "PERSON"),
        ("contact {PERSON} / {PHONE}", "PERSON"),
        ("{RP} left number {PHONE}", "PERSON"),
        ("{PERSON}, {DOBX}", "DATE_OF_BIRTH"),
        ("caller {PERSON} {DOBX}", "DATE_OF_BIRTH"),
        ("{PERSON_T} ({DOBX})", "DATE_OF_BIRTH"),
        ("ID checked: {PERSON} {DOBX}", "DATE_OF_BIRTH"),
        ("{DOBX}", "DATE_OF_BIRTH"),
        ("ID given: {DOBX}", "DATE_OF_BIRTH"),
        ("call back on {PHONE}", "PHONE"),
        ("tel: {PHONE}", "PHONE"),
        ("ph {PHONE}", "PHONE"),
        ("mob {PHONE}", "PHONE"),
        ("number left on voicemail {PHONE}", "PHONE"),
        ("reachable after 6pm on {PHONE}", "PHONE"),
        ("mob:{PHONE}", "PHONE"),
        ("PH. {PHONE}", "PHONE"),
        ("caretaker's number {PHONE}", "PHONE"),
        ("try {PHONE} or {PHONE}", "PHONE"),
        ("wants reply by email {EMAIL}", "EMAIL"),
        ("email: {EMAIL}", "EMAIL"),
        ("send photos to {EMAIL}", "EMAIL"),
        ("{PERSON} ({EMAIL})", "EMAIL"),
        ("e-mail {EMAIL}", "EMAIL"),
        ("lives at {ADDR}", "ADDRESS"),
        ("outside {ADDR}", "ADDRESS"),
        ("address: {ADDR}", "ADDRESS"),
        ("location: {ADDR}", "ADDRESS"),
        ("opposite {ADDR}", "ADDRESS"),
        ("at {ADDR}", "ADDRESS"),
        ("{PERSON_T}, {ADDR}", "ADDRESS"),
        ("addr {ADDR}", "ADDRESS"),
        ("the block at {ADDR} is affected", "ADDRESS"),
        ("between {ADDR} and the corner", "ADDRESS"),
        ("vehicle reg {PLATE}", "PLATE"),
        ("grey car reg. {PLATE}", "PLATE"),
        ("van {PLATE} parked on the pavement", "PLATE"),
        ("plate {PLATE}", "PLATE"),
        ("moped with no plate + car {PLATE}", "PLATE"),
        ("reg {PLATE} (foreign plate?)", "PLATE"),
        ("{PLATE} is still there", "PLATE"),
        ("2 vehicles: {PLATE} and {PLATE}", "PLATE"),
        ("caller read out his French social security no. {NIR} (not needed, do not keep)", "NIR"),
        ("NIR given: {NIR}", "NIR"),
        ("refund of tow fee to IBAN {IBAN}", "IBAN"),
        ("bank details: {IBAN}", "IBAN"),
        ("iban {IBAN} for deposit refund", "IBAN"),
        ("IBAN: {IBAN}", "IBAN"),
        ("company SIRET {SIRET} (French contractor)", "SIRET"),
        ("contractor siret {SIRET}", "SIRET"),
        ("SIREN {SIREN} on the side of the van", "SIREN"),
        ("company reg (siren) {SIREN}", "SIREN"),
        ("caller tried to pay the fine by card and read out {CARD} !! not stored", "CARD"),
        ("bank card found on bench, no. {CARD}, handed to police", "CARD"),
        ("card {CARD} {EXP}", "CARD"),
    ],
}

TYPE_W = {
    "PERSON": 30,
    "PHONE": 13,
    "ADDRESS": 14,
    "DATE_OF_BIRTH": 9,
    "EMAIL": 7,
    "PLATE": 9,
    "NIR": 3.5,
    "IBAN": 5,
    "SIRET": 3,
    "SIREN": 3.5,
    "CARD": 4,
}


def n_spans(template):
    n = 0
    for m in SLOT_RE.finditer(template):
        if m.group(1) in ID_SLOTS:
            n += 1
    return n


# ---------------------------------------------------------------- rendering
def fill(slot, arg, lang, ctx):
    if slot in ("PERSON", "PERSON_F", "PERSON_L", "PERSON_T", "PERSON_I"):
        g = arg if arg in ("m", "f") else None
        if slot == "PERSON_L" and "Mme {PERSON_L}" in ctx.get("template", ""):
            g = g or "f"
        p = new_person(lang, g)
        ctx["person"], ctx["gender"] = p, p["g"]
        if slot == "PERSON":
            fmt = choose_fmt(p, PERSON_FMTS)
        elif slot == "PERSON_F":
            fmt = "first"
        elif slot == "PERSON_L":
            fmt = pick(["last", "last", "LAST"])
        elif slot == "PERSON_T":
            fmt = wpick([("title_LAST", 5), ("title_last", 4), ("title_full", 3), ("title_LAST_first", 1)])
        else:
            fmt = choose_fmt(p, [("init_first", 3), ("last_init", 2)])
        return person_segments(p, fmt, lang)
    if slot == "RP":
        p = new_person(lang)
        ctx["person"], ctx["gender"] = p, p["g"]
        role = pick(ROLES[(lang, p["g"])])
        fmt = choose_fmt(p, ROLE_FMTS)
        if role in ("officer", "PC", "Sgt") and fmt in ("title_LAST", "title_last"):
            fmt = "last"
        return [(role + " ", None)] + person_segments(p, fmt, lang)
    if slot == "DOBX":
        return dob_segments(lang, ctx.get("gender"))
    if slot == "ADDR":
        if lang == "en" and rng.random() < 0.65:
            return [(en_address(), "ADDRESS")]
        return [(fr_address(), "ADDRESS")]
    if slot == "PHONE":
        if lang == "fr":
            return [(fr_phone() if rng.random() < 0.85 else other_phone(), "PHONE")]
        return [(other_phone() if rng.random() < 0.7 else fr_phone(), "PHONE")]
    if slot == "EMAIL":
        p = ctx.get("person") if rng.random() < 0.6 else None
        return [(email_text(lang, p), "EMAIL")]
    if slot == "NIR":
        return [(nir_text(), "NIR")]
    if slot == "IBAN":
        return [(iban_text(lang), "IBAN")]
    if slot == "SIRET":
        return [(siret_text(), "SIRET")]
    if slot == "SIREN":
        return [(siren_text(), "SIREN")]
    if slot == "CARD":
        return [(card_text(), "CARD")]
    if slot == "PLATE":
        return [(plate_text(lang), "PLATE")]
    # decoys
    if slot == "ORDER":
        return [(order_decoy(lang), None)]
    if slot == "STREET":
        return [(street_decoy(lang), None)]
    return [(pick(DECOY[lang][slot]), None)]


def render(template, lang, ctx):
    ctx["template"] = template
    segs = []
    pos = 0
    for m in SLOT_RE.finditer(template):
        if m.start() > pos:
            segs.append((template[pos : m.start()], None))
        segs.extend(fill(m.group(1), m.group(2), lang, ctx))
        pos = m.end()
    if pos < len(template):
        segs.append((template[pos:], None))
    return segs


def typo(s):
    """One typo inside a plain segment, letters only, away from its edges."""
    idx = [i for i in range(1, len(s) - 2) if s[i].isalpha() and s[i + 1].isalpha()]
    if not idx:
        return s
    i = pick(idx)
    op = pick(["swap", "drop", "double"])
    if op == "swap":
        return s[:i] + s[i + 1] + s[i] + s[i + 2 :]
    if op == "drop":
        return s[:i] + s[i + 1 :]
    return s[:i] + s[i] + s[i:]


SEPS = [
    (". ", 14),
    (" - ", 6),
    ("\n", 7),
    (", ", 8),
    (" / ", 3),
    (" ; ", 2),
    (".\n", 4),
    (" -- ", 1),
    (" ", 3),
    ("... ", 2),
    (" | ", 1),
    ("  ", 1),
    (" . ", 1),
    ("\n\n", 1),
]


def make_text(lang, n_target):
    ctx = {}
    blocks = []
    if rng.random() < 0.65:
        blocks.append(render(pick(OPEN[lang]), lang, ctx))
    desc = render(pick(DESC[lang]), lang, ctx)
    id_blocks = []
    remaining = n_target
    guard = 0
    used = set()
    while remaining > 0 and guard < 50:
        guard += 1
        t = wpick(list(TYPE_W.items()))
        cands = [f for f, pt in IDFRAG[lang] if pt == t and n_spans(f) <= remaining and f not in used]
        if not cands:
            continue
        f = pick(cands)
        used.add(f)
        id_blocks.append(render(f, lang, ctx))
        remaining -= n_spans(f)
    extras = []
    if rng.random() < (0.85 if n_target == 0 else 0.4):
        extras.append(render(pick(EXTRA[lang]), lang, ctx))
        if n_target == 0 and rng.random() < 0.35:
            extras.append(render(pick(EXTRA[lang]), lang, ctx))
    if id_blocks and rng.random() < 0.3:
        blocks += [id_blocks[0], desc] + extras + id_blocks[1:]
    else:
        mid = id_blocks + extras
        rng.shuffle(mid)
        blocks += [desc] + mid
    if rng.random() < 0.55:
        blocks.append(render(pick(CLOSE[lang]), lang, ctx))

    # style of the whole text
    style = wpick([("normal", 66), ("upper", 11), ("lower", 14), ("noacc", 9)])
    noacc = style == "noacc" or (lang == "fr" and style == "normal" and rng.random() < 0.25)
    n_typos = rng.choice([0, 0, 0, 0, 0, 0, 1, 1, 1, 2])

    segs = []
    for bi, b in enumerate(blocks):
        if bi:
            prev = segs[-1][0].rstrip() if segs else ""
            if prev and prev[-1] in ",:;.-!?|/":
                segs.append((pick([" ", " ", "\n", "  "]), None))
            else:
                segs.append((wpick(SEPS), None))
        segs.extend(b)
    # typos / odd spacing on plain segments only
    for _ in range(n_typos):
        plain = [i for i, (s, t) in enumerate(segs) if t is None and len(s) > 6]
        if plain:
            i = pick(plain)
            segs[i] = (typo(segs[i][0]), None)
    if rng.random() < 0.15:
        plain = [i for i, (s, t) in enumerate(segs) if t is None and " " in s.strip()]
        if plain:
            i = pick(plain)
            s = segs[i][0]
            j = pick([k for k, c in enumerate(s) if c == " " and 0 < k < len(s) - 1] or [0])
            if j:
                segs[i] = (s[:j] + pick(["  ", "   ", "  "]) + s[j + 1 :], None)
    out = []
    for s, t in segs:
        if noacc:
            s = fold(s)
        if style == "upper":
            s = s.upper()
        elif style == "lower":
            s = s.lower()
        out.append((s, t))
    if rng.random() < 0.12 and out and out[-1][1] is None:
        out.append((pick(["!!", " !!!", "??", ".", " :(", " ...", "!"]), None))
    text = ""
    spans = []
    for s, t in out:
        if t is not None:
            spans.append([len(text), len(text) + len(s), t])
        text += s
    return text, spans


# ---------------------------------------------------------------- validation
MONTH_WORDS = [fold(m).lower() for m in FR_MONTHS + FR_MONTHS_ABBR] + [m.lower() for m in EN_MONTHS + EN_ABBR]
MONTH_RE = "|".join(sorted({re.escape(m) for m in MONTH_WORDS}, key=len, reverse=True))
DOB_RES = [
    re.compile(p)
    for p in [
        r"\d{1,2}[/.\-]\d{1,2}[/.\-](\d{2}|\d{4})",
        r"\d{4}-\d{2}-\d{2}",
        rf"(\d{{1,2}}|1er)(st|nd|rd|th)? ({MONTH_RE})\.? \d{{2,4}}",
        rf"({MONTH_RE})\.? \d{{1,2}}(st|nd|rd|th)?,? \d{{4}}",
        rf"\d{{2}}-({MONTH_RE})-\d{{4}}",
    ]
]
TITLE_RE = re.compile(r"(?i)^(m|mme|mlle|mr|mrs|ms|miss|dr|me|monsieur|madame)\.?\s")


def valid(span_text, typ):
    s = span_text
    if typ == "NIR":
        return nir_ok(s)
    if typ == "IBAN":
        return iban_ok(s)
    if typ == "SIRET":
        d = re.sub(r"[\s.]", "", s)
        return len(d) == 14 and d.isdigit() and luhn_ok(d)
    if typ == "SIREN":
        d = re.sub(r"[\s.]", "", s)
        return len(d) == 9 and d.isdigit() and luhn_ok(d)
    if typ == "CARD":
        d = re.sub(r"[\s\-]", "", s)
        return d.isdigit() and 15 <= len(d) <= 19 and d[0] in "3456" and luhn_ok(d)
    if typ == "PHONE":
        d = re.sub(r"\D", "", s)
        return 9 <= len(d) <= 15 and re.fullmatch(r"[+\d][\d ().\-/]*\d", s) is not None
    if typ == "EMAIL":
        return re.fullmatch(r"(?i)[a-z0-9._\-]+ ?(@| at |\(at\)| \[at\] ) ?[a-z0-9.\- \[\]]+", s) is not None
    if typ == "PLATE":
        return any(r.fullmatch(s) for r in PLATE_RES)
    if typ == "DATE_OF_BIRTH":
        low = fold(s).lower()
        return any(r.fullmatch(low) for r in DOB_RES)
    if typ == "ADDRESS":
        return re.match(r"(?i)((flat|apt\.?|unit) \w+,? )?\d", s) is not None and re.search(r"[A-Za-zÀ-ÿ]{3}", s) is not None
    if typ == "PERSON":
        return s[0].isalpha() and not any(c.isdigit() for c in s) and not TITLE_RE.match(s)
    return False


NUM_RUN = re.compile(r"\d(?:[ .\-]?\d)+")


def hidden_identifier(text, spans):
    """A valid checksum number or an e-mail sitting in the unmarked text?"""
    masked = list(text)
    for a, b, _ in spans:
        for i in range(a, b):
            masked[i] = "X"
    masked = "".join(masked)
    if "@" in masked:
        return True
    for m in NUM_RUN.finditer(masked):
        d = re.sub(r"\D", "", m.group(0))
        if len(d) in (9, 14) and luhn_ok(d):
            return True
        if 15 <= len(d) <= 19 and d[0] in "3456" and luhn_ok(d):
            return True
        if len(d) == 15 and nir_ok(d):
            return True
    return False


def check(text, spans):
    prev_end = 0
    for a, b, t in spans:
        assert t in TYPES, t
        assert 0 <= a < b <= len(text), (a, b)
        assert a >= prev_end, "overlap / unsorted"
        prev_end = b
        s = text[a:b]
        assert s == s.strip() and s, repr(s)
        if a > 0:
            assert not text[a - 1].isalnum(), (text, s)
        if b < len(text):
            assert not text[b].isalnum(), (text, s)
        assert valid(s, t), (t, s)


def main():
    n_fr = round(N_TEXTS * FR_SHARE)
    langs = ["fr"] * n_fr + ["en"] * (N_TEXTS - n_fr)
    rng.shuffle(langs)
    rows = []
    for lang in langs:
        n_target = wpick([(0, 15), (1, 28), (2, 27), (3, 18), (4, 12)])
        for _ in range(100):
            text, spans = make_text(lang, n_target)
            try:
                check(text, spans)
            except AssertionError:
                continue
            if hidden_identifier(text, spans):
                continue
            break
        else:
            raise SystemExit("could not build a valid text")
        rows.append({"lang": lang, "text": text, "spans": spans})

    with OUT.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")

    counts = Counter(t for r in rows for _, _, t in r["spans"])
    print(
        f"texts: {len(rows)}  (fr {sum(r['lang'] == 'fr' for r in rows)}, "
        f"en {sum(r['lang'] == 'en' for r in rows)}); "
        f"without identifier: {sum(not r['spans'] for r in rows)}"
    )
    for t in TYPES:
        print(f"  {t:14s} {counts[t]}")
    print(f"  {'total':14s} {sum(counts.values())}")
    print(f"written {OUT}")


if __name__ == "__main__":
    sys.exit(main())
