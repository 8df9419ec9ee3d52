"""Writing one analysis record: idempotent article insert, near-duplicate link, event coreference."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Container
from typing import Any

from datasketch import MinHash

from marsad.errors import CODES
from marsad.store.coref import DATE_RANK, PLACE_RANK, CorefSettings, Mention, decide, is_update, set_overlap
from marsad.store.db import Db
from marsad.store.dedup import NearDupIndex, signature, signature_bytes
from marsad.store.records_sql import (
    EVENT_FIELDS,
    MENTION_COLUMNS,
    content_hash,
    entity_rows,
    event_fields,
    evidence,
    quote_rows,
    relation_rows,
    stable_id,
    to_date,
)
from marsad.store.rows import AddResult
from marsad.store.state import WriteState
from marsad.text.fold import fold

__all__ = ["QUEUED_COLUMNS", "add_article", "aggregate", "derived_id", "refresh_event", "unmerge"]

_ART_COLS = ("id", "content_hash", "title", "url", "source", "author", "published", "text", "origin", "provenance",
             "diagnostics", "record", "cluster_id", "duplicate_of", "similarity", "minhash", "added_at")  # fmt: skip
_EVENT_COLS = (*EVENT_FIELDS, "confidence", "n_mentions", "n_reports", "first_published", "day_min", "day_max", "merge")


def _nul_to_fffd(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, dict):
        return {k: _nul_to_fffd(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nul_to_fffd(v) for v in value]
    return value


def _without_nul(record: dict[str, Any]) -> dict[str, Any]:
    """A record whose text or metadata holds NUL (``marsad analyze`` records of NUL-bearing input): NUL
    becomes U+FFFD everywhere (offsets stay valid) with a W007 warning, so that DuckDB and PostgreSQL,
    which refuses NUL in text, store the same article. Readers remove NUL before analysis already."""
    if not any(isinstance(v, str) and "\x00" in v for v in record.values()):
        return record
    cleaned: dict[str, Any] = _nul_to_fffd(record)
    note = {"code": "W007", "severity": "warning", "message": f"{CODES['W007']} (replaced by U+FFFD)"}
    cleaned["diagnostics"] = [*(cleaned.get("diagnostics") or []), note]
    return cleaned


def derived_id(art_id: str, chash: str, taken: Container[str]) -> str:
    """``<id>~<content hash prefix>``: the id of an article whose own id already names another article.

    Ids are strings (a JSON number ``1`` is the id ``"1"``), so ``1`` and ``"1"`` are the same id; two
    articles under one id are told apart by their content, never dropped. The prefix grows in the
    (astronomically unlikely) case that the derived id is taken too."""
    for n in range(12, len(chash) + 1, 4):
        candidate = f"{art_id}~{chash[:n]}"
        if candidate not in taken:
            return candidate
    return f"{art_id}~{chash}"


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def add_article(st: WriteState, record: dict[str, Any], index: NearDupIndex, cfg: CorefSettings,
                now: dt.datetime) -> tuple[AddResult, tuple[str, MinHash] | None]:  # fmt: skip
    """Queue ``record`` in ``st`` unless its content is stored already; returns the result and the new signature
    (for the caller's near-duplicate index). A different article under an id already stored is stored under
    :func:`derived_id` with a W030 warning: only the same content is "already stored"."""
    record = _without_nul(record)
    chash = content_hash(record)
    art_id = str(record.get("id") or stable_id("article", chash))
    found = st.find_article(chash)
    if found:
        return AddResult(found[0], "duplicate", chash, cluster_id=found[1]), None
    if art_id in st.cluster_of:  # the id names a different article: keep both, never drop this one
        art_id = derived_id(art_id, chash, st.cluster_of)
        note = {"code": "W030", "severity": "warning", "message": f"{CODES['W030']}: stored as {art_id}"}
        record = {**record, "id": art_id, "diagnostics": [*(record.get("diagnostics") or []), note]}
    text = str(record.get("text") or "")
    mh = signature(text)
    near = index.best(mh) if mh is not None else None
    cluster, dup_of, sim = art_id, None, None
    if near is not None and near.article_id in st.cluster_of:
        cluster, dup_of, sim = str(st.cluster_of[near.article_id]), near.article_id, near.similarity
    published = to_date(record.get("published"))
    rest = {k: v for k, v in record.items() if k != "text"}
    blob = signature_bytes(mh) if mh is not None else None
    st.queue("articles", [(
        art_id, chash, record.get("title"), record.get("url"), record.get("source"), record.get("author"),
        published, text, record.get("origin"), json.dumps(record.get("provenance"), ensure_ascii=False),
        json.dumps(record.get("diagnostics") or [], ensure_ascii=False), json.dumps(rest, ensure_ascii=False),
        cluster, dup_of, sim, blob, now)])  # fmt: skip
    st.add_article(art_id, chash, cluster)
    st.queue("entities", entity_rows(art_id, record))
    st.queue("quotes", quote_rows(art_id, record, published))
    st.queue("relations", relation_rows(art_id, record, published))
    created, merged = _add_events(st, record, (art_id, cluster, dup_of), published, cfg=cfg, now=now)
    status = "near_duplicate" if dup_of else "new"
    result = AddResult(art_id, status, chash, cluster, dup_of, sim, tuple(created), tuple(merged))
    return result, ((art_id, mh) if mh is not None else None)


#: Column names of the rows :func:`add_article` queues, per table (empty: every column, in order).
QUEUED_COLUMNS: dict[str, tuple[str, ...]] = {"articles": _ART_COLS, "entities": (), "quotes": (), "relations": ()}


def _add_events(st: WriteState, record: dict[str, Any], ids: tuple[str, str, str | None], published: dt.date | None,
                *, cfg: CorefSettings, now: dt.datetime) -> tuple[list[str], list[str]]:  # fmt: skip
    art_id, cluster, dup_of = ids
    siblings: set[str] = set()
    if dup_of:
        siblings = {str(r["event_id"]) for r in st.mentions_by_article.get(dup_of, [])}
    taken: set[str] = set()
    created: list[str] = []
    merged: list[str] = []
    title = str(record.get("title") or "")
    for ev in record.get("events") or []:
        fields = event_fields(ev)
        if not fields["type"]:
            continue
        ev_text, start, end = evidence(ev.get("evidence"))
        mention = Mention.from_row({**fields, "published": published})
        update = is_update(ev_text) or is_update(title)
        event_id, how, continues = _assign(st, mention, fold(ev_text), siblings, taken, update=update, cfg=cfg)
        is_new = event_id is None
        if event_id is None:
            event_id = stable_id("event", art_id, ev.get("id"))
            created.append(event_id)
        else:
            merged.append(event_id)
        row = {**fields, "event_id": event_id, "article_id": art_id, "local_id": str(ev.get("id")),
               "evidence_text": ev_text, "evidence_start": start, "evidence_end": end,
               "evidence_norm": fold(ev_text), "confidence": float(ev.get("confidence") or 0.5),
               "from_duplicate": dup_of is not None, "merge": json.dumps(how, ensure_ascii=False),
               "cluster_id": cluster, "published": published}  # fmt: skip
        st.add_mention({c: row[c] for c in MENTION_COLUMNS})
        if is_new:  # its only report is this one: no need to compare it again
            _insert_event(st, event_id, aggregate([row]), continues, now)
        else:
            agg = _refresh(st, event_id, now)
            if agg is not None:
                event_id = _consolidate(st, event_id, agg, cfg, now)
        taken.add(event_id)
    return created, merged


def _sharing(st: WriteState, event_id: str) -> set[str]:
    """Events holding a report from an article that also reports ``event_id`` (never merged with it)."""
    articles = {r["article_id"] for r in st.mentions_by_event.get(event_id, [])}
    return {str(r["event_id"]) for a in articles for r in st.mentions_by_article.get(a, [])}


def _consolidate(st: WriteState, event_id: str, agg: dict[str, Any], cfg: CorefSettings, now: dt.datetime) -> str:
    """Merge ``event_id`` (whose fields are now ``agg``) with a stored event it now matches (a report
    can bridge two events that arrived in an unlucky order); returns the surviving id."""
    me = Mention.from_row({**agg, "published": agg.get("first_published")})
    sharing = _sharing(st, event_id)
    rows = [r for r in _candidates(st, me, set(), 32) if r["id"] not in sharing]
    if not rows:
        return event_id
    mine = _norms(st, event_id)
    best: tuple[float, dict[str, Any], Any] | None = None
    for row in rows:
        overlap = _max_overlap(mine, _norms(st, row["id"]))
        verdict, d = decide(me, Mention.from_row({**row, "published": row.get("first_published")}), cfg,
                            overlap=overlap)  # fmt: skip
        if verdict == "merge" and (best is None or d.score > best[0]):
            best = (d.score, row, d)
    if best is None:
        return event_id
    other = best[1]
    keep, drop = (other["id"], event_id) if int(other["n_mentions"]) >= len(mine) else (event_id, other["id"])
    how = json.dumps({"decision": "merge", "via": "event", "from": drop, **best[2].to_json()}, ensure_ascii=False)
    st.move_mentions(drop, keep, how)
    st.repoint_continues(drop, keep)
    kept = st.events.get(keep)
    if kept is not None and kept["continues"] == keep:
        st.set_event({**kept, "continues": None})
    _refresh(st, drop, now)
    _refresh(st, keep, now)
    return str(keep)


def _in_window(row: dict[str, Any], lo: dt.date, hi: dt.date) -> bool:
    """``date_value BETWEEN lo AND hi OR (date_value IS NULL AND first_published BETWEEN lo AND hi + 7 days)``."""
    if row["date_value"] is not None:
        return bool(lo <= row["date_value"] <= hi)
    first = row["first_published"]
    return first is not None and lo <= first <= hi + dt.timedelta(days=7)


def _candidates(st: WriteState, m: Mention, siblings: set[str], back_days: int) -> list[dict[str, Any]]:
    """Stored events of ``m``'s type in its date window, country and actors (as the SQL filter it replaces)."""
    anchor = m.date_value or m.published
    window = (anchor - dt.timedelta(days=back_days), anchor + dt.timedelta(days=32)) if anchor is not None else None
    codes = {c for c in (m.actor_code, m.recipient_code) if c}
    pool = st.by_type.get(m.type, {}).values() if window is None else \
        st.events_dated(m.type, window[0], window[1] + dt.timedelta(days=7))  # fmt: skip
    rows = [
        r for r in pool
        if (window is None or _in_window(r, *window))
        and (not m.country or r["country"] is None or r["country"] == m.country)
        and (not codes or r["actor_code"] in codes or r["recipient_code"] in codes
             or (r["actor_code"] is None and r["recipient_code"] is None))
    ]  # fmt: skip
    rows.sort(key=lambda r: (-int(r["n_mentions"]), r["id"]))
    rows = rows[:500]
    have = {r["id"] for r in rows}
    rows += [st.events[sid] for sid in sorted(siblings - have) if sid in st.events]
    return rows


def _norms(st: WriteState, event_id: str) -> list[frozenset[str]]:
    """The content words of the folded evidence of every mention of an event."""
    return [st.words(str(r["evidence_norm"])) for r in st.mentions_by_event.get(event_id, [])]


def _max_overlap(mine: list[frozenset[str]], theirs: list[frozenset[str]]) -> float:
    return max((set_overlap(a, b) for a in mine for b in theirs), default=0.0)


def _assign(st: WriteState, m: Mention, norm: str, siblings: set[str], taken: set[str], *, update: bool,
            cfg: CorefSettings) -> tuple[str | None, dict[str, Any], str | None]:  # fmt: skip
    """The event ``m`` joins (or None), the explanation, and the case it continues (if any)."""
    back = cfg.continues_days if update else 32
    best: tuple[tuple[float, int, int], str, dict[str, Any]] | None = None
    anchor = m.date_value or m.published
    cont: tuple[dt.date, str, dict[str, Any]] | None = None
    rows = [r for r in _candidates(st, m, siblings, back) if r["id"] not in taken]
    for row in rows:
        stored = Mention.from_row({**row, "published": row.get("first_published")})
        overlap = _max_overlap([st.words(norm)], _norms(st, row["id"]))
        verdict, d = decide(m, stored, cfg, sibling=row["id"] in siblings, overlap=overlap)
        if verdict == "merge":
            when = row.get("date_value") or row.get("first_published")
            apart = abs((when - anchor).days) if when is not None and anchor is not None else 999
            key = (d.score + (1.0 if row["id"] in siblings else 0.0), -apart, int(row["n_mentions"]))
            if best is None or key > best[0]:
                best = (
                    key,
                    str(row["id"]),
                    {"decision": "merge", "event": row["id"], "sibling": row["id"] in siblings, **d.to_json()},
                )
        elif verdict == "continues" and update:
            when = row.get("date_value") or row.get("first_published")
            mine = m.date_value or m.published
            if when is not None and mine is not None and when < mine and (cont is None or when > cont[0]):
                cont = (when, str(row["id"]), {"decision": "continues", "event": row["id"], **d.to_json()})
    if best is not None:
        return best[1], best[2], None
    if cont is not None:
        return None, cont[2], cont[1]
    return None, {"decision": "new"}, None


def _refresh(st: WriteState, event_id: str, now: dt.datetime) -> dict[str, Any] | None:
    """:func:`refresh_event` on the in-memory view."""
    mentions = st.mentions_of(event_id)
    if not mentions:
        st.delete_event(event_id)
        return None
    agg = aggregate(mentions)
    old = st.events.get(event_id)
    if old is not None:
        st.set_event({**old, **{c: agg[c] for c in _EVENT_COLS}, "updated_at": now})
    return agg


def _insert_event(st: WriteState, event_id: str, agg: dict[str, Any], continues: str | None, now: dt.datetime) -> None:
    """Add an event with the fields :func:`aggregate` computed."""
    st.set_event({"id": event_id, **{c: agg[c] for c in _EVENT_COLS}, "continues": continues, "created_at": now,
                  "updated_at": now})  # fmt: skip


def _db_insert_event(db: Db, event_id: str, agg: dict[str, Any], continues: str | None, now: dt.datetime) -> None:
    """Insert an event with the fields :func:`aggregate` computed."""
    cols = ("id", *_EVENT_COLS, "continues", "created_at", "updated_at")
    values = [event_id, *[agg[c] for c in _EVENT_COLS], continues, now, now]
    db.execute(f"INSERT INTO events ({', '.join(cols)}) VALUES ({_marks(len(cols))})", values)


def _best(mentions: list[dict[str, Any]], rank: dict[str, int], key: str) -> dict[str, Any]:
    return min(mentions, key=lambda r: (rank.get(r[key] or "", 9), -float(r["confidence"]), r["article_id"]))


def _common(mentions: list[dict[str, Any]], code: str) -> dict[str, Any] | None:
    counts = Counter(r[code] for r in mentions if r[code])
    if not counts:
        return None
    top = max(counts, key=lambda c: (counts[c], c))
    return max((r for r in mentions if r[code] == top), key=lambda r: float(r["confidence"]))


def aggregate(mentions: list[dict[str, Any]]) -> dict[str, Any]:
    """The merged event's fields from its mentions: most precise place and date, most named actors."""
    top = max(mentions, key=lambda r: (float(r["confidence"]), r["article_id"]))
    out = {k: top[k] for k in ("type", "mode", "status", "acled_event_type", "acled_sub_event_type")}
    place = _best(mentions, PLACE_RANK, "place_precision")
    for k in ("place_name", "place_name_ar", "geonames_id", "lat", "lon", "country", "admin1", "place_precision"):
        out[k] = place[k]
    # the date of a report that tells the event as it is: a planned visit's day is no date of the visit
    # that occurred («زيارة مرتقبة في الأسابيع المقبلة» merged with «زيارة من المقرر أن يقوم بها»)
    date = _best([r for r in mentions if r["status"] == out["status"]] or mentions, DATE_RANK, "date_precision")
    for k in ("date_value", "date_end", "date_precision"):
        out[k] = date[k]
    for role in ("actor", "recipient"):
        chosen = _common(mentions, f"{role}_code")
        out[f"{role}_code"] = chosen[f"{role}_code"] if chosen else None
        out[f"{role}_name"] = chosen[f"{role}_name"] if chosen else None
    for k in ("people", "killed", "injured"):
        vals = [int(r[k]) for r in mentions if r[k] is not None]
        out[k] = max(vals) if vals else None
    per_cluster: dict[str, float] = {}
    for r in mentions:
        per_cluster[r["cluster_id"]] = max(per_cluster.get(r["cluster_id"], 0.0), float(r["confidence"]))
    miss = 1.0
    for c in per_cluster.values():
        miss *= 1.0 - c
    out["confidence"] = round(min(0.99, 1.0 - miss), 4) if len(per_cluster) > 1 else round(max(per_cluster.values()), 4)
    out["n_mentions"], out["n_reports"] = len(mentions), len(per_cluster)
    days = [r["date_value"] for r in mentions
            if r["date_value"] is not None and r["date_precision"] == "day" and r["date_end"] is None]  # fmt: skip
    out["day_min"], out["day_max"] = (min(days), max(days)) if days else (None, None)
    pubs = [r["published"] for r in mentions if r["published"] is not None]
    out["first_published"] = min(pubs) if pubs else None
    out["merge"] = json.dumps({
        "place_from": [place["article_id"], place["local_id"]], "date_from": [date["article_id"], date["local_id"]],
        "mentions": [{"article_id": r["article_id"], "local_id": r["local_id"],
                      "from_duplicate": bool(r["from_duplicate"]),
                      "how": json.loads(r["merge"]) if r["merge"] else None} for r in mentions],
    }, ensure_ascii=False, default=str)  # fmt: skip
    return out


def refresh_event(db: Db, event_id: str, now: dt.datetime) -> dict[str, Any] | None:
    """Recompute an event from its mentions and return its fields (delete it when none is left)."""
    mentions = db.query("SELECT * FROM event_mentions WHERE event_id = ? ORDER BY article_id, local_id", (event_id,))
    if not mentions:
        db.execute("DELETE FROM events WHERE id = ?", (event_id,))
        return None
    agg = aggregate(mentions)
    sets = ", ".join(f"{c} = ?" for c in _EVENT_COLS)
    values = [agg[c] for c in _EVENT_COLS] + [now, event_id]
    db.execute(f"UPDATE events SET {sets}, updated_at = ? WHERE id = ?", values)
    return agg


def unmerge(db: Db, event_id: str, now: dt.datetime, mention: tuple[str, str] | None = None) -> list[str]:
    """Split ``mention`` (article id, local id) — or every mention but the first — out into events of their own."""
    rows = db.query("SELECT * FROM event_mentions WHERE event_id = ? ORDER BY article_id, local_id", (event_id,))
    rows = [r for r in rows if (r["article_id"], r["local_id"]) == mention] if mention is not None else rows[1:]
    new_ids = []
    for r in rows:
        new_id = stable_id("event", r["article_id"], r["local_id"], "unmerged")
        how = json.dumps({"decision": "unmerged", "from": event_id}, ensure_ascii=False)
        db.execute("UPDATE event_mentions SET event_id = ?, merge = ? WHERE article_id = ? AND local_id = ?",
                   (new_id, how, r["article_id"], r["local_id"]))  # fmt: skip
        _db_insert_event(db, new_id, aggregate([{**r, "event_id": new_id, "merge": how}]), None, now)
        new_ids.append(new_id)
    refresh_event(db, event_id, now)
    return new_ids
