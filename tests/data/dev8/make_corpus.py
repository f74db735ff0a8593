"""Build the eighth development corpus of the free-text scrubber (pii_corpus_dev8.jsonl), first held out.

Every pattern below was written by hand as a literal string with slots; the slots are filled from small
hand-written lists and from checksum-correct generators in this file.  Nothing is imported from the project.
Rerunning writes the same file (fixed seed).

    python tests/data/dev8/make_corpus.py
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from collections import Counter
from pathlib import Path

SEED = 20240917
OUT = Path(__file__).with_name("pii_corpus_dev8.jsonl")
N_FR, N_EN = 270, 180
TYPES = {"PERSON", "DATE_OF_BIRTH", "ADDRESS", "PHONE", "EMAIL", "NIR", "IBAN", "SIRET", "SIREN", "CARD", "PLATE"}

# --------------------------------------------------------------------------------------------------------------
# checksums
# --------------------------------------------------------------------------------------------------------------


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        x = int(ch)
        if i % 2 == 1:
            x *= 2
            if x > 9:
                x -= 9
        total += x
    return total % 10 == 0


def luhn_complete(prefix: str) -> str:
    for ch in "0123456789":
        if luhn_ok(prefix + ch):
            return prefix + ch
    raise AssertionError(prefix)


def nir_key(body13: str) -> int:
    dept = body13[5:7]
    if dept == "2A":
        body13 = body13[:5] + "19" + body13[7:]
    elif dept == "2B":
        body13 = body13[:5] + "18" + body13[7:]
    return 97 - int(body13) % 97


def nir_ok(compact: str) -> bool:
    if len(compact) != 15 or compact[0] not in "12" or not compact[13:].isdigit():
        return False
    body = compact[:13]
    if not (body[:5] + body[7:]).isdigit():
        return False
    return int(compact[13:]) == nir_key(body)


def iban_num(s: str) -> int:
    return int("".join(str(int(ch, 36)) for ch in s))


def iban_make(cc: str, bban: str) -> str:
    check = 98 - iban_num(bban + cc + "00") % 97
    return f"{cc}{check:02d}{bban}"


def iban_ok(iban: str) -> bool:
    s = re.sub(r"\s", "", iban).upper()
    return len(s) >= 15 and s[:2].isalpha() and s[2:4].isdigit() and s.isalnum() and iban_num(s[4:] + s[:4]) % 97 == 1


# --------------------------------------------------------------------------------------------------------------
# hand-written lists
# --------------------------------------------------------------------------------------------------------------

FIRST_FR = (
    "Jean-Pierre Marie Fatoumata Mohamed Aïcha Chloé Kevin Sébastien Hélène Élodie Inès Karim Mamadou Aminata Lucas Léa "
    "Sofiane Rachid Nadia Hoa François Gaëlle Loïc Yves Brigitte Thérèse Dylan Océane Manon Youssef Khadija Samir Hamza "
    "Nour Soraya João Ana-Maria Giulia Piotr Aleksandra Mehmet Zeynep Abdoulaye Ousmane Marie-Claude Jean-Baptiste "
    "Anne-Sophie Rémi Laurent Josiane Guillaume Margaux Dieudonné Véronique Thierry Didier Kenza Salomé Tanguy Gwenaëlle "
    "Ludovic Corinne Tiphaine Amadou Luca Arnaud Sylvie Mathis Fabrice Nathalie Ghislaine Jérôme"
).split()
LAST_FR = [
    *"Martin Lefebvre N'Diaye Diallo Traoré Nguyen Tran Kerbrat Benali Haddad Ferreira Rossi Kowalski Nowak Dubois".split(),
    *"Lambert Moreau Girard Rousseau Fontaine Chevalier Tremblay Gagnon Côté Bouchard Yilmaz Öztürk Cohen Lévy".split(),
    *"Benhamou Dumas Delacroix Kaboré Ouédraogo Sow Rakotomalala Payet Hoarau Grondin Jean-Baptiste Pierre-Louis".split(),
    *"Peeters Janssens Dupuis Meier Schmid Favre Rochat Bonnet Mercier Leroy Giraud Santoni Casanova Pietri".split(),
    *"Mancini Ferhat Boualem Mbemba Okonkwo Pham Vu Lopes Carvalho Garnier Marchand Roux Perrin Morel Fournier".split(),
    *"Guérin Faure Bertrand Kessler Wouters Lemaire Abitbol Zerrouki Thibodeau Desrosiers".split(),
    "Le Gall",
    "Le Goff",
    "Ben Ahmed",
    "El Amrani",
    "Da Silva",
    "Van den Berg",
    "Nguyen Thi",
    "de La Tour",
]
FIRST_EN = (
    "Liam Olivia Jackson Madison Keisha DeShawn Jamal Connor Gráinne Seán Declan Eilidh Rhys Bethan Dafydd Siobhán Niamh "
    "Ciarán Aoife Patrick Oluwaseun Chinedu Priya Rajesh Anjali Dmitri Olena Wei Mei Hiroshi Camila Diego Lucía Tomás "
    "Kofi Ama Emily Jack Charlotte Harry Sophie Mohammed Fatima Aaliyah Tyrone Brittany Cody Mary-Kate Padraig Aisling "
    "Callum Kirsty Hamish Ewan Gurpreet Harjit Yusuf Maryam Chloe Ethan Ava Noah Grace Jean-Luc Marguerite Sanjay Xiao "
    "Joon-ho Min-ji Ngozi Bronagh Darragh"
).split()
LAST_EN = [
    *"O'Brien O'Sullivan Murphy Kelly McCarthy Smith Jones Williams Taylor Davies Evans Patel Khan Singh Chowdhury".split(),
    *"Okafor Adeyemi Mensah Johnson García Rodríguez Hernández Washington Nakamura Kim Park Chen Wang Ivanov".split(),
    *"Petrenko Santos MacDonald McAllister Fitzgerald Byrne Doyle Walsh Campbell Stewart Robertson Thompson Brown".split(),
    *"Wilson Anderson Thomas Jackson White Harris Clarke Hughes Lewis Ahmed Hussain Begum Nwosu Boateng Kowalczyk".split(),
    *"Schneider Romano Leblanc MacKenzie D'Souza Gonzalez Lee Ó'Dálaigh".split(),
    "Ní Bhriain",
    "Mac Giolla Phádraig",
    "Van der Merwe",
    "St. Clair",
]
KIDS = (
    "Yanis Lina Noé Inaya Tom Rayan Chloé Aya Jayden Amir Maël Lou Ethan Sofia Aiden Nour Adam Jade Liam Mia Oisín "
    "Saoirse Kenji Zoé Ibrahim Mariam Théo Léna Kaïs Ambre Noah Ava Jaxon Harper Aarav Fatima Moussa Elif Timéo Anaïs"
).split()
NICK_FR = ["Momo", "Jojo", "Dédé", "Titi", "Nono", "Bibi", "Doudou", "Kiki", "Le Gros", "Rico", "Fredo", "Nounours"]
NICK_EN = ["Big Mike", "Gaz", "Shorty", "Tommo", "Junior", "Scotty", "Mikey", "Dazza", "Red", "Smithy"]

FR_STREETS = [
    "rue des Lilas",
    "rue Victor Hugo",
    "avenue de la République",
    "boulevard Jean Jaurès",
    "rue du Moulin",
    "rue Pasteur",
    "allée des Acacias",
    "rue de la Gare",
    "cours Gambetta",
    "avenue du Général Leclerc",
    "rue Paul Bert",
    "rue des Tanneurs",
    "impasse Saint-Michel",
    "rue du 8 Mai 1945",
    "rue Émile Zola",
    "quai de Verdun",
    "chemin des Vignes",
    "place du Marché",
    "rue de la Paix",
    "bd Voltaire",
    "rue Saint-Jean",
    "av. Foch",
]
FR_CITIES = [
    ("Lyon", "69003"),
    ("Lyon", "69007"),
    ("Marseille", "13005"),
    ("Lille", "59000"),
    ("Rennes", "35000"),
    ("Brest", "29200"),
    ("Strasbourg", "67000"),
    ("Toulouse", "31000"),
    ("Bordeaux", "33800"),
    ("Nantes", "44000"),
    ("Montreuil", "93100"),
    ("Paris", "75011"),
    ("Paris", "75018"),
    ("Nice", "06000"),
    ("Dijon", "21000"),
    ("Clermont-Ferrand", "63000"),
    ("Metz", "57000"),
    ("Grenoble", "38000"),
    ("Limoges", "87000"),
    ("Perpignan", "66000"),
    ("Roubaix", "59100"),
    ("Villeurbanne", "69100"),
]
CORSE_CITIES = [("Ajaccio", "20000"), ("Bastia", "20200"), ("Porto-Vecchio", "20137"), ("Corte", "20250")]
DOM_CITIES = [
    ("Saint-Denis", "97400"),
    ("Le Port", "97420"),
    ("Fort-de-France", "97200"),
    ("Pointe-à-Pitre", "97110"),
    ("Cayenne", "97300"),
    ("Mamoudzou", "97600"),
]
DOM_PHONE = {
    "974": ("0692", "0262"),
    "972": ("0696", "0596"),
    "971": ("0690", "0590"),
    "973": ("0694", "0594"),
    "976": ("0639", "0269"),
}
BE_STREETS = [
    "rue de la Loi",
    "chaussée de Wavre",
    "rue Haute",
    "avenue Louise",
    "rue Saint-Gilles",
    "boulevard Tirou",
    "rue de Bruxelles",
    "Meir",
    "Kerkstraat",
    "rue des Guillemins",
    "avenue de Tervueren",
    "Steenweg op Gent",
]
BE_CITIES = [
    ("1040", "Etterbeek"),
    ("1050", "Ixelles"),
    ("1000", "Bruxelles"),
    ("4000", "Liège"),
    ("5000", "Namur"),
    ("6000", "Charleroi"),
    ("1348", "Louvain-la-Neuve"),
    ("7000", "Mons"),
    ("2000", "Antwerpen"),
    ("9000", "Gent"),
]
CH_STREETS = [
    "rue du Rhône",
    "avenue de la Gare",
    "Bahnhofstrasse",
    "rue de Lausanne",
    "Grand-Rue",
    "chemin des Pâquerettes",
    "rue des Alpes",
    "avenue de Morges",
    "route de Chêne",
    "Seestrasse",
]
CH_CITIES = [
    ("1204", "Genève"),
    ("1003", "Lausanne"),
    ("2000", "Neuchâtel"),
    ("1700", "Fribourg"),
    ("1950", "Sion"),
    ("8001", "Zürich"),
    ("1800", "Vevey"),
    ("2300", "La Chaux-de-Fonds"),
]
QC_STREETS = [
    "rue Saint-Denis",
    "boulevard Saint-Laurent",
    "avenue du Mont-Royal Est",
    "rue Beaubien",
    "chemin Sainte-Foy",
    "rue Wellington",
    "boulevard René-Lévesque Ouest",
    "rue Ontario Est",
]
QC_CITIES = [("Montréal", "H"), ("Québec", "G"), ("Laval", "H"), ("Gatineau", "J"), ("Sherbrooke", "J"), ("Trois-Rivières", "G")]
UK_STREETS = [
    "Chapel Street",
    "Gloucester Road",
    "Stretford Road",
    "Ormeau Road",
    "Leith Walk",
    "Cowbridge Road East",
    "Holloway Road",
    "Victoria Avenue",
    "Church Lane",
    "Kingsway",
    "Albert Road",
    "Station Road",
]
UK_TOWNS = [
    ("Leeds", "LS6"),
    ("Bristol", "BS7"),
    ("Manchester", "M15"),
    ("Belfast", "BT7"),
    ("Edinburgh", "EH6"),
    ("Cardiff", "CF11"),
    ("London", "N7"),
    ("Liverpool", "L8"),
    ("Glasgow", "G12"),
    ("Brighton", "BN2"),
    ("Sheffield", "S11"),
]
IE_STREETS = [
    "Main Street",
    "Pembroke Road",
    "Patrick Street",
    "O'Connell Street",
    "Shop Street",
    "Dublin Road",
    "Castle Street",
    "Church Road",
    "The Crescent",
    "Parnell Square",
]
IE_TOWNS = [
    ("Galway", "H91"),
    ("Dublin 4", "D04"),
    ("Cork", "T12"),
    ("Limerick", "V94"),
    ("Kilkenny", "R95"),
    ("Dublin 8", "D08"),
    ("Sligo", "F91"),
    ("Waterford", "X91"),
]
US_STREETS = [
    "NE Alberta St",
    "W 116th St",
    "Elm Street",
    "Cedar Ave",
    "Magnolia Dr",
    "Maple Avenue",
    "Oak St",
    "Martin Luther King Jr Blvd",
    "Pine St",
    "Lincoln Ave",
    "Washington St",
]
US_CITIES = [
    ("Portland", "OR", "972", "503"),
    ("New York", "NY", "100", "212"),
    ("Springfield", "MA", "011", "413"),
    ("Minneapolis", "MN", "554", "612"),
    ("Austin", "TX", "787", "512"),
    ("Chicago", "IL", "606", "312"),
    ("Seattle", "WA", "981", "206"),
    ("Boston", "MA", "021", "617"),
    ("Denver", "CO", "802", "303"),
]
CA_STREETS = [
    "Queen St W",
    "Elgin St",
    "Commercial Dr",
    "Jasper Ave",
    "Portage Ave",
    "Barrington St",
    "Bank St",
    "Yonge St",
    "Robson St",
]
CA_CITIES = [
    ("Toronto", "ON", "M5H", "416"),
    ("Ottawa", "ON", "K2P", "613"),
    ("Vancouver", "BC", "V5N", "604"),
    ("Edmonton", "AB", "T5J", "780"),
    ("Winnipeg", "MB", "R3C", "204"),
    ("Halifax", "NS", "B3J", "902"),
    ("Calgary", "AB", "T2P", "403"),
]

MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
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
MAIL_DOMAINS = {
    "FR": ["gmail.com", "orange.fr", "free.fr", "laposte.net", "hotmail.fr", "sfr.fr", "wanadoo.fr", "yahoo.fr"],
    "BE": ["skynet.be", "telenet.be", "gmail.com", "proximus.be"],
    "CH": ["bluewin.ch", "gmx.ch", "gmail.com", "sunrise.ch"],
    "QC": ["videotron.ca", "hotmail.com", "gmail.com"],
    "UK": ["btinternet.com", "outlook.com", "yahoo.co.uk", "gmail.com", "sky.com"],
    "IE": ["eircom.net", "gmail.com", "hotmail.com", "icloud.com"],
    "US": ["gmail.com", "yahoo.com", "comcast.net", "aol.com", "outlook.com"],
    "CA": ["sympatico.ca", "shaw.ca", "gmail.com", "rogers.com"],
}
DECOYS = {
    "fr": {
        "stop": [
            "Hôtel de Ville",
            "Victor Hugo",
            "Gare Part-Dieu",
            "République",
            "Jean Jaurès",
            "Place Carnot",
            "Mairie",
            "Charles de Gaulle",
            "Les Halles",
            "Pasteur",
            "Louise Michel",
            "Jean Moulin",
            "Gambetta",
        ],
        "school": [
            "école élémentaire Jules Ferry",
            "école Jean Jaurès",
            "école maternelle Les Coquelicots",
            "école primaire Louis Pasteur",
            "école Simone Veil",
            "école des Tilleuls",
            "école Marie Curie",
        ],
        "classe": ["CP", "CE1", "CE2", "CM1", "CM2", "grande section", "moyenne section", "6e B", "4e"],
        "hotel": ["hôtel du Parc", "hôtel Le Richelieu", "hôtel Ibis Centre", "hôtel des Voyageurs", "hôtel Mercure Gare"],
        "asso": [
            "Collectif Vélo en Ville",
            "Association des locataires des Tilleuls",
            "Comité de quartier Saint-Michel",
            "Les Amis de la Terre",
            "Collectif Climat Jeunes",
            "Droit au Logement",
            "Les Jardins de Lucie",
        ],
        "company": ["TransExpress Sud", "Colis Rapide", "LivrAgglo", "Chronopost", "Urbi Logistique", "Express Marée"],
        "resid": ["Les Tilleuls", "Le Clos Fleuri", "Les Érables", "du Parc", "Jean Moulin"],
        "org": ["Les Tilleuls", "Immo Gambetta", "Patrimoine 3000", "Bazar du Centre", "Chez Momo", "Boulangerie Lefèvre"],
        "placename": ["Carnot", "Jean-Jaurès", "de la République", "Bellecour", "du Marché", "Saint-Pierre", "Gambetta"],
        "line": ["38", "C3", "T2", "12", "86", "B", "T1", "4"],
    },
    "en": {
        "stop": [
            "Central Station",
            "Victoria Square",
            "Abraham Lincoln",
            "King Street",
            "Churchill Park",
            "Union Station",
            "St Stephen's Green",
            "Queen's Park",
            "Market Street",
            "Nelson Mandela Place",
        ],
        "school": [
            "St Mary's Primary School",
            "Oakfield Academy",
            "Lincoln Elementary",
            "Roosevelt Middle School",
            "Scoil Bhríde",
            "St Patrick's National School",
            "Maple Grove Public School",
            "Jefferson High School",
        ],
        "classe": ["Year 4", "Reception", "Year 2", "2nd grade", "4th grade", "First Class", "Senior Infants", "Grade 3"],
        "hotel": ["Grand Hotel", "Park Inn", "Premier Inn Central", "Holiday Inn Express", "Hotel Victoria", "Clarence Hotel"],
        "asso": [
            "Friends of the Earth",
            "the Residents' Association",
            "Cycle Safe Coalition",
            "Tenants Together",
            "the Climate Youth Network",
        ],
        "company": ["FastParcel Ltd", "QuickDrop", "Metro Couriers", "Northside Freight", "Green Van Co."],
        "resid": ["Riverside Court", "Oak House", "Hillview Estate", "Maple Towers", "Nelson Mandela House"],
        "org": ["Corner Shop", "Patel's News", "Hillview Lettings"],
        "placename": ["Lincoln", "Victoria", "Riverside", "Phoenix"],
        "line": ["46", "38", "7", "N12", "Green Line", "Red Line", "X1"],
    },
}

# --------------------------------------------------------------------------------------------------------------
# the hand-written patterns.  "=== lang COUNTRIES [flags] | situation"; a line ending with "~" joins the next one.
# --------------------------------------------------------------------------------------------------------------

PATTERNS = r"""
=== fr FR | voisin
Bonjour, je vous écris encore une fois pour mon voisin du dessus, {p1.ln}, qui fait des travaux tous les soirs depuis {date}. ~
Au début c'était juste la perceuse mais maintenant il tape dans les murs et son chien aboie toute la journée quand il part. ~
J'ai essayé de lui parler, il m'a claqué la porte au nez. Le syndic dit que c'est pas leur probleme. ~
Moi c'est {p2}, j'habite au {addr}, vous pouvez me joindre au {tel}. Merci de faire quelque chose svp

=== fr FR | voisin
objet : conflit voisinage
madame monsieur
je me permets de vous contacter car la situation avec la famille du 2e (Mme {p1.ln} et ses fils) devient invivable. ~
ils stockent des encombrants sur le palier, le local poubelle est bloqué, et quand je fais une remarque on me menace. ~
J'ai 78 ans je ne veux pas d'histoires. Mon fils {p2.fn} s'occupe de mes papiers, son numéro c'est le {tel}.
Cordialement
{p3}
{addr}

=== fr FR | voisin
Appel de Mme [[Martin|PERSON]], non pardon [[Martinez|PERSON]] (elle corrige), née le {dob}, qui signale que le voisin ~
mitoyen a coupé la haie commune sans accord et déposé les branches devant son garage. Elle a déjà porté plainte ~
en gendarmerie (n° PV non communiqué). Adresse : {addr}. Rappeler plutôt l'après-midi au {tel}.

=== fr BE | voisin
Bonjour, mon voisin M. {p1.ln} gare sa camionnette {plate} devant ma sortie de garage tous les matins, ~
je ne sais plus aller travailler. J'ai appelé la police locale 3 fois. Je m'appelle {p2}, {addr}, GSM {tel}.

=== fr FR | voisin
Ca fait maintenant plus de six mois que ça dure. Les voisins d'en face organisent des barbecues sur le balcon, ~
la fumée rentre chez nous, ma fille est asthmatique. On a demandé gentiment, on a mis un mot dans la boîte aux lettres, rien. ~
Le gardien dit qu'il ne peut rien faire. la mairie nous a dit de vous écrire ici. On voudrait juste une médiation, pas de police.

=== fr CH | voisin
Bonjour,
Je suis {p1} et je loue un appartement {addr}. ~
Ma voisine de palier, Madame {p2.ln}, m'accuse de voler son courrier et a collé des affiches à mon nom dans la cage d'escalier. ~
La régie ne répond pas. Joignable au {tel} ou par mail {p1.mail}.
Meilleures salutations

=== fr QC | voisin
Bonjour, c'est au sujet de mon voisin d'en bas qui déneige sa cour en poussant toute la neige dans mon entrée. ~
Il s'appelle {p1.fn}, je connais pas son nom de famille, il reste au {addr}. Moi c'est {p2}, cell {tel}. Merci

=== fr FR | voisin
Je m'appelle {p1.up}, née en {dob.year}, locataire {addr}. Le voisin du dessous ({p2.ln}) fume sur son balcon ~
et jette ses mégots dans mes jardinières, j'ai retrouvé un début de feu la semaine dernière!!! ~
je veux que quelqu'un passe constater. tel fixe {tel}

=== fr FR upper | bruit
BRUIT TOUTES LES NUITS AU {addr} BAR EN BAS DE CHEZ MOI MUSIQUE JUSQU A 3H DU MATIN. ~
J AI DEJA APPELE LE 17 ILS VIENNENT PAS. {p1.up} {tel}

=== fr FR | bruit
bonsoir il est {time} et ca recommence. fête dans l'appart du 4e gauche, au moins 30 personnes, ça crie dans l'escalier. ~
c'est la 3e fois ce mois ci. je ne donne pas mon nom j'ai peur des représailles.

=== fr FR | bruit
Nuisances sonores nocturnes - chantier {street}
Les travaux de la voirie commencent à 5h du matin avec un marteau-piqueur, alors que l'arrêté dit 7h. ~
Pouvez-vous vérifier ? Habitante du {addr}, {p1}. {p1.mail}

=== fr BE | bruit
Bonsoir, des jeunes font des rodéos en scooter tous les soirs sur le parking derrière le Delhaize, de 22h à 2h. ~
On ne dort plus. Je suis {p1}, mon numéro {tel}.

=== fr FR | bruit
Re-bonjour, c'est encore moi pour le chien qui aboie la nuit (dossier {ref}). mon numéro c'est toujours le même que ~
la dernière fois. Le propriétaire du chien c'est un monsieur {p1.ln}, il a une moto immatriculée {plate}, il rentre vers {time}.

=== fr FR lower | bruit
la soufflerie de la boulangerie tourne toute la nuit, ca fait un bruit de moteur continu, on l'entend fenetres fermées. ~
depuis 15 jours

=== fr CH | bruit
Madame, Monsieur,
depuis l'ouverture du nouveau bar à la {street}, les clients fument dehors et parlent fort jusqu'à 2h. ~
Nous avons une pétition signée par 14 habitants de l'immeuble. Personne de contact: {p1}, {addr}, {tel}.

=== fr FR | transport
Rapport conducteur - ligne {line}, service du soir. À l'arrêt {stop}, un individu a refusé de présenter son titre ~
et a craché sur la vitre. Il a été identifié par les contrôleurs : {p1}, né le {dob}, domicilié {addr}. ~
Conducteur : {s1.ln} (matricule 40817).

=== fr FR | transport
Contrôle tram {line} du {date}. PV dressé à {p1.up}, adresse déclarée {addr}, pièce d'identité présentée. ~
Le contrevenant conteste et dit qu'on l'appelle « {p1.nick} » dans le quartier. Tel donné : {tel} (non vérifié).

=== fr FR | transport
Bonjour je suis conductrice sur la {line}. Tous les soirs vers 22h à l'arrêt {stop} un groupe monte sans payer ~
et fume dans le bus. On a signalé à la régulation plusieurs fois. On demande une présence des agents de médiation. Merci

=== fr BE | transport
Conducteur STIB ligne {line}. Une voiture {plate} stationne chaque matin sur l'arrêt, impossible de déposer les PMR. ~
Le propriétaire, un certain {p1.ln}, travaille au garage d'à côté. Je reste joignable via le dépôt, demander {s1.fn}.

=== fr FR noacc | transport
Signalement controleur: femme agressee verbalement dans la rame, temoin {p1} ({tel}) accepte d'etre recontacte. ~
L'auteur est reparti a la station {stop}. Pas d'identite.

=== fr QC | transport
Chauffeur STM, ligne {line}. Un client, {p1}, a oublié un sac avec ses papiers : carte soleil, permis, adresse {addr}. ~
Déposé aux objets perdus, numéro de sac {ref}.

=== fr FR | ecole
Madame, Monsieur, je suis {p1}, directrice de l'{school}. ~
Depuis la rentrée, deux jeunes majeurs se postent tous les jours à 16h30 devant le portail et proposent du cannabis ~
aux collégiens qui passent. Plusieurs parents me l'ont signalé. Un des deux se fait appeler « {p2.nick} ». ~
Vous pouvez me joindre au secrétariat au {tel} ou par mail {p1.mail}.

=== fr FR | ecole
Objet : trafic aux abords de l'école
Bonjour, je vous signale à nouveau (cf. réf. dossier {ref}) des échanges suspects devant le portail de la maternelle, ~
côté {street}. Une voiture {plate} stationne moteur allumé et des ados viennent à la portière.
Cdlt, M. {p1.ln}, directeur

=== fr FR | ecole
Le principal du collège signale que le deal a repris près de l'entrée du gymnase, surtout entre 12h et 13h30. ~
Les élèves de 4e et 3e sont sollicités. Demande de passage de la police municipale aux heures de sortie.

=== fr BE | ecole
Bonjour, direction de l'{school}. ~
Un parent, Mr {p1}, m'informe que son fils {k1} ({classe}) s'est vu proposer des produits devant la grille. ~
Le papa souhaite être recontacté: {tel}.

=== fr CH | ecole
Bonjour, en tant que doyen de l'{school} je dois vous signaler des transactions près du préau. ~
Un élève, {k1.full}, a été approché plusieurs fois ; ses parents ({p1}, {addr}) sont au courant. Merci de votre aide. {s1}

=== fr FR | squat
Bonjour, je tiens la boulangerie au coin de la {street}. Le local vide à côté ({addr}) est squatté depuis 3 semaines, ~
il y a des allers-retours la nuit et ils branchent des câbles sur notre compteur.
{p1}, gérant, SIRET {siret}. Tél {tel}

=== fr FR | squat
squat dans l'ancien pressing, rez de chaussée, porte forcée. ils sont 5 ou 6. je suis le commerçant d'en face ~
(Tabac Le Balto). pas de nom merci, je veux pas de problème avec eux.

=== fr FR | squat
Le propriétaire des murs, la SCI {org} (SIREN {siren}), nous demande de signaler l'occupation illicite du {addr}. ~
Contact gestion : {p1}, {p1.mail}, {tel}.

=== fr BE | squat
Je suis commerçante {street}, les gens qui squattent l'immeuble abandonné d'à côté font leurs besoins dans l'entrée ~
de mon magasin. Je m'appelle {p1}, la boutique c'est {org}. Tél {tel}.

=== fr FR | squat
Suite à notre échange tél. de ce matin : le squat signalé ({addr}) s'est étendu au 1er étage. ~
Mon associé, {p2}, a vu des bouteilles de gaz. Je vous envoie les photos depuis l'adresse de la boutique {p1.mail}.
{p1.up}

=== fr FR | marche
Je suis forain sur le marché du dimanche (place {placename}). Depuis le nouveau plan des emplacements, mon stand de fruits ~
est coincé derrière la camionnette du poissonnier et plus personne ne me voit. Emplacement 47, abonnement n° {ref}.
{p1}, tel {tel}, SIRET {siret}

=== fr FR lower | marche
bonjour c'est {p1.fn} du stand fromages. le placier a donné mon emplacement à quelqu'un d'autre samedi alors que j'ai ~
payé le trimestre (180 €). j'ai le reçu. mon portable c'est le {tel}

=== fr FR | marche
Les commerçants non sédentaires du marché couvert demandent que les livraisons de la halle se fassent avant 7h. ~
Hier encore un camion a reculé dans les étals, deux cagettes écrasées, heureusement pas de blessé.

=== fr CH | marche
Bonjour, maraîchère au marché de {city}, je signale qu'un vendeur sans autorisation s'installe à l'entrée tous les ~
mercredis et vend des produits de France comme « locaux ». Véhicule {plate.fr}. Moi: {p1}, {tel}.

=== fr FR | marche
A l'attention du service des marchés,
Je soussigné {p1.up}, commerçant ambulant, domicilié {addr}, né le {dob}, ~
sollicite le remboursement de ma place du {date} (marché annulé pour intempéries).
RIB : {iban}. SIREN {siren}.

=== fr FR | manif
Bonjour, l'association {asso} déclare une manifestation le samedi {date}, départ 14h place {placename}, ~
arrivée devant la préfecture. Environ 300 personnes. Responsables : {p1} (présidente, {tel}) et {p2} ({tel2}).

=== fr FR | manif
Concernant le parcours proposé pour la marche du {date} : la police nous demande d'éviter {street}. ~
Nous proposons de passer par le boulevard, c'est plus long de 800 m. Merci de confirmer à notre secrétaire, {p1.fn}, {p1.mail}.

=== fr FR | manif
Le collectif demande le parcours définitif du défilé de dimanche. Nous n'avons reçu aucune réponse depuis le dépôt ~
de la déclaration. Il faut savoir si le camion sono peut passer sous le pont SNCF (3,40 m).

=== fr BE | manif
Déclaration de rassemblement statique devant la maison communale, le {date} de 18h à 20h, organisé par {asso}. ~
Responsable: {p1}, {addr}, {tel}.
Nous demandons aussi l'autorisation pour 2 tentes.

=== fr QC | manif
Bonjour, le comité de citoyens organise une marche pour le climat. Trajet : départ du parc La Fontaine, ~
remontée de {street} jusqu'à l'hôtel de ville. Porte-parole : {p1}, {tel}, {p1.mail}.

=== fr FR | depot
Gardien de la résidence {resid}, {addr}.
Encore un dépôt sauvage ce matin devant le local vélo : matelas, frigo, sacs de gravats. ~
J'ai vu le camion blanc qui a déchargé hier soir, plaque {plate}.
{p1.fn}, gardien, {tel}

=== fr FR | depot
dépot sauvage au pied des containers, encore. des cartons de déménagement et une machine à laver. ~
ca fait 3 fois que je signale, personne vient. la cour sent mauvais.

=== fr FR | depot
Bonjour,
ci-joint photos du dépôt au {addr}. Sur un des cartons il y a une étiquette avec le nom {p1} et une adresse ~
{addr2}. Je vous laisse voir.
Gardienne d'immeuble, Mme {p2.ln}

=== fr BE | depot
Concierge de l'immeuble, je constate des sacs poubelles non conformes déposés le mauvais jour. ~
Un des sacs contenait du courrier au nom de {p1}, {addr}. Pour info, pas besoin de me rappeler.

=== fr CH | depot
Bonjour, je suis le concierge de l'immeuble {addr}. Quelqu'un dépose des déchets encombrants au point de collecte ~
sans vignette. Probablement le locataire du 3e, M. {p1.ln}. Tél. loge {tel}.

=== fr FR | parc
Bonjour, je suis la maman de {k1}, en {classe} à l'{school}. ~
Au square à côté de l'école, le toboggan a une planche cassée avec des clous qui dépassent, {k1} s'est ouvert la main hier.
{p1}, {tel}

=== fr FR | parc
aire de jeux {placename} : les seringues sont revenues dans le bac à sable. j'ai ramassé avec des gants mais c'est pas normal. ~
je suis le papa de {k1} et {k2}, on habite {addr}. {p1.fn}

=== fr FR | parc
La balançoire des petits est démontée depuis un mois et toujours pas remplacée. Les enfants jouent sur les grilles. ~
Est-ce qu'il y a une date prévue? Merci

=== fr BE | parc
Bonjour, maman de {k1} ({age.kid} ans). Les chiens sont lâchés dans la plaine de jeux alors que c'est interdit, ~
hier un berger allemand a sauté sur ma fille. Le propriétaire s'appelle {p2.fn} je crois, il habite {street}.
{p1}, {p1.mail}

=== fr QC | parc
Le module de jeux du parc est fermé avec du ruban depuis juin. Mes enfants {k1}, {k2} et {k3} demandent tous les jours.
{p1}, {addr}

=== fr FR | velo
Carrefour {street} / {street2} : la piste cyclable s'arrête d'un coup et on se retrouve au milieu des voitures ~
qui tournent à droite. J'ai failli me faire renverser par un utilitaire {plate} ce matin à 8h10.
{p1}, cycliste quotidien, {tel}

=== fr FR | velo
Le feu vélo au carrefour du pont reste rouge en permanence, les cyclistes passent au rouge, c'est dangereux. ~
Il faudrait aussi repeindre le sas vélo, on ne le voit plus.

=== fr FR noacc | velo
Bonjour, je suis membre de l'association {asso}. Nous avons recense 4 accidents de velo au rond-point depuis janvier. ~
Rapport complet dispo sur demande. Contact: {p1}, {p1.mailx}

=== fr CH | velo
Bonjour, la bande cyclable de la {street} est systématiquement occupée par des voitures de livraison. ~
Hier un camion {plate} m'a serré contre le trottoir. Je suis {p1}, {addr}.

=== fr BE | velo
Croisement dangereux, les voitures grillent le feu tous les soirs. Mon fils {k1} ({age.kid} ans) a été percuté en vélo ~
le {date}, la voiture, une Golf grise, plaque {plate}, ne s'est pas arrêtée. Je suis {p1}, joignable au {tel}.

=== fr FR | taxi
Chauffeur de taxi, licence n° 318. La station de taxi de la gare est occupée en permanence par des VTC et des voitures ~
particulières. Ce soir encore : {plate}, {plate2}.
{p1.up}, {tel}

=== fr FR | taxi
Les livreurs se garent en double file devant l'hôpital et bloquent l'accès des taxis et des ambulances. ~
Tous les jours entre 11h30 et 14h. Il faut des PV.

=== fr QC | taxi
Chauffeur de taxi, je signale des véhicules stationnés dans la zone réservée devant la gare d'autocars. ~
Exemple {plate} depuis 3 jours. Mon nom {p1}, permis de chauffeur {ref}. {tel}

=== fr CH | taxi
Madame, Monsieur,
je conduis un taxi à {city}. La place de stationnement des taxis devant la gare est régulièrement occupée. ~
Voiture {plate} garée ce matin de 6h à 10h. Salutations, {p1}, {tel}

=== fr FR | infirmiere
Infirmière de nuit aux urgences. Cette nuit vers {time}, bagarre entre deux familles dans la salle d'attente. ~
Un des hommes, {p1} (né le {dob}, il a donné sa carte vitale, NIR {nir}), a frappé un agent de sécurité. ~
On demande des rondes de police la nuit. {p2.fn}, IDE

=== fr FR | infirmiere
bonjour, je sors de ma garde de nuit (ehpad). en rentrant à 6h devant la gare, deux hommes se battaient, un avait ~
un couteau. j'ai appelé le 17. je suis témoin si besoin : {p1}, {tel}

=== fr FR | infirmiere
Signalement de l'équipe de nuit : rixe sur le parking du personnel vers 2h, une vitre de voiture cassée. ~
Pas de blessé côté personnel. Nous demandons un éclairage et une caméra.

=== fr BE | infirmiere
Infirmier de nuit, service de garde. Patient agressif amené par ses amis après une bagarre sur la place. ~
Patient: {p1}, né le {dob}, domicilié {addr}. Les amis ont cassé la porte du sas. Contact: {s1}, {tel}

=== fr FR | hotel
Réceptionniste de nuit à l'{hotel}. Plaintes de nos clients pour le bruit du bar d'à côté chaque nuit, ~
nous avons dû rembourser 3 chambres ce mois-ci. Je m'appelle {p1.fn}, tél. hôtel {tel}.

=== fr FR | hotel
Bonjour, {hotel}, réception. Un client, M. {p1}, chambre 214, signale que des travaux dans la rue commencent à 5h. ~
Il souhaite un retour par mail : {p1.mail}. Réservation {ref}.

=== fr CH | hotel
Bonjour, nous sommes un petit hôtel du centre. Chaque vendredi soir, les fêtards de la place crient sous nos fenêtres. ~
Nos clients se plaignent. Pouvez-vous envoyer une patrouille ?

=== fr QC | hotel
Réception de l'{hotel}. Un client s'est fait voler sa carte de crédit au bar, il nous demande de transmettre :
{p1}, carte {card}, opposition faite. Il repart demain.

=== fr FR | livraison
Société {company}, SIRET {siret}. Nos livreurs ne peuvent plus accéder à la {street} à cause des plots installés ~
sans préavis. 30 colis en attente. Contact exploitation : {p1}, {tel}, {p1.mail}

=== fr FR | livraison
bonjour livreur pour {company} tournée 12. la rue est barrée par un chantier sans panneau de déviation, ~
j'ai tourné 20 min. Le camion {plate} a pris une amende en plus alors qu'il n'y avait pas d'autre place.

=== fr FR | livraison
La rue piétonne est fermée aux livraisons à partir de 10h30 mais la borne remonte à 10h. Nos chauffeurs se ~
retrouvent bloqués à l'intérieur. Merci de régler la borne.

=== fr BE | livraison
Transporteur, dépôt de {city}. Le {date}, un camion de déménagement bloquait la rue toute la journée sans autorisation ~
(plaque {plate}). Notre client {p1}, {addr}, n'a pas pu être livré. Réf client {ref}.

=== fr FR | suivi
[Suivi] Rappel de l'usager ce jour. Copie de l'échange précédent :
> De : {p1.mail}
> Envoyé : {date} 09:14
> Objet : lampadaire éteint
> Bonjour, le lampadaire devant le {addr} est éteint depuis 3 semaines. {p1}
Réponse opérateur : transmis à l'éclairage public, ticket {ticket}.

=== fr FR | suivi
Relance usager (2e appel). M. {p1.ln} rappelle pour son dossier {ref}. Il précise que son numéro a changé : ~
nouveau {tel} (l'ancien n'est plus attribué). Adresse inchangée. Il est mécontent du délai.

=== fr FR | suivi
---- Message d'origine ----
De: {p1} <{p1.mail}>
À: accueil
Date: {date}
J'ai déjà signalé le problème de la fuite sur le trottoir au {addr} et rien n'a bougé.
----
Note opérateur: usager recontacté, RDV avec la régie des eaux.

=== fr BE | suivi
Suite de l'appel de Mme {p1.ln} :
« Comme je vous l'ai dit la semaine dernière, c'est {p1}, {addr}, mon téléphone c'est le même que la dernière fois, ~
ah non c'est {tel} maintenant. » Dossier {ref} mis à jour.

=== fr FR | suivi
Suivi : l'usager confirme que les tags ont été effacés. Dossier clôturé à sa demande. Satisfaction : 4/5.

=== fr CH | suivi
Reprise de l'échange du {date} :
- usager : je vous ai envoyé les photos
- opérateur : nous ne les avons pas reçues, pouvez-vous renvoyer à l'adresse du service ?
- usager : c'est fait depuis {p1.mail}
Contact : {p1}, {tel}

=== fr FR | transfert
Transféré par {s1} (Accueil) au service Propreté.
Demande de Mme {p1}, {addr} : enlèvement d'encombrants prévu le {date} non effectué. Tél {tel}.

=== fr FR | transfert
Transféré par {s1.ini} - Direction de la voirie -> Police municipale
Motif : stationnement gênant récurrent d'un véhicule {plate} sur le trottoir devant l'école. Pas de coordonnées du demandeur.

=== fr FR | transfert
TR: demande usager
Transféré par {s1} le {date}
Bonjour {s2.fn}, peux-tu voir avec ton équipe ? L'usager, {p1}, né en {dob.year}, a demandé une aide au relogement ~
suite à l'incendie au {addr}. NIR communiqué : {nir}. Merci, {s1.fn}

=== fr FR | transfert
Transféré par le service Espaces verts au service Eau : la demande concerne en fait une fuite sur l'arrosage automatique ~
du rond-point, pas un arbre. Merci de reprendre.

=== fr BE | transfert
Transféré par {s1} (cellule Propreté) à la Police locale.
Le plaignant, {p1}, signale des dépôts clandestins de pneus par un garage voisin, camionnette {plate}.
Coordonnées : {addr} / {tel}

=== fr QC | transfert
Transféré par {s1} au Service des travaux publics.
Citoyen : {p1}, {addr}, {tel}. Nid-de-poule devant l'entrée de garage, pneu crevé, demande de réclamation. Réf {ref}.

=== fr FR | voisin
Courrier pour Mme {p1} c/o {p2}, {addr}. Objet : plainte contre le voisin pour nuisances olfactives ~
(élevage de poules en appartement).

=== fr FR | voisin
Je vous écris aux bons soins de ma mère, {p1}, {age.old} ans, qui ne peut pas se déplacer. Son voisin lui a pris ~
sa place de parking attribuée (n° 12) et refuse de la rendre. Elle habite {addr}. Moi c'est {p2.fn}, sa fille, {tel}.

=== fr FR | voisin
Bonjour. Je loge actuellement chez {p1}, {addr}, le temps de trouver un appartement. ~
Le voisin de la maison d'à côté tond sa pelouse le dimanche à 7h et fait brûler ses déchets verts. {p2}

=== fr FR noacc | voisin
voisin qui tape au plafond avec un balai dès qu'on marche. on a un bebe de 8 mois. ~
on a essaye la mediation de la mairie, dossier {ref}, sans resultat. {p1.fn} et {p2.fn} (couple), apt 12

=== fr FR | voisin
Mme {p1.up} épouse {p2.ln}, née le {dob} à {city}, se plaint des infiltrations d'eau venant de l'appartement du dessus. ~
Le voisin ({p3.ln}) ne répond pas aux courriers. Tél domicile {tel}

=== fr FR | bruit
Vous pouvez me rappeler au {tel.spell}, demandez {p1.fn}. C'est pour la salle des fêtes qui fait des soirées privées ~
tous les week-ends jusqu'à 4h sans autorisation.

=== fr FR | bruit
Nuisances : voisin qui répare des scooters dans la cour la nuit. Tout le monde l'appelle {p1.nick}, de son vrai nom ~
{p1} je crois. Les plaques que j'ai relevées : {plate}, {plate2}. Je ne veux pas être cité.

=== fr BE | bruit
Bonjour, la discothèque au bout de ma rue fait trembler les vitres jusqu'à 5h du matin le week-end. ~
J'ai des enregistrements. {p1}, {addr}. Disponible par mail: {p1.mailx}

=== fr FR | transport
Rapport de contrôle n° {ref}, ligne {line}. Voyageuse sans titre : {p1}, née le {dob}, déclare résider {addr}. ~
Refus de payer l'amende (50 €). Indique un numéro : {tel}. Agents : {s1.ln} / {s2.ln}.

=== fr CH | transport
Conducteur TPG, ligne {line}. Une passagère a fait un malaise vers {time}, aidée par un monsieur qui a laissé ~
ses coordonnées : {p1}, {tel}. À transmettre si la famille veut le remercier.

=== fr FR | ecole
Je suis le directeur de l'{school} ({city}). Message de la maman de {k1} ({classe}) : ~
un homme a proposé de la drogue à son fils près du portail. Elle a pris une photo de la voiture : {plate}.
Coordonnées de la maman : {p1}, {tel}

=== fr FR noacc | ecole
Mme la directrice {p1.ln} signale que des seringues ont ete trouvees pres du portail. ~
Ecole maternelle, {addr}. Merci d'intervenir avant 8h20 (entree des eleves).

=== fr FR | squat
A l'attention du service Habitat,
Je suis propriétaire d'un local commercial {addr}, occupé illégalement. ~
Pièces jointes: titre de propriété, dépôt de plainte. {p1}, né le {dob}. RIB pour les frais de procédure : {iban}

=== fr QC | squat
Propriétaire du dépanneur au coin, je signale que le bloc vacant à côté est occupé la nuit, feu allumé dans le sous-sol. ~
{p1}, {tel}.

=== fr FR | marche
Marché de nuit : les stands de restauration débordent sur la voie pompiers. ~
Le placier, M. {s1.ln}, laisse faire. Je suis commerçant, emplacement 12, réf. abonné {ref}. {p1}, {tel}

=== fr FR | marche
RIB pour le remboursement de mon abonnement (marché du jeudi supprimé) : titulaire {p1}, {iban}.
Adresse : {addr}. Merci

=== fr BE | marche
Bonjour, maraîcher au marché du dimanche. Les emplacements ont été retracés et le mien est passé de 6 à 4 mètres. ~
Personne ne m'a prévenu. {p1}, tél {tel}.

=== fr FR | manif
Nous sommes un groupe de parents d'élèves et voulons organiser une chaîne humaine devant l'école le {date}. ~
Faut-il déclarer? Contact: {p1}, maman de {k1} et {k2}. {p1.mail}

=== fr CH | manif
Demande d'autorisation de manifestation — parcours gare / place fédérale.
Organisation : {asso}. Répondant : {p1}, {addr}, {tel}, {p1.mail}.

=== fr FR | depot
Gardien, résidence {resid}. Le locataire du 5e, {p1}, a vidé sa cave dans le hall. ~
J'ai son adresse de réexpédition : {addr}. Il déménage chez {p2}, je crois.

=== fr FR upper | depot
DEPOT SAUVAGE ENCORE DEVANT LE {addr} !!! MATELAS + CANAPE. C EST LA 4EME FOIS. FAITES QUELQUE CHOSE

=== fr FR | parc
Bonjour, mon fils {k1} s'est blessé sur le tourniquet de l'aire de jeux le {date} (plaie au menton, 4 points). ~
Je voudrais savoir comment faire une déclaration à l'assurance de la ville.
{p1} (née le {dob}), {addr}

=== fr FR lower | parc
le square ferme à 19h mais le gardien ferme à 18h30, on se retrouve enfermés avec les poussettes. ~
je suis la maman de {k1}, on vient tous les jours.

=== fr FR | velo
Je suis cycliste et je me suis fait ouvrir une portière dessus {street}. Le conducteur, {p1} (il m'a donné son nom), ~
immatriculation {plate}, refuse le constat. Mon numéro {tel}, mon mail {p2.mail}.

=== fr QC | velo
La piste cyclable sur {street} n'est pas déneigée, on roule dans la rue. Intersection avec {street2} très dangereuse.
{p1}, cycliste, {p1.mail}

=== fr FR | taxi
Taxi, carte pro n° {ref}. Un véhicule de location {plate} est stationné sur notre emplacement tête de station ~
depuis 2 jours. Ma collègue {p2.fn} a aussi signalé. {p1}

=== fr BE | taxi
Je suis chauffeur de taxi à {city}. Les bus touristiques se garent sur la station taxi de la gare. ~
Hier, car {plate} pendant 3 heures. {p1.up} GSM {tel}

=== fr FR | infirmiere
Cadre de santé de nuit. Agression d'une aide-soignante ({p1.fn}) à la sortie du service, 5h45, parking P2. ~
L'agresseur serait le compagnon d'une patiente, {p2}. Plainte déposée. Contact direction : {tel}.

=== fr QC | infirmiere
Infirmière de nuit, je rentre à pied vers 7h. Hier une bagarre entre 4 personnes devant le dépanneur au coin de {street}. ~
Je suis témoin : {p1}, {tel}.

=== fr BE | hotel
Hôtel, réception de nuit. Un client, {p1}, né le {dob}, s'est fait agresser en rentrant. Il porte plainte demain. ~
Il demande qu'on le rappelle à l'hôtel: {tel}, chambre 12.

=== fr FR | hotel
Réception {hotel}. Réclamation de la cliente {p1} (réf client {ref}) : bruit de la benne à verre vidée à 6h. ~
Elle demande un geste commercial, nous transmettons pour info. Son mail: {p1.mail}

=== fr FR | livraison
Transporteur {company}. Le camion {plate} a été verbalisé alors qu'il livrait la pharmacie (aire de livraison occupée ~
par une voiture {plate2}). Contestation au nom de la société, SIREN {siren}, gérant {p1}.

=== fr CH | livraison
Bonjour, la rue est bloquée par un échafaudage sans autorisation visible. Nos camions ne passent plus. ~
Responsable dispo: {p1}, {tel}

=== fr FR | suivi
Appel entrant - usager rappelle. Voir échange du {date}:
« Bonjour je suis {p1.fn}, la maman de {k1}, en {classe}, je vous avais appelé pour le trou dans le grillage »
Opérateur: la réparation est programmée. Usager informé.

=== fr FR | suivi
Relance : l'usagère ({p1}) signale que le courrier de réponse est arrivé chez sa voisine, {p2}, {addr}. ~
Merci de corriger l'adresse dans le dossier {ref} : c'est le {addr2}.

=== fr FR | transfert
Transféré par {s1} (Pôle Social) au CCAS :
la personne souhaite que l'aide soit versée sur ce compte : {iban}, titulaire {p1}. NIR {nir}. ~
Merci de ne pas répondre à l'usager directement.

=== fr CH | transfert
Transféré par {s1} au Service de la mobilité.
Citoyen: {p1}, {addr}, {tel}. Demande de marquage d'un passage piéton devant l'EMS.

=== fr BE | transfert
Transféré par la cellule Mobilité au service Travaux : les potelets arrachés au coin de la place ne relèvent pas ~
de notre compétence. Merci.

=== fr FR | taxi
Je conteste le FPS reçu pour ma voiture {plate} le {date}. J'étais garé sur la place taxi car je SUIS taxi. ~
J'ai payé par carte ({card}) pour ne pas avoir de majoration, je demande le remboursement. {p1}, {addr}

=== fr FR | depot
Pour info, les encombrants devant l'entrée B appartiennent à l'ancien locataire. ~
Courrier à lui renvoyer aux bons soins de {p1}, {addr}. Merci. Le gardien.

=== fr FR | voisin
Bonjour, je vis à {city.dom}. Mon voisin a construit un mur qui déverse l'eau de pluie chez moi. ~
Je suis {p1}, {addr.dom}, téléphone {tel.dom}. NIR {nir.dom}.

=== fr FR | bruit
Bonsoir, ici {p1} à {city.corse}. Les motos font des courses sur la route de la plage tous les soirs à partir de 23h. ~
Adresse : {addr.corse}. Je suis né le {dob} si vous avez besoin pour le dossier. NIR {nir.corse}

=== fr FR | velo
Les potelets du contresens cyclable ont été arrachés, les voitures se garent dessus. Merci de les remettre. ~
Cycliste du quartier.

=== fr QC | bruit
Le déneigement se fait à 3h du matin avec la souffleuse qui recule en bipant sous nos fenêtres. Est-ce normal ? ~
Pas besoin de me rappeler.

=== fr FR lower | marche
les toilettes publiques du marché sont fermées le dimanche, les gens font dans les coins derrière les camions. ~
c'est indigne.

=== fr FR | hotel
Bonsoir, l'hôtel signale qu'une voiture brûlée est toujours sur le parking visiteurs depuis 10 jours. ~
Pas de plaque lisible. Merci d'organiser l'enlèvement.

=== fr FR | infirmiere
Bagarre devant la pharmacie de garde vers 1h, deux blessés légers pris en charge par les pompiers. ~
Nous demandons plus de passages la nuit.

=== fr BE | ecole
La direction signale des jeunes qui fument et vendent devant la grille pendant le temps de midi. ~
Ce n'est pas nouveau. Demande de passage police.

=== fr FR | transport
Incident ligne {line} : le bus a été caillassé vers 21h30 au niveau de l'arrêt {stop}. Vitre arrière brisée, ~
pas de blessé. Service interrompu 40 min.

=== fr FR | suivi
Rappel usager pour le dossier {ref} : il dit que rien n'a été fait, l'opérateur lui lit la réponse du service ~
technique du {date}. Usager pas satisfait.

=== fr CH | depot
Déchets verts déposés dans la forêt au bout du chemin, environ 2 m³. Trace de remorque. Aucun indice sur l'auteur.

=== fr BE | suivi
Suite à votre courrier du {date} (réf {ref}) voici mon numéro de compte pour le remboursement de la taxe : {iban}.
{p1}, {addr}

=== fr CH | marche
Pour le remboursement de la taxe d'emplacement, voici mes coordonnées bancaires : {iban}, au nom de {p1}.
Domicile : {addr}.

=== fr FR | manif
Bonjour, je suis {p1.fn} de l'association {asso} (SIRET {siret}). On voudrait modifier l'itinéraire du cortège ~
pour éviter les travaux, on passe par {street} au lieu de {street2}. Mon tel : {tel}

=== fr FR | bruit
La vieille dame du 1er ({p1.ln}) écoute la télé à fond toute la nuit. Je pense qu'elle est sourde et seule. ~
Peut-être prévenir les services sociaux plutôt que la police. Réponse à {p2.mailx} svp, pas par téléphone.

=== fr FR | squat
Bonjour, le squat de la {street} a été évacué mais les occupants sont revenus ce soir. ~
Le commerçant voisin, {p1}, refuse de porter plainte par peur. Je suis l'agent de médiation : {s1}.

=== fr FR | voisin
Madame,
suite à notre conversation téléphonique, je vous confirme mes coordonnées : {p1}
Adresse : {addr}
Tél : {tel}
Mail : {p1.mail}
Né(e) le : {dob}
Le problème de la clôture avec M. et Mme {p2.ln} n'est toujours pas réglé.

=== fr FR | bruit
c est quoi ce bordel tous les soirs avec les motos sur le parking du Lidl ?? personne fait rien. ~
ma femme {p1.fn} travaille de nuit elle peut pas dormir le jour non plus avec le chantier. {tel}

=== fr BE | voisin
Mon voisin, M. {p1.ln}, a installé une caméra qui filme mon jardin. Je lui ai demandé de la déplacer, il refuse. ~
Je suis {p2}, né le {dob}, domicilié {addr}. Gsm: {tel}. Mail: {p2.mail}

=== fr CH | bruit
Bonsoir, la pompe à chaleur du voisin tourne toute la nuit, 50 dB mesurés devant ma fenêtre. ~
Le voisin c'est {p1}, {addr}. Moi je suis juste en dessous, {p2.fn}, {tel}.

=== fr QC | suivi
Suivi de la requête {ref}. La citoyenne, {p1}, a rappelé pour dire que le nid-de-poule a été bouché mais mal. ~
Elle habite toujours au {addr}. Nouveau numéro de cell : {tel}.

=== fr FR | transfert
Transféré par {s1} (Mairie annexe) à la Police municipale. Une commerçante, {p1}, gérante de {org} ~
(SIRET {siret}), se plaint de vols à l'étalage répétés par le même groupe. Contact : {tel}.

=== fr FR | ecole
Bonjour, je suis la maman de {k1} et de {k2} (en {classe}). Les grands de la cité attendent devant le portail ~
avec des sacs plastiques, ils vendent aux collégiens, tout le monde le sait. {p1}, {p1.mail}

=== fr FR noacc | marche
Commercant marche Saint-Pierre, je demande le remboursement des 3 marches annules pour travaux. ~
{p1}, {addr}, tel {tel}, IBAN {iban}

=== fr FR | manif
Info pour le service : la manif des agriculteurs passera par {street} demain matin avec des tracteurs, ~
d'après les réseaux sociaux. Aucune déclaration reçue. Prévoir la déviation des bus.

=== fr BE | depot
Dépôt clandestin de déchets de chantier rue de la Station, photos jointes. Une camionnette {plate} a été vue. ~
Témoin : {p1}, {tel}

=== fr FR | velo
Bonsoir, j'ai chuté à vélo à cause d'une plaque d'égout descellée au {addr} le {date}. ~
Fracture du poignet. Je souhaite engager la responsabilité de la commune. {p1}, né le {dob}, {tel}, {p1.mail}.

=== fr FR | taxi
TAXI. voiture ventouse {plate} sur la station de l'hôpital depuis 2 semaines. c'est un véhicule épave. ~
{p1.fn} taxi n° 57

=== fr FR | infirmiere
Aide-soignante de nuit à l'EHPAD. Un résident ({p1}, {age.old} ans) a été agressé par un visiteur alcoolisé. ~
La famille demande que la mairie soit informée. Contact famille : {p2}, {tel}, {addr}.

=== fr FR | hotel
Réceptionniste, hôtel de 20 chambres. Un client a laissé sa carte bancaire au comptoir : {card}, au nom de {p1}. ~
Nous l'avons mise au coffre. Que faire ? Il ne répond pas au {tel}.

=== fr FR | livraison
Bonjour, nous sommes une petite entreprise de déménagement ({company}, SIREN {siren}). ~
Nous avions une autorisation de stationnement pour le {date} au {addr} mais la rue était barrée pour la brocante.

=== fr BE | suivi
Rappel de Mr {p1.ln} concernant son dossier {ref}. Il s'est trompé de numéro la dernière fois, ~
le bon c'est le {tel}, et l'adresse c'est {addr} et pas {addr2}.

=== fr FR | transport
Rapport de la contrôleuse {s1} : individu sans titre ayant donné l'identité de {p1}, né le {dob}. ~
Vérification : identité fausse, le vrai nom serait {p2}. Transmis à la police.

=== fr FR | voisin
Bonjour, je m'appelle [[Kévin|PERSON]] avec un accent, [[KEVIN DUBREUIL|PERSON]] sur les papiers. Le voisin ~
d'en face klaxonne chaque matin à 6h pour appeler son fils. Adresse {addr}, portable {tel}.

=== fr FR | bruit
Tapage nocturne : appartement du 3e, locataires {p1.ln}. Le bailleur (réf. locataire {ref}) ne fait rien. ~
Je suis l'occupante du dessous, {p2}, {addr}. Merci de ne pas donner mon nom.

=== fr FR | parc
Je suis assistante maternelle, j'emmène 3 petits au parc tous les matins. Les jeux des 2-6 ans sont dangereux ~
(vis apparentes). Agrément n° {ref}. {p1}, {tel}

=== fr QC | ecole
Bonjour, je suis directrice de l'école primaire du quartier. Des jeunes vendent du pot au coin de {street} ~
à l'heure de la sortie. Je m'appelle {p1}, vous pouvez me joindre au {tel}.

=== fr FR | suivi
> Le {date}, {p1} <{p1.mail}> a écrit :
> Je vous remercie de votre réponse mais le problème persiste, les rats sont toujours dans la cour du {addr}.
Opérateur : nouvelle intervention de dératisation demandée.

=== en UK | neighbour
Hi, I've been having problems with my next door neighbour for about a year now. It started with the fence, ~
he says it's on his side and he took it down without asking, now his dogs come into my garden. ~
He's called {p1.fn}, I don't know his surname, he lives at number 16. I'm {p2}, {addr}, mobile {tel}.

=== en US | neighbour
My upstairs neighbor {p1} plays drums every day from 9pm. I have talked to building management (ticket {ticket}) ~
with no result. I am {p2}, {addr}. Best # is {tel}. Thanks

=== en IE | neighbour
Hello, writing on behalf of my dad, {p1}, he's {age.old} and lives alone at {addr}. ~
The young lads in the house opposite park across his driveway every weekend, reg {plate}. ~
Can someone have a word. {p2.fn} (daughter) {tel}

=== en CA | neighbour
Neighbour keeps burning garbage in the backyard firepit, smoke comes in my windows. Bylaw said to file here.
{p1}, {addr}. email {p1.mail}

=== en UK lower | neighbour
the people upstairs have had a leak for 3 weeks and it's coming through my ceiling now. the landlord won't answer. ~
who do i contact?

=== en UK | neighbour
Name: {p1}
DOB: {dob}
Address: {addr}
Tel: {tel}
Details: ongoing harassment by neighbour ({p2}) incl. shouting abuse over the fence and damaging my car.

=== en IE | neighbour
Caller gave name as [[Sean O'Neill|PERSON]], then corrected: "no sorry, it's [[Seán Ó Néill|PERSON]], with the fadas". ~
Complaint about hedge from neighbouring property blocking the footpath. Phone {tel}.

=== en UK | noise
It's {time} and the flat above (Flat 6) is having another party. Bass so loud my windows rattle. ~
This is the fourth weekend in a row. I've logged it before under ref {ref}. {p1.fn}, {tel}

=== en US upper | noise
LOUD MUSIC FROM THE HOUSE AT {addr} EVERY NIGHT UNTIL 3AM. POLICE CAME ONCE AND LEFT. PLEASE HELP. {p1}

=== en US | noise
Construction crew at the lot on the corner started pouring concrete at 4:30am today. Isn't there an ordinance about that? ~
Whole block was woken up.

=== en IE | noise
Hi there, noise complaint re: the pub on the corner, they have live music in the beer garden til 1am on weeknights. ~
I live directly behind at {addr}. Regards, {p1} ({p1.mail})

=== en CA | noise
Car alarms going off every night in the underground garage. One car in particular, plate {plate}. ~
Superintendent isn't doing anything. {p1}, unit 1204, {tel}

=== en UK | transport
Driver report, route {line}. At approx {time} a male passenger became abusive when asked to pay, spat at the screen. ~
He got off at {stop}. CCTV requested. Driver: {s1} (staff no. 40231).

=== en UK | transport
Revenue inspector report. Passenger without valid ticket gave details as {p1}, DOB {dob}, {addr}. ~
Details checked against ID: yes. Penalty fare issued, ref {ref}.

=== en IE | transport
Luas driver here. Kids throwing stones at the tram between the last two stops most evenings around half 8. ~
Nobody hurt yet but a window cracked on Tuesday.

=== en US | transport
Bus operator incident report. Bus {line}, stop at {stop}. Vehicle {plate} parked in the bus zone, had to board ~
passengers in traffic. Operator {s1.ln}, badge 2291.

=== en CA | transport
Streetcar operator: passenger left a wallet on board, ID shows {p1}, born {dob}, {addr}. Turned in at the division, ~
bag tag {ref}.

=== en UK | tourist
Hello, I'm visiting from {city} and my phone was stolen on the metro yesterday around 5pm, near the {stop} station. ~
A group of teens surrounded me at the door. I need a report number for insurance. ~
{p1}, staying at the {hotel}, my husband's number {tel}.

=== en US | tourist
Hi, we're tourists from the US. My wife's purse was pickpocketed at the Christmas market. ~
It had her credit card ({card}, already cancelled), and her driver's license. Her name is {p1}, DOB {dob}. ~
We're here until Sunday, reach me at {tel} or {p2.mail}.

=== en IE | tourist
Pickpockets working the tram stop outside the cathedral - I saw them take a wallet from an elderly man. ~
I shouted and they ran off. Just wanted someone to know. Not looking for a reply.

=== en CA | tourist
Visiting from {city}. Had my backpack taken from under my chair at a cafe terrace on the main square. ~
Passport, laptop. Please contact me by email: {p1.mailx}. Name {p1}.

=== en UK | tourist
To whom it may concern,
I was the victim of a pickpocket at the train station on {date}. The police officer asked me to report it here too. ~
Name: {p1}. Home address: {addr}. Mobile {tel}. The card stolen ends in 4417 and has been blocked.

=== en US lower | tourist
hey someone grabbed my phone right out of my hand at the bus stop by the old bridge. two guys on a scooter. ~
im {p1.fn}, american, staying at an airbnb. {p1.mail}

=== en UK | hotel
Night receptionist at the {hotel}. Guests on the 3rd floor complaining about the nightclub opposite, music till 4am. ~
Three guests asked for refunds. Please call me back on {tel}, ask for {p1.fn}.

=== en IE | hotel
Reception here. Bin lorry comes at 5am every morning and the crew throw the glass into the truck right under ~
the guest rooms. Can the collection be moved to later?

=== en US | hotel
Front desk, {hotel}. A guest, {p1}, room 512, wants to file a noise complaint against the rooftop bar next door. ~
She's checking out tomorrow, her email is {p1.mail}. Reservation {ref}.

=== en CA | hotel
Hi, I manage the front desk at the {hotel}. Drunk people fighting on our front steps every Friday. ~
Guests scared. My name is {p1}, direct line {tel}.

=== en UK | delivery
Hi, {company} here. Our drivers can't get down {street} since the new bollards went in - no notice was given. ~
We have 40 parcels a day for that street. Ops contact: {p1}, {tel}, {p1.mail}.

=== en US | delivery
Our truck {plate} got a ticket while unloading at a marked loading zone that was occupied by a private car. ~
Contesting on behalf of {company}. Fleet manager {p1}. Ticket # {ticket}.

=== en IE | delivery
Road closed for a film shoot all day with no diversion signs. Drivers wasted hours. Who approves these closures?

=== en CA | delivery
Courier here, the alley behind the shops is always blocked by a dumpster. Today my van {plate} got scratched ~
trying to get past. {p1}, {tel}

=== en UK | followup
Follow-up call. Copy of previous message below:
-----Original Message-----
From: {p1} <{p1.mail}>
Sent: {date}
Subject: broken streetlight
The light outside {addr} has been out for a month. Someone fell last week.
-----
Operator note: escalated to highways. Caller informed.

=== en US | followup
Caller {p1.ln} phoned again re case {ref}. Says "my number is the same as last time". ~
Confirmed number on file {tel}. No change of address.

=== en IE | followup
Follow-up: resident confirms graffiti removed from the underpass. Close case. Thanked the team.

=== en CA | followup
> On {date}, {p1} wrote:
> I reported the pothole in front of {addr} two weeks ago, nothing done, my tire is ruined.
Reply: claim form sent to {p1.mail}. Case {ref}.

=== en UK | forwarded
Forwarded by {s1} (Customer Services) to Environmental Health.
Resident {p1} at {addr} reports rats from the takeaway bins next door. Tel {tel}.

=== en IE | forwarded
Fwd by {s1.ini} - Roads to Parks. This one's yours I think: dangerous tree in the green behind {addr}, ~
caller {p1}, {tel}.

=== en US | forwarded
Forwarded by Public Works to Parks & Rec: request concerns the playground fencing, not the sidewalk. Please reassign.

=== en CA | forwarded
Forwarded by {s1} to By-law Enforcement. Complainant {p1} ({tel}) re: illegal parking on boulevard, ~
vehicles {plate} and {plate2}.

=== en UK | school
Dear Sir/Madam,
I am the headteacher of {school}. For several weeks there has been a group of young men dealing drugs near ~
the school gate at pick-up time. Parents have seen transactions. One of them drives a black Audi, reg {plate}.
Please contact me on {tel} or {p1.mail}.
Yours faithfully,
{p1}

=== en IE | school
Principal here. Vaping and weed being sold to students at the side gate near the GAA pitch. Need Garda presence at 3:30.

=== en US | school
Principal, {school}. A parent reported that a man offered pills to students by the crosswalk on {street}. ~
The parent is {p1}, mom of {k1} ({classe}), cell {tel}.

=== en CA | school
Hi, I'm the vice-principal at {school}. Students report dealing in the park across from the main doors. ~
One student, {k1.full}, was approached twice. Parent contact: {p1}, {p1.mail}.

=== en UK | squat
I run the newsagent at {addr}. The empty unit next door has been squatted for two weeks, they've tapped into ~
our electric. {p1}, {tel}

=== en US | squat
Vacant building next to my store has people living in it, fires at night. I'm scared it'll burn. Please send someone.

=== en IE | squat
Shop owner on {street}. Squatters in the derelict pub beside us. Owner of the building is {p1} I believe, ~
lives in {city}. Me: {p2}, {tel}

=== en UK | market
Market trader, pitch 23 on the Saturday market. The new layout puts me behind the burger van, footfall down by half. ~
Licence no. {ref}. {p1}, {tel}

=== en IE | market
Hi, stallholder at the farmers' market. I paid for the season (€340) but my pitch was given to someone else ~
on {date}. Refund to {iban} please, account name {p1}.

=== en CA | market
The farmers' market has no handwashing station this year. Food vendors are complaining. Who handles this?

=== en UK | demo
On behalf of {asso}, we're notifying a march on {date}: assembling 12 noon at the park gates, then along {street} ~
to the town hall. Approx 500. Stewards' contact: {p1} {tel}.

=== en US | demo
Permit application for a rally. Route: from {stop} down {street} to City Hall plaza. ~
Organizer: {p1}, {addr}, {tel}, {p1.mail}.

=== en IE | demo
Residents association asking whether the parade route on Sunday will block access to the nursing home. ~
We need ambulance access at all times.

=== en UK | dumping
Caretaker at {resid}. Fly-tipping again by the bin store - sofa, mattress and builders' rubble. ~
A white van {plate} was seen unloading at 11pm. {p1}, {tel}

=== en US lower | dumping
someone dumped like 20 tires behind the building again. third time this month. super says call the city.

=== en CA | dumping
Building super, {addr}. Found envelopes in the dumped bags addressed to {p1}, {addr2}. Maybe that helps. {p2.fn}

=== en UK | playground
Hi, I'm {k1}'s mum, {k1} is in {classe} at {school}. The swing at the rec has a snapped chain, ~
my son cut his hand yesterday. {p1}, {tel}

=== en IE | playground
Broken glass all over the playground in the park again this morning. Kids can't use it. ~
Can it be swept before school lets out?

=== en US | playground
Parent here, my daughter {k1} ({age.kid}) fell from the climbing frame because a rung is missing. ~
She's ok but it could be much worse. {p1}, {addr}

=== en CA | playground
The splash pad has been broken since July. My kids {k1} and {k2} ask every day lol. {p1.fn}, {p1.mail}

=== en UK | cycling
The junction at {street} and {street2} is a death trap. Bike lane just ends and you're thrown into left-turning traffic. ~
Was nearly hit by {plate} this morning. {p1}, {tel}

=== en IE | cycling
The cycle lane on the quays is full of parked delivery vans every morning. Not once have I seen a warden. ~
Please do something.

=== en US | cycling
Cyclist. Driver ran the red at the intersection and clipped me, then drove off. Plate {plate} I think. ~
I'm {p1}, born {dob}, {addr}. Went to ER, have records.

=== en CA | cycling
Hi, the painted bike lane on {street} has faded completely. Drivers don't see it. {p1}, cycling commuter, {p1.mail}

=== en UK | taxi
Hackney driver, badge 7731. The rank outside the station is full of private hire and private cars every night. ~
Tonight: {plate}, {plate2}. {p1}, {tel}

=== en IE | taxi
Taxi rank on the main street blocked by a skip for a week. No licence displayed on it. We have nowhere to pick up.

=== en US | taxi
Cab driver, medallion # {ref}. Cars parked in the taxi stand at the airport arrivals curb, e.g. {plate}. {p1}

=== en UK | nurse
Night shift nurse at A&E. Fight broke out in the waiting room at {time} between two groups. ~
One man, {p1} (DOB {dob}), assaulted a security guard. Police attended. We need more patrols. {p2.fn}, RN

=== en IE | nurse
Coming off a night shift this morning I saw two men fighting outside the chipper, one had a bottle. ~
I'm a nurse, I stayed with the injured lad till the ambulance came. Contact {p1}, {tel}.

=== en CA | nurse
Night staff at the clinic report fights in the parking lot most weekends around closing time of the bar. ~
Lighting is poor. Request patrols.

=== en UK | neighbour
Letter for {p1} c/o {p2}, {addr}. Re: complaint about neighbour's CCTV camera pointing into my garden.

=== en US | neighbour
My neighbor's tree fell on my fence in the storm, he refuses to pay. His name's {p1}, he's at {addr}, ~
I'm {p2}, {tel}. I have photos, and his insurance (policy {ref}).

=== en IE | noise
Dog barking all day while owner's at work. Owner: {p1} I think, house opposite. Me: {p2}, {addr}, {p2.mail}.

=== en UK | noise
Noise complaint - ice cream van playing its chimes at 9pm. Reg {plate}. Regards, {p1.ini}

=== en CA | transport
Bus driver, route {line}. Passenger {p1} gave me this to pass on: she saw a man exposing himself at {stop}. ~
She can be reached at {tel}.

=== en US | followup
Re: Case {ref}
Per our call, attaching my details again: {p1}, DOB {dob}, {addr}, {tel}. Payment for the permit was made by card {card}.

=== en UK | forwarded
Forwarded by {s1} to Licensing. The market trader {p1} (pitch 12) wants a refund to {iban}. Please process.

=== en IE | school
Hi, I'm {k1}'s dad, he's in {classe}. There's lads selling vapes through the school railings at lunch. ~
Other parents have seen it too. {p1}, {tel}

=== en US | tourist
We were pickpocketed on the tram, line {line}, my husband's wallet. His name is {p1}, we're at the {hotel}, room 3. ~
Our cell is {tel}. Cards cancelled already.

=== en UK | tourist
Hi, I'm a tourist from {city}. A man distracted me with a petition while another took my wallet near the cathedral. ~
Insurance needs a report. {p1}, {p1.mail}, UK mobile {tel}.

=== en IE | tourist
Hello! On holiday here with my family. Phone stolen at the station. My details: {p1}, {addr}, {tel}. Many thanks

=== en CA | hotel
Night auditor here. Guest {p1} had her card skimmed at the ATM across the street - card {card}. Bank informed. ~
She wants it on record.

=== en UK | delivery
Our van was clamped while making a delivery on {street}. Driver {p1}, vehicle {plate}. Company: {company}. ~
Invoice {ticket}.

=== en US | dumping
Illegal dumping at the end of the cul-de-sac. Pickup truck {plate} seen unloading. I'm the property manager, {p1}, {tel}.

=== en UK | playground
The outdoor gym equipment in the park has a loose bolt. Not urgent but someone will get hurt. ~
Reported by {p1.fn} (no need to reply).

=== en UK | transport
Tram controller report: fare evasion very high on the evening services, staff feel unsafe checking tickets alone ~
after 10pm. Request double-crewing.

=== en US | neighbour
I'd rather stay anonymous. The house on the corner has cars coming and going all night and people shouting. ~
It's been months.

=== en CA | market
Vendor at the night market, stall 18. Another vendor, {p1}, keeps setting up on my spot. Market manager says to ~
report here. Me: {p2}, {tel}

=== en IE | forwarded
Transferred by {s1} (Housing) to Environment: tenant {p1} at {addr} reports dumped mattresses on the green. Tel {tel}.

=== en US | nurse
ER night nurse. Patient {p1}, DOB {dob}, was brought in after a bar fight on {street}. He says the other guy ~
drives a {plate}. Reporting per policy. {s1.ln}, RN

=== en CA | cycling
Bike box at the intersection by the library is never respected. Could we get a camera or at least a sign?

=== en UK | market
RE: street trading licence renewal
Name: {p1} / DOB: {dob} / Address: {addr} / Tel: {tel} / Email: {p1.mail}

=== en IE | hotel
Guesthouse owner. Stag parties every weekend on the street, singing at 3am, vomit on our steps. ~
We need more Garda on Saturday nights.

=== en US | demo
We're the tenants' union. March on {date}, route along {street}. Contact {p1.fn} at {p1.mailx}.

=== en UK | followup
Caller rang back re ref {ref}. Gave name as {p1}, "it's the same number as before", confirmed {tel}. ~
Asked that letters go to her daughter, {p2}, {addr}.

=== en UK | neighbour
Dear Council,
I wish to complain AGAIN about my neighbour at no. 42. Mr {p1.ln} runs a car repair business from his driveway, ~
engines revving at all hours, oil on the pavement. I have written 3 times (ref {ref}). My details are on file ~
but for completeness: {p2}, {addr}, {tel}.

=== en US | noise
hi its {p1.fn} again from the apartment on the 3rd floor, same problem w/ the bar downstairs, ~
my number hasn't changed. please just send someone this friday

=== en IE | dumping
Someone's been dumping bags of household rubbish at the bottle bank on the Dublin Road. One bag had letters ~
addressed to a {p1}, {addr}. Hope this helps. {p2.ini}

=== en CA | neighbour
Hello, I live at {addr}. My neighbour {p1} has 6 dogs in a 1 bedroom and they bark all night. ~
I'm {p2}, born {dob.year}, disabled, home all day. Phone {tel}.

=== en UK | nurse
Community nurse here (night visits). Was threatened by a group of youths on the stairwell at {resid} around midnight. ~
Reported to police, crime ref {ref}. I'd like the lighting fixed. {p1}, {p1.mail}

=== en US | market
Food truck owner. The new street vending rules put us 3 blocks away from the park. We lost half our sales. ~
{company}, owner {p1}, {tel}

=== en UK | taxi
Private hire driver. I was given a parking ticket while dropping off a wheelchair user outside {addr}. ~
Vehicle {plate}. Paid with card {card} to avoid the surcharge, want a refund. {p1}

=== en IE | transport
Bus driver, route {line}. Drunk passenger assaulted another passenger at {stop}. Victim: {p1}, {tel}, ~
happy to give a statement. Driver {s1}.

=== en CA | squat
Owner of the convenience store next to the old bank building. People breaking in at night. ~
I'm {p1}, store at {addr}, cell {tel}.
"""

# --------------------------------------------------------------------------------------------------------------
# generators
# --------------------------------------------------------------------------------------------------------------

FR_UNITS = "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize".split()
FR_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}
EN_DIGITS = "zero one two three four five six seven eight nine".split()


def fr_number(n: int) -> str:
    if n < 17:
        return FR_UNITS[n]
    if n < 20:
        return "dix-" + FR_UNITS[n - 10]
    if n < 70:
        t, u = divmod(n, 10)
        return FR_TENS[t] + ("" if u == 0 else " et un" if u == 1 else "-" + FR_UNITS[u])
    if n < 80:
        return "soixante et onze" if n == 71 else "soixante-" + fr_number(n - 60)
    return "quatre-vingts" if n == 80 else "quatre-vingt-" + fr_number(n - 80)


def slug(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]", "", s)


def strip_accents(s: str) -> str:
    out = []
    for ch in s:
        base = unicodedata.normalize("NFD", ch)[0]
        out.append(base if len(base) == 1 else ch)
    return "".join(out)


class Ctx:
    def __init__(self, rng: random.Random, lang: str, country: str):
        self.rng, self.lang, self.country = rng, lang, country
        self.people: dict[str, dict] = {}
        self.cache: dict[str, str] = {}
        self.used: set[str] = set()

    # ---- helpers ------------------------------------------------------------------------------------------
    def d(self, n: int) -> str:
        return "".join(str(self.rng.randint(0, 9)) for _ in range(n))

    def pick(self, seq):
        return self.rng.choice(seq)

    def person(self, key: str, kid: bool = False) -> dict:
        if key not in self.people:
            r = self.rng
            native = r.random() < 0.8
            fr = (self.lang == "fr") == native
            fn = r.choice(KIDS) if kid else r.choice(FIRST_FR if fr else FIRST_EN)
            ln = r.choice(LAST_FR if fr else LAST_EN)
            if not kid and r.random() < 0.05:
                ln = ln + "-" + r.choice(LAST_FR if fr else LAST_EN).split()[-1]
            self.people[key] = {"fn": fn, "ln": ln, "fr": fr}
        return self.people[key]

    # ---- persons ------------------------------------------------------------------------------------------
    def initial(self, name: str) -> str:
        return "-".join(part[0] + "." for part in name.split("-"))

    def person_text(self, base: str, idx: str, attr: str) -> tuple[str, str]:
        r = self.rng
        if base == "k":
            p = self.person("k" + idx, kid=True)
            if attr == "full":
                parent = self.person("p1")
                return f"{p['fn']} {parent['ln'].split('-')[0]}", "PERSON"
            return (p["fn"] if r.random() < 0.9 else p["fn"].lower()), "PERSON"
        p = self.person(base + idx)
        fn, ln = p["fn"], p["ln"]
        if attr == "fn":
            return (fn if r.random() < 0.88 else fn.lower() if r.random() < 0.5 else fn.upper()), "PERSON"
        if attr == "ln":
            return (ln if r.random() < 0.75 else ln.upper()), "PERSON"
        if attr == "up":
            return r.choice([f"{ln.upper()} {fn}", f"{fn} {ln.upper()}", f"{ln.upper()} {fn.upper()}"]), "PERSON"
        if attr == "ini":
            return r.choice(
                [
                    f"{self.initial(fn)}{self.initial(ln)}",
                    f"{self.initial(fn)} {self.initial(ln)}",
                    slug(fn)[0].upper() + slug(ln)[0].upper(),
                ]
            ), "PERSON"
        if attr == "nick":
            return r.choice(NICK_FR if self.lang == "fr" else NICK_EN), "PERSON"
        if attr in ("mail", "mailx"):
            return self.mail(base + idx, p, disguised=attr == "mailx"), "EMAIL"
        if attr:
            raise ValueError(attr)
        x = r.random()
        if x < 0.35:
            s = f"{fn} {ln}"
        elif x < 0.47:
            s = f"{ln.upper()} {fn}"
        elif x < 0.59:
            s = f"{fn} {ln.upper()}"
        elif x < 0.65:
            s = f"{ln} {fn}"
        elif x < 0.73:
            s = f"{self.initial(fn)} {ln}"
        elif x < 0.80:
            s = f"{fn} {ln}".lower()
        elif x < 0.86:
            s = f"{fn} {ln}".upper()
        elif x < 0.92 and self.lang == "en":
            s = f"{fn} {r.choice('ABCDEJKLMPRST')}. {ln}"
        elif x < 0.96:
            s = f"{ln}, {fn}"
        else:
            s = strip_accents(f"{fn} {ln}")
        return s, "PERSON"

    def mail(self, key: str, p: dict, disguised: bool) -> str:
        ck = "mail:" + key
        if ck not in self.cache:
            r = self.rng
            f, last = slug(p["fn"]), slug(p["ln"])
            local = r.choice(
                [
                    f"{f}.{last}",
                    f"{f[0]}{last}",
                    f"{last}.{f}",
                    f"{f}_{last}{r.randint(1, 99)}",
                    f"{f}{last}{r.randint(60, 99)}",
                    f"{f[0]}.{last}",
                    f"{last}{f[0]}",
                    f"{f}-{last}",
                ]
            )
            self.cache[ck] = f"{local}@{r.choice(MAIL_DOMAINS[self.country])}"
        m = self.cache[ck]
        if not disguised:
            return m if self.rng.random() < 0.9 else m.upper()
        local, dom = m.split("@")
        forms = [
            f"{local} [at] {dom.replace('.', ' [dot] ')}",
            f"{local}(at){dom}",
            f"{local} at {dom.replace('.', ' dot ')}",
            f"{local} @ {dom}",
            f"{local}[@]{dom}",
        ]
        if self.lang == "fr":
            forms += [f"{local} arobase {dom.replace('.', ' point ')}", f"{local.replace('.', ' point ')} arobase {dom}"]
        return self.rng.choice(forms)

    # ---- addresses ----------------------------------------------------------------------------------------
    def housenum(self, maxn: int = 180) -> str:
        n = str(self.rng.randint(1, maxn))
        x = self.rng.random()
        return n + (" bis" if x < 0.06 else " ter" if x < 0.08 else "B" if x < 0.1 else "")

    def address(self, country: str) -> str:
        r = self.rng
        if country in ("FR", "DOM", "CORSE"):
            options = {"FR": FR_CITIES, "DOM": DOM_CITIES, "CORSE": CORSE_CITIES}[country]
            known = [c for c in options if c[0] == self.cache.get("city:" + country)]
            city, cp = r.choice(known or options)
            self.cache.setdefault("city:" + country, city)
            st = r.choice(FR_STREETS)
            n = self.housenum()
            extra = r.choice(["bât. B", "Bât C 3e étage", "appt 24", "esc. 2, 4e étage", "Résidence Les Tilleuls", "RDC gauche"])
            return r.choice(
                [
                    f"{n} {st}, {cp} {city}",
                    f"{n} {st} {cp} {city.upper()}",
                    f"{n}, {st}, {cp} {city}",
                    f"{n} {st}",
                    f"{n} {st}",
                    f"{n} {st}, {extra}, {cp} {city}",
                    f"{n} {st} {extra}",
                    f"{n} {st.upper()} {cp} {city.upper()}",
                    f"{n} {st}\n{cp} {city}",
                ]
            )
        if country == "BE":
            st, (cp, city) = r.choice(BE_STREETS), r.choice(BE_CITIES)
            n = str(r.randint(1, 250))
            return r.choice(
                [
                    f"{st} {n}, {cp} {city}",
                    f"{st} {n} bte {r.randint(1, 12)}, {cp} {city}",
                    f"{st}, {n} - {cp} {city}",
                    f"{st} {n}",
                    f"{st} {n}/{r.randint(1, 9)}, {cp} {city.upper()}",
                ]
            )
        if country == "CH":
            st, (cp, city) = r.choice(CH_STREETS), r.choice(CH_CITIES)
            n = str(r.randint(1, 120))
            return r.choice([f"{st} {n}, {cp} {city}", f"{st} {n}\n{cp} {city}", f"{st} {n}, CH-{cp} {city}", f"{st} {n}"])
        if country == "QC":
            st, (city, letter) = r.choice(QC_STREETS), r.choice(QC_CITIES)
            pc = f"{letter}{r.randint(1, 9)}{r.choice('ABCEGHJKLMNPRSTVWXYZ')} "
            pc += f"{r.randint(1, 9)}{r.choice('ABCEGHJKLMNPRSTV')}{r.randint(0, 9)}"
            n = str(r.randint(100, 9999))
            return r.choice(
                [
                    f"{n}, {st}, {city} (Québec) {pc}",
                    f"{n} {st}, app. {r.randint(1, 30)}, {city}, QC {pc}",
                    f"{n} {st}",
                    f"{n}, {st}, {city}",
                ]
            )
        if country == "UK":
            st, (town, area) = r.choice(UK_STREETS), r.choice(UK_TOWNS)
            pc = f"{area} {r.randint(1, 9)}{r.choice('ABDEFGHJLNPQRSTUWXYZ')}{r.choice('ABDEFGHJLNPQRSTUWXYZ')}"
            n = str(r.randint(1, 240)) + ("a" if r.random() < 0.07 else "")
            return r.choice(
                [
                    f"{n} {st}, {town} {pc}",
                    f"Flat {r.randint(1, 12)}, {n} {st}, {town}, {pc}",
                    f"{n} {st}\n{town}\n{pc}",
                    f"{n} {st}",
                    f"{n} {st}, {town}",
                    f"{n} {st.upper()}, {town.upper()} {pc}",
                ]
            )
        if country == "IE":
            st, (town, key) = r.choice(IE_STREETS), r.choice(IE_TOWNS)
            eir = key + " " + "".join(r.choice("ACDEFHKNPRTVWXY0123456789") for _ in range(4))
            n = str(r.randint(1, 120))
            return r.choice(
                [
                    f"{n} {st}, {town}, {eir}",
                    f"Apt {r.randint(1, 20)}, {n} {st}, {town}",
                    f"{n} {st}, {town}",
                    f"{n} {st}",
                    f"{n} {st}, {town} {eir}",
                ]
            )
        if country == "US":
            st, (city, state, z3, _) = r.choice(US_STREETS), r.choice(US_CITIES)
            z = z3 + self.d(2)
            n = str(r.randint(10, 9999))
            return r.choice(
                [
                    f"{n} {st}, {city}, {state} {z}",
                    f"{n} {st}, Apt {r.randint(1, 9)}{r.choice('ABCD')}, {city}, {state} {z}",
                    f"{n} {st} #{r.randint(100, 900)}, {city} {state}",
                    f"{n} {st}",
                    f"{n} {st}\n{city}, {state} {z}",
                ]
            )
        if country == "CA":
            st, (city, prov, fsa, _) = r.choice(CA_STREETS), r.choice(CA_CITIES)
            pc = f"{fsa} {r.randint(1, 9)}{r.choice('ABCEGHJKLMNPRSTV')}{r.randint(0, 9)}"
            n = str(r.randint(10, 3000))
            return r.choice(
                [
                    f"{n} {st}, {city}, {prov} {pc}",
                    f"Unit {r.randint(100, 2500)}, {n} {st}, {city} {prov}",
                    f"{r.randint(1, 30)}-{n} {st}, {city}, {prov}  {pc}",
                    f"{n} {st}",
                ]
            )
        raise ValueError(country)

    def street(self, country: str) -> str:
        lst = {
            "FR": FR_STREETS,
            "BE": BE_STREETS,
            "CH": CH_STREETS,
            "QC": QC_STREETS,
            "UK": UK_STREETS,
            "IE": IE_STREETS,
            "US": US_STREETS,
            "CA": CA_STREETS,
        }[country]
        return self.rng.choice([s for s in lst if not s[0].isupper() or country not in ("FR", "CH")] or lst)

    def city(self, country: str) -> str:
        r = self.rng
        if ("city:" + country) in self.cache:
            return self.cache["city:" + country]
        lists = {
            "FR": [c for c, _ in FR_CITIES],
            "DOM": [c for c, _ in DOM_CITIES],
            "CORSE": [c for c, _ in CORSE_CITIES],
            "BE": [c for _, c in BE_CITIES],
            "CH": [c for _, c in CH_CITIES],
            "QC": [c for c, _ in QC_CITIES],
            "UK": [t for t, _ in UK_TOWNS],
            "IE": [t for t, _ in IE_TOWNS],
            "US": [c[0] for c in US_CITIES],
            "CA": [c[0] for c in CA_CITIES],
        }
        c = r.choice(lists[country])
        self.cache["city:" + country] = c
        return c

    # ---- phones -------------------------------------------------------------------------------------------
    def phone(self, country: str, spell: bool = False) -> str:
        r, d = self.rng, self.d
        if country in ("FR", "DOM", "CORSE"):
            if country == "DOM":
                cp = self.cache.get("domcp") or r.choice(DOM_CITIES)[1]
                mob, fix = DOM_PHONE[cp[:3]]
                digits = (mob if r.random() < 0.7 else fix) + d(6)
            elif country == "CORSE":
                digits = r.choice(["06", "07", "0495"]) + ""
                digits += d(10 - len(digits))
            else:
                digits = r.choice(["06", "07", "06", "01", "02", "03", "04", "05", "09"]) + d(8)
            pairs = [digits[i : i + 2] for i in range(0, 10, 2)]
            if spell:
                k = r.choice([2, 5])
                return ", ".join(
                    [fr_number(int(p)) if i >= 1 else "zéro " + FR_UNITS[int(p[1])] for i, p in enumerate(pairs[:k])] + pairs[k:]
                )
            intl = digits[1:]
            return r.choice(
                [
                    " ".join(pairs),
                    digits,
                    ".".join(pairs),
                    "-".join(pairs),
                    f"+33 {intl[0]} " + " ".join([intl[i : i + 2] for i in range(1, 9, 2)]),
                    f"+33{intl}",
                    f"+33 (0){intl[0]} " + " ".join(pairs[1:]),
                    f"0033 {intl[0]} " + " ".join(pairs[1:]),
                    f"{digits[:2]} {digits[2:4]} {digits[4:7]} {digits[7:]}",
                ]
            )
        if country == "BE":
            if r.random() < 0.7:
                m = "04" + r.choice("789") + d(7)
                return r.choice(
                    [
                        f"{m[:4]} {m[4:6]} {m[6:8]} {m[8:]}",
                        f"{m[:4]}/{m[4:6]}.{m[6:8]}.{m[8:]}",
                        f"+32 {m[1:4]} {m[4:6]} {m[6:8]} {m[8:]}",
                        f"0032 {m[1:4]} {m[4:7]} {m[7:]}",
                        m,
                    ]
                )
            f = r.choice(["02", "04", "081", "071", "010"])
            f += d(9 - len(f))
            return r.choice([f"{f[:2]} {f[2:5]} {f[5:7]} {f[7:]}", f"{f[:3]}/{f[3:5]} {f[5:7]} {f[7:]}", f"+32 {f[1:]}"])
        if country == "CH":
            m = r.choice(["079", "078", "076", "077", "022", "021", "032"]) + d(7)
            return r.choice(
                [
                    f"{m[:3]} {m[3:6]} {m[6:8]} {m[8:]}",
                    f"+41 {m[1:3]} {m[3:6]} {m[6:8]} {m[8:]}",
                    f"0041 {m[1:3]} {m[3:6]} {m[6:8]} {m[8:]}",
                    m,
                    f"+41{m[1:]}",
                ]
            )
        if country == "UK":
            if r.random() < 0.65:
                m = "07" + r.choice("1234579") + d(8)
                if spell:
                    return "oh " + " ".join(EN_DIGITS[int(c)] for c in m[1:5]) + ", " + m[5:8] + " " + m[8:]
                return r.choice(
                    [
                        f"{m[:5]} {m[5:]}",
                        m,
                        f"+44 {m[1:5]} {m[5:]}",
                        f"+44 (0){m[1:5]} {m[5:8]} {m[8:]}",
                        f"{m[:5]} {m[5:8]} {m[8:]}",
                        f"0044{m[1:]}",
                    ]
                )
            area = r.choice(["020", "0113", "0161", "0117", "0131", "028", "029", "0151"])
            rest = d(11 - len(area))
            if len(area) == 3:
                return r.choice(
                    [f"{area} {rest[:4]} {rest[4:]}", f"({area}) {rest[:4]} {rest[4:]}", f"+44 {area[1:]} {rest[:4]} {rest[4:]}"]
                )
            return r.choice([f"{area} {rest[:3]} {rest[3:]}", f"({area}) {rest}", f"+44 {area[1:]} {rest[:3]} {rest[3:]}"])
        if country == "IE":
            if r.random() < 0.7:
                m = "08" + r.choice("35679") + d(7)
                return r.choice(
                    [
                        f"{m[:3]} {m[3:6]} {m[6:]}",
                        m,
                        f"+353 {m[1:3]} {m[3:6]} {m[6:]}",
                        f"+353 (0){m[1:3]} {m[3:]}",
                        f"{m[:3]}-{m[3:]}",
                    ]
                )
            area = r.choice(["01", "091", "021", "061", "056"])
            rest = d(7) if area == "01" else d(6 if r.random() < 0.5 else 7)
            return r.choice([f"{area} {rest[:3]} {rest[3:]}", f"({area}) {rest}", f"+353 {area[1:]} {rest}"])
        if country in ("US", "CA", "QC"):
            if country == "US":
                ac = r.choice([c[3] for c in US_CITIES])
            elif country == "CA":
                ac = r.choice([c[3] for c in CA_CITIES])
            else:
                ac = r.choice(["514", "438", "418", "450", "819"])
            ex, ln = str(r.randint(201, 989)), self.d(4)
            return r.choice(
                [
                    f"({ac}) {ex}-{ln}",
                    f"{ac}-{ex}-{ln}",
                    f"{ac}.{ex}.{ln}",
                    f"+1 {ac} {ex} {ln}",
                    f"1-{ac}-{ex}-{ln}",
                    f"{ac} {ex} {ln}",
                ]
            )
        raise ValueError(country)

    # ---- plates -------------------------------------------------------------------------------------------
    def plate(self, country: str) -> str:
        r = self.rng
        letters = "ABCDEFGHJKLMNPQRSTVWXYZ"

        def ls(n: int) -> str:
            return "".join(r.choice(letters) for _ in range(n))

        if country in ("FR", "DOM", "CORSE"):
            if r.random() < 0.85:
                a, n, b = ls(2), f"{r.randint(1, 999):03d}", ls(2)
                return r.choice([f"{a}-{n}-{b}", f"{a} {n} {b}", f"{a}{n}{b}", f"{a}-{n}-{b}".lower(), f"{a} {n}-{b}"])
            dept = r.choice(["75", "69", "13", "59", "33", "2A", "974", "93"])
            return f"{r.randint(1, 9999)} {ls(r.choice([2, 3]))} {dept}"
        if country == "BE":
            p = f"{r.choice('12')}-{ls(3)}-{r.randint(0, 999):03d}"
            return r.choice([p, p.replace("-", ""), p.replace("-", " "), p.lower()])
        if country == "CH":
            return f"{r.choice(['GE', 'VD', 'NE', 'FR', 'VS', 'ZH', 'BE', 'TI'])} {r.randint(1, 999999)}"
        if country == "UK":
            age = r.choice(["12", "15", "17", "18", "19", "20", "21", "22", "23", "62", "65", "68", "69", "70", "71", "72", "73"])
            p = f"{ls(2)}{age} {ls(3)}"
            return r.choice([p, p.replace(" ", ""), p.lower()])
        if country == "IE":
            yr = r.choice(["191", "192", "201", "211", "222", "231", "07", "12", "08", "242"])
            return r.choice(["-", " "]).join(
                [yr, r.choice(["D", "C", "G", "L", "KY", "WX", "MO", "SO"]), str(r.randint(1, 99999))]
            )
        if country == "US":
            return r.choice(
                [
                    f"{r.randint(1, 9)}{ls(3)}{r.randint(100, 999)}",
                    f"{ls(3)}-{r.randint(1000, 9999)}",
                    f"{r.randint(100, 999)} {ls(3)}",
                    f"{r.randint(1, 9)}{ls(2)} {r.randint(100, 999)}",
                ]
            )
        if country == "CA":
            return r.choice(
                [
                    f"{ls(4)} {r.randint(100, 999)}",
                    f"{ls(3)} {r.randint(100, 999)}",
                    f"{ls(2)}{r.randint(1, 9)} {r.randint(1, 9)}{ls(2)}",
                ]
            )
        if country == "QC":
            return r.choice(
                [f"{ls(3)} {r.randint(100, 999)}", f"{r.randint(100, 999)} {ls(3)}", f"{ls(1)}{r.randint(10, 99)} {ls(3)}"]
            )
        raise ValueError(country)

    # ---- dates of birth ------------------------------------------------------------------------------------
    def dob(self, attr: str) -> str:
        r = self.rng
        y, m, dd = r.randint(1936, 2008), r.randint(1, 12), r.randint(1, 28)
        if attr == "year":
            return str(y) if r.random() < 0.85 else f"{y % 100:02d}"
        if self.lang == "fr":
            day = "1er" if dd == 1 and r.random() < 0.6 else str(dd)
            return r.choice(
                [
                    f"{dd:02d}/{m:02d}/{y}",
                    f"{dd:02d}/{m:02d}/{y % 100:02d}",
                    f"{dd:02d}.{m:02d}.{y}",
                    f"{dd}-{m:02d}-{y}",
                    f"{day} {MOIS[m - 1]} {y}",
                    f"{day} {MOIS[m - 1].upper()} {y}",
                    f"{dd:02d} {m:02d} {y}",
                    f"{y}-{m:02d}-{dd:02d}",
                    f"{day} {strip_accents(MOIS[m - 1])} {y % 100:02d}",
                    f"{dd}/{m}/{y}",
                ]
            )
        suf = "th" if 11 <= dd <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(dd % 10, "th")
        if self.country in ("US", "CA"):
            return r.choice(
                [
                    f"{m:02d}/{dd:02d}/{y}",
                    f"{MONTHS[m - 1]} {dd}, {y}",
                    f"{MONTHS[m - 1][:3]} {dd} {y}",
                    f"{m}/{dd}/{y % 100:02d}",
                    f"{y}-{m:02d}-{dd:02d}",
                    f"{MONTHS[m - 1]} {dd}{suf} {y}",
                ]
            )
        return r.choice(
            [
                f"{dd:02d}/{m:02d}/{y}",
                f"{dd} {MONTHS[m - 1]} {y}",
                f"{dd}{suf} {MONTHS[m - 1]} {y}",
                f"{dd}{suf} of {MONTHS[m - 1]}, {y}",
                f"{dd:02d}-{MONTHS[m - 1][:3]}-{y}",
                f"{dd:02d}.{m:02d}.{y % 100:02d}",
            ]
        )

    # ---- checksummed numbers -------------------------------------------------------------------------------
    def nir(self, attr: str) -> str:
        r = self.rng
        sex, yy, mm = (
            r.choice("12"),
            f"{r.randint(36, 99) if r.random() < 0.85 else r.randint(0, 8):02d}",
            f"{r.randint(1, 12):02d}",
        )
        kind = attr or r.choices(["main", "corse", "dom", "abroad"], [75, 8, 10, 7])[0]
        if kind == "corse":
            place = r.choice(["2A", "2B"]) + f"{r.randint(1, 366):03d}"
        elif kind == "dom":
            place = r.choice(["971", "972", "973", "974", "976"]) + f"{r.randint(1, 34):02d}"
        elif kind == "abroad":
            place = "99" + r.choice(["350", "351", "352", "109", "134", "212", "139"])
        else:
            place = r.choice(
                ["75", "69", "13", "59", "35", "29", "67", "31", "33", "44", "93", "06", "21", "63", "57", "38", "92"]
            )
            place += f"{r.randint(1, 899):03d}"
        body = sex + yy + mm + place + f"{r.randint(1, 999):03d}"
        key = f"{nir_key(body):02d}"
        full = body + key
        assert nir_ok(full)
        b = full
        spaced = f"{b[0]} {b[1:3]} {b[3:5]} {b[5:7]} {b[7:10]} {b[10:13]} {b[13:]}"
        return r.choice([spaced, full, f"{b[:13]} {b[13:]}", f"{spaced[:-3]} / {b[13:]}", f"{spaced[:-3]}  {b[13:]}"])

    def iban(self, country: str) -> str:
        r, d = self.rng, self.d
        cc = {
            "FR": "FR",
            "DOM": "FR",
            "CORSE": "FR",
            "QC": "FR",
            "BE": "BE",
            "CH": "CH",
            "UK": "GB",
            "IE": "IE",
            "US": "GB",
            "CA": "FR",
        }[country]
        if cc == "FR":
            bank, branch, acct = r.choice(["30004", "30003", "20041", "10278", "11315", "30002"]), d(5), d(11)
            rib = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(acct)) % 97
            bban = f"{bank}{branch}{acct}{rib:02d}"
        elif cc == "BE":
            first = d(10)
            chk = int(first) % 97 or 97
            bban = f"{first}{chk:02d}"
        elif cc == "CH":
            bban = r.choice(["00762", "00230", "00767", "09000"]) + d(12)
        else:
            bban = r.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"] if cc == "GB" else ["AIBK", "BOFI", "IPBS"]) + d(14)
        ib = iban_make(cc, bban)
        assert iban_ok(ib)
        grouped = " ".join(ib[i : i + 4] for i in range(0, len(ib), 4))
        return r.choice([grouped, grouped, ib, grouped.lower() if r.random() < 0.3 else grouped])

    def siren_digits(self) -> str:
        return luhn_complete(str(self.rng.randint(1, 9)) + self.d(7))

    def siren(self) -> str:
        s = self.siren_digits()
        return self.rng.choice([s, f"{s[:3]} {s[3:6]} {s[6:]}", f"{s[:3]}.{s[3:6]}.{s[6:]}"])

    def siret(self) -> str:
        s = self.siren_digits()
        full = luhn_complete(s + "000" + str(self.rng.randint(1, 4)))
        assert luhn_ok(full) and luhn_ok(full[:9])
        return self.rng.choice([full, f"{full[:3]} {full[3:6]} {full[6:9]} {full[9:]}", f"{full[:9]} {full[9:]}"])

    def card(self) -> str:
        r = self.rng
        kind = r.choice(["visa", "visa", "mc", "mc2", "amex"])
        if kind == "amex":
            n = luhn_complete(r.choice(["34", "37"]) + self.d(12))
            return r.choice([f"{n[:4]} {n[4:10]} {n[10:]}", n, f"{n[:4]}-{n[4:10]}-{n[10:]}"])
        prefix = "4" if kind == "visa" else str(r.randint(51, 55)) if kind == "mc" else str(r.randint(2221, 2720))
        n = luhn_complete(prefix + self.d(15 - len(prefix)))
        assert luhn_ok(n)
        g = [n[i : i + 4] for i in range(0, 16, 4)]
        return r.choice([" ".join(g), n, "-".join(g), " ".join(g), f"{g[0]} {g[1]}  {g[2]} {g[3]}"])

    # ---- decoys (never marked) ----------------------------------------------------------------------------
    def decoy(self, base: str, attr: str) -> str:
        r, d = self.rng, self.d
        if base == "ref":
            return r.choice(
                [
                    f"DOS-2024-{d(5)}",
                    f"24/{d(5)}",
                    f"REQ-{d(6)}",
                    f"CP{d(6)}",
                    f"#{d(5)}",
                    f"SR-{d(4)}-{d(3)}",
                    f"{d(4)}-{r.choice('ABCDEFGH')}{r.choice('KLMNPQ')}",
                    f"2024-{d(4)}",
                ]
            )
        if base == "ticket":
            t = str(r.randint(1, 9)) + d(r.choice([9, 11]))
            if luhn_ok(t):
                t = t[:-1] + str((int(t[-1]) + 1) % 10)
            return r.choice([t, "#" + t])
        if base == "time":
            if self.lang == "fr":
                return r.choice(
                    [
                        f"{r.randint(22, 23)}h{r.randint(0, 59):02d}",
                        "2h du matin",
                        "minuit et demi",
                        f"{r.randint(1, 4)}h15",
                        "22 h",
                    ]
                )
            return r.choice([f"{r.randint(10, 11)}:{r.randint(0, 59):02d}pm", "2am", "half past one", f"23:{r.randint(10, 59)}"])
        if base == "date":
            dd, m = r.randint(1, 28), r.randint(1, 12)
            if self.lang == "fr":
                return r.choice([f"{dd:02d}/{m:02d}", f"{dd} {MOIS[m - 1]}", f"{dd:02d}/{m:02d}/2024", f"{dd}/{m}"])
            return r.choice(
                [f"{dd} {MONTHS[m - 1]}", f"{MONTHS[m - 1]} {dd}", f"{dd:02d}/{m:02d}/2024", f"{MONTHS[m - 1][:3]} {dd}"]
            )
        if base == "age":
            return str(r.randint(4, 11) if attr == "kid" else r.randint(74, 93))
        if base == "street":
            return self.street(self.country if self.country in ("FR", "BE", "CH", "QC", "UK", "IE", "US", "CA") else "FR")
        if base == "city":
            return self.city({"dom": "DOM", "corse": "CORSE"}.get(attr, self.country))
        pool = DECOYS[self.lang][base]
        if self.country == "QC" and base == "placename":
            pool = ["La Fontaine", "Jarry", "Laurier", "Jeanne-Mance"]
        return r.choice(pool)

    # ---- dispatch -----------------------------------------------------------------------------------------
    def slot(self, base: str, idx: str, attr: str) -> tuple[str, str | None]:
        key = f"{base}{idx}.{attr}"
        country = {"dom": "DOM", "corse": "CORSE", "fr": "FR"}.get(attr, self.country)
        if base in ("p", "s", "k"):
            return self.person_text(base, idx, attr)
        if base in ("addr", "tel", "plate", "nir", "iban", "siret", "siren", "card", "dob") and key in self.cache:
            return self.cache[key], self.cache["type:" + key]
        if base == "addr":
            val, typ = self.address(country), "ADDRESS"
            if country == "DOM":
                self.cache["domcp"] = re.search(r"97\d\d\d", val).group(0) if re.search(r"97\d\d\d", val) else None
        elif base == "tel":
            val, typ = self.phone(country, spell=attr == "spell"), "PHONE"
        elif base == "plate":
            val, typ = self.plate(country), "PLATE"
        elif base == "dob":
            val, typ = self.dob(attr), "DATE_OF_BIRTH"
        elif base == "nir":
            val, typ = self.nir({"dom": "dom", "corse": "corse"}.get(attr, "")), "NIR"
        elif base == "iban":
            val, typ = self.iban(country), "IBAN"
        elif base == "siret":
            val, typ = self.siret(), "SIRET"
        elif base == "siren":
            val, typ = self.siren(), "SIREN"
        elif base == "card":
            val, typ = self.card(), "CARD"
        else:
            for _ in range(20):
                val = self.decoy(base, attr)
                if base not in ("street", "plate") or val not in self.used:
                    break
            self.used.add(val)
            return val, None
        if val in self.used:  # e.g. {plate} and {plate2} must differ
            return self.slot(base, idx, attr)
        self.used.add(val)
        self.cache[key], self.cache["type:" + key] = val, typ
        return val, typ


# --------------------------------------------------------------------------------------------------------------
# parsing, rendering, checks
# --------------------------------------------------------------------------------------------------------------

TOKEN = re.compile(r"\{([a-z]+?)(\d*)(?:\.([a-z]+))?\}|\[\[([^|\]]+)\|([A-Z_]+)\]\]")


def parse_patterns(block: str) -> list[dict]:
    pats: list[dict] = []
    for raw in block.split("\n"):
        if raw.startswith("=== "):
            head, _, situation = raw[4:].partition("|")
            lang, countries, *flags = head.split()
            pats.append(
                {"lang": lang, "countries": countries.split(","), "flags": flags, "situation": situation.strip(), "lines": []}
            )
        elif raw.strip():
            pats[-1]["lines"].append(raw)
    for p in pats:
        text = ""
        for line in p.pop("lines"):
            text += line[:-1].rstrip() + " " if line.endswith("~") else line + "\n"
        p["template"] = text.rstrip("\n")
    return pats


def transform(s: str, flags: list[str]) -> str:
    out = s
    if "noacc" in flags:
        out = strip_accents(out)
    if "upper" in flags:
        up = "".join(ch.upper() if len(ch.upper()) == 1 else ch for ch in out)
        out = up
    if "lower" in flags:
        out = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in out)
    assert len(out) == len(s)
    return out


def render(pat: dict, rng: random.Random) -> dict:
    country = rng.choice(pat["countries"])
    ctx = Ctx(rng, pat["lang"], country)
    flags = list(pat["flags"])
    if not flags and rng.random() < 0.08:
        flags.append("noacc")
    odd = rng.random() < 0.12
    pieces, spans, pos, last = [], [], 0, 0
    tpl = pat["template"]
    for m in TOKEN.finditer(tpl):
        lit = tpl[last : m.start()]
        if odd:
            lit = re.sub(r"(?<=[.,:;]) (?=\S)", lambda _m: "  " if rng.random() < 0.4 else " ", lit)
        pieces.append(transform(lit, flags))
        pos += len(pieces[-1])
        if m.group(4):
            val, typ = m.group(4), m.group(5)
        else:
            val, typ = ctx.slot(m.group(1), m.group(2), m.group(3) or "")
        val = transform(val, flags)
        if typ:
            spans.append([pos, pos + len(val), typ])
        pieces.append(val)
        pos += len(val)
        last = m.end()
    pieces.append(transform(tpl[last:], flags))
    return {"lang": pat["lang"], "text": "".join(pieces), "spans": spans}


NUMRUN = re.compile(r"\d(?:[ .\-]?\d)*")
IBANLIKE = re.compile(r"[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){10,32}")


def problems(rec: dict) -> list[str]:
    text, spans = rec["text"], rec["spans"]
    errs = []
    prev_end = 0
    for s, e, t in spans:
        if t not in TYPES:
            errs.append(f"type {t}")
        if not (0 <= s < e <= len(text)) or s < prev_end:
            errs.append("order/overlap")
        piece = text[s:e]
        if piece != piece.strip():
            errs.append("whitespace edge")
        if (s > 0 and text[s - 1].isalnum()) or (e < len(text) and text[e].isalnum()):
            errs.append(f"cut from word: {piece!r}")
        digits = re.sub(r"\D", "", piece)
        if t == "NIR" and not nir_ok(re.sub(r"[\s/]", "", piece).upper()):
            errs.append("bad nir")
        if t == "IBAN" and not iban_ok(piece):
            errs.append("bad iban")
        if t in ("SIREN", "SIRET", "CARD") and not luhn_ok(digits):
            errs.append(f"bad luhn {t}")
        if t == "SIREN" and len(digits) != 9 or t == "SIRET" and len(digits) != 14:
            errs.append("bad length")
        prev_end = e
    chars = list(text)
    for s, e, _ in spans:
        chars[s:e] = ["\x00"] * (e - s)
    rest = "".join(chars)
    for m in NUMRUN.finditer(rest):
        for cand in {re.sub(r"\D", "", m.group(0)), *re.findall(r"\d+", m.group(0))}:
            n = len(cand)
            if (n in (9, 14) or 13 <= n <= 19) and luhn_ok(cand):
                errs.append(f"unmarked luhn number {cand}")
            if n == 15 and nir_ok(cand):
                errs.append("unmarked nir")
    for m in IBANLIKE.finditer(rest.upper()):
        if iban_ok(m.group(0)):
            errs.append("unmarked iban")
    low = rest.lower()
    if "@" in low or "arobase" in low or "[at]" in low or "(at)" in low:
        errs.append("unmarked e-mail")
    return errs


def main() -> None:
    pats = parse_patterns(PATTERNS)
    rng = random.Random(SEED)
    by_lang = {"fr": [p for p in pats if p["lang"] == "fr"], "en": [p for p in pats if p["lang"] == "en"]}
    records = []
    for lang, target in (("fr", N_FR), ("en", N_EN)):
        pool = by_lang[lang]
        order = list(pool)
        extra = list(pool)
        rng.shuffle(extra)
        while len(order) < target:
            order += extra[: target - len(order)]
        for pat in order[:target]:
            for _attempt in range(200):
                rec = render(pat, rng)
                if not problems(rec):
                    break
            else:
                raise SystemExit(f"cannot render cleanly: {pat['template'][:60]!r}: {problems(rec)}")
            records.append(rec)
    rng.shuffle(records)
    with OUT.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")

    types = Counter(t for r in records for _, _, t in r["spans"])
    langs = Counter(r["lang"] for r in records)
    empty = sum(1 for r in records if not r["spans"])
    print(f"patterns: {len(pats)} (fr {len(by_lang['fr'])}, en {len(by_lang['en'])})")
    print(f"texts: {len(records)} (fr {langs['fr']}, en {langs['en']}); with no identifier: {empty} ({empty / len(records):.1%})")
    for t in sorted(TYPES):
        print(f"  {t:14} {types[t]}")
    print(f"  {'total':14} {sum(types.values())}")


if __name__ == "__main__":
    main()
