"""The words the name finders read: civil titles, roles, ranks and posts, particles inside names, and words of
forms and calendars that are never a name by themselves. Folded (lower case, no accents), but where case is shown.
"""

# Civil titles, folded. Those that are also common words count only in the case shown in CASED_TITLES.
TITLES = frozenset(
    "m mr mme mmes mlle mlles mrs ms miss mx dr pr me maitre monsieur madame mademoiselle messieurs mesdames mm sir "
    "mister lady dame docteur professeur madam".split()
)
CASED_TITLES = {"m": "M", "me": "Me", "miss": "Miss", "sir": "Sir", "lady": "Lady", "dame": "Dame", "pr": "Pr"}
# Ranks abbreviated, and posts named in several words, stand before a name as a title does ("pc fisher", "Gda Ní
# Bhriain", "chef de poste hamon"); a post's words are folded, its elided article dropped ("chef d'équipe").
RANKS = frozenset("sgt lt insp pc dc cpl cdt cne brig adjt gda".split())
ROLE_STEMS = (
    "gardien gardienne voisin voisine gerant gerante syndic temoin conducteur conductrice proprietaire locataire victime "
    "agent agente collegue brigadier brigadiere policier policiere mediateur mediatrice technicien technicienne plaignant "
    "plaignante requerant requerante usager usagere usgr demandeur demandeuse declarant declarante riverain riveraine "
    "habitant habitante client cliente concierge employe employee appelant appelante interlocuteur interlocutrice "
    "correspondant correspondante responsable directeur directrice adjoint adjointe suspect suspecte mis contact "
    "fils fille pere mere mari epoux epouse frere soeur ami amie patient patiente eleve chauffeur gendarme commandant "
    "capitaine lieutenant sergent operateur operatrice interpelle interpellee occupant occupante occupier "
    "caretaker neighbour neighbor witness driver officer colleague manager owner landlord landlady tenant janitor caller "
    "resident complainant victim supervisor superintendent son daughter husband wife mother father brother sister friend "
    "customer applicant reporter constable sergeant detective agent inspector patrolman guard doorman contact"
).split() + sorted(RANKS)
POSTS = tuple(
    tuple(post.split())
    for post in (
        "chef de poste",
        "chef equipe",
        "chef de service",
        "chef de bord",
        "chef de secteur",
        "agent de quartier",
        "agent de police",
        "agent de securite",
        "agent accueil",
        "gardien de la paix",
        "gardienne de la paix",
        "officier de police",
        "chef de la police",
    )
)
POST_HEADS = frozenset(post[0] for post in POSTS)
ROLES = frozenset(ROLE_STEMS) | frozenset(r + "s" for r in ROLE_STEMS) | frozenset(r + "es" for r in ROLE_STEMS)
PARTICLES = frozenset(
    "de du des d la le van von der den ter da das dos di del della ben bin bint ibn el al abu mac mc st "
    # Gaelic: Ó, Ní, Nic, Mac, Ua, Uí, Mhic ("Donal Ó Súilleabháin", "clodagh ní bhriain")
    "o ni nic ua ui mhic".split()
)
# A capital letter alone is an initial, except the Gaelic Ó.
CAPITAL_PARTICLES = frozenset("Ó")
# Words of forms and calendars: never a name by themselves.
FORM_WORDS = frozenset(
    "ddn dob dn tel tel. mob fax mail email e-mail iban rib bic siret siren nir immat ref dossier num no svp stp rdv cf "
    "nb ps ok pv cb sms mms gps url www http https ras nom prenom prenoms adresse demeurant domicilie domiciliee "
    "ne nee born naissance objet motif rappel urgent "
    # operators' abbreviations and words of their forms
    "usgr usr pb pbs asap pls plz thx thks ref refs fyi nfa req abt msg env verif imma callback relance appel "
    "appels signalement signale reported logged anon cc tbc nb rdv maj update".split()
)
CALENDAR = frozenset(
    "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre lundi mardi mercredi jeudi "
    "vendredi samedi dimanche january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
LIST_WORDS = frozenset(("et", "and", "ou", "or"))
STREET_WORDS = frozenset(
    "rue r av avenue bd boulevard place pl quai impasse allee all chemin ch route square sq cours passage pass "
    "residence cite parc jardin square esplanade parvis street road lane".split()
)
# Titles of English texts: the word after them is a name, even a common word ("Mr. Le", "mr. do quang").
ENGLISH_TITLES = frozenset("mr mrs ms miss mx dr mister sir lady".split())
