// Shared helpers. Untrusted text only ever reaches the DOM through textContent and text nodes, never as HTML.
export const client = JSON.parse(document.getElementById("marsad-client").textContent);
export const t = (key) => client.t[key] ?? key;
export const typeName = (code) => client.types[code] ?? code ?? t("none");
export const countryName = (code) => client.countries[code] ?? code ?? t("none");

export const TYPE_COLORS = {
  ASSAULT: "#b03a2e", COERCE: "#d35400", THREATEN: "#ca6f1e", MOBILIZE: "#a04000", SANCTION: "#7e5109",
  PROTEST: "#af601a", ACCUSE: "#b7950b", REJECT: "#9a7d0a", REQUEST: "#5d6d7e", RETREAT: "#717d7e",
  CONCEDE: "#45b39d", AID: "#138d75", COOPERATE: "#1e8449", SUPPORT: "#229954", CONSULT: "#2874a6", AGREE: "#1f618d",
};
export const typeColor = (code) => TYPE_COLORS[code] ?? "#607d8b";

const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;
/** Text with bidi embedding/override/isolate controls shown as [U+202E] instead of acting. */
export function inert(value) {
  if (value === null || value === undefined) return "";
  return String(value).replace(BIDI, (c) => `[U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}]`);
}

/** An element with attributes and children (strings become inert text nodes). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== null && v !== undefined) node.setAttribute(k, v);
  }
  for (const child of children) {
    node.append(typeof child === "string" || typeof child === "number" ? document.createTextNode(inert(child)) : child);
  }
  return node;
}

const SVG = "http://www.w3.org/2000/svg";
export function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = inert(text);
  return node;
}

export async function getJSON(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
  if (!response.ok) {
    let message = `${response.status}`;
    try { message = (await response.json()).message ?? message; } catch { /* not JSON */ }
    throw new Error(message);
  }
  return response.json();
}

export const FILTER_KEYS = ["country", "type", "mode", "actor", "since", "until", "text", "near", "min_confidence"];
/** The page's filters as a query string for the API (only the keys that are set). */
export function filterQuery(keys = FILTER_KEYS) {
  const here = new URLSearchParams(window.location.search);
  const out = new URLSearchParams();
  for (const k of keys) if (here.get(k)) out.set(k, here.get(k));
  return out.toString();
}

export function showProblem(node, error) {
  node.replaceChildren(el("p", { class: "error", role: "alert" }, String(error.message ?? error)));
}
