// Small DOM helpers and the colours of the bands, shared by the views.
import { t } from "./i18n.js";

export const BAND_COLOURS = {
  BAND_GREEN: "#2f9e44",
  BAND_ORANGE: "#f08c00",
  BAND_RED: "#d9480f",
  BAND_UNSPECIFIED: "#adb5bd",
};

export function bandColour(band) {
  return BAND_COLOURS[band] || BAND_COLOURS.BAND_UNSPECIFIED;
}

// el("div", {class: "x", dataset: {testid: "y"}, onclick: f}, child, "text", ...)
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "class") node.className = value;
    else if (key === "style") node.style.cssText = value;
    else if (key in node && typeof value !== "string") node[key] = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function swatch(band) {
  return el("span", { class: "swatch", style: `background:${bandColour(band)}` });
}

export function message(kind, text, testid = kind) {
  return el("p", { class: `message ${kind}`, dataset: { testid }, role: kind === "error" ? "alert" : "status" }, text);
}

export function errorMessage(error) {
  if (error && error.status === 404) return message("not-found", t("not_found"));
  return message("error", t("error", { words: (error && error.message) || String(error) }));
}

export function definitionList(pairs) {
  return el("dl", { class: "facts" }, pairs.filter(Boolean).map(([term, value, testid]) => [el("dt", {}, term), el("dd", { dataset: testid ? { testid } : undefined }, value)]));
}

// The start of a UTC day, n days from the day of `value`, as YYYY-MM-DD (history asks whole UTC days).
export function utcDay(value, plusDays = 0) {
  const d = new Date(value);
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + plusDays));
  return day.toISOString().slice(0, 10);
}
