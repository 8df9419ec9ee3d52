// Event page: a small locator map, and the first highlighted evidence brought into view in its article.
import { getJSON, typeColor } from "./common.js";

for (const box of document.querySelectorAll(".article-text")) {
  const mark = box.querySelector("mark.evidence");
  if (mark) box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - box.clientHeight / 3);
}

const head = document.getElementById("event");
const node = document.getElementById("event-map");
if (node && head.dataset.lat) {
  const L = window.L;
  const where = [Number(head.dataset.lat), Number(head.dataset.lon)];
  const map = L.map(node, { zoomControl: false, attributionControl: false }).setView(where, 5);
  getJSON("/static/geo/countries.geojson").then((outlines) => {
    L.geoJSON(outlines, { interactive: false, style: { color: "#b9c3cc", weight: 0.7, fillColor: "#f7f5f0", fillOpacity: 1 } })
      .addTo(map);
    L.circleMarker(where, { radius: 8, color: "#fff", weight: 1.5, fillColor: typeColor(head.dataset.type), fillOpacity: 0.9,
      className: "event-marker" }).addTo(map);
  });
}
