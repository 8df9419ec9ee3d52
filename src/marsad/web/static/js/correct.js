// Event page: flag or correct the event through POST /api/events/{id}/corrections (the write token, sent as
// a bearer header and never stored), and its audit trail from GET …/corrections. Only changed fields are sent.
import { el, t } from "./common.js";

const form = document.getElementById("correct-form");
const result = document.getElementById("correct-result");
const history = document.getElementById("correct-history");
const NUMBERS = new Set(["killed", "injured"]);

function say(text, ok) {
  result.textContent = text;
  result.className = ok ? "ok" : "bad";
}

async function loadHistory(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
  if (!response.ok) return;
  const rows = await response.json();
  history.replaceChildren(...rows.map((r) => el("li", {},
    el("bdi", { dir: "ltr" }, String(r.created_at ?? "").slice(0, 16).replace("T", " ")), " · ", r.author ?? "", " · ",
    r.kind === "flag" ? `⚑ ${r.new_value ?? "—"}` : `${r.field}: ${JSON.stringify(r.old_value)} → ${JSON.stringify(r.new_value)}`,
    r.note ? ` (${r.note})` : "")));
}

if (form) {
  const url = `/api/events/${encodeURIComponent(form.dataset.event)}/corrections`;
  loadHistory(url).catch(() => {});
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values = {};
    for (const field of form.querySelectorAll("[data-old]")) {
      if (field.value === field.dataset.old) continue;
      values[field.name] = field.value === "" ? null : NUMBERS.has(field.name) ? Number(field.value) : field.value;
    }
    const flag = form.elements.flag.value.trim();
    if (!Object.keys(values).length && !flag) { say(t("no_change"), false); return; }
    const body = { author: form.elements.author.value.trim(), note: form.elements.note.value.trim() || null, values };
    if (flag) body.flag = flag;
    let response;
    try {
      response = await fetch(url, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json",
                   Authorization: `Bearer ${form.elements.token.value.trim()}` },
        body: JSON.stringify(body),
      });
    } catch (error) { say(String(error.message ?? error), false); return; }
    // this page's event exists: a 404 or 405 means a server without the corrections endpoint
    if (response.status === 404 || response.status === 405) { say(t("corrections_unavailable"), false); return; }
    if (!response.ok) {
      let message = String(response.status);
      try { message = (await response.json()).message ?? message; } catch { /* not JSON */ }
      say(message, false);
      return;
    }
    say(t("saved"), true);
    form.elements.token.value = "";
    window.setTimeout(() => window.location.reload(), 600);  // the page shows the corrected fields
  });
}
