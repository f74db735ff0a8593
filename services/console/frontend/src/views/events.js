// Scheduled events as a list: what, who organises, how many, where, when; conflicts in words.
import { formatDate, formatDateTime, formatNumber, formatTime, pick, t } from "../i18n.js";
import { el } from "../ui.js";

function when(e) {
  const start = formatDateTime(e.starts_at);
  const sameDay = e.ends_at && formatDate(e.ends_at) === formatDate(e.starts_at);
  return e.ends_at ? `${start} – ${sameDay ? formatTime(e.ends_at) : formatDateTime(e.ends_at)}` : start;
}

export function eventList(events, conflicts) {
  if (!events.length) return el("p", { class: "message", dataset: { testid: "no-events" } }, t("agenda_no_events"));
  const byId = new Map(conflicts.map((c) => [c.conflict_id, c]));
  return el(
    "ul",
    { class: "events", dataset: { testid: "events" } },
    events.map((e) => {
      const own = (e.conflict_ids || []).map((id) => byId.get(id)).filter(Boolean);
      return el(
        "li",
        { class: own.length ? "event has-conflict" : "event", dataset: { testid: "event", eventKey: e.event_key } },
        el("h4", {}, `${e.category} · ${e.place || e.zone_id}`),
        el(
          "dl",
          { class: "facts" },
          el("dt", {}, t("event_category")),
          el("dd", {}, e.category),
          el("dt", {}, t("event_organiser")),
          el("dd", {}, e.organiser_type),
          el("dt", {}, t("event_attendance")),
          el("dd", {}, formatNumber(e.expected_attendance, 0)),
          el("dt", {}, t("event_place")),
          el("dd", {}, e.place || e.area || e.zone_id),
          el("dt", {}, t("event_when")),
          el("dd", {}, when(e)),
        ),
        own.map((c) => el("p", { class: "conflict", role: "alert", dataset: { testid: "conflict", kind: c.kind } }, `⚠ ${t("event_conflict")}: ${pick(c)}`)),
      );
    }),
  );
}

// The events of one day (or one zone's day), each once, earliest first.
export function eventsOf(entries) {
  const seen = new Map();
  for (const entry of entries) for (const e of entry.events || []) seen.set(e.event_key, e);
  return [...seen.values()].sort((a, b) => String(a.starts_at).localeCompare(String(b.starts_at)));
}
