// The agenda: 30 days × zones, each day a zone's level in its band's colour; a day or a cell opens
// the events of that day, with the conflicts among them.
import { get } from "../api.js";
import { formatDay, pick, t } from "../i18n.js";
import { bandColour, el, swatch } from "../ui.js";
import { eventList, eventsOf } from "./events.js";

const settings = { date: null, zone: null };

export async function render(root) {
  const agenda = await get("agenda", { days: 30 });
  const dates = agenda.rows.length ? agenda.rows[0].entries.map((e) => e.local_date) : [];
  const conflictDates = new Set(agenda.conflicts.flatMap((c) => c.local_dates || []));
  const dayPanel = el("aside", { class: "day-panel", dataset: { testid: "day-panel" }, "aria-live": "polite" });

  function open(date, zoneId = null) {
    settings.date = date;
    settings.zone = zoneId;
    for (const node of root.querySelectorAll(".selected")) node.classList.remove("selected");
    root.querySelector(`[data-date="${date}"]`)?.classList.add("selected");
    const rows = zoneId ? agenda.rows.filter((r) => r.zone_id === zoneId) : agenda.rows;
    const entries = rows.flatMap((r) => r.entries.filter((e) => e.local_date === date));
    const conflicts = agenda.conflicts.filter((c) => (c.local_dates || []).includes(date) && (!zoneId || c.zone_id === zoneId));
    const zoneName = zoneId ? (agenda.rows.find((r) => r.zone_id === zoneId) || {}).zone_name : null;
    dayPanel.dataset.date = date;
    dayPanel.replaceChildren(
      el("h2", { dataset: { testid: "day-title" } }, zoneId ? t("agenda_zone_day_events", { zone: zoneName, date: formatDay(date) }) : t("agenda_day_events", { date: formatDay(date) })),
      conflicts.length
        ? el("ul", { class: "conflicts" }, conflicts.map((c) => el("li", { class: "conflict", role: "alert", dataset: { testid: "conflict", kind: c.kind } }, `⚠ ${pick(c)}`)))
        : null,
      eventList(eventsOf(entries), agenda.conflicts),
    );
  }

  const head = el(
    "tr",
    {},
    el("th", { scope: "col", class: "zone-col" }, t("agenda_zone")),
    dates.map((date, i) =>
      el(
        "th",
        { scope: "col", dataset: { date } },
        el(
          "button",
          { type: "button", class: conflictDates.has(date) ? "day has-conflict" : "day", dataset: { testid: `agenda-day-${date}`, leadDay: String(i + 1) }, onclick: () => open(date) },
          formatDay(date, "short"),
          conflictDates.has(date) ? el("span", { class: "flag", title: t("agenda_conflict_mark") }, "⚠") : null,
        ),
      ),
    ),
  );
  const body = agenda.rows.map((row) =>
    el(
      "tr",
      {},
      el("th", { scope: "row", class: "zone-col" }, el("a", { href: `#/zone/${encodeURIComponent(row.zone_id)}` }, row.zone_name || row.zone_id)),
      row.entries.map((entry) =>
        el(
          "td",
          {},
          el(
            "button",
            {
              type: "button",
              class: `level ${entry.has_conflict ? "has-conflict" : ""} ${entry.events.length ? "has-events" : ""}`,
              style: `background:${bandColour(entry.band)}`,
              title: `${row.zone_name} · ${formatDay(entry.local_date)} · ${t("legend_level", { n: entry.risk_level })}`,
              dataset: { testid: `agenda-cell-${row.zone_id}-${entry.local_date}`, band: entry.band, level: String(entry.risk_level) },
              onclick: () => open(entry.local_date, row.zone_id),
            },
            String(entry.risk_level),
            entry.events.length ? el("span", { class: "count" }, entry.has_conflict ? "⚠" : "•") : null,
          ),
        ),
      ),
    ),
  );
  const legend = el(
    "ul",
    { class: "levels inline", dataset: { testid: "agenda-legend" } },
    (agenda.levels || []).map((m) => el("li", {}, swatch(m.band), el("strong", {}, t("legend_level", { n: m.risk_level })), " ", pick(m))),
  );
  root.append(
    el("h1", {}, t("agenda_title", { n: dates.length })),
    legend,
    el("div", { class: "agenda-layout" }, el("div", { class: "grid-scroll" }, el("table", { class: "agenda", dataset: { testid: "agenda-grid" } }, el("thead", {}, head), el("tbody", {}, body))), dayPanel),
  );
  if (settings.date && dates.includes(settings.date)) open(settings.date, settings.zone);
  else dayPanel.append(el("p", { class: "message" }, t("agenda_pick")));
}
