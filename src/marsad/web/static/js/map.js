// The events map: bundled country outlines (no tile server needed), optional tiles, one circle per event.
import { client, countryName, el, t, typeColor, typeName } from "./common.js";

function popup(p) {
  const place = (client.lang === "ar" && p.place_name_ar) || p.place_name || t("none");
  return el("div", { class: "popup", dir: client.lang === "ar" ? "rtl" : "ltr" },
    el("div", { class: "p-title" }, `${typeName(p.type)}${p.mode ? " / " + p.mode : ""}`),
    el("div", { class: "p-line" }, `${place} · ${countryName(p.country)}`),
    el("div", { class: "p-line" }, `${p.date_value ?? t("none")} · ${t("reports")}: ${p.n_reports}`),
    el("div", { class: "p-line" }, `${p.actor_name ?? p.actor_code ?? t("none")} → ${p.recipient_name ?? p.recipient_code ?? t("none")}`),
    el("a", { href: `/events/${encodeURIComponent(p.id)}`, class: "p-link" }, t("evidence") + " ›"));
}

export function drawMap(node, events, outlines) {
  const L = window.L;
  const map = L.map(node, { minZoom: 2, maxZoom: 13, worldCopyJump: true, zoomSnap: 0.5 }).setView([27, 2], 4);
  map.attributionControl.setPrefix(false);
  if (client.tile_url) {
    L.tileLayer(client.tile_url, { attribution: client.tile_attribution || "", maxZoom: 18 }).addTo(map);
  } else {
    L.geoJSON(outlines, {
      interactive: false,
      style: { color: "#b9c3cc", weight: 0.7, fillColor: "#f7f5f0", fillOpacity: 1 },
    }).addTo(map);
  }
  map.createPane("events").style.zIndex = 450;
  const markers = [];
  // Thousands of circles draw faster on one canvas; a few stay SVG paths (inspectable, testable).
  const renderer = events.features.length > 1500 ? L.canvas({ pane: "events" }) : undefined;
  for (const f of events.features) {
    const [lon, lat] = f.geometry.coordinates;
    const p = f.properties;
    const marker = L.circleMarker([lat, lon], {
      pane: "events", renderer, radius: 6 + 2.5 * Math.sqrt(Math.max(1, p.n_reports) - 1),
      color: "#ffffff", weight: 1.2, fillColor: typeColor(p.type), fillOpacity: 0.85, className: "event-marker",
    });
    marker.bindPopup(() => popup({ ...p, id: f.id }));
    marker.addTo(map);
    markers.push([lat, lon]);
  }
  if (markers.length > 1) map.fitBounds(markers, { padding: [40, 40], maxZoom: 6 });
  else if (markers.length === 1) map.setView(markers[0], 6);
  new ResizeObserver(() => map.invalidateSize()).observe(node);  // the panel grows with the charts beside it
  return map;
}
