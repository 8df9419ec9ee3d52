"""BiLSTM-CRF over frozen word2vec vectors (word + clitic-stripped word), a char-CNN and
gazetteer/shape features. Trained in torch; exported to a numpy ``.npz`` that
:mod:`marsad.ner._bilstm` runs without torch.

    PYTHONPATH=src python training/ner/bilstm.py --out /tmp/nerexp/bilstm
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "src"))

import data  # noqa: E402

from marsad.evaluate.conll import score_spans  # noqa: E402
from marsad.ner._bilstm import BiLstmTagger, Encoder  # noqa: E402
from marsad.ner._features import Feats, Resources, _cached_word_feats  # noqa: E402
from marsad.ner._subword import SubwordVectors  # noqa: E402

LOG = logging.getLogger("bilstm")
TAGS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]
#: the gazetteer flags of every model before NERAr (ANERGazet's lists)
GAZ_KEYS = ("PER", "LOC", "ORG")


class CRF(nn.Module):
    def __init__(self, n: int) -> None:
        super().__init__()
        self.trans = nn.Parameter(torch.zeros(n, n))  # trans[i, j]: from i to j
        self.start = nn.Parameter(torch.zeros(n))
        self.end = nn.Parameter(torch.zeros(n))

    def nll(self, em: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor,
            allowed: torch.Tensor | None = None) -> torch.Tensor:
        """Negative log-likelihood of ``tags``; with ``allowed`` (``(b, t, n)`` bool, partial labels)
        of all the paths through the allowed tags (Tsuboi et al. 2008): a sentence whose ``O`` may
        also be MISC is not taught that MISC is wrong there."""
        if allowed is not None:
            return (self._logsum(em, mask) - self._logsum(em.masked_fill(~allowed, -1e4), mask)).sum()
        t = em.shape[1]
        score = self.start[tags[:, 0]] + em[:, 0].gather(1, tags[:, :1]).squeeze(1)
        alpha = self.start + em[:, 0]
        for i in range(1, t):
            m = mask[:, i]
            emit = em[:, i].gather(1, tags[:, i : i + 1]).squeeze(1)
            s = self.trans[tags[:, i - 1], tags[:, i]] + emit
            score = score + s * m
            nxt = torch.logsumexp(alpha.unsqueeze(2) + self.trans + em[:, i].unsqueeze(1), dim=1)
            alpha = torch.where(m.unsqueeze(1) > 0, nxt, alpha)
        last = tags.gather(1, (mask.sum(1).long() - 1).unsqueeze(1)).squeeze(1)
        score = score + self.end[last]
        logz = torch.logsumexp(alpha + self.end, dim=1)
        return (logz - score).sum()

    def _logsum(self, em: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Log of the summed scores of all paths (the forward algorithm), per sentence."""
        alpha = self.start + em[:, 0]
        for i in range(1, em.shape[1]):
            nxt = torch.logsumexp(alpha.unsqueeze(2) + self.trans + em[:, i].unsqueeze(1), dim=1)
            alpha = torch.where(mask[:, i].unsqueeze(1) > 0, nxt, alpha)
        return torch.logsumexp(alpha + self.end, dim=1)


class FrozenLm(nn.Module):
    """The two pre-trained language models of ``lm.py`` (forward, backward), frozen: their hidden
    states at each token are contextual features for the tagger."""

    def __init__(self, fwd: Path, bwd: Path, emb: np.ndarray) -> None:
        super().__init__()
        from lm import WordLm

        self.lms = nn.ModuleList()
        for path in (fwd, bwd):
            ck = torch.load(path, weights_only=False)
            lm = WordLm(emb, ck["hidden"], ck["out_vocab"])
            lm.load_state_dict(ck["state"])
            lm.eval()
            for p in lm.parameters():
                p.requires_grad_(False)
            self.lms.append(lm)
        self.dim = sum(int(lm.lstm.hidden_size) for lm in self.lms)

    def train(self, mode: bool = True) -> FrozenLm:  # always in eval mode (no dropout)
        return super().train(False)

    @torch.no_grad()
    def forward(self, w: torch.Tensor, s: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        t = w.shape[1]
        pos = torch.arange(t)[None, :]
        rev = torch.where(pos < lengths[:, None], lengths[:, None] - 1 - pos, pos)
        hf = self.lms[0].states(w, s, lengths)
        hb = self.lms[1].states(w.gather(1, rev), s.gather(1, rev), lengths)
        hb = hb.gather(1, rev[:, :, None].expand(-1, -1, hb.shape[2]))
        return torch.cat([hf, hb], dim=2)


class Net(nn.Module):
    def __init__(self, emb: np.ndarray, n_chars: int, n_feats: int, *, hidden: int,
                 char_dim: int, char_filters: int, delta_ids: set[int] | None = None,
                 lm: FrozenLm | None = None, lm_at: str = "input", extra_heads: int = 0) -> None:
        super().__init__()
        self.lm = lm
        self.lm_at = lm_at
        lm_dim = lm.dim if lm is not None else 0
        self.wemb = nn.Embedding.from_pretrained(torch.tensor(emb), freeze=True, padding_idx=0)
        # trainable correction, zero-initialised: words never seen in training keep their
        # pretrained vector exactly; exported as wemb + delta
        # (only for words of the training data: delta_map sends every other id to row 0)
        dmap = torch.zeros(emb.shape[0], dtype=torch.long)
        if delta_ids is not None:
            dmap[torch.tensor(sorted(delta_ids))] = torch.arange(1, len(delta_ids) + 1)
        self.register_buffer("delta_map", dmap, persistent=False)
        self.delta = nn.Embedding(int(dmap.max()) + 1, emb.shape[1], padding_idx=0)
        nn.init.zeros_(self.delta.weight)
        self.use_delta = delta_ids is not None
        self.cemb = nn.Embedding(n_chars, char_dim, padding_idx=0)
        self.conv = nn.Conv1d(char_dim, char_filters, 3, padding=1)
        d_in = 2 * emb.shape[1] + char_filters + n_feats + (lm_dim if lm_at == "input" else 0)
        self.drop = nn.Dropout(0.5)
        self.lstm = nn.LSTM(d_in, hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden + (lm_dim if lm_at == "output" else 0), len(TAGS))
        self.crf = CRF(len(TAGS))
        # one output layer and CRF per extra training set (its own label conventions), sharing the
        # encoder; only head 0 (ANERcorp) is exported
        self.extra_out = nn.ModuleList(nn.Linear(self.out.in_features, len(TAGS)) for _ in range(extra_heads))
        self.extra_crf = nn.ModuleList(CRF(len(TAGS)) for _ in range(extra_heads))

    def head(self, k: int) -> tuple[nn.Linear, CRF]:
        return (self.out, self.crf) if k == 0 else (self.extra_out[k - 1], self.extra_crf[k - 1])

    def emissions(self, w: torch.Tensor, s: torch.Tensor, c: torch.Tensor, f: torch.Tensor,
                  lengths: torch.Tensor, head: int = 0) -> torch.Tensor:
        b, t, L = c.shape
        ce = self.cemb(c.view(b * t, L)).transpose(1, 2)
        ch = torch.relu(self.conv(ce)).max(dim=2).values.view(b, t, -1)
        ew, es = self.wemb(w), self.wemb(s)
        if self.use_delta:
            ew = ew + self.delta(self.delta_map[w])
            es = es + self.delta(self.delta_map[s])
        ctx = self.lm(w, s, lengths) if self.lm is not None else None
        parts = [ew, es, ch, f]
        if ctx is not None and self.lm_at == "input":
            parts.append(ctx)
        x = self.drop(torch.cat(parts, dim=2))
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True,
                                                   enforce_sorted=False)
        h, _ = self.lstm(packed)
        h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=t)
        if ctx is not None and self.lm_at == "output":
            h = torch.cat([h, ctx], dim=2)
        return self.head(head)[0](self.drop(h))


def batches(enc: Encoder, sents: list[data.Sent], bs: int, rng: random.Random | None,
            heads: list[int] | None = None, partial: list[bool] | None = None):
    """Batches of ``(w, s, c, f, lengths, tags, head, allowed)``: length buckets with a little noise
    (less padding, fewer CRF steps per batch), each batch from one training set (``heads``, default
    0). ``partial`` marks the sentences whose ``O`` may be MISC (a corpus without that label);
    ``allowed`` is None in a batch without one."""
    noise = [rng.random() * 4 if rng else 0.0 for _ in sents]
    head_of = heads or [0] * len(sents)
    order = sorted(range(len(sents)), key=lambda j: (head_of[j], len(sents[j][0]) + noise[j]))
    starts = []
    for i in range(len(order)):
        if i == 0 or head_of[order[i]] != head_of[order[i - 1]] or i - starts[-1] >= bs:
            starts.append(i)
    ends = dict(zip(starts, [*starts[1:], len(order)], strict=True))
    if rng:
        rng.shuffle(starts)
    for i in starts:
        chunk = [sents[j] for j in order[i : ends[i]]]
        w, s, c, f, lengths = enc.encode([toks for toks, _ in chunk])
        t = np.zeros(w.shape, dtype=np.int64)
        for k, (_, tags) in enumerate(chunk):
            t[k, : len(tags)] = [TAGS.index(x) for x in tags]
        flags = [partial[j] for j in order[i : ends[i]]] if partial else []
        yield (torch.tensor(w), torch.tensor(s), torch.tensor(c), torch.tensor(f),
               torch.tensor(lengths), torch.tensor(t), head_of[order[i]], allowed_tags(t, flags))


def allowed_tags(t: np.ndarray, partial: list[bool]) -> torch.Tensor | None:
    """``(b, t, n)``: each gold tag alone, and MISC beside ``O`` in the ``partial`` sentences."""
    if not any(partial):
        return None
    allowed = np.zeros((*t.shape, len(TAGS)), bool)
    np.put_along_axis(allowed, t[:, :, None], True, axis=2)
    rows = np.array(partial)[:, None] & (t == TAGS.index("O"))
    for tag in ("B-MISC", "I-MISC"):
        allowed[:, :, TAGS.index(tag)] |= rows
    return torch.tensor(allowed)


def export(net: Net, enc: Encoder, path: Path, subword: SubwordVectors | None = None) -> None:
    sd = {k: v.detach().numpy() for k, v in net.state_dict().items()}
    emb = sd["wemb.weight"]
    if net.use_delta:
        emb = emb + sd["delta.weight"][net.delta_map.numpy()]
    scale = np.abs(emb).max(axis=1, keepdims=True) / 127 + 1e-12
    arrays = {"emb_q": np.round(emb / scale).astype(np.int8), "emb_scale": scale.astype(np.float32)}
    for k, v in sd.items():
        if k in {"wemb.weight", "delta.weight"} or k.startswith(("lm.", "extra_")):
            continue
        arrays[k.replace(".", "__")] = v.astype(np.float32)
    if net.lm is not None:  # the LSTMs of the two language models (their softmax is not needed)
        for name, lm in zip(("lmf", "lmb"), net.lm.lms, strict=True):
            for k, v in lm.lstm.state_dict().items():
                arrays[f"{name}__{k}"] = v.detach().numpy().astype(np.float32)
        arrays["lm_at"] = np.array(net.lm_at)
    arrays["vocab"] = np.array(enc.vocab)
    arrays["chars"] = np.array(enc.chars)
    arrays["tags"] = np.array(TAGS)
    if enc.gaz_keys != GAZ_KEYS:  # the flags read beyond ANERGazet's (e.g. NERAr's NPER)
        arrays["gaz_keys"] = np.array(enc.gaz_keys)
    if subword is not None:
        arrays.update(subword.arrays())
    if enc.known is not None:
        arrays["n_known"] = np.array(enc.known)
    np.savez_compressed(path, **arrays)


def delta_rows(vocab: list[str], train_words: set[str]) -> set[int]:
    return {i for i, w in enumerate(vocab) if w in train_words and i > 1}


def load_vectors(kv_path: Path, train_words: set[str], max_words: int
                 ) -> tuple[list[str], np.ndarray]:
    from gensim.models import KeyedVectors

    kv = KeyedVectors.load(str(kv_path))  # a fastText model loads as its subclass
    words = list(kv.index_to_key[:max_words])
    seen = set(words)
    words += [w for w in sorted(train_words) if w in kv.key_to_index and w not in seen]
    vecs = np.stack([kv[w] for w in words]).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    vocab = ["<pad>", "<unk>", *words]
    emb = np.concatenate([np.zeros((2, vecs.shape[1]), np.float32), vecs])
    return vocab, emb


def load_subword(ft_path: Path, vocab: list[str], emb: np.ndarray, ridge: float = 1e-3
                 ) -> tuple[SubwordVectors, dict[str, float]]:
    """The n-gram table of a fastText model mapped into the space of the word vectors ``emb``.

    A linear map ``M`` is fitted (ridge least squares) from the n-gram-only fastText vector of each
    vocabulary word (the mean of its n-gram rows: what a word outside the vocabulary gets) to its
    normalised word vector; since a word's vector is a mean of rows, ``table @ M`` is shipped and
    the run time computes means only. Returns the int8 table and the fit's held-out cosine.
    """
    from gensim.models import KeyedVectors

    kv = KeyedVectors.load(str(ft_path))
    raw = SubwordVectors.quantise(np.asarray(kv.vectors_ngrams, np.float32), kv.min_n, kv.max_n)
    words = [(i, w) for i, w in enumerate(vocab) if i > 1]
    x = raw.vectors([w for _, w in words]).astype(np.float64)
    y = emb[[i for i, _ in words]].astype(np.float64)
    held = np.arange(len(words)) % 10 == 0  # every 10th word: the fit's held-out check

    def fit(rows: np.ndarray) -> np.ndarray:
        a = x[rows]
        return np.linalg.solve(a.T @ a + ridge * len(a) * np.eye(a.shape[1]), a.T @ y[rows])

    def cosine(m: np.ndarray, rows: np.ndarray) -> float:
        p, t = x[rows] @ m, y[rows]
        return float(np.mean((p * t).sum(1) / (np.linalg.norm(p, axis=1) * np.linalg.norm(t, axis=1) + 1e-12)))

    stats = {"heldout_cosine": round(cosine(fit(~held), held), 4)}
    m = fit(np.ones(len(words), bool))
    stats["train_cosine"] = round(cosine(m, np.ones(len(words), bool)), 4)
    table = raw.q.astype(np.float32) * raw.scale[:, None]
    return SubwordVectors.quantise((table @ m).astype(np.float32), raw.minn, raw.maxn), stats


def add_subword_rows(vocab: list[str], emb: np.ndarray, train: list[data.Sent], sub: SubwordVectors
                     ) -> tuple[list[str], np.ndarray]:
    """Rows for the training forms that get an n-gram vector at run time (computed from the int8
    table as at run time, normalised like the other rows): each stripped form without a vector,
    and each word whose stripped form has none either (a word without a vector otherwise takes
    its stripped form's, :meth:`Encoder.token`)."""
    known = set(vocab)
    res, feats = Resources(gazetteer=data.gazetteer()), dict[str, Feats]()
    new: set[str] = set()
    for toks, _ in train:
        for t in toks:
            f = _cached_word_feats(t, res, feats)
            w, s = str(f["w"]), str(f["s"])
            if s not in known:
                new.update((w, s) if w not in known else (s,))
    if not new:
        return vocab, emb
    rows = sorted(new)
    vec = sub.vectors(rows)
    vec /= np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-12)
    return [*vocab, *rows], np.concatenate([emb, vec.astype(np.float32)])


def word_table(cache: Path, vectors: str, subword: str, train: list[data.Sent], train_words: set[str],
               max_words: int) -> tuple[list[str], np.ndarray, SubwordVectors | None, dict[str, object]]:
    """The vocabulary and its vectors, and (``subword``) the mapped n-gram table with the rows it
    adds for training forms; the last item describes the table for the report."""
    vocab, emb = load_vectors(cache / vectors, train_words, max_words)
    if not subword:
        return vocab, emb, None, {}
    n_pretrained = len(vocab)
    sub, fit = load_subword(cache / subword, vocab, emb)
    LOG.info("n-gram table mapped onto %s: %s", vectors, fit)
    vocab, emb = add_subword_rows(vocab, emb, train, sub)
    return vocab, emb, sub, {"model": subword, "pretrained_rows": n_pretrained, "bucket": int(sub.q.shape[0]),
                             "minn": sub.minn, "maxn": sub.maxn,
                             "training_forms_from_ngrams": len(vocab) - n_pretrained, **fit}


def optimizer(net: Net, lr: float, delta_lr: float | None) -> torch.optim.Optimizer:
    """Adam; the vector corrections (``delta_lr`` not None) get ``lr × delta_lr``."""
    base = [p for n, p in net.named_parameters() if p.requires_grad and n != "delta.weight"]
    groups: list[dict[str, object]] = [{"params": base, "lr": lr}]
    if delta_lr is not None:
        groups.append({"params": [net.delta.weight], "lr": lr * delta_lr})
    return torch.optim.Adam(groups, lr=lr)


def train_epoch(net: Net, opt: torch.optim.Optimizer, stream) -> float:  # type: ignore[no-untyped-def]
    """One pass over ``stream`` (from :func:`batches`); returns the summed loss."""
    tot = 0.0
    for w, s, c, f, lengths, t, head, allowed in stream:
        opt.zero_grad()
        mask = (torch.arange(w.shape[1])[None, :] < lengths[:, None]).float()
        loss = net.head(head)[1].nll(net.emissions(w, s, c, f, lengths, head), t, mask, allowed)
        loss.backward()
        nn.utils.clip_grad_norm_(net.parameters(), 5.0)
        opt.step()
        tot += loss.item()
    return tot


def training_sets(extra: str, extra_heads: bool, final: bool, corpus_weight: int = 0, anercorp_weight: int = 1
                  ) -> tuple[list[data.Sent], list[data.Sent], list[data.Sent], list[int], list[bool]]:
    """(train, dev, side sets, their head ids). ``extra`` names extra sets: with ``extra_heads`` each
    trains its own output layer and CRF over the shared encoder (its label conventions stay its own),
    otherwise its sentences join ANERcorp's. ``final`` trains on dev too. ``corpus_weight`` copies
    of marsad's annotated news corpus (its train split) join ANERcorp's sentences; the last item
    marks them (the corpus has no MISC label: its ``O`` may be MISC). ANERcorp's sentences (train,
    and dev when ``final``) are taken ``anercorp_weight`` times."""
    train, dev = data.anercorp_split()
    train = train * anercorp_weight
    news = data.corpus("train") * corpus_weight
    partial = [False] * len(train) + [True] * len(news)
    train = train + news
    extras = data.extra_sets()
    side: list[data.Sent] = []
    side_heads: list[int] = []
    for k, name in enumerate(filter(None, extra.split(",")), start=1):
        if extra_heads:
            side += extras[name]
            side_heads += [k] * len(extras[name])
        else:
            train = train + extras[name]
            partial += [False] * len(extras[name])
    if final:
        train = train + dev * anercorp_weight
        partial += [False] * len(dev) * anercorp_weight
    return train, dev, side, side_heads, partial


def dev_scores(tagger: BiLstmTagger, dev: list[data.Sent], news_dev: list[data.Sent]) -> dict[str, float]:
    """Micro F1 on ANERcorp dev and (when given) the annotated corpus's dev split, there with the MISC
    predictions ignored (the corpus does not annotate MISC: a MISC name is neither right nor wrong)."""
    out = {"dev_f1": round(score_spans([t for _, t in dev], tagger.tag_batch([x for x, _ in dev])).micro.f1, 4)}
    if news_dev:
        pred = [[t if not t.endswith("MISC") else "O" for t in s] for s in tagger.tag_batch([x for x, _ in news_dev])]
        out["news_dev_f1"] = round(score_spans([t for _, t in news_dev], pred).micro.f1, 4)
    return out


def train_bilstm(out: Path, cache: Path, *, epochs: int = 14, hidden: int = 96,
                 max_words: int = 80000, extra: str = "", lr: float = 2e-3, batch: int = 16,
                 final: bool = False, delta: bool = False, threads: int = 1, seed: int = 13,
                 patience: int = 0, delta_lr: float = 1.0, keep_epochs: bool = False,
                 swap: float = 0.0, vectors: str = "w2v.kv", subword: str = "",
                 known_flags: bool = False, lm: str = "", lm_at: str = "input",
                 extra_heads: bool = False, corpus_weight: int = 0, nerar: bool = False,
                 misc_partial: bool = True, anercorp_weight: int = 1) -> dict[str, object]:
    """Train; keep the epoch with the best dev F1 as ``out/best.npz``; return a small report.

    ``patience`` > 0 stops after that many epochs without a better dev F1; ``keep_epochs`` also
    keeps every epoch's export as ``out/ep{N}.npz`` (to pick the epoch by the ensemble's dev F1)."""
    torch.manual_seed(seed)
    torch.set_num_threads(threads)  # the build machine is shared: keep this small
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    train, dev, side, side_heads, partial = training_sets(extra, extra_heads, final, corpus_weight, anercorp_weight)
    news_dev = data.corpus("dev") if corpus_weight else []  # the corpus's dev split, scored each epoch
    gaz = data.gazetteer(nerar=True)
    from marsad.text.fold import fold

    train_words = {fold(t) for toks, _ in train + side for t in toks}
    vocab, emb, sub, sub_report = word_table(cache, vectors, subword, train, train_words, max_words)
    chars = ["<pad>", "<unk>", *sorted({ch for w in train_words for ch in w})]
    known = int(sub_report["pretrained_rows"]) if sub_report and known_flags else None  # type: ignore[call-overload]
    enc = Encoder(vocab, chars, gaz, known, (*GAZ_KEYS, "NPER") if nerar else GAZ_KEYS)
    frozen = None
    if lm:  # "NAME": cache/NAME_fwd… and …bwd… files of lm.py, e.g. "h128" → lm_fwd_h128.pt, lm_bwd_h128.pt
        frozen = FrozenLm(cache / f"lm_fwd_{lm}.pt", cache / f"lm_bwd_{lm}.pt", emb)
    net = Net(emb, len(chars), enc.n_feats, hidden=hidden, char_dim=30, char_filters=50,
              delta_ids=delta_rows(vocab, train_words) if delta else None, lm=frozen, lm_at=lm_at,
              extra_heads=max(side_heads, default=0))
    opt = optimizer(net, lr, delta_lr if delta else None)
    best, report = -1.0, {"epochs": []}
    pool, swap_rng = data.mentions(train), random.Random(seed + 1)
    for ep in range(epochs):
        net.train()
        t0 = time.time()
        epoch_data = data.swap_mentions(train, pool, swap, swap_rng) if swap > 0 else train
        heads = [0] * len(epoch_data) + side_heads
        flags = partial + [False] * len(side) if misc_partial else None
        tot = train_epoch(net, opt, batches(enc, epoch_data + side, batch, rng, heads, flags))
        export(net, enc, out / "last.npz", sub)
        if keep_epochs:
            shutil.copy(out / "last.npz", out / f"ep{ep}.npz")
        row = {"epoch": ep, "loss": round(tot, 1)} | dev_scores(BiLstmTagger.load(out / "last.npz", gaz), dev, news_dev)
        f1 = row["dev_f1"]
        LOG.info("epoch %d loss %.1f dev F1 %.4f news dev F1 %s (%.0fs)", ep, tot, f1, row.get("news_dev_f1"),
                 time.time() - t0)
        report["epochs"].append(row)
        if f1 > best or final:
            best = f1
            export(net, enc, out / "best.npz", sub)
            report["best_epoch"] = ep
        elif patience and ep - int(report.get("best_epoch", 0)) >= patience:  # type: ignore[call-overload]
            LOG.info("early stop: no dev gain for %d epochs", patience)
            break
    report["dev_f1"] = best
    report["settings"] = {"known_flags": known_flags, "seed": seed, "epochs": epochs, "hidden": hidden,
                          "max_words": max_words, "lr": lr, "batch": batch, "swap": swap, "delta": delta,
                          "extra": extra, "extra_heads": extra_heads, "final": final, "lm": lm, "lm_at": lm_at,
                          "corpus_weight": corpus_weight, "nerar": nerar, "misc_partial": misc_partial,
                          "anercorp_weight": anercorp_weight}
    if final:
        report["note"] = "trained on train + dev for a fixed number of epochs: dev F1 is not held out"
    report |= {"train_sentences": len(train), "vocab": len(vocab), "vectors": vectors}
    report |= {"corpus": data.corpus_report()} if corpus_weight else {}
    report |= {"subword": sub_report} if sub_report else {}
    return report


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--cache", type=Path, default=HERE / "cache")
    ap.add_argument("--epochs", type=int, default=14)
    ap.add_argument("--hidden", type=int, default=96)
    ap.add_argument("--max-words", type=int, default=80000)
    ap.add_argument("--extra", default="")
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--delta", action="store_true", help="learn corrections to the vectors")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--delta-lr", type=float, default=1.0, help="lr factor of the corrections")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--patience", type=int, default=0)
    ap.add_argument("--final", action="store_true",
                    help="train on train + dev for exactly --epochs epochs (dev F1 then flatters)")
    ap.add_argument("--keep-epochs", action="store_true", help="keep every epoch as epN.npz")
    ap.add_argument("--swap", type=float, default=0.0,
                    help="mention replacement: probability that a training mention is swapped each epoch")
    ap.add_argument("--vectors", default="w2v.kv",
                    help="gensim word vectors in --cache")
    ap.add_argument("--known-flags", action="store_true",
                    help="with --subword: flags saying whether the word / stripped form has a pretrained vector")
    ap.add_argument("--subword", default="",
                    help="fastText model in --cache (e.g. ft_b100000.kv): its n-gram table, mapped onto "
                         "--vectors, gives the forms without a vector one")
    ap.add_argument("--lm", default="",
                    help="pre-trained language models of lm.py as contextual features: the suffix of "
                         "cache/lm_fwd_SUFFIX.pt and cache/lm_bwd_SUFFIX.pt (e.g. h128)")
    ap.add_argument("--extra-heads", action="store_true",
                    help="with --extra: each extra set gets its own output layer and CRF (shared encoder)")
    ap.add_argument("--corpus-weight", type=int, default=0,
                    help="copies of marsad's annotated news corpus (train split) added to the training set")
    ap.add_argument("--nerar", action="store_true", help="NERAr's person-name words as a gazetteer flag (NPER)")
    ap.add_argument("--anercorp-weight", type=int, default=1, help="copies of ANERcorp's sentences in the training set")
    ap.add_argument("--misc-partial", action=argparse.BooleanOptionalAction, default=True,
                    help="the corpus's O may be MISC (partial-label CRF loss; --no-misc-partial: O is O)")
    ap.add_argument("--lm-at", choices=("input", "output"), default="input",
                    help="where the LM states enter: the BiLSTM's input, or the output layer beside its states")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    rep = train_bilstm(args.out, args.cache, epochs=args.epochs, hidden=args.hidden,
                       max_words=args.max_words, extra=args.extra, lr=args.lr, batch=args.batch,
                       delta=args.delta, threads=args.threads, seed=args.seed,
                       patience=args.patience, delta_lr=args.delta_lr, final=args.final,
                       keep_epochs=args.keep_epochs, swap=args.swap,
                       vectors=args.vectors, subword=args.subword, known_flags=args.known_flags,
                       lm=args.lm, lm_at=args.lm_at, extra_heads=args.extra_heads,
                       corpus_weight=args.corpus_weight, nerar=args.nerar, misc_partial=args.misc_partial,
                       anercorp_weight=args.anercorp_weight)
    (args.out / "bilstm_report.json").write_text(json.dumps(rep, indent=1))


if __name__ == "__main__":
    main()
