// A zone's page: observed weekly counts of recent weeks, then the expected daily counts of the next
// 30 days; the reasons; the zone's scheduled events.
import { get } from "../api.js";
import { chart } from "../charts.js";
import { formatDateTime, formatDay, formatNumber, pick, t } from "../i18n.js";
import { bandColour, definitionList, el, swatch, utcDay } from "../ui.js";
import { eventList, eventsOf } from "./events.js";

const WEEKS = 10;

export async function render(root, context) {
  const zoneId = context.args[0];
  const forecast = await get("forecast", { zone_id: zoneId });
  const freshness = forecast.origin.data_freshness || forecast.origin.issue_time;
  const end = utcDay(freshness, 1);
  const start = utcDay(freshness, 1 - 7 * WEEKS);
  const [history, agenda] = await Promise.all([
    get("history", { start, end, kind: "zone", zone_id: zoneId, period_days: 7 }),
    get("agenda", { days: 30, zone_id: zoneId }),
  ]);
  const weekly = new Map(history.counts.filter((c) => c.place === zoneId || c.zone_id === zoneId).map((c) => [c.period_start.slice(0, 10), Number(c.count)]));
  const weeks = Array.from({ length: WEEKS }, (_, i) => utcDay(`${start}T00:00:00Z`, 7 * i));
  // Weeks observed, then days expected, on one axis; each series only where it has values.
  const weekLabels = weeks.map((w) => formatDay(w, "short"));
  const dayLabels = forecast.days.map((d) => `${formatDay(d.local_date, "short")} (${d.lead_day})`);
  const [chartBox, instance] = chart(
    {
      type: "bar",
      data: {
        labels: [...weekLabels, ...dayLabels],
        datasets: [
          { label: t("zone_observed"), data: weeks.map((w, i) => ({ x: weekLabels[i], y: weekly.get(w) ?? null })), backgroundColor: "#868e96" },
          {
            label: t("zone_expected"),
            data: forecast.days.map((d, i) => ({ x: dayLabels[i], y: d.expected_count })),
            backgroundColor: forecast.days.map((d) => bandColour(d.band)),
          },
        ],
      },
      options: {
        scales: { x: { stacked: true, ticks: { autoSkip: true, maxRotation: 60 } }, y: { beginAtZero: true } },
        plugins: { legend: { position: "bottom" } },
      },
    },
    "zone-chart",
  );
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
    el("p", { class: "muted", dataset: { testid: "zone-min-published" } }, t("zone_min_published", { min: history.min_published_count })),
    el("h2", {}, t("panel_reasons")),
    forecast.reasons.length
      ? el("ul", { class: "reasons", dataset: { testid: "zone-reasons" } }, forecast.reasons.map((r) => el("li", {}, el("span", { class: `arrow ${r.raises ? "up" : "down"}` }, r.raises ? "▲" : "▼"), " ", pick(r))))
      : el("p", {}, t("panel_no_reasons")),
    el("h2", {}, t("panel_track")),
    el("p", {}, pick(forecast.track_record)),
    el("h2", {}, t("zone_events")),
    eventList(events, agenda.conflicts),
    el("h2", {}, t("zone_levels")),
    el("ul", { class: "levels" }, (forecast.daily_levels || []).map((m) => el("li", {}, swatch(m.band), el("strong", {}, t("legend_level", { n: m.risk_level })), " ", pick(m)))),
  );
  return () => instance.destroy();
}
