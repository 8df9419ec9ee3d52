"""Mine quote cue words from the annotated corpus's train split.

    PYTHONPATH=src:training/corpus python training/quotes/mine_cues.py          # writes the two files below
    PYTHONPATH=src:training/corpus python training/quotes/mine_cues.py --check  # fails if they are stale

Every gold quote names its cue as written («أكدات», «كيقول», «بحسب», «جاء في»). Each folded cue form
that the hand lexicon (``src/marsad/quotes/data/cues.tsv``) does not already match becomes a
candidate. For each candidate the script counts, over every train text:

- ``occ``: the token positions where the form occurs (optionally after «و» or «ف»);
- ``gold``: those positions that are a gold cue (the occurrence nearest the gold evidence);
- the same two counts in two contexts that speech has and other senses lack: ``comp`` — a
  complementizer («أن», «إن», «بأن» …), a colon or an opening quotation mark within the next
  eight words of the same sentence; and ``next`` — a preposition within the next five words,
  among those that are precise on their own after the form («عبر … عن»، «علمت … من»).

A form is kept, deterministically, when it was a gold cue at least ``MIN_GOLD`` times and:
plain, when ``gold/occ ≥ MIN_PRECISION``; else ``strict`` (the extractor then needs a
complementizer after it), when that context reaches the precision; else ``next=…`` (the
extractor needs one of those words right after it), when that does. Everything else is rejected.
The kept forms are written, with their counts, to ``src/marsad/quotes/data/cues_mined.tsv``;
every candidate with its decision to ``training/quotes/cues_report.tsv``. Precision here is
token-level on train; the extractor's precision is measured on the dev split with ``marsad eval``.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "training" / "corpus"))

from marsad.datafiles import read_tsv, write_or_check  # noqa: E402
from marsad.evaluate.gold import locate  # noqa: E402
from marsad.text.fold import fold  # noqa: E402
from marsad.text.match import FoldedText, PhraseMatcher  # noqa: E402

MINED = ROOT / "src" / "marsad" / "quotes" / "data" / "cues_mined.tsv"
HEADS = ROOT / "src" / "marsad" / "quotes" / "data" / "speaker_heads.tsv"
MIN_HEAD = 3
_ARTICLE = ("وال", "فال", "بال", "لل", "ال")
REPORT = ROOT / "training" / "quotes" / "cues_report.tsv"
MIN_GOLD = 2
MIN_PRECISION = 0.6
NEXT_WINDOW = 5
COMP_WINDOW = 8
NEAR = 400  # a gold cue lies within this many characters of its evidence
PREFIXES = ("", "و", "ف")
COMPLEMENTIZERS = frozenset({"ان", "انه", "انها", "انهم", "بان", "بانه", "بانها", "باللي", "بللي", "بلي"})
#: the words a ``next`` context may name: prepositions, never content words (a speaker's name would overfit)
NEXT_WORDS = frozenset({"عن", "علي", "من", "الي", "في", "مع", "له", "لها", "لهم", "ل"})
_TOKEN = re.compile(r"[^\W_]+")
_STOP = re.compile(r"[.!?؟\n]")


@dataclass
class FormStats:
    """Counts of one folded cue form over the train texts."""

    occ: int = 0
    gold: int = 0
    comp_occ: int = 0
    comp_gold: int = 0
    next_gold: Counter[str] = field(default_factory=Counter)
    gold_positions: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)  # (doc, next words)
    occ_positions: list[tuple[int, tuple[str, ...], bool]] = field(default_factory=list)


@dataclass(frozen=True)
class Decision:
    form: str
    verdict: str  # plain | strict | next | covered | rejected
    flags: str
    next_words: str
    occ: int
    gold: int
    precision: float
    reason: str


class Doc:
    """A folded train text with its tokens."""

    def __init__(self, text: str):
        self.ft = FoldedText.of(text)
        self.tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(self.ft.norm)]
        self.starts = [t[0] for t in self.tokens]

    def occurrences(self, form: str) -> list[int]:
        """Token indices where ``form`` (one or more words) starts, after an optional «و»/«ف»."""
        words = form.split()
        out = []
        for i, (_, _, tok) in enumerate(self.tokens):
            if not any(tok == p + words[0] for p in PREFIXES):
                continue
            if all(i + k < len(self.tokens) and self.tokens[i + k][2] == w for k, w in enumerate(words[1:], 1)):
                out.append(i)
        return out

    def following(self, i: int, n_words: int, count: int) -> list[str]:
        """Up to ``count`` words after the form at token ``i``, stopping at a sentence end."""
        j = i + n_words
        out: list[str] = []
        end = self.tokens[j - 1][1]
        while j < len(self.tokens) and len(out) < count:
            if _STOP.search(self.ft.norm[end : self.tokens[j][0]]):
                break
            out.append(self.tokens[j][2])
            end = self.tokens[j][1]
            j += 1
        return out

    def has_complementizer(self, i: int, n_words: int) -> bool:
        words = self.following(i, n_words, COMP_WINDOW)
        if any(w in COMPLEMENTIZERS for w in words):
            return True
        a = self.tokens[i + n_words - 1][1]
        b = self.tokens[min(len(self.tokens) - 1, i + n_words - 1 + len(words))][1] if words else a + 3
        span = _STOP.split(self.ft.norm[a:b])[0]
        return any(c in span for c in ':«"“')


def hand_matcher() -> PhraseMatcher[str]:
    rows = [(r["cue"], r["cls"], r.get("flags", "")) for r in read_tsv("marsad.quotes", "data/cues.tsv")]
    return PhraseMatcher(rows)


def covered(form: str, matcher: PhraseMatcher[str]) -> bool:
    """The hand lexicon already matches the whole form (and does not skip it)."""
    hits = matcher.find(FoldedText.of(form))
    return any(h.start == 0 and h.end == len(form) and "skip" not in h.entry for h in hits)


def gold_token(doc: Doc, form: str, evidence: str | None) -> int | None:
    """The occurrence of ``form`` nearest the gold evidence (within ``NEAR`` characters)."""
    occ = doc.occurrences(form)
    spans = locate(doc.ft.text, evidence or "")
    if not occ or not spans:
        return None
    at = doc.ft.folded_offset(spans[0][0])
    best = min(occ, key=lambda i: abs(doc.tokens[i][0] - at))
    return best if abs(doc.tokens[best][0] - at) <= NEAR else None


def count(rows: list[dict[str, Any]], forms: set[str]) -> dict[str, FormStats]:
    stats = {f: FormStats() for f in forms}
    for d, row in enumerate(rows):
        doc = Doc(row["doc"]["text"])
        gold: set[tuple[str, int]] = set()
        for q in row["quotes"]:
            form = fold(q["cue"]).strip()
            if form in stats:
                i = gold_token(doc, form, q.get("evidence"))
                if i is not None:
                    gold.add((form, i))
        for form, st in stats.items():
            n = len(form.split())
            for i in doc.occurrences(form):
                comp = doc.has_complementizer(i, n)
                nxt = tuple(doc.following(i, n, NEXT_WINDOW))
                is_gold = (form, i) in gold
                st.occ += 1
                st.comp_occ += comp
                st.occ_positions.append((d, nxt, is_gold))
                if is_gold:
                    st.gold += 1
                    st.comp_gold += comp
                    st.next_gold.update(set(nxt))
    return stats


def _next_words(st: FormStats) -> tuple[str, ...]:
    """The prepositions (``NEXT_WORDS``) that follow the form's gold occurrences, each precise
    (``MIN_PRECISION``) on its own within ``NEXT_WINDOW`` words."""
    occ: Counter[str] = Counter()
    gold: Counter[str] = Counter()
    for _, nxt, g in st.occ_positions:
        for w in set(nxt) & NEXT_WORDS:
            occ[w] += 1
            gold[w] += g
    return tuple(sorted(w for w in occ if gold[w] >= MIN_GOLD and gold[w] / occ[w] >= MIN_PRECISION))


def decide(form: str, st: FormStats, matcher: PhraseMatcher[str]) -> Decision:
    """The first rule that holds: covered, a proclitic written into the cue, too rare, then the
    contexts from the loosest (plain) to the tightest (``next``); else rejected."""

    def d(verdict: str, occ: int, gold: int, reason: str, flags: str = "", nxt: str = "") -> Decision:
        return Decision(form, verdict, flags, nxt, occ, gold, round(gold / occ, 3) if occ else 0.0, reason)

    head, rest = form[:1], form[1:]
    words = _next_words(st)
    n_occ = sum(1 for _, nxt, _ in st.occ_positions if any(w in nxt for w in words))
    n_gold = sum(1 for _, nxt, g in st.occ_positions if g and any(w in nxt for w in words))
    rules = [
        (covered(form, matcher), lambda: d("covered", st.occ, st.gold, "the hand lexicon matches it")),
        (head in ("و", "ف", "ل") and covered(rest, matcher),
         lambda: d("rejected", st.occ, st.gold, f"a proclitic written into the cue («{rest}» is a cue)")),
        (st.gold < MIN_GOLD, lambda: d("rejected", st.occ, st.gold, f"fewer than {MIN_GOLD} gold occurrences")),
        (st.gold / st.occ >= MIN_PRECISION, lambda: d("plain", st.occ, st.gold, "precise alone")),
        (st.comp_gold >= MIN_GOLD and st.comp_gold / max(st.comp_occ, 1) >= MIN_PRECISION,
         lambda: d("strict", st.comp_occ, st.comp_gold, "precise with a complementizer", flags="strict")),
        (bool(words) and n_gold >= MIN_GOLD and n_gold / max(n_occ, 1) >= MIN_PRECISION,
         lambda: d("next", n_occ, n_gold, "precise before " + " / ".join(words), nxt="|".join(words))),
    ]  # fmt: skip
    for holds, make in rules:
        if holds:
            return make()
    return d("rejected", st.occ, st.gold, f"precision {st.gold}/{st.occ} in every context")


HEADER = """\
# Quote cues mined from the corpus train split by training/quotes/mine_cues.py (do not edit by hand:
# rerun the script). Folded, exact forms (cls x) the hand lexicon cues.tsv does not match.
# flags: strict = needs a complementizer after it; next = one of these words must follow within five words.
# gold/occ: gold cue occurrences / occurrences in the train texts, in the context the flags require.
"""


def render(decisions: list[Decision]) -> tuple[str, str]:
    kept = [x for x in decisions if x.verdict in ("plain", "strict", "next")]
    mined = (
        HEADER
        + "cue\tcls\tflags\tnext\tgold\tocc\tprecision\n"
        + "".join(f"{x.form}\tx\t{x.flags}\t{x.next_words}\t{x.gold}\t{x.occ}\t{x.precision}\n" for x in kept)
    )
    report = "form\tverdict\tgold\tocc\tprecision\tnext\treason\n" + "".join(
        f"{x.form}\t{x.verdict}\t{x.gold}\t{x.occ}\t{x.precision}\t{x.next_words}\t{x.reason}\n" for x in decisions
    )
    return mined, report


def mine(rows: list[dict[str, Any]]) -> list[Decision]:
    forms = Counter(fold(q["cue"]).strip() for r in rows for q in r["quotes"])
    matcher = hand_matcher()
    stats = count(rows, {f for f in forms if f})
    order = sorted(stats, key=lambda f: (-forms[f], f))
    return [decide(f, stats[f], matcher) for f in order]


def _strip_article(w: str) -> str:
    for p in _ARTICLE:
        if w.startswith(p) and len(w) - len(p) >= 3:
            return w[len(p) :]
    return w


def mine_heads(rows: list[dict[str, Any]]) -> Counter[str]:
    """First words of gold speakers that are no name: role and institution nouns («مصدر», «بلاغ»).

    A word of a person's, place's or state's name is a name; the first word of an organisation's
    name is generic only when it heads at least two different organisation names in the corpus
    («وزارة الداخلية», «وزارة الصحة»), not when it is one organisation's name («رويترز»).
    """
    org_heads: dict[str, set[str]] = {}
    for r in rows:
        for e in r["entities"]:
            if e["label"] == "ORG":
                words = fold(e["text"]).split()
                org_heads.setdefault(_strip_article(words[0]), set()).add(" ".join(words))
    generic = {w for w, names in org_heads.items() if len(names) >= 2}
    raw: Counter[str] = Counter()
    for r in rows:
        names = {_strip_article(w) for e in r["entities"] if e["label"] != "ORG" for w in fold(e["text"]).split()}
        names |= {_strip_article(fold(e["text"]).split()[0]) for e in r["entities"] if e["label"] == "ORG"} - generic
        for q in r["quotes"]:
            words = fold(q.get("speaker") or "").split()
            if words and _strip_article(words[0]) not in names:
                raw[_strip_article(words[0])] += 1
    out: Counter[str] = Counter()
    for w, n in raw.items():  # «لوزارة» (after «وفقا») is «وزارة»
        out[_strip_article(w[1:]) if w[:1] in "لو" and _strip_article(w[1:]) in raw else w] += n
    return out


HEADS_HEADER = f"""\
# Speaker head words mined from the corpus train split by training/quotes/mine_cues.py (do not edit by
# hand): the first word, without its article, of gold speakers that are no name, seen at least
# {MIN_HEAD} times: the role and institution nouns that speak («مصدر», «بلاغ», «النقابة»).
"""


def render_heads(heads: Counter[str]) -> str:
    kept = sorted((w for w, n in heads.items() if n >= MIN_HEAD and len(w) > 2), key=lambda w: (-heads[w], w))
    return HEADS_HEADER + "word\tgold\n" + "".join(f"{w}\t{heads[w]}\n" for w in kept)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="fail if the written files differ from a fresh mining")
    args = ap.parse_args(argv)
    import corpus

    rows = corpus.load("train")
    mined, report = render(mine(rows))
    heads = render_heads(mine_heads(rows))
    stale = write_or_check(((MINED, mined), (REPORT, report), (HEADS, heads)), args.check)
    if args.check:
        print("".join(f"stale: {path}\n" for path in stale), end="")
        return 1 if stale else 0
    kept = mined.count("\n") - HEADER.count("\n") - 1
    print(f"{kept} cues → {MINED.relative_to(ROOT)}; decisions → {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
