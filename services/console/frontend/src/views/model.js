// The active model's card as a page: the gate's decision, PAI by area share against each baseline,
// reliability by decile, hit rates per zone; then every version with its status.
import { get } from "../api.js";
import { chart, PALETTE } from "../charts.js";
import { formatDateTime, lang, t } from "../i18n.js";
import { definitionList, el } from "../ui.js";

const PERCENTS = ["1", "5", "10", "20"];
const settings = { band: "day1" };

function num(value, digits = 2) {
  if (value === null || value === undefined) return "–";
  return new Intl.NumberFormat(lang() === "fr" ? "fr-FR" : "en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

// What a band's figures rest on: how many issue times, how many windows that share no day, and
// whether that is enough for the city to rely on it (a card written before windows were counted
// says only its issue times).
function basis(band, gate) {
  const pai = band.pai5 || {};
  const [low, high] = pai.ratio_ci95 || [null, null];
  const parts = [
    band.independent_windows
      ? t("model_basis", { issue_times: band.issue_times, windows: band.independent_windows, days: band.window_days })
      : t("model_basis_issue_times", { issue_times: band.issue_times }),
    t("model_basis_ratio", { ratio: num(pai.ratio, 3), low: num(low, 3), high: num(high, 3) }),
  ];
  if (band.judged === false) parts.push(t("model_basis_not_judged", { min: gate.min_independent_windows || "?" }));
  return el("p", { class: band.judged === false ? "message" : "", dataset: { testid: "band-basis" } }, parts.join(" "));
}

export async function render(root) {
  const [cardAnswer, models] = await Promise.all([get("card"), get("models")]);
  const card = JSON.parse(cardAnswer.card_json);
  const charts = [];
  const bandBox = el("div", { class: "band-box" });
  const bandNames = Object.keys(card.bands || {});
  if (!bandNames.includes(settings.band)) settings.band = bandNames[0];

  function drawBand() {
    for (const c of charts.splice(0)) c.destroy();
    const band = card.bands[settings.band];
    if (!band || !band.measured) {
      bandBox.replaceChildren(el("p", { class: "message" }, t("model_not_judged")));
      return;
    }
    const methods = [band.model || "model", ...(band.baselines || [])];
    const paiOf = (method, p) => {
      const block = band[`pai${p}`] || {};
      return method === (band.model || "model") ? block.model : (block.baselines || {})[method];
    };
    const [paiBox, pai] = chart(
      {
        type: "line",
        data: {
          labels: PERCENTS.map((p) => `${p} %`),
          datasets: methods.map((m, i) => ({ label: m, data: PERCENTS.map((p) => paiOf(m, p)), borderColor: PALETTE[i % PALETTE.length], backgroundColor: PALETTE[i % PALETTE.length], borderWidth: i === 0 ? 3 : 1.5 })),
        },
        options: { scales: { x: { title: { display: true, text: t("model_area_share") } }, y: { beginAtZero: true, title: { display: true, text: "PAI" } } } },
      },
      "pai-chart",
    );
    const rows = band.reliability || [];
    const [relBox, rel] = chart(
      {
        type: "bar",
        data: {
          labels: rows.map((r) => String(r.bin)),
          datasets: [
            { label: t("model_predicted"), data: rows.map((r) => r.mean_predicted), backgroundColor: PALETTE[0] },
            { label: t("model_observed"), data: rows.map((r) => r.mean_observed), backgroundColor: PALETTE[1] },
          ],
        },
        options: { scales: { x: { title: { display: true, text: t("model_decile") } }, y: { beginAtZero: true } } },
      },
      "reliability-chart",
    );
    charts.push(pai, rel);
    const baselines = band.baselines || [];
    const zoneRows = (band.zones || []).map((z) => {
      const model = (z.methods[band.model || "model"] || {}).hit_rate;
      const best = baselines.map((b) => [b, (z.methods[b] || {}).hit_rate]).filter(([, v]) => v !== null && v !== undefined).sort((a, b) => b[1] - a[1])[0];
      const ratio = best && model !== null && model !== undefined && best[1] > 0 ? model / best[1] : null;
      return el(
        "tr",
        { class: ratio !== null && ratio < 1 ? "loses" : "" },
        el("td", {}, z.zone),
        el("td", { class: "n" }, num(z.observed, 0)),
        el("td", { class: "n" }, num(model, 3)),
        el("td", {}, best ? `${best[0]} (${num(best[1], 3)})` : "–"),
        el("td", { class: "n" }, num(ratio)),
      );
    });
    bandBox.replaceChildren(
      el("h2", {}, t("model_pai")),
      basis(band, card.gate || {}),
      paiBox,
      el("h2", {}, t("model_reliability")),
      relBox,
      el("h2", {}, t("model_zones")),
      el(
        "div",
        { class: "table-scroll" },
        el(
          "table",
          { class: "data", dataset: { testid: "zone-hit-rates" } },
          el("thead", {}, el("tr", {}, [t("model_zone"), "n", t("model_model"), t("model_best_baseline"), t("model_ratio")].map((h) => el("th", { scope: "col" }, h)))),
          el("tbody", {}, zoneRows),
        ),
      ),
    );
  }

  const bandPicker = el(
    "div",
    { class: "group", role: "group", "aria-label": t("model_band") },
    bandNames.map((name) =>
      el(
        "button",
        {
          type: "button",
          class: settings.band === name ? "toggle on" : "toggle",
          dataset: { testid: `band-${name}` },
          onclick: (e) => {
            settings.band = name;
            for (const b of bandPicker.children) b.classList.toggle("on", b === e.currentTarget);
            drawBand();
          },
        },
        t(`band_${name}`),
      ),
    ),
  );
  const gate = card.gate || {};
  root.append(
    el("h1", { dataset: { testid: "model-title" } }, t("model_title", { version: card.model_version })),
    definitionList([
      [t("model_status"), t(`status_MODEL_STATUS_${String(card.status || "unspecified").toUpperCase()}`), "model-status"],
      [t("model_gate"), `${t(gate.passed ? "gate_passed" : "gate_failed")}: ${gate.reason || ""}`, "model-gate"],
      [t("model_trained_on"), card.data ? formatDateTime(card.data.issue_time) : ""],
    ]),
    (card.where_the_model_loses || []).length ? el("div", {}, el("h2", {}, t("model_loses")), el("ul", {}, card.where_the_model_loses.map((w) => el("li", {}, w)))) : null,
    bandPicker,
    bandBox,
    el("h2", {}, t("model_versions")),
    el(
      "div",
      { class: "table-scroll" },
      el(
        "table",
        { class: "data", dataset: { testid: "model-versions" } },
        el("thead", {}, el("tr", {}, [t("model_version"), t("model_status"), t("model_trained_at"), t("model_day1_ratio"), t("model_gate_reason")].map((h) => el("th", { scope: "col" }, h)))),
        el(
          "tbody",
          {},
          (models.models || []).map((m) =>
            el(
              "tr",
              { class: m.status === "MODEL_STATUS_ACTIVE" ? "active" : "" },
              el("td", {}, m.model_version),
              el("td", {}, t(`status_${m.status}`)),
              el("td", {}, formatDateTime(m.trained_at)),
              el("td", { class: "n" }, num(m.day1_pai5_ratio)),
              el("td", {}, m.gate_reason),
            ),
          ),
        ),
      ),
    ),
  );
  drawBand();
  return () => charts.forEach((c) => c.destroy());
}
