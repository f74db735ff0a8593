// The register of processing as readable sections: each partner, its purpose, the kinds of data it
// sends, how long they are kept and what becomes of each field and attribute.
import { get } from "../api.js";
import { t } from "../i18n.js";
import { definitionList, el } from "../ui.js";

function list(values) {
  return values && values.length ? values.join(", ") : "–";
}

function table(testid, head, rows) {
  return el(
    "div",
    { class: "table-scroll" },
    el("table", { class: "data", dataset: { testid } }, el("thead", {}, el("tr", {}, head.map((h) => el("th", { scope: "col" }, h)))), el("tbody", {}, rows)),
  );
}

function kindSection(kind) {
  const text = kind.free_text || {};
  return el(
    "section",
    { class: "register-section", dataset: { testid: `register-kind-${kind.kind}` } },
    el("h3", {}, kind.kind),
    definitionList([
      [t("register_categories"), list(kind.categories)],
      [t("register_sensitive"), list(kind.sensitive_categories)],
      [t("register_retention"), kind.retention],
    ]),
    el("h4", {}, t("register_fields")),
    table(
      "register-fields",
      [t("register_field"), t("register_treatment")],
      Object.entries(kind.fields || {}).map(([name, words]) => el("tr", {}, el("td", {}, el("code", {}, name)), el("td", {}, words))),
    ),
    el("h4", {}, t("register_attributes")),
    table(
      "register-attributes",
      [t("register_attribute"), t("register_treatment"), t("register_declared_by"), t("register_outside")],
      Object.entries(kind.attributes || {}).map(([name, a]) =>
        el("tr", {}, el("td", {}, el("code", {}, name)), el("td", {}, a.treatment), el("td", {}, a.declared_by || "–"), el("td", {}, a.outside_its_declaration || "–")),
      ),
    ),
    el("h4", {}, t("register_free_text")),
    definitionList([
      [t("register_signals"), list(text.signals)],
      [t("register_kept_for"), text.kept_for ? `${text.kept_for} (${text.kept_days} d)` : t("register_not_kept")],
    ]),
  );
}

export async function render(root) {
  const register = await get("register");
  root.append(
    el("h1", {}, t("register_title")),
    definitionList([
      [t("register_city"), register.city],
      [t("register_policy"), `${register.policy_version} (sha256 ${String(register.policy_sha256 || "").slice(0, 12)}…)`],
    ]),
  );
  const partners = register.partners || [];
  if (!partners.length) root.append(el("p", { class: "message" }, t("register_empty")));
  root.append(
    el(
      "div",
      { class: "register", dataset: { testid: "register" } },
      partners.map((p) =>
        el(
          "section",
          { class: "register-section partner", dataset: { testid: `register-partner-${p.partner}` } },
          el("h2", {}, p.name || p.partner),
          definitionList([
            [t("register_partner"), el("code", {}, p.partner)],
            [t("register_purpose"), p.purpose],
            [t("register_key_domain"), p.key_domain],
            [t("register_police_generated"), t(p.police_generated ? "register_yes" : "register_no"), "register-police-generated"],
            [t("register_publication"), p.publication ? p.publication.rule : "–"],
          ]),
          (p.kinds || []).map(kindSection),
        ),
      ),
    ),
  );
}
