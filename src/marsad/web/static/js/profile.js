// Actor and country pages: the cooperation index with a partner (the busiest first; a click on a row shows another).
import { getJSON, showProblem } from "./common.js";
import { drawIndex } from "./indexchart.js";

const node = document.getElementById("profile-index");
let latest = 0;
function show(a, b) {
  const asked = ++latest;
  getJSON(`/api/relations/index?${new URLSearchParams({ a, b })}`)
    .then((points) => { if (asked === latest) drawIndex(node, a, b, points); })
    .catch((error) => showProblem(node, error));
}
if (node) {
  show(node.dataset.a, node.dataset.b);
  document.getElementById("partners")?.addEventListener("click", (event) => {
    const row = event.target.closest("tr.partner");
    if (row && !event.target.closest("a")) show(node.dataset.a, row.dataset.partner);
  });
}
