"""Build the held-out scrubber corpus (heldout_corpus.jsonl) from hand-written templates.

Written independently of the scrubber and of every other corpus in the project.
Run from the repository root: python tests/data/heldout/make_heldout_corpus.py  (seeded, deterministic)
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path
from random import Random

SEED = 20240917
N_TEXTS = 400
FR_SHARE = 0.6
OUT = Path(__file__).resolve().parent / "heldout_corpus.jsonl"

TYPES = ("PERSON", "DATE_OF_BIRTH", "ADDRESS", "PHONE", "EMAIL", "NIR", "IBAN", "SIRET", "SIREN", "CARD", "PLATE")

# ---------------------------------------------------------------------------
# Hand-written name pools (first names, surnames) of many origins
# ---------------------------------------------------------------------------
NAME_POOLS = {
    "france": (
        "Jean-Pierre Marie-Claire Sylvie Thierry Gaëlle Hervé Françoise Benoît Chloé Maëlys Jérôme Solène Loïc Nathalie "
        "Régis Aurélie Didier Clémence Yannick Hélène",
        "Dupuis Lefèvre Morel Gauthier Roussel Lemaire Chevalier Perrin Garnier Faure Mercier Blanchard Boyer Lacroix "
        "Fontaine Marchand Barbier Renaud Leclerc Dumont",
    ),
    "breton_corse": (
        "Gwenaël Erwan Maïwenn Soizic Ange-Marie Paul-Antoine Ghjuvanni Letizia Nolwenn Tugdual",
        "Le Goff Kerbrat Le Bihan Quéméner Tanguy Santoni Colonna Casanova Pietri Filippi",
    ),
    "antilles_reunion": (
        "Josiane Lucien Fabiola Wilfried Nadège Teddy Rosemonde Jean-Max Ludivine Darline",
        "Lubin Marie-Sainte Zébus Hoarau Payet Grondin Nativel Jean-Baptiste Célestine Ursulet",
    ),
    "maghreb": (
        "Karim Samira Mohamed Yasmine Rachid Nadia Youssef Fatima-Zahra Mehdi Leïla Abdelkader Inès Bilal Sofiane",
        "Benali Bouzid El Amrani Haddad Cherif Belkacem Ben Youssef Mansouri Ait Ouali Zerrouki Bouaziz Laaroussi",
    ),
    "west_africa": (
        "Mamadou Aïssatou Ousmane Fatoumata Moussa Kadiatou Ibrahima Awa Souleymane Mariam",
        "N'Diaye Diallo Traoré Coulibaly Keïta Sow Camara Koné Ba Sissoko",
    ),
    "iberia": (
        "João Conceição Ana Paula Rui Fernanda Alejandro Lucía Joaquim Maria do Céu Sérgio Pilar",
        "dos Santos Ferreira da Silva Pereira Rodrigues Gonçalves Fernández García-López Martínez Oliveira",
    ),
    "italy": ("Giuseppe Francesca Salvatore Chiara Alessandro Rosaria", "Esposito Russo De Luca Bianchi Romano Lo Bianco"),
    "central_europe": (
        "Krzysztof Agnieszka Wojciech Małgorzata Ionuț Andreea Oleksandr Olena Dmytro Zuzana",
        "Kowalski Wiśniewska Nowak Popescu Ionescu Shevchenko Kovalenko Dvořák Horváth Zielińska",
    ),
    "asia": (
        "Thi Hoa Minh Tuan Wei Xiaoling Jun Mei Hyun-woo Ji-yeon Priya Arjun Rajesh Anjali Imran Ayesha",
        "Nguyen Tran Pham Le Van Zhang Wang Liu Chen Kim Park Sharma Patel Gupta Singh Khan Chaudhry",
    ),
    "turkey": ("Mehmet Elif Emre Zeynep Hakan Ayşe", "Yılmaz Demir Şahin Çelik Öztürk Aydın"),
    "benelux_ch": (
        "Pieter Annelies Joost Marieke Lotte Jean-Luc Urs Regula Beat Mireille Gilles Laetitia",
        "Van den Berghe De Smet Peeters Janssens Vermeulen Claes Müller Bachmann Schmid Weber Hoffmann Kieffer",
    ),
    "uk_ie": (
        "Oliver Charlotte Harry Amelia George Siobhán Niamh Seán Ciarán Aoife Callum Eilidh Fionnuala Rhys Bethan",
        "Thompson Whitaker O'Sullivan Ó Briain McAllister MacLeod Fitzgerald Murphy Kavanagh Evans Hughes Pritchard "
        "Ashworth Brennan Doherty",
    ),
    "north_america": (
        "Tyler Brittany DeShawn Latoya Jose Guadalupe Mackenzie Hunter Kayla Marc-André Geneviève Réjean Mathieu",
        "Johnson Washington Hernandez Ramirez Kowalczyk Tremblay Gagnon Bouchard Côté Lévesque Nakamura Okafor",
    ),
    "east_africa_mideast": (
        "Abdirahman Hodan Yonas Selam Omar Rania Ahmad Dalia Amani Tariq",
        "Abdullahi Warsame Tesfaye Haile Al-Masri Haddadin Nassar Hussein Farah Osei",
    ),
}
MULTIWORD = {"Le Goff", "Le Bihan", "El Amrani", "Ben Youssef", "Ait Ouali", "dos Santos", "da Silva", "De Luca", "Lo Bianco"}
MULTIWORD |= {"Van den Berghe", "De Smet", "Ó Briain", "Maria do Céu", "Ana Paula", "Thi Hoa", "Le Van"}


def _split_pool(s: str) -> list[str]:
    words = s.split()
    out, i = [], 0
    while i < len(words):
        for k in (3, 2):
            cand = " ".join(words[i : i + k])
            if cand in MULTIWORD:
                out.append(cand)
                i += k
                break
        else:
            out.append(words[i])
            i += 1
    return out


POOLS = {k: (_split_pool(a), _split_pool(b)) for k, (a, b) in NAME_POOLS.items()}
NICKNAMES = (
    "Momo Jojo Dédé Titi Nono Bébert Fifi Riton Ptit Lu Sandy Big Mike Doudou Kiki Lulu Shorty Red Mimi Tonton Zizou".split()
)
NICKNAMES = ["P'tit Lu" if n == "Ptit" else n for n in NICKNAMES if n != "Lu"]
NICKNAMES = [n for n in NICKNAMES if n not in ("Big", "Mike")] + ["Big Mike"]
MAIL_DOMAINS = "gmail.com orange.fr free.fr hotmail.fr yahoo.fr laposte.net sfr.fr outlook.com skynet.be bluewin.ch pt.lu".split()
MAIL_DOMAINS_EN = (
    "gmail.com yahoo.co.uk btinternet.com hotmail.com eircom.net outlook.com icloud.com videotron.ca aol.com".split()
)

MONTHS_FR = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
MONTHS_EN = "January February March April May June July August September October November December".split()

# ---------------------------------------------------------------------------
# Checksums
# ---------------------------------------------------------------------------


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


def luhn_complete(prefix: str) -> str:
    for c in "0123456789":
        if luhn_ok(prefix + c):
            return prefix + c
    raise AssertionError


def nir_ok(raw: str) -> bool:
    s = re.sub(r"[\s.\-]", "", raw).upper()
    if len(s) != 15:
        return False
    body = s[:13].replace("2A", "19", 1) if s[5:7] == "2A" else s[:13]
    body = body.replace("2B", "18", 1) if s[5:7] == "2B" else body
    if not body.isdigit() or not s[13:].isdigit():
        return False
    return 97 - int(body) % 97 == int(s[13:])


def _alnum_to_num(s: str) -> str:
    return "".join(str(int(c, 36)) for c in s)


def iban_ok(raw: str) -> bool:
    s = re.sub(r"[\s\-]", "", raw).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", s):
        return False
    return int(_alnum_to_num(s[4:] + s[:4])) % 97 == 1


def iban_make(country: str, bban: str) -> str:
    check = 98 - int(_alnum_to_num(bban + country + "00")) % 97
    return f"{country}{check:02d}{bban}"


# ---------------------------------------------------------------------------
# Value generators
# ---------------------------------------------------------------------------


class Gen:
    def __init__(self, rng: Random, lang: str):
        self.r = rng
        self.lang = lang
        self.people: dict[str, dict[str, str]] = {}

    def digits(self, n: int) -> str:
        return "".join(self.r.choice("0123456789") for _ in range(n))

    def pick(self, seq):
        return self.r.choice(seq)

    # ---- persons
    def person(self, key: str) -> dict[str, str]:
        if key not in self.people:
            pool = self.pick(list(POOLS))
            fn = self.pick(POOLS[pool][0])
            other = pool if self.r.random() < 0.75 else self.pick(list(POOLS))
            ln = self.pick(POOLS[other][1])
            if self.r.random() < 0.08:
                ln = ln + "-" + self.pick(POOLS[self.pick(list(POOLS))][1]).split()[-1]
            self.people[key] = {"fn": fn, "ln": ln}
        return self.people[key]

    @staticmethod
    def initials(fn: str, ln: str, dotted: bool) -> str:
        def ini(part: str) -> str:
            segs = [s for s in re.split(r"([- ])", part) if s]
            out = ""
            for s in segs:
                if s in "- ":
                    out += "-" if s == "-" else ""
                else:
                    out += s[0].upper() + ("." if dotted else "")
            return out

        return f"{ini(fn)} {ini(ln)}" if dotted else ini(fn) + ini(ln.split()[-1])

    def person_attr(self, key: str, attr: str) -> tuple[str, str | None]:
        p = self.person(key)
        fn, ln = p["fn"], p["ln"]
        if attr == "fn":
            return fn, "PERSON"
        if attr == "ln":
            return ln, "PERSON"
        if attr == "LN":
            return ln.upper(), "PERSON"
        if attr == "fl":
            return f"{fn[0]}. {ln}", "PERSON"
        if attr == "ini":
            return self.initials(fn, ln, self.r.random() < 0.6), "PERSON"
        if attr == "nick":
            if "nick" not in p:
                p["nick"] = self.pick(NICKNAMES)
            return p["nick"], "PERSON"
        if attr == "full":
            style = self.r.random()
            if style < 0.4:
                return f"{fn} {ln}", "PERSON"
            if style < 0.65:
                return f"{fn} {ln.upper()}", "PERSON"
            if style < 0.85:
                return f"{ln.upper()} {fn}", "PERSON"
            if style < 0.93:
                return f"{fn.lower()} {ln.lower()}", "PERSON"
            return f"{ln} {fn}", "PERSON"
        if attr == "email":
            return self.email_from(fn, ln), "EMAIL"
        raise KeyError(attr)

    @staticmethod
    def ascii_slug(s: str) -> str:
        s = unicodedata.normalize("NFKD", s.replace("ł", "l").replace("ı", "i").replace("Ł", "L"))
        s = "".join(c for c in s if not unicodedata.combining(c))
        return re.sub(r"[^a-z]", "", s.lower())

    def email_from(self, fn: str, ln: str) -> str:
        f, s = self.ascii_slug(fn), self.ascii_slug(ln)
        dom = self.pick(MAIL_DOMAINS if self.lang == "fr" else MAIL_DOMAINS_EN)
        local = self.pick(
            [f"{f}.{s}", f"{f[0]}{s}", f"{s}.{f}", f"{f}_{s}{self.r.randint(1, 99)}", f"{f}{s[:3]}{self.r.randint(60, 99)}"]
        )
        return self.disguise(local, dom)

    def disguise(self, local: str, dom: str) -> str:
        x = self.r.random()
        if x < 0.72:
            return f"{local}@{dom}"
        name, _, tld = dom.rpartition(".")
        if x < 0.82:
            return f"{local} [at] {name} [dot] {tld}"
        if x < 0.9:
            return f"{local}(at){dom}"
        if x < 0.95:
            return f"{local} at {name} dot {tld}"
        return f"{local} @ {dom}"

    def org_email(self) -> str:
        local = self.pick(["contact", "accueil", "info", "direction", "gerance", "office", "bookings", "admin", "sav"])
        dom = self.pick(
            [
                "lechatnoir-bar.fr",
                "btp-rhone-sud.fr",
                "epicerie-du-canal.fr",
                "kebab-gare.com",
                "festicite.org",
                "thelanternpub.co.uk",
            ]
            + ["demolition-ouest.fr", "brasserie-lesquais.be", "oakbuild.ie", "maplecafe.ca", "riverstreetbar.com"]
        )
        return self.disguise(local, dom)

    # ---- dates of birth
    def dob(self) -> str:
        y, m, d = self.r.randint(1936, 2008), self.r.randint(1, 12), self.r.randint(1, 28)
        x = self.r.random()
        if self.lang == "fr":
            if x < 0.35:
                return f"{d:02d}/{m:02d}/{y}"
            if x < 0.45:
                return f"{d:02d}.{m:02d}.{y}"
            if x < 0.52:
                return f"{d}/{m}/{str(y)[2:]}"
            if x < 0.75:
                day = "1er" if d == 1 else str(d)
                return f"{day} {MONTHS_FR[m - 1]} {y}"
            if x < 0.82:
                return f"{d:02d}-{m:02d}-{y}"
            if x < 0.9:
                return f"{y}-{m:02d}-{d:02d}"
            return f"{d} {MONTHS_FR[m - 1][:4].rstrip('.')}. {y}"
        if x < 0.25:
            return f"{d:02d}/{m:02d}/{y}"
        if x < 0.4:
            return f"{m}/{d}/{y}"
        if x < 0.55:
            return f"{d} {MONTHS_EN[m - 1]} {y}"
        if x < 0.7:
            return f"{MONTHS_EN[m - 1]} {d}, {y}"
        if x < 0.8:
            suf = "th" if 10 < d < 14 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
            return f"{d}{suf} {MONTHS_EN[m - 1]} {y}"
        if x < 0.9:
            return f"{y}-{m:02d}-{d:02d}"
        return f"{d:02d}-{MONTHS_EN[m - 1][:3]}-{y}"

    # ---- addresses
    FR_STREETS = [
        "rue des Lilas",
        "avenue Jean-Jaurès",
        "boulevard de la Libération",
        "impasse des Tanneurs",
        "rue Paul Bert",
        "allée des Peupliers",
        "quai de la Fosse",
        "rue du Faubourg Saint-Antoine",
        "chemin des Vignes",
        "cours Lafayette",
        "rue de la République",
        "avenue du Général Leclerc",
        "rue Oberkampf",
        "route de Lodève",
        "place du Marché",
        "rue des Trois-Frères",
        "rue Émile Zola",
        "boulevard Voltaire",
        "rue de l'Église",
        "résidence Les Tilleuls, rue Pasteur",
    ]
    FR_TOWNS = [
        "75011 Paris",
        "75018 PARIS",
        "69003 Lyon",
        "13001 Marseille",
        "31000 Toulouse",
        "44000 Nantes",
        "59000 Lille",
        "67000 Strasbourg",
        "35000 Rennes",
        "33800 Bordeaux",
        "34000 Montpellier",
        "06300 Nice",
        "29200 Brest",
        "20000 Ajaccio",
        "20200 Bastia",
        "63000 Clermont-Ferrand",
        "21000 Dijon",
        "76600 Le Havre",
        "93200 Saint-Denis",
        "57000 Metz",
        "87000 Limoges",
        "64100 Bayonne",
    ]
    DOM = [
        ("rue Schœlcher", "97200 Fort-de-France"),
        ("rue Frébault", "97110 Pointe-à-Pitre"),
        ("rue Jean Chatel", "97400 Saint-Denis"),
        ("avenue Léopold Héder", "97300 Cayenne"),
        ("rue du Commerce", "97600 Mamoudzou"),
        ("rue de Sébastopol", "98800 Nouméa"),
    ]
    BE = [
        ("Rue Haute", "1000 Bruxelles"),
        ("Chaussée de Wavre", "1050 Ixelles"),
        ("Kerkstraat", "2000 Antwerpen"),
        ("Rue Saint-Gilles", "4000 Liège"),
        ("Avenue de la Couronne", "1050 Ixelles"),
        ("Veldstraat", "9000 Gent"),
    ]
    CH = [
        ("Rue de Carouge", "1205 Genève"),
        ("Avenue de la Gare", "1003 Lausanne"),
        ("Bahnhofstrasse", "8001 Zürich"),
        ("Rue du Seyon", "2000 Neuchâtel"),
        ("Boulevard de Pérolles", "1700 Fribourg"),
    ]
    LU = [
        ("rue de la Gare", "L-1611 Luxembourg"),
        ("rue de l'Alzette", "L-4011 Esch-sur-Alzette"),
        ("Grand-Rue", "L-9050 Ettelbruck"),
    ]
    UK = [
        ("Baker Street", "London NW1 6XE"),
        ("Cowley Road", "Oxford OX4 1HP"),
        ("Deansgate", "Manchester M3 4LQ"),
        ("Leith Walk", "Edinburgh EH6 8LN"),
        ("Albert Road", "Belfast BT4 3GZ"),
        ("Queen Street", "Cardiff CF10 2BU"),
        ("Mile End Road", "London E1 4NS"),
    ]
    IE = [("Main Street", "Cork T12 X2YR"), ("Dorset Street Upper", "Dublin 1, D01 K8W2"), ("Shop Street", "Galway H91 E2K7")]
    US = [
        ("Market St", "San Francisco, CA 94105"),
        ("N Lake Shore Dr", "Chicago, IL 60610"),
        ("Flatbush Ave", "Brooklyn, NY 11217"),
        ("Peachtree St NE", "Atlanta, GA 30308"),
        ("Congress Ave", "Austin, TX 78701"),
    ]
    CA = [
        ("rue Sherbrooke Est", "Montréal (Québec) H2L 1L3"),
        ("Queen St W", "Toronto, ON M5H 2N2"),
        ("Granville St", "Vancouver, BC V6C 1T1"),
        ("boulevard Charest Ouest", "Québec (QC) G1N 2E5"),
        ("Rideau St", "Ottawa, ON K1N 5Y4"),
    ]

    def addr_country(self, c: str) -> str:
        r = self.r
        n = r.randint(1, 250)
        if c == "fr":
            num = self.pick([str(n), str(n), f"{n} bis", f"{n}ter", f"{n}, "])
            sep = "" if num.endswith(", ") else " "
            street = self.pick(self.FR_STREETS)
            base = f"{num}{sep}{street}"
            x = r.random()
            if x < 0.25:
                return base
            extra = self.pick(["", "", ", bât. B", ", apt 34", " 3e étage gauche", ", esc. 2"])
            town = self.pick(self.FR_TOWNS)
            return f"{base}{extra}, {town}" if r.random() < 0.7 else f"{base}{extra} {town}"
        if c == "dom":
            st, town = self.pick(self.DOM)
            return f"{n} {st}, {town}" if r.random() < 0.7 else f"{n} {st}"
        if c == "be":
            st, town = self.pick(self.BE)
            box = self.pick(["", "", " bte 3", "/2"])
            return f"{st} {n}{box}, {town}"
        if c == "ch":
            st, town = self.pick(self.CH)
            return f"{st} {n}, {town}" if r.random() < 0.7 else f"{st} {n}, CH-{town}"
        if c == "lu":
            st, town = self.pick(self.LU)
            return f"{n}, {st}, {town}" if r.random() < 0.6 else f"{n} {st} {town}"
        if c == "uk":
            st, town = self.pick(self.UK)
            num = self.pick([str(n), f"{n}A", f"{n}b"])
            return f"{num} {st}, {town}" if r.random() < 0.8 else f"{num} {st}"
        if c == "ie":
            st, town = self.pick(self.IE)
            return f"{n} {st}, {town}" if r.random() < 0.8 else f"{n} {st}, Co. Cork"
        if c == "us":
            st, town = self.pick(self.US)
            apt = self.pick(["", "", ", Apt 3B", " #12", ", Unit 7"])
            return f"{r.randint(10, 4800)} {st}{apt}, {town}"
        if c == "ca":
            st, town = self.pick(self.CA)
            return (
                f"{r.randint(10, 4800)} {st}, {town}"
                if r.random() < 0.7
                else f"{r.randint(2, 90)}-{r.randint(100, 4800)} {st}, {town}"
            )
        raise KeyError(c)

    # ---- phones
    def phone_country(self, c: str) -> str:
        r = self.r
        if c in ("fr", "dom"):
            if c == "dom":
                a = self.pick(["0696", "0690", "0692", "0694", "0639"])
                rest = self.digits(6)
                return self.pick(
                    [f"{a} {rest[:2]} {rest[2:4]} {rest[4:]}", f"{a}{rest}", f"+262 {a[1:4]} {rest[:2]} {rest[2:4]} {rest[4:]}"]
                )
            first = self.pick(["6", "7", "1", "4", "9", "6"])
            d = first + self.digits(8)
            pairs = [d[1:3], d[3:5], d[5:7], d[7:9]]
            return self.pick(
                [
                    f"0{first} " + " ".join(pairs),
                    f"0{d}",
                    f"0{first}." + ".".join(pairs),
                    f"+33 {first} " + " ".join(pairs),
                    f"+33{d}",
                    f"+33 (0){first} " + " ".join(pairs),
                    f"0{first}-" + "-".join(pairs),
                    f"0033 {first} " + " ".join(pairs),
                ]
            )
        if c == "be":
            d = self.digits(6)
            p = self.pick(["470", "475", "486", "496"])
            return self.pick(
                [
                    f"+32 {p} {d[:2]} {d[2:4]} {d[4:]}",
                    f"0{p}/{d[:2]}.{d[2:4]}.{d[4:]}",
                    f"0{p} {d[:3]} {d[3:]}",
                    f"02 {d[:3]} {d[3:5]} 1{d[5]}",
                ]
            )
        if c == "ch":
            d = self.digits(7)
            p = self.pick(["76", "78", "79", "22", "21"])
            return self.pick([f"+41 {p} {d[:3]} {d[3:5]} {d[5:]}", f"0{p} {d[:3]} {d[3:5]} {d[5:]}", f"0041{p}{d}"])
        if c == "lu":
            d = self.digits(6)
            return self.pick([f"+352 621 {d[:3]} {d[3:]}", f"+352 691{d}", f"(+352) 26 {d[:2]} {d[2:4]} {d[4:]}"])
        if c == "uk":
            d = self.digits(6)
            return self.pick(
                [f"07700 9{d[:5]}", f"+44 7{d[:3]} {d}", f"020 7946 0{d[:3]}", f"+44 (0)161 496 0{d[:3]}", f"0117 496 0{d[:3]}"]
            )
        if c == "ie":
            d = self.digits(7)
            return self.pick([f"087 {d[:3]} {d[3:]}", f"+353 86 {d[:3]} {d[3:]}", f"(01) {d[:3]} {d[3:]}", f"+353-85-{d}"])
        if c in ("us", "ca"):
            area = self.pick(["212", "312", "415", "617", "404"] if c == "us" else ["514", "438", "416", "604", "613", "418"])
            d = f"555{r.randint(100, 199):04d}"
            return self.pick(
                [
                    f"({area}) {d[:3]}-{d[3:]}",
                    f"+1 {area}-{d[:3]}-{d[3:]}",
                    f"{area}.{d[:3]}.{d[3:]}",
                    f"1-{area}-{d[:3]}-{d[3:]}",
                ]
            )
        raise KeyError(c)

    # ---- plates
    def letters(self, n: int, alphabet: str = "ABCDEFGHJKLMNPQRSTVWXYZ") -> str:
        return "".join(self.pick(alphabet) for _ in range(n))

    def plate_country(self, c: str) -> str:
        r = self.r
        if c == "fr":
            a, b, n = self.letters(2), self.letters(2), f"{r.randint(1, 999):03d}"
            return self.pick(
                [
                    f"{a}-{n}-{b}",
                    f"{a} {n} {b}",
                    f"{a}{n}{b}",
                    f"{a}-{n}-{b}".lower(),
                    f"{r.randint(10, 9999)} {self.letters(2)} {self.pick(['75', '13', '69', '2A', '974'])}",
                ]
            )
        if c == "be":
            return self.pick(
                [
                    f"1-{self.letters(3)}-{r.randint(0, 999):03d}",
                    f"2-{self.letters(3)}-{r.randint(0, 999):03d}",
                    f"1{self.letters(3)}{r.randint(0, 999):03d}",
                ]
            )
        if c == "ch":
            return f"{self.pick(['GE', 'VD', 'ZH', 'FR', 'NE', 'VS'])} {r.randint(1000, 999999)}"
        if c == "lu":
            return f"{self.letters(2)} {r.randint(1000, 9999)}"
        if c == "uk":
            return self.pick(
                [
                    f"{self.letters(2)}{r.randint(51, 74)} {self.letters(3)}",
                    f"{self.letters(2)}{r.randint(10, 24):02d}{self.letters(3)}",
                ]
            )
        if c == "ie":
            year = self.pick(["191", "201", "222", "231", "12", "08"])
            return f"{year}-{self.pick(['D', 'C', 'G', 'KY', 'L'])}-{r.randint(1, 99999)}"
        if c == "us":
            return self.pick(
                [
                    f"{r.randint(1, 9)}{self.letters(3)}{r.randint(100, 999)}",
                    f"{self.letters(3)}-{r.randint(1000, 9999)}",
                    f"{self.letters(3)} {r.randint(1000, 9999)}",
                ]
            )
        if c == "ca":
            return self.pick(
                [
                    f"{self.letters(3)} {r.randint(100, 999)}",
                    f"{self.letters(4)} {r.randint(100, 999)}",
                    f"{r.randint(100, 999)} {self.letters(3)}",
                ]
            )
        raise KeyError(c)

    # ---- NIR
    def nir(self) -> str:
        r = self.r
        sex, yy, mm = self.pick("12"), f"{r.randint(0, 99):02d}", f"{r.randint(1, 12):02d}"
        kind = r.random()
        if kind < 0.55:
            dept, com = f"{self.pick([1, 6, 13, 31, 33, 44, 59, 69, 75, 92, 93, 94, 95]):02d}", f"{r.randint(1, 400):03d}"
        elif kind < 0.68:
            dept, com = self.pick(["2A", "2B"]), f"{r.randint(1, 360):03d}"
        elif kind < 0.83:
            dept, com = self.pick(["971", "972", "973", "974", "976"]), f"{r.randint(1, 34):02d}"
        else:
            dept, com = "99", self.pick(["350", "352", "351", "134", "139", "127", "341", "212"])
        order = f"{r.randint(1, 999):03d}"
        body = sex + yy + mm + dept + com + order
        num = body.replace("2A", "19") if dept == "2A" else body.replace("2B", "18") if dept == "2B" else body
        key = f"{97 - int(num) % 97:02d}"
        full = body + key
        assert nir_ok(full), full
        dc = dept + com
        x = r.random()
        if x < 0.45:
            return f"{sex} {yy} {mm} {dc[:2]} {dc[2:]} {order} {key}"
        if x < 0.75:
            return full
        if x < 0.9:
            return f"{sex}{yy}{mm}{dc}{order} {key}"
        return f"{sex}.{yy}.{mm}.{dc[:2]}.{dc[2:]}.{order}.{key}"

    # ---- IBAN
    def iban(self, c: str) -> str:
        r = self.r
        if c == "fr":
            bank, branch, acc = self.pick(["30004", "30003", "10278", "20041", "17515", "14505"]), self.digits(5), self.digits(11)
            rib = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(acc)) % 97
            raw = iban_make("FR", f"{bank}{branch}{acc}{rib:02d}")
        elif c == "be":
            ten = self.digits(10)
            chk = int(ten) % 97 or 97
            raw = iban_make("BE", f"{ten}{chk:02d}")
        elif c == "ch":
            raw = iban_make("CH", self.pick(["00762", "00235", "08390"]) + self.digits(12))
        elif c == "lu":
            raw = iban_make("LU", self.pick(["001", "019", "030"]) + self.digits(13))
        elif c == "gb":
            raw = iban_make("GB", self.pick(["NWBK", "BARC", "LOYD", "HBUK"]) + self.digits(14))
        elif c == "ie":
            raw = iban_make("IE", self.pick(["AIBK", "BOFI"]) + self.digits(14))
        else:
            raise KeyError(c)
        assert iban_ok(raw)
        x = r.random()
        if x < 0.55:
            return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))
        if x < 0.8:
            return raw
        if x < 0.9:
            return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4)).lower()
        return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))

    # ---- SIREN / SIRET
    def siren_raw(self) -> str:
        return luhn_complete(str(self.r.randint(1, 9)) + self.digits(7))

    def siren(self) -> str:
        s = self.siren_raw()
        return self.pick([f"{s[:3]} {s[3:6]} {s[6:]}", s, f"{s[:3]}.{s[3:6]}.{s[6:]}"])

    def siret(self) -> str:
        s = luhn_complete(self.siren_raw() + self.pick(["0001", "0002", "0003", "0004", "0011"]))
        return self.pick(
            [f"{s[:3]} {s[3:6]} {s[6:9]} {s[9:]}", s, f"{s[:9]} {s[9:]}", f"{s[:3]} {s[3:6]} {s[6:9]} {s[9:12]} {s[12:]}"]
        )

    # ---- cards
    def card(self) -> str:
        r = self.r
        kind = r.random()
        if kind < 0.28:
            num = luhn_complete("4" + self.pick(["970", "973", "539", "916", "012"]) + self.digits(11))
        elif kind < 0.5:
            num = luhn_complete(str(r.randint(51, 55)) + self.digits(13))
        elif kind < 0.68:
            num = luhn_complete(str(r.randint(2221, 2720)) + self.digits(11))
        elif kind < 0.86:
            num = luhn_complete(self.pick(["34", "37"]) + self.digits(12))
        else:
            num = luhn_complete("4970" + self.digits(11))
        assert luhn_ok(num)
        if len(num) == 15:
            return self.pick([f"{num[:4]} {num[4:10]} {num[10:]}", num, f"{num[:4]}-{num[4:10]}-{num[10:]}"])
        return self.pick(
            [" ".join(num[i : i + 4] for i in range(0, 16, 4)), num, "-".join(num[i : i + 4] for i in range(0, 16, 4))]
        )

    # ---- decoys (unmarked)
    def ticket(self) -> str:
        while True:
            n = str(self.r.randint(1, 9)) + self.digits(self.pick([9, 11, 12, 13, 15]))
            if not luhn_ok(n):
                return n

    def decoy(self, kind: str) -> str:
        r = self.r
        if kind == "ref":
            return self.pick(
                [
                    f"DOS-{r.randint(2022, 2025)}-{r.randint(1, 9999):04d}",
                    f"FOURR-{r.randint(22, 25)}-{r.randint(1, 999):03d}",
                    f"MED/{r.randint(100, 999)}/{self.letters(2)}",
                    f"INC{r.randint(100000, 999999)}",
                    f"PV {r.randint(1000, 9999)}/{r.randint(22, 25)}",
                    f"#{r.randint(10000, 99999)}",
                    f"OBJ-{r.randint(1, 9999):05d}",
                    f"CP-{self.letters(3)}-{r.randint(10, 99)}",
                ]
            )
        if kind == "time":
            h, m = r.randint(0, 23), self.pick([0, 5, 10, 15, 20, 30, 40, 45, 50, 55])
            return self.pick([f"{h}h{m:02d}", f"{h:02d}:{m:02d}", f"{h}h", f"{h:02d}{m:02d}"])
        if kind == "amount":
            v = r.randint(5, 2500)
            return self.pick([f"{v} €", f"{v},50 €", f"{v} euros", f"£{v}", f"${v}.00", f"CHF {v}.-", f"{v} EUR"])
        if kind == "date":
            d, m, y = r.randint(1, 28), r.randint(1, 12), r.randint(2023, 2025)
            if self.lang == "fr":
                return self.pick([f"{d:02d}/{m:02d}/{y}", f"{d} {MONTHS_FR[m - 1]}", f"{d}/{m}"])
            return self.pick([f"{d:02d}/{m:02d}/{y}", f"{MONTHS_EN[m - 1]} {d}", f"{d} {MONTHS_EN[m - 1][:3]}"])
        if kind == "age":
            return str(r.randint(16, 88))
        if kind == "n":
            return str(r.randint(2, 40))
        if kind == "bus":
            return str(self.pick([3, 12, 38, 91, 150, 27, 8]))
        if kind == "street":
            if self.lang == "fr":
                return self.pick(
                    [
                        "rue Oberkampf",
                        "avenue Jean-Médecin",
                        "quai Saint-Antoine",
                        "place Bellecour",
                        "rue Sainte-Catherine",
                        "boulevard Gambetta",
                        "rue Victor-Hugo",
                        "cours Julien",
                    ]
                )
            return self.pick(
                [
                    "Camden High Street",
                    "O'Connell Street",
                    "Sauchiehall Street",
                    "Canal Street",
                    "rue Saint-Denis",
                    "Queen Street West",
                    "Market Street",
                ]
            )
        if kind == "place":
            if self.lang == "fr":
                return self.pick(
                    [
                        "place Jean-Jaurès",
                        "square Louise-Michel",
                        "parc Georges-Brassens",
                        "lycée Victor-Hugo",
                        "gymnase Marcel-Cerdan",
                        "métro Charles-de-Gaulle",
                    ]
                )
            return self.pick(
                [
                    "Nelson Mandela Park",
                    "Victoria Station",
                    "St Patrick's Cathedral",
                    "Martin Luther King Jr Blvd",
                    "Jean-Talon market",
                    "Lincoln Center",
                ]
            )
        if kind == "org":
            return self.pick(
                [
                    "Bar Le Chat Noir",
                    "SARL Bâtir Rhône Sud",
                    "Épicerie du Canal",
                    "Emmaüs",
                    "Samusocial",
                    "Les Restos du Cœur",
                    "The Lantern Pub",
                    "Oakbuild Ltd",
                    "Maple Café Inc.",
                ]
            )
        if kind == "ticket":
            return self.ticket()
        if kind == "masked":
            return self.pick([f"XXXX XXXX XXXX {self.digits(4)}", f"**** {self.digits(4)}", f"4970 **** **** {self.digits(4)}"])
        raise KeyError(kind)


COUNTRY_SLOTS = {
    "addr": ("ADDRESS", "addr_country"),
    "tel": ("PHONE", "phone_country"),
    "plate": ("PLATE", "plate_country"),
    "iban": ("IBAN", "iban"),
}
DEFAULT_COUNTRIES = {
    "fr": {
        "addr": "fr fr fr fr dom be ch lu",
        "tel": "fr fr fr fr dom be ch lu",
        "plate": "fr fr fr be ch lu",
        "iban": "fr fr fr be ch lu",
    },
    "en": {"addr": "uk uk ie us us ca", "tel": "uk uk ie us ca", "plate": "uk uk ie us ca", "iban": "gb gb ie fr"},
}
DECOYS = {"ref", "time", "amount", "date", "age", "n", "bus", "street", "place", "org", "ticket", "masked"}
SLOT_RE = re.compile(r"\{([A-Za-z0-9_.]+)\}")


def resolve(gen: Gen, slot: str) -> tuple[str, str | None]:
    if "." in slot:
        key, attr = slot.split(".")
        return gen.person_attr(key, attr)
    base, _, country = slot.partition("_")
    if base in COUNTRY_SLOTS:
        typ, meth = COUNTRY_SLOTS[base]
        c = country or gen.pick(DEFAULT_COUNTRIES[gen.lang][base].split())
        return getattr(gen, meth)(c), typ
    simple = {"dob": ("DATE_OF_BIRTH", gen.dob), "nir": ("NIR", gen.nir), "siren": ("SIREN", gen.siren)}
    simple |= {"siret": ("SIRET", gen.siret), "card": ("CARD", gen.card), "email": ("EMAIL", gen.org_email)}
    if slot in simple:
        typ, fn = simple[slot]
        return fn(), typ
    if slot in DECOYS:
        return gen.decoy(slot), None
    raise KeyError(slot)


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


TRANSFORMS = {"none": lambda s: s, "noacc": strip_accents, "upper": str.upper, "lower": str.lower}


def render(template: str, lang: str, rng: Random, transform: str) -> tuple[str, list[list]]:
    gen = Gen(rng, lang)
    tf = TRANSFORMS[transform]
    text, spans, pos = "", [], 0
    for m in SLOT_RE.finditer(template):
        text += tf(template[pos : m.start()])
        value, typ = resolve(gen, m.group(1))
        value = tf(value)
        if typ:
            spans.append([len(text), len(text) + len(value), typ])
        text += value
        pos = m.end()
    text += tf(template[pos:])
    return text, spans


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------
NUM_RUN = re.compile(r"\d(?:[ .\-]?\d)+")
IBAN_RUN = re.compile(r"\b[A-Za-z]{2}\d{2}(?:[ \-]?[A-Za-z0-9]){10,30}")
EMAIL_RE = re.compile(r"[\w.+\-]+\s*(?:@|\(at\)|\[at\])\s*[\w\-]+", re.I)


def problems(text: str, spans: list[list]) -> list[str]:
    errs = []
    prev_end = 0
    masked = list(text)
    for s, e, typ in spans:
        if typ not in TYPES or e <= s or s < prev_end:
            errs.append(f"bad span {s}-{e} {typ}")
        frag = text[s:e]
        if frag != frag.strip() or not frag:
            errs.append(f"whitespace span {frag!r}")
        if (s > 0 and text[s - 1].isalnum()) or (e < len(text) and text[e].isalnum()):
            errs.append(f"span cut from word {frag!r}")
        digits = re.sub(r"\D", "", frag)
        if typ == "NIR" and not nir_ok(frag):
            errs.append(f"bad NIR {frag}")
        if typ == "IBAN" and not iban_ok(frag):
            errs.append(f"bad IBAN {frag}")
        if typ in ("SIREN", "SIRET", "CARD") and not luhn_ok(digits):
            errs.append(f"bad luhn {typ} {frag}")
        if (typ, len(digits)) not in {("SIREN", 9), ("SIRET", 14), ("CARD", 15), ("CARD", 16)} and typ in (
            "SIREN",
            "SIRET",
            "CARD",
        ):
            errs.append(f"bad length {typ} {frag}")
        prev_end = e
        for i in range(s, e):
            masked[i] = "\x00"
    rest = "".join(masked)
    for chunk in rest.split("\x00"):
        for m in NUM_RUN.finditer(chunk):
            d = re.sub(r"\D", "", m.group())
            if len(d) >= 9 and luhn_ok(d):
                errs.append(f"unmarked luhn-valid number {m.group()!r}")
            if len(d) == 15 and nir_ok(d):
                errs.append(f"unmarked NIR {m.group()!r}")
        for m in IBAN_RUN.finditer(chunk):
            if iban_ok(m.group()):
                errs.append(f"unmarked IBAN {m.group()!r}")
        if "@" in chunk or EMAIL_RE.search(chunk):
            errs.append("unmarked e-mail")
    return errs


def parse_templates(block: str) -> list[str]:
    return [t.strip("\n") for t in block.split("\n~~~\n") if t.strip()]


def main() -> None:
    rng = Random(SEED)
    fr, en = parse_templates(FR_TEMPLATES), parse_templates(EN_TEMPLATES)
    assert len(set(fr)) == len(fr) and len(set(en)) == len(en)
    n_fr = round(N_TEXTS * FR_SHARE)
    n_en = N_TEXTS - n_fr
    jobs = [("fr", t) for t in fr] + [("en", t) for t in en]
    jobs += [("fr", t) for t in rng.sample(fr, n_fr - len(fr))] + [("en", t) for t in rng.sample(en, n_en - len(en))]
    rows, seen = [], set()
    for lang, tpl in jobs:
        for _attempt in range(200):
            x = rng.random()
            tf = "upper" if x < 0.06 else "lower" if x < 0.11 else "noacc" if x < 0.22 else "none"
            text, spans = render(tpl, lang, rng, tf)
            errs = problems(text, spans)
            if not errs and text not in seen:
                break
        else:
            raise SystemExit(f"cannot render cleanly: {tpl[:60]!r} {errs}")
        seen.add(text)
        rows.append({"lang": lang, "text": text, "spans": spans})
    rng.shuffle(rows)
    with OUT.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    counts = Counter(s[2] for row in rows for s in row["spans"])
    empty = sum(1 for row in rows if not row["spans"])
    print(f"templates: fr={len(fr)} en={len(en)} total={len(fr) + len(en)}")
    print(f"texts: {len(rows)} (fr={sum(r['lang'] == 'fr' for r in rows)}, en={sum(r['lang'] == 'en' for r in rows)})")
    for t in TYPES:
        print(f"  {t:<14} {counts.get(t, 0)}")
    print(f"texts with no identifier: {empty} ({100 * empty / len(rows):.1f}%)")
    assert empty >= 0.12 * len(rows), "not enough identifier-free texts"
    assert all(counts.get(t, 0) > 0 for t in TYPES)


# ---------------------------------------------------------------------------
# Hand-written templates. {pN.attr} = person N (full, fn, ln, LN, fl, ini, nick, email);
# {addr[_cc]} {tel[_cc]} {plate[_cc]} {iban[_cc]} {dob} {nir} {siren} {siret} {card} {email};
# decoys (never marked): {ref} {time} {amount} {date} {age} {n} {bus} {street} {place} {org} {ticket} {masked}.
# Templates are separated by a line holding only ~~~ ; a trailing backslash joins two source lines.
# ---------------------------------------------------------------------------

FR_TEMPLATES = """
Passation médiation – équipe de soirée
RAS jusqu'à {time}. Vers {time} tension devant le {org}, {street}. Le gérant, M. {p1.LN}, a accepté de rentrer les \
chaises. {p2.fn} (habituée du banc) demande qu'on la rappelle au {tel_fr}. À suivre demain par {p3.ini}.
~~~
passation : mme {p1.ln} (appt du 2e) se plaint encore de la musique. elle habite {addr_fr}. tel {tel_fr}. \
je lui ai dit qu on repasse vendredi. signé {p2.fn}
~~~
Note de relève – médiateurs secteur Nord
- {n} jeunes regroupés sous le porche, {street}, dispersion sans incident.
- Ligne {bus} : chauffeur signale jets de projectiles vers {time}.
- Rien d'autre à signaler. Réf. {ref}.
~~~
Relève de {time} : {p1.full} et {p2.full} en binôme. Rencontré {p3.nick} au {place}, toujours sans solution \
d'hébergement, il refuse le 115. Contact de sa sœur : {tel}.
~~~
Bonjour l'équipe, pour info {p1.fn} {p1.ln} (né le {dob}) nous a redemandé une attestation de passage. \
Il est domicilié chez sa tante au {addr_fr}. Merci de voir avec {p2.fl} demain. Bonne soirée, {p3.fn}
~~~
PASSATION NUIT {date}
{time} appel riverain {addr_fr} pour tapage. sur place {time}, 3 individus, rappel au reglement.
{time} retour au poste. RAS.
agents : {p1.ini} / {p2.ini}
~~~
Mediation quartier gare — rien de particulier ce soir, {n} contacts, {n} orientations vers le {org}. \
Météo pluvieuse, peu de monde sur la {place}. Fin de service {time}.
~~~
Suite à l'altercation d'hier soir devant le {org}, la victime, {p1.full}, souhaite porter plainte. \
Elle est joignable au {tel} ou par mail : {p1.email}. Dossier {ref}.
~~~
Pour la relève : le monsieur au chien (il se fait appeler {p1.nick}) dort maintenant sous le pont, côté {street}. \
Le chien s'appelle Rocky, pas de morsure signalée. {p2.fn} a prévenu la maraude.
~~~
Compte rendu médiation scolaire – sortie du {place}
Bagarre évitée entre deux groupes vers {time}. Un parent, M. {p1.full}, a laissé son numéro ({tel_fr}) \
pour être tenu informé. Rien d'autre.
~~~
Transmis par {p1.fl} : la gardienne de la résidence, Mme {p2.LN}, {addr_fr}, signale des seringues dans \
le local vélos. Ramassage effectué par {org}? à vérifier. tel loge {tel_fr}
~~~
Main courante médiateurs
Date : {date}
Lieu : {street}, devant la pharmacie
Personnes présentes : {p1.full} (médiateur), {p2.full} (stagiaire)
Observations : regroupement festif, {n} personnes, départ spontané à {time}.
~~~
Relève – secteur Vieux-Port : rien de nouveau. Le bar {org} a bien baissé le son après notre passage de {time}. \
Pas besoin de repasser ce soir.
~~~
Info importante pour {p1.fn} : la dame âgée qui errait hier ({age} ans, confuse) s'appelle {p2.full}. \
Retrouvée et raccompagnée chez elle, {addr}. Sa fille {p3.fn} : {tel}.
~~~
RADIO – patrouille Alpha (retranscription)
{time} Alpha à PC, on est sur {street}, deux véhicules garés sur le trottoir, immat {plate_fr} et {plate_fr}.
{time} PC à Alpha, reçu, la fourrière est prévenue.
{time} Alpha, fin d'intervention.
~~~
retranscription radio nuit du {date}
{time} - contrôle d un scooter sans plaque, conducteur {p1.full} né le {dob}, domicilié {addr_fr}.
{time} - laissé repartir après rappel à la loi. agent {p2.ini}
~~~
Journal radio Bravo {date}
{time} ronde {place} RAS
{time} ronde {street} RAS
{time} signalement rixe ligne {bus}, arrivés trop tard, plus personne
{time} fin de patrouille
~~~
{time} : appel d'un riverain, M. {p1.ln}, {tel_fr}, pour une voiture qui tourne en boucle, plaque {plate_fr} \
(Clio grise). Véhicule retrouvé stationné {street}. Propriétaire identifié : {p2.full}.
~~~
Patrouille nocturne – transcription
« PC de Charlie, on a un homme allongé au sol, conscient, il dit s'appeler {p1.fn} {p1.LN}, né en... \
il nous donne {dob}. On demande les pompiers. »
Pris en charge à {time}.
~~~
Radio {time} – Véhicule suspect {plate} stationné depuis 3 jours devant le {addr_fr}. \
Vérif faite : véhicule déclaré par {p1.full}. Pas de suite.
~~~
NUIT AGITEE. {time} RIXE DEVANT LE {org}, {n} INTERPELLES PAR LA PN. {time} FEU DE POUBELLE {street}. \
{time} RETOUR CALME. RAPPORT {ref} A COMPLETER.
~~~
log radio : 23h : delta en route vers {place}. 23h20 : sur place, regroupement d'une dizaine de jeunes, \
musique forte, dispersés. 23h45 : retour base. rien d'autre
~~~
Patrouille Écho – {date}
{time} Contact avec {p1.nick}, SDF connu, alcoolisé mais calme.
{time} Contact avec une jeune femme perdue, {p2.fn}, {age} ans, raccompagnée au {place}.
{time} Fin.
~~~
Madame, Monsieur,
L'association des riverains du quartier Saint-Michel vous alerte une nouvelle fois sur les nuisances \
nocturnes de la {street}. Nous demandons une réunion au plus vite.
Pour le bureau, {p1.full}, présidente
{addr_fr} – {tel_fr} – {p1.email}
~~~
Objet : nuisances sonores persistantes
Monsieur le Maire,
Je me permets de vous écrire au nom de l'Amicale des locataires. Depuis le {date}, le bar situé en bas de \
notre immeuble diffuse de la musique jusqu'à 2h. Nous avons {n} signatures.
Cordialement,
{p1.full}
{addr}
~~~
COLLECTIF {street} – COURRIER N°{n}
Toujours pas de réponse à nos courriers précédents. Les trottinettes bloquent le passage devant le {place}. \
Contact : {p1.fl}, secrétaire ({p1.email}).
~~~
Bonjour,
association « Vivre à la Croix-Rousse ». Nous organisons une réunion publique et souhaitons la présence \
d'un médiateur. Merci de répondre à notre trésorier, M. {p1.full}, au {tel} ou par courrier au {addr_fr}.
~~~
Monsieur,
Les habitants de l'impasse signalent que le chantier ouvre à 6h30 au lieu de 8h. L'entreprise, {org}, \
ne répond pas. Nous joignons la liste des signataires : {p1.full}, {p2.full}, {p3.full}, {p4.full}.
~~~
Association Quartier Libre – {date}
Madame l'adjointe,
les riverains du secteur gare en ont assez. Deals, bruits, dégradations. Nous attendons des actes. \
Bien à vous, le conseil d'administration.
~~~
Lettre recommandée – Association des commerçants et riverains de Bastia centre
Président : {p1.full}, {addr_fr}
Tél. {tel_fr}
Nous vous signalons des dépôts sauvages répétés au pied du {place}. Dossier {ref}.
~~~
bjr, je suis membre de l'assoc des riverains du {street}. le mec du 3e ({p1.ln}) fait des soirées \
tous les week ends. moi c'est {p2.fn}, {tel}. merci de faire qqch
~~~
Collectif Riverains Solidaires (Bruxelles)
À l'attention du service Espace public
Personne de contact : {p1.full}, {addr_be}, GSM {tel_be}
Nous souhaitons signaler l'occupation récurrente de la {place}.
~~~
Association Les Amis du Parc – Genève
Courrier au service de la sécurité municipale. Signataire : {p1.full}, {addr_ch}, {tel_ch}. \
Nous demandons l'éclairage du chemin derrière le {place}.
~~~
Objet : Réponse à votre avertissement du {date}
Madame, Monsieur,
En tant que gérant du {org}, je prends acte de votre courrier. Nous avons installé un limiteur de son. \
SARL au capital de 8000 €, SIRET {siret}.
{p1.full}
~~~
Bonjour,
suite à votre passage, je tiens à préciser que la terrasse respecte l'autorisation (arrêté {ref}). \
Je reste joignable au {tel_fr}.
Cordialement, {p1.fn} {p1.LN}, gérante — Épicerie du Canal (SIREN {siren})
~~~
Madame,
Nous accusons réception de la mise en demeure concernant le chantier {street}. Les engins seront déplacés sous 48h. \
Conducteur de travaux : {p1.full}, {tel}, {p1.email}.
{org} – SIRET {siret}
~~~
Bonsoir, c'est le patron du kebab de la gare. Les jeunes dehors c'est pas mes clients !! j'ai rien a voir. \
vous pouvez m'appeler {tel}. {p1.fn}
~~~
Réponse de l'établissement {org} au courrier {ref} : nous contestons les faits. Le {date} nous avons fermé à 1h45 \
comme prévu. Nous avons les images de vidéoprotection. La direction.
~~~
Objet : avertissement terrasse
Bonjour, j'ai bien reçu votre rappel. La terrasse sera rentrée à 22h. Merci de ne pas verbaliser. \
Pour info mon associé est {p1.full}. Le compte pour le remboursement de la caution : {iban_fr}.
{p2.full}
~~~
Messieurs,
la société {org} (SIREN {siren}) conteste la verbalisation de son véhicule de chantier {plate_fr} le {date}. \
Le véhicule était en livraison. Contact : {p1.fl}, service administratif, {email}.
~~~
bonjour je suis le gerant du bar tabac place du marché. on a bien recu l avertissement. on va faire attention. \
{p1.full} tel {tel}
~~~
RÉPONSE À L'AVERTISSEMENT N° {ref}
Établissement : {org}
Exploitant : {p1.full}
SIRET : {siret}
Adresse de l'exploitation : {addr_fr}
Engagements : fermeture de la porte à partir de {time}, affichage « respectez le voisinage ».
~~~
Madame la responsable,
suite au contrôle du {date}, nous avons corrigé la signalisation de notre emprise de chantier. \
Veuillez trouver ci-joint le plan. Nous restons à votre disposition. Bien cordialement, le service QSE.
~~~
Bonjour, c'est {p1.fn} de la boulangerie. Le camion de livraison ({plate}) ne stationne plus sur le passage \
piéton depuis votre remarque. Vous pouvez me joindre au {tel_fr} ou {p1.email}.
~~~
Merci pour votre passage. En tant que gérant de la supérette, je voudrais un rendez-vous. Je suis \
dispo lundi. {p1.full} – {tel_be} – SIRET de la maison mère {siret}.
~~~
OBJETS TROUVÉS – registre du {date}
Parapluie noir, trouvé {street}. Trousseau de {n} clés. Sac de sport bleu contenant des vêtements. \
Aucun document d'identité. Réf {ref}.
~~~
Objets trouvés : portefeuille marron déposé par un passant à {time}. Contient une CNI au nom de {p1.full}, \
née le {dob}, une carte bancaire {card} et {amount} en espèces.
~~~
Dépôt objet trouvé n° {ref}
Nature : permis de conduire
Titulaire : {p1.LN} {p1.fn}
Date de naissance : {dob}
Trouvé par : {p2.full}, {tel}
~~~
Guichet objets trouvés – restitution
Le sac à dos déclaré le {date} a été restitué à son propriétaire, {p1.full}, sur présentation de sa carte \
d'identité. Il réside {addr}.
~~~
Trouvé ce matin sur un banc du {place} : une carte Vitale au nom de {p1.full} (n° {nir}) et une carte \
bleue {card}. Mis sous scellé, réf {ref}.
~~~
OBJET TROUVE : TELEPHONE PORTABLE SAMSUNG, ECRAN FISSURE. PAS DE NOM. DEPOSE A {time} PAR UN AGENT DE LA LIGNE {bus}.
~~~
Bonjour, j'ai perdu mon portefeuille hier soir vers la {street}. Dedans : ma carte d'identité ({p1.full}), \
ma carte Vitale et ma CB. Vous pouvez me rappeler au {tel} svp. Merci !!
~~~
Objets trouvés – appel entrant {time}
Mme {p1.ln} signale la perte d'une sacoche contenant son permis et la carte grise du véhicule {plate_fr}. \
A rappeler : {tel_fr}. Courriel : {p1.email}.
~~~
registre OT : lunettes de vue (étui rouge), doudou lapin, {n} parapluies, une écharpe. rien de nominatif
~~~
Documents trouvés – fiche {ref}
Passeport étranger au nom de {p1.LN}, {p1.fn}, né(e) le {dob} à Casablanca.
Carte de séjour, même titulaire.
Un relevé bancaire mentionnant l'IBAN {iban_fr}.
Transmis au commissariat.
~~~
Un chauffeur de bus a rapporté une carte d'identité belge : {p1.full}, né le {dob}, {addr_be}. Gardée à l'accueil.
~~~
PERMIS DE CONDUIRE TROUVÉ — {p1.LN} {p1.fn}, NÉ LE {dob}. DÉPOSÉ PAR {p2.LN}. TEL DU DÉPOSANT {tel}.
~~~
Portefeuille trouvé {street} par notre équipe. Contenu : carte CB {card}, carte de fidélité Monoprix, ticket \
n° {ticket}, photo. Une carte mutuelle au nom de {p1.fl}. Pas d'adresse.
~~~
Restitution : Mlle {p1.fn} {p1.ln} est venue récupérer son sac (ticket {ref}). Vérif de son identité faite, \
carte d'identité n° {ticket}. Signature OK.
~~~
FOURRIÈRE – enlèvement du {date}
Véhicule : Peugeot 208 blanche, immatriculée {plate_fr}
Motif : stationnement gênant, {street}
Propriétaire : {p1.full}, {addr_fr}
Frais : {amount}
~~~
fourriere : le proprio du {plate} est passé, il conteste. M. {p1.LN}, tel {tel}. Lui ai dit d'écrire au service. \
{p2.ini}
~~~
Bonjour, ma voiture immatriculée {plate_fr} a été enlevée hier devant chez moi au {addr_fr}. Je n'ai vu \
aucun panneau. Je demande le remboursement des {amount} sur mon compte {iban_fr}. {p1.full}
~~~
Fourrière municipale – sortie de véhicule
Dossier {ref}. Véhicule {plate} restitué à {p1.full} (permis n° {ticket}) le {date} à {time}. \
Paiement par carte {card}.
~~~
Liste des enlèvements de la nuit :
- {plate_fr}, {street}
- {plate_fr}, {place}
- {plate_be}, {street}
Total : 3 véhicules. Aucun propriétaire présent.
~~~
FOURRIERE : LE VEHICULE DE MME {p1.LN} ({plate}) EST TOUJOURS SUR PARC. ELLE DOIT RAPPELER AU {tel_fr}.
~~~
Enlèvement d'un utilitaire de chantier ({plate_fr}) appartenant à la société {org}, SIRET {siret}. \
Courrier envoyé au siège.
~~~
Fourrière : rappel des horaires affichés. Parc ouvert de 7h30 à 19h30, tarif journalier {amount}. \
Aucun paiement en espèces au-delà de {amount}. Ne pas donner d'infos par téléphone.
~~~
Bonjour, je viens récupérer mon scooter ({plate_fr}) à la fourrière. Je m'appelle {p1.full}, je suis né \
le {dob}. Je peux payer par virement depuis {iban}. Merci de me dire quoi faire.
~~~
Véhicule luxembourgeois {plate_lu} enlevé place du marché, propriétaire {p1.full}, {addr_lu}. \
Tél. {tel_lu}. Dossier {ref}.
~~~
Voiture immatriculée en Suisse ({plate_ch}) signalée épave par {p1.full}. Titulaire selon la fiche : \
{p2.full}, {addr_ch}.
~~~
Fiche de signalement – maraude sociale
Personne : {p1.full}, {age} ans environ, connue sous le nom de {p1.nick}
Date de naissance déclarée : {dob}
N° de sécurité sociale : {nir}
Lieu de vie : tente, {street}
Besoins : soins (pied), hébergement.
Référente : {p2.fl}, {tel}
~~~
Bonjour,
je vous oriente M. {p1.full}, à la rue depuis 2 mois, ancien salarié de {org}. Il a besoin d'une \
domiciliation administrative. Son dernier domicile : {addr}. Je reste disponible : {p2.email}
{p2.full}, assistante sociale
~~~
Signalement SDF – {place}
Un homme âgé ({age} ans) dort sur place depuis une semaine, refuse toute aide. Ne donne pas son nom. \
Merci à la maraude de passer vers {time}.
~~~
Référence sociale : Mme {p1.LN} {p1.fn}, née le {dob}, NIR {nir}, sans domicile fixe, avec un enfant. \
Demande urgente au 115. Travailleur social : {p2.full} ({tel_fr}).
~~~
Orientation CCAS
Bénéficiaire : {p1.full}
Né(e) le : {dob}
Téléphone : {tel}
RIB pour versement de l'aide : {iban_fr}
Motif : perte de logement suite à expulsion, ancien domicile {addr_fr}.
~~~
Maraude du {date} : {n} personnes rencontrées. Distribution de {n} duvets. Personne en grande détresse \
sous l'abri de bus ligne {bus}, le SAMU a été appelé. Pas de nom communiqué.
~~~
salut {p1.fn}, tu peux passer voir {p2.nick} demain ? il est toujours vers la gare, il a perdu ses papiers. \
sa date de naissance c'est le {dob} si tu dois refaire une demande. merci ! {p3.fn}
~~~
Orientation vers l'accueil de jour : {p1.full}, originaire de Mayotte, NIR {nir}. Joignable via sa \
cousine au {tel_dom}. Dernière adresse connue : {addr_dom}.
~~~
Note du travailleur social : le couple {p1.ln} / {p2.ln} dort dans leur voiture ({plate}) sur le parking \
du {place}. Ils ont deux chiens. Ils acceptent un RDV jeudi.
~~~
SIGNALEMENT : HOMME SANS ABRI, TRES AMAIGRI, DEVANT LA GARE ROUTIERE. DIT S'APPELER {p1.fn}. \
AGE APPROXIMATIF {age} ANS. TRANSMIS AU SIAO.
~~~
Fiche liaison SIAO – {ref}
Nom : {p1.LN}
Prénom : {p1.fn}
DDN : {dob}
NIR : {nir}
Situation : rue, {street}, depuis {n} mois
Contact : {tel}
~~~
DÉCLARATION DE MANIFESTATION SUR LA VOIE PUBLIQUE
Organisateurs :
1. {p1.full}, {addr_fr}, tél. {tel_fr}
2. {p2.full}, {addr_fr}
3. {p3.full}, {addr_fr}
Objet : rassemblement pour le climat
Date : {date}, départ {place} à {time}
Nombre attendu : {n}00 personnes
~~~
Déclaration de fête de rue – Comité des fêtes du quartier
Responsable : {p1.full}, né(e) le {dob}
Adresse : {addr}
Courriel : {p1.email}
Tronçon demandé : {street}, entre les numéros 2 et 40
Horaires : 14h–23h. Buvette tenue par l'association (SIRET {siret}).
~~~
Bonjour, nous déclarons une manifestation le {date} au départ de la {place}, itinéraire par la {street}. \
Service d'ordre : {n} personnes. Contact le jour J : {p1.fn}, {tel}.
~~~
Objet : déclaration préalable – rassemblement
Nous, soussignés {p1.full} et {p2.full}, domiciliés respectivement {addr_fr} et {addr_fr}, déclarons \
un rassemblement statique devant la mairie le {date} de 18h à 20h.
~~~
Fête des voisins : rien à déclarer au-delà de la demande d'arrêté {ref}. Tables sur le trottoir, \
pas de sono. Fin prévue {time}.
~~~
DECLARATION MANIF – syndicat local
responsable legal : {p1.LN} {p1.fn}
tel : {tel}
mail : {p1.email}
parcours : {place} -> {street} -> prefecture
~~~
Vide-grenier de l'association Les Tilleuls – inscription exposant
Nom : {p1.full}
Adresse : {addr}
Tél : {tel}
Pièce d'identité : CNI n° {ticket}
Immatriculation du véhicule : {plate}
Règlement : {amount} par carte {card}
~~~
Déclaration de rassemblement – Lausanne
Organisatrice : {p1.full}, {addr_ch}, {tel_ch}, {p1.email}
Lieu : {place}. Durée : 2 heures. Participants estimés : {n}0.
~~~
Fête de quartier à Luxembourg-Gare : l'organisateur, {p1.full} ({addr_lu}, {tel_lu}), demande la fermeture \
de la rue entre 16h et minuit.
~~~
Déclaration — marche blanche en mémoire de {p1.full}
Organisée par la famille. Contact : {p2.full} ({tel}). Départ {place}, {time}.
~~~
Carnaval de quartier – Fort-de-France
Responsable : {p1.full}, {addr_dom}
Téléphone : {tel_dom}
Déclaration faite le {date}. Nombre de chars : {n}.
~~~
Comité de la fête de la musique de la rue : on demande juste l'autorisation pour une petite scène \
devant le {org}, de 19h à minuit. On vous enverra le plan. Merci !
~~~
relevé d'identité bancaire joint pour le remboursement de la caution de la fête de rue : {iban}. \
titulaire {p1.full}. merci
~~~
Note interne : le prestataire {org}, SIREN {siren}, n'a pas transmis d'attestation d'assurance pour la \
scène du {date}. Relancer {p1.fl} au {tel_fr}.
~~~
Passation : {p1.ini} a fait le tour du marché, les forains ont été sensibilisés. {p2.ini} prend le relais demain \
matin. RAS sinon.
~~~
Signalement reçu par mail de {p1.email} : dépôt de gravats devant le {addr_fr}. Photo jointe. \
Plaque de la camionnette : {plate_fr}.
~~~
ras ce soir. pluie. personne dehors. on a fini a {time}. {p1.fn} et {p2.fn}
~~~
Bilan de la semaine : {n} interventions, {n} médiations abouties, {n} orientations sociales. \
Point noir : la {street} le vendredi soir. Proposition : renfort de 2 agents.
~~~
Rappel procédure : ne jamais noter le numéro de sécurité sociale dans la main courante, ni les coordonnées \
bancaires. Utiliser la référence du dossier ({ref}) uniquement.
~~~
Mail de M. {p1.full} ({p1.email}) : il conteste l'amende de {amount} reçue pour dépôt sauvage. Il dit \
habiter au {addr_fr} depuis {n} ans et n'avoir jamais rien jeté. À traiter par {p2.fl}.
~~~
Réclamation : Mme {p1.full}, tél. {tel}, signale que le distributeur de la station de la ligne {bus} a avalé \
sa carte {card}. Orientée vers la banque.
~~~
Relève du matin : la fourrière a enlevé le camping-car {plate} stationné depuis 10 jours. \
Propriétaire : {p1.full}, {addr}. Il a appelé, très mécontent.
~~~
Retranscription appel : « Oui bonjour, {p1.fn} {p1.ln} à l'appareil, j'habite {addr_fr}, y a encore \
des gens qui dorment dans notre hall, vous pouvez envoyer quelqu'un ? Mon numéro c'est le {tel_fr}. »
~~~
Nouvelle recrue dans l'équipe de médiation : {p1.full}. Il sera en binôme avec {p2.fn} la première semaine. \
Son portable pro : {tel_fr}.
~~~
Le commerçant {p1.full}, enseigne {org}, SIRET {siret}, a été reçu en mairie. Engagement écrit de respecter \
les horaires. Copie au dossier {ref}.
~~~
Compte rendu de réunion publique – {date}
Présents : {n} habitants, 2 élus, l'équipe de médiation. Thèmes : propreté, trottinettes, bruit. \
Prochaine réunion au {place}.
~~~
Le jeune {p1.fn} ({age} ans), qui traîne souvent au {place}, nous a confié qu'il dormait dehors. \
Signalé à l'ASE. Sa mère : {p2.full}, {tel}.
~~~
Bjr, jai trouvé un permis au nom de {p1.full} devant le tabac. Je l ai laissé a l accueil de la mairie. \
si besoin mon num {tel_fr}
~~~
Note aux agents : la société de nettoyage {org} (SIREN {siren}) interviendra {street} le {date} à partir de {time}. \
Prévoir le balisage.
~~~
Objet : demande de remboursement de frais de fourrière
Madame, Monsieur, le véhicule {plate_fr} m'appartenant a été enlevé par erreur (j'avais une carte de \
stationnement résident). Merci de rembourser {amount} sur le compte {iban}.
{p1.full}, {addr_fr}
{p1.email}
~~~
Accueil objets trouvés : une carte bancaire {card} rapportée par un usager. Nom gravé : {p1.LN}. Carte \
transmise à la banque émettrice, pas de contact avec le titulaire.
~~~
Lettre de l'association Bien Vivre aux Chartrons – {date}
Nous avons constaté de nouveaux tags sur la façade de l'école et dans la {street}. Nous vous remercions \
d'intervenir rapidement.
~~~
URGENT : maman avec bébé à la rue, {place}. Elle s'appelle {p1.fn}, elle a un numéro : {tel}. \
Merci de la rappeler avant {time}. — {p2.fn} (maraude)
~~~
Déclaration d'une manifestation sportive (course solidaire)
Association organisatrice : {org}, SIREN {siren}
Représentant : {p1.full}, {tel}, {p1.email}
Parcours : {place} – {street}
~~~
Le patron du bar, {p1.fn} {p1.LN}, nous remet la liste de ses videurs : {p2.full}, {p3.full}. \
Numéro de la carte pro du premier : {ticket}.
~~~
fiche contact : {p1.full} / {tel} / {p1.email} / {addr}
motif : demande de rdv médiation voisinage
~~~
Info : l'arrêté de fermeture administrative du {org} (n° {ref}) prend effet le {date}. Prévoir un passage \
des médiateurs à {time} pour informer la clientèle.
~~~
Bonjour. Je suis {p1.full}, propriétaire du food-truck. J'ai bien reçu l'avertissement pour le stationnement. \
Mon entreprise : SIRET {siret}. Immatriculation : {plate_fr}. Je demande un emplacement fixe.
~~~
PASSATION: {p1.nick} a encore fait un malaise au {place}. SAMU appelé 22h10. Hospitalisé. Sa soeur {p2.fn} \
prévenue ({tel}).
~~~
Mme {p1.LN}, gérante de l'auto-école, signale que ses véhicules ({plate_fr}, {plate_fr}) sont régulièrement \
bloqués par des livraisons. tel {tel_fr}
~~~
Registre de la fourrière — {date}
{n} entrées, {n} sorties, {n} véhicules destinés à la destruction. Aucun incident au guichet.
~~~
Document trouvé : carte européenne d'assurance maladie, titulaire {p1.full}, n° {nir}. Déposée par la \
sécurité de la gare. Réf {ref}.
~~~
Suite à votre signalement, la médiation a rencontré la personne occupant le hall ; elle a accepté une \
orientation. Nous clôturons le dossier {ref}. Bien cordialement, le service.
~~~
Bonjour madame {p1.ln}, comme convenu au téléphone, notre équipe passera le {date} à {time} chez vous, \
{addr}. Si empêchement : {tel_fr}. Cordialement, {p2.full}, médiatrice
~~~
"""

EN_TEMPLATES = """
Handover – evening mediation team
Quiet until {time}. Around {time} some shouting outside {org} on {street}. The manager, Mr {p1.ln}, agreed to \
bring the tables in. {p2.fn} asked us to call her back on {tel}. Follow-up tomorrow by {p3.ini}.
~~~
handover: mrs {p1.ln} (flat above the chippy) complaining about the music again. she lives at {addr}. \
phone {tel}. told her we'd pop round friday. {p2.fn}
~~~
Shift notes – north sector
- {n} youths under the bridge on {street}, moved on without trouble.
- Bus {bus} driver reports stones thrown at {time}.
- Nothing else. Ref {ref}.
~~~
Handover {date}: {p1.full} and {p2.full} on duty. Met {p3.nick} at {place}, still sleeping rough, refuses \
hostel. His sister can be reached on {tel}.
~~~
Hi team, FYI {p1.fn} {p1.ln} (DOB {dob}) asked again for a letter confirming our contact. He stays with \
his aunt at {addr}. Can {p2.fl} sort it tomorrow? Cheers, {p3.fn}
~~~
Mediation report – station area. Nothing much tonight, {n} contacts, {n} referrals to {org}. Rainy, hardly \
anyone around {place}. Off shift at {time}.
~~~
Re last night's fight outside {org}: the victim, {p1.full}, wants to press charges. Reachable on {tel} \
or {p1.email}. Case {ref}.
~~~
For the next shift: the guy with the dog (calls himself {p1.nick}) is now sleeping under the railway arch \
off {street}. {p2.fn} has told the outreach team.
~~~
NIGHT PATROL RADIO LOG – {date}
{time} Unit 2 to control, two cars parked on the pavement, regs {plate} and {plate}.
{time} Control to Unit 2, received, tow truck requested.
{time} Unit 2 clear.
~~~
radio log written up after shift
{time} stopped a moped with no plate, rider {p1.full}, DOB {dob}, gives address {addr}.
{time} let go with words of advice. officer {p2.ini}
~~~
Patrol Bravo log {date}
{time} walk-through {place} – nothing to report
{time} walk-through {street} – nothing to report
{time} report of a fight on the {bus} bus, arrived too late, nobody there
{time} end of patrol
~~~
{time}: call from a resident, Mr {p1.ln}, {tel}, about a car circling the block, reg {plate} (grey Focus). \
Vehicle later found parked on {street}. Registered keeper: {p2.full}.
~~~
Patrol transcript: "Control from Charlie, we've got a male on the ground, conscious, says his name is \
{p1.fn} {p1.LN}, date of birth {dob}. Requesting ambulance." Handed over at {time}.
~~~
ROUGH NIGHT. {time} FIGHT OUTSIDE {org}, {n} ARRESTED BY POLICE. {time} BIN FIRE ON {street}. {time} ALL QUIET. \
REPORT {ref} TO FOLLOW.
~~~
log: 11pm unit delta heading to {place}. 11.20 about ten young people, loud music, dispersed. \
11.45 back at base. nothing else
~~~
Dear Sir or Madam,
The Riverside Residents' Association wishes to complain once again about late-night noise on {street}. \
We request a meeting as soon as possible.
On behalf of the committee, {p1.full}, Chair
{addr} – {tel} – {p1.email}
~~~
Re: persistent noise nuisance
Dear Councillor,
I am writing on behalf of the tenants' association. Since {date}, the pub below our building has been \
playing music until 2am. We have {n} signatures.
Yours faithfully,
{p1.full}
{addr_uk}
~~~
Hi, I'm with the residents' group on {street}. The guy on the 3rd floor ({p1.ln}) has parties every \
weekend. I'm {p2.fn}, {tel}. please do something
~~~
Dublin 7 Residents Forum
To the Public Realm Unit
Contact person: {p1.full}, {addr_ie}, mobile {tel_ie}
We wish to report ongoing antisocial behaviour around {place}.
~~~
Residents of the cul-de-sac report that the building site starts at 6.30am instead of 8. The contractor, \
{org}, does not answer. Signatories: {p1.full}, {p2.full}, {p3.full}.
~~~
Neighbourhood Association – letter {date}
Dear Director, residents around the station have had enough: dealing, noise, vandalism. We expect action. \
Kind regards, the board.
~~~
Plateau Mont-Royal Citizens' Committee
Contact: {p1.full}, {addr_ca}, {tel_ca}, {p1.email}
We ask for better lighting on the path behind {place}.
~~~
Brooklyn Block Association – complaint
President: {p1.full}, {addr_us}. Phone {tel_us}.
Illegal dumping keeps happening near {place}. File {ref}.
~~~
Subject: Response to your warning of {date}
Dear Sir/Madam,
As manager of {org} I acknowledge your letter. We have fitted a sound limiter. Please contact me on {tel} \
if anything else is required.
{p1.full}
~~~
Hello, following your visit I'd like to point out that the outdoor seating complies with licence {ref}. \
Kind regards, {p1.fn} {p1.LN}, owner – {org}.
~~~
Dear Ms {p1.ln},
We acknowledge the enforcement notice about our site on {street}. Plant will be moved within 48h. \
Site manager: {p2.full}, {tel}, {p2.email}.
{org}
~~~
hi its the owner of the takeaway by the station. the kids outside are NOT my customers!! nothing to do with me. \
call me {tel}. {p1.fn}
~~~
Reply from {org} to letter {ref}: we dispute the facts. On {date} we closed at 1.45am as planned and \
we have CCTV footage. The management.
~~~
Subject: pavement licence warning
Hi, got your reminder, tables will be in by 10pm. For the refund of the deposit please use account \
{iban}, account holder {p1.full}.
Thanks, {p2.full}
~~~
To whom it may concern,
{org} disputes the ticket given to our van {plate} on {date}. The vehicle was unloading. Contact: {p1.fl}, \
accounts department, {email}.
~~~
Dear officer, we have corrected the signage around our works area following the inspection on {date}. \
Please find the plan attached. Regards, the HSE team.
~~~
Hi, it's {p1.fn} from the bakery. Our delivery van ({plate}) no longer parks on the crossing since your \
remark. You can reach me at {tel} or {p1.email}.
~~~
Response to warning no. {ref}
Premises: {org}
Licence holder: {p1.full}
Premises address: {addr}
Undertakings: doors closed after {time}, signs asking customers to respect neighbours.
~~~
Our French subsidiary runs the café at the market (SIRET {siret}, SIREN {siren}). Please send the \
warning to {p1.full}, {email}.
~~~
LOST PROPERTY – log for {date}
Black umbrella found on {street}. Bunch of {n} keys. Blue sports bag with clothes. No ID. Ref {ref}.
~~~
Lost property: brown wallet handed in by a passer-by at {time}. Contains a driving licence in the name of \
{p1.full}, born {dob}, a debit card {card} and {amount} in cash.
~~~
Found item no. {ref}
Item: driving licence
Holder: {p1.LN}, {p1.fn}
Date of birth: {dob}
Found by: {p2.full}, {tel}
~~~
Lost property desk – returned
The rucksack reported on {date} was returned to its owner, {p1.full}, on production of a passport. \
Lives at {addr}.
~~~
Found this morning on a bench at {place}: a bank card {card} and a library card in the name of {p1.fl}. \
Sealed, ref {ref}.
~~~
FOUND ITEM: IPHONE, CRACKED SCREEN. NO NAME. HANDED IN AT {time} BY A DRIVER FROM ROUTE {bus}.
~~~
Hi, I lost my wallet last night near {street}. It had my ID ({p1.full}), my bank card and my PPS card. \
Could you call me back on {tel} please? Thanks!!
~~~
Lost property – incoming call {time}
Ms {p1.ln} reports losing a bag with her licence and the logbook for vehicle {plate}. Call back: {tel}. \
Email: {p1.email}.
~~~
lost property register: glasses (red case), a teddy, {n} umbrellas, a scarf. nothing with a name on it
~~~
Documents found – record {ref}
Passport in the name of {p1.LN}, {p1.fn}, born {dob} in Lagos.
Residence permit, same holder.
A bank statement showing IBAN {iban}.
Passed on to the police station.
~~~
DRIVING LICENCE FOUND – {p1.LN} {p1.fn}, DOB {dob}. HANDED IN BY {p2.LN}. FINDER'S PHONE {tel}.
~~~
Wallet found on {street} by our team. Contents: card {card}, loyalty card, receipt no. {ticket}, a photo. \
Gym membership in the name of {p1.fl}. No address.
~~~
Returned: Miss {p1.fn} {p1.ln} collected her bag (ticket {ref}). ID checked, licence no. {ticket}. Signed.
~~~
A bus driver brought in an Irish driving licence: {p1.full}, born {dob}, {addr_ie}. Kept at reception.
~~~
Wallet handed in at the Montreal office: health card and driver's licence of {p1.full}, DOB {dob}, \
{addr_ca}. Owner notified by phone at {tel_ca}.
~~~
TOW POUND – removal on {date}
Vehicle: white Vauxhall Corsa, reg {plate_uk}
Reason: obstruction, {street}
Keeper: {p1.full}, {addr_uk}
Fee: {amount}
~~~
tow pound: owner of {plate} came in, disputes it. Mr {p1.LN}, phone {tel}. Told him to write in. {p2.ini}
~~~
Hello, my car reg {plate} was towed yesterday outside my home at {addr}. There was no sign. I want the \
{amount} refunded to my account {iban}. {p1.full}
~~~
Impound release
File {ref}. Vehicle {plate} released to {p1.full} (licence no. {ticket}) on {date} at {time}. \
Paid by card {card}.
~~~
Overnight removals:
- {plate}, {street}
- {plate}, {place}
- {plate}, {street}
Total: 3 vehicles. No owners present.
~~~
IMPOUND: MRS {p1.LN}'S CAR ({plate}) STILL IN THE YARD. SHE NEEDS TO CALL BACK ON {tel}.
~~~
Impound notice: opening hours 7.30am–7.30pm, daily storage fee {amount}. No cash payments above {amount}. \
Do not give information over the phone.
~~~
Hi, I'm here to get my scooter ({plate}) back from the pound. I'm {p1.full}, DOB {dob}. I can pay by \
bank transfer from {iban}. Let me know what to do.
~~~
Pickup truck with New York plates ({plate_us}) towed from the fire lane. Owner {p1.full}, {addr_us}, \
{tel_us}. Case {ref}.
~~~
Quebec-registered car ({plate_ca}) reported abandoned by {p1.full}. Registered owner per DMV: {p2.full}, \
{addr_ca}.
~~~
Referral – street outreach
Name: {p1.full}, approx. {age}, known as {p1.nick}
DOB given: {dob}
Location: tent, {street}
Needs: foot care, accommodation.
Worker: {p2.fl}, {tel}
~~~
Hello,
I'm referring Mr {p1.full}, rough sleeping for 2 months, previously employed by {org}. He needs a postal \
address. Last address: {addr}. I'm available on {p2.email}
{p2.full}, social worker
~~~
Rough sleeper report – {place}
An older man ({age}) has been sleeping here for a week, refuses help, won't give his name. Could the \
outreach team come by around {time}?
~~~
Referral: Ms {p1.LN} {p1.fn}, born {dob}, no fixed abode, with a child. Urgent emergency housing request. \
Social worker: {p2.full} ({tel}).
~~~
Outreach {date}: {n} people met, {n} sleeping bags handed out. One person in severe distress at the bus \
shelter on route {bus}, ambulance called. No name given.
~~~
hey {p1.fn} can you check on {p2.nick} tomorrow? he's still by the station, lost all his papers. his dob \
is {dob} if you need to reapply. thx {p3.fn}
~~~
Social worker note: the couple {p1.ln} / {p2.ln} are sleeping in their car ({plate}) in the car park at \
{place}. Two dogs. They agreed to an appointment on Thursday.
~~~
REPORT: ROUGH SLEEPER, VERY THIN, OUTSIDE THE COACH STATION. SAYS HIS NAME IS {p1.fn}. AGE ABOUT {age}. \
PASSED TO THE OUTREACH TEAM.
~~~
Referral form – {ref}
Surname: {p1.LN}
First name: {p1.fn}
D.O.B.: {dob}
Situation: street, {street}, for {n} months
Contact: {tel}
Payment account for the grant: {iban}
~~~
NOTICE OF PROCESSION / DEMONSTRATION
Organisers:
1. {p1.full}, {addr}, tel. {tel}
2. {p2.full}, {addr}
Purpose: climate march
Date: {date}, assembling at {place} at {time}
Expected: {n}00 people
~~~
Street party application – Residents' Committee
Lead organiser: {p1.full}, DOB {dob}
Address: {addr}
Email: {p1.email}
Road closure requested: {street}, between nos. 2 and 40
Hours: 2pm–11pm.
~~~
Hi, we're giving notice of a march on {date} starting at {place}, route via {street}. Stewards: {n}. \
Contact on the day: {p1.fn}, {tel}.
~~~
Street party: nothing to declare beyond permit request {ref}. Tables on the pavement, no sound system. \
Expected finish {time}.
~~~
PROTEST NOTICE – local union branch
legal contact: {p1.LN} {p1.fn}
phone: {tel}
email: {p1.email}
route: {place} -> {street} -> city hall
~~~
Block party application – Chicago
Organizer: {p1.full}, {addr_us}, {tel_us}, {p1.email}
Location: {street}. Duration: 6 hours. Estimated attendance: {n}0.
~~~
Notice of vigil in memory of {p1.full}
Organised by the family. Contact: {p2.full} ({tel}). Assembling at {place}, {time}.
~~~
Car boot sale – stallholder registration
Name: {p1.full}
Address: {addr}
Phone: {tel}
Vehicle reg: {plate}
Paid {amount} by card {card}
~~~
bank details for the street party deposit refund: {iban}. account holder {p1.full}. thanks
~~~
Handover: {p1.ini} walked round the market, traders briefed. {p2.ini} takes over tomorrow morning. \
Nothing else.
~~~
all quiet tonight. rain. nobody out. finished at {time}. {p1.fn} and {p2.fn}
~~~
Weekly summary: {n} interventions, {n} successful mediations, {n} social referrals. Hotspot: {street} on \
Friday nights. Proposal: two extra officers.
~~~
Reminder: never write national insurance numbers or bank details in the incident log. Use the case \
reference ({ref}) only. Masked cards like {masked} are fine.
~~~
Email from {p1.full} ({p1.email}): he disputes the {amount} fine for fly-tipping. Says he has lived at \
{addr} for {n} years. For {p2.fl} to handle.
~~~
Call transcript: "Yeah hi, it's {p1.fn} {p1.ln}, I live at {addr}, there's people sleeping in our hallway \
again, can you send someone? My number's {tel}."
~~~
New starter on the mediation team: {p1.full}. Shadowing {p2.fn} for the first week. Work mobile: {tel}.
~~~
Public meeting minutes – {date}
Present: {n} residents, 2 councillors, the mediation team. Topics: litter, e-scooters, noise. \
Next meeting at {place}.
~~~
URGENT: mum with a baby sleeping out at {place}. Her name is {p1.fn}, she has a phone: {tel}. Please \
call her before {time}. – {p2.fn} (outreach)
~~~
The bar owner, {p1.fn} {p1.LN}, gave us the list of door staff: {p2.full}, {p3.full}. SIA badge no. of \
the first: {ticket}.
~~~
contact card: {p1.full} / {tel} / {p1.email} / {addr}
reason: wants a neighbour mediation appointment
~~~
Info: the closure order for {org} (no. {ref}) takes effect on {date}. Mediators to attend at {time} to \
inform customers.
~~~
HANDOVER: {p1.nick} collapsed again at {place}. Ambulance 10.10pm. Admitted. His sister {p2.fn} informed \
({tel}).
~~~
Impound register — {date}
{n} in, {n} out, {n} vehicles scrapped. No incidents at the counter.
~~~
Following your report, the mediation team met the person staying in the lobby; they accepted a referral. \
We are closing case {ref}. Kind regards, the service.
~~~
Dear Mr {p1.ln}, as agreed on the phone our team will call on {date} at {time} at your home, {addr}. \
If that doesn't suit: {tel}. Regards, {p2.full}, mediator
~~~
Found at the Toronto depot: a wallet with a Visa {card}, a health card, and a note with the phone number \
{tel_ca}. Name on the card: {p1.full}.
~~~
Irish contractor {org} replies to the warning: works will stop at 7pm. Contact {p1.full} on {tel_ie} or \
{p1.email}. Company bank: {iban_ie}.
~~~
"""

if __name__ == "__main__":
    main()
