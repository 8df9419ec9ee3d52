// The dashboard: map, timeline and network drawn from the API with the page's own filters (the URL).
import { client, filterQuery, getJSON, showProblem, t } from "./common.js";
import { drawIndex } from "./indexchart.js";
import { drawMap } from "./map.js";
import { drawNetwork } from "./network.js";
import { drawTimeline } from "./timeline.js";

const query = filterQuery();
const mapNode = document.getElementById("map");
const here = new URLSearchParams(window.location.search);

// On a phone the filters start folded, so the first screen shows the figures and the latest events.
const box = document.getElementById("filter-box");
if (box && window.matchMedia("(max-width: 640px)").matches && !here.get("filters")) box.open = false;

Promise.all([
  getJSON(`/api/events.geojson?${query}`), getJSON("/static/geo/countries.geojson"),
  getJSON(`/ui/labels.json?lang=${client.lang}`).catch(() => []), getJSON(`/ui/names.json?lang=${client.lang}`).catch(() => ({})),
])
  .then(([events, outlines, labels, names]) => {
    drawMap(mapNode, events, outlines, labels, names);
    const note = document.getElementById("map-note");
    if (!events.features.length) note.textContent = t("no_map_points");
    else if (events.truncated) {
      note.textContent = t("map_truncated").replace("{n}", events.features.length).replace("{total}", events.total);
    } else note.textContent = t("click_map_near");
    mapNode.dataset.markers = String(events.features.length);
  })
  .catch((error) => showProblem(mapNode, error));

// A click on the map fills the place filter with that point and a 50 km radius (applied with the button).
mapNode.addEventListener("pick", (event) => {
  const near = document.getElementById("f-near");
  if (!near) return;
  near.value = `${event.detail.lat.toFixed(2)},${event.detail.lng.toFixed(2)},50`;
  if (box) box.open = true;
  near.dispatchEvent(new Event("change"));
  near.classList.add("picked");
});

// Exports of the current view: the same filters (and the table's order) on the API's export and list.
for (const link of document.querySelectorAll("#exports a[data-export]")) {
  const q = new URLSearchParams(query);
  if (link.dataset.format) q.set("format", link.dataset.format);
  if (here.get("sort")) q.set("sort", here.get("sort"));
  if (link.dataset.export === "/api/events") q.set("limit", "500");
  link.href = `${link.dataset.export}${q.toString() ? "?" + q : ""}`;
}

const timelineNode = document.getElementById("timeline");
function showTimeline(step) {
  const q = new URLSearchParams(query);
  q.set("granularity", step);
  getJSON(`/api/timeline?${q}`)
    .then((points) => drawTimeline(timelineNode, document.getElementById("timeline-legend"), points, step))
    .catch((error) => showProblem(timelineNode, error));
}
const steps = document.getElementById("timeline-step");
steps?.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-step]");
  if (!button) return;
  for (const b of steps.querySelectorAll("button")) b.classList.toggle("on", b === button);
  showTimeline(button.dataset.step);
});
showTimeline("month");
// A brushed period becomes the since/until filters (a link like any other filtered view).
timelineNode.addEventListener("brush", (event) => {
  const next = new URLSearchParams(window.location.search);
  next.set("since", event.detail.since);
  next.set("until", event.detail.until);
  next.delete("offset");
  window.location.search = next.toString();
});

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
getJSON(`/api/dyads?${filterQuery()}`)
  .then((dyads) => showIndex(drawNetwork(networkNode, dyads)))  // the busiest pair first; a click shows another
  .catch((error) => showProblem(networkNode, error));

// Empty fields stay out of the URL, so a filtered view is a short link that back/forward restore.
document.getElementById("filters").addEventListener("submit", (event) => {
  for (const field of event.target.elements) if (field.name && !field.value) field.disabled = true;
});
window.addEventListener("pageshow", () => {
  for (const field of document.getElementById("filters").elements) field.disabled = false;
});
