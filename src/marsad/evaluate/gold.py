"""Scoring against gold, with the rules at the end of ``annotation-guide.md``.

Per layer, micro-averaged P/R/F1 over all articles, each gold item matched at most once:

- entity: equal labels, and the predicted span overlaps an occurrence of the gold text by at least
  half of the longer of the two. Gold lists each distinct surface form once, so predictions are
  reduced to distinct (folded surface, label) pairs before matching;
- event: equal types, and the predicted evidence overlaps the gold evidence or both lie in the
  same sentence (split on . ! ? ؟ and line breaks). ``event_type`` counts that match;
  ``event_full`` also needs equal mode, country and status. On type-matched pairs the accuracy
  of mode, country, place, date and count is reported;
- quote: equal folded cue, and overlapping evidence;
- relation: equal unordered pair {a, b} and equal polarity sign.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from marsad.text.fold import fold_with_map, source_span

__all__ = ["EvalReport", "LayerScore", "fold_for_scoring", "locate", "score_documents"]

_HARAKAT_RE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_SENT_RE = re.compile(r"[.!?؟\n]")
_SCORING_MAP = str.maketrans("أإآىة", "اااية")


def fold_for_scoring(s: str) -> str:
    """The guide's comparison folding: NFKC, no harakat/tatweel, أإآ→ا, ى→ي, ة→ه."""
    s = _HARAKAT_RE.sub("", unicodedata.normalize("NFKC", s))
    return s.translate(_SCORING_MAP).strip()


@dataclass
class LayerScore:
    """True positives, predictions and gold items of one layer, with P/R/F1."""

    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: LayerScore) -> None:
        self.tp += other.tp
        self.n_pred += other.n_pred
        self.n_gold += other.n_gold

    def to_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "pred": self.n_pred, "gold": self.n_gold}  # fmt: skip


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def add(self, ok: bool) -> None:
        self.correct += ok
        self.total += 1


LAYERS = ("entity", "event_type", "event_full", "quote", "relation")
ATTRS = ("mode", "country", "place", "date", "count", "status", "actor", "recipient")


@dataclass
class EvalReport:
    """Micro-averaged scores per layer, attribute accuracies on matched events, per-document rows."""

    layers: dict[str, LayerScore] = field(default_factory=lambda: {k: LayerScore() for k in LAYERS})
    attrs: dict[str, Accuracy] = field(default_factory=lambda: {k: Accuracy() for k in ATTRS})
    linked: Accuracy = field(default_factory=Accuracy)
    documents: list[dict[str, Any]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "layers": {k: v.to_dict() for k, v in self.layers.items()},
            "event_attribute_accuracy": {k: {"accuracy": round(v.value, 4), "n": v.total}
                                         for k, v in self.attrs.items()},
            "entity_linking_coverage": {"linked": self.linked.correct, "entities": self.linked.total,
                                        "share": round(self.linked.value, 4)},
            "documents": self.documents,
            "missing_predictions": self.missing,
        }  # fmt: skip


def locate(text: str, needle: str) -> list[tuple[int, int]]:
    """Every occurrence of ``needle`` in ``text``: exact first, else by folded comparison."""
    if not needle:
        return []
    hits = [(m.start(), m.start() + len(needle)) for m in re.finditer(re.escape(needle), text)]
    if hits:
        return hits
    norm, index = fold_with_map(text)
    target = fold_with_map(needle)[0]
    return [source_span(index, m.start(), m.end()) for m in re.finditer(re.escape(target), norm)] if target else []


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _sentence_of(text: str, pos: int) -> int:
    return len(_SENT_RE.findall(text, 0, pos))


def _match(golds: Sequence[Any], preds: Sequence[Any], ok: Callable[[Any, Any], bool]) -> list[tuple[Any, Any]]:
    """Greedy one-to-one matching in gold order."""
    used: set[int] = set()
    pairs = []
    for g in golds:
        for j, p in enumerate(preds):
            if j not in used and ok(g, p):
                used.add(j)
                pairs.append((g, p))
                break
    return pairs


def _entity_ok(text: str) -> Callable[[dict[str, Any], dict[str, Any]], bool]:
    def ok(g: dict[str, Any], p: dict[str, Any]) -> bool:
        if g["label"] != p["label"]:
            return False
        span = (p["start"], p["end"])
        for occ in locate(text, g["text"]):
            if _overlap(occ, span) * 2 >= max(occ[1] - occ[0], span[1] - span[0]):
                return True
        return False

    return ok


def _distinct_entities(preds: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[tuple[str, str]] = set()
    out = []
    for p in preds:
        key = (fold_for_scoring(p["text"]), p["label"])
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _evidence_spans(text: str, evidence: str | None) -> list[tuple[int, int]]:
    return locate(text, evidence or "")


def _event_ok(text: str) -> Callable[[dict[str, Any], dict[str, Any]], bool]:
    def ok(g: dict[str, Any], p: dict[str, Any]) -> bool:
        if g["type"] != p["type"]:
            return False
        pspan = (p["evidence"]["start"], p["evidence"]["end"])
        for gspan in _evidence_spans(text, g.get("evidence")):
            if _overlap(gspan, pspan) > 0:
                return True
            if _sentence_of(text, gspan[0]) == _sentence_of(text, pspan[0]):
                return True
        return False

    return ok


def _pred_country(p: dict[str, Any]) -> str | None:
    place = p.get("place") or {}
    return place.get("country")


def _full_ok(text: str) -> Callable[[dict[str, Any], dict[str, Any]], bool]:
    base = _event_ok(text)

    def ok(g: dict[str, Any], p: dict[str, Any]) -> bool:
        return (base(g, p) and g.get("mode") == p.get("mode") and g.get("country") == _pred_country(p)
                and g.get("status") == p.get("status"))  # fmt: skip

    return ok


def place_equal(gold: str | None, pred: str | None) -> bool:
    """Names compared case- and accent-insensitively: containment or near equality."""
    if not gold or not pred:
        return gold == pred or (not gold and not pred)

    def norm(s: str) -> str:
        s = unicodedata.normalize("NFKD", s)
        return "".join(c for c in s if not unicodedata.combining(c)).casefold().replace("-", " ").strip()

    a, b = norm(gold), norm(pred)
    return a in b or b in a or fuzz.ratio(a, b) >= 85


def date_equal(gold: str | None, precision: str | None, pred: dict[str, Any] | None) -> bool:
    """Compared by the gold precision (day exact; week ±6 days; month; year)."""
    value = (pred or {}).get("value")
    if not gold:
        return not value
    if not value:
        return False
    g, p = dt.date.fromisoformat(gold[:10]), dt.date.fromisoformat(value[:10])
    if precision == "week":
        return abs((p - g).days) <= 6
    if precision == "month":
        return (g.year, g.month) == (p.year, p.month)
    if precision == "year":
        return g.year == p.year
    return g == p


def _count(p: dict[str, Any]) -> int | None:
    counts = p.get("counts") or {}
    for key in ("people", "killed", "injured"):
        if counts.get(key) is not None:
            return int(counts[key])
    return None


def _quote_ok(text: str) -> Callable[[dict[str, Any], dict[str, Any]], bool]:
    def ok(g: dict[str, Any], p: dict[str, Any]) -> bool:
        if fold_for_scoring(g["cue"]) != fold_for_scoring(p.get("cue") or ""):
            return False
        pspan = (p["evidence"]["start"], p["evidence"]["end"])
        return any(_overlap(gs, pspan) > 0 for gs in _evidence_spans(text, g.get("evidence")))

    return ok


def _relation_ok(g: dict[str, Any], p: dict[str, Any]) -> bool:
    same_pair = {g["a"], g["b"]} == {p["a"], p["b"]}
    return same_pair and (g["polarity"] > 0) == (p["polarity"] > 0)


def _score(golds: list[Any], preds: list[Any], ok: Callable[[Any, Any], bool]) -> tuple[LayerScore, list[Any]]:
    pairs = _match(golds, preds, ok)
    return LayerScore(len(pairs), len(preds), len(golds)), pairs


def score_document(gold: dict[str, Any], pred: dict[str, Any], report: EvalReport) -> None:
    """Score one predicted record against one gold line and add to ``report``."""
    text = pred["text"]
    ents = _distinct_entities(pred.get("entities", []))
    row: dict[str, Any] = {"id": gold["doc"].get("id")}
    ent, _ = _score(gold.get("entities", []), ents, _entity_ok(text))
    evt, pairs = _score(gold.get("events", []), pred.get("events", []), _event_ok(text))
    full, _ = _score(gold.get("events", []), pred.get("events", []), _full_ok(text))
    quo, _ = _score(gold.get("quotes", []), pred.get("quotes", []), _quote_ok(text))
    rel, _ = _score(gold.get("relations", []), pred.get("relations", []), _relation_ok)
    for name, sc in zip(LAYERS, (ent, evt, full, quo, rel), strict=True):
        report.layers[name].add(sc)
        row[name] = sc.to_dict()
    for g, p in pairs:
        _attr_accuracy(report, g, p)
    for e in ents:
        report.linked.add(bool(e.get("canonical")))
    report.documents.append(row)


def _attr_accuracy(report: EvalReport, g: dict[str, Any], p: dict[str, Any]) -> None:
    place = (p.get("place") or {}).get("name")
    report.attrs["mode"].add(g.get("mode") == p.get("mode"))
    report.attrs["country"].add(g.get("country") == _pred_country(p))
    report.attrs["place"].add(place_equal(g.get("place"), place))
    report.attrs["date"].add(date_equal(g.get("date"), g.get("date_precision"), p.get("date")))
    report.attrs["count"].add(g.get("count_people") == _count(p))
    report.attrs["status"].add(g.get("status") == p.get("status"))
    report.attrs["actor"].add(actor_equal(g.get("actor"), p.get("actor")))
    report.attrs["recipient"].add(actor_equal(g.get("recipient"), p.get("recipient")))


_STATE_CODE = re.compile(r"[A-Z]{3}")
_WORD = re.compile(r"[a-z0-9]+")
_ARTICLES = frozenset({"the", "a", "an", "of", "al"})


def _actor_words(s: str) -> tuple[str, ...]:
    """Lower-case words of an English actor name, articles dropped, a plural «s» dropped."""
    norm = unicodedata.normalize("NFKD", s)
    plain = "".join(c for c in norm if not unicodedata.combining(c)).casefold()
    words = [w for w in _WORD.findall(plain) if w not in _ARTICLES]
    return tuple(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words)


def actor_equal(gold: str | None, pred: dict[str, Any] | None) -> bool:
    """A predicted actor against the gold: a state by its code; anyone else by a fuzzy name.

    The gold gives an ISO alpha-3 code for a state or its organs, otherwise a short English name
    («ISIL», «suspects», «drug traffickers»). A state must have the same code. A non-state gold
    matches a prediction whose code or name equals it, contains it word for word or is contained
    in it («traffickers» and «drug traffickers»), or is nearly the same name (token-set ratio ≥ 85:
    «Houthi» and «Houthis»). A null gold matches only a null prediction.
    """
    code = (pred or {}).get("code")
    name = (pred or {}).get("name")
    if not gold:
        return not code and not name
    if not code and not name:
        return False
    if _STATE_CODE.fullmatch(gold):
        return code == gold
    g = _actor_words(gold)
    for cand in (code, name):
        if not cand:
            continue
        c = _actor_words(str(cand))
        if not c or not g:
            continue
        if _contains(c, g) or _contains(g, c) or fuzz.token_set_ratio(" ".join(g), " ".join(c)) >= 85:
            return True
    return False


def _contains(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    n = len(inner)
    return any(outer[i : i + n] == inner for i in range(len(outer) - n + 1))


def doc_key(text: str) -> str:
    return fold_for_scoring(" ".join(text.split()))[:400]


def score_documents(golds: Sequence[dict[str, Any]], preds: Sequence[dict[str, Any]],
                    only_predicted: bool = False) -> EvalReport:  # fmt: skip
    """Pair each gold line with its prediction (by id, else by text) and score them all.

    A gold document without a prediction counts as predicted empty, unless ``only_predicted``
    restricts the score to the gold documents that have one (to score a single article).
    """
    by_id = {p.get("id"): p for p in preds}
    by_text = {doc_key(p.get("text", "")): p for p in preds}
    report = EvalReport()
    for gold in golds:
        doc = gold["doc"]
        pred = by_id.get(doc.get("id")) or by_text.get(doc_key(doc.get("text", "")))
        if pred is None:
            report.missing.append(str(doc.get("id")))
            if only_predicted:
                continue
            pred = {"text": doc.get("text", ""), "entities": [], "events": [], "quotes": [], "relations": []}
        score_document(gold, pred, report)
    return report
