"""Training data: ANERcorp CAMeL train (with a carved dev split), AQMAR, Wojood, gazetteers."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

from marsad.evaluate.conll import extract_spans, map_tags, read_conll
from marsad.text.fold import fold

DATA = Path("/work/shared/data")
ANER_TRAIN = DATA / "anercorp/camel_split_reconstructed/ANERcorp_CAMeLsplit_reconstructed_train.txt"
ANER_TEST = DATA / "anercorp/camel_split_reconstructed/ANERcorp_CAMeLsplit_reconstructed_test.txt"
AQMAR = DATA / "aqmar/split_liu2019"
WOJOOD = DATA / "wojood_sample"
GAZ = DATA / "gazetteers/anergazet"
SNN = DATA / "saudinewsnet"

Sent = tuple[list[str], list[str]]
# Wojood's 21 types: keep the ones that mean the same thing as ANERcorp's four.
WOJOOD_MAP = {"PERS": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load(path: Path, label_map: dict[str, str] | None = None) -> list[Sent]:
    out = []
    for s in read_conll(path):
        toks = [t for t, _ in s]
        if toks == ["$#$"]:
            continue
        out.append((toks, map_tags((tg for _, tg in s), label_map)))
    return out


def anercorp_split(dev_frac: float = 0.1, seed: int = 13) -> tuple[list[Sent], list[Sent]]:
    """Split ANERcorp train into train/dev by contiguous blocks of 20 sentences (keeps articles
    mostly together, so dev names are not all seen in train)."""
    sents = load(ANER_TRAIN)
    blocks = [sents[i : i + 20] for i in range(0, len(sents), 20)]
    rng = random.Random(seed)
    idx = list(range(len(blocks)))
    rng.shuffle(idx)
    n_dev = int(len(blocks) * dev_frac)
    dev_ids = set(idx[:n_dev])
    train = [s for i, b in enumerate(blocks) if i not in dev_ids for s in b]
    dev = [s for i, b in enumerate(blocks) if i in dev_ids for s in b]
    return train, dev


def mentions(sents: list[Sent]) -> dict[str, list[list[str]]]:
    """Every entity mention of the training data (its tokens), by label."""
    pool: dict[str, list[list[str]]] = {}
    for toks, tags in sents:
        for a, b, lab in extract_spans(tags):
            pool.setdefault(lab, []).append(toks[a:b])
    return pool


def swap_mentions(sents: list[Sent], pool: dict[str, list[list[str]]], p: float,
                  rng: random.Random) -> list[Sent]:
    """Mention replacement (Dai & Adel 2020): each entity mention is replaced, with probability
    ``p``, by a random training mention of the same label, so the network learns from context
    more than from memorised names."""
    out: list[Sent] = []
    for toks, tags in sents:
        sp = extract_spans(tags)
        if not sp or p <= 0:
            out.append((toks, tags))
            continue
        nt: list[str] = []
        ng: list[str] = []
        prev = 0
        for a, b, lab in sp:
            nt += toks[prev:a]
            ng += tags[prev:a]
            m = rng.choice(pool[lab]) if rng.random() < p else toks[a:b]
            nt += m
            ng += [f"B-{lab}"] + [f"I-{lab}"] * (len(m) - 1)
            prev = b
        out.append((nt + toks[prev:], ng + tags[prev:]))
    return out


def extra_sets() -> dict[str, list[Sent]]:
    return {
        "aqmar_train": load(AQMAR / "train.txt"),
        "wojood": load(WOJOOD / "train.txt", WOJOOD_MAP) + load(WOJOOD / "val.txt", WOJOOD_MAP),
    }


def gazetteer() -> dict[str, frozenset[str]]:
    """Single folded words of ANERGazet entries (with and without the article)."""
    out = {}
    for lab, fn in (("PER", "AlignedPersGazetteer.txt"), ("LOC", "AlignedLocGazetteer.txt"),
                    ("ORG", "AlignedOrgGazetteer.txt")):
        words = set()
        for line in (GAZ / fn).read_text(encoding="utf-8").splitlines():
            for w in fold(line).split():
                if len(w) > 2 and not w.startswith("="):
                    words.add(w)
        out[lab] = frozenset(words)
    return out


def kb_gazetteer() -> dict[str, frozenset[str]]:
    """Words (length > 2) of marsad's actor KB names, metonyms and demonyms, by NER label
    (GPE/LOC → ``KBLOC``, ORG → ``KBORG``); kept under their own keys so the model weighs them."""
    from marsad.kb.actors import ActorKB

    out: dict[str, set[str]] = {"KBLOC": set(), "KBORG": set()}
    for a in ActorKB.load().actors():
        key = "KBORG" if a.label == "ORG" else "KBLOC"
        for name in (*a.names, *a.metonyms):
            out[key].update(w for w in fold(name).split() if len(w) > 2 and not w.isascii())
        if a.demonyms:
            out.setdefault("KBDEM", set()).update(fold(d) for d in a.demonyms)
    return {k: frozenset(v) for k, v in out.items()}


def data_files() -> list[Path]:
    files = [ANER_TRAIN, ANER_TEST, AQMAR / "train.txt", AQMAR / "test.txt", WOJOOD / "train.txt",
             WOJOOD / "val.txt"]
    files += sorted(GAZ.glob("*.txt")) + sorted(SNN.glob("*.zip"))
    return files
