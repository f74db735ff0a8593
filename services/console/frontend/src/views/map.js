// The map: zones or cells coloured by level for one hour or one day, past incidents, scheduled
// events; a click opens the place's forecast. No tiles: the study area, zones and cells alone.
import L from "leaflet";

import { get, getOnce } from "../api.js";
import { formatDay, formatHour, formatNumber, formatTime, pick, t } from "../i18n.js";
import { bandColour, el, errorMessage, swatch, utcDay } from "../ui.js";
import { forecastPanel } from "./panel.js";

// Kept across renders (a language switch redraws the view, not the choices).
const settings = { kind: "zone", mode: "day", day: 1, hour: 0, layers: { forecast: true, history: false, events: true }, selected: null };
const HISTORY_COLOURS = ["#f3f0ff", "#d0bfff", "#9775fa", "#7048e8", "#5f3dc4"];
const BANDS = [undefined, "BAND_GREEN", "BAND_ORANGE", "BAND_RED"];

// A band as the API's enum name, from a GeoJSON property ("red", "BAND_RED" or its number).
function bandName(band) {
  if (typeof band === "number") return BANDS[band] || "BAND_UNSPECIFIED";
  if (!band) return "BAND_UNSPECIFIED";
  const name = String(band).toUpperCase();
  return name.startsWith("BAND_") ? name : `BAND_${name}`;
}

// The centre of a GeoJSON polygon's outer ring (enough to place a marker inside a small cell).
function centre(geometry) {
  const ring = geometry.type === "MultiPolygon" ? geometry.coordinates[0][0] : geometry.coordinates[0];
  const points = ring.slice(0, -1);
  const [x, y] = points.reduce(([sx, sy], [px, py]) => [sx + px, sy + py], [0, 0]);
  return [y / points.length, x / points.length];
}

// Tooltip content as a text node: Leaflet would read a string as HTML.
function text(words) {
  return el("span", {}, words);
}

function tagLayer(layer, attributes) {
  layer.on("add", () => {
    const node = layer.getElement && layer.getElement();
    if (node) for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  });
}

export async function render(root, context) {
  const zones = await getOnce("zones", { include_cells: 1 });
  const zoneById = new Map(zones.zones.map((z) => [z.zone_id, z]));
  let hours = []; // the 72 hours' start times, from the forecast of a zone
  let origin = null;
  let forecastLayer = null;
  let historyLayer = null;
  let eventsLayer = null;
  let selectedForecast = null;
  let loadSeq = 0;
  let disposed = false;

  // Controls
  const toggle = (group, value, key, testid) =>
    el("button", { type: "button", class: settings[group] === value ? "toggle on" : "toggle", "aria-pressed": String(settings[group] === value), dataset: { testid }, onclick: () => choose(group, value) }, t(key));
  const kindGroup = el("div", { class: "group", role: "group", "aria-label": t("map_kind") });
  const modeGroup = el("div", { class: "group", role: "group", "aria-label": t("map_mode") });
  const slider = el("input", { type: "range", step: 1, id: "when", dataset: { testid: "slider" }, "aria-label": t("slider") });
  const sliderLabel = el("output", { for: "when", class: "when", dataset: { testid: "slider-label" } });
  const layerBox = (name, key) =>
    el(
      "label",
      { class: "check" },
      el("input", { type: "checkbox", checked: settings.layers[name], dataset: { testid: `layer-${name}` }, onchange: (e) => setLayer(name, e.target.checked) }),
      " ",
      t(key),
    );
  const legend = el("div", { class: "legend", dataset: { testid: "legend" } });
  const status = el("div", { class: "map-status", "aria-live": "polite" });
  const panel = el("aside", { class: "panel", dataset: { testid: "zone-panel" }, hidden: true });
  const mapDiv = el("div", { class: "map", dataset: { testid: "map" } });

  function drawToggles() {
    kindGroup.replaceChildren(toggle("kind", "zone", "kind_zone", "kind-zone"), toggle("kind", "cell", "kind_cell", "kind-cell"));
    modeGroup.replaceChildren(toggle("mode", "day", "mode_day", "mode-day"), toggle("mode", "hour", "mode_hour", "mode-hour"));
  }
  drawToggles();

  root.append(
    el(
      "div",
      { class: "toolbar" },
      kindGroup,
      modeGroup,
      el("div", { class: "slider-box" }, slider, sliderLabel),
      el("fieldset", { class: "layers" }, el("legend", {}, t("layers")), layerBox("forecast", "layer_forecast"), layerBox("history", "layer_history"), layerBox("events", "layer_events")),
    ),
    el("div", { class: "map-area" }, el("div", { class: "map-wrap" }, mapDiv, legend, status), panel),
  );

  const map = L.map(mapDiv, { attributionControl: false, zoomSnap: 0.25, minZoom: 7 });
  map.createPane("history").style.zIndex = 390;
  const boundary = L.geoJSON(JSON.parse(zones.boundary_geojson), { interactive: false, style: { color: "#495057", weight: 2, fill: false } }).addTo(map);

  function periodParams() {
    if (settings.mode === "hour" && hours.length) return { target_time: hours[Math.min(settings.hour, hours.length - 1)] };
    return { lead_day: settings.day };
  }

  function periodLabel() {
    if (settings.mode === "hour" && hours.length) return t("hour_label", { date: formatHour(hours[settings.hour]) });
    const date = origin ? dayDate(settings.day) : "";
    return t("day_label", { n: settings.day, date: date ? formatDay(date) : "" });
  }

  // The city date of a lead day, from the agenda when known, else from the issue time.
  let dayDates = new Map();
  function dayDate(leadDay) {
    if (dayDates.has(leadDay)) return dayDates.get(leadDay);
    const start = new Date(Date.parse(origin.issue_time) + (leadDay - 1) * 86400000);
    return start.toISOString().slice(0, 10);
  }

  function setSlider() {
    if (settings.mode === "hour") {
      slider.min = 0;
      slider.max = Math.max(0, (hours.length || 72) - 1);
      slider.value = settings.hour;
    } else {
      slider.min = 1;
      slider.max = 30;
      slider.value = settings.day;
    }
    sliderLabel.textContent = periodLabel();
  }

  async function ensureHours() {
    if (hours.length || !zones.zones.length) return;
    const forecast = await get("forecast", { zone_id: zones.zones[0].zone_id });
    hours = forecast.hours.map((h) => h.target_time);
  }

  async function loadForecast() {
    const seq = ++loadSeq;
    status.replaceChildren();
    try {
      if (settings.mode === "hour") await ensureHours();
      setSlider();
      const answer = await get("riskmap", { kind: settings.kind, ...periodParams() });
      if (disposed || seq !== loadSeq) return;
      origin = answer.origin;
      if (forecastLayer) forecastLayer.remove();
      forecastLayer = null;
      if (settings.layers.forecast) {
        const collection = JSON.parse(answer.feature_collection_geojson);
        forecastLayer = L.geoJSON(collection, {
          style: (f) => styleOf(f.properties),
          onEachFeature: (f, layer) => {
            const p = f.properties;
            layer.bindTooltip(text(`${p.name || p.id}: ${t("legend_level", { n: p.risk_level })} · ${formatNumber(p.expected_count, 2)}`), { sticky: true });
            layer.on("click", () => select(p));
            tagLayer(layer, { "data-testid": `shape-${p.id}`, "data-level": String(p.risk_level), "data-band": bandName(p.band) });
          },
        }).addTo(map);
      }
      if (!settings.layers.history && historyLayer) {
        historyLayer.remove();
        historyLayer = null;
      }
      if (!settings.layers.events && eventsLayer) {
        eventsLayer.remove();
        eventsLayer = null;
      }
      drawLegend(answer.levels || [], answer);
      sliderLabel.textContent = periodLabel();
      await Promise.all([settings.layers.history ? loadHistory() : null, settings.layers.events ? loadEvents() : null]);
    } catch (error) {
      if (!disposed && seq === loadSeq) status.replaceChildren(errorMessage(error));
    }
  }

  function styleOf(p) {
    const selected = settings.selected && settings.selected.id === p.id;
    return {
      fillColor: bandColour(bandName(p.band)),
      fillOpacity: settings.layers.history ? 0.35 : 0.6,
      color: selected ? "#212529" : "#ffffff",
      weight: selected ? 3 : settings.kind === "zone" ? 1.5 : 0.4,
    };
  }

  let historyNote = null;
  function drawLegend(levels, answer) {
    legend.replaceChildren(
      ...[
      el("h3", {}, t("legend")),
      el("p", { class: "legend-when", dataset: { testid: "legend-when", leadDay: settings.mode === "day" ? String(settings.day) : "", hour: settings.mode === "hour" ? String(settings.hour) : "" } }, periodLabel()),
      settings.layers.forecast
        ? el(
            "ul",
            { class: "levels" },
            levels.map((m) =>
              el("li", { dataset: { testid: `legend-level-${m.risk_level}`, band: m.band } }, swatch(m.band), el("strong", {}, t("legend_level", { n: m.risk_level })), " ", pick(m)),
            ),
          )
        : null,
      historyNote,
      settings.layers.events ? el("p", { class: "legend-events" }, el("span", { class: "dot" }), t("legend_events")) : null,
      ].filter(Boolean),
    );
    legend.dataset.issueTime = (answer && answer.origin && answer.origin.issue_time) || "";
  }

  async function loadHistory() {
    if (historyLayer) historyLayer.remove();
    historyLayer = null;
    if (!origin || !origin.data_freshness) return;
    const end = utcDay(origin.data_freshness, 1);
    const start = utcDay(origin.data_freshness, -27);
    const answer = await get("history", { start, end, kind: settings.kind, period_days: 0 });
    if (disposed) return;
    const collection = JSON.parse(answer.feature_collection_geojson || '{"type":"FeatureCollection","features":[]}');
    const counts = collection.features.map((f) => Number(f.properties.count || 0)).filter((c) => c > 0);
    const top = Math.max(1, ...counts);
    const shade = (count) => HISTORY_COLOURS[Math.min(HISTORY_COLOURS.length - 1, Math.floor((HISTORY_COLOURS.length * count) / (top + 1)))];
    historyLayer = L.geoJSON(collection, {
      pane: "history",
      interactive: !settings.layers.forecast,
      style: (f) => ({ fillColor: shade(Number(f.properties.count || 0)), fillOpacity: 0.75, color: "#5f3dc4", weight: 0.8, dashArray: "3 3" }),
      onEachFeature: (f, layer) => {
        const p = f.properties;
        // Zones carry their count on the map; cells, too many for labels, on hover.
        if (settings.kind === "zone") layer.bindTooltip(text(String(p.count)), { permanent: true, direction: "center", className: "count-label" });
        else layer.bindTooltip(text(`${p.name || p.id}: ${p.count}`), { sticky: true });
        tagLayer(layer, { "data-testid": `history-${p.id}`, "data-count": String(p.count) });
      },
    }).addTo(map);
    historyNote = el(
      "p",
      { class: "legend-history", dataset: { testid: "legend-history" } },
      el("span", { class: "swatch", style: `background:${HISTORY_COLOURS[2]}` }),
      t("legend_history", { start: formatDay(start), end: formatDay(utcDay(end, -1)), min: answer.min_published_count }),
    );
    legend.querySelector(".legend-history")?.remove();
    legend.insertBefore(historyNote, legend.querySelector(".legend-events"));
  }

  async function loadEvents() {
    if (eventsLayer) eventsLayer.remove();
    eventsLayer = null;
    const agenda = await getOnce("agenda", { days: 30 });
    dayDates = new Map();
    for (const row of agenda.rows) for (const entry of row.entries) dayDates.set(entry.lead_day, entry.local_date);
    sliderLabel.textContent = periodLabel();
    const day = settings.mode === "hour" && hours.length ? 1 + Math.floor((Date.parse(hours[settings.hour]) - Date.parse(agenda.origin.issue_time)) / 86400000) : settings.day;
    const events = new Map();
    for (const row of agenda.rows) for (const entry of row.entries) if (entry.lead_day === day) for (const e of entry.events) events.set(e.event_key, e);
    if (!events.size || disposed) return;
    const cells = await cellCentres();
    eventsLayer = L.layerGroup(
      [...events.values()].map((e) => {
        const where = cells.get(e.cell) || (zoneById.get(e.zone_id) ? centre(JSON.parse(zoneById.get(e.zone_id).geometry_geojson)) : null);
        if (!where) return null;
        const conflict = e.conflict_ids && e.conflict_ids.length > 0;
        const marker = L.circleMarker(where, {
          radius: Math.max(6, Math.min(18, Math.sqrt(Number(e.expected_attendance || 0)) / 12)),
          color: conflict ? "#c92a2a" : "#1c3d5a",
          weight: conflict ? 3 : 2,
          fillColor: "#339af0",
          fillOpacity: 0.8,
        });
        marker.bindTooltip(text(`${e.category} · ${e.place} · ${formatTime(e.starts_at)}–${formatTime(e.ends_at)} · ${formatNumber(e.expected_attendance, 0)}`));
        tagLayer(marker, { "data-testid": `event-${e.event_key}` });
        return marker;
      }).filter(Boolean),
    ).addTo(map);
  }

  // Cell centres from the cell map's shapes (asked once).
  let centres = null;
  async function cellCentres() {
    if (!centres) {
      const cells = await getOnce("riskmap", { kind: "cell", lead_day: 1 });
      centres = new Map(JSON.parse(cells.feature_collection_geojson).features.map((f) => [f.properties.id, centre(f.geometry)]));
    }
    return centres;
  }

  async function select(properties) {
    settings.selected = { id: properties.id, kind: settings.kind };
    if (forecastLayer) forecastLayer.setStyle((f) => styleOf(f.properties));
    panelShown(true);
    panel.dataset.state = "loading";
    panel.replaceChildren(el("p", { class: "message loading" }, t("loading")));
    try {
      selectedForecast = await get("forecast", settings.kind === "zone" ? { zone_id: properties.id } : { cell: properties.id });
      if (disposed || !settings.selected || settings.selected.id !== properties.id) return;
      drawPanel();
    } catch (error) {
      panel.replaceChildren(errorMessage(error));
      panel.dataset.state = "error";
    }
  }

  // The map's box changes when the panel opens or closes beside it.
  function panelShown(shown) {
    if (panel.hidden === !shown) return;
    panel.hidden = !shown;
    map.invalidateSize();
  }

  function drawPanel() {
    if (!selectedForecast) return;
    panel.replaceChildren(forecastPanel(selectedForecast, settings, { onClose: closePanel }));
    panel.dataset.state = "ready";
    panel.dataset.place = selectedForecast.cell || selectedForecast.zone_id;
  }

  function closePanel() {
    settings.selected = null;
    selectedForecast = null;
    panelShown(false);
    panel.dataset.state = "";
    if (forecastLayer) forecastLayer.setStyle((f) => styleOf(f.properties));
  }

  function choose(group, value) {
    if (settings[group] === value) return;
    settings[group] = value;
    if (group === "kind") {
      closePanel();
    }
    drawToggles();
    loadForecast().then(drawPanel);
  }

  function setLayer(name, on) {
    settings.layers[name] = on;
    if (name === "history" && !on) historyNote = null;
    loadForecast();
  }

  let debounce = null;
  slider.addEventListener("input", () => {
    const value = Number(slider.value);
    if (settings.mode === "hour") settings.hour = value;
    else settings.day = value;
    sliderLabel.textContent = periodLabel();
    clearTimeout(debounce);
    debounce = setTimeout(() => loadForecast().then(drawPanel), 120);
  });

  // After the view is in the page (Leaflet measures its container).
  setTimeout(() => {
    if (disposed) return;
    map.invalidateSize();
    map.fitBounds(boundary.getBounds(), { padding: [8, 8] });
    setSlider();
    loadForecast().then(() => {
      if (settings.selected && settings.selected.kind === settings.kind) select(settings.selected);
    });
  }, 0);

  return () => {
    disposed = true;
    clearTimeout(debounce);
    map.remove();
  };
}
