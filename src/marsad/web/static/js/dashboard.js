// The dashboard: map, timeline and network drawn from the API with the page's own filters (the URL).
import { filterQuery, getJSON, showProblem, t } from "./common.js";
import { drawIndex } from "./indexchart.js";
import { drawMap } from "./map.js";
import { drawNetwork } from "./network.js";
import { drawTimeline } from "./timeline.js";

const query = filterQuery();
const mapNode = document.getElementById("map");

Promise.all([getJSON(`/api/events.geojson?${query}`), getJSON("/static/geo/countries.geojson")])
  .then(([events, outlines]) => {
    drawMap(mapNode, events, outlines);
    const note = document.getElementById("map-note");
    if (!events.features.length) note.textContent = t("no_map_points");
    else if (events.truncated) {
      note.textContent = t("map_truncated").replace("{n}", events.features.length).replace("{total}", events.total);
    }
    mapNode.dataset.markers = String(events.features.length);
  })
  .catch((error) => showProblem(mapNode, error));

const timelineNode = document.getElementById("timeline");
getJSON(`/api/timeline?${query}`)
  .then((points) => drawTimeline(timelineNode, document.getElementById("timeline-legend"), points))
  .catch((error) => showProblem(timelineNode, error));

const networkNode = document.getElementById("network");
const indexNode = document.getElementById("dyad-index");
let latest = 0;  // a slow answer for an earlier click must not replace the chart of a later one
function showIndex(dyad) {
  if (!dyad) return;
  const asked = ++latest;
  const q = new URLSearchParams({ a: dyad.a, b: dyad.b });
  getJSON(`/api/relations/index?${q}`)
    .then((points) => { if (asked === latest) drawIndex(indexNode, dyad.a, dyad.b, points); })
    .catch((error) => showProblem(indexNode, error));
}
networkNode.addEventListener("dyad", (event) => showIndex(event.detail));
getJSON(`/api/dyads?${filterQuery(["since", "until"])}`)
  .then((dyads) => showIndex(drawNetwork(networkNode, dyads)))  // the busiest pair first; a click shows another
  .catch((error) => showProblem(networkNode, error));

// Empty fields stay out of the URL, so a filtered view is a short link that back/forward restore.
document.getElementById("filters").addEventListener("submit", (event) => {
  for (const field of event.target.elements) if (field.name && !field.value) field.disabled = true;
});
window.addEventListener("pageshow", () => {
  for (const field of document.getElementById("filters").elements) field.disabled = false;
});
