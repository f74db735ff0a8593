"""Generate the sixth development corpus of the free-text scrubber (pii_corpus_dev6.jsonl), first held out.

Made independently of the scrubber and of every other corpus of the project. A small fictional world is written
first (residents and staff of Tours FR, Schaerbeek BE, Yverdon-les-Bains CH and Cork IE, with that country's
address, postcode, phone, plate and bank formats), then hand-written patterns of three kinds of municipal services
are rendered with those people:
  (a) "Allô Mairie" call-centre request descriptions (the three French-speaking towns);
  (b) municipal police log books ("main courante") of the same towns;
  (c) Cork City Council customer-service (311-style) case notes, with updates, copied e-mails and phone notes.

Run from the repository root:  python tests/data/dev6/make_corpus.py   (seeded: same output each run)
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

SEED = 20260117
OUT = Path(__file__).resolve().parent / "pii_corpus_dev6.jsonl"
N_FR, N_EN = 270, 180
NOID_SHARE = 0.15
TYPES = ("PERSON", "DATE_OF_BIRTH", "ADDRESS", "PHONE", "EMAIL", "NIR", "IBAN", "SIRET", "SIREN", "CARD", "PLATE")
PER = "PERSON"

RNG = random.Random(SEED)


def ch(seq):
    return RNG.choice(seq)


def wch(pairs):
    """Weighted choice from [(weight, value), ...]."""
    return RNG.choices([v for _, v in pairs], weights=[w for w, _ in pairs])[0]


def chance(p: float) -> bool:
    return RNG.random() < p


def digs(n: int) -> str:
    return "".join(str(RNG.randint(0, 9)) for _ in range(n))


def sp(s: str) -> list[str]:
    return [x.strip() for x in s.split("|") if x.strip()]


def letters(n: int, alphabet: str = "ABCDEFGHJKLMNPRSTVWXYZ") -> str:
    return "".join(RNG.choice(alphabet) for _ in range(n))


# ---------------------------------------------------------------- checksums


def luhn_ok(num: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(num)):
        d = int(c)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def luhn_fill(partial: str) -> str:
    return next(partial + d for d in "0123456789" if luhn_ok(partial + d))


def luhn_fail(partial: str) -> str:
    return next(partial + d for d in "7318052946" if not luhn_ok(partial + d))


def _iban_num(s: str) -> int:
    return int("".join(str(int(c, 36)) for c in s))


def make_iban(cc: str, bban: str) -> str:
    return f"{cc}{98 - _iban_num(bban + cc + '00') % 97:02d}{bban}"


def iban_ok(s: str) -> bool:
    s = re.sub(r"[\s-]", "", s).upper()
    return bool(re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{8,30}", s)) and _iban_num(s[4:] + s[:4]) % 97 == 1


def nir_key(body: str) -> int:
    return 97 - int(body[:5] + body[5:7].replace("2A", "19").replace("2B", "18") + body[7:]) % 97


def nir_ok(s: str) -> bool:
    s = re.sub(r"[\s.-]", "", s).upper()
    if not re.fullmatch(r"[12]\d{4}(?:\d{2}|2A|2B)\d{8}", s):
        return False
    return nir_key(s[:13]) == int(s[13:])


def rib_key(bank: str, guichet: str, account: str) -> str:
    return f"{97 - (89 * int(bank) + 15 * int(guichet) + 3 * int(account)) % 97:02d}"


def es_dc(bank: str, branch: str, acct: str) -> str:
    w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]

    def one(s: str) -> int:
        r = 11 - sum(int(a) * b for a, b in zip(s, w, strict=True)) % 11
        return {10: 1, 11: 0}.get(r, r)

    return f"{one('00' + bank + branch)}{one(acct)}"


IT_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]


def it_cin(body: str) -> str:
    total = 0
    for i, c in enumerate(body):
        v = int(c) if c.isdigit() else ord(c) - 65
        total += IT_ODD[v] if i % 2 == 0 else v
    return chr(65 + total % 26)


def iban_for(cc: str) -> tuple[str, str]:
    """A valid IBAN of country cc (with the national check digits where the country has them) and a BIC."""
    if cc == "FR":
        bank, bic = ch(
            [
                ("30004", "BNPAFRPP"),
                ("30003", "SOGEFRPP"),
                ("20041", "PSSTFRPPXXX"),
                ("10278", "CMCIFR2A"),
                ("19406", "AGRIFRPP894"),
                ("30002", "CRLYFRPP"),
                ("11315", "CEPAFRPP131"),
            ]
        )
        gui, acc = digs(5), digs(11)
        return make_iban("FR", bank + gui + acc + rib_key(bank, gui, acc)), bic
    if cc == "BE":
        bank, bic = ch(
            [
                ("001", "GEBABEBB"),
                ("063", "GKCCBEBB"),
                ("068", "GKCCBEBB"),
                ("310", "BBRUBEBB"),
                ("363", "BBRUBEBB"),
                ("734", "KREDBEBB"),
                ("973", "ARSPBE22"),
            ]
        )
        first = bank + digs(7)
        return make_iban("BE", f"{first}{int(first) % 97 or 97:02d}"), bic
    if cc == "CH":
        bank, bic = ch([("00235", "UBSWCHZH80A"), ("00767", "CRESCHZZ80A"), ("09000", "POFICHBEXXX"), ("80808", "RAIFCH22")])
        return make_iban("CH", bank + digs(12)), bic
    if cc == "GB":
        bank, bic = ch([("NWBK", "NWBKGB2L"), ("BARC", "BARCGB22"), ("LOYD", "LOYDGB2L"), ("MIDL", "MIDLGB22")])
        return make_iban("GB", bank + digs(14)), bic
    if cc == "IE":
        bank, bic = ch([("AIBK", "AIBKIE2D"), ("BOFI", "BOFIIE2D"), ("IPBS", "IPBSIE2D")])
        return make_iban("IE", bank + ch(["93", "90", "98"]) + digs(12)), bic
    if cc == "LT":
        return make_iban("LT", "32500" + digs(11)), "REVOLT21"
    if cc == "DE":
        return make_iban("DE", "10010010" + digs(10)), "PBNKDEFF"
    if cc == "ES":
        bank, br, acc = ch(["0049", "2100", "0182"]), digs(4), digs(10)
        return make_iban("ES", bank + br + es_dc(bank, br, acc) + acc), "BSCHESMM"
    if cc == "PT":
        b19 = ch(["0035", "0033", "0007"]) + digs(15)
        return make_iban("PT", b19 + f"{98 - int(b19) * 100 % 97:02d}"), "CGDIPTPL"
    if cc == "IT":
        body = ch(["03069", "02008", "05034"]) + digs(5) + digs(12)
        return make_iban("IT", it_cin(body) + body), "UNCRITMM"
    if cc == "PL":
        return make_iban("PL", "10205" + digs(19)), "BPKOPLPW"
    if cc == "RO":
        bank = ch(["BTRL", "RNCB", "BRDE", "INGB"])
        return make_iban("RO", bank + digs(16)), bank + "RO" + "BU"
    if cc == "TR":
        return make_iban("TR", "00062" + "0" + digs(16)), "TGBATRIS"
    if cc == "NL":
        bank = ch(["ABNA", "INGB", "RABO"])
        return make_iban("NL", bank + digs(10)), bank + "NL2A"
    raise ValueError(cc)


def make_siren() -> str:
    while True:
        s = luhn_fill(str(RNG.randint(1, 9)) + digs(7))
        if not s.startswith("356000"):
            return s


def make_siret(siren: str) -> str:
    return luhn_fill(siren + "000" + str(RNG.randint(1, 4)))


def make_card() -> str:
    kind = ch(["visa", "visa", "visa", "mc", "mc", "amex"])
    if kind == "visa":
        return luhn_fill("4" + digs(14))
    if kind == "mc":
        return luhn_fill(str(RNG.randint(51, 55)) + digs(13))
    return luhn_fill(ch(["34", "37"]) + digs(12))


# ---------------------------------------------------------------- names (hand-written, by origin)
# origin: (male first names, female first names, surnames)
ORIGINS = {
    "fr": (
        "Jean|Pierre|Michel|Philippe|Alain|Thierry|Sébastien|Julien|Nicolas|Maxime|Théo|Hugo|Gérard|Bernard|Jean-Pierre|"
        "Jean-Marc|Yves|Loïc|Gaël|Hervé|Didier|Benoît|François|André|Félix|Clément|Joseph|Frédéric|Dominique",
        "Marie|Nathalie|Isabelle|Sylvie|Catherine|Sophie|Céline|Camille|Léa|Chloé|Manon|Monique|Françoise|Josiane|Odile|"
        "Marie-Claude|Anne-Sophie|Gaëlle|Rose|Blanche|Colette|Hélène|Agnès|Margaux|Océane|Maëlys|Violette|Dominique",
        "Martin|Bernard|Dubois|Thomas|Robert|Richard|Petit|Durand|Leroy|Moreau|Laurent|Lefèvre|Fontaine|Chevalier|"
        "Boulanger|Marchand|Legrand|Lebrun|Blanc|Roux|Meunier|Berger|Fournier|Girard|Bonnet|Lambert|Rousseau|Faure|"
        "Mercier|Guérin|Gauthier|Perrin|Renard|Lemoine|Le Goff|Le Gall|Kerbrat|de La Fontaine|de Villiers|Rivière|"
        "Courtois|Jourdain|Tessier|Pasquier|Hamon|Bouchard|Prévost|Gaillard|Carré|Delaunay|Pinson|Sauvage|Lenoir",
    ),
    "be": (
        "Luc|Marc|Dirk|Koen|Pieter|Jan|Wim|Geert|Olivier|Benoît|Quentin|Cédric|Arnaud|Thibault|Jef|Stijn|Bart|Guillaume",
        "An|Els|Griet|Veerle|Sarah|Laure|Aurélie|Charlotte|Louise|Émilie|Nele|Inge|Marieke|Anne-Marie|Bénédicte|Stéphanie",
        "Peeters|Janssens|Maes|Jacobs|Mertens|Willems|Claes|Goossens|Wouters|De Smet|Dubois|Lambert|Vandenberghe|"
        "Van den Broeck|Vandamme|De Backer|Leclercq|Lemaire|Hermans|Michiels|Verstraeten|Collard|Delvaux|Lejeune|Pirotte|"
        "Wathelet|Vanderlinden|D'Hondt|Van Acker|Lion|Dewulf|Dumont|Lenoir|Degrelle|Vanhoutte",
    ),
    "ch": (
        "Jean-Daniel|Pascal|Christophe|Laurent|Yann|Cédric|Fabrice|Raphaël|Urs|Beat|Reto|Lukas|Daniel|Marco|Gianni|"
        "Samuel|Bastien|Loïc|Alain",
        "Nicole|Chantal|Sandrine|Corinne|Séverine|Valérie|Ursula|Regula|Barbara|Silvia|Daniela|Noémie|Mélanie|Joëlle|"
        "Aline|Mireille",
        "Favre|Rochat|Perret|Bovet|Cuendet|Jaquier|Pittet|Chappuis|Gilliéron|Décosterd|Rey|Bonjour|Mottier|Badoux|"
        "Müller|Meier|Schmid|Keller|Weber|Huber|von Arx|von Gunten|Zürcher|Bernasconi|Pedrazzini|Gerber|Steiner|"
        "Grandjean|Vuilleumier|Tschanz|Baumgartner|Jaccard|Duvoisin",
    ),
    "ie": (
        "Seán|Patrick|Ciarán|Conor|Declan|Eoin|Fionn|Niall|Liam|Darragh|Cathal|Donal|Diarmuid|Michael|John|Brendan|"
        "Kevin|Tadhg|Cornelius|Daniel",
        "Siobhán|Aoife|Niamh|Orla|Sinéad|Clodagh|Gráinne|Máire|Mary|Bridget|Deirdre|Róisín|Eimear|Caoimhe|Ailbhe|Aisling",
        "Murphy|O'Sullivan|Walsh|O'Brien|Byrne|Ryan|O'Connor|O'Neill|McCarthy|Kelly|Lynch|Buckley|O'Mahony|Crowley|"
        "Fitzgerald|Kelleher|Twomey|Desmond|Cronin|Hegarty|Barry|Coughlan|Forde|Dineen|Sheehan|Healy|Hurley|"
        "O'Donovan|Mac Cárthaigh|Ó Súilleabháin|Ó Briain",
    ),
    "uk": (
        "Oliver|Harry|George|James|Thomas|William|Robert|Mark|Jack",
        "Elizabeth|Emily|Grace|Hope|Olive|Faith|Daisy|Charlotte|Sophie",
        "Smith|Jones|Taylor|Brown|Baker|Cook|Fisher|Young|Hunt|Green|Wood|Carter|Rich|Short|Hill|Church",
    ),
    "na": (
        "Tyler|Brandon|Hunter|Brett|Mathieu|Kyle",
        "Ashley|Madison|Kayla|Jessica|Geneviève|Brooke",
        "Anderson|Miller|Tremblay|Gagnon|Roy|Kowalchuk|Johnson|Ortiz",
    ),
    "au": ("Shane|Brett|Lachlan|Mitchell", "Kylie|Chloe|Tahlia|Bronwyn", "Nguyen|Mitchell|Walker|Harris|Papadopoulos"),
    "maghreb": (
        "Mohamed|Karim|Youssef|Rachid|Mehdi|Nabil|Samir|Hicham|Abdelkader|Bilal|Ilyes|Sofiane|Mourad|Ahmed|Said",
        "Fatima|Khadija|Nadia|Samira|Leïla|Yasmina|Amina|Souad|Malika|Naïma|Imane|Zineb|Houria|Rachida|Sabrina",
        "Benali|Bensaïd|El Amrani|Haddad|Belkacem|Bouzid|Cherif|Mansouri|Ait Ouali|Ben Youssef|Zerrouki|Taleb|"
        "El Idrissi|Boukhari|Amrani|Benchikh|Saïdi|Hamdi|Kaddouri|Ouali|Chaoui|El Khattabi|Lahlou",
    ),
    "wafrica": (
        "Mamadou|Ousmane|Moussa|Ibrahima|Cheikh|Aboubacar|Seydou|Lamine|Souleymane",
        "Fatou|Aminata|Mariama|Awa|Aïssatou|Kadiatou|Ramata|Coumba|Adama",
        "Diop|Ndiaye|Diallo|Traoré|Koné|Coulibaly|Sow|Ba|Camara|Cissé|Mbaye|Keïta|Touré|Konaté|Sylla",
    ),
    "cafrica": (
        "Jean-Baptiste|Serge|Patrice|Christian|Blaise|Hervé|Junior",
        "Grâce|Mireille|Nadège|Chantal|Divine|Gloire|Bénédicte",
        "Mukendi|Kabongo|Tshibanda|Ilunga|Mbuyi|Lukusa|Mbarga|Ngono|Fotso|Kamga|Nzeza|Kalonji",
    ),
    "nigeria": (
        "Emeka|Chinedu|Olumide|Tunde|Ifeanyi|Babajide",
        "Ngozi|Chiamaka|Blessing|Precious|Funmilayo|Adaeze",
        "Okafor|Adeyemi|Eze|Okonkwo|Nwosu|Balogun|Adebayo|Obi",
    ),
    "antilles": (
        "Jean-Claude|Gérald|Fabrice|Thierry|Rudy|Steeve",
        "Rose-Marie|Nadège|Ketty|Marie-Line|Josette|Sully",
        "Jean-Louis|Dorival|Saint-Fleur|Célestin|Alexis|Jeanville|Nicolas|Bellemare|Théodose",
    ),
    "portugal": (
        "João|José|António|Rui|Tiago|Nuno|Paulo|Manuel",
        "Maria|Ana|Conceição|Fernanda|Inês|Beatriz|Rosa",
        "da Silva|Ferreira|Pereira|Rodrigues|Gonçalves|Carvalho|dos Santos|Teixeira|de Oliveira|Lopes|Mendes|"
        "Fernandes|Sousa|d'Almeida|Marques|Pinto",
    ),
    "italy": (
        "Giuseppe|Salvatore|Antonio|Luigi|Marco|Alessandro|Francesco",
        "Giulia|Francesca|Rosa|Concetta|Chiara|Carmela",
        "Russo|Esposito|Romano|Colombo|Ricci|Marino|Greco|Bruno|Di Stefano|De Luca|Lombardi|La Rosa|Caruso",
    ),
    "spain": (
        "Manuel|Javier|Alejandro|Miguel|Carlos|José Luis",
        "Carmen|Pilar|Lucía|Dolores|Rocío|María José",
        "García|Fernández|López|Martínez|Sánchez|Pérez|Gómez|Ruiz|Jiménez|Moreno|de la Cruz|Navarro",
    ),
    "poland": (
        "Piotr|Krzysztof|Tomasz|Paweł|Marek|Grzegorz|Łukasz|Aleksander",
        "Anna|Małgorzata|Agnieszka|Katarzyna|Joanna|Ewa|Zofia",
        "Nowak|Kowalski|Wiśniewski|Wójcik|Kamiński|Lewandowski|Zieliński|Szymański|Woźniak|Dąbrowski|Mazur|Krawczyk",
    ),
    "romania": (
        "Andrei|Mihai|Ionuț|Florin|Bogdan|Vasile|Cristian",
        "Ioana|Elena|Mihaela|Andreea|Florentina|Georgiana",
        "Popescu|Ionescu|Popa|Dumitru|Stan|Stoica|Gheorghe|Munteanu|Constantinescu|Rusu",
    ),
    "turkey": (
        "Mehmet|Mustafa|Ahmet|Emre|Burak|Hüseyin|Murat|Kemal",
        "Ayşe|Fatma|Elif|Zeynep|Emine|Hatice|Derya",
        "Yılmaz|Kaya|Demir|Şahin|Çelik|Yıldız|Öztürk|Aydın|Arslan|Doğan|Kılıç|Koç",
    ),
    "vietnam": (
        "Van Minh|Van Tuan|Duc Hung|Quang|Van Hai",
        "Thi Lan|Thi Huong|Mai|Thu|Thi Linh",
        "Nguyen|Tran|Le|Pham|Hoang|Phan|Vu|Dang|Bui|Do",
    ),
    "china": ("Wei|Jun|Hao|Lei|Jian|Bo", "Mei|Li|Xiaoling|Yan|Jing|Hui", "Wang|Li|Zhang|Liu|Chen|Yang|Huang|Zhao|Wu|Zhou|Lin"),
    "southasia": (
        "Rahul|Arjun|Vikram|Imran|Tariq|Sanjay|Rajesh|Gurpreet|Faisal|Sandeep",
        "Priya|Anjali|Sunita|Ayesha|Nusrat|Kavita|Deepa|Simran",
        "Patel|Sharma|Singh|Kaur|Khan|Hussain|Chowdhury|Rahman|Iqbal|Gupta|Kumar|Siddiqui",
    ),
    "brazil": (
        "Thiago|Rafael|Gustavo|Lucas|Felipe",
        "Juliana|Fernanda|Larissa|Camila|Bruna",
        "Oliveira|Souza|Costa|Lima|Santos|Almeida",
    ),
    "philippines": (
        "Jose|Mark Anthony|Rodel|Jomar",
        "Maricel|Jocelyn|Rowena|Mary Grace",
        "Santos|Reyes|Cruz|Bautista|Dela Cruz|Villanueva",
    ),
    "caribbean": (
        "Winston|Desmond|Delroy|Marcus",
        "Marcia|Beverley|Claudette|Sherene",
        "Campbell|Thompson|Clarke|Grant|Baptiste",
    ),
    "balkans": (
        "Arben|Driton|Besnik|Milan|Dragan",
        "Arta|Vlora|Jelena|Mimoza",
        "Berisha|Krasniqi|Gashi|Hoxha|Jovanović|Petrović",
    ),
    "tamil": (
        "Tharshan|Suresh|Kannan|Nirojan",
        "Tharsika|Kavitha|Sinthuja|Mathumathy",
        "Sivakumar|Kanagaratnam|Yogarajah|Thurairajah",
    ),
}
FEM_SURNAME = {
    "Kowalski": "Kowalska",
    "Wiśniewski": "Wiśniewska",
    "Kamiński": "Kamińska",
    "Lewandowski": "Lewandowska",
    "Zieliński": "Zielińska",
    "Szymański": "Szymańska",
    "Dąbrowski": "Dąbrowska",
    "Ó Súilleabháin": "Ní Shúilleabháin",
    "Ó Briain": "Ní Bhriain",
    "Mac Cárthaigh": "Nic Cárthaigh",
}
NICKS = {
    "Mohamed": "Momo",
    "André": "Dédé",
    "Joseph": "Jojo",
    "Jean-Pierre": "JP",
    "Robert": "Bob",
    "Elizabeth": "Liz",
    "Michael": "Mick",
    "Patrick": "Paddy",
    "Małgorzata": "Gosia",
    "Katarzyna": "Kasia",
    "Abdelkader": "Kader",
    "Frédéric": "Fred",
    "Dominique": "Dom",
    "Jean-Baptiste": "JB",
    "Giuseppe": "Peppe",
    "Cornelius": "Connie",
    "Daniel": "Dan",
    "William": "Will",
    "Grzegorz": "Greg",
    "Aleksander": "Olek",
    "Thomas": "Tom",
    "Bridget": "Biddy",
    "Nathalie": "Nath",
    "Christophe": "Chris",
    "Jean-Daniel": "JD",
    "Mark Anthony": "Tonton",
    "Jose": "Jun-Jun",
    "Salvatore": "Toto",
    "Seydou": "Sey",
    "Emeka": "Mek",
    "Said": "Sido",
    "Cathal": "Cal",
    "Tadhg": "Teigue",
    "Declan": "Deckie",
    "Brendan": "Brendy",
    "Winston": "Winnie",
    "Ousmane": "Ous",
    "Beatriz": "Bia",
}

# town composition: origin -> number of residents
COMPOSITION = {
    "tours": {
        "fr": 18,
        "maghreb": 7,
        "wafrica": 4,
        "portugal": 3,
        "antilles": 2,
        "turkey": 2,
        "vietnam": 2,
        "china": 1,
        "italy": 1,
        "spain": 1,
        "poland": 1,
        "romania": 1,
        "cafrica": 1,
        "uk": 1,
    },
    "schaerbeek": {
        "be": 10,
        "maghreb": 8,
        "turkey": 4,
        "cafrica": 3,
        "romania": 2,
        "poland": 1,
        "italy": 1,
        "spain": 1,
        "portugal": 1,
        "wafrica": 1,
    },
    "yverdon": {
        "ch": 11,
        "portugal": 4,
        "italy": 2,
        "balkans": 2,
        "spain": 1,
        "turkey": 1,
        "wafrica": 1,
        "maghreb": 1,
        "tamil": 2,
    },
    "cork": {
        "ie": 20,
        "uk": 3,
        "poland": 5,
        "brazil": 3,
        "southasia": 4,
        "nigeria": 3,
        "china": 2,
        "romania": 2,
        "philippines": 2,
        "na": 2,
        "au": 1,
        "caribbean": 1,
    },
}
STAFF_PLAN = {
    "tours": {"op": 4, "pol": 6, "elu": 1},
    "schaerbeek": {"op": 3, "pol": 5, "elu": 1},
    "yverdon": {"op": 3, "pol": 4, "elu": 1},
    "cork": {"op": 6, "pol": 3, "elu": 3, "ukpol": 1},
}
STAFF_ORIGINS = {
    "tours": ["fr", "fr", "fr", "maghreb", "antilles", "portugal"],
    "schaerbeek": ["be", "be", "be", "maghreb", "italy"],
    "yverdon": ["ch", "ch", "ch", "portugal", "italy"],
    "cork": ["ie", "ie", "ie", "ie", "poland", "nigeria"],
}
RANKS = {
    ("tours", "pol"): [
        ["Brigadier-chef principal", "BCP", "Brig.-chef"],
        ["Brigadier", "Brig."],
        ["gardien", "GPX"],
        ["agent", "ASVP"],
        ["chef de poste", "Chef de poste"],
    ],
    ("schaerbeek", "pol"): [
        ["INP", "inspecteur principal"],
        ["inspecteur", "insp.", "INSP"],
        ["commissaire", "comm."],
        ["agent de quartier"],
        ["INPP"],
    ],
    ("yverdon", "pol"): [["sgt", "sergent"], ["app", "appointé"], ["cpl", "caporal"], ["agent"], ["sgt-maj"], ["adj"]],
    ("cork", "pol"): [["Gda", "Garda", "Gda."], ["Sgt", "Sgt."], ["Insp", "Inspector"]],
    ("cork", "ukpol"): [["PC"]],
    ("cork", "elu"): [["Cllr", "Cllr."]],
    ("tours", "elu"): [["adjoint au maire", "l'adjoint"]],
    ("schaerbeek", "elu"): [["échevin", "l'échevin"]],
    ("yverdon", "elu"): [["municipal", "le municipal"]],
}

# ---------------------------------------------------------------- places (streets without numbers are not identifiers)
STREETS = {
    "tours": sp(
        "rue Nationale|rue Colbert|rue du Commerce|rue de la Scellerie|rue Marceau|rue Bernard Palissy|rue Émile Zola|"
        "rue de Bordeaux|rue Charles Gille|boulevard Heurteloup|boulevard Béranger|avenue de Grammont|rue Giraudeau|"
        "rue Febvotte|rue Édouard Vaillant|avenue Maginot|rue Victor Hugo|rue Origet|rue Blaise Pascal|rue George Sand|"
        "rue des Halles|rue du Grand Marché|rue Bretonneau|rue Courteline|rue Lamartine|rue Michelet|rue de Boisdenier|"
        "rue du Docteur Fournier|rue Jules Charpentier|rue Auguste Chevallier|avenue de la Tranchée|rue Losserand|"
        "rue Groison|rue du Colombier|rue Walvein|rue Paul-Louis Courier|rue Léon Boyer|rue Jolivet|rue Étienne Pallu|"
        "rue Roger Salengro|quai Paul Bert|quai de Portillon|rue Briçonnet|rue des Tanneurs|rue du Petit Pré|"
        "avenue du Général de Gaulle|rue de la Fuye|rue Mirabeau|rue Eugène Sue|rue de Clocheville|rue Chanoineau|"
        "rue de Jemmapes|rue Marcel Tribut|boulevard Thiers|boulevard Jean Jaurès|rue d'Entraigues|rue Saint-Éloi|"
        "allée des Cerisiers|impasse des Lilas|rue Henri Barbusse|avenue de l'Europe|rue de Verdun"
    ),
    "schaerbeek": sp(
        "Chaussée de Haecht=Haachtsesteenweg|Rue Royale Sainte-Marie=Koninklijke Sint-Mariastraat|"
        "Avenue Louis Bertrand=Louis Bertrandlaan|Rue Josaphat=Josaphatstraat|Boulevard Lambermont=Lambermontlaan|"
        "Avenue de Roodebeek|Rue Général Eenens=Generaal Eenensstraat|Rue des Palais=Paleizenstraat|Avenue Rogier=Rogierlaan|"
        "Rue Vanderlinden|Rue Gallait=Gallaitstraat|Avenue Voltaire=Voltairelaan|Rue Thiéfry|Avenue Milcamps|Rue Stephenson|"
        "Avenue Huart Hamoir|Avenue Eugène Demolder|Rue Seutin|Rue Van Oost|Rue Herman|Rue Renkin|Rue Verwée|Rue Portaels|"
        "Rue Vifquin|Rue de Jérusalem|Rue Navez|Rue Anatole France|Avenue Dailly|Rue Floris|Rue Rubens|Rue Olivier|"
        "Rue de la Poste=Poststraat|Rue Masui|Rue d'Aerschot=Aarschotstraat|Rue de Brabant=Brabantstraat|Rue Gaucheret|"
        "Rue Destouvelles|Rue Metsys|Avenue Princesse Élisabeth|Rue Hancart|Rue Van Hove|"
        "Boulevard Auguste Reyers=Auguste Reyerslaan|Avenue Paul Deschanel|Rue Kessels|Rue Gendebien|Rue Rasson|"
        "Rue Léon Frédéric|Avenue Chazal|Rue de l'Agriculture|Rue des Coteaux=Wijnheuvelenstraat|Rue Jenatzy|"
        "Rue Jan Blockx|Avenue Maréchal Foch|Rue Creuse|Rue Fraikin|Rue Quinaux|Avenue de la Brabançonne|Rue Philomène|"
        "Rue Ernest Laude|Rue Monrose|Rue Max Roos|Rue Goffart"
    ),
    "yverdon": sp(
        "Rue du Lac|Rue de la Plaine|Rue du Milieu|Rue du Four|Rue des Remparts|Avenue de Grandson|Avenue des Bains|"
        "Avenue Haldimand|Rue d'Orbe|Rue des Moulins|Quai de la Thièle|Rue de Neuchâtel|Avenue Kiener|Rue Pestalozzi|"
        "Rue Roger-de-Guimps|Rue de Montagny|Chemin de Floreyres|Rue des Philosophes|Rue Saint-Roch|Rue de Clendy|"
        "Chemin des Roseyres|Rue du Valentin|Rue de la Villette|Rue des Pêcheurs|Rue de Chamblon|Avenue des Sports|"
        "Rue Cordey|Rue des Champs-Lovats|Rue de Gasparin|Rue du Collège|Rue de la Maison-Rouge|Chemin de Calamin|"
        "Rue des Cygnes|Rue de l'Industrie|Rue William-Barbey|Rue Jean-André-Venel|Rue Curtil-Maillet|Rue des Jordils|"
        "Chemin de la Sallaz|Rue de l'Arsenal|Rue du Buron|Rue des Uttins|Rue de Plaisance|Chemin des Vergers|Rue du Midi|"
        "Rue de la Gare|Chemin de Sous-Bois|Rue des Condémines|Chemin du Cheminet|Rue de Fontenay|Rue des Peupliers|"
        "Avenue de Beaulieu|Rue du Général-Guisan|Chemin de Pierre-de-Savoie|Rue de la Faïencerie|Chemin des Ripes|"
        "Rue du Pré-du-Canal|Chemin de la Brinaz|Rue de Graveline|Rue des Prés-du-Lac"
    ),
    "cork": sp(
        "Barrack Street=The Lough|Shandon Street=Shandon|Blarney Street=Sunday's Well|Sunday's Well Road=Sunday's Well|"
        "Gerald Griffin Street=Shandon|Pope's Quay=Shandon|MacCurtain Street=Victorian Quarter|Wellington Road=St Luke's|"
        "Summerhill North=St Luke's|Ballyhooly Road=Ballyvolane|Old Youghal Road=Mayfield|Douglas Road=Ballinlough|"
        "South Douglas Road=Turners Cross|Evergreen Road=Turners Cross|Capwell Road=Turners Cross|Friar Street=The Lough|"
        "Sullivan's Quay=South Parish|Abbey Street=South Parish|Cove Street=South Parish|Douglas Street=South Parish|"
        "Anglesea Street=City Centre|Old Blackrock Road=Ballintemple|Blackrock Road=Ballintemple|"
        "Ballinlough Road=Ballinlough|Boreenmanna Road=Ballinlough|Victoria Road=Victoria Cross|Centre Park Road=Marina|"
        "Monahan Road=Marina|Skehard Road=Mahon|Model Farm Road=Bishopstown|Wilton Road=Wilton|Glasheen Road=Glasheen|"
        "Magazine Road=Highfield|College Road=Highfield|Western Road=Mardyke|Donovan's Road=Mardyke|"
        "Bandon Road=Ballyphehane|Lough Road=The Lough|Togher Road=Togher|Tory Top Road=Ballyphehane|"
        "Curragh Road=Turners Cross|Pearse Road=Ballyphehane|Harbour View Road=Knocknaheeny|"
        "Great William O'Brien Street=Blackpool|Thomas Davis Street=Blackpool|Watercourse Road=Blackpool|"
        "Gurranabraher Road=Gurranabraher|Fair Street=Shandon|Cathedral Road=Gurranabraher|Assumption Road=Blackpool|"
        "Connolly Road=Ballyphehane|Dublin Hill=Blackpool|Commons Road=Blackpool|Lower Glanmire Road=Tivoli|"
        "Military Hill=St Luke's|Lovers Walk=Montenotte|Ballyvolane Road=Ballyvolane|Spring Lane=Ballyvolane|"
        "Bishopstown Road=Bishopstown|Melbourn Road=Bishopstown|Sheares Street=City Centre|Grattan Street=City Centre|"
        "Washington Street=City Centre|Cook Street=City Centre|Hollyhill Lane=Hollyhill"
    ),
}
CORK_NORTH = {
    "Shandon",
    "St Luke's",
    "Ballyvolane",
    "Mayfield",
    "Blackpool",
    "Gurranabraher",
    "Knocknaheeny",
    "Montenotte",
    "Tivoli",
    "Hollyhill",
    "Sunday's Well",
    "Victorian Quarter",
}
PLACES = {
    "tours": sp(
        "place Jean Jaurès|place Plumereau|jardin des Prébendes|lycée Descartes|hôpital Bretonneau|"
        "école Jules Ferry|gymnase Léo Lagrange|parc de la Gloriette|place Anatole France|pont Wilson|"
        "square François Sicard|collège Paul-Louis Courier|les Halles|gare de Tours|place du Grand Marché|"
        "piscine du Mortier|parking Marceau|centre social Léo Lagrange"
    ),
    "schaerbeek": sp(
        "place Colignon|parc Josaphat|gare du Nord|la Maison communale|place Liedts|Athénée Fernand Blum|"
        "place Pogge|square Riga|place Dailly|gare de Schaerbeek|Halles de Schaerbeek|parc Reine Verte|"
        "piscine Neptunium|place Meiser|parc Albert|école Clair-Vivre"
    ),
    "yverdon": sp(
        "place Pestalozzi|château d'Yverdon|Centre thermal|collège Léon-Michaud|parc des Rives|"
        "plage d'Yverdon|place d'Armes|gare CFF|Aquadrome|collège de la Passerelle|salle de la Marive|Y-Parc|"
        "temple d'Yverdon|patinoire|parking de la Place d'Armes"
    ),
    "cork": sp(
        "Fitzgerald's Park|Daunt Square|Kent Station|the English Market|Bishop Lucey Park|St Finbarr's Cathedral|"
        "Marina Park|the Lough|Mary Elmes Bridge|Collins Barracks|Tory Top Library|Bell's Field|Nano Nagle Place|"
        "the Glen Resource Centre|Páirc Uí Chaoimh|Ballyphehane Library|Kennedy Park|the Mardyke Walk"
    ),
}
ORGS = {
    "tours": sp(
        "Tours Habitat|Fil Bleu|Tours Métropole|Enedis|Veolia|le CCAS|Emmaüs Touraine|les Restos du Cœur|"
        "la Croix-Rouge|la Fondation Abbé Pierre|Val Touraine Habitat|le Secours populaire|GRDF"
    ),
    "schaerbeek": sp(
        "Bruxelles-Propreté|la STIB|le Foyer Schaerbeekois|Sibelga|Vivaqua|le CPAS|Proximus|Infor GazElec|"
        "la Mission locale|Citydev|la Croix-Rouge"
    ),
    "yverdon": sp(
        "Travys|la Voirie|STRID|le CSR|Pro Senectute|Caritas|l'eHnv|Romande Energie|le Service des énergies|l'EVAM|les CFF"
    ),
    "cork": sp(
        "Uisce Éireann|ESB Networks|Bus Éireann|Cork Simon Community|St Vincent de Paul|Respond|Clúid Housing|"
        "the HSE|Tusla|An Post|Gas Networks Ireland|the Mercy University Hospital|Focus Ireland"
    ),
}
BUSES = {
    "tours": sp("ligne 2|ligne 5|tram A|ligne 14|bus n°3|ligne 11|ligne 60"),
    "schaerbeek": sp("tram 92|tram 7|bus 59|bus 66|tram 25|bus 65|tram 62"),
    "yverdon": sp("ligne 601|ligne 602|bus 603|ligne 604|ligne 607"),
    "cork": sp("the 208|route 202|the 205|route 216|the 220|the 203"),
}
BIRTHPLACES_FR = {
    "Tours": "37261",
    "Paris": "75111",
    "Orléans": "45234",
    "Blois": "41018",
    "Le Mans": "72181",
    "Angers": "49007",
    "Poitiers": "86194",
    "Nantes": "44109",
    "Limoges": "87085",
    "Châteauroux": "36044",
    "Pointe-à-Pitre": "97120",
    "Fort-de-France": "97209",
    "Ajaccio": "2A004",
    "Bastia": "2B033",
    "Saint-Denis (La Réunion)": "97411",
    "Lyon": "69123",
    "Marseille": "13055",
    "Lille": "59350",
}
BIRTH_ABROAD = {  # origin -> [(town, INSEE country code)]
    "maghreb": [("Casablanca", "350"), ("Oujda", "350"), ("Oran", "352"), ("Sétif", "352"), ("Tunis", "351")],
    "wafrica": [("Dakar", "341"), ("Bamako", "335"), ("Abidjan", "326")],
    "cafrica": [("Kinshasa", "312"), ("Douala", "322")],
    "portugal": [("Porto", "139"), ("Braga", "139")],
    "italy": [("Naples", "127"), ("Palerme", "127")],
    "spain": [("Séville", "134"), ("Valence", "134")],
    "poland": [("Cracovie", "122")],
    "romania": [("Cluj-Napoca", "114"), ("Iași", "114")],
    "turkey": [("Istanbul", "208"), ("Kayseri", "208")],
    "vietnam": [("Hanoï", "243"), ("Hô-Chi-Minh-Ville", "243")],
    "china": [("Wenzhou", "216")],
    "uk": [("Londres", "132")],
}
OTHER_BIRTHPLACES = {
    "be": sp("Schaerbeek|Bruxelles|Liège|Namur|Charleroi|Gand|Anvers"),
    "ch": sp("Yverdon-les-Bains|Lausanne|Neuchâtel|Berne|Fribourg|Sainte-Croix|Zurich"),
    "ie": sp("Cork|Mallow|Dublin|Limerick|Tralee|Clonakilty"),
    "uk": sp("Bristol|Leeds|Belfast|Manchester"),
    "na": sp("Toronto|Boston|Montréal|Chicago"),
    "au": sp("Sydney|Melbourne|Brisbane"),
    "poland": sp("Kraków|Gdańsk|Łódź"),
    "brazil": sp("São Paulo|Goiânia|Belo Horizonte"),
    "nigeria": sp("Lagos|Enugu|Ibadan"),
    "philippines": sp("Manila|Cebu"),
    "southasia": sp("Lahore|Amritsar|Dhaka|Pune"),
    "caribbean": sp("Kingston|Port of Spain"),
    "balkans": sp("Pristina|Prizren|Novi Sad"),
    "tamil": sp("Jaffna|Colombo"),
}
PREV_ADDR = {  # previous addresses abroad / in other towns, written the way their country writes them
    "fr": [
        "{n} rue de la République, 69002 Lyon",
        "{n} avenue Jean Médecin, 06000 Nice",
        "{n} boulevard Voltaire, 75011 Paris",
        "{n} rue Sainte-Catherine, 33000 Bordeaux",
    ],
    "be": ["Rue Neuve {n}, 1000 Bruxelles", "Rue Saint-Gilles {n}, 4000 Liège", "Meir {n}, 2000 Antwerpen"],
    "ch": [
        "Bahnhofstrasse {n}, 8001 Zürich",
        "Rue de Lausanne {n}, 1201 Genève",
        "Marktgasse {n}, 3011 Bern",
        "Via Nassa {n}, 6900 Lugano",
    ],
    "uk": [
        "{n} Gloucester Road, Bristol BS7 8AE",
        "Flat 2, {n} Holloway Road, London N7 8JG",
        "{n} Falls Road, Belfast BT12 4PD",
        "{n} Headingley Lane, Leeds LS6 1BN",
    ],
    "us": ["{n} Maple Avenue, Springfield, IL 62704", "{n} Elm St, Apt 3B, Boston, MA 02118"],
    "ca": ["{n} Queen St E, Toronto, ON M5A 1S2", "{n} rue Saint-Denis, Montréal (Québec) H2X 3K8"],
    "au": ["{n} Parramatta Rd, Annandale NSW 2038", "{n} Sydney Rd, Brunswick VIC 3056"],
    "pt": ["Rua Augusta {n}, 1100-053 Lisboa", "Rua de Santa Catarina {n}, 4000-447 Porto"],
    "pl": ["ul. Długa {n}, 80-827 Gdańsk", "ul. Floriańska {n}, 31-019 Kraków"],
    "it": ["Via Roma {n}, 80133 Napoli"],
    "de": ["Hauptstraße {n}, 10827 Berlin"],
}
CARS_FR = sp(
    "Peugeot 208 grise|Renault Clio blanche|Citroën C3 bleue|Dacia Sandero noire|VW Golf grise|Toyota Yaris rouge|"
    "Fiat 500 blanche|Renault Kangoo blanc|Ford Transit blanc|Peugeot 3008 noir|Opel Corsa verte|Skoda Octavia break gris"
)
CARS_EN = sp(
    "silver Toyota Corolla|black VW Golf|white Ford Transit van|red Nissan Micra|grey Skoda Octavia|blue Hyundai Tucson|"
    "green Kia Sportage|white Renault Kangoo|black BMW 3 series"
)
DOMAINS = {
    "tours": sp("gmail.com|orange.fr|free.fr|laposte.net|hotmail.fr|sfr.fr|wanadoo.fr|yahoo.fr|outlook.fr"),
    "schaerbeek": sp("gmail.com|skynet.be|telenet.be|proximus.be|hotmail.be|outlook.be|yahoo.fr"),
    "yverdon": sp("gmail.com|bluewin.ch|hispeed.ch|sunrise.ch|gmx.ch|hotmail.ch"),
    "cork": sp("gmail.com|eircom.net|hotmail.com|yahoo.ie|outlook.ie|icloud.com|hotmail.co.uk"),
}
COMPANIES = {
    "tours": sp(
        "Le Fournil de la Scellerie|Élec'Pro 37|Taxi Touraine Confort|Au Petit Creux|Atelier du Bois Doré|"
        "Loire Façades Rénovation|Bazar du Commerce|Pizzeria Bella Napoli|Touraine Multiservices|Salon Ciseaux d'Or|"
        "Épicerie du Sahel|Transports Val de Cher|Garage des Deux Lions"
    ),
    "schaerbeek": sp("Boucherie Al Baraka|Snack Le Josaphat|Rénov'Bruxelles SRL|Librairie Colignon|Anatolia Bakery"),
    "yverdon": sp("Garage du Nord Vaudois Sàrl|Boulangerie des Remparts|Peinture Plus Sàrl|Kebab Pestalozzi"),
    "cork": sp("Lee Valley Plumbing Ltd|Shandon Cuts Barbers|Rebel City Taxis|Polska Delikatesy Cork|Mahon Motor Repairs"),
}
MOIS = sp("janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre")
MOIS_AB = sp("janv.|févr.|mars|avr.|mai|juin|juil.|août|sept.|oct.|nov.|déc.")
MONTHS = sp("January|February|March|April|May|June|July|August|September|October|November|December")
JOURS = sp("lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche")
DAYS = sp("Mon|Tue|Wed|Thu|Fri|Sat|Sun")
CITY_LANG = {"tours": "fr", "schaerbeek": "fr", "yverdon": "fr", "cork": "en"}
TODAY = dt.date(2026, 1, 20)


# ---------------------------------------------------------------- the world


@dataclass
class Person:
    city: str
    origin: str
    sex: str
    first: str
    last: str
    nick: str = ""
    dob: dt.date = TODAY
    birthplace: str = ""
    street: str = ""
    street_nl: str = ""
    num: str = ""
    box: str = ""
    pc: str = ""
    district: str = ""
    phone: tuple[str, str] = ("", "")
    phone2: tuple[str, str] | None = None
    email: str = ""
    plate: str = ""
    plate_kind: str = ""
    car: str = ""
    nir: str = ""
    iban: str = ""
    bic: str = ""
    company: str = ""
    siren: str = ""
    siret: str = ""
    card: str = ""
    child: str = ""
    prev: str = ""
    weight: float = 1.0
    role: str = ""
    ranks: list[str] = field(default_factory=list)

    @property
    def foreign_plate(self) -> bool:
        return bool(self.plate) and self.plate_kind not in DOMESTIC_PLATE[self.city]

    @property
    def age(self) -> int:
        return (TODAY - self.dob).days // 365


DOMESTIC_IBAN = {"tours": "FR", "schaerbeek": "BE", "yverdon": "CH", "cork": "IE"}
DOMESTIC_PLATE = {"tours": ("fr", "fr_old"), "schaerbeek": ("be",), "yverdon": ("ch",), "cork": ("ie",)}
PLATE_LABEL = {  # kind -> (fr label, en label)
    "fr": ("française", "French"),
    "fr_old": ("française (ancien format)", "French"),
    "be": ("belge", "Belgian"),
    "ch": ("suisse", "Swiss"),
    "ie": ("irlandaise", "Irish"),
    "uk": ("britannique", "UK"),
    "ni": ("d'Irlande du Nord", "NI"),
    "on": ("de l'Ontario", "Ontario"),
    "qc": ("du Québec", "Quebec"),
    "bc": ("de Colombie-Britannique", "British Columbia"),
    "us_ca": ("de Californie", "California"),
    "us_tx": ("du Texas", "Texas"),
    "us_ny": ("de l'État de New York", "New York"),
    "us_ma": ("du Massachusetts", "Massachusetts"),
    "au_nsw": ("australienne (NSW)", "New South Wales"),
    "au_vic": ("australienne (Victoria)", "Victorian"),
    "au_qld": ("australienne (Queensland)", "Queensland"),
    "pt": ("portugaise", "Portuguese"),
}
SIV = "ABCDEFGHJKLMNPQRSTVWXYZ"
NOIQ = "ABCDEFGHJKLMNPRSTUVWXYZ"


def make_plate(kind: str) -> str:
    d = RNG.randint
    if kind == "fr":
        return f"{letters(2, SIV)}-{d(1, 999):03d}-{letters(2, SIV)}"
    if kind == "fr_old":
        return ch([f"{d(1, 9999)} {letters(2, SIV)} 37", f"{d(1, 999)} {letters(3, SIV)} 37"])
    if kind == "be":
        return f"{ch('12')}-{letters(3, SIV)}-{d(0, 999):03d}"
    if kind == "ch":
        return f"{ch(['VD'] * 6 + ['NE', 'FR', 'GE', 'BE', 'ZH'])} {d(1000, 999999)}"
    if kind == "ie":
        yr = ch(["08", "10", "12", "131", "142", "151", "162", "171", "181", "191", "192", "201", "211", "221", "231", "241"])
        return f"{yr}-{ch(['C'] * 6 + ['D', 'KY', 'L', 'W'])}-{d(1, 99999)}"
    if kind == "uk":
        return f"{letters(2, NOIQ)}{ch(['15', '65', '18', '68', '19', '69', '21', '71', '23', '73'])} {letters(3, NOIQ)}"
    if kind == "ni":
        county = ch(["IA", "IB", "IG", "IJ", "AZ", "BZ", "CZ", "DZ", "FZ", "GZ", "HZ", "LZ", "OI", "UI", "XI"])
        return f"{letters(1, NOIQ)}{county} {d(10, 9999)}"
    if kind == "on":
        return f"{letters(4, NOIQ)} {d(100, 999)}"
    if kind == "qc":
        return f"{d(100, 999)} {letters(3, NOIQ)}"
    if kind == "bc":
        return f"{letters(2, NOIQ)}{d(1, 9)} {d(10, 99)}{letters(1, NOIQ)}"
    if kind == "us_ca":
        return f"{d(5, 9)}{letters(3, NOIQ)}{d(100, 999)}"
    if kind in ("us_tx", "us_ny"):
        return f"{letters(3, NOIQ)}-{d(1000, 9999)}"
    if kind == "us_ma":
        return f"{d(1, 9)}{letters(3, NOIQ)}{d(10, 99)}"
    if kind == "au_nsw":
        return f"{letters(2, NOIQ)}{d(10, 99)}{letters(2, NOIQ)}"
    if kind == "au_vic":
        return f"{d(1, 9)}{letters(2, NOIQ)}{d(1, 9)}{letters(2, NOIQ)}"
    if kind == "au_qld":
        return f"{d(100, 999)}{letters(3, NOIQ)}"
    if kind == "pt":
        return f"{letters(2, NOIQ)}-{d(10, 99)}-{letters(2, NOIQ)}"
    raise ValueError(kind)


def fmt_plate(p: Person) -> str:
    s, k = p.plate, p.plate_kind
    if k == "fr":
        return wch([(6, s), (2, s.replace("-", " ")), (2, s.replace("-", "")), (1, s.lower())])
    if k == "be":
        return wch([(6, s), (2, s.replace("-", "")), (1, s.replace("-", " "))])
    if k == "ch":
        canton, n = s.split(" ")
        grouped = f"{int(n):,}".replace(",", " ")
        return wch([(5, s), (2, f"{canton} {grouped}"), (1, f"{canton}{n}"), (1, f"{canton}-{n}")])
    if k == "ie":
        return wch([(6, s), (2, s.replace("-", " ")), (1, s.replace("-", ""))])
    if k == "uk":
        return wch([(5, s), (2, s.replace(" ", ""))])
    return s


# phone numbers: (kind, national digits)
INTL = {
    "ma": ("212", ["6", "7"], [1, 2, 2, 2, 2]),
    "dz": ("213", ["55", "66", "77"], [3, 2, 2, 2]),
    "tn": ("216", ["2", "5", "9"], [2, 3, 3]),
    "sn": ("221", ["77", "78", "76"], [2, 3, 2, 2]),
    "ml": ("223", ["7", "6"], [2, 2, 2, 2]),
    "ci": ("225", ["07", "05", "01"], [2, 2, 2, 2, 2]),
    "cm": ("237", ["6"], [1, 2, 2, 2, 2]),
    "cd": ("243", ["81", "82", "99"], [2, 3, 4]),
    "ng": ("234", ["803", "806", "813"], [3, 3, 4]),
    "pt": ("351", ["91", "93", "96"], [3, 3, 3]),
    "it": ("39", ["34", "33"], [3, 3, 4]),
    "es": ("34", ["6"], [3, 2, 2, 2]),
    "pl": ("48", ["5", "6", "7"], [3, 3, 3]),
    "ro": ("40", ["7"], [3, 3, 3]),
    "tr": ("90", ["5"], [3, 3, 2, 2]),
    "vn": ("84", ["9"], [2, 3, 2, 2]),
    "cn": ("86", ["13", "15", "18"], [3, 4, 4]),
    "in": ("91", ["9", "8"], [5, 5]),
    "pk": ("92", ["3"], [3, 7]),
    "br": ("55", ["219", "119"], [2, 5, 4]),
    "ph": ("63", ["9"], [3, 3, 4]),
    "xk": ("383", ["4"], [2, 3, 3]),
    "lk": ("94", ["7"], [2, 3, 4]),
}
HOME_PHONE = {
    "maghreb": ["ma", "dz", "tn"],
    "wafrica": ["sn", "ml", "ci"],
    "cafrica": ["cd", "cm"],
    "portugal": ["pt"],
    "italy": ["it"],
    "spain": ["es"],
    "poland": ["pl"],
    "romania": ["ro"],
    "turkey": ["tr"],
    "vietnam": ["vn"],
    "china": ["cn"],
    "southasia": ["in", "pk"],
    "brazil": ["br"],
    "philippines": ["ph"],
    "balkans": ["xk"],
    "tamil": ["lk"],
    "nigeria": ["ng"],
    "uk": ["uk_m"],
    "na": ["nanp"],
    "au": ["au"],
    "antilles": ["fr_dom"],
    "caribbean": ["nanp"],
}


def make_phone(kind: str) -> tuple[str, str]:
    if kind == "fr_m":
        return "fr", "0" + ch("67") + digs(8)
    if kind == "fr_l":
        return "fr", "0247" + digs(6)
    if kind == "fr_dom":
        return "fr", ch(["0690", "0696"]) + digs(6)
    if kind == "be_m":
        return "be_m", "04" + ch("789") + digs(7)
    if kind == "be_l":
        return "be_l", "02" + ch("2457") + digs(6)
    if kind == "ch_m":
        return "ch", "07" + ch("6789") + digs(7)
    if kind == "ch_l":
        return "ch", "024" + ch(["425", "426", "423", "445", "441"]) + digs(4)
    if kind == "ie_m":
        return "ie_m", "08" + ch("35679") + digs(7)
    if kind == "ie_l":
        return "ie_l", "0214" + digs(6)
    if kind == "uk_m":
        return "uk_m", "07" + ch(["700", "711", "723", "734", "756", "777", "789", "826", "852", "940", "961"]) + digs(6)
    if kind == "ni_l":
        return "uk_l", "0289" + digs(7)
    if kind == "nanp":
        return "nanp", ch(["613", "416", "514", "604", "617", "312", "415", "212", "512", "876"]) + "55501" + digs(2)
    if kind == "au":
        return "au", "04" + digs(8)
    cc, prefixes, groups = INTL[kind]
    pre = ch(prefixes)
    return "intl:" + kind, pre + digs(sum(groups) - len(pre))


def _pairs(s: str) -> str:
    return " ".join(s[i : i + 2] for i in range(0, len(s), 2))


def fmt_phone(ph: tuple[str, str]) -> str:
    k, n = ph
    if k == "fr":
        return wch(
            [
                (30, _pairs(n)),
                (14, n),
                (10, _pairs(n).replace(" ", ".")),
                (4, _pairs(n).replace(" ", "-")),
                (12, f"+33 {n[1]} {_pairs(n[2:])}"),
                (6, "+33" + n[1:]),
                (3, f"+33 (0){n[1]} {_pairs(n[2:])}"),
                (3, f"0033 {n[1]} {_pairs(n[2:])}"),
            ]
        )
    if k == "be_m":
        return wch(
            [
                (20, f"{n[:4]} {_pairs(n[4:])}"),
                (10, f"{n[:4]}/{_pairs(n[4:]).replace(' ', '.')}"),
                (6, f"{n[:4]}/{n[4:]}"),
                (10, f"+32 {n[1:4]} {_pairs(n[4:])}"),
                (4, "+32" + n[1:]),
                (5, f"{n[:4]} {n[4:7]} {n[7:]}"),
                (5, n),
                (2, f"0032 {n[1:4]} {_pairs(n[4:])}"),
            ]
        )
    if k == "be_l":
        return wch(
            [
                (10, f"{n[:2]} {n[2:5]} {_pairs(n[5:])}"),
                (6, f"{n[:2]}/{n[2:5]}.{n[5:7]}.{n[7:]}"),
                (5, f"+32 {n[1]} {n[2:5]} {_pairs(n[5:])}"),
                (3, n),
            ]
        )
    if k == "ch":
        return wch(
            [
                (25, f"{n[:3]} {n[3:6]} {_pairs(n[6:])}"),
                (12, f"+41 {n[1:3]} {n[3:6]} {_pairs(n[6:])}"),
                (4, f"0041 {n[1:3]} {n[3:6]} {_pairs(n[6:])}"),
                (6, n),
                (4, f"{n[:3]}/{n[3:6]}.{n[6:8]}.{n[8:]}"),
                (3, "+41" + n[1:]),
            ]
        )
    if k == "ie_m":
        return wch(
            [
                (25, f"{n[:3]} {n[3:6]} {n[6:]}"),
                (6, f"{n[:3]}-{n[3:]}"),
                (10, n),
                (10, f"+353 {n[1:3]} {n[3:6]} {n[6:]}"),
                (4, "+353" + n[1:]),
                (4, f"({n[:3]}) {n[3:6]} {n[6:]}"),
                (6, f"{n[:3]} {n[3:]}"),
                (2, f"00353 {n[1:3]} {n[3:]}"),
            ]
        )
    if k == "ie_l":
        return wch(
            [
                (10, f"{n[:3]} {n[3:6]} {n[6:]}"),
                (5, f"({n[:3]}) {n[3:]}"),
                (4, f"+353 {n[1:3]} {n[3:6]} {n[6:]}"),
                (3, f"{n[:3]}-{n[3:]}"),
            ]
        )
    if k == "uk_m":
        return wch(
            [
                (10, f"{n[:5]} {n[5:]}"),
                (6, f"+44 {n[1:5]} {n[5:]}"),
                (4, n),
                (3, f"+44 (0){n[1:5]} {n[5:8]} {n[8:]}"),
                (3, f"{n[:5]} {n[5:8]} {n[8:]}"),
            ]
        )
    if k == "uk_l":
        return wch([(5, f"{n[:3]} {n[3:7]} {n[7:]}"), (3, f"+44 {n[1:3]} {n[3:7]} {n[7:]}")])
    if k == "nanp":
        return wch(
            [
                (6, f"({n[:3]}) {n[3:6]}-{n[6:]}"),
                (5, f"{n[:3]}-{n[3:6]}-{n[6:]}"),
                (2, f"{n[:3]}.{n[3:6]}.{n[6:]}"),
                (4, f"+1 {n[:3]} {n[3:6]} {n[6:]}"),
                (2, f"1-{n[:3]}-{n[3:6]}-{n[6:]}"),
            ]
        )
    if k == "au":
        return wch([(6, f"{n[:4]} {n[4:7]} {n[7:]}"), (5, f"+61 {n[1:4]} {n[4:7]} {n[7:]}"), (2, n)])
    cc, _, groups = INTL[k.split(":")[1]]
    parts, i = [], 0
    for g in groups:
        parts.append(n[i : i + g])
        i += g
    if k == "intl:br":
        return ch([f"+55 {parts[0]} {parts[1]}-{parts[2]}", f"+55 ({parts[0]}) {parts[1]}-{parts[2]}"])
    return wch([(6, f"+{cc} {' '.join(parts)}"), (3, f"00{cc} {' '.join(parts)}"), (2, f"+{cc}{n}")])


def fold(s: str) -> str:
    s = s.replace("ł", "l").replace("Ł", "L").replace("ı", "i").replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def make_email(p: Person) -> str:
    f = re.sub(r"[^a-z]", "", fold(p.first).lower())
    la = re.sub(r"[^a-z]", "", fold(p.last).lower())
    y = p.dob.year % 100
    local = wch(
        [
            (8, f"{f}.{la}"),
            (4, f"{f[0]}{la}"),
            (3, f"{la}.{f}"),
            (3, f"{f}{la}{y:02d}"),
            (2, f"{f}_{la}"),
            (3, f"{f}.{la}{RNG.randint(1, 99)}"),
            (2, f"{la}{f[0]}"),
            (2, f"{f}{y:02d}"),
            (2, f"{f[0]}.{la}"),
            (1, f"{(p.nick or f).lower().replace('-', '')}{RNG.randint(10, 99)}"),
        ]
    )
    local = re.sub(r"[^a-z0-9._-]", "", fold(local))
    return f"{local}@{ch(DOMAINS[p.city])}"


def fmt_email(e: str, lang: str, disguise: bool) -> str:
    if not disguise:
        return e.upper() if chance(0.06) else e
    local, dom = e.split("@")
    if lang == "fr":
        opts = [
            f"{local} arobase {dom.replace('.', ' point ')}",
            f"{local}[at]{dom}",
            f"{local} (at) {dom}",
            f"{local} at {dom.replace('.', ' point ')}",
            f"{local} @ {dom}",
            f"{local}[arobase]{dom}",
        ]
    else:
        opts = [
            f"{local} at {dom.replace('.', ' dot ')}",
            f"{local}[at]{dom}",
            f"{local} (at) {dom}",
            f"{local} [at] {dom.replace('.', ' [dot] ')}",
            f"{local} @ {dom}",
            f"{local}(at){dom.replace('.', '(dot)')}",
        ]
    return ch(opts)


def make_nir(p: Person) -> str:
    sex = "1" if p.sex == "M" else "2"
    if p.birthplace in BIRTHPLACES_FR:
        place = BIRTHPLACES_FR[p.birthplace]
    else:
        place = "99" + dict(BIRTH_ABROAD[p.origin])[p.birthplace]
    body = f"{sex}{p.dob.year % 100:02d}{p.dob.month:02d}{place}{RNG.randint(1, 999):03d}"
    return body + f"{nir_key(body):02d}"


def fmt_nir(s: str) -> str:
    if s[5:7] in ("97", "98"):
        spaced = f"{s[0]} {s[1:3]} {s[3:5]} {s[5:8]} {s[8:10]} {s[10:13]} {s[13:]}"
    else:
        spaced = f"{s[0]} {s[1:3]} {s[3:5]} {s[5:7]} {s[7:10]} {s[10:13]} {s[13:]}"
    return wch([(8, spaced), (4, s), (3, f"{s[:13]} {s[13:]}"), (1, f"{s[:13]}-{s[13:]}")])


def fmt_iban(s: str) -> str:
    grouped = " ".join(s[i : i + 4] for i in range(0, len(s), 4))
    return wch([(10, grouped), (5, s), (1, grouped.replace(" ", "-")), (1, grouped.lower())])


def fmt_card(s: str) -> str:
    if len(s) == 15:
        g = f"{s[:4]} {s[4:10]} {s[10:]}"
    else:
        g = " ".join(s[i : i + 4] for i in range(0, 16, 4))
    return wch([(8, g), (4, s), (2, g.replace(" ", "-"))])


def fmt_siren(s: str) -> str:
    return wch([(5, f"{s[:3]} {s[3:6]} {s[6:]}"), (5, s), (1, f"{s[:3]}.{s[3:6]}.{s[6:]}")])


def fmt_siret(s: str) -> str:
    return wch([(5, f"{s[:3]} {s[3:6]} {s[6:9]} {s[9:]}"), (5, s), (2, f"{s[:9]} {s[9:]}")])


def eircode(district: str) -> str:
    routing = "T23" if district in CORK_NORTH else "T12"
    return f"{routing} {letters(1, 'ACDEFHKNPRTVWXY')}{letters(3, 'ACDEFHKNPRTVWXY0123456789')}"


def split_street(city: str, entry: str) -> tuple[str, str]:
    if "=" in entry:
        a, b = entry.split("=")
        return a, b
    return entry, ""


def pick_first(origin: str, sex: str) -> str:
    males, females, _ = ORIGINS[origin]
    return ch(sp(males if sex == "M" else females))


def make_person(city: str, origin: str, used: set[tuple[str, str]]) -> Person:
    while True:
        sex = ch("MF")
        first = pick_first(origin, sex)
        last = ch(sp(ORIGINS[origin][2]))
        if sex == "F":
            last = FEM_SURNAME.get(last, last)
        if (first, last) not in used:
            used.add((first, last))
            break
    p = Person(city=city, origin=origin, sex=sex, first=first, last=last)
    if first in NICKS and chance(0.75):
        p.nick = NICKS[first]
    p.dob = dt.date(RNG.randint(1936, 2006), RNG.randint(1, 12), RNG.randint(1, 28))
    if city == "tours":
        p.birthplace = (
            ch([b for b, _ in BIRTH_ABROAD[origin]])
            if origin in BIRTH_ABROAD and chance(0.55)
            else ch(list(BIRTHPLACES_FR)[:10] if origin != "antilles" else ["Pointe-à-Pitre", "Fort-de-France"])
        )
        if origin == "fr" and chance(0.2):
            p.birthplace = ch(list(BIRTHPLACES_FR)[10:])
    else:
        home = {"schaerbeek": "be", "yverdon": "ch", "cork": "ie"}[city]
        p.birthplace = ch(OTHER_BIRTHPLACES.get(origin, OTHER_BIRTHPLACES[home]) if chance(0.6) else OTHER_BIRTHPLACES[home])
    street, street_nl = split_street(city, ch(STREETS[city]))
    p.street, p.street_nl = street, street_nl
    if city == "tours":
        p.num = str(RNG.randint(1, 180)) + wch([(20, ""), (2, " bis"), (1, " ter"), (1, "B")])
        p.box = wch(
            [
                (6, ""),
                (1, f"Bât. {ch('ABCD')}"),
                (1, f"appt {RNG.randint(1, 80)}"),
                (1, f"{RNG.randint(1, 9)}e étage"),
                (1, f"Bât {ch('ABC')}, appt {RNG.randint(10, 60)}"),
                (1, f"Résidence Les Tilleuls, appt {RNG.randint(1, 40)}"),
            ]
        )
        p.pc = PC_TOURS[street]
    elif city == "schaerbeek":
        p.num = str(RNG.randint(1, 320))
        p.box = ch(["", "", "", str(RNG.randint(1, 12)), f"{RNG.randint(1, 5)}e ét."])
        p.pc = "1030"
    elif city == "yverdon":
        p.num = str(RNG.randint(1, 90)) + wch([(12, ""), (1, "a"), (1, "b"), (1, "bis")])
        p.pc = "1400"
    else:
        street, district = p.street, p.street_nl
        p.street_nl = ""
        p.district = district
        p.num = str(RNG.randint(1, 240))
        p.box = wch([(8, ""), (1, f"Apt {RNG.randint(1, 30)}"), (1, f"Flat {RNG.randint(1, 6)}")])
        p.pc = eircode(district)
    dom = {"tours": ("fr_m", "fr_l"), "schaerbeek": ("be_m", "be_l"), "yverdon": ("ch_m", "ch_l"), "cork": ("ie_m", "ie_l")}[city]
    p.phone = make_phone(dom[0] if chance(0.8) else dom[1])
    if chance(0.5):
        p.phone2 = make_phone(ch(HOME_PHONE[origin]) if origin in HOME_PHONE and chance(0.7) else ch(dom))
    if chance(0.8):
        p.email = make_email(p)
    if chance(0.38):
        kind = {"tours": ch(["fr"] * 3 + ["fr_old"]), "schaerbeek": "be", "yverdon": "ch", "cork": "ie"}[city]
        p.plate_kind = kind
    if city == "tours" and chance(0.7):
        p.nir = make_nir(p)
    home_iban = {"portugal": "PT", "spain": "ES", "italy": "IT", "poland": "PL", "romania": "RO", "turkey": "TR", "uk": "GB"}
    iban_cc = {"tours": "FR", "schaerbeek": "BE", "yverdon": "CH", "cork": "IE"}[city]
    if origin in home_iban and chance(0.5):
        iban_cc = home_iban[origin]
    elif chance(0.12):
        iban_cc = {"tours": "DE", "schaerbeek": "NL", "yverdon": "DE", "cork": "LT"}[city]
    if chance(0.65 if city == "tours" else 0.5):
        p.iban, p.bic = iban_for(iban_cc)
    if chance(0.25):
        p.card = make_card()
    if chance(0.3) and p.age > 25:
        p.child = pick_first(origin, ch("MF"))
    p.weight = 4.0 if chance(0.15) else 1.0
    return p


PC_TOURS: dict[str, str] = {}


def build_world() -> tuple[dict[str, list[Person]], dict[str, list[Person]]]:
    for s in STREETS["tours"]:
        PC_TOURS[s] = ch(["37000", "37000", "37100", "37200"])
    residents: dict[str, list[Person]] = {}
    staff: dict[str, list[Person]] = {}
    used: set[tuple[str, str]] = set()
    for city, comp in COMPOSITION.items():
        people = [make_person(city, origin, used) for origin, n in comp.items() for _ in range(n)]
        residents[city] = people
    # deliberate extras so that every kind of identifier exists in every town
    foreign = {
        "tours": [("uk", "uk"), ("be", None), ("pt", "portugal")],
        "schaerbeek": [("fr", None), ("fr_old", None), ("ch", None)],
        "yverdon": [("fr", None), ("be", None), ("pt", "portugal")],
        "cork": [
            ("uk", "uk"),
            ("uk", None),
            ("ni", None),
            ("ni", None),
            ("on", "na"),
            ("qc", "na"),
            ("bc", None),
            ("us_ca", None),
            ("us_tx", None),
            ("us_ny", None),
            ("us_ma", None),
            ("au_nsw", "au"),
            ("au_vic", None),
            ("au_qld", None),
        ],
    }
    for city, kinds in foreign.items():
        pool = list(residents[city])
        RNG.shuffle(pool)
        for kind, origin in kinds:
            cand = next((p for p in pool if p.origin == origin and not p.foreign_plate), None) if origin else None
            cand = cand or next(p for p in pool if not p.foreign_plate and p.plate_kind == "")
            cand.plate_kind = kind
            pool.remove(cand)
    forced_iban = {
        "tours": ["ES", "IT", "GB", "RO"],
        "schaerbeek": ["RO", "PL", "IT"],
        "yverdon": ["IT", "ES", "PT"],
        "cork": ["GB", "LT", "RO", "PL"],
    }
    for city, codes in forced_iban.items():
        for cc in codes:
            if not any(p.iban.startswith(cc) for p in residents[city]):
                p = next(p for p in residents[city] if not p.iban)
                p.iban, p.bic = iban_for(cc)
    prev_by_origin = {"uk": "uk", "na": ch(["us", "ca"]), "au": "au", "portugal": "pt", "poland": "pl", "italy": "it"}
    for city, people in residents.items():
        home = {"tours": "fr", "schaerbeek": "be", "yverdon": "ch", "cork": "ie"}[city]
        for p in people:
            if p.plate_kind:
                p.plate = make_plate(p.plate_kind)
                p.car = ch(CARS_EN if city == "cork" else CARS_FR)
            if chance(0.18) or (p.origin in ("na", "au", "uk") and city == "cork"):
                where = prev_by_origin.get(p.origin) or ch([k for k in ("fr", "be", "ch", "uk", "de") if k != home])
                p.prev = ch(PREV_ADDR[where]).format(n=RNG.randint(2, 140))
        with_company = [p for p in people if p.age > 22]
        RNG.shuffle(with_company)
        n_comp = {"tours": 13, "schaerbeek": 5, "yverdon": 4, "cork": 5}[city]
        for p, name in zip(with_company[:n_comp], COMPANIES[city], strict=True):
            p.company = name
            if city == "tours":
                p.siren = make_siren()
                p.siret = make_siret(p.siren)
        for p in people[::9]:
            if not p.nick:
                nicks = {
                    ("fr", "M"): ["Titi", "Bouboule", "le Grand"],
                    ("fr", "F"): ["Lulu", "Chouchou", "Titi"],
                    ("en", "M"): ["Red", "Sonny", "Junior"],
                    ("en", "F"): ["Boo", "Red", "Dolly"],
                }
                p.nick = ch(nicks[(CITY_LANG[city], p.sex)])
    for city, plan in STAFF_PLAN.items():
        out = []
        for role, n in plan.items():
            for _ in range(n):
                origin = ch(STAFF_ORIGINS[city]) if role != "ukpol" else "uk"
                s = make_person(city, origin, used)
                s.role = role
                s.ranks = ch(RANKS[(city, role)]) if (city, role) in RANKS else []
                out.append(s)
        staff[city] = out
    return residents, staff


# ---------------------------------------------------------------- rendering of slots

Seg = tuple[str, "str | None"]
SLOT_RE = re.compile(r"\{([A-Za-z]\w*)(?:\.(\w+))?\}")
RESIDENT_LETTERS = "PQR"
STAFF_LETTERS = {"S": "", "T": "", "G": "pol", "C": "elu", "U": "ukpol"}
REQUIRES = {
    "phone2": lambda p: p.phone2 is not None,
    "email": lambda p: bool(p.email),
    "emaild": lambda p: bool(p.email),
    "plate": lambda p: bool(p.plate),
    "fplate": lambda p: p.foreign_plate,
    "platec": lambda p: bool(p.plate),
    "car": lambda p: bool(p.plate),
    "nir": lambda p: bool(p.nir),
    "iban": lambda p: bool(p.iban),
    "bic": lambda p: bool(p.iban),
    "fiban": lambda p: bool(p.iban) and p.iban[:2] != DOMESTIC_IBAN[p.city],
    "siret": lambda p: bool(p.siret),
    "siren": lambda p: bool(p.siren),
    "company": lambda p: bool(p.company),
    "card": lambda p: bool(p.card),
    "child": lambda p: bool(p.child),
    "childfull": lambda p: bool(p.child),
    "nick": lambda p: bool(p.nick),
    "prev": lambda p: bool(p.prev),
    "reqF": lambda p: p.sex == "F",
    "reqM": lambda p: p.sex == "M",
    "old": lambda p: p.age >= 70,
    "adult": lambda p: 18 <= p.age,
}


DIVERSE = {
    "fplate": lambda p: p.plate_kind,
    "iban": lambda p: p.iban[:2],
    "fiban": lambda p: p.iban[:2],
    "nir": lambda p: p.nir[5:7],
    "phone2": lambda p: p.phone2[0] if p.phone2 else "",
    "card": lambda p: p.card[:1],
    "prev": lambda p: p.prev[-8:],
    "siret": lambda p: p.siret,
    "siren": lambda p: p.siren,
}
USED: Counter = Counter()


WORDLIKE = {
    "AM",
    "PM",
    "OK",
    "NB",
    "CO",
    "RE",
    "PS",
    "NO",
    "TO",
    "IT",
    "US",
    "ON",
    "IN",
    "IS",
    "AT",
    "BE",
    "DE",
    "LE",
    "LA",
    "CH",
    "FR",
    "IE",
    "UK",
    "ME",
    "MY",
    "SO",
    "DO",
    "GO",
    "AS",
    "OR",
    "EU",
    "TV",
    "ID",
    "MC",
    "PV",
    "RAS",
}


class NoCandidate(Exception):
    pass


class Ctx:
    def __init__(self, city: str, pool: str, residents: list[Person], staff: list[Person]):
        self.city, self.pool, self.lang = city, pool, CITY_LANG[city]
        self.residents, self.staff = residents, staff
        self.people: dict[str, Person] = {}
        self.base = TODAY - dt.timedelta(days=RNG.randint(3, 150))
        offs = [0]
        for _ in range(5):
            offs.append(offs[-1] + RNG.randint(1, 6))
        self.days = [self.base + dt.timedelta(days=o) for o in offs]
        self.dstyle = RNG.randint(0, 4)
        self.tstyle = RNG.randint(0, 2)
        h = RNG.randint(6, 20)
        m = RNG.randint(0, 59)
        self.times = []
        for _ in range(3):
            self.times.append((h % 24, m))
            m += RNG.randint(5, 50)
            h, m = h + m // 60, m % 60
        self.used_streets: list[str] = []
        self.used_places: list[str] = []

    # ------------------------------------------------ people
    def choose(self, template: str) -> None:
        needs: dict[str, list[str]] = {}
        for m in SLOT_RE.finditer(template):
            if m.group(2) is not None:
                needs.setdefault(m.group(1), []).append(m.group(2))
        for letter in RESIDENT_LETTERS:
            if letter in needs:
                cands = [
                    p
                    for p in self.residents
                    if p not in self.people.values() and all(REQUIRES.get(f, lambda p: True)(p) for f in needs[letter])
                ]
                if not cands:
                    raise NoCandidate(letter)
                for f in needs[letter]:  # spread the rarer identifiers over as many kinds as the world holds
                    if f in DIVERSE and (f in ("fplate", "fiban", "nir", "siret", "siren") or chance(0.3)):
                        least = min(USED[(f, DIVERSE[f](p))] for p in cands)
                        cands = [p for p in cands if USED[(f, DIVERSE[f](p))] == least]
                chosen = RNG.choices(cands, weights=[p.weight for p in cands])[0]
                for f in needs[letter]:
                    if f in DIVERSE:
                        USED[(f, DIVERSE[f](chosen))] += 1
                self.people[letter] = chosen
        for letter, role in STAFF_LETTERS.items():
            if letter in needs:
                role = role or ("pol" if self.pool == "mc" else "op")
                cands = [s for s in self.staff if s.role == role and s not in self.people.values()]
                if not cands:
                    raise NoCandidate(letter)
                self.people[letter] = ch(cands)

    def civ(self, p: Person) -> str:
        if chance(0.02):
            return ch(["Dr", "Dr."])
        if self.lang == "fr":
            if p.sex == "M":
                return wch([(6, "M."), (2, "M"), (3, "Monsieur"), (1, "Mr"), (1, "Mr.")])
            return wch([(6, "Mme"), (3, "Madame"), (1, "Mme."), (1, "Mlle" if p.age < 35 else "Mme")])
        if p.sex == "M":
            return wch([(6, "Mr"), (3, "Mr.")])
        return wch([(5, "Ms"), (3, "Mrs"), (1, "Ms."), (1, "Miss" if p.age < 35 else "Mrs")])

    def name_form(self, p: Person, form: str) -> list[Seg]:
        full = f"{p.first} {p.last}"
        parts = re.split(r"[- ]", p.first)
        li = next((c for c in p.last if c.isupper()), p.last[0].upper())
        forms = {
            "full": full,
            "first": p.first,
            "last": p.last,
            "LAST": p.last.upper(),
            "LASTfirst": f"{p.last.upper()} {p.first}",
            "lastfirst": f"{p.last} {p.first}",
            "LASTcomma": f"{p.last.upper()}, {p.first}",
            "lastcomma": f"{p.last}, {p.first}",
            "firstLAST": f"{p.first} {p.last.upper()}",
            "lower": full.lower(),
            "nick": p.nick or p.first,
            "iname": "-".join(x[0] + "." for x in p.first.split("-")) + " " + p.last,
            "ini": wch(
                [
                    (4, "".join(x[0] + "." for x in parts) + li + "."),
                    (0 if "".join(x[0] for x in parts) + li in WORDLIKE else 4, "".join(x[0] for x in parts) + li),
                    (1, " ".join(x[0] + "." for x in [*parts, li])),
                ]
            ),
        }
        if form in forms:
            return [(forms[form], PER)]
        if form in ("civlast", "civLAST", "civfull"):
            inner = {"civlast": p.last, "civLAST": p.last.upper(), "civfull": full}[form]
            return [(self.civ(p) + " ", None), (inner, PER)]
        if form in ("rlast", "rLAST", "rfull"):
            rank = ch(p.ranks) if p.ranks else self.civ(p)
            if p.sex == "F" and rank in (
                "adjoint au maire",
                "échevin",
                "municipal",
                "inspecteur",
                "l'adjoint",
                "l'échevin",
                "le municipal",
                "inspecteur principal",
            ):
                rank = {
                    "adjoint au maire": "adjointe au maire",
                    "échevin": "échevine",
                    "municipal": "municipale",
                    "inspecteur": "inspectrice",
                    "l'adjoint": "l'adjointe",
                    "l'échevin": "l'échevine",
                    "le municipal": "la municipale",
                    "inspecteur principal": "inspectrice principale",
                }[rank]
            inner = {"rlast": p.last, "rLAST": p.last.upper(), "rfull": full}[form]
            return [(rank + " ", None), (inner, PER)]
        raise KeyError(form)

    def any_name(self, p: Person) -> list[Seg]:
        if p.role:
            table = {
                ("fr", "op"): [
                    (20, "first"),
                    (15, "full"),
                    (15, "iname"),
                    (12, "ini"),
                    (8, "LAST"),
                    (10, "firstLAST"),
                    (5, "civlast"),
                ],
                ("fr", "pol"): [(30, "rLAST"), (10, "rlast"), (15, "LAST"), (8, "full"), (10, "iname"), (6, "ini"), (5, "rfull")],
                ("fr", "elu"): [(20, "rlast"), (20, "civlast"), (15, "full"), (5, "rfull")],
                ("en", "op"): [(20, "first"), (20, "full"), (15, "iname"), (18, "ini"), (4, "lower")],
                ("en", "pol"): [(30, "rlast"), (15, "rfull")],
                ("en", "elu"): [(30, "rlast"), (20, "rfull"), (4, "full")],
                ("en", "ukpol"): [(1, "rlast")],
            }[(self.lang, p.role)]
        elif self.lang == "fr":
            table = [
                (20, "full"),
                (13, "LASTfirst"),
                (7, "firstLAST"),
                (11, "civlast"),
                (9, "civLAST"),
                (8, "civfull"),
                (5, "first"),
                (5, "LAST"),
                (2, "last"),
                (4, "iname"),
                (3, "lower"),
                (2, "ini"),
                (3, "lastfirst"),
                (1, "lastcomma"),
            ] + ([(2, "nick")] if p.nick else [])
        else:
            table = [
                (28, "full"),
                (16, "civlast"),
                (6, "civfull"),
                (8, "first"),
                (6, "LASTcomma"),
                (3, "last"),
                (6, "iname"),
                (4, "lower"),
                (3, "ini"),
                (3, "LASTfirst"),
                (3, "firstLAST"),
            ] + ([(3, "nick")] if p.nick else [])
        return self.name_form(p, wch(table))

    # ------------------------------------------------ dates
    def fmt_dob(self, d: dt.date) -> str:
        day1 = "1er" if d.day == 1 else str(d.day)
        if self.lang == "fr":
            swiss = self.city == "yverdon"
            return wch(
                [
                    (20, f"{d:%d/%m/%Y}"),
                    (5, f"{d.day}/{d.month}/{d.year}"),
                    (5, f"{d:%d/%m/%y}"),
                    (25 if swiss else 3, f"{d:%d.%m.%Y}"),
                    (4 if swiss else 1, f"{d.day}.{d.month}.{d.year % 100:02d}"),
                    (10, f"{day1} {MOIS[d.month - 1]} {d.year}"),
                    (3, f"{d:%d-%m-%Y}"),
                    (2, f"{day1} {MOIS[d.month - 1].upper()} {d.year}"),
                    (2, f"{day1} {MOIS_AB[d.month - 1]} {d.year}"),
                    (1, f"{d:%d%m%Y}"),
                ]
            )
        suffix = "th" if 10 <= d.day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
        us = self.people.get("P") is not None and self.people["P"].origin == "na"
        return wch(
            [
                (20, f"{d:%d/%m/%Y}"),
                (6, f"{d.day}/{d.month}/{d.year % 100:02d}"),
                (8, f"{d.day}{suffix} {MONTHS[d.month - 1]} {d.year}"),
                (6, f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}"),
                (8 if us else 2, f"{MONTHS[d.month - 1]} {d.day}, {d.year}"),
                (3, f"{d:%Y-%m-%d}"),
                (2, f"{d:%d.%m.%Y}"),
                (2, f"{d:%d-%m-%Y}"),
                (1, f"{d.day} {MONTHS[d.month - 1]} {d.year}"),
            ]
        )

    def fmt_day(self, d: dt.date, full: bool) -> str:
        if self.lang == "fr":
            if full:
                return [
                    f"{d:%d/%m/%Y}",
                    f"{d.day} {MOIS[d.month - 1]} {d.year}",
                    f"{JOURS[d.weekday()]} {d.day} {MOIS[d.month - 1]}",
                    f"{d:%d.%m.%Y}" if self.city == "yverdon" else f"{d:%d/%m/%y}",
                    f"{d:%d/%m/%Y}",
                ][self.dstyle]
            return [
                f"{d:%d/%m}",
                f"{d:%d/%m/%Y}",
                f"{JOURS[d.weekday()][:3]}. {d:%d/%m}",
                f"{d.day} {MOIS[d.month - 1]}",
                f"{d:%d.%m}" if self.city == "yverdon" else f"{d:%d/%m/%y}",
            ][self.dstyle]
        if full:
            return [
                f"{d:%d/%m/%Y}",
                f"{d.day} {MONTHS[d.month - 1]} {d.year}",
                f"{DAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1][:3]}",
                f"{d:%d/%m/%y}",
                f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}",
            ][self.dstyle]
        return [
            f"{d:%d/%m}",
            f"{d:%d/%m/%y}",
            f"{d.day} {MONTHS[d.month - 1][:3]}",
            f"{d:%d/%m}",
            f"{d.day}-{MONTHS[d.month - 1][:3]}",
        ][self.dstyle]

    def fmt_time(self, i: int) -> str:
        h, m = self.times[i]
        if self.lang == "fr":
            return [f"{h}h{m:02d}", f"{h:02d}:{m:02d}", f"{h:02d}H{m:02d}"][self.tstyle]
        h12 = h % 12 or 12
        return [f"{h:02d}:{m:02d}", f"{h12}.{m:02d}{'pm' if h >= 12 else 'am'}", f"{h:02d}{m:02d}hrs"][self.tstyle]

    # ------------------------------------------------ addresses
    def street_name(self, st: str, nl: str = "") -> str:
        if self.city == "schaerbeek" and nl and chance(0.2):
            return nl
        if self.city == "tours" and chance(0.15):
            for a, b in (("rue ", "r. "), ("avenue ", "av. "), ("boulevard ", "bd "), ("place ", "pl. ")):
                if st.startswith(a):
                    return b + st[len(a) :]
        if self.city == "schaerbeek" and chance(0.4):
            return st[0].lower() + st[1:]
        if self.city == "yverdon" and chance(0.3):
            return st[0].lower() + st[1:]
        if self.city == "cork" and chance(0.2):
            return re.sub(r"\bStreet$", "St", re.sub(r"\bRoad$", "Rd", st))
        return st

    def addr(self, p: Person, form: str) -> str:
        c, n = self.city, p.num
        nl = p.street_nl if c == "schaerbeek" else ""
        st = self.street_name(p.street, nl)
        if c == "tours":
            town = wch([(6, "Tours"), (2, "TOURS")])
            if form == "short":
                return f"{n} {st}"
            if form == "ml":
                return (
                    f"{n} {st}\n{p.box}\n{p.pc} {town}" if p.box else f"{n} {st}\n{p.pc} {town.upper() if chance(0.4) else town}"
                )
            opts = [
                (6, f"{n} {st}, {p.pc} {town}"),
                (2, f"{n}, {st} {p.pc} {town}"),
                (3, f"{n} {st} {p.pc} {town}"),
                (2, f"{n} {st} - {p.pc} {town}"),
            ]
            if p.box:
                opts += [(6, f"{n} {st}, {p.box}, {p.pc} {town}"), (3, f"{n} {st} ({p.box}) {p.pc} {town}")]
            return wch(opts)
        if c == "schaerbeek":
            town = "Schaarbeek" if st == nl else wch([(6, "Schaerbeek"), (3, "Bruxelles"), (1, "SCHAERBEEK")])
            box = p.box
            nb = n
            if box and box.isdigit():
                nb = wch(
                    [(3, f"{n} bte {box}"), (2, f"{n}/{box}"), (1, f"{n} boîte {box}")] if st != nl else [(1, f"{n} bus {box}")]
                )
            elif box:
                nb = f"{n} ({box})"
            if form == "short":
                return wch([(5, f"{st} {nb}"), (1, f"{st}, {nb}")])
            if form == "ml":
                return f"{st} {nb}\n{p.pc} {town}"
            return wch(
                [
                    (6, f"{st} {nb}, {p.pc} {town}"),
                    (2, f"{st}, {nb} - {p.pc} {town}"),
                    (2, f"{st} {nb} {p.pc} {town}"),
                    (1, f"{st} {nb}, B-{p.pc} {town}"),
                ]
            )
        if c == "yverdon":
            town = wch([(6, "Yverdon-les-Bains"), (3, "Yverdon"), (1, "YVERDON-LES-BAINS")])
            if form == "short":
                return f"{st} {n}"
            if form == "ml":
                return f"{st} {n}\n{p.pc} {town}"
            return wch([(6, f"{st} {n}, {p.pc} {town}"), (2, f"{st} {n}, CH-{p.pc} {town}"), (2, f"{st} {n} {p.pc} {town}")])
        town = wch([(6, "Cork"), (1, "CORK"), (1, "Co. Cork")])
        eir = p.pc if chance(0.85) else p.pc.replace(" ", "")
        if form == "short":
            return f"{n} {st}"
        if form == "ml":
            head = f"{p.box}\n" if p.box else ""
            return head + wch(
                [
                    (3, f"{n} {st}\n{p.district}\n{town}\n{eir}"),
                    (3, f"{n} {st}\n{p.district}\n{town} {eir}"),
                    (1, f"{n} {st}\n{town} {eir}"),
                ]
            )
        opts = [
            (6, f"{n} {st}, {town} {eir}"),
            (3, f"{n} {st}, {p.district}, {town}"),
            (4, f"{n} {st}, {p.district}, {town} {eir}"),
            (2, f"{n} {st}, {town}, {eir}"),
            (1, f"{n} {st}, {p.district}"),
        ]
        if p.box:
            opts += [(5, f"{p.box}, {n} {st}, {town} {eir}"), (2, f"{p.box}, {n} {st}, {p.district}, {town}")]
        return wch(opts)

    def loc(self) -> str:
        st, nl = split_street(self.city, ch(STREETS[self.city]))
        st = self.street_name(st, nl if self.city == "schaerbeek" else "")
        n = RNG.randint(1, 160)
        if self.city == "tours":
            return f"{n}{wch([(8, ''), (1, ' bis')])} {st}"
        if self.city in ("schaerbeek", "yverdon"):
            return f"{st} {n}"
        return f"{n} {st}"

    def street(self) -> str:
        while True:
            st, nl = split_street(self.city, ch(STREETS[self.city]))
            if self.city == "cork":
                nl = ""
            if st not in self.used_streets:
                self.used_streets.append(st)
                s = self.street_name(st, nl)
                return s[0].lower() + s[1:] if self.city != "cork" and chance(0.5) else s

    def place(self) -> str:
        while True:
            pl = ch(PLACES[self.city])
            if pl not in self.used_places:
                self.used_places.append(pl)
                return pl

    # ------------------------------------------------ decoys (identify nobody)
    def decoy(self, name: str) -> str:
        c, d = self.city, RNG.randint
        if name in ("case", "case2"):
            return {
                "tours": lambda: ch(
                    [f"AM-2025-{digs(5)}", f"CRM-2026-{d(1, 9999):06d}", f"demande n° 25-{digs(5)}", f"GRC {d(10000, 99999)}"]
                ),
                "schaerbeek": lambda: ch([f"FIX-{digs(6)}", f"PROP/2025/{digs(4)}", f"ticket #{digs(5)}"]),
                "yverdon": lambda: ch([f"{d(100, 9999)}/25", f"VOI-25-{digs(3)}", f"dossier {digs(4)}.{digs(2)}"]),
                "cork": lambda: ch([f"CRM-2026-{d(1, 9999):06d}", f"SR-{digs(6)}", f"C{digs(7)}", f"CRM-2025-{d(1, 99999):06d}"]),
            }[c]()
        if name == "mc":
            return {
                "tours": lambda: ch([f"MC 26/{d(100, 2999)}", f"MC n° 2025/{digs(4)}", f"MC {digs(4)}-25"]),
                "schaerbeek": lambda: ch([f"MC-{digs(4)}", f"PV n° BR.{d(10, 99)}.L3.{digs(6)}/25"]),
                "yverdon": lambda: ch([f"JE {digs(5)}", f"RJ 2025-{digs(4)}"]),
            }.get(c, lambda: f"INC-{digs(5)}")()
        if name == "amount":
            x, y = d(5, 480), d(0, 99)
            if c == "yverdon":
                return ch([f"CHF {x}.-", f"{x}.{y:02d} CHF", f"Fr. {x}.-"])
            if c == "cork":
                return ch([f"€{x}", f"€{x}.{y:02d}", f"{x} euro"])
            return ch([f"{x} €", f"{x},{y:02d} €", f"{x} euros"])
        if name in ("time", "time2", "time3"):
            return self.fmt_time({"time": 0, "time2": 1, "time3": 2}[name])
        if name == "date":
            return self.fmt_day(self.base, True)
        if re.fullmatch(r"d[0-5]", name):
            return self.fmt_day(self.days[int(name[1])], False)
        if name.startswith("street"):
            return self.street()
        if name.startswith("place"):
            return self.place()
        if name == "org":
            return ch(ORGS[c])
        if name == "bus":
            return ch(BUSES[c])
        if name == "lamp":
            return {
                "tours": ch([f"candélabre n° {d(1, 99)}-{digs(3)}", f"mât n° {digs(4)}", f"point lumineux PL{digs(5)}"]),
                "schaerbeek": f"poteau d'éclairage n° {digs(5)}",
                "yverdon": f"candélabre {digs(4)}",
                "cork": ch([f"lamp standard no. {digs(4)}", f"pole ref LS-{digs(5)}", f"column {d(1, 60)}"]),
            }[c]
        if name == "room":
            return f"salle {ch('ABC')}{d(100, 320)}" if self.lang == "fr" else f"Room {d(1, 4)}.{d(1, 30):02d}"
        if name == "count":
            return str(d(2, 15))
        if name == "badcard":
            s = luhn_fail(ch(["4", "5"]) + digs(14))
            return " ".join(s[i : i + 4] for i in range(0, 16, 4))
        if name == "bad9":
            s = luhn_fail(str(d(1, 9)) + digs(7))
            return ch([f"{s[:3]} {s[3:6]} {s[6:]}", s])
        if name == "bad14":
            s = luhn_fail(str(d(1, 9)) + digs(12))
            return ch([f"{s[:3]} {s[3:6]} {s[6:9]} {s[9:]}", s])
        if name == "exp":
            return f"{d(1, 12):02d}/{d(26, 30)}"
        if name == "last4":
            return digs(4)
        if name == "n":
            return str(d(1000, 999999))
        if name == "tel":
            return ch(
                {
                    "tours": ["tél", "Tél.", "tél :", "tel", "port.", "portable", "tél. port."],
                    "schaerbeek": ["GSM", "gsm", "GSM :", "tél", "Tél."],
                    "yverdon": ["natel", "Natel", "tél.", "mobile", "tél"],
                    "cork": ["ph", "ph.", "mob", "Mob:", "tel", "phone", "Ph:"],
                }[c]
            )
        if name == "usgr":
            return ch(
                {
                    "tours": ["usgr", "Usgr", "L'usager", "Administré", "Usager"],
                    "schaerbeek": ["Citoyen", "citoyen", "Habitant", "usgr"],
                    "yverdon": ["Habitant", "Usager", "L'habitant", "Usgr"],
                    "cork": ["Caller", "Customer"],
                }[c]
            )
        if name == "city":
            return {"tours": "Tours", "schaerbeek": "Schaerbeek", "yverdon": "Yverdon", "cork": "Cork"}[c]
        raise KeyError(name)

    # ------------------------------------------------ a slot
    def slot(self, who: str, fld: str | None) -> list[Seg]:
        if fld is None:
            if who in ("loc", "loc2"):
                return [(self.loc(), "ADDRESS")]
            return [(self.decoy(who), None)]
        p = self.people[who]
        lang = self.lang
        f = fld
        if f == "name":
            return self.any_name(p)
        if f in ("reqF", "reqM", "old", "adult"):
            return []
        if f in (
            "full",
            "first",
            "last",
            "LAST",
            "LASTfirst",
            "lastfirst",
            "LASTcomma",
            "lastcomma",
            "firstLAST",
            "lower",
            "nick",
            "iname",
            "ini",
            "civlast",
            "civLAST",
            "civfull",
            "rlast",
            "rLAST",
            "rfull",
        ):
            return self.name_form(p, f)
        if f == "civ":
            return [(self.civ(p), None)]
        if f == "rank":
            return [(ch(p.ranks) if p.ranks else self.civ(p), None)]
        simple: dict[str, object] = {
            "dob": lambda: (self.fmt_dob(p.dob), "DATE_OF_BIRTH"),
            "year": lambda: (str(p.dob.year), "DATE_OF_BIRTH"),
            "age": lambda: (str(p.age), None),
            "birthplace": lambda: (p.birthplace, None),
            "addr": lambda: (self.addr(p, "full"), "ADDRESS"),
            "addr1": lambda: (self.addr(p, "short"), "ADDRESS"),
            "addrml": lambda: (self.addr(p, "ml"), "ADDRESS"),
            "street": lambda: (self.street_name(p.street), None),
            "district": lambda: (p.district, None),
            "prev": lambda: (p.prev, "ADDRESS"),
            "phone": lambda: (fmt_phone(p.phone), "PHONE"),
            "phone2": lambda: (fmt_phone(p.phone2), "PHONE"),
            "email": lambda: (fmt_email(p.email, lang, False), "EMAIL"),
            "emaild": lambda: (fmt_email(p.email, lang, True), "EMAIL"),
            "plate": lambda: (fmt_plate(p), "PLATE"),
            "fplate": lambda: (fmt_plate(p), "PLATE"),
            "platec": lambda: (PLATE_LABEL[p.plate_kind][0 if lang == "fr" else 1] if p.plate else "", None),
            "car": lambda: (p.car, None),
            "nir": lambda: (fmt_nir(p.nir), "NIR"),
            "iban": lambda: (fmt_iban(p.iban), "IBAN"),
            "fiban": lambda: (fmt_iban(p.iban), "IBAN"),
            "bic": lambda: (p.bic, None),
            "siren": lambda: (fmt_siren(p.siren), "SIREN"),
            "siret": lambda: (fmt_siret(p.siret), "SIRET"),
            "company": lambda: (p.company, None),
            "card": lambda: (fmt_card(p.card), "CARD"),
            "child": lambda: (p.child, PER),
            "childfull": lambda: (f"{p.child} {p.last}", PER),
            "e": lambda: ("e" if p.sex == "F" else "", None),
            "il": lambda: ("elle" if p.sex == "F" else "il", None),
            "Il": lambda: ("Elle" if p.sex == "F" else "Il", None),
            "lui": lambda: ("elle" if p.sex == "F" else "lui", None),
            "he": lambda: ("she" if p.sex == "F" else "he", None),
            "He": lambda: ("She" if p.sex == "F" else "He", None),
            "his": lambda: ("her" if p.sex == "F" else "his", None),
            "him": lambda: ("her" if p.sex == "F" else "him", None),
        }
        if f not in simple:
            raise KeyError(f"{who}.{f}")
        return [simple[f]()]


# ---------------------------------------------------------------- hand-written patterns
# Slots: P, Q, R = residents; S, T = staff of the service (operators, or police officers in the log book);
# G = police officer, C = elected member, U = UK police officer. Fields: see Ctx.slot. Bare slots are decoys
# ({case}, {mc}, {date}, {d0}..{d5}, {time}, {street}, {place}, {org}, {lamp}, {amount}, ...) except {loc}, an address.
# Tags: "*" any French-speaking town, "fr" Tours, "be" Schaerbeek, "ch" Yverdon, "fc" Tours or Yverdon, "en" Cork.

AM = [  # (a) "Allô Mairie" call centre, request description field
    (
        "*",
        "{usgr} {P.name} signale un dépôt sauvage (matelas + {count} sacs) {street}, à "
        "l'angle avec {street2}. Rappeler au {P.phone}.",
    ),
    ("*", "Appel de {P.civlast} : {lamp} éteint depuis une semaine devant chez {P.lui}, {P.addr}. {tel} {P.phone}"),
    ("*", "Demande de RDV carte d'identité + passeport pour {P.full}, né{P.e} le {P.dob}. Confirmation à envoyer sur {P.email}."),
    (
        "*",
        "Message dicté par l'appelant{P.e} :\n« Bonjour, je m'appelle {P.full}, j'habite {P.addr} et ça fait {count} jours que "
        "les poubelles ne sont pas ramassées. Mon numéro c'est le {P.phone}. Merci. »\nTransmis à {org}.",
    ),
    (
        "*",
        "{P.LASTfirst} - {P.addr} - {P.phone} - nid de poule important devant le domicile, risque de chute (personne âgée). "
        "Transmis voirie le {date}.",
    ),
    (
        "*",
        "Nuisances sonores du bar {street} signalées par {P.name} et {Q.name} (voisins). {P.civlast} ne souhaite pas être "
        "rappelé{P.e}.",
    ),
    ("*", "Chat errant blessé {street}. Appelante : {P.first}, {P.phone}. N'a pas voulu donner son nom de famille.{P.reqF}"),
    ("*", "RAPPEL URGENT - {P.LAST} - {P.phone} - fuite d'eau sur la voie publique, l'eau coule dans les caves. Lieu : {loc}."),
    (
        "*",
        "Inscription registre canicule / grand froid pour {P.civfull}, {P.age} ans, "
        "né{P.e} le {P.dob}, {P.addr}, vit seul{P.e}.\n"
        "Personne à prévenir : {Q.full} ({Q.phone}).{P.old}",
    ),
    (
        "*",
        "Demande d'autorisation de stationnement pour déménagement le {d2} devant le domicile : {P.addr}. Véhicule immatriculé "
        "{P.plate}. Demandeur {P.full}, {P.email}.",
    ),
    (
        "*",
        "tags injurieux sur la façade de l'immeuble ({P.addr}) visant nommément {P.name}. "
        "photos envoyées par mail depuis {P.email}.",
    ),
    (
        "*",
        "Encombrants : {P.name}, {P.addr}, {tel} {P.phone}. Liste : frigo, canapé 3 places, {count} cartons. Créneau proposé le "
        "{d1} matin.",
    ),
    (
        "*",
        "Réclamation cantine : {P.full} conteste un prélèvement de {amount} sur son compte {P.iban}. Demande de remboursement "
        "transmise au service Éducation.",
    ),
    (
        "*",
        "Relance de {P.civlast} concernant la demande {case} : toujours aucune "
        "intervention. Très mécontent{P.e}. {tel} {P.phone}",
    ),
    (
        "*",
        "Objet trouvé : portefeuille au nom de {P.full} (né{P.e} le {P.dob}), déposé à l'accueil par un passant. Appel au "
        "{P.phone} : messagerie, message laissé.",
    ),
    (
        "*",
        "arbre tombé sur le trottoir {street} suite au coup de vent de cette nuit. signalé par {P.firstLAST} qui habite en face "
        "({P.addr1})",
    ),
    (
        "*",
        "{Q.first}, fils de {P.civlast}, appelle pour sa mère qui ne peut plus sortir ses poubelles.\nAdresse : {P.addrml}\n"
        "Tél du fils : {Q.phone}{P.reqF}{Q.reqM}",
    ),
    (
        "fr",
        "DEMANDE D'ATTESTATION D'ACCUEIL\nhébergeant : {P.LASTfirst}, {P.addr}\nhébergé{Q.e} : {Q.LASTfirst}, né{Q.e} le {Q.dob} "
        "à {Q.birthplace}\nséjour du {d2} au {d5}",
    ),
    (
        "*",
        "Appelant très agressif, se présente comme {P.name}, menace de « monter voir le maire ». Numéro affiché : {P.phone}. "
        "Aucun dossier à ce nom.{P.reqM}",
    ),
    ("fc", "{P.civ} {P.last} (prénom non communiqué) demande des sacs jaunes. Passera les chercher à l'accueil de la mairie."),
    (
        "fr",
        "Demande de permission de voirie pour l'entreprise {P.company} (SIRET {P.siret}), gérant {P.full}, {P.phone}. Chantier "
        "au {loc} du {d1} au {d3}.",
    ),
    ("fr", "Terrasse : renouvellement de l'autorisation pour {P.company}, SIREN {P.siren}. Contact {P.name} - {P.email}"),
    ("*", "Inscription accueil périscolaire : enfant {P.childfull}, responsable légal {P.full}, {P.phone}, {P.email}."),
    (
        "*",
        "Paiement en ligne refusé (piscine). L'usagère a dicté sa carte bancaire {P.card} "
        "malgré nos consignes : NE PAS CONSERVER. "
        "Nom : {P.name}.{P.reqF}",
    ),
    ("*", "{P.name} / {P.phone} / {P.email}\nDemande les horaires de la déchèterie et si les pneus sont acceptés."),
    (
        "*",
        "Voisin ({Q.name}, {Q.addr}) qui brûle des déchets verts dans son jardin chaque week-end, d'après {P.civlast}. "
        "L'appelant{P.e} demande l'anonymat.",
    ),
    ("*", "Véhicule ventouse {P.plate} ({P.car}) stationné depuis plus de 3 semaines {street}. Signalé par {Q.name}, {Q.phone}."),
    (
        "fr",
        "Transmis au CCAS : {P.civ} {P.LASTfirst}, {P.age} ans, vit seul{P.e} au {P.addr1}, ne sort plus depuis sa chute. "
        "Famille à l'étranger ({P.phone2}).{P.old}",
    ),
    (
        "*",
        "ATTENTION numéro erroné dans le dossier {case}. Nouveau n° : {P.phone2} (l'ancien, {P.phone}, n'est plus attribué). "
        "{P.name}",
    ),
    (
        "*",
        "Demande {case} - {P.LASTfirst}\n{d0} : appel de l'usagère, infiltrations d'eau depuis la toiture de l'école voisine.\n"
        "{d1} : visite du technicien, constat fait par {S.name}.\n{d2} : relance de "
        "{P.civlast} au {P.phone}, toujours des fuites.\n"
        "{d3} : courrier envoyé à l'adresse {P.addr}.\n{d4} : dossier clôturé ({T.ini}).{P.reqF}",
    ),
    (
        "fr",
        "Message vocal retranscrit : « oui bonjour c'est {P.full} du {P.addr1} euh... c'est pour le ramassage, rappelez-moi au "
        "{P.phone} merci »",
    ),
    (
        "*",
        "{P.full} ({P.dob}) signale un démarchage frauduleux : un faux agent de la commune lui a demandé son RIB ({P.iban}). "
        "Conseillé de déposer plainte.",
    ),
    ("*", "Demande d'acte de naissance pour {P.full}, né{P.e} le {P.dob} à {P.birthplace}. À envoyer par mail : {P.emaild}"),
    (
        "fr",
        "Inscription sur les listes électorales : {P.LASTfirst}, {P.dob}, {P.addr}. Justificatif de domicile manquant, rappeler "
        "au {P.phone}.",
    ),
    ("*", "Réservation {room} pour le {date} par l'association du quartier {place}. Responsable : {P.name} ({P.phone})."),
    ("*", "{P.full} souhaite remercier {S.name} pour son aide lors de la panne d'ascenseur. Merci de transmettre."),
    ("*", "Plainte de {P.civlast} contre l'opérateur {S.first}, jugé impoli. Écoute de l'appel demandée par {T.name}."),
    (
        "*",
        "Rats dans la cour de l'immeuble {P.addr}, signalés par plusieurs locataires "
        "dont {P.name} et {Q.name}. Bailleur : {org}.",
    ),
    ("*", "Stationnement gênant récurrent devant le garage de {P.civlast} ({P.addr}). Véhicule en cause : {Q.plate}."),
    (
        "*",
        "Fête des voisins {street} le {date}. Organisatrice : {P.first} ({P.email}). Demande de barrières et de tables.{P.reqF}",
    ),
    ("fr", "{tel} {P.phone} – {P.civLAST} – au {P.addr1}, {city} – carcasse de voiture brûlée sur le parking depuis le {date}."),
    (
        "fr",
        "Dossier CCAS : {P.full}, NIR {P.nir}, né{P.e} le {P.dob} à {P.birthplace}, {P.addr}. Demande d'aide pour impayés "
        "d'énergie ({amount}).",
    ),
    ("fr", "Badge déchèterie pour {P.name} – justificatif {P.addr} – immat {P.plate}."),
    ("fr", "usgr {P.LAST} n° sécu {P.nir} demande une attestation de domicile pour la CPAM. Renvoyé vers l'accueil."),
    (
        "fr",
        "Appel de {P.full} pour sa mère, {Q.civfull} : demande d'aide à domicile. N° de sécurité sociale de la mère : {Q.nir}. "
        "Tél {P.phone}.{Q.reqF}{Q.old}",
    ),
    (
        "fr",
        "Demande de nettoyage de tags sur la vitrine de {P.company} (SIRET {P.siret}), "
        "au {loc}. Contact : {P.civlast}, {P.phone}.",
    ),
    (
        "fr",
        "Signalement : le {d0} vers {time}, {P.full} a vu un individu vider des bidons d'huile dans la bouche d'égout devant le "
        "{loc}. Rappel possible au {P.phone}.",
    ),
    (
        "*",
        "Trottinettes abandonnées en travers du trottoir {street}. {P.civlast}, en fauteuil roulant, ne peut plus passer. "
        "{tel} {P.phone}",
    ),
    (
        "*",
        "Le {d0}, {P.firstLAST} ({P.emaild}) demande un composteur collectif pour la résidence. Dit avoir déjà {count} voisins "
        "intéressés.",
    ),
    ("*", "appel de {P.lower} tres enervé{P.e}, personne n'est venu pour le {lamp}. donne son numero : {P.phone}"),
    ("*", "Fuite sur le compteur d'eau en façade de l'immeuble. Adresse : {P.addr}. Occupante : {P.name} ({P.phone}).{P.reqF}"),
    (
        "*",
        "Demande de débroussaillage du terrain vague {street} par {P.name} qui dit avoir "
        "vu des serpents (!). Pas de numéro laissé.",
    ),
    (
        "*",
        "Inscription au repas des aînés : {P.civfull} et son époux, {P.addr}. Née en {P.year}. Régime sans sel.{P.reqF}{P.old}",
    ),
    (
        "*",
        "{S.name} : rappel de {P.civlast} au {P.phone} le {d1}, pas de réponse. Nouvelle tentative le {d2} : OK, dossier {case} "
        "clos.",
    ),
    ("*", "Demande de {P.name} pour un certificat de résidence au nom de son enfant, {P.childfull}. Envoi à l'adresse {P.addr}."),
    ("*", "Dégât des eaux chez {P.civLAST}, {P.addr}, suite aux travaux sur la chaussée. Photos reçues de {P.email}."),
    ("*", "Signalement d'un animal mort (chat ?) {street}. L'appelante, {P.name}, ne veut pas être rappelée.{P.reqF}"),
    (
        "be",
        "Citoyen {P.name}, {P.addr}, GSM {P.phone} : dépôt clandestin devant l'entrée, sacs blancs non conformes. Transmis à "
        "Bruxelles-Propreté.",
    ),
    (
        "be",
        "Demande de carte de stationnement riverain pour {P.full}, plaque {P.plate}, domicilié{P.e} {P.addr}. Certificat "
        "d'immatriculation reçu.",
    ),
    (
        "be",
        "{P.LASTfirst} - {P.dob} - changement d'adresse vers {P.addr}. Enquête de l'agent de quartier à prévoir. GSM : {P.phone}",
    ),
    (
        "be",
        "Appel en néerlandais : mevrouw {P.last} ({P.addr}), tel. {P.phone}, klacht over sluikstort in de {street}. "
        "Doorgestuurd.{P.reqF}",
    ),
    ("be", "Prime à la rénovation : {P.full} demande où en est son dossier {case}. Versement prévu sur {P.iban} (BIC {P.bic})."),
    ("be", "Le CPAS signale que {P.civfull} ({P.dob}) n'habite plus à l'adresse {P.addr}. Radiation d'office à examiner."),
    ("be", "GSM {P.phone} - {P.first} - se plaint du {bus} qui fait trembler sa maison. Renvoyée vers la STIB.{P.reqF}"),
    (
        "be",
        "{P.civlast}, domicilié{P.e} {P.addr1}, a reçu une amende SAC pour un sac sorti trop tôt. Conteste, dit avoir "
        "emménagé récemment (ancienne adresse : {P.prev}).",
    ),
    ("ch", "Habitant {P.name}, {P.addr}, natel {P.phone} : demande de macaron de stationnement, plaque {P.plate}."),
    (
        "ch",
        "{P.civlast} se plaint du bruit des travaux CFF la nuit. Joignable au {P.phone} entre 18h et 20h. Renvoyé{P.e} aux CFF.",
    ),
    (
        "ch",
        "Commande de sacs taxés : {count} rouleaux de 35 L pour {P.full}, {P.addr}. Paiement par carte {P.card} refusé, facture "
        "envoyée.",
    ),
    (
        "ch",
        "Déneigement pas fait {street} : {P.full} (natel {P.phone}) a glissé devant son immeuble. Demande de prise en charge des "
        "frais médicaux.",
    ),
    ("ch", "Nouvel habitant arrivé de {P.prev}. {P.LASTfirst}, né{P.e} le {P.dob}, nouvelle adresse : {P.addr}."),
    ("ch", "{P.name} demande le remboursement de la caution de la salle (CHF 200.-) sur son compte {P.iban}."),
    ("fr", "Demande de prélèvement automatique (cantine) : {P.LASTfirst}, {P.addr}, IBAN {P.iban} - BIC {P.bic}."),
    ("fr", "RIB transmis par {P.civlast} pour le remboursement du trop-perçu ({amount}) : {P.iban}."),
    ("*", "Remboursement sur un compte à l'étranger : {P.full}, IBAN {P.fiban}."),
    ("fr", "Auto-entrepreneur {P.full} (SIREN {P.siren}) demande un emplacement sur le marché de plein vent. {tel} {P.phone}."),
    (
        "fr",
        "Aide sociale légale - {P.LASTfirst}\nNIR : {P.nir}\nDate de naissance : {P.dob}\nAdresse : {P.addrml}\nTél : {P.phone}\n"
        "Dossier transmis au CCAS le {d1}.",
    ),
    ("fr", "{P.civfull} a dicté son numéro de sécu ({P.nir}) pour le dossier de téléassistance. Né{P.e} le {P.dob}.{P.old}"),
    ("fr", "Demande de carte Pass Senior : {P.full}, {P.dob}, n° SS {P.nir}, {P.addr}.{P.old}"),
    (
        "fr",
        "Fiche plan canicule remplie par la fille de {P.civlast} : NIR {P.nir}, médecin traitant informé, tél {P.phone}.{P.old}",
    ),
    ("fr", "ERREUR DE SAISIE : le NIR {P.nir} a été saisi dans le champ commentaire du dossier {case} ({P.name}). À purger."),
    ("fr", "Mutuelle communale : adhésion de {P.full} (né{P.e} le {P.dob}), sécurité sociale {P.nir}, prélèvement sur {P.iban}."),
    (
        "fr",
        "Occupation du domaine public (échafaudage) : {P.company}, SIRET {P.siret}, devant le {loc}, du {d1} au {d4}. "
        "Interlocuteur : {P.full}, {P.phone}.",
    ),
    ("fr", "Marché de Noël : candidature de {P.company} (SIREN {P.siren}) présentée par {P.civlast}, {P.email}."),
    ("fr", "Facture de {P.company} - SIRET {P.siret} - à régler sur {P.iban}. Contact compta : {P.name}."),
    (
        "fr",
        "Réclamation d'un commerçant, {P.full} ({P.company}, n° SIREN {P.siren}) : livraisons impossibles à cause des plots "
        "{street}.",
    ),
    (
        "*",
        "{P.full} part au pays pour quelques semaines. En cas de problème avec la demande {case}, joindre {P.lui} au {P.phone2}.",
    ),
    ("*", "Demande de mot de passe pour l'espace citoyen : identifiant {P.email}, au nom de {P.full}."),
    ("*", "Pour info, {P.civlast} préfère être contacté{P.e} par mail uniquement : {P.emaild}"),
    (
        "*",
        "Historique demande {case}\n{d0} – Appel de {P.name} ({P.phone}) : arbre menaçant de tomber sur sa clôture, {P.addr}.\n"
        "{d0} – Transmis aux espaces verts.\n{d1} – Passage d'un agent, arbre sur le terrain privé du voisin ({Q.civlast}).\n"
        "{d2} – Courrier au voisin.\n{d3} – {Q.civlast} rappelle, conteste, tél {Q.phone}.\n{d4} – Médiation proposée par "
        "{S.name}.\n{d5} – Élagage fait par le voisin. Dossier clos.",
    ),
    ("*", "Rappel de {P.name} : double débit sur sa carte {P.card} pour l'inscription au centre aéré ({amount})."),
    ("*", "Réservation de la salle : paiement par carte n° {P.card}, exp. {exp}, au nom de {P.full}. (à masquer !)"),
    ("*", "Remboursement de la caution pour {P.full} : virement sur {P.iban}, BIC {P.bic}, montant {amount}."),
    ("ch", "Aide individuelle au logement : {P.full}, {P.addr}, versement sur IBAN {P.iban}."),
    ("be", "Intervention sociale du CPAS pour {P.full} ({P.dob}) : versement sur le compte {P.iban}."),
    (
        "*",
        "De : {P.full} <{P.email}>\nObjet : poubelles\n\nBonjour, le camion n'est pas passé depuis {count} jours dans notre rue "
        "({street}). Merci de faire le nécessaire.\nCordialement\n{P.first}",
    ),
]

MC = [  # (b) municipal police log book
    (
        "*",
        "{mc} – {date} {time} – Patrouille {S.name} / {T.name}. Tapage nocturne à l'adresse {P.addr}, signalé par {Q.civlast} "
        "({Q.phone}). Occupant, {P.full}, invité à baisser le son. RAS ensuite.",
    ),
    (
        "*",
        "{date} {time} – Accident matériel {street}.\nVL1 {P.plate} conduit par {P.full} ({P.dob})\nVL2 {Q.plate} conduit par "
        "{Q.full}\nConstat amiable rempli sur place. Pas de blessé.",
    ),
    (
        "*",
        "{time} : {P.LASTfirst}, né{P.e} le {P.dob}, domicilié{P.e} {P.addr}, se présente au poste pour déclarer la perte de ses "
        "papiers d'identité.",
    ),
    (
        "*",
        "Intervention {mc}. Différend familial chez {P.civlast}, {P.addr}. {P.child} (enfant du couple) a quitté les lieux avant "
        "notre arrivée. Agents : {S.rlast}, {T.rlast}.",
    ),
    (
        "*",
        "{date} – {time} – Chien divaguant {place}. Propriétaire identifié grâce à la "
        "puce : {P.full}, {P.phone}. Animal restitué "
        "à {time2}.",
    ),
    (
        "*",
        "Enlèvement du véhicule {P.plate} ({P.car}) {street} à {time}. Propriétaire, {P.civLAST}, prévenu{P.e} par téléphone au "
        "{P.phone}.",
    ),
    (
        "*",
        "MAIN COURANTE {mc}\nDéclarant : {P.LASTfirst}\nNé(e) le : {P.dob}\nAdresse : {P.addrml}\nTél : {P.phone}\nObjet : "
        "menaces verbales répétées de la part du voisin, {Q.name}.\nAgent rédacteur : {S.name}",
    ),
    (
        "*",
        "{time} ronde secteur {place}, RAS.\n{time2} contrôle d'un groupe de jeunes {street}, identités relevées dont {P.full} "
        "({P.year}) et {Q.full} ({Q.year}). Pas de suite.",
    ),
    ("*", "Mise en fourrière annulée : la propriétaire ({P.name}) est arrivée avec les clés à {time}. Immat. {P.plate}.{P.reqF}"),
    (
        "fr",
        "APPEL DE {P.civLAST} {P.phone} POUR INDIVIDU SUSPECT DANS LE HALL DU {P.addr1}. PATROUILLE {S.LAST}/{T.LAST} SUR PLACE "
        "À {time} : PERSONNE.",
    ),
    (
        "*",
        "Clés trouvées {street} et déposées au poste par {P.name}. Restituées le {d1} à leur propriétaire, {Q.civlast}, sur "
        "présentation d'une pièce d'identité.",
    ),
    (
        "*",
        "Ivresse sur la voie publique {place} : individu se déclarant {P.full}, né le {P.dob}, sans domicile connu. Conduit aux "
        "urgences par les pompiers. {S.rLAST}{P.reqM}",
    ),
    (
        "*",
        "Contestation de PV de stationnement par {P.name} ({P.email}) pour le véhicule {P.plate}, le {date}. Transmis à "
        "l'officier du ministère public.",
    ),
    (
        "*",
        "{date} {time}. {S.rank} {S.LAST} et {T.rank} {T.LAST}. Personne âgée désorientée retrouvée {street}. Il s'agit de "
        "{P.civfull} ({P.age} ans), résidant {P.addr}. Famille prévenue : {Q.full}, {Q.phone}.{P.old}",
    ),
    (
        "*",
        "Dégradation du véhicule {P.plate} stationné devant le domicile de son propriétaire, {P.full}. Rétroviseur arraché. "
        "Pas de témoin. Photos faites.",
    ),
    (
        "*",
        "Vol à l'étalage chez {P.company}. Le gérant, {P.name}, dit que l'auteur a fui vers {street}. Images de "
        "vidéosurveillance demandées.{P.reqM}",
    ),
    (
        "*",
        "{mc} Rixe devant {place}, 2 blessés légers.\nMis en cause : {P.LASTfirst} (né en {P.year}) et {Q.LASTfirst}.\n"
        "Victime : {R.name}, {R.phone}.{P.reqM}{Q.reqM}",
    ),
    (
        "*",
        "{mc} – {date}\n{time} : appel de {P.civlast} ({P.phone}), son enfant {P.child} n'est pas rentré de l'école.\n"
        "{time2} : patrouille {S.name} / {T.name} passe au domicile, {P.addr}.\n{time3} : enfant retrouvé {place}, en bonne "
        "santé, remis à sa mère.\nClôture : {S.ini}.{P.reqF}",
    ),
    ("*", "Stationnement sur place PMR {street} : VL {P.plate}. Conducteur ({P.name}) verbalisé, carte non présentée."),
    (
        "fr",
        "Réquisition d'un serrurier pour ouverture de porte au {P.addr1}, l'occupant{P.e} ({P.name}) ne répondant plus au "
        "téléphone. Retrouvé{P.e} conscient{P.e}, transporté{P.e} au CHU.",
    ),
    (
        "*",
        "{P.first} dit « {P.nick} », bien connu du service, de nouveau sur place {place}, alcoolisé{P.e}. Raccompagné{P.e} à "
        "son domicile, {P.addr}.",
    ),
    (
        "fr",
        "{time} nuisances chantier : l'entreprise {P.company} (SIRET {P.siret}) travaille avant 7h. Chef de chantier, {Q.name}, "
        "averti. Rapport transmis à {C.name}.",
    ),
    (
        "*",
        "Accident corporel : piéton, {P.full} ({P.age} ans), percuté {street} par le véhicule {Q.plate}. Conductrice : {Q.full}, "
        "{Q.phone}. Pompiers sur place à {time}.{Q.reqF}",
    ),
    (
        "*",
        "Déclaration de {P.name} : démarchage à domicile par de faux policiers qui ont demandé le code de sa carte {P.card}. "
        "Opposition faite à {time}.",
    ),
    ("*", "{date} – {S.name} – ronde écoles : {place} et {place2}, RAS."),
    ("*", "Conflit de voisinage (haie mitoyenne) entre {P.LASTfirst} et {Q.civlast}. Médiation proposée. {P.phone} / {Q.phone}."),
    (
        "*",
        "Objet : plaque doublée ? {P.civfull}, né{P.e} le {P.dob}, reçoit des avis de contravention pour son véhicule {P.plate} "
        "alors qu'il était immobilisé au garage.",
    ),
    (
        "*",
        "Véhicule volé retrouvé {street} : {P.plate} ({P.car}). Propriétaire, {P.name}, avisé au {P.phone}. Vient le récupérer "
        "à {time}.",
    ),
    (
        "*",
        "Véhicule à plaque {P.platec} {P.fplate} stationné depuis 10 jours {street}, pneus à plat. Contact du détenteur : "
        "{P.phone}.",
    ),
    (
        "*",
        "{time} – Appel de {P.name} ({P.phone}) : des jeunes jettent des pierres sur les voitures depuis le pont. Sur place "
        "{time2} : plus personne.",
    ),
    (
        "*",
        "Remise d'un téléphone trouvé (lieu : {place}) à son propriétaire, {P.full} "
        "(pièce d'identité vérifiée, né{P.e} le {P.dob}).",
    ),
    ("*", "Fourrière {mc} : {P.plate}. Titulaire du certificat d'immatriculation : {P.LASTfirst}, {P.addrml}."),
    (
        "*",
        "{P.civLAST} signale que son ex-conjoint, {Q.full}, stationne devant chez elle toutes les nuits ({Q.plate}). Simple "
        "main courante, ne souhaite pas porter plainte.{P.reqF}{Q.reqM}",
    ),
    (
        "*",
        "Personne signalée disparue par sa sœur ({Q.full}, {Q.phone}) : {P.full}, née le {P.dob}. Retrouvée à {time} chez une "
        "amie.{P.reqF}{Q.reqF}",
    ),
    (
        "*",
        "Rondes de nuit – {S.LAST} / {T.LAST}\n{time} {place} : RAS\n{time2} {street} : véhicule {P.plate} feux allumés, "
        "propriétaire ({P.name}) prévenu au {P.phone}\n{time3} retour au poste",
    ),
    (
        "be",
        "{mc} – {date} – Constat de dépôt clandestin {street}. Courrier au nom de {P.full}, {P.addr}, retrouvé dans les sacs. "
        "Sanction administrative proposée. {S.rLAST}.",
    ),
    (
        "be",
        "Agent de quartier {S.full} : enquête de domicile pour {P.LASTfirst} ({P.dob}), {P.addr}. Personne bien présente, nom "
        "sur la boîte aux lettres.",
    ),
    ("be", "Contrôle zone bleue {street} : {P.plate} sans disque. Carte riverain au nom de {P.name}, périmée depuis le {d0}."),
    (
        "be",
        "Appel du 101 transféré : violences intrafamiliales chez {P.civlast}, {P.addr}. GSM de la requérante : {P.phone}. "
        "Intervention {S.rLAST} + {T.rLAST} à {time}.{P.reqF}",
    ),
    ("be", "Permanence {date}. {P.full}, {P.phone}, déclare le vol de son vélo cargo devant {place}. Numéro de cadre inconnu."),
    (
        "ch",
        "JE {n} | {date} {time} | {S.rlast} | Stationnement illicite : {P.plate}, détenteur {P.full}, {P.addr}. Amende "
        "d'ordre CHF 40.-",
    ),
    (
        "ch",
        "Chien mordeur : propriétaire {P.full}, né{P.e} le {P.dob}, natel {P.phone}. Victime : {Q.name}, blessure légère à la "
        "main. Annonce au vétérinaire cantonal.",
    ),
    (
        "ch",
        "Accident de trottinette électrique {street}. Conducteur : {P.LASTfirst} ({P.year}), transporté à l'eHnv. Témoin : "
        "{Q.name}, {Q.phone}.{P.reqM}",
    ),
    (
        "ch",
        "{date} – Plainte pour nuisances sonores contre un locataire ({loc}). Plaignante : {P.name}, {P.phone}. Sur place "
        "{time} : musique coupée.{P.reqF}",
    ),
    (
        "ch",
        "Intervention {time} {P.addr} : odeur de gaz, immeuble évacué. Locataire qui a donné l'alerte : {P.name}, {P.phone}. "
        "Service des énergies sur place.",
    ),
    (
        "fr",
        "MC {P.LAST} : individu connu ({P.full}, né en {P.year}) vu en train de forcer des boîtes aux lettres au {loc}. Appel "
        "de {Q.civlast} à {time}.{P.reqM}",
    ),
    (
        "fr",
        "{mc} ASVP {S.LAST} : verbalisation du véhicule {P.plate} stationné sur le trottoir devant le {loc}. Propriétaire venu "
        "discuter, {P.civlast}, très virulent{P.e}.",
    ),
    (
        "fr",
        "Contrôle d'un taxi ({P.company}, SIREN {P.siren}), chauffeur {P.full}, immatriculé {P.plate}. Documents en règle."
        "{P.reqM}",
    ),
    (
        "fr",
        "Contrôle d'un débit de boissons, {P.company} (SIRET {P.siret}). Exploitant : {P.LASTfirst}, né{P.e} le {P.dob}. "
        "Licence affichée.",
    ),
    (
        "*",
        "Famille de {P.civfull} jointe à l'étranger au {P.phone2} suite à son hospitalisation. Logement, {P.addr}, fermé à clé.",
    ),
    (
        "*",
        "Stationnement abusif d'un camping-car immatriculé {P.fplate} ({P.platec}) {place}. Propriétaire, {P.name}, joint "
        "au {P.phone}.",
    ),
    ("*", "Carte bancaire trouvée (lieu : {place}) au nom de {P.full}, n° {P.card}. Déposée au poste à {time}."),
]

FR_NOID = [  # French texts that identify nobody
    ("*", "Dépôt sauvage {street} : gravats + {count} sacs. Pas de coordonnées laissées par l'appelant."),
    ("*", "{lamp} éteint {street}. Signalement anonyme."),
    ("*", "Graffitis sur l'abribus ({bus}), arrêt {place}. Transmis au service propreté."),
    ("*", "Déjections canines récurrentes {street} / {place}. Demande de passage de la balayeuse."),
    ("*", "Contrôle routier {street} à {time} : {count} véhicules contrôlés, 2 PV dressés. RAS."),
    ("*", "Appel anonyme pour fête bruyante {street}. Sur place à {time} : plus de bruit. Rien à signaler."),
    ("*", "Nid de poule profond à hauteur du passage piéton {street}, côté pair. Balisage demandé en urgence."),
    ("*", "Demande {case} clôturée : doublon de la demande {case2}."),
    ("*", "Fuite de gaz suspectée {street} (odeur forte). Services prévenus à {time}. Aucune victime, périmètre levé à {time2}."),
    ("*", "Panneau STOP arraché au carrefour {street} / {street2}. Signalé par un chauffeur du {bus}."),
    ("*", "Commande de {count} bacs roulants pour l'école, bon de commande n° {bad9}, montant {amount}."),
    ("*", "Facture F-2025-{n} de {amount} réglée par virement. Référence de transaction : {badcard}."),
    ("*", "RONDE {time}-{time2} secteur {place} / {place2}. RAS. Véhicule de service : plein fait."),
    ("*", "Arbre dangereux (branche morte) {place}. Élagage programmé le {d2}."),
    ("*", "Inondation du passage souterrain {street} après l'orage du {date}. Pompes en marche, réouverture prévue à {time}."),
    ("*", "Réunion de quartier {place} le {date} à {time}, {room}. {count} participants attendus."),
    ("*", "Marché de Noël : {count} exposants, montage le {d1}, démontage le {d4}. Référence du marché public {bad14}."),
    ("*", "Signalement : seringues abandonnées près de {place}. Équipe de ramassage passée à {time}."),
    ("*", "encombrants devant le local poubelles {street}, depuis au moins 2 semaines. pas de nom."),
    ("*", "ALARME QUI SONNE DEPUIS {time} DANS UN COMMERCE {street}, FERMÉ. PATROUILLE INFORMÉE."),
    ("*", "Panne des feux tricolores {street} x {street2} de {time} à {time2}. Régulation manuelle."),
    ("*", "Déviation ({bus}) à cause des travaux {street} jusqu'au {d3}."),
]

EN = [  # (c) Cork City Council customer-service case notes
    (
        "en",
        "{case} | Cat: Illegal dumping\nCaller {P.name} ({P.phone}) reports black sacks dumped at the end of {street}.\n"
        "UPDATE {d0} - Passed to Litter Warden. {S.ini}\nUPDATE {d1} - Warden attended, evidence found w/ name & addr: {Q.full}, "
        "{Q.addr}. FPN issued. {T.name}",
    ),
    ("en", "Ph call from {P.civlast} re: {lamp} out on {street} for 2 wks. Mob {P.phone}."),
    (
        "en",
        'Email from {P.email}:\n"Hi, my name is {P.full} and I live at {P.addr}. The footpath outside my house has been dug up '
        'for three weeks and my mother uses a wheelchair. Please help.\n{P.first}"\nAcknowledged {d0}. {S.name}',
    ),
    ("en", "{case} Pothole - {street} near {place}. Reported by {C.name} on behalf of a constituent. No contact details given."),
    ("en", "Mob {P.phone} - {P.first} - wants to know why green bin wasn't collected. Told collection day moved to Thurs."),
    (
        "en",
        "Housing maintenance request\nTenant: {P.LASTcomma}\nDOB: {P.dob}\nAddress: {P.addrml}\nContact: {P.phone} / {P.email}\n"
        "Issue: mould in back bedroom, child with asthma.",
    ),
    (
        "en",
        "UPDATE {d0} - spoke w/ {G.name} at Anglesea St re: car {P.plate} abandoned on {street}. Registered owner {P.name} not "
        "contactable. Removal notice affixed.",
    ),
    (
        "en",
        "Noise complaint - dog barking all night at {Q.addr1}. Complainant {P.civlast} (ph {P.phone}) does not want to be "
        "identified to neighbour.",
    ),
    (
        "en",
        "{C.name} emailed on behalf of {P.full}, {P.addr}: request for dishing of kerb for mobility scooter. Forwarded to Roads.",
    ),
    (
        "en",
        "Refund query - {P.full} paid {amount} twice for residents parking permit. Card ending {last4} (only last 4 given). "
        "Refund to IBAN {P.iban} requested.",
    ),
    (
        "en",
        "Caller read out full card number ({P.card}) before I could stop {P.him} - NOT entered in payment system, please "
        "redact. {S.first}",
    ),
    (
        "en",
        "Grant application HSG-{n}\nApplicant: {P.full}\nDOB {P.dob}\n{P.addr}\nBank: {P.iban} / BIC {P.bic}\nOT report "
        "outstanding.",
    ),
    (
        "en",
        "From: {P.full} <{P.email}>\nSent: {date}\nSubject: RE: {case}\n\nHello,\nStill waiting on someone to come out about the "
        "blocked gully. Water is coming into the front garden every time it rains.\nRegards,\n{P.first}\n{P.phone}",
    ),
    (
        "en",
        "PHONE NOTE {d0} {time}: {P.civlast} rang again. V. upset. Says a contractor's van ({Q.plate}) is blocking her driveway "
        "daily at {P.addr1}. Will escalate to {S.name}.{P.reqF}",
    ),
    ("en", "Parking permit renewal: {P.full}, {P.addr}, vehicle reg {P.plate}. Proof of residency rec'd {d0}."),
    ("en", "{P.full} ({P.year}) - rough sleeper referral, usually found near {place}. No phone. Referred to {org}."),
    ("en", "Tree root lifting footpath outside {loc}. Reported by resident {P.name}, {P.phone}. Inspection booked for {d2}."),
    (
        "en",
        "Complaint re: staff - {P.full} says {S.first} in Customer Services was rude on {d0}. Call reviewed, no issue found. "
        "{T.name}",
    ),
    (
        "en",
        "Landlord {P.full} (mob {P.phone2}) re: rented property at {Q.addr}. Tenant {Q.name} complaining of no heat. Landlord "
        "says boiler was serviced in Oct.",
    ),
    ("en", 'Voicemail transcribed: "hi this is {P.full} calling about the bin, my number is {P.phone}, thanks bye"'),
    (
        "en",
        "{P.LASTcomma} - {P.dob} - {P.phone}\nRequesting housing list update, household now 2 adults 3 children. Current "
        "address {P.addr}.",
    ),
    ("en", "Re: planning enforcement {case}. Unauthorised extension at {loc}. Owner {P.name} written to at {P.addr}."),
    ("en", "Commercial rates query - {P.company}. Contact {P.name}, {P.email}."),
    (
        "en",
        "Abandoned car {P.fplate} ({P.platec} plates), {P.car}, parked on {street} since {date}. Owner traced as {P.full} via "
        "Gardaí ({G.name}).",
    ),
    (
        "en",
        "{P.first}'s mother, {Q.full} (DOB {Q.dob}), needs a housing adaptation grant - OT report attached. Contact {P.first} "
        "on {P.phone}.{Q.reqF}{Q.old}",
    ),
    (
        "en",
        "Complaint from {P.civlast} about neighbour {Q.name} at {Q.addr1} - overgrown hedge blocking the footpath. Letter sent "
        "to occupier {d1}.",
    ),
    (
        "en",
        "Graffiti removal request - {street} underpass. Offensive content naming a local person ({P.full}). Priority removal.",
    ),
    ("en", "Library card renewal: {P.full}, {P.addr}, DOB {P.dob}, email {P.emaild}"),
    ("en", "dog fouling {street}, again. caller {P.first} (mob {P.phone}) says its the same dog every morning around 7."),
    ("en", "Spoke to {P.name} {P.phone}. Will call back."),
    (
        "en",
        "Case history {case}\n{d0} {P.civlast} reported leak from ceiling, flat upstairs vacant. - {S.ini}\n{d1} Plumber "
        "attended, no access. - {T.ini}\n{d2} {P.civlast} rang, leak worse, ph {P.phone}. - {S.ini}\n{d3} Access via "
        "caretaker, pipe repaired. - {T.ini}\n{d4} Closed.",
    ),
    ("en", "FOI request from {P.full}, {P.email}, re: road resurfacing contracts 2023-2025. Acknowledged."),
    (
        "en",
        "Elderly resident {P.civfull} ({P.age}), {P.addr}, no heating since Friday. Son {Q.first} on {Q.phone}. Emergency "
        "callout raised.{P.old}{Q.reqM}",
    ),
    ("en", "{P.full} called - lost wallet at {place}, asking if handed in. Nothing found. Ph {P.phone}."),
    ("en", "Request for accessible parking bay outside {P.addr1}. Applicant {P.name}, blue badge holder, car {P.plate}."),
    (
        "en",
        "{U.name} (Avon & Somerset Police) rang re: {P.platec} car {P.fplate}, owner {P.full}, believed to be living in Cork. "
        "Passed to {G.name}.",
    ),
    (
        "en",
        "Email chain fwd by {S.name}:\n> From: {P.email}\n> I wish to object to the proposed cycle lane on {street}.\n> {P.full}"
        "\n> {P.addr}",
    ),
    ("en", "Parks booking - {place} pitch, {date} {time}, for {org}. Contact {P.first} {P.phone}."),
    ("en", "Rent arrears - tenant {P.full}, {P.addr}. Agreed payment plan {amount}/week by standing order from {P.iban}."),
    ("en", "Vehicle {P.plate} repeatedly parked across dropped kerb at {Q.addr1}. Complainant {Q.full}, ph {Q.phone}."),
    (
        "en",
        "PRIORITY - vulnerable adult. {P.full} (DOB {P.dob}) has been calling daily, confused, says someone is living in her "
        "shed at {P.addr}. Referred to HSE social work. {G.name} aware.{P.reqF}{P.old}",
    ),
    ("en", "{P.ini} rang again re {case} - no change. ph {P.phone}"),
    ("en", "Customer {P.full} at front desk to pay parking fine. Paid {amount} cash. Receipt no. R-{n}."),
    ("en", "Resident {P.name} ({P.email}) asks whether the playground at {place} will reopen before Christmas."),
    (
        "en",
        "{P.nick} (real name {P.full}) - well known to outreach team, seen at {place} on {d0}. Ph {P.phone} (not always "
        "charged).",
    ),
    ("en", "Application for casual trading licence: {P.full}, DOB {P.dob}, PPSN on file, address {P.addr}, van reg {P.plate}."),
    ("en", "New resident {P.full}, moved from {P.prev}, now living at {P.addr}. Registering for waste collection. Ph {P.phone}."),
    (
        "en",
        'Email from {C.name}: "Constituent {P.full} of {P.addr} has been waiting 14 months for a housing transfer. Can you '
        'advise? Regards, {C.first}"',
    ),
    (
        "en",
        "Call from {P.civlast} - {P.his} child {P.childfull} locked out of the apartment, "
        "asks council to open. Advised to contact "
        "landlord / locksmith.",
    ),
    (
        "en",
        "MS {P.LAST} COMPLAINING ABOUT ROADWORKS NOISE AT NIGHT ON {street}. PH "
        "{P.phone}. ADVISED OF NIGHT WORKS PERMIT.{P.reqF}",
    ),
    ("en", "Hi {S.first}, can you ring {P.full} back on {P.phone}? She's been on hold 3 times today. Thx, {T.ini}{P.reqF}"),
    ("en", "Broken window at community centre, reported by caretaker {P.name} ({P.phone}). Board-up requested for tonight."),
    ("en", "Street party application - {street}, {date}. Organiser {P.full}, {P.addr}, {P.email}. Road closure 14:00-20:00."),
    ("en", "Rates refund to {P.company}: IBAN {P.iban}, attn {P.name}."),
    (
        "en",
        "CCTV request from {G.name} re: incident at {place} on {d0}. Footage saved, ref {case}. Person of interest named as "
        "{P.full} (DOB {P.dob}).",
    ),
    (
        "en",
        "Mrs {P.last} (no first name given) complained about seagulls ripping bags on {street}. Advised to use bins with lids."
        "{P.reqF}",
    ),
    (
        "en",
        "Tenant {P.full} requests transfer to ground floor on medical grounds. Current: {P.addr}. Contact via daughter {Q.full} "
        "{Q.phone}.{Q.reqF}",
    ),
    (
        "en",
        "Pay & display machine on {street} took {amount} and gave no ticket. Caller {P.name}, reg {P.plate}, wants refund by "
        "cheque to {P.addr}.",
    ),
    ("en", "UPDATE {d1} - {S.name}: rang {P.phone} x2, no answer, left VM. Will close case if no contact by {d3}."),
    ("en", "Mob {P.phone} - caller says he is {P.full}'s carer, asks about respite grant. Did not give own name."),
    (
        "en",
        "Visitor: {P.full} ({P.phone2}) got clamped in {P.platec} car {P.fplate} on {street}. Declamping fee {amount} waived "
        "after review.",
    ),
    ("en", "{P.lower} rang re pothole outside {P.addr1}. damage to tyre. claim form sent to {P.email}"),
    ("en", "Burial plot enquiry - {P.full} for late father. Contact: {P.addr}; {P.phone}; {P.emaild}."),
    ("en", "Complaint of verbal abuse towards {P.full} by a neighbour at {Q.addr1}. {G.name} informed with consent."),
    (
        "en",
        "Housing application HA-{n}: {P.full} (DOB {P.dob}) and {Q.full} (DOB {Q.dob}), currently at {P.addr}. Previous "
        "address {P.prev}.",
    ),
    (
        "en",
        "Case {case}\n{d0} - Rec'd email from {P.emaild} re: broken bollard outside {P.addr1}.\n{d1} - Inspected. Bollard "
        "replaced.\n{d2} - {P.first} emailed thanks. Closed. {S.ini}",
    ),
    (
        "en",
        "Name: {P.full}\nAddress: {P.addrml}\nPhone: {P.phone}\nEmail: {P.email}\nReason for call: query about waiver "
        "scheme for bin charges.",
    ),
    (
        "en",
        "Payment taken over phone for bulky waste collection, {amount}, card {P.card} - caller {P.full}, {P.addr}. NB card "
        "numbers should not be in notes!",
    ),
    ("en", "{P.full} disputes a charge on card {P.card} for parking fine {case}."),
    ("en", "Found property: bank card in name of {P.full}, no. {P.card}, handed in at {place}. Owner rang {d1}, collected."),
    (
        "en",
        "Permit refused: vehicle {P.fplate} is registered outside Ireland ({P.platec}). Applicant {P.name} advised to "
        "re-register the car.",
    ),
    ("en", "Parking fine appeal - car {P.fplate} ({P.platec} registration), driver {P.full}. Appeal refused {d2}."),
    ("en", "{P.full} travelling until {d4}, can be reached on {P.phone2} in the meantime re: {case}."),
    ("en", "Online account locked - {P.email} ({P.full}). Reset link sent."),
    ("en", "Cc: {Q.email}; {P.email}\nRe: {case} - residents' meeting about parking on {street}. Thanks all, {S.first}"),
    (
        "en",
        "CRM case {case} - Housing - {P.LASTcomma}\n{d0} {time} Tenant rang re: damp & mould, {P.addr1}. ph {P.phone} - {S.ini}\n"
        "{d0} Inspection requested.\n{d1} Inspector unable to gain access, card left.\n{d1} PHONE NOTE: {P.first} says she works "
        "days, can do after 4pm.\n{d2} Inspection done, extractor fan needed + treatment of walls.\n{d2} Works order WO-{n} "
        'raised.\n{d3} Email from {P.email}: "any update??"\n{d3} Replied, contractor to call.\n{d4} Works completed. {T.name}'
        "\n{d5} Satisfaction call, no answer.\nCLOSED {d5}{P.reqF}",
    ),
    ("en", "{P.full} asks for the grant to be paid into {P.his} account abroad: {P.fiban} (BIC {P.bic})."),
    ("en", "Refund of overpayment ({amount}) to {P.full}, account {P.fiban}."),
    ("en", "Direct debit mandate for bin charges: {P.full}, {P.addr}, IBAN {P.iban}."),
    ("en", "{P.civlast} rang to change bank details for housing grant: new IBAN {P.iban}. Ph {P.phone}."),
    ("en", 'Web form - name: {P.lower}, email: {P.email}, message: "streetlight flickering outside my house for a month"'),
    (
        "en",
        "Street sweeper damaged wall at {P.addr1}. Owner {P.civlast} wants compensation, sent photos from {P.email}. Insurance "
        "ref INS-{n}.",
    ),
]

EN_NOID = [  # English texts that identify nobody
    ("en", "Anti-social behaviour at {place} - youths on scramblers, reg unknown. Gardaí informed. No caller details."),
    ("en", "Burst water main on {street}. Uisce Éireann notified at {time}. Approx 40 houses affected."),
    ("en", "Street name sign missing at junction of {street} and {street2}."),
    ("en", "Caller (would not give name) reports needles discarded in lane behind {street}. Sharps team dispatched {time}."),
    ("en", "{lamp} out on {street}. Anonymous report via web form."),
    ("en", "Case {case} closed - duplicate of {case2}."),
    ("en", "Work order WO-{n} raised {time}, contractor to attend within 48 hrs."),
    ("en", "Invoice INV-{n} for {amount} paid. Card transaction ref {badcard} (declined first attempt)."),
    ("en", "Flooding at {place} after heavy rain on {date}. Sandbags delivered to {count} houses."),
    ("en", "Bus shelter glass smashed at {place}, {bus} stop. Glass cleared {time}."),
    ("en", "Pothole approx 30cm wide, {street} outbound, near the pedestrian lights. Cone placed."),
    ("en", "Christmas lights on {street} not working since {d0}. Electrician booked for {d2}."),
    ("en", "GRASS CUTTING REQUEST - {place}. GRASS OVER 40CM. NO CONTACT DETAILS."),
    ("en", "Report of rats at bring bank at {place}. Pest control visit booked {d1}."),
    ("en", "Leaves blocking gullies the length of {street}. Sweeper requested."),
    ("en", "Purchase order PO {bad9} for {count} litter bins, total {amount}."),
    ("en", "Dumped shopping trolleys ({count}) in the river near {place}. River crew notified."),
]
# follow-up lines appended to some notes (written by other staff on later days)
FOLLOW_UPS = {
    "en": [
        "UPDATE {d3} - Passed to relevant section. {S.ini}",
        "UPDATE {d3} - {S.name}: rang {P.first} back, no answer. Left VM.",
        "UPDATE {d4} - Caller rang again, ph {P.phone}. Advised case is with the section.",
        "UPDATE {d4} - Site inspected, works order raised. {T.ini}",
        "UPDATE {d5} - Closed, resolved.",
        "{d4} - Email rec'd from {P.email} asking for update. Replied. {S.first}",
        "{d5} - {P.civlast} satisfied, case closed. {T.name}",
        "UPDATE {d3} - Cllr enquiry logged re same issue.",
        "UPDATE {d5} - no further contact. closing",
        "update {d4} ({T.ini}) contractor says next wk",
    ],
    "am": [
        "Suite {d3} : transmis à {org}.",
        "{d3} : rappel au {P.phone}, pas de réponse.",
        "{d4} : intervention faite, photos au dossier. {S.ini}",
        "{d4} : {P.civlast} rappelle, pas satisfait{P.e}.",
        "{d5} : clôture ({T.name}).",
        "MAJ {d3} : courrier envoyé.",
        "MAJ {d5} - sans suite",
    ],
    "mc": [
        "{time2} : retour au calme.",
        "{time2} : {S.rLAST} sur place, RAS.",
        "Suite : {P.civlast} recontacté{P.e} le {d3}, pas de nouvel incident.",
        "{time3} : fin d'intervention.",
    ],
}
FOLLOW_UPS["fr_noid"] = [f for f in FOLLOW_UPS["am"] if "{P." not in f and "{S." not in f and "{T." not in f]
FOLLOW_UPS["en_noid"] = [f for f in FOLLOW_UPS["en"] if "{P." not in f and "{S." not in f and "{T." not in f]


def follow_up_order(line: str) -> int:
    """Later days come after the times of the same day."""
    m = re.search(r"\{(d|time)(\d?)\}", line)
    return (10 if m.group(1) == "d" else 0) + int(m.group(2) or 1)


POOLS = {"am": AM, "mc": MC, "fr_noid": FR_NOID, "en": EN, "en_noid": EN_NOID}
RARE = re.compile(r"\.(nir|siret|siren|card|iban|fiban|fplate)\}")
TAG_CITIES = {
    "*": [(45, "tours"), (30, "schaerbeek"), (25, "yverdon")],
    "fr": [(1, "tours")],
    "be": [(1, "schaerbeek")],
    "ch": [(1, "yverdon")],
    "fc": [(6, "tours"), (4, "yverdon")],
    "en": [(1, "cork")],
}


# ---------------------------------------------------------------- surface variation, assembly, checks


def strip_accents(s: str) -> str:
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)))


def typo_word(w: str) -> str:
    i = RNG.randint(1, len(w) - 3)
    k = RNG.randint(0, 2)
    if k == 0:
        return w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    if k == 1:
        return w[:i] + w[i + 1 :]
    return w[:i] + w[i] + w[i:]


def vary(segs: list[Seg], lang: str) -> list[Seg]:
    style = wch(
        [
            (56, "plain"),
            (12 if lang == "fr" else 4, "noacc"),
            (6, "lower"),
            (5, "upper"),
            (11, "typo"),
            (8, "space"),
            (4 if lang == "fr" else 1, "noacc+typo"),
        ]
    )
    out = []
    for text, typ in segs:
        if "noacc" in style:
            text = strip_accents(text)
        if style == "lower":
            text = text.lower()
        elif style == "upper":
            text = text.upper()
        if typ is None and "typo" in style:
            text = re.sub(r"[^\W\d_]{6,}", lambda m: typo_word(m.group()) if chance(0.08) else m.group(), text)
        if typ is None and style == "space":
            text = re.sub(r" ", lambda m: "  " if chance(0.12) else " ", text)
            text = re.sub(r"(?<=\w) ?([:;?!])", lambda m: " " + m.group(1) if chance(0.5) else m.group(1), text)
        out.append((text, typ))
    return out


def assemble(segs: list[Seg]) -> tuple[str, list[list]]:
    text, spans = "", []
    for t, typ in segs:
        if typ and t:
            spans.append([len(text), len(text) + len(t), typ])
        text += t
    return text, spans


DIGIT_RUN = re.compile(r"\d+(?:[ .\-]\d+)*")
IBAN_LIKE = re.compile(r"[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{2,4}){3,8}")


def problems(text: str, spans: list[list]) -> list[str]:
    out = []
    prev_end = 0
    for s, e, typ in spans:
        if typ not in TYPES:
            out.append(f"type {typ}")
        if not (prev_end <= s < e <= len(text)):
            out.append("order/overlap")
        frag = text[s:e]
        if frag != frag.strip():
            out.append(f"whitespace in {frag!r}")
        if s > 0 and text[s - 1].isalnum() or e < len(text) and text[e].isalnum():
            out.append(f"cut out of a word: {frag!r}")
        prev_end = e
        digits = re.sub(r"\D", "", frag)
        if typ in ("SIREN", "SIRET", "CARD") and not luhn_ok(digits):
            out.append(f"bad luhn {frag}")
        if typ == "IBAN" and not iban_ok(frag):
            out.append(f"bad iban {frag}")
        if typ == "NIR" and not nir_ok(frag):
            out.append(f"bad nir {frag}")
    masked = list(text)
    for s, e, _ in spans:
        masked[s:e] = "#" * (e - s)
    rest = "".join(masked)
    if "@" in rest or re.search(r"\[at\]|\(at\)|arobase|\[dot\]", rest, re.I):
        out.append("unmarked e-mail")
    for m in DIGIT_RUN.finditer(rest):
        groups = re.split(r"[ .\-]", m.group())
        for i in range(len(groups)):
            for j in range(i + 1, len(groups) + 1):
                s = "".join(groups[i:j])
                if (len(s) in (9, 14) or 13 <= len(s) <= 19) and luhn_ok(s):
                    out.append(f"unmarked luhn-valid number {s}")
                if len(s) == 15 and nir_ok(s):
                    out.append(f"unmarked NIR {s}")
    for m in IBAN_LIKE.finditer(rest.upper()):
        if iban_ok(m.group()):
            out.append(f"unmarked IBAN {m.group()}")
    return out


def main() -> None:
    residents, staff = build_world()
    plan = ["fr_noid"] * round(N_FR * NOID_SHARE) + ["en_noid"] * round(N_EN * NOID_SHARE)
    n_fr_id = N_FR - round(N_FR * NOID_SHARE)
    plan += ["am"] * (n_fr_id * 55 // 100) + ["mc"] * (n_fr_id - n_fr_id * 55 // 100)
    plan += ["en"] * (N_EN - round(N_EN * NOID_SHARE))
    RNG.shuffle(plan)
    decks: dict[str, list[tuple[str, str]]] = {k: [] for k in POOLS}
    records, seen = [], set()
    for pool in plan:
        if not decks[pool]:
            # patterns holding the rarer identifiers are dealt twice per round
            decks[pool] = [pt for pt in POOLS[pool] for _ in range(2 if RARE.search(pt[1]) else 1)]
            RNG.shuffle(decks[pool])
        tag, template = decks[pool].pop()
        for _attempt in range(200):
            full = template
            if "\n" not in template and chance(0.35 if pool.startswith("en") else 0.2):
                fups = [f for f in FOLLOW_UPS[pool] if "{P." in template or "{P." not in f]
                picked = RNG.sample(fups, min(len(fups), RNG.randint(1, 3)))
                picked.sort(key=follow_up_order)
                full += "\n" + "\n".join(picked)
            city = wch(TAG_CITIES[tag])
            ctx = Ctx(city, "mc" if pool == "mc" else pool, residents[city], staff[city])
            try:
                ctx.choose(full)
            except NoCandidate:
                continue
            segs: list[Seg] = []
            pos = 0
            for m in SLOT_RE.finditer(full):
                segs.append((full[pos : m.start()], None))
                segs.extend(ctx.slot(m.group(1), m.group(2)))
                pos = m.end()
            segs.append((full[pos:], None))
            text, spans = assemble(vary(segs, ctx.lang))
            if text in seen or problems(text, spans):
                continue
            seen.add(text)
            records.append({"lang": ctx.lang, "text": text, "spans": spans})
            break
        else:
            raise RuntimeError(f"cannot render: {template[:80]}")
    with OUT.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    counts = Counter(t for r in records for _, _, t in r["spans"])
    print(f"texts: {len(records)} (fr {sum(r['lang'] == 'fr' for r in records)}, en {sum(r['lang'] == 'en' for r in records)})")
    n_fups = sum(len(FOLLOW_UPS[k]) for k in ("en", "am", "mc"))
    print(f"patterns: {sum(len(v) for v in POOLS.values())} (+ {n_fups} follow-up lines)")
    print(f"texts with no identifier: {sum(not r['spans'] for r in records)}")
    for t in TYPES:
        print(f"  {t:14s} {counts[t]}")


if __name__ == "__main__":
    main()
