// A dyad's monthly cooperation index (-1 … +1) as a line over a zero axis, dots sized by statement count.
import { countryName, el, svg, t } from "./common.js";

export function drawIndex(node, a, b, points) {
  node.replaceChildren();
  const title = el("div", { class: "index-title" }, `${t("coop_index")}: ${countryName(a)} – ${countryName(b)}`);
  node.append(title);
  if (!points.length) { node.append(el("p", { class: "empty" }, t("no_relations"))); return; }
  const W = Math.max(node.clientWidth || 420, 280), H = 120, padL = 30, padR = 28, padT = 8, padB = 20;
  const x = (i) => padL + (points.length === 1 ? (W - padL - padR) / 2 : (i * (W - padL - padR)) / (points.length - 1));
  const y = (v) => padT + ((1 - v) / 2) * (H - padT - padB);
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": title.textContent, direction: "ltr" });
  for (const v of [1, 0, -1]) {
    root.append(svg("line", { x1: padL, x2: W - padR, y1: y(v), y2: y(v), stroke: v === 0 ? "#9aa5b1" : "#e5e8ec" }));
    root.append(svg("text", { x: padL - 5, y: y(v) + 4, "text-anchor": "end" }, v > 0 ? "+1" : String(v)));
  }
  root.append(svg("polyline", { points: points.map((p, i) => `${x(i)},${y(p.index)}`).join(" "), fill: "none",
    stroke: "#0f2a3f", "stroke-width": 1.5, class: "index-line" }));
  const maxN = Math.max(...points.map((p) => p.n));
  points.forEach((p, i) => {
    const dot = svg("circle", { cx: x(i), cy: y(p.index), r: 2.5 + 3 * Math.sqrt(p.n / maxN),
      fill: p.index < 0 ? "#c0392b" : p.index > 0 ? "#1e8449" : "#96a0aa" });
    dot.append(svg("title", {}, `${p.month}: ${p.index.toFixed(2)} (n=${p.n})`));
    root.append(dot);
  });
  const every = Math.ceil(points.length / 6);
  points.forEach((p, i) => {
    if (i % every === 0) root.append(svg("text", { x: x(i), y: H - 4, "text-anchor": "middle" }, p.month));
  });
  node.append(root);
}
