// The register of processing as readable sections: each partner, its purpose, the kinds of data,
// retention and the treatment of each field. The JSON's keys become headings and terms.
import { get } from "../api.js";
import { t } from "../i18n.js";
import { el } from "../ui.js";

function words(key) {
  const text = String(key).replace(/[_-]+/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function value(v, depth) {
  if (v === null || v === undefined || v === "") return el("span", { class: "muted" }, "–");
  if (typeof v === "boolean") return t(v ? "yes" : "no");
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x !== "object" || x === null)) return v.join(", ");
    return el("div", {}, v.map((x) => section(x, depth + 1)));
  }
  if (typeof v === "object") return section(v, depth + 1);
  return String(v);
}

function title(obj) {
  return obj.name || obj.title || obj.partner || obj.id || obj.field || null;
}

function section(obj, depth) {
  if (typeof obj !== "object" || obj === null) return el("p", {}, value(obj, depth));
  const heading = title(obj);
  const level = `h${Math.min(6, depth + 2)}`;
  const scalar = Object.entries(obj).filter(([, v]) => typeof v !== "object" || v === null || (Array.isArray(v) && v.every((x) => typeof x !== "object")));
  const nested = Object.entries(obj).filter(([k]) => !scalar.some(([s]) => s === k));
  return el(
    "section",
    { class: `register-section depth-${depth}` },
    heading ? el(level, {}, String(heading)) : null,
    scalar.length ? el("dl", { class: "facts" }, scalar.map(([k, v]) => [el("dt", {}, words(k)), el("dd", {}, value(v, depth))])) : null,
    nested.map(([k, v]) =>
      el("div", { class: "register-part" }, el(`h${Math.min(6, depth + 3)}`, {}, words(k)), Array.isArray(v) ? v.map((x) => section(x, depth + 1)) : keyed(v, depth + 1)),
    ),
  );
}

// An object keyed by ids (partners by id, fields by name): one section per key.
function keyed(obj, depth) {
  const entries = Object.entries(obj);
  if (entries.every(([, v]) => typeof v === "object" && v !== null && !Array.isArray(v)))
    return entries.map(([k, v]) => section(title(v) ? v : { name: k, ...v }, depth));
  return section(obj, depth);
}

export async function render(root) {
  const register = await get("register");
  root.append(el("h1", {}, t("register_title")));
  const body = el("div", { class: "register", dataset: { testid: "register" } });
  if (!register || !Object.keys(register).length) body.append(el("p", {}, t("register_empty")));
  else body.append(...[].concat(keyed(register, 0)));
  root.append(body);
}
