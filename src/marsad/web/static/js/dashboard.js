// The dashboard: map, timeline and network drawn from the API with the page's own filters (the URL).
import { filterQuery, getJSON, showProblem, t } from "./common.js";
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
    else if (events.truncated) note.textContent = `${events.features.length} / ${events.total}`;
    mapNode.dataset.markers = String(events.features.length);
  })
  .catch((error) => showProblem(mapNode, error));

const timelineNode = document.getElementById("timeline");
getJSON(`/api/timeline?${query}`)
  .then((points) => drawTimeline(timelineNode, document.getElementById("timeline-legend"), points))
  .catch((error) => showProblem(timelineNode, error));

const networkNode = document.getElementById("network");
getJSON(`/api/dyads?${filterQuery(["since", "until"])}`)
  .then((dyads) => drawNetwork(networkNode, dyads))
  .catch((error) => showProblem(networkNode, error));

// Empty fields stay out of the URL, so a filtered view is a short link that back/forward restore.
document.getElementById("filters").addEventListener("submit", (event) => {
  for (const field of event.target.elements) if (field.name && !field.value) field.disabled = true;
});
window.addEventListener("pageshow", () => {
  for (const field of document.getElementById("filters").elements) field.disabled = false;
});
