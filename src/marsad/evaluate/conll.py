"""CoNLL/IOB reading and entity-level (exact span) scoring in the conlleval convention.

Files are one ``token TAG`` a line (ANERcorp, AQMAR) or ``token TAG TAG …`` (Wojood, nested:
the first, outermost tag is kept). Sentences end at blank lines; a file without any blank line
(the original ANERcorp release) is split after sentence-final punctuation instead.

Chunks follow ``conlleval.pl``: a chunk starts at ``B-X``, or at ``I-X`` after ``O`` or after a
tag of another type; it ends before ``O``, ``B-*`` or an ``I-`` of another type. A predicted
entity counts as correct only when its start, end and type all match a gold entity.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Protocol

from marsad.ner.tags import LABEL_MAP, map_tags

__all__ = [
    "LABEL_MAP",
    "LabelScore",
    "NerReport",
    "Tagger",
    "evaluate_ner",
    "extract_spans",
    "map_tags",
    "read_conll",
    "score_spans",
]

LOG = logging.getLogger(__name__)
_TAG_RE = re.compile(r"^(?:O|[BIES]-[A-Za-z_]+)$")
_SENT_END = frozenset({".", "!", "?", "؟", "..."})

Span = tuple[int, int, str]


class Tagger(Protocol):
    """Anything that tags sentences of surface tokens with BIO tags."""

    def tag_batch(self, sents: Sequence[Sequence[str]]) -> list[list[str]]: ...


def _is_tag(s: str) -> bool:
    return bool(_TAG_RE.match(s))


def _parse_line(line: str) -> tuple[str, str]:
    fields = line.split()
    tags = [f for f in fields[1:] if _is_tag(f)]
    if tags:
        return fields[0], tags[0]
    if len(fields) == 2 and _is_tag(fields[0]):  # a reversed «TAG token» line
        return fields[1], fields[0]
    LOG.warning("no valid tag in line %r; reading it as O", line)
    return fields[0], "O"


def _split_on_punct(tokens: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    for i, pair in enumerate(tokens):
        cur.append(pair)
        nxt = tokens[i + 1][0] if i + 1 < len(tokens) else ""
        if pair[0] in _SENT_END and nxt not in _SENT_END:
            sents.append(cur)
            cur = []
    if cur:
        sents.append(cur)
    return sents


def read_conll(path: Path | str) -> list[list[tuple[str, str]]]:
    """Read a CoNLL/IOB file into sentences of ``(token, tag)`` pairs (tags as in the file)."""
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    blank_seen = False
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            blank_seen = True
            if cur:
                sents.append(cur)
                cur = []
            continue
        cur.append(_parse_line(line))
    if cur:
        sents.append(cur)
    if not blank_seen and sents:
        return _split_on_punct(sents[0])
    return sents


def _split_tag(tag: str) -> tuple[str, str]:
    if tag == "O" or "-" not in tag:
        return "O", ""
    prefix, typ = tag.split("-", 1)
    return prefix, typ


def extract_spans(tags: Sequence[str]) -> list[Span]:
    """Entity chunks ``(start, end, type)`` (end exclusive) from IOB1/IOB2 tags, conlleval-style."""
    spans: list[Span] = []
    start, cur = -1, ""
    for i, tag in enumerate(tags):
        prefix, typ = _split_tag(tag)
        begins = prefix in {"B", "S"} or (prefix in {"I", "E"} and typ != cur)
        if cur and (prefix == "O" or begins):
            spans.append((start, i, cur))
            cur = ""
        if begins:
            start, cur = i, typ
    if cur:
        spans.append((start, len(tags), cur))
    return spans


@dataclass(frozen=True)
class LabelScore:
    """Precision, recall and F1 of one label (or the micro average)."""

    precision: float
    recall: float
    f1: float
    support: int  # gold entities
    predicted: int
    correct: int

    @classmethod
    def from_counts(cls, correct: int, predicted: int, gold: int) -> LabelScore:
        p = correct / predicted if predicted else 0.0
        r = correct / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return cls(p, r, f, gold, predicted, correct)


@dataclass(frozen=True)
class NerReport:
    """Entity-level exact-span scores of a tagger on one file."""

    per_label: dict[str, LabelScore]
    micro: LabelScore
    n_sentences: int = 0
    n_tokens: int = 0
    seconds: float = 0.0
    source: str = ""
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def tokens_per_s(self) -> float:
        return self.n_tokens / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, object]:
        d = asdict(self)
        d["tokens_per_s"] = round(self.tokens_per_s, 1)
        return d


def _count(gold: list[list[str]], pred: list[list[str]]) -> dict[str, list[int]]:
    counts: dict[str, list[int]] = {}  # label -> [correct, predicted, gold]
    for g_tags, p_tags in zip(gold, pred, strict=True):
        g, p = set(extract_spans(g_tags)), set(extract_spans(p_tags))
        for s in g:
            counts.setdefault(s[2], [0, 0, 0])[2] += 1
        for s in p:
            c = counts.setdefault(s[2], [0, 0, 0])
            c[1] += 1
            c[0] += s in g
    return counts


def score_spans(gold: list[list[str]], pred: list[list[str]]) -> NerReport:
    """Score predicted tag sequences against gold ones (same lengths), conlleval-style."""
    counts = _count(gold, pred)
    per = {k: LabelScore.from_counts(*v) for k, v in sorted(counts.items())}
    tot = [sum(v[i] for v in counts.values()) for i in range(3)]
    return NerReport(per_label=per, micro=LabelScore.from_counts(*tot), n_sentences=len(gold),
                     n_tokens=sum(len(s) for s in gold))


def evaluate_ner(model: Tagger, path: Path | str, batch_size: int = 512) -> NerReport:
    """Tag the sentences of a CoNLL file with ``model`` and score it against the file's tags."""
    sents = read_conll(path)
    tokens = [[t for t, _ in s] for s in sents]
    gold = [map_tags(tg for _, tg in s) for s in sents]
    t0 = time.perf_counter()
    pred: list[list[str]] = []
    for i in range(0, len(tokens), batch_size):
        pred.extend(model.tag_batch(tokens[i : i + batch_size]))
    secs = time.perf_counter() - t0
    rep = score_spans(gold, pred)
    return NerReport(per_label=rep.per_label, micro=rep.micro, n_sentences=rep.n_sentences,
                     n_tokens=rep.n_tokens, seconds=secs, source=str(path))


def _main(argv: Sequence[str] | None = None) -> int:
    # only the command line needs these
    import argparse
    import json
    import sys

    # start-up time: the model code only for this command line, not for the scorer's users
    from marsad.ner.model import load_model

    ap = argparse.ArgumentParser(prog="python -m marsad.evaluate.conll")
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--model", type=Path, default=None,
                    help="a model folder (manifest.json and its files) instead of the packaged model")
    args = ap.parse_args(argv)
    model = load_model(args.model)
    for f in args.files:
        sys.stdout.write(json.dumps(evaluate_ner(model, f).to_dict(), indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
