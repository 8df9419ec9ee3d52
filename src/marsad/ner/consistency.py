"""One-sense-per-document for the NER model's tags: a name the model tags somewhere in an article
is tagged with the same label at its other occurrences in that article, and a person's last
name standing alone after the full name («محمود عباس» … «عباس») is tagged as the person.

Names are matched on folded tokens; the first token may carry one extra single-letter
proclitic on either side («وعباس» matches «عباس»). Only runs of untagged (``O``) tokens are
changed, never a span the model tagged; a name whose occurrences the model leaves untagged
more often than it tags them is not spread (``min_ratio``), which keeps common words that
the model tagged once by mistake from spreading.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from marsad.datafiles import word_sets
from marsad.evaluate.conll import extract_spans
from marsad.text.fold import fold

__all__ = ["propagate"]

_PROCLITIC = frozenset("وفبلك")
_MAX_LEN = 6
#: single tokens that are never spread on their own (titles and function words), folded
_STOP = frozenset(word_sets("marsad.ner", "data/words.tsv")["consistency_stop"])


def _core(w: str) -> str:
    """A folded token without one leading single-letter proclitic (when three letters stay)."""
    return w[1:] if len(w) > 3 and w[0] in _PROCLITIC else w


def _key(words: Sequence[str]) -> tuple[str, ...]:
    return (_core(words[0]), *words[1:])


Key = tuple[str, ...]


def _document_names(words: list[list[str]], tags: list[list[str]], last_names: bool
                    ) -> tuple[dict[Key, str], dict[Key, int], set[Key]]:
    """The names the model tagged: label (majority), times tagged, and the PER last names."""
    labels: dict[Key, Counter[str]] = defaultdict(Counter)
    last: set[Key] = set()
    for ws, tg in zip(words, tags, strict=True):
        for a, b, lab in extract_spans(tg):
            labels[_key(ws[a:b])][lab] += 1
            if last_names and lab == "PER" and b - a >= 2 and len(ws[b - 1]) > 2:
                last.add((_core(ws[b - 1]),))
    for k in last:
        labels[k]["PER"] += 0  # present in the dict: a name (PER unless tagged otherwise elsewhere)
    names = {k: c.most_common(1)[0][0] for k, c in labels.items()
             if k and (len(k) > 1 or (len(k[0]) > 2 and k[0] not in _STOP))}
    return names, {k: c.total() for k, c in labels.items()}, last & names.keys()


def _untagged(words: list[list[str]], tags: list[list[str]], names: dict[Key, str]
              ) -> list[tuple[int, int, int, Key]]:
    """(sentence, start, length, name) of each untagged occurrence, longest name first."""
    hits: list[tuple[int, int, int, Key]] = []
    firsts = {k[0] for k in names}
    # a word can start an occurrence only if it is a name's first word, bare or after one proclitic
    # letter: a set test per word, and ``_core`` only on those
    starts = firsts | {p + f for f in firsts for p in _PROCLITIC}
    lengths = sorted({len(k) for k in names if len(k) <= _MAX_LEN}, reverse=True)
    for si, (ws, tg) in enumerate(zip(words, tags, strict=True)):
        free = 0  # the first position not inside an occurrence already found
        for i in [i for i, w in enumerate(ws) if w in starts]:
            first = _core(ws[i])
            if i < free or first not in firsts:
                continue
            for n in lengths:
                if n > len(ws) - i:
                    continue
                k = (first, *ws[i + 1 : i + n])
                if k in names and all(t == "O" for t in tg[i : i + n]):
                    hits.append((si, i, n, k))
                    free = i + n
                    break
    return hits


def propagate(sents: Sequence[Sequence[str]], tags: Sequence[Sequence[str]], *, min_ratio: float = 1.0,
              last_names: bool = True, folded: bool = False) -> list[list[str]]:  # fmt: skip
    """``tags`` with the names of the document (all of ``sents``) spread to their untagged occurrences.

    A name is spread when (times tagged) ≥ ``min_ratio`` × (times seen untagged); ``last_names``
    also spreads the last word of a multi-word PER name as PER (always). Sentences and tags keep
    their lengths; bad input (length mismatch) leaves the tags unchanged. ``folded``: the words are
    already folded (the tokens layer's ``norm``), so they are not folded again.
    """
    out = [list(t) for t in tags]
    if len(sents) != len(tags) or any(len(s) != len(t) for s, t in zip(sents, tags, strict=True)):
        return out
    words = [list(s) for s in sents] if folded else [[fold(tok) for tok in s] for s in sents]
    names, tagged, last = _document_names(words, out, last_names)
    if not names:
        return out
    hits = _untagged(words, out, names)
    untagged = Counter(k for *_, k in hits)
    for si, i, n, k in hits:
        if k not in last and tagged[k] < min_ratio * untagged[k]:
            continue
        lab = names[k]
        out[si][i : i + n] = [f"B-{lab}"] + [f"I-{lab}"] * (n - 1)
    return out
