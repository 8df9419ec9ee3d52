"""Training data: ANERcorp CAMeL train (with a carved dev split), marsad's annotated news corpus
(:mod:`corpus_data`), AQMAR, Wojood, gazetteers (ANERGazet, NERAr)."""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from functools import lru_cache
from pathlib import Path

from marsad.evaluate.conll import extract_spans, map_tags, read_conll
from marsad.text.fold import fold

DATA = Path("/work/shared/data")
ANER_TRAIN = DATA / "anercorp/camel_split_reconstructed/ANERcorp_CAMeLsplit_reconstructed_train.txt"
ANER_TEST = DATA / "anercorp/camel_split_reconstructed/ANERcorp_CAMeLsplit_reconstructed_test.txt"
AQMAR = DATA / "aqmar/split_liu2019"
WOJOOD = DATA / "wojood_sample"
GAZ = DATA / "gazetteers/anergazet"
NERAR = DATA / "gazetteers/nerar"
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


def corpus(split: str) -> list[Sent]:
    """marsad's annotated news corpus, ``split`` train or dev, as token-level sentences
    (:mod:`corpus_data`: the gold forms projected onto the pipeline's tokens); read once."""
    return list(_corpus(split)[0])


@lru_cache(maxsize=2)
def _corpus(split: str) -> tuple[tuple[Sent, ...], dict[str, object]]:
    import corpus_data

    stats = corpus_data.Stats()
    sents = corpus_data.convert(corpus_data.load_rows(split), stats)
    blob = "\n".join(" ".join(f"{t}/{g}" for t, g in zip(*s, strict=True)) for s in sents)
    return tuple(sents), {**stats.to_dict(), "sha256": hashlib.sha256(blob.encode("utf-8")).hexdigest()}


def corpus_report(splits: tuple[str, ...] = ("train", "dev")) -> dict[str, object]:
    """What :func:`corpus` reads, per split: articles, sentences, tokens, mentions, and the SHA-256
    of the sentences (two builds trained on the same corpus iff they match)."""
    return {split: _corpus(split)[1] for split in splits}


def extra_sets() -> dict[str, list[Sent]]:
    return {
        "aqmar_train": load(AQMAR / "train.txt"),
        "wojood": load(WOJOOD / "train.txt", WOJOOD_MAP) + load(WOJOOD / "val.txt", WOJOOD_MAP),
    }


def gazetteer(nerar: bool = False) -> dict[str, frozenset[str]]:
    """Single folded words of ANERGazet entries (with and without the article), by label; with
    ``nerar`` also NERAr's person-name words as ``NPER`` (:func:`nerar_gazetteer`)."""
    out = {"NPER": nerar_gazetteer()} if nerar else {}
    for lab, fn in (("PER", "AlignedPersGazetteer.txt"), ("LOC", "AlignedLocGazetteer.txt"),
                    ("ORG", "AlignedOrgGazetteer.txt")):
        words = set()
        for line in (GAZ / fn).read_text(encoding="utf-8").splitlines():
            for w in fold(line).split():
                if len(w) > 2 and not w.startswith("="):
                    words.add(w)
        out[lab] = frozenset(words)
    return out


#: the Buckwalter transliteration (Buckwalter 2002), as NERAr's convertUTF8toBW.pl writes it
BUCKWALTER = {
    "'": "ء", "|": "آ", ">": "أ", "&": "ؤ", "<": "إ", "}": "ئ", "A": "ا", "b": "ب", "p": "ة", "t": "ت", "v": "ث",
    "j": "ج", "H": "ح", "x": "خ", "d": "د", "*": "ذ", "r": "ر", "z": "ز", "s": "س", "$": "ش", "S": "ص", "D": "ض",
    "T": "ط", "Z": "ظ", "E": "ع", "g": "غ", "_": "ـ", "f": "ف", "q": "ق", "k": "ك", "l": "ل", "m": "م", "n": "ن",
    "h": "ه", "w": "و", "Y": "ى", "y": "ي", "F": "ً", "N": "ٌ", "K": "ٍ", "a": "َ", "u": "ُ", "i": "ِ", "~": "ّ",
    "o": "ْ", "`": "ٰ", "{": "ٱ",
}  # fmt: skip


def from_buckwalter(word: str) -> str | None:
    """Arabic script of a Buckwalter-encoded word; None when it holds a character outside the table."""
    out = [BUCKWALTER.get(c) for c in word]
    return None if None in out else "".join(out)  # type: ignore[arg-type]


def nerar_names(files: tuple[str, ...] = ("dico-bi-ar-fr.PERS.norm", "dico-mono-PERS.norm")) -> list[str]:
    """NERAr's person names (Arabic side), decoded from Buckwalter; lines with bytes outside the
    table (a hundred Persian/Urdu spellings written raw) are left out."""
    names = []
    for fn in files:
        for line in (NERAR / fn).read_bytes().split(b"\n"):
            ar = line.split(b"\t")[0].strip()
            if not ar or not ar.isascii():
                continue
            words = [from_buckwalter(w) for w in ar.decode("ascii").replace("-", " ").split()]
            if words and None not in words:
                names.append(" ".join(words))  # type: ignore[arg-type]
    return names


def nerar_gazetteer(min_len: int = 3) -> frozenset[str]:
    """Folded words of NERAr's person names (``min_len`` letters or more), less the ordinary words
    its automatic alignment let in (:func:`not_names`): the feature ``gNPER``, a word that is, or may
    be, part of a person's name. Deterministic: it depends on NERAr and the ANERcorp train file only."""
    words = {w for name in nerar_names() for w in fold(name).split() if len(w) >= min_len}
    return frozenset(words - not_names(load(ANER_TRAIN), words))


def not_names(sents: list[Sent], words: set[str], min_count: int = 3, max_share: float = 0.1) -> set[str]:
    """The ``words`` that ``sents`` show ``min_count`` times or more (as a token or its clitic-stripped
    form), less than ``max_share`` of them inside a person's name: «علي» (folded «على»), «الذي»,
    «كان», «لبنان» are in NERAr's person list."""
    from marsad.ner._features import strip_clitics

    seen: Counter[str] = Counter()
    per: Counter[str] = Counter()
    for toks, tags in sents:
        for tok, tag in zip(toks, tags, strict=True):
            w = fold(tok)
            for form in {w, strip_clitics(w)} & words:
                seen[form] += 1
                per[form] += tag.endswith("PER")
    return {w for w, n in seen.items() if n >= min_count and per[w] < max_share * n}


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
    files += sorted(GAZ.glob("*.txt")) + sorted(NERAR.glob("*.norm")) + sorted(SNN.glob("*.zip"))
    return files
