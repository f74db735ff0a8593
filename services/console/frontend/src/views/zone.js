// A zone's page: the expected daily counts of the next 30 days and their reasons; then what the
// model expected here on days it never saw (its card's held-out test period) against what was
// observed and against the closest simple method; the zone's scheduled events.
import { get, getOnce } from "../api.js";
import { chart, PALETTE } from "../charts.js";
import { formatDateTime, formatDay, formatNumber, pick, t } from "../i18n.js";
import { bandColour, definitionList, el, swatch } from "../ui.js";
import { eventList, eventsOf } from "./events.js";

// The band whose zones the card follows day by day (the next 24 hours from each issue time).
const SERIES_BAND = "day1";
const OBSERVED_COLOUR = "#868e96";

// This zone's day-by-day series from the card of the model that made the forecast (a version's
// card never changes: read once), or null when the card has none for it.
async function heldOutSeries(modelVersion, zoneId) {
  const answer = await getOnce("card", { model_version: modelVersion });
  const band = (JSON.parse(answer.card_json).bands || {})[SERIES_BAND];
  const series = band && band.measured ? (band.zone_series || []).find((z) => z.zone === zoneId) : null;
  return series && series.dates.length ? series : null;
}

function baselineWords(name) {
  const words = t(`baseline_${name}`);
  return words === `baseline_${name}` ? name : words;
}

function sum(values) {
  return values.reduce((a, b) => a + b, 0);
}

// Observed bars, the model's line and the simple method's dashed line, one point per issue date;
// below it the totals over the days whose count may be published, and the zone's track record.
function heldOutSection(series, trackRecord) {
  const labels = series.dates.map((d) => formatDay(d, "date"));
  const baseline = baselineWords(series.baseline_name);
  const [box, instance] = chart(
    {
      type: "bar",
      data: {
        labels,
        datasets: [
          { type: "line", label: t("zone_heldout_model"), data: series.model, borderColor: PALETTE[0], backgroundColor: PALETTE[0], borderWidth: 2.5, pointRadius: 0, order: 0 },
          {
            type: "line",
            label: t("zone_heldout_baseline", { name: baseline }),
            data: series.baseline,
            borderColor: PALETTE[1],
            backgroundColor: PALETTE[1],
            borderDash: [6, 4],
            borderWidth: 2,
            pointRadius: 0,
            order: 1,
          },
          { type: "bar", label: t("zone_heldout_observed"), data: series.observed, backgroundColor: OBSERVED_COLOUR, order: 2 },
        ],
      },
      options: {
        interaction: { mode: "index", intersect: false },
        scales: { x: { ticks: { autoSkip: true, maxRotation: 60 } }, y: { beginAtZero: true } },
        plugins: { legend: { position: "bottom" } },
      },
    },
    "zone-heldout-chart",
  );
  Object.assign(box.dataset, { datasets: String(instance.data.datasets.length), start: series.dates[0], end: series.dates[series.dates.length - 1] });
  const shown = series.observed.map((v, i) => (v === null ? null : i)).filter((i) => i !== null);
  const withheld = shown.length < series.dates.length;
  const total = (values) => formatNumber(sum(shown.map((i) => values[i])), 0);
  const figures = { days: shown.length, all: series.dates.length, model: total(series.model), baseline: total(series.baseline), observed: total(series.observed) };
  return [
    [
      el("h2", { dataset: { testid: "zone-heldout-title" } }, t("zone_heldout", { start: formatDay(series.dates[0], "medium"), end: formatDay(series.dates[series.dates.length - 1], "medium") })),
      box,
      el("p", { dataset: { testid: "zone-heldout-summary" } }, t(withheld ? "zone_heldout_summary_withheld" : "zone_heldout_summary", figures)),
      el("p", { dataset: { testid: "zone-track" } }, pick(trackRecord)),
      withheld ? el("p", { class: "muted" }, t("zone_heldout_withheld", { max: series.withheld_below - 1 })) : null,
    ],
    instance,
  ];
}

export async function render(root, context) {
  const zoneId = context.args[0];
  const forecast = await get("forecast", { zone_id: zoneId });
  const [series, agenda] = await Promise.all([
    heldOutSeries(forecast.origin.model_version, zoneId).catch((error) => ({ error })),
    get("agenda", { days: 30, zone_id: zoneId }),
  ]);
  const charts = [];
  let heldOut;
  if (series && !series.error) {
    const [nodes, instance] = heldOutSection(series, forecast.track_record);
    heldOut = nodes;
    charts.push(instance);
  } else {
    const words = series ? t("zone_heldout_unavailable", { words: series.error.message || String(series.error) }) : t("zone_heldout_none");
    heldOut = [el("h2", {}, t("panel_track")), el("p", { class: "muted", dataset: { testid: "zone-heldout-none" } }, words), el("p", { dataset: { testid: "zone-track" } }, pick(forecast.track_record))];
  }
  const dayLabels = forecast.days.map((d) => `${formatDay(d.local_date, "short")} (${d.lead_day})`);
  const [chartBox, instance] = chart(
    {
      type: "bar",
      data: {
        labels: dayLabels,
        datasets: [{ label: t("zone_expected"), data: forecast.days.map((d) => d.expected_count), backgroundColor: forecast.days.map((d) => bandColour(d.band)) }],
      },
      options: {
        scales: { x: { ticks: { autoSkip: true, maxRotation: 60 } }, y: { beginAtZero: true } },
        plugins: { legend: { display: false } },
      },
    },
    "zone-chart",
  );
  charts.push(instance);
  const row = agenda.rows.find((r) => r.zone_id === zoneId);
  const events = row ? eventsOf(row.entries) : [];
  root.append(
    el("h1", { dataset: { testid: "zone-title" } }, t("zone_title", { name: forecast.zone_name || zoneId })),
    definitionList([
      [t("panel_level"), el("span", {}, swatch(forecast.band), ` ${forecast.risk_level} (${t(`band_${forecast.band || "BAND_UNSPECIFIED"}`)})`), "zone-level"],
      [t("panel_expected"), formatNumber(forecast.days[0] ? forecast.days[0].expected_count : 0, 2), "zone-expected"],
      [t("panel_freshness"), formatDateTime(forecast.origin.data_freshness)],
      [t("panel_model"), forecast.origin.model_version],
    ]),
    el("h2", {}, t("zone_chart")),
    chartBox,
    el("h2", {}, t("panel_reasons")),
    forecast.reasons.length
      ? el("ul", { class: "reasons", dataset: { testid: "zone-reasons" } }, forecast.reasons.map((r) => el("li", {}, el("span", { class: `arrow ${r.raises ? "up" : "down"}` }, r.raises ? "▲" : "▼"), " ", pick(r))))
      : el("p", {}, t("panel_no_reasons")),
    el("section", { dataset: { testid: "zone-heldout" } }, heldOut),
    el("h2", {}, t("zone_events")),
    eventList(events, agenda.conflicts),
    el("h2", {}, t("zone_levels")),
    el("ul", { class: "levels" }, (forecast.daily_levels || []).map((m) => el("li", {}, swatch(m.band), el("strong", {}, t("legend_level", { n: m.risk_level })), " ", pick(m)))),
  );
  return () => charts.forEach((c) => c.destroy());
}
