// Events per day, week or month, stacked by type: a small SVG bar chart (time runs left to right in both
// languages). Dragging across it picks a period: a "brush" event with {since, until} (YYYY-MM-DD).
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

const keyOf = (p, step) => String(step === "month" ? p.month ?? p.period.slice(0, 7) : p.period);
const iso = (d) => d.toISOString().slice(0, 10);

/** The first and last day of a bucket: "2025-03" (a month), "2025-03-04" (a day, or a week from that day). */
export function span(key, step) {
  if (/^\d{4}-\d{2}$/.test(key)) {
    const [y, m] = key.split("-").map(Number);
    return [`${key}-01`, iso(new Date(Date.UTC(y, m, 0)))];
  }
  const week = /^(\d{4})-W(\d{2})$/.exec(key);
  if (week) {  // ISO week: Monday of week 1 is the Monday on or before 4 January
    const jan4 = new Date(Date.UTC(Number(week[1]), 0, 4));
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 864e5 + (Number(week[2]) - 1) * 7 * 864e5);
    return [iso(monday), iso(new Date(monday.getTime() + 6 * 864e5))];
  }
  const first = key.slice(0, 10);
  if (step === "week") return [first, iso(new Date(Date.parse(first) + 6 * 864e5))];
  return [first, first];
}

function brush(node, root, all, x0, bw, H, step) {
  let start = null, rect = null;
  const at = (event) => {
    const box = root.getBoundingClientRect();
    const scale = root.viewBox.baseVal.width / box.width;
    return (event.clientX - box.left) * scale;
  };
  const bucket = (x) => Math.max(0, Math.min(all.length - 1, Math.floor((x - x0) / bw)));
  root.addEventListener("pointerdown", (event) => {
    start = at(event);
    rect?.remove();
    rect = svg("rect", { class: "brush", x: start, y: 0, width: 0, height: H });
    root.append(rect);
    root.setPointerCapture?.(event.pointerId);
  });
  root.addEventListener("pointermove", (event) => {
    if (start === null) return;
    const x = at(event);
    rect.setAttribute("x", Math.min(x, start));
    rect.setAttribute("width", Math.abs(x - start));
  });
  root.addEventListener("pointerup", (event) => {
    if (start === null) return;
    const x = at(event);
    const [a, b] = [bucket(Math.min(x, start)), bucket(Math.max(x, start))];
    const moved = Math.abs(x - start) >= 3;
    start = null;
    if (!moved) { rect.remove(); return; }  // a click, not a drag
    node.dispatchEvent(new CustomEvent("brush", { detail: { since: span(all[a], step)[0], until: span(all[b], step)[1] } }));
  });
}

export function drawTimeline(node, legendNode, points, step = "month") {
  node.replaceChildren();
  legendNode.replaceChildren();
  if (!points.length) { node.append(el("p", { class: "empty" }, t("no_events"))); return; }
  points = points.map((p) => ({ ...p, month: keyOf(p, step) }));
  const monthly = points.every((p) => /^\d{4}-\d{2}$/.test(p.month));
  // At most WINDOW months, the busiest such stretch: stray dates must not squeeze every bar into a sliver.
  const WINDOW = monthly ? 36 : 120;
  const keys = [...new Set(points.map((p) => p.month))].sort();
  const index = monthly ? (m) => { const [y, mo] = m.split("-").map(Number); return y * 12 + mo - 1; } : (m) => keys.indexOf(m);
  let best = [index(points[0].month), -1];
  for (const p of points) {
    const end = index(p.month);
    const n = points.filter((q) => index(q.month) <= end && index(q.month) > end - WINDOW).reduce((s, q) => s + q.n, 0);
    if (n >= best[1]) best = [end, n];
  }
  const inside = (p) => index(p.month) <= best[0] && index(p.month) > best[0] - WINDOW;
  const outside = points.filter((p) => !inside(p)).reduce((s, p) => s + p.n, 0);
  points = points.filter(inside);
  const all = monthly ? months(points[0].month, points[points.length - 1].month) : keys.filter((k) => points.some((p) => p.month === k));
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
  for (const frac of top >= 2 ? [0, 0.5, 1] : [0, 1]) {  // no repeated tick label when the top is 1
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
  // Fatalities as a trend: a red line on its own scale (the right axis), one point per bar.
  const killed = all.map((m) => byMonth.get(m).reduce((s, p) => s + (p.killed || 0), 0));
  const most = Math.max(...killed, 0);
  if (most > 0) {
    const ky = (k) => H - padB - (k / most) * (H - padB - padT);
    const pts = killed.map((k, i) => `${(padL + i * bw + bw * 0.5).toFixed(1)},${ky(k).toFixed(1)}`).join(" ");
    root.append(svg("polyline", { points: pts, fill: "none", stroke: "#c0392b", "stroke-width": 2, class: "killed-line" }));
    killed.forEach((k, i) => {
      if (!k) return;
      const dot = svg("circle", { cx: padL + i * bw + bw * 0.5, cy: ky(k), r: 3, fill: "#c0392b", class: "killed-dot" });
      dot.append(svg("title", {}, `${all[i]} · ${t("fatalities")}: ${k}`));
      root.append(dot);
    });
    root.append(svg("text", { x: W - 2, y: padT + 4, "text-anchor": "end", class: "killed-axis", fill: "#c0392b" },
      `${most} ${t("killed")}`));
  }
  node.append(root);
  brush(node, root, all, padL, bw, H - padB, step);
  if (outside) legendNode.append(el("span", { class: "earlier" }, t("earlier").replace("{n}", outside)));
  for (const type of types) {
    const sw = el("span", { class: "sw" });
    sw.style.background = typeColor(type);
    legendNode.append(el("span", {}, sw, typeName(type)));
  }
  if (most > 0) legendNode.append(el("span", { class: "killed-key" }, el("span", { class: "sw sw-neg" }), t("fatalities")));
}
