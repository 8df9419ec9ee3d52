"""Mine relation cue words from the annotated corpus's train split, measured through the extractor.

    PYTHONPATH=src:training/corpus python training/relations/mine_cues.py          # writes the files below
    PYTHONPATH=src:training/corpus python training/relations/mine_cues.py --check  # fails if they are stale

The relation rules fire on a cue word and pair the parties around it (:mod:`marsad.relations.extract`).
Candidates are (1) the event triggers of the types that state a relation between two parties
(``src/marsad/events/data/triggers.tsv``: a visit, a call, an agreement, aid, support, an accusation,
a condemnation, a sanction …; type and sign from ``EVENT_POLARITY``), and (2) the words of the gold
relations' evidence strings (folded, proclitics «و ف ب ل ال» removed where what remains is a word of
the corpus), seen in at least ``MIN_EVIDENCE`` of them, that are no function word
(``stop_words.tsv``), no name and no hand cue. All candidates join the hand cues in
one automaton, each under its own label, and the extractor runs over every train article with it:
each relation a candidate produces is a true or a false positive against the gold (scoring rules of
``marsad eval``: the unordered pair and the sign of the polarity). A candidate is kept when it made
at least ``MIN_TRUE`` true relations (``MIN_TRUE_WORD`` for an evidence word), in as many articles, at
a precision of at least ``MIN_PRECISION`` (the hand cues reach about 0.35 on train); a trigger keeps
its type and sign, an evidence word takes those of the gold relations it found. Kept words go to
``src/marsad/relations/data/cues_mined.tsv`` with their counts, every candidate with its decision to
``training/relations/cues_report.tsv``.
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

from marsad.analyze import make_article  # noqa: E402
from marsad.article import Article  # noqa: E402
from marsad.datafiles import write_or_check  # noqa: E402
from marsad.evaluate.run import gold_inputs  # noqa: E402
from marsad.pipeline import Pipeline  # noqa: E402
from marsad.relations.extract import RelationCue, cue_rows, extract_relations  # noqa: E402

#: The sign of the relation an event between two states suggests (candidates only; each is measured).
EVENT_POLARITY = {"CONSULT": 1, "AID": 1, "SUPPORT": 1, "COOPERATE": 1, "AGREE": 1,
                  "ACCUSE": -1, "REJECT": -1, "THREATEN": -1, "SANCTION": -1, "ASSAULT": -1, "COERCE": -1}  # fmt: skip
from marsad.datafiles import read_tsv  # noqa: E402
from marsad.text.fold import fold  # noqa: E402
from marsad.text.match import PROCLITICS, PhraseMatcher  # noqa: E402

MINED = ROOT / "src" / "marsad" / "relations" / "data" / "cues_mined.tsv"
REPORT = ROOT / "training" / "relations" / "cues_report.tsv"
MIN_EVIDENCE = 3
MIN_TRUE = 2  # a trigger's true relations, and the articles they are in
MIN_TRUE_WORD = 3  # the same for an evidence word (no lexicon vouches for it)
MIN_PRECISION = 0.5
#: function words, titles and reporting words: frequent in diplomatic sentences, no relation themselves
STOP = frozenset(
    line.strip() for line in (ROOT / "training" / "relations" / "stop_words.tsv").read_text("utf-8").splitlines()[3:]
)
_WORD = re.compile(r"[^\W\d_]+")


@dataclass
class WordStats:
    cls: str = "n"
    kind: tuple[str, int] | None = None  # a trigger's (type, sign); None for an evidence word
    evidence: int = 0
    true: int = 0
    false: int = 0
    documents: set[int] = field(default_factory=set)  # the train articles it made a true relation in
    kinds: Counter[tuple[str, int]] = field(default_factory=Counter)


def stem(word: str, vocabulary: set[str]) -> str:
    """The folded word without its proclitics, when what remains is itself a word of the corpus
    («والتعاون» → «تعاون»; «وزير» stays, «زير» is none)."""
    for p in sorted(PROCLITICS - {""}, key=lambda x: (-len(x), x)):
        rest = word[len(p) :]
        if word.startswith(p) and len(rest) >= 3 and rest in vocabulary:
            return rest
    return word


def analysed(rows: list[dict[str, Any]]) -> list[Article]:
    """The train articles through marsad's stages up to events (what the relation stage sees)."""
    pipeline = Pipeline.build()
    pre = pipeline.upto("events.rules.v1")
    return list(pre.pipe(make_article(i, pipeline.settings) for i in gold_inputs(rows)))  # type: ignore[arg-type]


def candidates(rows: list[dict[str, Any]], articles: list[Article]) -> dict[str, WordStats]:
    """Relation-type triggers, and evidence words seen in ``MIN_EVIDENCE`` gold relations."""
    vocabulary = {fold(m.group()) for a in articles for m in _WORD.finditer(a.text)}
    names: set[str] = set()
    for a in articles:
        for e in a.layer("entities"):
            names.update(stem(fold(w), vocabulary) for w in _WORD.findall(a.text[e.start : e.end]))
    hand = {r["phrase"] for r in read_tsv("marsad.relations", "data/cues.tsv")}
    stats: dict[str, WordStats] = {}
    for t in read_tsv("marsad.events", "data/triggers.tsv"):
        sign = EVENT_POLARITY.get(t["type"])
        flags = t.get("flags", "")
        if sign and "skip" not in flags and t.get("mode") != "convict" and t["trigger"] not in hand:
            stats[t["trigger"]] = WordStats(t["cls"] or "n", (t["type"], sign))
    evidence: Counter[str] = Counter()
    for row in rows:
        for r in row["relations"]:
            evidence.update({stem(fold(m.group()), vocabulary) for m in _WORD.finditer(r["evidence"] or "")})
    excluded = STOP | names | hand
    for w, n in evidence.items():
        if w in stats:
            stats[w].evidence = n
        elif n >= MIN_EVIDENCE and len(w) >= 3 and w not in excluded:
            stats[w] = WordStats(evidence=n)
    return stats


def measure(rows: list[dict[str, Any]], articles: list[Article], stats: dict[str, WordStats]) -> None:
    """Run the extractor with every candidate, each under its own label, and count its relations."""
    signs = {w: st.kind[1] if st.kind else 1 for w, st in stats.items()}
    labelled = [(w, stats[w].cls, RelationCue("mined", _LABEL + w, signs[w])) for w in sorted(stats)]
    rows_in = cue_rows("data/cues.tsv") + labelled
    matcher = PhraseMatcher(rows_in)
    for d, (row, article) in enumerate(zip(rows, articles, strict=True)):
        for rel in extract_relations(article, matcher=matcher):
            if not rel.type.startswith(_LABEL):
                continue
            st = stats[rel.type[len(_LABEL) :]]
            gold = [g for g in row["relations"]
                    if {g["a"], g["b"]} == {rel.a, rel.b} and (g["polarity"] > 0) == (rel.polarity > 0)]  # fmt: skip
            if gold:
                st.true += 1
                st.documents.add(d)
                st.kinds.update((g["type"], 1 if g["polarity"] > 0 else -1) for g in gold)
            else:
                st.false += 1


_LABEL = "MINED:"


def decide(stats: dict[str, WordStats]) -> list[tuple[str, str, WordStats, str]]:
    """(word, verdict, stats, reason) for every candidate."""
    out = []
    for w, st in sorted(stats.items(), key=lambda kv: (-kv[1].true, kv[1].false, kv[0])):
        made = st.true + st.false
        precision = st.true / made if made else 0.0
        least = MIN_TRUE if st.kind else MIN_TRUE_WORD
        if st.true < least or len(st.documents) < least:
            verdict, reason = "rejected", f"true relations in fewer than {least} articles"
        elif precision < MIN_PRECISION:
            verdict, reason = "rejected", f"precision {precision:.2f}"
        else:
            verdict, reason = "kept", f"precision {precision:.2f}"
        out.append((w, verdict, st, reason))
    return out


HEADER = """\
# Relation cues mined from the corpus train split by training/relations/mine_cues.py (do not edit by
# hand: rerun the script). Folded words with their suffix class, role mined (a cue that needs both parties
# named, no main country standing in); type and polarity: an event
# trigger's type and sign, else the majority of the gold relations the word found. evidence: gold
# evidence strings with the word; true/false: relations the extractor made from it on train that are /
# are not in the gold.
"""


def render(decisions: list[tuple[str, str, WordStats, str]]) -> tuple[str, str]:
    mined = HEADER + "phrase\tcls\trole\ttype\tpolarity\tevidence\ttrue\tfalse\n"
    report = "word\tverdict\tevidence\ttrue\tfalse\ttype\tpolarity\treason\n"
    for w, verdict, st, reason in decisions:
        (typ, pol), _ = (st.kind, 0) if st.kind else st.kinds.most_common(1)[0] if st.kinds else (("", 0), 0)
        counts = f"{st.evidence}\t{st.true}\t{st.false}"
        if verdict == "kept":
            mined += f"{w}\t{st.cls}\tmined\t{typ}\t{pol}\t{counts}\n"
        report += f"{w}\t{verdict}\t{counts}\t{typ}\t{pol}\t{reason}\n"
    return mined, report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--check", action="store_true", help="fail if the written files differ from a fresh mining")
    args = ap.parse_args(argv)
    import corpus

    rows = corpus.load("train")
    articles = analysed(rows)
    stats = candidates(rows, articles)
    measure(rows, articles, stats)
    mined, report = render(decide(stats))
    stale = write_or_check(((MINED, mined), (REPORT, report)), args.check)
    if args.check:
        print("".join(f"stale: {path}\n" for path in stale), end="")
        return 1 if stale else 0
    print(f"{mined.count(chr(10)) - HEADER.count(chr(10)) - 1} cues → {MINED.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
