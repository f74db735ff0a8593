"""Build the held-out test corpus for the free-text scrubber.

The corpus is made from handwritten DOCUMENT templates (call transcripts, forwarded e-mails,
web-form dumps, police / mediation log entries, SMS and operator notes), written for this file only.
Slot values (names, dates of birth, addresses, phones, e-mails, plates, NIR, IBAN, SIRET, SIREN, cards)
come from the small generators below; no name/data-generation package is used.

Run from the repository root:
    python tests/data/dev5/make_corpus.py

The output (pii_corpus_dev5.jsonl, first written as a held-out corpus) is seeded: rerunning writes the same file.
"""

from __future__ import annotations

import json
import random
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

SEED = 4417_2026
OUT = Path(__file__).with_name("pii_corpus_dev5.jsonl")
N_FR = 270
N_EN = 180
TYPES = ("PERSON", "DATE_OF_BIRTH", "ADDRESS", "PHONE", "EMAIL", "NIR", "IBAN", "SIRET", "SIREN", "CARD", "PLATE")

# ---------------------------------------------------------------------------
# checksums
# ---------------------------------------------------------------------------


def luhn_ok(num: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(num)):
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


def nir_key(body13: str) -> int:
    n = int(body13[:5] + body13[5:7].replace("2A", "19").replace("2B", "18") + body13[7:])
    return 97 - n % 97


def nir_ok(compact: str) -> bool:
    return len(compact) == 15 and compact[13:].isdigit() and nir_key(compact[:13]) == int(compact[13:])


def _iban_digits(s: str) -> str:
    return "".join(str(int(c, 36)) for c in s)


def iban_make(cc: str, bban: str) -> str:
    check = 98 - int(_iban_digits(bban + cc + "00")) % 97
    return f"{cc}{check:02d}{bban}"


def iban_ok(s: str) -> bool:
    s = s.replace(" ", "").upper()
    return len(s) >= 15 and s[:2].isalpha() and s[2:4].isdigit() and int(_iban_digits(s[4:] + s[:4])) % 97 == 1


# ---------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------

_EXTRA_ASCII = {"ł": "l", "Ł": "L", "ı": "i", "ø": "o", "ß": "ss", "đ": "d", "Đ": "D", "œ": "oe"}


def noacc(s: str) -> str:
    s = "".join(_EXTRA_ASCII.get(c, c) for c in s)
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def slug(s: str) -> str:
    return re.sub(r"[^a-z]", "", noacc(s).lower())


def digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def group(s: str, size: int, sep: str = " ") -> str:
    return sep.join(s[i : i + size] for i in range(0, len(s), size))


def not_luhn(rng: random.Random, n: int) -> str:
    s = rng.choice("123456789") + digits(rng, n - 1)
    if luhn_ok(s):
        s = s[:-1] + str((int(s[-1]) + 1) % 10)
    return s


# ---------------------------------------------------------------------------
# names, by origin: (male first names, female first names, surnames) -- written by hand
# ---------------------------------------------------------------------------

ORIGINS = {
    "fr_nord": (
        "Jean-Pierre,Thierry,Ludovic,Maxime",
        "Sandrine,Élodie,Brigitte,Manon",
        "Lefebvre,Delattre,Vandamme,Dufour,Leroy",
    ),
    "fr_bretagne": ("Yann,Erwan,Loïc,Gwenaël", "Maëlle,Nolwenn,Soizic,Anne-Laure", "Le Goff,Kerbrat,Le Bihan,Guivarc'h,Quéméner"),
    "fr_sud": ("Mathieu,Baptiste,Fabien,Régis", "Mireille,Magali,Laure,Cécile", "Fabre,Castagnier,Roux,Bonnafous,Peyrac"),
    "fr_est": ("Florian,Mathias,Rémi", "Audrey,Christelle,Mélanie", "Schmitt,Kieffer,Hoffmann,Muller,Wagner"),
    "fr_words": (
        "Pierre,Marin,Clément,Gaspard",
        "Rose,Blanche,Olive,Violette",
        "Boulanger,Legrand,Marchand,Petit,Lenoir,Meunier,Blanc",
    ),
    "fr_particule": (
        "Charles-Henri,Aymeric,Gonzague",
        "Bérengère,Domitille,Albane",
        "de Villiers,d'Arcy,du Plessis,de La Motte,de Saint-Just",
    ),
    "belge": (
        "Jean-Luc,Dries,Wouter,Arnaud",
        "Sofie,Griet,Martine,Annick",
        "Van den Broeck,Peeters,Janssens,Dewaele,Vandenberghe",
    ),
    "suisse": ("Reto,Urs,Jean-Marc,Loris", "Nadia,Chantal,Corinne,Léa", "Favre,Rochat,Bühler,Zbinden,Chappuis"),
    "quebec": (
        "Gaétan,Réjean,Sylvain,Jean-François",
        "Josée,Nathalie,Geneviève,Marie-Ève",
        "Tremblay,Gagnon,Bouchard,Côté,Pelletier",
    ),
    "portugais": (
        "João,Rui,Tiago,Joaquim",
        "Conceição,Fernanda,Inês,Rosário",
        "da Silva,dos Santos,Ferreira,Gonçalves,Rodrigues",
    ),
    "capverdien": ("Adilson,Nelson,Zeca,Edmilson", "Keila,Edna,Djenifer,Nilda", "Tavares,Semedo,Monteiro,Fortes,Varela"),
    "espagnol": ("Javier,Jesús,Íñigo,Raúl", "Pilar,Nuria,Begoña,Lucía", "Fernández,Martínez,Echeverría,Gutiérrez,Ruiz"),
    "italien": (
        "Giuseppe,Alessandro,Matteo,Salvatore",
        "Giulia,Chiara,Francesca,Rosaria",
        "Esposito,Russo,Lo Presti,Di Stefano,Colombo",
    ),
    "polonais": (
        "Krzysztof,Paweł,Tomasz,Grzegorz",
        "Agnieszka,Małgorzata,Zofia,Katarzyna",
        "Kowalczyk,Nowak,Wójcik,Szczepański,Krawczyk",
    ),
    "ukrainien": (
        "Oleksandr,Mykola,Taras,Bohdan",
        "Olena,Iryna,Oksana,Khrystyna",
        "Shevchenko,Kovalenko,Bondarenko,Tkachuk,Melnyk",
    ),
    "roumain": ("Ionuț,Mihai,Andrei,Florin", "Ioana,Florentina,Mădălina,Roxana", "Popescu,Ionescu,Dumitrescu,Stoica,Munteanu"),
    "turc": ("Mehmet,Emre,Serkan,Hüseyin", "Ayşe,Elif,Zeynep,Gülsüm", "Yılmaz,Öztürk,Demir,Çelik,Şahin"),
    "kurde": ("Rojhat,Baran,Serhat,Dilovan", "Rojda,Berivan,Zilan,Hêvî", "Ekinci,Zana,Aslan,Güneş,Botan"),
    "armenien": (
        "Aram,Vartan,Hovhannes,Levon",
        "Anahit,Lusine,Nairi,Siranouche",
        "Petrossian,Manoukian,Hakobyan,Sarkissian,Ter-Minassian",
    ),
    "algerien": ("Mohamed,Karim,Yacine,Sofiane", "Samira,Lila,Amel,Nawel", "Benali,Bouzid,Haddad,Mebarki,Aït-Ahmed"),
    "marocain": (
        "Youssef,Hicham,Mehdi,Abdelkader",
        "Fatima-Zahra,Khadija,Salma,Meryem",
        "El Amrani,Benjelloun,Alaoui,Tazi,Ouazzani",
    ),
    "tunisien": ("Skander,Walid,Anis,Mohamed-Ali", "Amira,Rim,Sonia,Olfa", "Ben Salah,Trabelsi,Jebali,Gharbi,Ben Ammar"),
    "malien": ("Moussa,Boubacar,Seydou,Mamadou", "Aïssata,Fatoumata,Kadiatou,Oumou", "Traoré,Keïta,Coulibaly,Diarra,Sissoko"),
    "senegalais": ("Cheikh,Ousmane,Ibrahima,Modou", "Awa,Ndeye,Aminata,Khady", "Diop,Ndiaye,Fall,Mbaye,Gueye"),
    "congolais": ("Prince,Fiston,Glodi,Héritier", "Grâce,Merveille,Exaucée,Divine", "Mukendi,Ilunga,Kabongo,Mbuyi,Tshibangu"),
    "camerounais": ("Samuel,Hervé,Arnaud,Brice", "Brenda,Larissa,Vanessa,Carine", "Mbarga,Ngono,Tchatchoua,Essomba,Fotso"),
    "haitien": (
        "Jean-Robert,Wilner,Frantz,Ricardo",
        "Guerda,Marie-Ange,Nadège,Rose-Carline",
        "Pierre-Louis,Dorvil,Saint-Fleur,Célestin,Jean-Baptiste",
    ),
    "comorien": ("Ismaël,Nourdine,Fahardine,Anli", "Anfiati,Echata,Mariama,Zalhata", "Soilihi,Madi,Ahamada,Youssouf,Said Omar"),
    "malgache": (
        "Rivo,Tahina,Haja,Faly",
        "Voahirana,Lalao,Tiana,Hanitra",
        "Rakotomalala,Randriamanana,Razafindrakoto,Andrianarivo,Rasoanaivo",
    ),
    "vietnamien": ("Minh,Tuấn,Huy,Quang", "Lan,Ngọc Anh,Thảo,Hương", "Nguyen,Tran,Pham,Hoang,Vu"),
    "chinois": ("Wei,Jun,Hao,Zhiqiang", "Mei,Xiaoling,Yan,Jing", "Zhang,Wang,Chen,Liu,Huang"),
    "tamoul": (
        "Karthik,Suresh,Vijay,Sathish",
        "Priya,Lakshmi,Kavitha,Tharani",
        "Subramaniam,Rajendran,Murugan,Sivakumar,Balasubramanian",
    ),
    "pakistanais": ("Imran,Bilal,Usman,Tariq", "Ayesha,Sana,Hina,Rabia", "Khan,Qureshi,Malik,Chaudhry,Siddiqui"),
    "afghan": ("Farid,Najib,Mirwais,Hamid", "Parwana,Zahra,Mariam,Fereshta", "Ahmadzai,Popal,Karimi,Noorzai,Wardak"),
    "irlandais": ("Seán,Ciarán,Declan,Pádraig", "Siobhán,Aoife,Niamh,Róisín", "O'Connor,McCarthy,Byrne,Kavanagh,Ní Bhriain"),
    "ecossais": ("Hamish,Alasdair,Callum,Euan", "Morag,Fiona,Kirsty,Isla", "MacLeod,McAllister,Fraser,Buchanan,MacDonald"),
    "anglais": ("Nigel,Graham,Oliver,Alfie", "Harriet,Beverley,Hope,Joy", "Smith,Baker,Fletcher,Cook,Wright,Bishop"),
    "nigerian": (
        "Chinedu,Oluwaseun,Emeka,Tunde",
        "Ngozi,Funmilayo,Chiamaka,Blessing",
        "Okafor,Adeyemi,Okonkwo,Balogun,Nwachukwu",
    ),
    "jamaicain": ("Delroy,Winston,Errol,Leroy", "Marcia,Shanice,Tanesha,Paulette", "Gayle,Morrison,Bailey,Reid,Clarke"),
    "us": ("Tyler,Brandon,DeShawn,Cody", "Brittany,Kayla,LaToya,Madison", "Johnson,Washington,Rodriguez,Hernandez,Jackson,Young"),
}
ORIGIN_KEYS = list(ORIGINS)
EN_ORIGINS = ["irlandais", "ecossais", "anglais", "nigerian", "jamaicain", "us", "pakistanais", "tamoul", "chinois"]
NICKNAMES = [
    "Momo",
    "Bouba",
    "Jojo",
    "Titi",
    "Dédé",
    "Kiki",
    "Nono",
    "Sly",
    "Bébert",
    "Gaz",
    "Shorty",
    "Big Mo",
    "Tonton",
    "Zizou",
]


class Person:
    def __init__(self, rng: random.Random, lang: str) -> None:
        pool = EN_ORIGINS if lang == "en" and rng.random() < 0.5 else ORIGIN_KEYS
        males, females, surnames = ORIGINS[rng.choice(pool)]
        self.female = rng.random() < 0.5
        self.first = rng.choice((females if self.female else males).split(","))
        self.last = rng.choice(surnames.split(","))
        self.rng = rng
        self.lang = lang
        self.nick = rng.choice(NICKNAMES)
        self.email = make_email(rng, self.first, self.last)
        self.email_d = disguise(rng, self.email, lang)

    def initial(self) -> str:
        parts = self.first.split("-")
        return "-".join(p[0] + "." for p in parts)

    def spelled(self) -> str:
        letters = [c for c in noacc(self.last).upper() if c.isalpha()]
        if len(letters) > 6 and self.rng.random() < 0.4:
            letters = letters[: self.rng.randint(3, 5)]
        sep = self.rng.choice(["-", "-", " ", ", "])
        return sep.join(letters)

    def form(self, variant: str) -> tuple[str, str | None]:
        rng, fem = self.rng, self.female
        if variant == "any":
            variant = rng.choice(["full", "rev", "last", "init", "upper", "LAST"])
        gendered = {
            "mme": ("M.", "Mme"),
            "madame": ("monsieur", "madame"),
            "Madame": ("Monsieur", "Madame"),
            "ne": ("né", "née"),
            "e": ("", "e"),
            "il": ("il", "elle"),
            "Il": ("Il", "Elle"),
            "le": ("le", "la"),
            "mr": ("Mr", rng.choice(["Mrs", "Ms"])),
            "he": ("he", "she"),
            "He": ("He", "She"),
            "his": ("his", "her"),
            "him": ("him", "her"),
        }
        if variant in gendered:
            return gendered[variant][1 if fem else 0], None
        forms = {
            "full": lambda: f"{self.first} {self.last}",
            "rev": lambda: f"{self.last.upper()} {self.first}",
            "revl": lambda: f"{self.last} {self.first}",
            "LAST": lambda: self.last.upper(),
            "last": lambda: self.last,
            "first": lambda: self.first,
            "init": lambda: f"{self.initial()} {self.last}",
            "ini": lambda: f"{self.first[0]}.{noacc(self.last)[0].upper()}.",
            "upper": lambda: f"{self.first} {self.last}".upper(),
            "lower": lambda: noacc(f"{self.first} {self.last}").lower(),
            "lowlast": lambda: noacc(self.last).lower(),
            "lowfirst": lambda: noacc(self.first).lower(),
            "spell": self.spelled,
            "nick": lambda: self.nick,
        }
        if variant in forms:
            return forms[variant](), "PERSON"
        if variant == "email":
            return self.email, "EMAIL"
        if variant == "emaild":
            return self.email_d, "EMAIL"
        if variant == "emailpro":
            dom = rng.choice(PRO_DOMAINS_FR if self.lang == "fr" else PRO_DOMAINS_EN)
            return f"{slug(self.first)}.{slug(self.last)}@{dom}", "EMAIL"
        raise KeyError(variant)


MAIL_DOMAINS_FR = [
    "gmail.com",
    "orange.fr",
    "free.fr",
    "hotmail.fr",
    "yahoo.fr",
    "laposte.net",
    "sfr.fr",
    "wanadoo.fr",
    "outlook.fr",
]
MAIL_DOMAINS_EN = [
    "gmail.com",
    "outlook.com",
    "yahoo.com",
    "hotmail.co.uk",
    "btinternet.com",
    "icloud.com",
    "proton.me",
    "aol.com",
]
MAIL_DOMAINS_X = ["skynet.be", "bluewin.ch", "videotron.ca", "gmx.de", "libero.it", "sapo.pt", "menara.ma", "eircom.net"]
PRO_DOMAINS_FR = [
    "bailleur-habitat93.fr",
    "ville-saint-aubin.fr",
    "mediation-nord.org",
    "regie-quartiers.fr",
    "collectif-riverains.org",
]
PRO_DOMAINS_EN = [
    "hackneyhomes.org.uk",
    "cityofspringfield.gov",
    "northside-tenants.org",
    "greenstreets.co.uk",
    "metrotransit.org",
]
ORG_MAILS = [
    "tranquillite@ville-saint-aubin.fr",
    "contact@quartier-libre.org",
    "gardiennage@bailleur-habitat93.fr",
    "noise@cityofspringfield.gov",
    "info@northside-tenants.org",
    "asbl.lesvoisins@skynet.be",
]


def make_email(rng: random.Random, first: str, last: str) -> str:
    f, s = slug(first) or "x", slug(last) or "y"
    local = rng.choice(
        [
            f"{f}.{s}",
            f"{f[0]}{s}",
            f"{f}_{s}",
            f"{s}.{f}",
            f"{f}{s}{rng.randint(1, 99)}",
            f"{f}-{s}",
            f"{f[0]}.{s}{rng.randint(60, 99)}",
            f"{s}{f[0]}",
        ]
    )
    dom = rng.choice(MAIL_DOMAINS_FR + MAIL_DOMAINS_EN + MAIL_DOMAINS_X)
    return f"{local}@{dom}"


def disguise(rng: random.Random, email: str, lang: str) -> str:
    local, dom = email.split("@")
    forms = [
        f"{local} at {dom.replace('.', ' dot ')}",
        f"{local} (at) {dom}",
        f"{local}[at]{dom}",
        f"{local} (at) {dom.replace('.', ' (dot) ')}",
        f"{local} AT {dom.upper().replace('.', ' DOT ')}",
    ]
    if lang == "fr":
        forms += [f"{local} arobase {dom}", f"{local} arobase {dom.replace('.', ' point ')}", f"{local} arobase {dom}"]
    return rng.choice(forms)


# ---------------------------------------------------------------------------
# addresses
# ---------------------------------------------------------------------------

FR_STREET_TYPES = [
    "rue",
    "rue",
    "rue",
    "r.",
    "avenue",
    "av.",
    "boulevard",
    "bd",
    "allée",
    "impasse",
    "imp.",
    "place",
    "chemin",
    "quai",
    "cours",
    "passage",
    "square",
    "route",
    "villa",
    "cité",
    "sentier",
    "rue",
    "avenue",
]
FR_STREET_NAMES = [
    "des Lilas",
    "de la République",
    "Victor-Hugo",
    "du Faubourg-Saint-Antoine",
    "Oberkampf",
    "des Trois-Frères",
    "Jean-Jaurès",
    "de Belleville",
    "Gambetta",
    "des Écoles",
    "Pasteur",
    "du Général-Leclerc",
    "de la Paix",
    "Saint-Maur",
    "des Peupliers",
    "Émile-Zola",
    "de Strasbourg",
    "du Moulin-Vert",
    "Lamartine",
    "des Tanneurs",
    "Pierre-Brossolette",
    "du Docteur-Roux",
    "Paul-Vaillant-Couturier",
    "de la Gare",
    "Marcel-Cachin",
    "des Acacias",
    "du Château-d'Eau",
    "de l'Ourcq",
    "Danielle-Casanova",
    "des Cévennes",
    "de la Canebière",
    "Nationale",
    "des Rosiers",
    "Louise-Michel",
    "du 8-Mai-1945",
    "des Martyrs",
]
FR_TOWNS = [
    ("75011", "Paris"),
    ("75018", "Paris"),
    ("75020", "Paris"),
    ("75013", "Paris"),
    ("93100", "Montreuil"),
    ("93200", "Saint-Denis"),
    ("94200", "Ivry-sur-Seine"),
    ("92230", "Gennevilliers"),
    ("69003", "Lyon"),
    ("69100", "Villeurbanne"),
    ("13003", "Marseille"),
    ("13015", "Marseille"),
    ("59000", "Lille"),
    ("59100", "Roubaix"),
    ("31200", "Toulouse"),
    ("33800", "Bordeaux"),
    ("44000", "Nantes"),
    ("35200", "Rennes"),
    ("67100", "Strasbourg"),
    ("34000", "Montpellier"),
    ("06300", "Nice"),
    ("38100", "Grenoble"),
    ("20000", "Ajaccio"),
    ("20200", "Bastia"),
    ("97400", "Saint-Denis"),
    ("97200", "Fort-de-France"),
    ("76600", "Le Havre"),
    ("29200", "Brest"),
    ("57000", "Metz"),
    ("21000", "Dijon"),
    ("63000", "Clermont-Ferrand"),
    ("95100", "Argenteuil"),
]
FR_COMPLEMENTS = [
    ", bât. C",
    ", bâtiment B2",
    ", esc. A",
    ", appt 34",
    ", apt 12",
    ", 3e étage",
    ", 5ème étage porte droite",
    " bât A",
    ", Rés. Les Tilleuls",
    ", porte 112",
    ", 2ème étage gauche",
    ", bloc 4",
    ", logement 208",
]

BE_STREETS = [
    "Rue de la Loi",
    "Chaussée de Gand",
    "Kerkstraat",
    "Avenue Louise",
    "Rue Haute",
    "Boulevard d'Avroy",
    "Rue Brialmont",
    "Chaussée d'Ixelles",
    "Rue des Palais",
    "Steenweg op Gent",
]
BE_TOWNS = [
    ("1000", "Bruxelles"),
    ("1080", "Molenbeek-Saint-Jean"),
    ("2060", "Antwerpen"),
    ("1050", "Ixelles"),
    ("4000", "Liège"),
    ("1030", "Schaerbeek"),
    ("6000", "Charleroi"),
]
CH_STREETS = [
    "Rue du Rhône",
    "Avenue de la Gare",
    "Bahnhofstrasse",
    "Rue de Carouge",
    "Chemin des Pâquerettes",
    "Rue de Lausanne",
    "Langstrasse",
]
CH_TOWNS = [
    ("1204", "Genève"),
    ("1003", "Lausanne"),
    ("8001", "Zürich"),
    ("1205", "Genève"),
    ("2000", "Neuchâtel"),
    ("1700", "Fribourg"),
]
QC_STREETS = [
    "rue Saint-Denis",
    "boulevard René-Lévesque Ouest",
    "av. Cartier",
    "rue Ontario Est",
    "chemin de la Côte-des-Neiges",
    "rue Jean-Talon",
]
QC_TOWNS = [
    ("Montréal (Québec)", "H2J 2L3"),
    ("Montréal, QC", "H3B 4W8"),
    ("Québec, QC", "G1R 2R5"),
    ("Laval (Québec)", "H7N 3X2"),
    ("Gatineau, QC", "J8Y 6T2"),
]
US_STREETS = [
    "Maple Ave",
    "W 3rd St",
    "N. Halsted Street",
    "Elm Street",
    "Lincoln Blvd",
    "Pine St",
    "Oak Drive",
    "Sunset Boulevard",
    "Main St",
    "Bedford Ave",
    "Cedar Lane",
    "Grand Avenue",
    "Martin Luther King Jr. Blvd",
    "E. 116th St",
]
US_TOWNS = [
    ("Springfield", "IL", "62704"),
    ("New York", "NY", "10012"),
    ("Brooklyn", "NY", "11211"),
    ("Chicago", "IL", "60614"),
    ("Oakland", "CA", "94607"),
    ("Austin", "TX", "78702"),
    ("Boston", "MA", "02118"),
    ("Atlanta", "GA", "30312"),
    ("Seattle", "WA", "98122"),
    ("Philadelphia", "PA", "19147"),
    ("Detroit", "MI", "48201"),
    ("Miami", "FL", "33127"),
]
UK_STREETS = [
    "Kingsland Road",
    "Mare Street",
    "Albert Terrace",
    "Victoria Crescent",
    "Stretford Rd",
    "Dalry Road",
    "High Street",
    "Church Lane",
    "Mill Road",
    "Queen's Drive",
    "Elm Grove",
    "Cowley Road",
    "Granby Street",
    "Leith Walk",
    "Rye Lane",
]
UK_TOWNS = [
    ("London", "E8 4AA"),
    ("London", "N16 7XJ"),
    ("London", "SE15 5BT"),
    ("Manchester", "M15 5JQ"),
    ("Leeds", "LS6 1QP"),
    ("Edinburgh", "EH6 8RG"),
    ("Glasgow", "G42 9AY"),
    ("Bristol", "BS5 6HN"),
    ("Birmingham", "B12 8QT"),
    ("Oxford", "OX4 1DA"),
    ("Leicester", "LE2 0QJ"),
    ("Cardiff", "CF24 3AA"),
    ("Belfast", "BT7 1NN"),
]
IE_ADDR = [
    ("Main Street", "Ballina, Co. Mayo", "F26 X2Y3"),
    ("Griffith Avenue", "Dublin 9", "D09 K7P2"),
    ("Patrick St", "Cork", "T12 XK40"),
    ("Dominick Street", "Galway", "H91 E2W6"),
    ("O'Connell Road", "Limerick", "V94 R6C8"),
]


def fr_number(rng: random.Random) -> str:
    n = rng.choice([rng.randint(1, 30), rng.randint(1, 120), rng.randint(1, 250)])
    r = rng.random()
    if r < 0.08:
        return f"{n}-{n + 2}"
    suffix = rng.choice(["", "", "", "", "", " bis", "bis", " ter", "B", " B", "b", " quater"])
    return f"{n}{suffix}"


def addr_fr(rng: random.Random, variant: str) -> str:
    street = f"{rng.choice(FR_STREET_TYPES)} {rng.choice(FR_STREET_NAMES)}"
    num = fr_number(rng)
    sep = rng.choice([" ", " ", " ", ", "])
    base = f"{num}{sep}{street}"
    if variant == "sms":
        return noacc(f"{num} {street}").lower()
    if variant == "short":
        return base + (rng.choice(FR_COMPLEMENTS) if rng.random() < 0.25 else "")
    pc, town = rng.choice(FR_TOWNS)
    if rng.random() < 0.3:
        town = town.upper()
    comp = rng.choice(FR_COMPLEMENTS) if rng.random() < 0.4 else ""
    if variant == "block":
        return f"{base}{comp}\n{pc} {town}"
    return f"{base}{comp}{rng.choice([', ', ' ', ' - '])}{pc} {town}"


def addr_be(rng: random.Random) -> str:
    pc, town = rng.choice(BE_TOWNS)
    extra = rng.choice(["", "", f"/{rng.randint(1, 9)}", f" bte {rng.randint(1, 12)}", f" bus {rng.randint(1, 9)}"])
    return f"{rng.choice(BE_STREETS)} {rng.randint(1, 420)}{extra}, {pc} {town}"


def addr_ch(rng: random.Random) -> str:
    pc, town = rng.choice(CH_TOWNS)
    return f"{rng.choice(CH_STREETS)} {rng.randint(1, 140)}, {rng.choice(['', 'CH-'])}{pc} {town}"


def addr_qc(rng: random.Random) -> str:
    town, pc = rng.choice(QC_TOWNS)
    app = rng.choice(["", "", f", app. {rng.randint(1, 30)}", f", bureau {rng.randint(100, 900)}"])
    return f"{rng.randint(100, 9999)}{rng.choice([', ', ' '])}{rng.choice(QC_STREETS)}{app}, {town} {pc}"


def addr_us(rng: random.Random) -> str:
    town, st, zc = rng.choice(US_TOWNS)
    unit = rng.choice(
        ["", "", f", Apt {rng.randint(1, 12)}{rng.choice('ABCDF')}", f" #{rng.randint(1, 6)}F", f", Unit {rng.randint(1, 40)}"]
    )
    return f"{rng.randint(12, 4999)} {rng.choice(US_STREETS)}{unit}, {town}, {st} {zc}"


def addr_uk(rng: random.Random) -> str:
    town, pc = rng.choice(UK_TOWNS)
    num = rng.choice(
        [str(rng.randint(1, 240)), f"{rng.randint(1, 90)}{rng.choice('ABC')}", f"{rng.randint(1, 4)}/{rng.randint(1, 3)}"]
    )
    return f"{num} {rng.choice(UK_STREETS)}, {town} {pc}"


def addr_ie(rng: random.Random) -> str:
    street, town, code = rng.choice(IE_ADDR)
    return f"{rng.randint(1, 120)} {street}, {town}{rng.choice([' ', ', '])}{code}"


def address(rng: random.Random, lang: str, variant: str) -> str:
    table = {"be": addr_be, "ch": addr_ch, "qc": addr_qc, "us": addr_us, "uk": addr_uk, "ie": addr_ie}
    if variant in table:
        return table[variant](rng)
    if variant in ("short", "full", "sms", "block", "fr"):
        return addr_fr(rng, variant if variant != "fr" else "full")
    if variant == "en" or (variant == "" and lang == "en"):
        return rng.choice([addr_us, addr_us, addr_uk, addr_uk, addr_ie])(rng)
    if variant == "":
        r = rng.random()
        if r < 0.1:
            return rng.choice([addr_be, addr_ch, addr_qc])(rng)
        return addr_fr(rng, "full" if r < 0.65 else "short")
    raise KeyError(variant)


# ---------------------------------------------------------------------------
# phones
# ---------------------------------------------------------------------------


def tel_fr(rng: random.Random, kind: str) -> str:
    first = rng.choice("67") if kind == "mob" else rng.choice("123459")
    rest = digits(rng, 8)
    pairs = [rest[i : i + 2] for i in range(0, 8, 2)]
    sep = rng.choice([" ", " ", ".", "-", ""])
    style = rng.random()
    if style < 0.6:
        return f"0{first}{sep}{sep.join(pairs)}"
    if style < 0.8:
        return f"+33 {first} {' '.join(pairs)}"
    if style < 0.9:
        return f"+33 (0){first} {' '.join(pairs)}"
    return f"0033 {first}{rest}"


def tel_country(rng: random.Random, cc: str) -> str:
    d = lambda n: digits(rng, n)  # noqa: E731
    forms = {
        "uk": [
            f"+44 20 7946 {d(4)}",
            f"020 7946 {d(4)}",
            f"07700 900{d(3)}",
            f"+44 7700 900 {d(3)}",
            f"0161 496 {d(4)}",
            f"(0113) 496 {d(4)}",
            f"+44 (0)7{d(3)} {d(6)}",
        ],
        "be": [
            f"+32 2 {d(3)} {d(2)} {d(2)}",
            f"02/{d(3)}.{d(2)}.{d(2)}",
            f"047{rng.randint(0, 9)} {d(2)} {d(2)} {d(2)}",
            f"+32 47{rng.randint(0, 9)} {d(2)} {d(2)} {d(2)}",
        ],
        "ch": [
            f"+41 22 {d(3)} {d(2)} {d(2)}",
            f"079 {d(3)} {d(2)} {d(2)}",
            f"+41 79 {d(3)} {d(2)} {d(2)}",
            f"0041 21 {d(3)} {d(2)} {d(2)}",
        ],
        "na": [
            f"(514) 555-{d(4)}",
            f"514-555-{d(4)}",
            f"+1 212 555 {d(4)}",
            f"1 (312) 555-{d(4)}",
            f"212.555.{d(4)}",
            f"+1-617-555-{d(4)}",
        ],
        "de": [f"+49 30 {d(8)}", f"030 {d(4)} {d(4)}", f"0151 {d(4)} {d(4)}", f"+49 (0)171 {d(7)}"],
        "es": [f"+34 6{d(2)} {d(3)} {d(3)}", f"6{d(2)} {d(2)} {d(2)} {d(2)}", f"91 {d(3)} {d(2)} {d(2)}"],
        "it": [f"+39 06 {d(4)} {d(4)}", f"34{rng.randint(0, 9)} {d(3)} {d(4)}", f"+39 3{d(2)} {d(7)}"],
        "ma": [
            f"+212 6 {d(2)} {d(2)} {d(2)} {d(2)}",
            f"066{d(1)}-{d(2)}-{d(2)}-{d(2)}",
            f"+212 (0)5 22 {d(2)} {d(2)} {d(2)}",
            f"06{d(2)}{d(6)}",
        ],
        "dz": [
            f"+213 5 {d(2)} {d(2)} {d(2)} {d(2)}",
            f"0555 {d(2)} {d(2)} {d(2)}",
            f"+213 (0)21 {d(2)} {d(2)} {d(2)}",
            f"00213 6{d(2)} {d(2)} {d(2)} {d(2)}",
        ],
    }
    return rng.choice(forms[cc])


FOREIGN = ["uk", "be", "ch", "na", "de", "es", "it", "ma", "dz"]


def phone(rng: random.Random, lang: str, variant: str) -> str:
    if variant in ("mob", "fix"):
        return tel_fr(rng, variant)
    if variant == "fr":
        return tel_fr(rng, rng.choice(["mob", "mob", "fix"]))
    if variant in FOREIGN:
        return tel_country(rng, variant)
    if variant == "intl":
        return tel_country(rng, rng.choice(FOREIGN))
    if variant == "":
        r = rng.random()
        if lang == "fr":
            return tel_fr(rng, "mob" if r < 0.5 else "fix") if r < 0.78 else tel_country(rng, rng.choice(FOREIGN))
        if r < 0.45:
            return tel_country(rng, "uk")
        if r < 0.8:
            return tel_country(rng, "na")
        return tel_country(rng, rng.choice(FOREIGN))
    raise KeyError(variant)


# ---------------------------------------------------------------------------
# plates
# ---------------------------------------------------------------------------

FR_LET = "ABCDEFGHJKLMNPQRSTVWXYZ"
CONS = "BCDFGHJKLMNPRSTVWXYZ"
UPPER = "ABCDEFGHJKLMNPRSTUVWXYZ"


def plate(rng: random.Random, lang: str, variant: str) -> str:
    def let(n: int, alphabet: str = UPPER) -> str:
        return "".join(rng.choice(alphabet) for _ in range(n))

    if variant == "":
        if lang == "fr":
            variant = rng.choice(["fr", "fr", "fr", "fr", "frold", "be", "de", "it", "es", "ch", "nl", "lu", "pt"])
        else:
            variant = rng.choice(["uk", "uk", "uk", "ie", "fr", "de", "nl", "es", "pt", "be"])
    if variant == "eu":
        variant = rng.choice(["be", "de", "it", "es", "ch", "nl", "lu", "pt", "ie", "uk"])
    if variant == "sms":
        return (let(2, FR_LET) + digits(rng, 3) + let(2, FR_LET)).lower()
    if variant == "fr":
        a, n, b = let(2, FR_LET), f"{rng.randint(1, 999):03d}", let(2, FR_LET)
        sep = rng.choice(["-", "-", "-", " ", ""])
        return f"{a}{sep}{n}{sep}{b}"
    if variant == "frold":
        dept = rng.choice(["75", "93", "13", "69", "59", "2A", "974", "94", "33"])
        return f"{rng.randint(1, 9999)} {let(rng.choice([2, 3]), FR_LET)} {dept}"
    if variant == "uk":
        age = rng.choice(["08", "12", "15", "19", "21", "63", "68", "70", "72", "24"])
        return f"{let(2, 'ABCDEFGHKLMNOPRSVWY')}{age} {let(3, 'ABCDEFGHJKLMNOPRSTUVWXYZ')}"
    if variant == "be":
        return rng.choice([f"{rng.randint(1, 2)}-{let(3)}-{digits(rng, 3)}", f"{let(3)}-{digits(rng, 3)}"])
    if variant == "de":
        city = rng.choice(["B", "M", "HH", "K", "F", "S", "KA", "DO", "MZ", "HB"])
        return f"{city}{rng.choice(['-', ' '])}{let(rng.randint(1, 2))} {rng.randint(1, 9999)}"
    if variant == "it":
        return f"{let(2)}{rng.choice([' ', ''])}{digits(rng, 3)}{rng.choice([' ', ''])}{let(2)}"
    if variant == "es":
        return f"{rng.randint(0, 9999):04d}{rng.choice([' ', '-'])}{let(3, CONS)}"
    if variant == "ch":
        return f"{rng.choice(['GE', 'VD', 'ZH', 'BE', 'VS', 'NE'])} {rng.randint(1000, 999999)}"
    if variant == "nl":
        return rng.choice(
            [
                f"{digits(rng, 2)}-{let(3, CONS)}-{rng.randint(1, 9)}",
                f"{let(2, CONS)}-{digits(rng, 3)}-{let(1, CONS)}",
                f"{rng.randint(1, 9)}-{let(3, CONS)}-{digits(rng, 2)}",
            ]
        )
    if variant == "lu":
        return f"{let(2)} {rng.randint(1000, 9999)}"
    if variant == "pt":
        return rng.choice([f"{let(2)}-{digits(rng, 2)}-{let(2)}", f"{digits(rng, 2)}-{let(2)}-{digits(rng, 2)}"])
    if variant == "ie":
        year, county = rng.choice(["12", "08", "191", "232", "151", "221"]), rng.choice(["D", "C", "G", "KY", "L", "MO"])
        return f"{year}-{county}-{rng.randint(1, 29999)}"
    raise KeyError(variant)


# ---------------------------------------------------------------------------
# dates of birth
# ---------------------------------------------------------------------------

MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
MOIS_ABR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
MONTHS = [
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
MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"]


def ordinal(d: int) -> str:
    if d in (11, 12, 13):
        return f"{d}th"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    return f"{d}{suffix}"


def dob(rng: random.Random, lang: str, variant: str) -> str:
    y, m = rng.randint(1936, 2008), rng.randint(1, 12)
    d = 1 if rng.random() < 0.1 else rng.randint(1, 28)
    if variant == "":
        variant = rng.choice(["num", "num", "txt", "short"] if lang == "fr" else ["us", "uk", "txt", "txt"])
    if variant == "year":
        return str(y)
    if variant == "iso":
        return f"{y}-{m:02d}-{d:02d}"
    if variant == "short":
        sep = rng.choice("/.-")
        return f"{d:02d}{sep}{m:02d}{sep}{y % 100:02d}" if lang == "fr" else f"{m}/{d}/{y % 100:02d}"
    if variant == "num":
        sep = rng.choice(["/", "/", ".", "-"])
        return rng.choice([f"{d:02d}{sep}{m:02d}{sep}{y}", f"{d}{sep}{m}{sep}{y}"])
    if variant == "us":
        return rng.choice([f"{m:02d}/{d:02d}/{y}", f"{m}/{d}/{y}", f"{m}-{d}-{y % 100:02d}"])
    if variant == "uk":
        return rng.choice([f"{d:02d}/{m:02d}/{y}", f"{d}.{m}.{y}", f"{d:02d}-{m:02d}-{y}"])
    if variant == "caps":
        return (f"{d} {MOIS[m - 1]} {y}" if lang == "fr" else f"{MONTHS[m - 1]} {ordinal(d)} {y}").upper()
    if variant == "txt":
        if lang == "fr":
            day = "1er" if d == 1 else str(d)
            return rng.choice(
                [
                    f"{day} {MOIS[m - 1]} {y}",
                    f"{d} {MOIS_ABR[m - 1]} {y}",
                    f"{d:02d} {MOIS[m - 1].capitalize()} {y}",
                    f"{day} {MOIS[m - 1].upper()} {y}",
                    f"{day} {MOIS[m - 1]} {y % 100:02d}",
                ]
            )
        return rng.choice(
            [
                f"{MONTHS[m - 1]} {d}, {y}",
                f"{d} {MONTHS[m - 1]} {y}",
                f"{ordinal(d)} {MONTHS[m - 1]} {y}",
                f"{MON[m - 1]}. {d}, {y}",
                f"{d:02d}-{MON[m - 1]}-{y}",
                f"{MONTHS[m - 1]} {ordinal(d)}, {y}",
                f"{ordinal(d)} of {MONTHS[m - 1]} {y}",
            ]
        )
    raise KeyError(variant)


# ---------------------------------------------------------------------------
# checksummed identifiers
# ---------------------------------------------------------------------------


def nir(rng: random.Random, variant: str) -> str:
    sex = rng.choice("12")
    yy, mm = f"{rng.randint(36, 99) if rng.random() < 0.8 else rng.randint(0, 8):02d}", f"{rng.randint(1, 12):02d}"
    if variant == "" and rng.random() < 0.25:
        variant = rng.choice(["corse", "dom", "etranger"])
    if variant == "corse":
        place = rng.choice(["2A", "2B"]) + f"{rng.randint(1, 366):03d}"
    elif variant == "dom":
        place = rng.choice(["971", "972", "973", "974", "976"]) + f"{rng.randint(1, 34):02d}"
    elif variant == "etranger":
        place = "99" + rng.choice(["350", "352", "351", "341", "331", "139", "245", "216"])
    else:
        place = (
            rng.choice(["75", "93", "13", "69", "59", "31", "33", "44", "62", "94", "92", "06"]) + f"{rng.randint(1, 400):03d}"
        )
    body = f"{sex}{yy}{mm}{place}{rng.randint(1, 999):03d}"
    key = f"{nir_key(body):02d}"
    full = body + key
    if rng.random() < 0.55:
        return f"{full[0]} {full[1:3]} {full[3:5]} {full[5:7]} {full[7:10]} {full[10:13]} {key}"
    if rng.random() < 0.5:
        return f"{body} {key}"
    return full


def iban(rng: random.Random, variant: str) -> str:
    cc = variant.upper() or rng.choice(["FR", "FR", "FR", "BE", "DE", "ES", "IT", "PT", "GB", "NL", "CH", "MA"])
    if cc == "EU":
        cc = rng.choice(["BE", "DE", "ES", "IT", "PT", "GB", "NL", "CH", "MA"])
    if cc == "FR":
        bank, branch, acct = digits(rng, 5), digits(rng, 5), digits(rng, 11)
        key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(acct)) % 97
        bban = f"{bank}{branch}{acct}{key:02d}"
    elif cc == "BE":
        n = digits(rng, 10)
        chk = int(n) % 97 or 97
        bban = f"{n}{chk:02d}"
    elif cc == "DE":
        bban = digits(rng, 18)
    elif cc == "ES":
        w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]

        def dc(s: str) -> str:
            v = 11 - sum(int(a) * b for a, b in zip(s, w, strict=True)) % 11
            return str({11: 0, 10: 1}.get(v, v))

        bank, branch, acct = digits(rng, 4), digits(rng, 4), digits(rng, 10)
        bban = f"{bank}{branch}{dc('00' + bank + branch)}{dc(acct)}{acct}"
    elif cc == "IT":
        odd = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21]
        body = digits(rng, 22)
        total = sum(odd[int(c)] if i % 2 == 0 else int(c) for i, c in enumerate(body))
        bban = chr(65 + total % 26) + body
    elif cc == "PT":
        n = digits(rng, 19)
        bban = f"{n}{98 - int(n) * 100 % 97:02d}"
    elif cc == "GB":
        bban = rng.choice(["NWBK", "BARC", "HBUK", "LOYD", "MIDL"]) + digits(rng, 14)
    elif cc == "NL":
        while True:
            acct9 = rng.choice("123456789") + digits(rng, 8)
            last = -sum(int(c) * (10 - i) for i, c in enumerate(acct9)) % 11
            if last < 10:
                break
        bban = rng.choice(["INGB", "ABNA", "RABO", "TRIO"]) + acct9 + str(last)
    elif cc == "CH":
        bban = digits(rng, 17)
    elif cc == "MA":
        n = digits(rng, 22)
        bban = f"{n}{97 - int(n) * 100 % 97:02d}"
    else:
        raise KeyError(variant)
    full = iban_make(cc, bban)
    assert iban_ok(full)
    return group(full, 4) if rng.random() < 0.7 else full


def siren_value(rng: random.Random) -> str:
    return luhn_complete(rng.choice("3456789") + digits(rng, 7))


def siren(rng: random.Random) -> str:
    s = siren_value(rng)
    return group(s, 3) if rng.random() < 0.6 else s


def siret(rng: random.Random) -> str:
    s = luhn_complete(siren_value(rng) + "000" + digits(rng, 1))
    return rng.choice(
        [f"{s[:3]} {s[3:6]} {s[6:9]} {s[9:]}", s, f"{s[:9]} {s[9:]}", f"{s[:3]} {s[3:6]} {s[6:9]} {s[9:12]} {s[12:]}"]
    )


def card(rng: random.Random) -> str:
    kind = rng.choice(["visa", "visa", "mc", "amex"])
    if kind == "amex":
        s = luhn_complete(rng.choice(["34", "37"]) + digits(rng, 12))
        return rng.choice([f"{s[:4]} {s[4:10]} {s[10:]}", s])
    s = luhn_complete(("4" if kind == "visa" else f"5{rng.randint(1, 5)}") + digits(rng, 14 if kind == "visa" else 13))
    return rng.choice([group(s, 4), group(s, 4, "-"), s, group(s, 4)])


# ---------------------------------------------------------------------------
# decoys: values that identify nobody and stay unmarked
# ---------------------------------------------------------------------------

PLACES_FR = [
    "place Jean-Jaurès",
    "square Louise-Michel",
    "parc Georges-Brassens",
    "l'école Jules-Ferry",
    "la station Charles-de-Gaulle",
    "le lycée Victor-Hugo",
    "le stade Léo-Lagrange",
    "le gymnase Marcel-Cerdan",
    "la place du Marché",
    "le city-stade",
    "le square des Platanes",
    "la médiathèque Simone-Veil",
    "le parking Saint-Exupéry",
    "les berges du canal",
    "la dalle Pablo-Picasso",
]
PLACES_EN = [
    "Lincoln Park",
    "Victoria Park",
    "King George's Field",
    "Nelson Mandela Square",
    "the Jefferson Rec Center",
    "St Mary's churchyard",
    "the Shakespeare pub car park",
    "Washington Square",
    "the canal towpath",
    "Queen's Market",
    "the Churchill Gardens estate",
    "Clapham Common",
]
ORG_FR = {
    "bar": [
        "Le Zinc",
        "Le Balto",
        "Le Café des Sports",
        "L'Étoile du Nord",
        "Le Comptoir du Canal",
        "La Belle Équipe",
        "O'Sullivans",
    ],
    "bailleur": ["Habitat Solidaire 93", "Logis Métropole", "l'OPH de la ville", "Immobilière du Parc", "Foyer Rémois"],
    "asso": [
        "Association Quartier Libre",
        "Collectif des Riverains du Canal",
        "Amicale des Locataires",
        "Médiation Nord",
        "Régie de quartier Les Courtillières",
    ],
    "societe": [
        "SARL Les Terrasses du Canal",
        "BTP Rénov'Express",
        "Propreté Urbaine Services",
        "SAS Primeurs du Sud",
        "Transports Ligérien",
        "Dépannage 24/24",
    ],
    "service": [
        "la Direction de la Propreté",
        "le service Tranquillité publique",
        "la Police municipale",
        "la DPSP",
        "le pôle Médiation de nuit",
        "le service Espaces verts",
    ],
}
ORG_EN = {
    "pub": ["The Red Lion", "The Crown & Anchor", "Duffy's Bar", "The Hope and Anchor", "The Old Nick"],
    "housing": ["Hackney Homes", "Riverside Housing", "Northside Tenants Association", "Metro Housing Trust"],
    "company": ["Green Streets Ltd", "QuickSkip Hire", "Apex Scaffolding Ltd", "Sunrise Food Trucks LLC"],
    "service": ["the Noise Team", "Environmental Health", "the Community Safety Unit", "Parks Department", "Street Cleansing"],
}


class Decoys:
    def __init__(self, rng: random.Random, lang: str) -> None:
        self.rng, self.lang = rng, lang

    def value(self, name: str, variant: str) -> str:
        rng, fr = self.rng, self.lang == "fr"
        if name == "ticket":
            return rng.choice(
                [
                    f"TCK-{rng.randint(100000, 999999)}",
                    f"{rng.randint(10000, 99999)}",
                    f"DMD-2026-{rng.randint(1, 9999):05d}",
                    f"#{rng.randint(1000, 99999)}",
                    f"INC{rng.randint(10000, 99999):07d}",
                ]
            )
        if name == "order":
            return not_luhn(rng, rng.choice([10, 12, 13]))
        if name == "badge":
            return group(not_luhn(rng, 16), 4)
        if name == "dossier":
            return group(not_luhn(rng, 9), 3)
        if name == "case":
            return rng.choice(
                [
                    f"MC 2026/{rng.randint(1000, 9999)}",
                    f"PV 2026/{rng.randint(1, 9999):05d}",
                    f"{rng.randint(24, 26)}/{rng.randint(100, 9999)}",
                    f"DPSP-2026-{rng.randint(1, 9999):04d}",
                    f"CAD #26-{rng.randint(1, 99999):05d}",
                ]
            )
        if name == "time":
            h, mi = rng.choice([19, 20, 21, 22, 23, 0, 1, 2, 3, 6, 7, 14, 17]), rng.choice([0, 5, 10, 15, 20, 30, 40, 45, 50])
            if fr:
                return rng.choice([f"{h}h{mi:02d}", f"{h:02d}h{mi:02d}", f"{h} h {mi:02d}", f"{h}h"])
            hh = h % 12 or 12
            return rng.choice([f"{hh}:{mi:02d} pm" if h >= 12 else f"{hh}:{mi:02d} am", f"{h:02d}:{mi:02d}", f"{hh}.{mi:02d}"])
        if name == "date":
            dd, mm = rng.randint(1, 28), rng.randint(1, 4)
            if fr:
                return rng.choice(
                    [f"{dd:02d}/{mm:02d}/2026", f"{dd} {MOIS[mm - 1]}", f"{dd:02d}/{mm:02d}", f"{dd} {MOIS[mm - 1]} 2026"]
                )
            return rng.choice([f"{dd:02d}/{mm:02d}/2026", f"{MON[mm - 1]} {dd}", f"{dd} {MONTHS[mm - 1]}", f"{mm}/{dd}/26"])
        if name == "street":
            if fr:
                return f"{rng.choice(['rue', 'avenue', 'boulevard', 'allée', 'quai'])} {rng.choice(FR_STREET_NAMES)}"
            return rng.choice(UK_STREETS + US_STREETS)
        if name == "place":
            return rng.choice(PLACES_FR if fr else PLACES_EN)
        if name == "org":
            table = ORG_FR if fr else ORG_EN
            return rng.choice(table[variant] if variant else [o for v in table.values() for o in v])
        if name == "amount":
            return (
                rng.choice([f"{rng.randint(11, 450)} €", f"{rng.randint(11, 450)} euros", f"{rng.randint(11, 99)},50 €"])
                if fr
                else rng.choice([f"£{rng.randint(11, 450)}", f"${rng.randint(11, 450)}", f"£{rng.randint(11, 99)}.50"])
            )
        if name == "bus":
            return (
                rng.choice(["ligne 96", "bus 38", "tram T3", "Noctilien N12", "ligne 7bis", "bus 170"])
                if fr
                else rng.choice(["the 73 bus", "route 12", "the N38", "the 242", "Line 4"])
            )
        if name == "room":
            return (
                rng.choice(
                    [f"salle {rng.randint(1, 4)}{rng.randint(1, 30):02d}", f"bureau {rng.randint(1, 5)}.{rng.randint(1, 30)}"]
                )
                if fr
                else f"Room {rng.randint(1, 4)}{rng.randint(1, 30):02d}"
            )
        if name == "count":
            return (
                rng.choice(["dizaine", "quinzaine", "vingtaine", "trentaine"])
                if fr
                else rng.choice(["a dozen", "fifteen", "20-odd", "about thirty", "six or seven"])
            )
        raise KeyError(name)


# ---------------------------------------------------------------------------
# rendering
# ---------------------------------------------------------------------------

SLOT = re.compile(r"\{([a-z]+[0-9]?)(?:\.([A-Za-z]+))?(?:#([0-9]))?\}")
DECOY_NAMES = {
    "ticket",
    "order",
    "badge",
    "dossier",
    "case",
    "time",
    "date",
    "street",
    "place",
    "org",
    "amount",
    "bus",
    "room",
    "count",
}


class Context:
    def __init__(self, rng: random.Random, lang: str) -> None:
        self.rng, self.lang = rng, lang
        self.persons: dict[str, Person] = {}
        self.cache: dict[tuple[str, str, str], tuple[str, str | None]] = {}
        self.decoys = Decoys(rng, lang)

    def value(self, name: str, variant: str, key: str | None) -> tuple[str, str | None]:
        if key is not None and (name, variant, key) in self.cache:
            return self.cache[(name, variant, key)]
        out = self._make(name, variant)
        if key is not None:
            self.cache[(name, variant, key)] = out
        return out

    def _make(self, name: str, variant: str) -> tuple[str, str | None]:
        rng, lang = self.rng, self.lang
        if re.fullmatch(r"p[0-9]", name):
            if name not in self.persons:
                self.persons[name] = Person(rng, lang)
            return self.persons[name].form(variant)
        if name in DECOY_NAMES:
            return self.decoys.value(name, variant), None
        if name == "dob":
            return dob(rng, lang, variant), "DATE_OF_BIRTH"
        if name == "addr":
            return address(rng, lang, variant), "ADDRESS"
        if name == "tel":
            return phone(rng, lang, variant), "PHONE"
        if name == "mail":
            if variant == "org":
                return rng.choice(ORG_MAILS), "EMAIL"
            p = Person(rng, lang)
            return (p.email_d if variant == "d" else p.email), "EMAIL"
        if name == "plate":
            return plate(rng, lang, variant), "PLATE"
        if name == "nir":
            return nir(rng, variant), "NIR"
        if name == "iban":
            return iban(rng, variant), "IBAN"
        if name == "siret":
            return siret(rng), "SIRET"
        if name == "siren":
            return siren(rng), "SIREN"
        if name == "card":
            return card(rng), "CARD"
        raise KeyError(f"{name}.{variant}")


def render(template: str, lang: str, rng: random.Random) -> tuple[str, list[list]]:
    ctx = Context(rng, lang)
    parts: list[str] = []
    spans: list[list] = []
    pos = cur = 0
    for m in SLOT.finditer(template):
        lit = template[cur : m.start()]
        parts.append(lit)
        pos += len(lit)
        val, typ = ctx.value(m.group(1), m.group(2) or "", m.group(3))
        if typ == "PERSON" and spans and spans[-1][2] == "PERSON" and spans[-1][1] == pos - 1 and lit.endswith(" "):
            spans[-1][1] = pos + len(val)  # "First Last" written as two slots is one name, one span
        elif typ:
            spans.append([pos, pos + len(val), typ])
        parts.append(val)
        pos += len(val)
        cur = m.end()
    parts.append(template[cur:])
    return "".join(parts), spans


# ---------------------------------------------------------------------------
# FRENCH document templates (handwritten)
# ---------------------------------------------------------------------------

FR_TEMPLATES = """
=== call
Opérateur : Ville, service tranquillité publique, bonjour.
Appelant : Oui bonjour, c'est {p1.madame} euh {p1.last}, {p1.spell}, j'habite au {addr.short}.
Opérateur : Je vous écoute.
Appelant : Depuis {time} il y a de la musique à fond dans la cour, ça tape, on ne peut pas dormir.
Opérateur : Vous avez un numéro où l'on peut vous rappeler ?
Appelant : Oui, le {tel.mob}.
Opérateur : C'est noté, je transmets à l'équipage de nuit. Référence {case}.
=== call
Opérateur : Allô Mairie, j'écoute.
Appelant : Bonsoir, {p1.full}, j'habite {addr.full}. Il y a encore une {count} de jeunes dans le hall, \
ils fument, ils crient.
Opérateur : Depuis quand ?
Appelant : Depuis {time}. Et la semaine dernière pareil, le {date}.
Opérateur : Un numéro pour vous joindre ?
Appelant : {tel.fix}, ou sur le portable {tel.mob}.
=== call
Opérateur : Service tranquillité, bonjour.
Appelant : Oui, je veux juste signaler des rats, beaucoup de rats, près des poubelles de {place}.
Opérateur : Vous souhaitez laisser vos coordonnées ?
Appelant : Non non, je préfère rester anonyme. C'est tous les soirs vers {time}.
Opérateur : Très bien, je crée la fiche {case} pour la dératisation.
=== call
Opérateur : Vous pouvez me redonner votre nom ?
Appelant : {p1.LAST}. {p1.spell}. Prénom {p1.first}.
Opérateur : Et votre date de naissance, pour la vérification ?
Appelant : Le {dob.txt}.
Opérateur : Merci. Le véhicule qui bloque votre garage, vous avez la plaque ?
Appelant : Oui, {plate.fr}, une Clio grise, garée {street} depuis le {date}.
=== call
Opérateur : Police municipale, j'écoute.
Appelant : C'est pour la terrasse du bar {org.bar}, ils débordent jusqu'au milieu du trottoir, on ne passe plus avec la poussette.
Opérateur : Vous êtes riverain ?
Appelant : Oui, {p1.first} {p1.last}, au {addr.short}, juste au-dessus.
Opérateur : Je note, un agent passera. Vous voulez être rappelé ?
Appelant : Pas la peine, merci.
=== call
Opératrice : Allô Ville, bonjour.
Appelant : Bonjour, {p1.madame} {p1.last}, je m'occupe de l'immeuble au {addr.full}.
Appelant : Des encombrants ont encore été déposés devant le local vélo : deux matelas, un frigo.
Opératrice : Vous avez vu qui les a déposés ?
Appelant : Oui, c'est le locataire du 3e, {p2.madame} {p2.last}, je l'ai vu{p2.e} faire hier soir vers {time}.
Opératrice : Je transmets à {org.service}, fiche {case}.
=== call
Agent : Vous pouvez m'épeler votre adresse mail ?
Appelante : Alors c'est {p1.emaild}.
Agent : Et votre nom complet ?
Appelante : {p1.upper}. Avec un trait d'union si vous voulez.
Agent : Parfait, vous recevrez l'accusé de réception du ticket {ticket}.
=== call
Opérateur : Bonsoir, centre d'appels de nuit.
Appelant : Ouais bonsoir, y a des mecs qui font des rodéos en quad sur le parking de {place}, ça fait trois nuits.
Opérateur : Vous avez relevé une immatriculation ?
Appelant : Un des quads, oui, {plate.fr}. L'autre il a pas de plaque.
Opérateur : Merci, je fais passer à l'équipage.
=== call
Opérateur : Mairie annexe, bonjour.
Appelant : Bonjour, je vous appelle parce que le lampadaire devant chez moi est éteint depuis le {date}.
Opérateur : À quelle adresse ?
Appelant : Au {addr.short}, en face de la boulangerie.
Opérateur : C'est à quel nom ?
Appelant : {p1.rev}.
Opérateur : Je transmets à l'éclairage public.
=== call
Opérateur : Tranquillité publique.
Appelant : Oui bonjour, j'appelle pour le squat {street}, ils ont encore fait un feu dans la cour ce soir.
Opérateur : Il y a des blessés ?
Appelant : Non, pas que je sache. Les pompiers sont passés à {time}.
Opérateur : Très bien, je le note dans la main courante {case}.
=== call
Opératrice : Vous êtes bien {p1.madame} {p1.last} ?
Appelant : Oui, {p1.first}, {p1.first} {p1.last}, je suis {p1.ne} le {dob.num}, vous m'aviez demandé.
Opératrice : Merci. Vous signalez un trafic ?
Appelant : Oui, tous les soirs devant le {addr.short}, il y a un gars qu'on appelle {p2.nick}, il deale dans l'entrée.
Opératrice : On transmet au commissariat, je ne peux pas vous en dire plus.
=== call
Opérateur : Allô ?
Appelant : Oui bonjour, j'appelle de la part de ma mère, {p1.madame} {p1.full}, elle habite au {addr.full}, \
elle est malentendante.
Opérateur : D'accord.
Appelant : Le voisin du dessus, {p2.madame} {p2.last}, fait des travaux tous les dimanches à 7 heures du matin.
Opérateur : Vous pouvez me laisser un numéro ?
Appelant : Le mien, c'est le {tel}.
=== call
Opérateur : Service propreté, bonjour.
Appelant : Bonjour, il y a un camion qui vide des gravats au bout de l'impasse, j'ai la plaque : {plate.fr}, \
et sur la portière c'est marqué {org.societe}, numéro SIREN {siren}.
Opérateur : Vous l'avez pris en photo ?
Appelant : Oui, je peux vous l'envoyer.
Opérateur : Envoyez-la à {mail.org}, avec le numéro {ticket}.
=== call
Opérateur : Allô, service médiation.
Appelant : Bonjour, euh, c'est {p1.lowfirst}... enfin {p1.full}. J'habite résidence Les Tilleuls, au {addr.short}.
Opérateur : Oui, je vous écoute.
Appelant : Le chien du voisin aboie toute la journée. Le voisin c'est {p2.madame} {p2.LAST}, au 4e.
Opérateur : Vous voulez une médiation ?
Appelant : Oui, vous pouvez me joindre au {tel.mob}, plutôt le soir.
=== call
Opérateur : Allô, la mairie ?
Appelant : Oui, c'est pour les feux d'artifice, tous les soirs depuis le {date}, des mortiers tirés sur {place}.
Opérateur : Vous avez vu des personnes ?
Appelant : Des jeunes, une {count}, je ne connais pas leurs noms.
Opérateur : Merci, on renforce les patrouilles ce week-end.
=== call
Opérateur : Vous êtes sur la ligne de la police municipale.
Appelant : Bonjour monsieur, je suis commerçant, {org.bar}, au {addr.full}.
Appelant : Il y a eu une bagarre devant le bar à {time}, un client, {p1.full}, a été frappé.
Opérateur : Il est blessé ?
Appelant : Un peu au visage. L'autre est parti en scooter, immatriculé {plate}.
Opérateur : Une équipe arrive.
=== call
Opérateur : Bonjour, c'est pour une inscription au dispositif Tranquillité vacances ?
Appelante : Oui. {p1.Madame} {p1.full}, {p1.ne} le {dob.txt}, au {addr.full}.
Opérateur : Vos dates d'absence ?
Appelante : Du 3 au 24 août. Mon fils passera arroser, {p2.first}, son portable c'est le {tel.mob}.
Opérateur : C'est enregistré.
=== call
Opérateur : Allô, service voirie.
Appelant : Bonjour, l'avaloir est bouché au croisement {street}, l'eau monte jusqu'aux marches.
Opérateur : Depuis quand ?
Appelant : Depuis l'orage de {time}. Le {bus} est dévié.
Opérateur : On envoie une équipe, merci.
=== call
Agent : Votre nom s'il vous plaît ?
Appelant : {p1.last}, {p1.spell}.
Agent : Et votre prénom ?
Appelant : {p1.first}.
Agent : Adresse ?
Appelant : {addr}.
Agent : Et c'est au sujet de ?
Appelant : Le marché du dimanche, les commerçants laissent tous leurs cageots sur le trottoir.
=== call
Opératrice : Bonjour, vous appelez au sujet de la manifestation de samedi ?
Appelant : Oui, je suis {p1.full}, je représente {org.asso}. On voulait déclarer un rassemblement sur {place}.
Opératrice : Il faut faire une déclaration en préfecture, je vous envoie le formulaire. Votre mail ?
Appelant : {p1.email}.
Opératrice : Et un téléphone ?
Appelant : {tel}.
=== call
Opérateur : Bonsoir.
Appelante : Bonsoir, je vous appelle parce que mon voisin {p2.first} a encore hurlé sur sa femme, ça cogne contre le mur.
Opérateur : Vous êtes en sécurité ?
Appelante : Oui. Moi c'est {p1.full}, même palier, {addr.short}.
Opérateur : J'appelle le 17 tout de suite, restez chez vous.
=== call
Opérateur : Oui, bonjour ?
Appelant : Bonjour, c'est pour signaler une voiture ventouse, elle ne bouge plus depuis six semaines, \
immatriculée {plate.frold}, devant le {addr.short}.
Opérateur : Merci, je transmets pour enlèvement, le dossier porte le numéro {dossier}.
=== call
Opérateur : Vous rappelez pour le dossier {case} ?
Appelant : Oui, c'est {p1.mme} {p1.last}. On m'a dit qu'un médiateur passerait, personne n'est venu.
Opérateur : Je vois la fiche. Votre numéro est toujours le {tel} ?
Appelant : Non, maintenant c'est le {tel.mob}.
=== call
Opérateur : Allô ?
Appelant : Oui, c'est {p1.lowfirst}, le gardien. Les compteurs ont encore été forcés au sous-sol.
Opérateur : Vous êtes où ?
Appelant : Résidence du Parc, bâtiment D, pas loin de {place}.
Opérateur : D'accord, la patrouille passera dans l'heure.
=== call
Opérateur : Bonjour, qu'est-ce qui se passe ?
Appelant : Il y a une fuite d'eau énorme sur la chaussée, {street}, ça inonde les caves.
Opérateur : Vous avez appelé le concessionnaire ?
Appelant : Oui, ils disent qu'ils arrivent vers {time}.
Opérateur : On met un périmètre en attendant.
=== call
Opérateur : Mairie, bonjour.
Appelant : Oui, bonjour. J'appelle de Belgique, je suis {p1.full}, propriétaire d'un appartement chez vous, \
mais j'habite {addr.be}.
Appelant : Mon locataire m'a dit que la cour sert de dépôt d'ordures. Rappelez-moi au {tel.be}.
Opérateur : C'est noté.
"""

FR_TEMPLATES += """
=== mail
---------- Message transféré ---------
De : {p1.full} <{p1.email}>
Date : {date}
Objet : Nuisances bar {org.bar}

Bonjour,
Je vous transfère ma plainte restée sans réponse. Tous les vendredis la terrasse reste ouverte jusqu'à {time}.
Cordialement,
{p1.full}
{addr.full} - {tel.mob}
=== mail
Bonjour Madame,
Suite à notre échange téléphonique, je vous confirme les dépôts sauvages répétés au pied de notre immeuble.
Bien à vous,
--
{p1.first} {p1.LAST}
Présidente de l'amicale des locataires
{org.bailleur}
{addr.block}
Tél. {tel.fix} | {p1.emailpro}
=== mail
> Le {date}, {p2.full} a écrit :
> Madame, monsieur, les travaux du chantier commencent à 6h30 tous les jours, c'est insupportable.
Bonjour {p2.first},
Nous avons relancé l'entreprise {org.societe} (SIRET {siret}). Un contrôle est prévu.
{p1.init}
Service Tranquillité publique
=== mail
Objet : TR: Rassemblement square
Bonjour,
Voir ci-dessous le signalement d'une riveraine.
-----Message d'origine-----
De : {p1.email}
Envoyé : {date}
Les jeunes se réunissent tous les soirs sur {place}, avec des enceintes. Je m'appelle {p1.full}, \
j'habite au {addr.short}.
=== mail
Madame, Monsieur,
Je sollicite le remboursement des frais d'enlèvement de mon véhicule ({plate.fr}), emmené en fourrière alors que \
le panneau d'interdiction avait été posé la veille.
Montant réglé : {amount}. Merci de procéder au virement sur le compte IBAN {iban.fr}.
Veuillez agréer mes salutations distinguées.
{p1.full}
{addr.full}
=== mail
Bonjour,
Ci-joint la demande d'occupation du domaine public pour la terrasse estivale.
Raison sociale : {org.societe}
SIRET : {siret}
Gérant : {p1.rev}
Contact : {tel} / {p1.email}
Cordialement
=== mail
Bonjour,
Je suis au regret de vous informer que la situation n'a pas changé depuis mon courrier du {date} : \
les rats circulent toujours dans le square.
Merci de faire le nécessaire.
Une habitante excédée
=== mail
Bonjour à toutes et à tous,
Réunion du collectif jeudi à 19h en {room} de la maison de quartier, ordre du jour : bruit du city-stade, \
éclairage du passage, dépôts sauvages.
Le bureau
=== mail
De : {p1.upper} [mailto:{p1.email}]
Envoyé : {date}
À : Mairie - Service Environnement
Objet : Tags
Bonjour, des tags ont été faits sur la façade de mon immeuble, au {addr.full}. Photos jointes.
{p1.first}
=== mail
Bonjour {p1.mme} {p1.last},
Votre demande {ticket} a bien été enregistrée. Un agent de la Direction de la Propreté se rendra sur place \
dans un délai de 5 jours ouvrés.
Pour toute question : {mail.org}
Le service Relations usagers
=== mail
Monsieur le Maire,
Je me permets de vous écrire au nom des habitants de l'immeuble du {addr.full}.
Depuis des mois, un trafic s'est installé dans le hall B et les gens ont peur.
Nous avons déjà prévenu le commissariat (plainte n° {case}).
Respectueusement,
{p1.full}, locataire depuis 1998
{tel.fix}
=== mail
Salut {p2.first},
Tu peux passer l'info à ta collègue ? La voisine du dessous, {p3.full}, me dit que le marché déborde \
encore sur la piste cyclable.
Elle est joignable au {tel.mob} ou par mail {p3.emaild}.
Bises
{p1.first}
=== mail
Bonjour,
En tant que syndic de la copropriété sise {addr.full}, nous vous signalons l'occupation illicite du local commercial \
du rez-de-chaussée depuis le {date}.
Cabinet {org.bailleur}
{p1.full}, gestionnaire
Ligne directe : {tel.fix}
{p1.emailpro}
=== mail
Le {date} à {time}, {mail.org} a écrit :
> Bonjour, pouvez-vous préciser l'adresse exacte ?
Oui bien sûr, c'est au {addr.short}, au fond de la cour, derrière le local poubelles.
{p1.lower}
=== mail
Objet : Demande de remboursement location salle
Bonjour,
Notre association a réservé la {room} pour la fête des voisins, annulée pour cause d'intempéries.
Merci de rembourser les {amount} sur le compte de l'association :
Titulaire : {org.asso}
IBAN : {iban}
Trésorière : {p1.full}, {tel}
=== mail
Bonjour,
Pour information, la fête foraine sur {place} provoque des nuisances jusqu'à minuit. Le forain responsable \
est l'entreprise {org.societe}, SIREN {siren}.
Bien cordialement,
{p1.init}
Conseil de quartier
=== mail
Bonjour,
Je vous transmets ci-dessous mes coordonnées comme demandé pour la médiation :
{p1.full}
{p1.ne} le {dob}
{addr}
{tel}
Merci d'avance.
=== mail
Madame,
J'ai payé par carte l'amende de stationnement sur le site, et le montant ({amount}) a été débité deux fois.
Carte utilisée : {card}
Avis de paiement n° {order}
Pouvez-vous rembourser le doublon ?
{p1.rev}
=== mail
Bonjour,
J'ai bien reçu votre réponse du {date}. Malheureusement le problème d'éclairage {street} persiste : trois candélabres \
sur cinq sont éteints.
Cordialement
=== mail
Bonsoir,
Je suis la fille de {p1.mme} {p1.full} ({addr.full}). Ma mère, âgée, reçoit des pétards dans sa boîte aux lettres.
Pouvez-vous envoyer quelqu'un ? Mon numéro : {tel.intl}, j'habite à l'étranger.
{p2.first}
=== mail
Bonjour,
Merci de bien vouloir trouver en pièce jointe l'attestation de {p1.full} pour le dossier de la nuisance sonore \
(affaire {case}).
--
{p2.full}
Juriste - {org.asso}
{addr.ch}
{tel.ch}
=== mail
Bonjour,
Un véhicule immatriculé {plate.eu} stationne sur l'emplacement livraison de notre épicerie tous les matins.
Je vous ai déjà écrit le {date}. Mon numéro : {tel}.
{p1.last}
Épicerie du Marché
=== mail
Objet : inondation caves
Bonjour, suite aux pluies de la nuit, l'eau est entrée dans les caves du bâtiment C.
Les pompiers sont intervenus à {time}. Aucun blessé. Merci d'envoyer {org.service} pour le nettoyage.
La gardienne
=== mail
Bonjour,
Je me permets de relancer : mon courrier du {date} concernant l'épave stationnée {street} (ancienne plaque {plate.frold}) \
est resté sans suite.
{p1.Madame} {p1.last}
{addr.short}
=== mail
Bonjour,
Pour le dossier d'aide sociale lié à l'incendie du {date}, voici les informations demandées :
{p1.full} - n° de sécurité sociale {nir}
Adresse provisoire : {addr.full}
Portable : {tel.mob}
Cordialement,
{p2.full}, assistante sociale
"""

FR_TEMPLATES += """
=== form
Nom : {p1.LAST}
Prénom : {p1.first}
Né(e) le : {dob.num}
Adresse : {addr.full}
Tél : {tel.mob}
Courriel : {p1.email}
Objet : nuisances sonores
Message : Bar ouvert tous les week-ends jusqu'à {time}, verres cassés sur le trottoir.
=== form
Catégorie : Dépôt sauvage | Nom : {p1.last} | Prénom : {p1.first} | Tél : {tel} | Lieu : {street} | Description : sacs de gravats
=== form
Demande {ticket} ; {p1.rev} ; {dob} ; {addr.full} ; {tel} ; stationnement gênant
=== form
[Formulaire en ligne - Signalement]
Type : Véhicule abandonné
Immatriculation : {plate.fr}
Lieu : {street}, devant {place}
Depuis le : {date}
Déclarant : anonyme
=== form
Civilité : {p1.Madame}
Nom de naissance : {p1.LAST}
Prénom(s) : {p1.first}
Date de naissance : {dob.txt}
N° de sécurité sociale : {nir}
Adresse postale : {addr}
Motif : demande de relogement suite à squat de l'appartement
=== form
NOM/Prénom: {p1.rev}
Tel: {tel.mob}
Mail: {p1.email}
Adresse: {addr.short}
Message: y'a un rassemblement tous les soirs devant l'école, sono à fond
=== form
Type de demande : Occupation du domaine public (terrasse)
Établissement : {org.bar}
SIRET : {siret}
Responsable légal : {p1.full}
Adresse de l'établissement : {addr.full}
Téléphone : {tel.fix}
Surface demandée : 12 m²
=== form
signalement_id=SIG-{ticket} | categorie=eclairage | lieu={street} | commentaire=3 lampadaires HS depuis {date} | contact=non
=== form
Nom: {p1.LAST} Prénom: {p1.first} Né le: {dob.short} à Oran (Algérie) Motif: tapage
=== form
Demandeur
  Nom : {p1.last}
  Prénom : {p1.first}
  Adresse : {addr.full}
  Téléphone : {tel}
  E-mail : {p1.emaild}
Objet : Nid de frelons dans le parc, près des jeux d'enfants
=== form
Catégorie: Graffitis ; Adresse: {addr.short} ; Surface: 4 m² ; Propriétaire: {org.bailleur} ; Contact: {p1.full} {tel.mob}
=== form
Vous êtes : un particulier
Nom et prénom : {p1.full}
Date de naissance (JJ/MM/AAAA) : {dob.num}
Votre demande : Mon voisin, {p2.full}, gare sa camionnette ({plate.fr}) devant la sortie de secours.
=== form
--- Demande de remboursement fourrière ---
Propriétaire du véhicule : {p1.rev}
Immatriculation : {plate}
Date d'enlèvement : {date}
IBAN : {iban}
Montant : {amount}
=== form
Formulaire contact
Objet : Marché alimentaire
Message : Les camions de livraison se garent sur le trottoir à partir de {time}. Merci d'intervenir.
Souhaitez-vous être recontacté ? Non
=== form
Nom*: {p1.LAST}
Prénom*: {p1.first}
Adresse*: {addr.full}
Tél. portable: {tel.mob}
Tél. fixe: {tel.fix}
Description*: Fuite sur la borne incendie, trottoir inondé.
=== form
Déclaration de manifestation sur la voie publique
Organisateur : {p1.full}, {p1.ne} le {dob}, demeurant {addr.full}
Co-organisateur : {p2.full}, {p2.ne} le {dob}
Itinéraire : départ {place}, arrivée devant la mairie
Téléphone : {tel}
=== form
PRENOM NOM : {p1.upper}
DATE NAISS. : {dob.caps}
ADRESSE : {addr.full}
TELEPHONE : {tel}
NATURE : DEPOT SAUVAGE ENCOMBRANTS
=== form
Signalement n° {ticket}
Catégorie : Rongeurs
Localisation : {place}
Nombre observé : une {count}
Coordonnées du signalant : non communiquées
=== form
Commerçant non sédentaire - demande d'emplacement
Société : {org.societe}
SIREN : {siren}
Représentant : {p1.full}
Plaque du véhicule : {plate}
Carte de commerçant ambulant n° {badge}
Téléphone : {tel}
=== form
Identité: {p1.rev} / Né(e) le {dob.num} / Adresse: {addr} / Tél: {tel} / Plainte: feux d'artifice dans la cour
=== form
Réservation salle municipale
Association : {org.asso}
Contact : {p1.full}
Mail : {p1.email}
Salle : {room}
Date : {date}
Paiement par carte : {card}
=== form
nom={p1.lowlast};prenom={p1.lowfirst};naissance={dob.iso};tel={tel.mob};adresse={addr.sms};motif=bruit voisin
=== form
Nature : Tapage nocturne
Adresse des faits : {street}
Heure : {time}
Plaignant : {p1.full}
Joignable au : {tel}
=== form
Signalement inondation
Lieu : passage souterrain, {street}
Hauteur d'eau estimée : 20 cm
Ligne concernée : {bus}
Déclarant : agent de la régie
=== form
Champ 1 (nom) : {p1.last}
Champ 2 (prénom) : {p1.first}
Champ 3 (adresse) : {addr.qc}
Champ 4 (téléphone) : {tel.na}
Champ 5 (message) : Je serai en France en juin, l'appartement de ma mère est squatté.
=== form
Nom : {p1.LAST} | Prénom : {p1.first} | Date de naissance : {dob.txt} | NIR : {nir.dom} | Adresse : {addr.full}
"""

FR_TEMPLATES += """
=== log
Intervention {time}, équipage Alpha, {street}. Rixe entre 4 individus devant {org.bar}.
Mis en cause : {p1.LAST} {p1.first}, {p1.ne} le {dob.num} à Marseille, demeurant {addr.full}.
Victime : {p2.rev}, {p2.ne} le {dob}, domicilié{p2.e} {addr}.
Suite : conduits au commissariat, PV {case}.
=== log
MC {case} - {time} - Appel riverain pour tapage au {addr.short}. Sur place : musique forte, 15 personnes. \
Locataire {p1.rev} avisé{p1.e}, baisse du volume constatée.
=== log
Patrouille pédestre {place}, RAS. Passage médiateurs {time}. Deux groupes dispersés sans incident.
=== log
{time} - Équipage Bravo - Contrôle véhicule {plate.fr} stationné sur passage piéton. Conducteur : {p1.full}, \
permis présenté. Verbalisation {amount}.
=== log
Main courante n° {case}
Déclarant : {p1.LAST} {p1.first}, né(e) le {dob.txt}, tél. {tel}
Faits : dépôt de déchets verts au pied de l'arbre {street}.
Auteur présumé : voisin, {p2.mme} {p2.LAST}, identifié par la plaque du véhicule ({plate}).
=== log
Médiation de nuit - secteur Nord - {date}
22h10 : groupe de 8 jeunes sur {place}, discussion, départ 22h35.
23h00 : musique depuis un véhicule, {plate}, conducteur {p1.nick} (surnom), coupe la musique à notre demande.
00h15 : fin de tournée.
=== log
Rapport d'intervention - Agent {p1.ini} - {time}
Odeur de brûlé signalée cave bât. F. Sur place : reste de feu de poubelle, éteint. Aucune personne présente.
=== log
Interpellation {time} : individu {p1.LAST} {p1.first} dit {p1.nick}, né le {dob.short} à Alger, SDF, \
en possession de 12 barrettes. Remis à OPJ.
=== log
Fiche suivi squat - {street}
Occupants recensés : 6 adultes, 3 enfants.
Référent : {p1.full}, {p1.ne} le {dob}, joignable au {tel.mob}.
Propriétaire : {org.bailleur}. Procédure d'expulsion en cours (dossier {dossier}).
=== log
{date} {time} - Police municipale - Fourrière : véhicules {plate.fr} et {plate.fr} enlevés, marché forain.
=== log
Intervention suite à appel de {p1.madame} {p1.last} ({tel}), {addr.short}.
Constat : dépôt sauvage important (frigo, canapé, gravats). Photos prises. Enlèvement demandé à {org.service}.
=== log
PV de constat {case}
Le {date} à {time}, nous, agents de police municipale, constatons la présence d'un étal non autorisé \
{street}. Exploitant : {p1.rev}, {p1.ne} le {dob.num}, demeurant {addr.full}, SIRET déclaré {siret}.
=== log
Équipe médiation - passage {place} - {time} - 3 personnes alcoolisées sur les bancs, orientées vers l'accueil de nuit.
=== log
Signalement transmis par le bailleur : tags injurieux visant {p1.mme} {p1.LAST}, locataire au {addr.short}.
Nettoyage demandé sous 48h.
=== log
Appel {time} : rassemblement d'une {count} de personnes, feu de camp sur la pelouse de {place}. \
Équipage Charlie sur place à {time}, dispersion.
=== log
Mise en cause : {p1.upper}
Date de naissance : {dob.num}
Lieu de naissance : Bamako (Mali)
Domicile : {addr}
Faits : vente à la sauvette de boissons, {place}
Saisie : 48 canettes
=== log
Rapport médiateur {p1.first} - {date}
Rencontré {p2.madame} {p2.full} au {addr.short} : se plaint des aboiements du chien de {p3.madame} {p3.LAST}.
Rendez-vous fixé avec les deux parties en {room}, jeudi 18h.
=== log
{time} véhicule suspect {plate.eu} tournant autour de l'école, 2 occupants. Relevé transmis au commissariat.
=== log
Intervention ASVP : stationnement gênant {street}. Véhicule {plate}, propriétaire {p1.full} joint au {tel}, \
déplacé à {time}.
=== log
Tournée de nuit : feux de poubelle x3 {street}, pompiers sur place, pas de témoin. Ligne {bus} déviée 40 min.
=== log
Victime : {p1.rev}, {p1.ne} le {dob.txt}, domicile {addr.full}, tél {tel.mob}, mail {p1.email}
Objet : vol de sac à l'arraché sur le marché, auteur en fuite
=== log
Extrait registre : {date} - {time} - Agent {p1.any} - Ouverture du parc refusée à groupe, motif alcool. Pas d'incident.
=== log
Équipage Delta {time} : contrôle d'un deux-roues {plate.fr}. Conducteur {p1.LAST} {p1.first}, {p1.ne} le \
{dob.short}, sans casque. Domicile déclaré : {addr.full}. Propriétaire du deux-roues : {p2.full}.
=== log
Relevé caméra {case} : dépôt de matelas par un utilitaire blanc, plaque partiellement lisible, horaire {time}.
=== log
Mis en cause : {p1.LAST} {p1.first}, né le {dob.num} à Ajaccio, NIR {nir.corse}, demeurant {addr}.
Faits : outrage à agent lors de la fête de quartier.
=== log
Compte rendu réunion de crise inondation - {date}
Présents : {p1.init} (voirie), {p2.init} (propreté), le commandant de la police municipale.
Secteurs touchés : {street}, {place}. Pompes installées à {time}.
"""

FR_TEMPLATES += """
=== sms
bjr c {p1.lowfirst} du {addr.sms} encore la musik a fond chez le voisin depuis {time} svp faites qqch
=== sms
Slt, g vu la voiture {plate.sms} garée sur la place handi, encore
=== sms
RATS PARTOUT DANS LE SQUARE, LES ENFANTS JOUENT A COTE, C'EST UNE HONTE
=== sms
cest {p1.upper} jhabite {addr.sms} rappelez moi au {tel.mob} merci
=== sms
Note opérateur : rappeler {p1.mme} {p1.last} au {tel} avant 18h (dossier {case})
=== sms
le deal a repris ds le hall, cette fois c {p1.nick} et ses potes, vers {time}
=== sms
Bonsoir, feux d'artifice tirés sur les voitures {street}, une vingtaine de jeunes. Merci
=== sms
note : appelant {p1.LAST} ne souhaite pas etre rappele
=== sms
Message de {p1.first} : le lampadaire devant le {addr.sms} clignote depuis 1 semaine
=== sms
cc c {p1.lowfirst} mon num a changé c le {tel.mob} pour le dossier du bruit
=== sms
URGENT inondation parking sous sol residence, eau monte, qq1 peut venir ??
=== sms
Note : Mme signalante (anonyme) rappelle pour la 3e fois - manif prévue samedi 14h {place}
=== sms
suite appel : {p1.lower}, {dob.short}, rappel demandé
=== sms
la terrasse de {org.bar} est encore dehors a 2h du mat, ya du monde partout
=== sms
vehicule epave {plate.frold} tjs la, pneus crevés, depuis le {date}
=== sms
Mon mail si besoin : {p1.emaild} ({p1.first})
=== sms
Appel de {p1.rev} ({tel.fix}) : tags sur la porte du local vélo, {addr.short}
=== sms
Note : voiture tampon {plate.fr} + scooter {plate.fr} rodéo ts les soirs, appelant {p1.full} au {tel}
=== sms
jsuis au {addr.sms}, ya une bagarre en bas, 5 6 mecs, venez vite
=== sms
Rappel : réunion médiation {room} à {time}, amener fiches {case}
=== sms
Bonjour c'est {p1.first} {p1.last} de la boulangerie, le marché a encore bloqué notre livraison ce matin
=== sms
nuisances chantier 6h30 !!! entreprise {org.societe} siret {siret}
=== sms
ok merci, c'est noté pour le {date}. {p1.init}
=== sms
Squat au {addr.short} : ils ont changé la serrure. Proprio = {p1.full}, tel {tel.intl}
=== sms
NOTE OPE : RAPPELER {p1.upper} - {tel.mob} - NUISANCES OLFACTIVES POUBELLES
=== sms
bonsoir, c'est encore les memes sur le parking, moteurs a fond, {count} de voitures
=== sms
mr {p1.lowlast} (3e etage) jette ses megots par la fenetre sur la terrasse du rdc
=== sms
Note : remboursement caution salle - IBAN reçu par tel {iban.fr} - titulaire {p1.rev}
=== sms
Vu ce matin : {p1.nick} et {p2.nick} en train de taguer le mur du gymnase
=== sms
dépôt sauvage devant {place}, 3 sacs + 1 matelas, photo envoyée
=== sms
ppl de la manif bloquent le {bus}, circulation coupée
=== sms
{p1.lowfirst} {p1.lowlast} né en {dob.year} au {addr.sms} tel {tel} / plainte bruit bar
"""


FR_TEMPLATES += """
=== call
Agent CCAS : Pour l'aide d'urgence après l'inondation, j'ai besoin de votre numéro de sécurité sociale.
Appelante : Attendez, je prends la carte... {nir}.
Agent CCAS : Merci. Et votre nom ?
Appelante : {p1.full}, {p1.ne} le {dob}.
Agent CCAS : Le versement se fera sur quel compte ?
Appelante : {iban.fr}.
=== call
Opérateur : Pour régler les frais de fourrière par téléphone, il me faut le numéro de la carte.
Appelant : Oui, c'est le {card}, expire en 09/27.
Opérateur : Le véhicule, c'est bien le {plate.fr} ?
Appelant : Oui, au nom de {p1.full}.
Opérateur : Paiement accepté, {amount}. Votre reçu : {order}.
=== form
DEMANDE D'AIDE D'URGENCE - SINISTRE INONDATION
Nom : {p1.LAST}   Prénom : {p1.first}
N° sécurité sociale : {nir}
Date de naissance : {dob.num}
Adresse sinistrée : {addr.full}
RIB / IBAN : {iban.fr}
Téléphone : {tel.mob}
=== form
Raison sociale : {org.societe} | SIREN : {siren} | SIRET établissement : {siret} | Dirigeant : {p1.rev} | Objet : autorisation \
de stationnement food-truck {place}
=== mail
Bonjour,
Suite au contrôle de ce matin, voici les informations de notre commerce :
Enseigne : {org.bar}
SIRET : {siret}
Gérante : {p1.full}, tél. {tel}
Nous contestons le constat de dépassement de terrasse.
Cordialement
=== mail
Madame, Monsieur,
Je vous adresse ma réclamation concernant le prélèvement de la redevance de marché.
Ma société ({org.societe}, SIREN {siren}) a été débitée deux fois sur la carte {card}.
Merci de rembourser sur l'IBAN {iban}.
{p1.full}
=== log
Contrôle débit de boissons {org.bar} ({time}) : SIRET {siret}, licence IV présentée. Gérant {p1.LAST} {p1.first} \
avisé de l'arrêté de fermeture à 1h. Client alcoolisé évacué.
=== log
Fiche sociale - famille sinistrée squat {street}
Chef de famille : {p1.rev}, NIR {nir}, {p1.ne} le {dob.txt}
Conjoint{p2.e} : {p2.full}, NIR {nir}
Hébergement provisoire : {addr.full}
=== sms
note : usager a dicté sa carte {card} pour la redevance terrasse - A SUPPRIMER apres encaissement
=== sms
ent. de nettoyage tags = {org.societe}, siren {siren}, contact {p1.first} {tel.mob}
"""


# ---------------------------------------------------------------------------
# ENGLISH document templates (handwritten)
# ---------------------------------------------------------------------------

EN_TEMPLATES = """
=== call
Agent: City Noise Line, how can I help?
Caller: Hi, yeah, it's {p1.full}, I'm at {addr}. The party next door has been going since {time}.
Agent: Can I take a number to call you back?
Caller: Sure, it's {tel}.
Agent: Thank you, I've logged it under {case}.
=== call
Agent: Can you spell your surname for me?
Caller: {p1.spell}. {p1.last}. First name {p1.first}.
Agent: And your date of birth?
Caller: {dob.txt}.
Agent: Thanks. What's the address of the property?
Caller: {addr}.
=== call
Agent: Community Safety, good evening.
Caller: There's a group of about {count} lads on bikes doing wheelies through {place}, nearly hit a kid.
Agent: Did you want to leave your details?
Caller: No, I'd rather not, they know where I live.
Agent: No problem, I'll pass it to the patrol.
=== call
Operator: 311, what's the address of the problem?
Caller: {addr.us}. Fire hydrant open, the whole block is flooded.
Operator: And your name?
Caller: {p1.first}. {p1.first} {p1.last}.
Operator: Callback number?
Caller: {tel.na}.
=== call
Agent: Good morning, Street Cleansing.
Caller: Morning. Someone's fly-tipped a whole kitchen on the corner of {street}. There's a van, reg {plate.uk}, \
I saw them do it at {time}.
Agent: That's really helpful, thank you. Can I have your name?
Caller: {p1.mr} {p1.last}.
=== call
Agent: You're through to the Environmental Health out-of-hours line.
Caller: Hiya, it's about the takeaway under my flat, the extractor runs all night.
Agent: What's your address?
Caller: {addr.uk}.
Agent: And you are?
Caller: {p1.full}. My mobile is {tel.uk}.
=== call
Dispatcher: Go ahead.
Caller: Yeah, there's a fight outside {org.pub}, two blokes, one's on the floor.
Dispatcher: Any weapons?
Caller: I can't see any. One of them is {p1.nick}, he's always in there.
Dispatcher: Units are on the way.
=== call
Agent: Can I confirm your email address?
Caller: It's {p1.emaild}.
Agent: And is your name {p1.full}?
Caller: That's right.
Agent: Thanks, I'll send the reference {ticket} there.
=== call
Operator: Noise complaint line.
Caller: Hi, this is {p1.mr} {p1.LAST}, {addr.ie}. The rave in the field behind us started at {time}.
Operator: How many people would you say?
Caller: Hundreds. Cars everywhere, one blocking my gate, {plate.ie}.
Operator: I'll let the Garda know.
=== call
Agent: Parks Department.
Caller: Hello, the lights in the underpass at {place} have been out since {date}, it's pitch black.
Agent: Thank you, I've raised a job with the lighting contractor.
Caller: Great, thanks.
=== call
Agent: May I have the caller's name please?
Caller: It's {p1.upper}, born {dob.uk}, and I live at {addr.uk}.
Agent: What are you reporting today?
Caller: Rats. In the bins, in the garden, everywhere. And the neighbour, {p2.full}, keeps feeding pigeons.
=== call
Operator: City services.
Caller: Yeah hi, I'm calling about the street market on {street}. The traders leave their boxes everywhere.
Operator: Do you have a trader name?
Caller: The van said {org.company}. Company number on it, I don't remember.
Operator: OK, I'll log it.
=== call
Agent: Hi, you're calling about the squat?
Caller: Yes. I own the house, {addr}. I'm {p1.full}. I live abroad, you can reach me on {tel.intl}.
Agent: We'll need proof of ownership. Can you email it to {mail.org}?
Caller: Will do.
=== call
Agent: Is this {p1.mr} {p1.last}?
Caller: Speaking.
Agent: I'm calling back about your report of fireworks. Has it stopped?
Caller: No, last night again, {time}. My wife {p2.first} called too.
Agent: I'll add that to the case, {case}.
=== call
Agent: Noise team.
Caller: Hi there, just letting you know the generator at the building site on {street} has been running all night.
Agent: Do you have the contractor's name?
Caller: {org.company}. Their site manager is a guy called {p1.first}, phone number on the hoarding is {tel}.
=== call
Operator: And your date of birth, ma'am?
Caller: {dob.us}.
Operator: And the car that's blocking your driveway?
Caller: Silver Honda, German plates, {plate.de}, parked there since {date}.
Operator: I'll send parking enforcement.
=== call
Agent: Community Safety.
Caller: I want to report a drug deal, right now, by the bus stop on {street}.
Agent: Can you describe them?
Caller: Two guys, one in a red jacket. I'd rather not give my name.
Agent: That's fine, thanks for calling.
"""

EN_TEMPLATES += """
=== mail
---------- Forwarded message ---------
From: {p1.full} <{p1.email}>
Date: {date}
Subject: Noise from {org.pub}

Hi,
Forwarding my complaint again as nobody replied. Music until {time} every Friday and Saturday.
Kind regards,
{p1.full}
{addr}
{tel}
=== mail
Dear Sir or Madam,
I am writing to complain about the overflowing bins behind the shops on {street}. Foxes and rats are tearing \
the bags open every night.
Yours faithfully,
A resident
=== mail
Hi {p2.first},
See below from a resident.
> On {date}, {p1.full} wrote:
> The streetlight outside my house at {addr} has been flickering for weeks.
Cheers,
{p3.first}
--
{p3.full} | Highways Officer | {org.service}
T: {tel} | E: {p3.emailpro}
=== mail
Subject: Refund - parking penalty paid twice
Hello,
I paid my penalty charge online and was charged twice ({amount}).
Card used: {card}
Transaction ref: {order}
Please refund the duplicate.
{p1.full}
=== mail
Dear Councillor,
On behalf of the residents of {addr.uk}, I would like to raise the ongoing anti-social behaviour in the stairwell.
We have reported it to the police (ref {case}) with no change.
Sincerely,
{p1.init}
Chair, {org.housing}
=== mail
Good afternoon,
Please find attached the event application for the community picnic at {place}.
Organiser: {p1.full}
Date of birth: {dob}
Address: {addr}
Mobile: {tel}
Best wishes
=== mail
Hi team,
Quick update from last night's patrol: quiet at {place}, two groups moved on from the car park, no arrests.
Next briefing in {room} at 9.
Thanks
=== mail
From: {p1.upper}
Sent: {date}
To: Noise Team
Subject: RE: Case {case}
It's still happening. The neighbour at number 14, {p2.mr} {p2.last}, plays drums until midnight.
{p1.first}
=== mail
Hello,
I run {org.company} and we'd like a licence for a coffee cart at {place}.
Registered in France, SIRET {siret}, as we're a branch of a French company.
Contact me on {tel} or {p1.email}.
{p1.full}, Director
=== mail
To whom it may concern,
My late father's flat at {addr} has been broken into and is now occupied. I am his executor.
Please contact me: {p1.full}, {addr.us}, {tel.na}, {p1.emaild}.
=== mail
Dear {p1.mr} {p1.last},
Thank you for your report ({ticket}). Our Street Cleansing team removed the dumped mattresses on {date}.
If the problem persists, please reply to {mail.org}.
Kind regards,
Customer Services
=== mail
> -----Original Message-----
> From: {p1.email}
> Sent: {date}
> There were fireworks in the park again last night, someone set off rockets at the swings.
Thanks, passed to the ASB team.
{p2.first} {p2.last} | Community Safety Officer
=== mail
Subject: Flooding on {street}
All,
The drains have backed up again after the storm. Water is about 30 cm deep by the railway bridge and the {bus} is diverted.
Regards,
Highways control room
=== mail
Hi,
For the grant refund, our bank details are:
Account name: {org.housing}
IBAN: {iban.gb}
Treasurer: {p1.full} ({tel.uk})
Thank you!
=== mail
Dear Sir,
A caravan (Irish reg {plate.ie}) and a van (reg {plate.uk}) have been parked on the green at {place} since {date}.
I'd like to know what the council intends to do.
{p1.full}
{addr.ie}
=== mail
Hello,
I am the landlady of the unit above {org.pub}. The tenant, {p1.full} (DOB {dob.uk}), has complained about the noise \
repeatedly. I support the complaint.
{p2.full}
{p2.email}
{tel}
=== mail
Hi,
Volunteer litter-pick this Saturday, meet at {place} at 10am. Gloves and bags provided. Bring water!
Friends of the Park
"""

EN_TEMPLATES += """
=== form
Name: {p1.full}
DOB: {dob}
Address: {addr}
Phone: {tel}
Email: {p1.email}
Category: Noise - residential
Details: Dog barking all day since {date}.
=== form
Report type: Abandoned vehicle | Reg: {plate.uk} | Location: {street} | Since: {date} | Reporter: anonymous
=== form
First name: {p1.first}; Last name: {p1.last}; DOB: {dob.us}; Address: {addr.us}; Phone: {tel.na}
=== form
[Online form - Fly-tipping]
Location: behind {place}
Description: builder's waste, about {count} bags
Vehicle seen: white Transit, reg {plate.uk}
Would you like a reply? No
=== form
SURNAME: {p1.LAST}
FORENAME(S): {p1.first}
DATE OF BIRTH: {dob.caps}
ADDRESS: {addr.uk}
TEL: {tel.uk}
NATURE OF COMPLAINT: Fireworks set off in the street after 11pm
=== form
Applicant name: {p1.full}
Business: {org.company}
Company reg. (FR SIREN): {siren}
Pitch requested: {place}
Contact email: {p1.email}
Card for fee: {card}
=== form
name={p1.lower} | dob={dob.iso} | tel={tel} | addr={addr} | issue=graffiti on garage door
=== form
Incident category: Street lighting
Column number: {ticket}
Road: {street}
Comments: three lights out near the school crossing
=== form
Full name: {p1.rev}
Date of Birth: {dob.txt}
Current address: {addr}
Previous address: {addr}
Daytime phone: {tel}
Reason: request for rehousing - harassment by neighbours
=== form
Your details
  Name: {p1.full}
  Email: {p1.emaild}
  Phone: {tel}
Your report
  Market stalls blocking fire exit on {street}, every Sunday from {time}.
=== form
Event notification - demonstration
Organiser: {p1.full} (DOB {dob})
Second contact: {p2.full}, {tel}
Assembly point: {place} at {time}
Expected attendance: 200
=== form
Category: Pest control | Location: {place} | Pest: rats | Seen: {count} | Contact: not provided
=== form
Vehicle owner: {p1.full}
Registration: {plate.eu}
Address: {addr}
Bank for refund (IBAN): {iban.eu}
Amount: {amount}
=== form
Requester: {p1.mr} {p1.last}
Tel (home): {tel}
Tel (mobile): {tel}
Address: {addr.uk}
Request: licensing review of {org.pub}
=== form
Name - {p1.rev}; D.O.B - {dob.uk}; Addr - {addr.uk}; Ph - {tel.uk}; Reg - {plate.uk}; Complaint - car revving at night
=== form
Survey: how safe do you feel in {place}? Answer: not very, after dark. Lighting is poor, and the path floods.
=== form
Tenant: {p1.full}
Flat: {addr.uk}
NI / ID supplied: passport
Emergency contact: {p2.full}, {tel.intl}
Issue: water coming through the ceiling from the flat above
"""

EN_TEMPLATES += """
=== log
{time} PC {p1.LAST} attended {addr}. Suspect {p2.full} (DOB {dob}) arrested for criminal damage. Victim {p3.full}.
=== log
CAD {case}: report of large gathering at {place}, {count} youths, music. Units on scene {time}, group dispersed. NFA.
=== log
Incident log - {date}
22:40 Call from {p1.mr} {p1.last} ({tel}) re: loud party at {addr}.
23:05 Officers attended, occupier {p2.full} given warning.
23:30 Music turned down. Closed.
=== log
Stop check {time}: vehicle {plate.uk}, driver {p1.rev}, DOB {dob.uk}, address given {addr.uk}. No offences disclosed.
=== log
Patrol log, Sector 4: quiet night. Two abandoned shopping trolleys in the canal by {place}. Reported to {org.service}.
=== log
Warden note ({p1.init}): spoke to stallholder at Sunday market, {p2.full}, about blocking the fire lane. Advice given.
=== log
ASB case {case}
Complainant: {p1.full}, {addr}, tel {tel}
Subject: {p2.LAST}, {p2.first}, DOB {dob.txt}, same block, flat above
Action: warning letter sent {date}
=== log
{time} - Fireworks thrown at bus on {street}, {bus}. Driver unhurt. No suspects identified.
=== log
Arrest record
Name: {p1.upper}
Date of birth: {dob.us}
Address: {addr.us}
Offense: narcotics distribution near {place}
Vehicle: {plate.de}
=== log
Night mediation round - {date}. Met {p1.first} and {p2.first} outside the shop, agreed to keep the \
noise down. 3 other youths unknown.
=== log
Officer {p1.LAST} #4417 responded to a call re: squatters at {addr.us}. Owner {p2.full} reached at {tel.na}.
=== log
Graffiti removal team: 6 tags removed from railway arches on {street}. Next visit {date}.
=== log
Dispersal order issued {time} for {place}. Persons moved on: {p1.nick}, {p2.full}, {p3.LAST}.
=== log
Flood response log: {time} pumps deployed at {street} underpass; {time} road reopened. No casualties.
=== log
Witness: {p1.full}, born {dob.txt}, of {addr}, states {p1.he} saw {p2.nick} hand a package to a man in a grey car, reg {plate}.
=== log
PCSO {p1.init} - market patrol - {time} - unlicensed trader moved on, goods seized, receipt {order} issued.
=== log
Suspect description only: white male, 30s, black hoodie, ran towards {place}. CCTV requested, ref {case}.
"""

EN_TEMPLATES += """
=== sms
hi its {p1.lowfirst} from {addr} the bass is shaking my walls again pls send someone
=== sms
RATS IN THE PLAYGROUND AGAIN!!! SOMEONE WILL GET BITTEN
=== sms
note: caller {p1.any} wants callback on {tel} re: fly-tipping
=== sms
blue car {plate.uk} parked on the zigzags outside the school again
=== sms
thx, case ref {case}. will chase tmrw. {p1.ini}
=== sms
fight outside the chicken shop on {street} now!! 4 or 5 guys
=== sms
Msg from resident: my new number is {tel}, {p1.full}
=== sms
email me at {p1.emaild} with the update pls
=== sms
OPERATOR NOTE: {p1.upper}, DOB {dob.uk}, REPORTS DEALING FROM FLAT ABOVE - {addr.uk}
=== sms
fireworks again {place}, about {count} kids. no names sorry
=== sms
{p1.lowfirst} here, the streetlight by no. 40 is out again
=== sms
Note: anonymous caller, market on {street} overrunning past {time}
=== sms
lol {p1.nick} is back on the corner, same as last week
=== sms
pls tow the van {plate} it's been on our drive 3 days
=== sms
Callback done - {p1.mr} {p1.last} satisfied, close ticket {ticket}
=== sms
flooded basement, {addr}, need sandbags asap - {p1.first}
=== sms
squat at the old pub reopened, windows boarded, dogs inside
=== sms
Note: refund to {p1.full}, IBAN {iban}, approved by supervisor
"""


EN_TEMPLATES += """
=== call
Agent: To book the bulky waste collection I'll need a card number.
Caller: OK, it's {card}.
Agent: Name on the card?
Caller: {p1.upper}.
Agent: And the collection address?
Caller: {addr}.
=== mail
Hello,
The scaffolding firm on our street is actually a French company: {org.company}, SIREN {siren}, SIRET {siret}.
Their lorry ({plate.fr}) blocks the road every morning from {time}.
Regards, {p1.full}
=== form
Applicant: {p1.full}
Date of birth: {dob.txt}
French social security no. (NIR): {nir}
Current address: {addr.uk}
Bank (IBAN): {iban}
Claim: flood damage to ground-floor flat
=== log
Receipt log {date}: skip permit fee {amount} paid by card {card} on behalf of {org.company}. Permit holder {p1.full}.
=== sms
pls refund {p1.full}, paid twice on card {card}, ref {order}
"""


# ---------------------------------------------------------------------------
# build, check, write
# ---------------------------------------------------------------------------


def parse(block: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    kind: str | None = None
    lines: list[str] = []
    for line in block.split("\n"):
        if line.startswith("=== "):
            if kind:
                out.append((kind, "\n".join(lines).strip("\n")))
            kind, lines = line[4:].strip(), []
        elif kind:
            lines.append(line)
    if kind:
        out.append((kind, "\n".join(lines).strip("\n")))
    return out


NUM_RUN = re.compile(r"\d(?:[ .\-]?\d)*")
IBAN_LIKE = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){10,30}")
MAIL_LIKE = re.compile(r"@|\(at\)|\[at\]|\barobase\b|\bat \w+ dot \w+", re.IGNORECASE)


def check_unmarked(segment: str) -> None:
    for m in NUM_RUN.finditer(segment):
        d = re.sub(r"\D", "", m.group())
        if len(d) in (9, 14) and luhn_ok(d):
            raise AssertionError(f"unmarked SIREN/SIRET-like number: {m.group()!r}")
        if 13 <= len(d) <= 19 and luhn_ok(d):
            raise AssertionError(f"unmarked card-like number: {m.group()!r}")
        if len(d) == 15 and nir_ok(d):
            raise AssertionError(f"unmarked NIR-like number: {m.group()!r}")
    for m in IBAN_LIKE.finditer(segment):
        if iban_ok(m.group()):
            raise AssertionError(f"unmarked IBAN: {m.group()!r}")
    if MAIL_LIKE.search(segment):
        raise AssertionError(f"unmarked e-mail-like text in {segment!r}")


def check_span(value: str, typ: str) -> None:
    compact = value.replace(" ", "").replace("-", "")
    if typ == "NIR":
        assert nir_ok(compact), value
    elif typ == "IBAN":
        assert iban_ok(value), value
    elif typ == "SIRET":
        assert len(compact) == 14 and luhn_ok(compact), value
    elif typ == "SIREN":
        assert len(compact) == 9 and luhn_ok(compact), value
    elif typ == "CARD":
        assert len(compact) in (15, 16) and luhn_ok(compact), value
    elif typ == "PERSON":
        assert not any(c.isdigit() for c in value), value
    elif typ == "EMAIL":
        assert "@" in value or "at" in value.lower() or "arobase" in value, value


def check_doc(doc: dict) -> None:
    text, spans = doc["text"], doc["spans"]
    assert "{" not in text and "}" not in text, text
    prev_end = 0
    for start, end, typ in spans:
        assert typ in TYPES, typ
        assert prev_end <= start < end <= len(text), (start, end, text)
        value = text[start:end]
        assert value == value.strip(), repr(value)
        assert start == 0 or not text[start - 1].isalnum(), (value, text)
        assert end == len(text) or not text[end].isalnum(), (value, text)
        check_span(value, typ)
        check_unmarked(text[prev_end:start])
        prev_end = end
    check_unmarked(text[prev_end:])


def build() -> list[dict]:
    rng = random.Random(SEED)
    docs: list[dict] = []
    seen: set[str] = set()
    templates = {"fr": parse(FR_TEMPLATES), "en": parse(EN_TEMPLATES)}
    for lang, target in (("fr", N_FR), ("en", N_EN)):
        tpls = templates[lang]
        assert len({t for _, t in tpls}) == len(tpls), "duplicate template"
        rendered: list[dict] = []
        with_id: list[int] = []

        def emit(i: int, lang: str = lang, tpls: list = tpls, rendered: list = rendered) -> bool | None:
            kind, tpl = tpls[i]
            for _ in range(20):
                text, spans = render(tpl, lang, rng)
                if text not in seen:
                    seen.add(text)
                    rendered.append({"lang": lang, "text": text, "spans": spans, "_kind": kind})
                    return bool(spans)
            return None  # a template without slots renders only one distinct text

        for i in range(len(tpls)):
            if emit(i) is None:
                raise AssertionError(f"template {i} repeats an earlier text")
            if rendered[-1]["spans"]:
                with_id.append(i)
        no_id = [i for i in range(len(tpls)) if i not in with_id]
        pool = with_id + rng.sample(no_id, len(no_id) // 2)
        while len(rendered) < target:
            for i in rng.sample(pool, min(len(pool), target - len(rendered))):
                emit(i)
        docs.extend(rendered)
    rng.shuffle(docs)
    return docs


def main() -> int:
    docs = build()
    for doc in docs:
        check_doc(doc)
    n_fr, n_en = len(parse(FR_TEMPLATES)), len(parse(EN_TEMPLATES))
    with OUT.open("w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps({"lang": doc["lang"], "text": doc["text"], "spans": doc["spans"]}, ensure_ascii=False) + "\n")
    types = Counter(typ for doc in docs for _, _, typ in doc["spans"])
    kinds = Counter(doc["_kind"] for doc in docs)
    langs = Counter(doc["lang"] for doc in docs)
    empty = sum(1 for doc in docs if not doc["spans"])
    print(f"templates: {n_fr} fr + {n_en} en = {n_fr + n_en}")
    print(f"texts: {len(docs)} ({dict(langs)}); by kind: {dict(sorted(kinds.items()))}")
    print(f"texts with no identifier: {empty} ({100 * empty / len(docs):.1f}%)")
    for typ in TYPES:
        print(f"  {typ:14s} {types[typ]}")
    print(f"  {'total spans':14s} {sum(types.values())}")
    assert empty / len(docs) >= 0.12, "not enough texts without identifier"
    assert all(types[t] > 0 for t in TYPES)
    return 0


if __name__ == "__main__":
    sys.exit(main())
