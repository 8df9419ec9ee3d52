"""Token-level NER training data from marsad's annotated news corpus (``training/corpus``).

    PYTHONPATH=src python training/ner/corpus_data.py train --out training/ner/cache/corpus_train.conll
    PYTHONPATH=src python training/ner/corpus_data.py dev --stats

A gold line lists each entity's distinct surface forms per article, without offsets
(``../shared/docs/annotation-guide.md``). Each form is projected onto every one of its occurrences
in the article, on the tokens the pipeline gives the NER model: the text cleaned as
:meth:`marsad.article.Article.create` cleans it, cut into sentences by
:func:`marsad.text.sentences.split_sentences` and into surface tokens by
:func:`marsad.text.tokens.tokenize` (clitics attached, punctuation apart: «وبالرباط» is one token,
«ع.م» three). An occurrence is a run of whole tokens within one sentence whose folded forms equal the
form's, where the first token may carry a proclitic cluster the form leaves out («وموريتانيا»,
«بالرباط»: و ف ب ل ك and their pairs), or «لل» for a form's «ال» («للمديرية العامة»). Forms are
projected longest first, and an occurrence that overlaps one already labelled is skipped, so
«سوسة» inside «سوسة المدينة» takes the longer name. The model tagged the proclitic's token
whole (as ANERcorp does), and so does the projection.

Labels are the model's: PER and ORG as they are, GPE, LOC and FAC as ``LOC`` (ANERcorp has one
place label; :mod:`marsad.ner.fuse` splits a model LOC into GPE / LOC / FAC). Sentences with no
entity are kept: they teach ``O`` (the Darija function words the ANERcorp model took for names).

The evaluation sets never become training data: the locked test split is not loaded, and an
article whose text is also in ``../shared/gold/dev.jsonl`` or ``dev2.jsonl`` is dropped.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import types
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO / "src"))

from marsad.article import Article  # noqa: E402
from marsad.evaluate.gold import doc_key  # noqa: E402
from marsad.text.sentences import split_sentences  # noqa: E402
from marsad.text.tokens import Token, tokenize  # noqa: E402

Sent = tuple[list[str], list[str]]
#: the corpus's labels → the model's
LABELS = {"PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
#: proclitic clusters a form may carry in the text that its gold surface leaves out (and Darija «د», of:
#: «دآيت ملول»)
PROCLITICS = frozenset({"و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك", "د"})
#: what may stand before «ل» + the form without «ال» («للمديرية» for «المديرية»)
LIL = frozenset({"", "و", "ف"})
#: the corpus folder: this repository's, else the main checkout's (where it is being built)
CORPUS_DIRS = (REPO / "training" / "corpus", Path("/work/main/training/corpus"))
#: gold sets kept for evaluation, never trained on
EVAL_SETS = (Path("/work/shared/gold/dev.jsonl"), Path("/work/shared/gold/dev2.jsonl"))


@dataclass
class Stats:
    """What a conversion did: articles, sentences, tokens, projected occurrences per label, and
    the gold forms found nowhere in their article's tokens."""

    articles: int = 0
    dropped_eval: int = 0
    sentences: int = 0
    tokens: int = 0
    mentions: Counter[str] = field(default_factory=Counter)
    forms: int = 0
    unplaced: list[tuple[str, str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "dropped_as_eval_articles": self.dropped_eval,
                "sentences": self.sentences, "tokens": self.tokens, "mentions": dict(self.mentions),
                "gold_forms": self.forms, "gold_forms_unplaced": len(self.unplaced)}


def corpus_dir(given: Path | None = None) -> Path:
    for d in ([given] if given else CORPUS_DIRS):
        if (d / "corpus.py").exists():
            return d
    raise SystemExit(f"no corpus found in {given or CORPUS_DIRS}")


def load_rows(split: str, root: Path | None = None) -> list[dict[str, Any]]:
    """The corpus's gold lines of ``split`` (train or dev) with their texts (``corpus.load``)."""
    if split not in ("train", "dev"):
        raise ValueError("only the train and dev splits are training data (the test split is locked)")
    d = corpus_dir(root)
    sys.path.insert(0, str(d))
    try:
        importlib.import_module("marsad.evaluate.goldcheck")
    except ImportError:  # corpus.py imports the line checker, which only its ``pack`` uses
        stub = types.ModuleType("marsad.evaluate.goldcheck")
        stub.check_line = None  # type: ignore[attr-defined]
        sys.modules["marsad.evaluate.goldcheck"] = stub
    corpus = importlib.import_module("corpus")
    rows: list[dict[str, Any]] = corpus.load(split)
    return rows


def eval_keys(paths: Sequence[Path] = EVAL_SETS) -> set[str]:
    keys = set()
    for p in paths:
        if p.exists():
            for line in p.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    keys.add(doc_key(json.loads(line)["doc"].get("text", "")))
    return keys


def sentences_of(text: str) -> list[list[Token]]:
    """The surface tokens of each sentence, as the NER stage groups them."""
    tokens = tokenize(text)
    out: list[list[Token]] = []
    k = 0
    for s in split_sentences(text):
        while k < len(tokens) and tokens[k].start < s.start:
            k += 1
        sent = []
        while k < len(tokens) and tokens[k].end <= s.end:
            sent.append(tokens[k])
            k += 1
        if sent:
            out.append(sent)
    return out


def _first_matches(tok: str, first: str, n_tokens: int) -> bool:
    if tok == first:
        return True
    if len(first) <= 2 and n_tokens == 1:  # a one- or two-letter form: no clitic guessing
        return False
    if tok.endswith(first) and tok[: len(tok) - len(first)] in PROCLITICS:
        return True
    if first.startswith("ال") and len(first) > 3:
        lil = "لل" + first[2:]
        return tok.endswith(lil) and tok[: len(tok) - len(lil)] in LIL
    return False


def occurrences(norms: Sequence[str], form: Sequence[str]) -> list[int]:
    """Token indices where the folded token sequence ``form`` occurs in ``norms`` (see module doc)."""
    k = len(form)
    return [i for i in range(len(norms) - k + 1)
            if _first_matches(norms[i], form[0], k) and list(norms[i + 1 : i + k]) == list(form[1:])]


def project(sents: list[list[Token]], entities: Sequence[dict[str, str]], stats: Stats | None = None,
            doc_id: str = "") -> list[list[str]]:
    """BIO tags for every token of ``sents`` from the article's gold entity forms."""
    tags = [["O"] * len(s) for s in sents]
    norms = [[t.norm for t in s] for s in sents]
    forms = []
    for e in entities:
        toks = [t.norm for t in tokenize(e["text"])]
        if toks and e["label"] in LABELS:
            forms.append((toks, LABELS[e["label"]], e))
    forms.sort(key=lambda f: (-len(f[0]), -sum(map(len, f[0]))))
    for form, label, e in forms:
        placed = False
        for si, ns in enumerate(norms):
            for i in occurrences(ns, form):
                j = i + len(form)
                if any(t != "O" for t in tags[si][i:j]):
                    continue
                tags[si][i:j] = [f"B-{label}"] + [f"I-{label}"] * (len(form) - 1)
                placed = True
                if stats is not None:
                    stats.mentions[label] += 1
        if stats is not None:
            stats.forms += 1
            if not placed:
                stats.unplaced.append((doc_id, e["label"], e["text"]))
    return tags


def convert(rows: Sequence[dict[str, Any]], stats: Stats | None = None,
            exclude: set[str] | None = None) -> list[Sent]:
    """Training sentences (surface tokens, BIO tags) of the gold lines ``rows``."""
    stats = stats if stats is not None else Stats()
    exclude = eval_keys() if exclude is None else exclude
    out: list[Sent] = []
    for row in rows:
        text = Article.create(row["doc"]["text"]).text
        if doc_key(row["doc"]["text"]) in exclude or doc_key(text) in exclude:
            stats.dropped_eval += 1
            continue
        sents = sentences_of(text)
        tags = project(sents, row.get("entities", []), stats, str(row["doc"].get("id")))
        for s, t in zip(sents, tags, strict=True):
            out.append(([text[x.start : x.end] for x in s], t))
        stats.articles += 1
        stats.sentences += len(sents)
        stats.tokens += sum(map(len, sents))
    return out


def write_conll(sents: Sequence[Sent], path: Path) -> None:
    lines = []
    for toks, tags in sents:
        lines += [f"{t} {g}" for t, g in zip(toks, tags, strict=True)]
        lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("split", choices=["train", "dev"])
    ap.add_argument("--corpus", type=Path, help=f"the corpus folder (default: {' or '.join(map(str, CORPUS_DIRS))})")
    ap.add_argument("--out", type=Path, help="write the sentences as a CoNLL file (token, space, tag)")
    ap.add_argument("--stats", action="store_true", help="print the counts and the unplaced gold forms")
    args = ap.parse_args()
    stats = Stats()
    sents = convert(load_rows(args.split, args.corpus), stats)
    if args.out:
        write_conll(sents, args.out)
    print(json.dumps(stats.to_dict(), ensure_ascii=False))
    if args.stats:
        for row in stats.unplaced:
            print("unplaced", *row)


if __name__ == "__main__":
    main()
