// Labels in English and French, the language choice, and dates in the city's time zone.

const WORDS = {
  en: {
    app_title: "civicpulse console",
    nav_map: "Map",
    nav_agenda: "Agenda",
    nav_model: "Model",
    nav_register: "Register",
    lang_switch: "Français",
    sign_out: "Sign out",
    signin_title: "Sign in",
    signin_help: "Enter the credential (token) you were given for the console.",
    signin_token: "Token",
    signin_submit: "Sign in",
    signin_empty: "Enter your token.",
    signin_failed: "Sign-in refused: {words}",
    loading: "Loading…",
    error: "Something went wrong: {words}",
    not_found: "This place does not exist, or you may not see it.",
    session_expired: "Your session has ended: sign in again.",
    // Map
    map_kind: "Show",
    kind_zone: "Zones",
    kind_cell: "Cells",
    map_mode: "Period",
    mode_day: "Day (next 30 days)",
    mode_hour: "Hour (next 72 h)",
    slider: "When",
    day_label: "Day {n}: {date}",
    hour_label: "{date}",
    layers: "Layers",
    layer_forecast: "Forecast",
    layer_history: "Past incidents (4 weeks)",
    layer_events: "Scheduled events",
    legend: "Legend",
    legend_level: "Level {n}",
    legend_history: "Incidents from {start} to {end}; counts under {min} are not published.",
    legend_events: "Scheduled event",
    band_BAND_GREEN: "green",
    band_BAND_ORANGE: "orange",
    band_BAND_RED: "red",
    band_BAND_UNSPECIFIED: "no band",
    // Panel
    panel_close: "Close",
    panel_level: "Level",
    panel_band: "Band",
    panel_expected: "Expected incidents",
    panel_for_day: "for day {n} ({date})",
    panel_for_hour: "for the hour of {date}",
    panel_meaning: "What this level means",
    panel_reasons: "Why",
    panel_no_reasons: "No reason stands out.",
    panel_track: "Track record here",
    panel_freshness: "Data up to",
    panel_issued: "Forecast issued",
    panel_model: "Model version",
    panel_zone_page: "Zone page",
    panel_zone_of_cell: "Cell {cell} in {zone}",
    raises: "raises",
    lowers: "lowers",
    // Agenda
    agenda_title: "Agenda of the next {n} days",
    agenda_zone: "Zone",
    agenda_day_events: "Events of {date}",
    agenda_zone_day_events: "{zone}, {date}",
    agenda_no_events: "No scheduled event.",
    agenda_pick: "Choose a day or a cell to see its events.",
    agenda_conflict_mark: "conflict",
    event_category: "Category",
    event_organiser: "Organiser",
    event_attendance: "Expected attendance",
    event_place: "Place",
    event_when: "When",
    event_conflict: "Conflict",
    // Zone page
    zone_title: "{name}",
    zone_heldout: "On days the model never saw: {start} to {end}",
    zone_heldout_observed: "Observed",
    zone_heldout_model: "Model expected",
    zone_heldout_baseline: "Simple method expected: {name}",
    zone_heldout_summary: "Over these {days} days the model expected {model} incidents here, the simple method {baseline}, and {observed} were observed.",
    zone_heldout_summary_withheld:
      "On the {days} of {all} days whose count may be published, the model expected {model} incidents here, the simple method {baseline}, and {observed} were observed.",
    zone_heldout_withheld: "A day with 1 to {max} incidents is not published and shows no bar.",
    zone_heldout_none: "The model's card holds no day-by-day record of this zone on held-out time.",
    zone_heldout_unavailable: "The model's card could not be read: {words}",
    zone_chart: "Expected incidents per day, next 30 days",
    zone_expected: "Expected per day",
    zone_events: "Scheduled events in the next 30 days",
    baseline_dow_hour_mean: "the usual level for the day of the week and hour",
    baseline_hotspot_own: "the recent hotspots of the last 8 weeks",
    baseline_hotspot_neighbours: "the recent hotspots of the last 8 weeks, with their neighbours",
    baseline_last_28d: "last 4 weeks' average",
    zone_levels: "Levels per cell and day",
    // Model page
    model_title: "Model {version}",
    model_status: "Status",
    model_gate: "Gate",
    gate_passed: "passed",
    gate_failed: "not passed",
    model_trained_on: "Issue time",
    model_band: "Band",
    model_pai: "Predictive accuracy index by share of the area",
    model_area_share: "Share of the area (%)",
    model_reliability: "Reliability by decile",
    model_predicted: "Mean predicted",
    model_observed: "Mean observed",
    model_decile: "Decile",
    model_zones: "Hit rate per zone",
    model_zone: "Zone",
    model_model: "Model",
    model_best_baseline: "Best baseline",
    model_ratio: "Ratio",
    model_not_judged: "This band was not judged (the test period is shorter).",
    model_basis: "Judged on {issue_times} daily issue times: {windows} independent {days}-day windows.",
    model_basis_issue_times: "Judged on {issue_times} daily issue times.",
    model_basis_ratio: "At 5 % of the area, the model's PAI is {ratio} times the best simple method's (95 % interval {low} to {high}).",
    model_basis_not_judged: "Too few independent windows to rely on (the city asks for {min}): shown, not judged.",
    model_versions: "Versions",
    model_version: "Version",
    model_trained_at: "Trained at",
    model_day1_ratio: "Day 1 PAI 5 % ratio",
    model_gate_reason: "Gate decision",
    model_loses: "Where the model loses",
    status_MODEL_STATUS_ACTIVE: "active",
    status_MODEL_STATUS_REJECTED: "rejected",
    status_MODEL_STATUS_AWAITING_APPROVAL: "awaiting approval",
    status_MODEL_STATUS_RETIRED: "retired",
    status_MODEL_STATUS_UNSPECIFIED: "unknown",
    band_day1: "next 24 hours",
    band_days2_7: "days 2-7",
    band_days8_30: "days 8-30",
    // Register
    register_title: "Register of processing",
    register_empty: "The register is empty.",
    register_city: "City",
    register_policy: "Agreements version",
    register_partner: "Partner",
    register_purpose: "Purpose",
    register_key_domain: "Key domain",
    register_police_generated: "Police-generated data",
    register_yes: "yes",
    register_no: "no",
    register_publication: "Publication",
    register_categories: "Categories",
    register_sensitive: "Sensitive categories",
    register_retention: "Retention",
    register_fields: "Fields",
    register_field: "Field",
    register_treatment: "Treatment",
    register_attributes: "Attributes",
    register_attribute: "Attribute",
    register_declared_by: "Declared by",
    register_outside: "Outside its declaration",
    register_free_text: "Free text",
    register_signals: "Reduced to the signals",
    register_kept_for: "Kept for",
    register_not_kept: "not kept",
    yes: "yes",
    no: "no",
  },
  fr: {
    app_title: "console civicpulse",
    nav_map: "Carte",
    nav_agenda: "Agenda",
    nav_model: "Modèle",
    nav_register: "Registre",
    lang_switch: "English",
    sign_out: "Se déconnecter",
    signin_title: "Connexion",
    signin_help: "Saisissez l’identifiant (jeton) qui vous a été remis pour la console.",
    signin_token: "Jeton",
    signin_submit: "Se connecter",
    signin_empty: "Saisissez votre jeton.",
    signin_failed: "Connexion refusée : {words}",
    loading: "Chargement…",
    error: "Une erreur est survenue : {words}",
    not_found: "Ce lieu n’existe pas, ou vous n’y avez pas accès.",
    session_expired: "Votre session a pris fin : reconnectez-vous.",
    map_kind: "Afficher",
    kind_zone: "Zones",
    kind_cell: "Cellules",
    map_mode: "Période",
    mode_day: "Jour (30 prochains jours)",
    mode_hour: "Heure (72 prochaines heures)",
    slider: "Quand",
    day_label: "Jour {n} : {date}",
    hour_label: "{date}",
    layers: "Couches",
    layer_forecast: "Prévision",
    layer_history: "Incidents passés (4 semaines)",
    layer_events: "Événements programmés",
    legend: "Légende",
    legend_level: "Niveau {n}",
    legend_history: "Incidents du {start} au {end} ; les nombres inférieurs à {min} ne sont pas publiés.",
    legend_events: "Événement programmé",
    band_BAND_GREEN: "vert",
    band_BAND_ORANGE: "orange",
    band_BAND_RED: "rouge",
    band_BAND_UNSPECIFIED: "sans couleur",
    panel_close: "Fermer",
    panel_level: "Niveau",
    panel_band: "Couleur",
    panel_expected: "Incidents attendus",
    panel_for_day: "pour le jour {n} ({date})",
    panel_for_hour: "pour l’heure de {date}",
    panel_meaning: "Ce que signifie ce niveau",
    panel_reasons: "Pourquoi",
    panel_no_reasons: "Aucune raison ne se détache.",
    panel_track: "Résultats passés ici",
    panel_freshness: "Données jusqu’au",
    panel_issued: "Prévision émise le",
    panel_model: "Version du modèle",
    panel_zone_page: "Page de la zone",
    panel_zone_of_cell: "Cellule {cell} dans {zone}",
    raises: "augmente",
    lowers: "diminue",
    agenda_title: "Agenda des {n} prochains jours",
    agenda_zone: "Zone",
    agenda_day_events: "Événements du {date}",
    agenda_zone_day_events: "{zone}, {date}",
    agenda_no_events: "Aucun événement programmé.",
    agenda_pick: "Choisissez un jour ou une case pour voir ses événements.",
    agenda_conflict_mark: "conflit",
    event_category: "Catégorie",
    event_organiser: "Organisateur",
    event_attendance: "Affluence attendue",
    event_place: "Lieu",
    event_when: "Quand",
    event_conflict: "Conflit",
    zone_title: "{name}",
    zone_heldout: "Sur des jours que le modèle n’a jamais vus : du {start} au {end}",
    zone_heldout_observed: "Observés",
    zone_heldout_model: "Attendus par le modèle",
    zone_heldout_baseline: "Attendus par la méthode simple : {name}",
    zone_heldout_summary: "Sur ces {days} jours, le modèle attendait ici {model} incidents, la méthode simple {baseline}, et {observed} ont été observés.",
    zone_heldout_summary_withheld:
      "Sur les {days} jours sur {all} dont le nombre peut être publié, le modèle attendait ici {model} incidents, la méthode simple {baseline}, et {observed} ont été observés.",
    zone_heldout_withheld: "Un jour de 1 à {max} incidents n’est pas publié et n’a pas de barre.",
    zone_heldout_none: "La fiche du modèle ne contient pas de relevé jour par jour de cette zone sur la période tenue à l’écart.",
    zone_heldout_unavailable: "La fiche du modèle n’a pas pu être lue : {words}",
    zone_chart: "Incidents attendus par jour, 30 prochains jours",
    zone_expected: "Attendus par jour",
    zone_events: "Événements programmés dans les 30 prochains jours",
    baseline_dow_hour_mean: "le niveau habituel du jour et de l’heure",
    baseline_hotspot_own: "les points chauds des 8 dernières semaines",
    baseline_hotspot_neighbours: "les points chauds des 8 dernières semaines, avec leurs voisins",
    baseline_last_28d: "la moyenne des 4 dernières semaines",
    zone_levels: "Niveaux par cellule et par jour",
    model_title: "Modèle {version}",
    model_status: "Statut",
    model_gate: "Contrôle",
    gate_passed: "réussi",
    gate_failed: "non réussi",
    model_trained_on: "Date d’émission",
    model_band: "Horizon",
    model_pai: "Indice de précision prédictive selon la part de la surface",
    model_area_share: "Part de la surface (%)",
    model_reliability: "Fiabilité par décile",
    model_predicted: "Moyenne prévue",
    model_observed: "Moyenne observée",
    model_decile: "Décile",
    model_zones: "Taux de détection par zone",
    model_zone: "Zone",
    model_model: "Modèle",
    model_best_baseline: "Meilleure référence",
    model_ratio: "Rapport",
    model_not_judged: "Cet horizon n’a pas été évalué (la période de test est plus courte).",
    model_basis: "Évalué sur {issue_times} émissions quotidiennes : {windows} fenêtres indépendantes de {days} j.",
    model_basis_issue_times: "Évalué sur {issue_times} émissions quotidiennes.",
    model_basis_ratio: "Sur 5 % de la surface, le PAI du modèle vaut {ratio} fois celui de la meilleure méthode simple (intervalle à 95 % : {low} à {high}).",
    model_basis_not_judged: "Trop peu de fenêtres indépendantes pour s’y fier (la ville en demande {min}) : affiché, non évalué.",
    model_versions: "Versions",
    model_version: "Version",
    model_trained_at: "Entraîné le",
    model_day1_ratio: "Rapport PAI 5 % du jour 1",
    model_gate_reason: "Décision du contrôle",
    model_loses: "Où le modèle perd",
    status_MODEL_STATUS_ACTIVE: "actif",
    status_MODEL_STATUS_REJECTED: "rejeté",
    status_MODEL_STATUS_AWAITING_APPROVAL: "en attente d’approbation",
    status_MODEL_STATUS_RETIRED: "retiré",
    status_MODEL_STATUS_UNSPECIFIED: "inconnu",
    band_day1: "24 prochaines heures",
    band_days2_7: "jours 2 à 7",
    band_days8_30: "jours 8 à 30",
    register_title: "Registre des traitements",
    register_empty: "Le registre est vide.",
    register_city: "Ville",
    register_policy: "Version des conventions",
    register_partner: "Partenaire",
    register_purpose: "Finalité",
    register_key_domain: "Domaine de clés",
    register_police_generated: "Données produites par la police",
    register_yes: "oui",
    register_no: "non",
    register_publication: "Publication",
    register_categories: "Catégories",
    register_sensitive: "Catégories sensibles",
    register_retention: "Conservation",
    register_fields: "Champs",
    register_field: "Champ",
    register_treatment: "Traitement",
    register_attributes: "Attributs",
    register_attribute: "Attribut",
    register_declared_by: "Déclaré par",
    register_outside: "Hors de sa déclaration",
    register_free_text: "Texte libre",
    register_signals: "Réduit aux signaux",
    register_kept_for: "Conservé pour",
    register_not_kept: "non conservé",
    yes: "oui",
    no: "non",
  },
};

export const LANGUAGES = Object.keys(WORDS);
const STORAGE_KEY = "civicpulse.lang";
let current = pickLanguage();
let timeZone = undefined; // the browser's until the city's is known
const listeners = [];

function pickLanguage() {
  const kept = localStorage.getItem(STORAGE_KEY);
  if (kept && WORDS[kept]) return kept;
  for (const tag of navigator.languages || [navigator.language || "en"]) {
    const base = tag.toLowerCase().split("-")[0];
    if (WORDS[base]) return base;
  }
  return "en";
}

export function lang() {
  return current;
}

export function setLang(next) {
  if (!WORDS[next] || next === current) return;
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  for (const listener of listeners) listener(next);
}

export function onLangChange(listener) {
  listeners.push(listener);
}

export function t(key, vars = {}) {
  const text = WORDS[current][key] ?? WORDS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
}

// The words of an API message in the chosen language (fields words_en / words_fr, label_en / label_fr).
export function pick(message, field = "words") {
  if (!message) return "";
  return message[`${field}_${current}`] || message[`${field}_en`] || "";
}

export function setTimeZone(zone) {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    timeZone = zone;
  } catch {
    timeZone = undefined;
  }
}

function locale() {
  return current === "fr" ? "fr-FR" : "en-US";
}

export function formatDateTime(value) {
  if (!value) return "";
  return new Intl.DateTimeFormat(locale(), { timeZone, dateStyle: "medium", timeStyle: "short" }).format(new Date(value));
}

export function formatDate(value) {
  return new Intl.DateTimeFormat(locale(), { timeZone, dateStyle: "medium" }).format(new Date(value));
}

export function formatHour(value) {
  return new Intl.DateTimeFormat(locale(), { timeZone, weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit" }).format(
    new Date(value),
  );
}

export function formatTime(value) {
  return new Intl.DateTimeFormat(locale(), { timeZone, hour: "numeric", minute: "2-digit" }).format(new Date(value));
}

const DAY_STYLES = {
  long: { weekday: "long", day: "numeric", month: "long" },
  short: { weekday: "short", day: "numeric" },
  date: { day: "numeric", month: "short" }, // days over several weeks
  medium: { dateStyle: "medium" }, // with the year
};

// A calendar day YYYY-MM-DD (already in the city's time), in words, in one of DAY_STYLES.
export function formatDay(localDate, style = "long") {
  const [y, m, d] = localDate.split("-").map(Number);
  const options = DAY_STYLES[style] || DAY_STYLES.long;
  return new Intl.DateTimeFormat(locale(), { ...options, timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatNumber(value, digits = 1) {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(Number(value));
}

export function formatPercent(share) {
  return new Intl.NumberFormat(locale(), { style: "percent", maximumFractionDigits: 0 }).format(Number(share));
}
