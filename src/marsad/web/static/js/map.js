// The events map: bundled country outlines (no tile server), offline place labels from the gazetteer, located
// events as clustered points, country-level events as a shaded country, first view on the bulk of the events.
import { client, countryName, el, t, typeColor, typeName } from "./common.js";

const COARSE = new Set(["country", "region", "admin1"]);  // a point there would pretend to a precision it lacks
const actorLabel = (names, code, name) => (code && names[code]) || name || code || t("none");
const modeName = (code) => client.modes?.[code] ?? code;

function popup(p, names) {
  const place = (client.lang === "ar" && p.place_name_ar) || p.place_name || countryName(p.country);
  const precision = client.precisions?.[p.place_precision || "unresolved"] ?? p.place_precision;
  const what = (client.lang === "ar" ? p.description_ar : p.description_en)
    || `${actorLabel(names, p.actor_code, p.actor_name)} · ${typeName(p.type)}${p.mode ? ` (${modeName(p.mode)})` : ""}`
       + (p.recipient_code || p.recipient_name ? ` · ${actorLabel(names, p.recipient_code, p.recipient_name)}` : "");
  const toll = [p.killed ? `${p.killed} ${t("killed")}` : "", p.injured ? `${p.injured} ${t("injured")}` : ""]
    .filter(Boolean).join(" · ");
  return el("div", { class: "popup", dir: client.lang === "ar" ? "rtl" : "ltr", lang: client.lang },
    el("div", { class: "p-title" }, typeName(p.type)),
    el("div", { class: "p-desc" }, what),
    el("div", { class: "p-line" }, `${place} · ${countryName(p.country)} (${precision})`),
    el("div", { class: "p-line" }, el("bdi", {}, p.date_value ?? t("none")), ` · ${t("reports")}: ${p.n_reports}`),
    toll ? el("div", { class: "p-line p-toll" }, toll) : "",
    el("a", { href: `/events/${encodeURIComponent(p.id)}`, class: "p-link" }, t("evidence") + (client.lang === "ar" ? " ‹" : " ›")));
}

/** The 5–95 % quantile box of the points: a few far-away events must not shrink the region that matters. */
export function bulkBounds(points, low = 0.05, high = 0.95) {
  if (!points.length) return null;
  const q = (values, f) => { const s = [...values].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(f * (s.length - 1) + 0.5))]; };
  const lats = points.map((p) => p[0]), lons = points.map((p) => p[1]);
  const box = [[q(lats, low), q(lons, low)], [q(lats, high), q(lons, high)]];
  const pad = 1;  // degrees around the bulk
  return [[box[0][0] - pad, box[0][1] - pad], [box[1][0] + pad, box[1][1] + pad]];
}

function markerIcon(p) {
  const weight = Math.max(p.killed || 0, 0) + Math.max(1, p.n_reports) - 1;
  const size = Math.round(12 + 4 * Math.sqrt(weight));
  return window.L.divIcon({ className: `event-marker t-${String(p.type).toLowerCase()}`, iconSize: [size, size], html: "" });
}

function drawLabels(map, labels) {
  const L = window.L;
  map.createPane("labels").style.zIndex = 420;
  map.getPane("labels").style.pointerEvents = "none";
  const layer = L.layerGroup().addTo(map);
  const redraw = () => {
    layer.clearLayers();
    const zoom = map.getZoom(), view = map.getBounds().pad(0.1);
    const rank = zoom >= 6 ? 2 : zoom >= 4.5 ? 1 : 0;
    let shown = 0;
    const taken = [];  // labels already placed (screen points): a label never sits on another
    for (const [name, lat, lon, r] of labels) {
      if (r > rank || !view.contains([lat, lon])) continue;
      const at = map.latLngToContainerPoint([lat, lon]);
      const width = 7 * name.length + 10;
      if (taken.some((o) => Math.abs(o.x - at.x) < (o.w + width) / 2 && Math.abs(o.y - at.y) < 16)) continue;
      taken.push({ x: at.x, y: at.y, w: width });
      const text = el("span", {}, name);  // a text node, never HTML
      layer.addLayer(L.marker([lat, lon], { pane: "labels", interactive: false, keyboard: false,
        icon: L.divIcon({ className: `map-label${r === 0 ? " capital" : ""}`, html: text, iconSize: null }) }));
      if (++shown >= 150) break;
    }
  };
  map.on("zoomend moveend", redraw);
  redraw();
}

export function drawMap(node, events, outlines, labels = [], names = {}) {
  const L = window.L;
  const map = L.map(node, { minZoom: 2, maxZoom: 13, worldCopyJump: true, zoomSnap: 0.25 }).setView([27, 2], 4);
  map.attributionControl.setPrefix(false);
  // Country-level events shade their country (darker with more events); towns and finer places are points.
  const coarse = new Map();
  for (const f of events.features) {
    if (COARSE.has(f.properties.place_precision) && f.properties.country) {
      coarse.set(f.properties.country, (coarse.get(f.properties.country) ?? 0) + 1);
    }
  }
  const top = Math.max(1, ...coarse.values());
  const shading = (iso3) => {
    const n = coarse.get(iso3);
    return { fillColor: "#e3a857", fillOpacity: 0.3 + 0.45 * ((n ?? 0) / top), color: "#b9770e", weight: 1.2,
             className: "country-level" };
  };
  if (client.tile_url) {
    L.tileLayer(client.tile_url, { attribution: client.tile_attribution || "", maxZoom: 18 }).addTo(map);
  }
  if (!client.tile_url) {
    L.geoJSON(outlines, { interactive: false, style: { color: "#b9c3cc", weight: 0.7, fillColor: "#f7f5f0", fillOpacity: 1 } })
      .addTo(map);
  }
  L.geoJSON(outlines, {
    filter: (f) => coarse.has(f.properties.iso3),
    style: (f) => shading(f.properties.iso3),
    onEachFeature: (f, layer) => {
      const n = coarse.get(f.properties.iso3);
      const here = Object.fromEntries(new URLSearchParams(window.location.search));
      layer.bindPopup(() => el("div", { class: "popup", dir: client.lang === "ar" ? "rtl" : "ltr" },
        el("div", { class: "p-title" }, countryName(f.properties.iso3)),
        el("div", { class: "p-line" }, `${n} ${t("events_here")} · ${t("country_level")}`),
        el("a", { class: "p-link", href: `/?${new URLSearchParams({ ...here, country: f.properties.iso3 })}` },
          t("events") + (client.lang === "ar" ? " ‹" : " ›"))));
    },
  }).addTo(map);
  if (labels.length) drawLabels(map, labels);
  map.createPane("events").style.zIndex = 450;
  const cluster = L.markerClusterGroup({
    clusterPane: "events", showCoverageOnHover: false, animate: false, maxClusterRadius: 40, spiderfyOnMaxZoom: true,
    chunkedLoading: events.features.length > 1000,
    iconCreateFunction: (c) => {
      const n = c.getChildCount();
      const size = Math.round(26 + 6 * Math.log10(n));
      return L.divIcon({ className: "event-cluster", iconSize: [size, size], html: el("span", {}, String(n)) });
    },
  });
  const points = [], framed = [];
  for (const f of events.features) {
    const p = { ...f.properties, id: f.id };
    const [lon, lat] = f.geometry.coordinates;
    framed.push([lat, lon]);
    if (COARSE.has(p.place_precision)) continue;  // shown as its shaded country
    const marker = L.marker([lat, lon], { icon: markerIcon(p), pane: "events", title: typeName(p.type) });
    marker.bindPopup(() => popup(p, names), { className: client.lang === "ar" ? "popup-rtl" : "" });
    cluster.addLayer(marker);
    points.push([lat, lon]);
  }
  map.addLayer(cluster);
  // Initial view: the bulk of the located events (a country-level one counts at its country's centre).
  const bulk = bulkBounds(framed);
  const showView = () => {
    const b = map.getBounds();
    node.dataset.view = [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()].map((v) => v.toFixed(2)).join(",");
  };
  map.on("moveend", showView);
  if (bulk) map.fitBounds(bulk, { padding: [8, 8], maxZoom: 7 });
  map.on("click", (event) => node.dispatchEvent(new CustomEvent("pick", { detail: event.latlng })));
  new ResizeObserver(() => map.invalidateSize()).observe(node);  // the panel grows with the list beside it
  showView();
  node.dataset.points = String(points.length);
  node.dataset.countries = String(coarse.size);
  return map;
}
