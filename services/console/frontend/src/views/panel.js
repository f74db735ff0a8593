// The side panel of a zone or cell: its level for the chosen period, what that level means, why,
// how the model did there, and where the forecast stands.
import { formatDateTime, formatDay, formatHour, formatNumber, formatPercent, pick, t } from "../i18n.js";
import { bandColour, definitionList, el } from "../ui.js";

// The value of the chosen period: a lead day (1-30) or an hour index (0-71).
export function periodValue(forecast, period) {
  if (period.mode === "hour") {
    const hour = forecast.hours[period.hour] || forecast.hours[0];
    const meanings = forecast.hourly_levels || [];
    const meaning = meanings.find((m) => m.risk_level === hour.risk_level);
    return { ...hour, band: meaning ? meaning.band : "BAND_UNSPECIFIED", meaning, label: t("panel_for_hour", { date: formatHour(hour.target_time) }) };
  }
  const day = forecast.days.find((d) => d.lead_day === period.day) || forecast.days[0];
  const meaning = (forecast.daily_levels || []).find((m) => m.risk_level === day.risk_level);
  return { ...day, meaning, label: t("panel_for_day", { n: day.lead_day, date: formatDay(day.local_date) }) };
}

export function forecastPanel(forecast, period, { onClose } = {}) {
  const value = periodValue(forecast, period);
  const title =
    forecast.kind === "PLACE_KIND_CELL" ? t("panel_zone_of_cell", { cell: forecast.cell, zone: forecast.zone_name || forecast.zone_id }) : forecast.zone_name || forecast.zone_id;
  const reasons = forecast.reasons || [];
  const track = forecast.track_record || {};
  const origin = forecast.origin || {};
  return el(
    "div",
    { class: "panel-body" },
    el(
      "div",
      { class: "panel-head" },
      el("h2", { dataset: { testid: "panel-title" } }, title),
      onClose ? el("button", { type: "button", class: "close", "aria-label": t("panel_close"), dataset: { testid: "panel-close" }, onclick: onClose }, "×") : null,
    ),
    el("p", { class: "period", dataset: { testid: "panel-period" } }, value.label),
    el(
      "div",
      { class: "level-badge", style: `background:${bandColour(value.band)}` },
      el("span", { class: "level-number", dataset: { testid: "panel-level", value: String(value.risk_level) } }, String(value.risk_level)),
      el("span", { class: "level-band", dataset: { testid: "panel-band", value: value.band } }, t(`band_${value.band || "BAND_UNSPECIFIED"}`)),
    ),
    definitionList([[t("panel_expected"), el("span", { dataset: { testid: "panel-expected", value: String(value.expected_count) } }, formatNumber(value.expected_count, 2))]]),
    el("h3", {}, t("panel_meaning")),
    el("p", { dataset: { testid: "panel-meaning" } }, pick(value.meaning)),
    el("h3", {}, t("panel_reasons")),
    reasons.length
      ? el(
          "ul",
          { class: "reasons", dataset: { testid: "panel-reasons" } },
          reasons.map((r) =>
            el(
              "li",
              { dataset: { testid: "reason" } },
              el("span", { class: `arrow ${r.raises ? "up" : "down"}`, "aria-label": t(r.raises ? "raises" : "lowers") }, r.raises ? "▲" : "▼"),
              " ",
              pick(r) || `${pick(r, "label")} (${formatPercent(r.share)})`,
              el("span", { class: "share-bar", style: `width:${Math.round(100 * Number(r.share || 0))}%` }),
            ),
          ),
        )
      : el("p", { dataset: { testid: "panel-reasons" } }, t("panel_no_reasons")),
    el("h3", {}, t("panel_track")),
    el("p", { dataset: { testid: "panel-track" } }, pick(track)),
    definitionList([
      [t("panel_freshness"), formatDateTime(origin.data_freshness), "panel-freshness"],
      [t("panel_issued"), formatDateTime(origin.issue_time), "panel-issued"],
      [t("panel_model"), origin.model_version, "panel-model"],
    ]),
    el("a", { href: `#/zone/${encodeURIComponent(forecast.zone_id)}`, class: "button", dataset: { testid: "panel-zone-link" } }, t("panel_zone_page")),
  );
}
