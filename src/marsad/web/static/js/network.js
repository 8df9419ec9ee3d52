// State-to-state relations as a circular graph: an edge per dyad, green for cooperation, red for tension.
import { countryName, el, svg, t } from "./common.js";

function edgeColor(index) {
  // -1 → red, 0 → grey, +1 → green
  const neg = [192, 57, 43], mid = [150, 160, 170], pos = [30, 132, 73];
  const [a, b, f] = index < 0 ? [mid, neg, -index] : [mid, pos, index];
  const c = a.map((v, i) => Math.round(v + (b[i] - v) * f));
  return `rgb(${c.join(",")})`;
}

export function drawNetwork(node, dyads, maxNodes = 14) {
  node.replaceChildren();
  if (!dyads.length) { node.append(el("p", { class: "empty" }, t("no_relations"))); return; }
  const weight = new Map();
  for (const d of dyads) for (const s of [d.a, d.b]) weight.set(s, (weight.get(s) ?? 0) + d.n);
  const states = [...weight.keys()].sort((x, y) => weight.get(y) - weight.get(x) || x.localeCompare(y)).slice(0, maxNodes);
  const W = Math.max(node.clientWidth || 420, 280), H = 330, cx = W / 2, cy = H / 2, r = Math.min(W, H) / 2 - 48;
  const pos = new Map(states.map((s, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / states.length;
    return [s, [cx + r * Math.cos(a), cy + r * Math.sin(a), a]];
  }));
  const maxN = Math.max(...dyads.map((d) => d.n), 1);
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": t("network") });
  for (const d of dyads) {
    if (!pos.has(d.a) || !pos.has(d.b)) continue;
    const [x1, y1] = pos.get(d.a), [x2, y2] = pos.get(d.b);
    const line = svg("line", { x1, y1, x2, y2, stroke: edgeColor(d.index), "stroke-width": 1.5 + 5 * Math.sqrt(d.n / maxN),
      "stroke-opacity": 0.85, "stroke-linecap": "round", class: d.index < 0 ? "edge neg" : "edge pos", "data-pair": `${d.a}-${d.b}` });
    line.addEventListener("click", () => node.dispatchEvent(new CustomEvent("dyad", { detail: d })));
    line.append(svg("title", {}, `${countryName(d.a)} – ${countryName(d.b)}: ${d.index.toFixed(2)} (n=${d.n}, +${d.n_positive} / −${d.n_negative})`));
    root.append(line);
  }
  for (const s of states) {
    const [x, y, a] = pos.get(s);
    const link = svg("a", { href: `/?country=${encodeURIComponent(s)}` });
    const dot = svg("circle", { cx: x, cy: y, r: 4 + 6 * Math.sqrt(weight.get(s) / Math.max(...weight.values())), fill: "#0f2a3f",
      stroke: "#fff", "stroke-width": 1.5, class: "node", "data-code": s });
    dot.append(svg("title", {}, `${countryName(s)} (${weight.get(s)})`));
    const lx = x + Math.cos(a) * 16, ly = y + Math.sin(a) * 16 + 4;
    const anchor = Math.abs(Math.cos(a)) < 0.3 ? "middle" : Math.cos(a) > 0 ? "start" : "end";
    link.append(dot, svg("text", { x: lx, y: ly, "text-anchor": anchor, class: "node-label", direction: "ltr" }, countryName(s)));
    root.append(link);
  }
  node.append(root);
  return dyads.find((d) => pos.has(d.a) && pos.has(d.b));
}
