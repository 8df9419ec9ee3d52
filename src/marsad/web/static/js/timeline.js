// Events per month, stacked by type: a small SVG bar chart (time runs left to right in both languages).
import { el, svg, t, typeColor, typeName } from "./common.js";

function months(first, last) {
  const out = [];
  let [y, m] = first.split("-").map(Number);
  const [ly, lm] = last.split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

export function drawTimeline(node, legendNode, points) {
  node.replaceChildren();
  legendNode.replaceChildren();
  if (!points.length) { node.append(el("p", { class: "empty" }, t("no_events"))); return; }
  // At most WINDOW months, the busiest such stretch: stray dates must not squeeze every bar into a sliver.
  const WINDOW = 36;
  const index = (m) => { const [y, mo] = m.split("-").map(Number); return y * 12 + mo - 1; };
  let best = [index(points[0].month), -1];
  for (const p of points) {
    const end = index(p.month);
    const n = points.filter((q) => index(q.month) <= end && index(q.month) > end - WINDOW).reduce((s, q) => s + q.n, 0);
    if (n >= best[1]) best = [end, n];
  }
  const inside = (p) => index(p.month) <= best[0] && index(p.month) > best[0] - WINDOW;
  const outside = points.filter((p) => !inside(p)).reduce((s, p) => s + p.n, 0);
  points = points.filter(inside);
  const all = months(points[0].month, points[points.length - 1].month);
  const byMonth = new Map(all.map((m) => [m, []]));
  const types = [];
  for (const p of points) {
    byMonth.get(p.month)?.push(p);
    if (!types.includes(p.type)) types.push(p.type);
  }
  const totals = all.map((m) => byMonth.get(m).reduce((s, p) => s + p.n, 0));
  const top = Math.max(...totals, 1);
  const W = Math.max(node.clientWidth || 420, 280), H = 210, padL = 34, padB = 26, padT = 10;
  const bw = (W - padL - 6) / all.length;
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": t("timeline"), direction: "ltr" });
  for (const frac of [0, 0.5, 1]) {
    const y = H - padB - frac * (H - padB - padT);
    root.append(svg("line", { x1: padL, x2: W - 4, y1: y, y2: y, stroke: "#e5e8ec" }));
    root.append(svg("text", { x: padL - 6, y: y + 4, "text-anchor": "end" }, String(Math.round(frac * top))));
  }
  all.forEach((m, i) => {
    let y = H - padB;
    const x = padL + i * bw + bw * 0.12;
    for (const p of byMonth.get(m)) {
      const h = (p.n / top) * (H - padB - padT);
      y -= h;
      const bar = svg("rect", { x, y, width: Math.max(bw * 0.76, 1), height: h, fill: typeColor(p.type), class: "bar" });
      bar.append(svg("title", {}, `${m} · ${typeName(p.type)}: ${p.n}`));
      root.append(bar);
    }
    const every = Math.ceil(all.length / 8);
    if (i % every === 0) root.append(svg("text", { x: x + bw * 0.38, y: H - 8, "text-anchor": "middle" }, m));
  });
  node.append(root);
  if (outside) legendNode.append(el("span", { class: "earlier" }, t("earlier").replace("{n}", outside)));
  for (const type of types) {
    const sw = el("span", { class: "sw" });
    sw.style.background = typeColor(type);
    legendNode.append(el("span", {}, sw, typeName(type)));
  }
}
