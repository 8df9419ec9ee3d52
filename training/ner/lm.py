"""A small word-level language model pre-trained on the unlabeled SaudiNewsNet text, one per
direction, whose hidden states feed the NER tagger as contextual features (TagLM, Peters et al.
2017: "Semi-supervised sequence tagging with bidirectional language models").

Input per token: the tagger's own frozen word2vec rows for the folded word and for its
clitic-stripped form (the same vocabulary and vectors as ``bilstm.py``, so the exported LM ships
no second table). One LSTM layer; the output is the next (forward) or previous (backward) word
among the most frequent ``--out-vocab`` folded words, through an adaptive softmax.

    OMP_NUM_THREADS=1 PYTHONPATH=src python training/ner/lm.py --direction fwd --hidden 128 --minutes 25
    OMP_NUM_THREADS=1 PYTHONPATH=src python training/ner/lm.py --direction bwd --hidden 128 --minutes 25

Writes ``<cache>/lm_<dir>_h<hidden>.pt`` (torch state dict + settings) and a JSON report with the
held-out perplexity (the last 1 % of the corpus's sentences, never trained on).
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "src"))

import data  # noqa: E402
from bilstm import load_vectors  # noqa: E402

from marsad.ner._bilstm import Encoder  # noqa: E402

LOG = logging.getLogger("lm")
MAX_LEN = 60


class WordLm(nn.Module):
    """Frozen word rows (word + stripped word) → dropout → LSTM → adaptive softmax."""

    def __init__(self, emb: np.ndarray, hidden: int, n_out: int, dropout: float = 0.2) -> None:
        super().__init__()
        self.wemb = nn.Embedding.from_pretrained(torch.tensor(emb), freeze=True, padding_idx=0)
        self.drop = nn.Dropout(dropout)
        self.lstm = nn.LSTM(2 * emb.shape[1], hidden, batch_first=True)
        cut = [c for c in (2000, 10000) if c < n_out - 1]
        self.head = nn.AdaptiveLogSoftmaxWithLoss(hidden, n_out, cutoffs=cut, div_value=4.0)

    def states(self, w: torch.Tensor, s: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        x = self.drop(torch.cat([self.wemb(w), self.wemb(s)], dim=2))
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        h, _ = self.lstm(packed)
        out, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=w.shape[1])
        return out


def read_corpus(path: Path, enc: Encoder, n_out: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Token ids of the folded corpus: word rows, stripped-word rows, output ids (0: padding,
    1: a word outside the output vocabulary, 2: the sentence boundary), and sentence offsets."""
    lines = path.read_text(encoding="utf-8").splitlines()
    counts = Counter(t for line in lines for t in line.split())
    out_vocab = {w: i + 3 for i, (w, _) in enumerate(counts.most_common(n_out - 3))}
    types = list(counts)
    w_ids, s_ids, _, _ = enc.encode_tokens(types)
    type_id = {t: i for i, t in enumerate(types)}
    toks = [type_id[t] for line in lines for t in line.split()[:MAX_LEN]]
    lengths = [min(len(line.split()), MAX_LEN) for line in lines]
    tid = np.array(toks, np.int64)
    outs = np.array([out_vocab.get(t, 1) for t in types], np.int64)
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    return w_ids[tid], s_ids[tid], outs[tid], offsets


def batches(w: np.ndarray, s: np.ndarray, o: np.ndarray, offsets: np.ndarray, sent_ids: list[int],
            backward: bool, bs: int, rng: random.Random | None):  # type: ignore[no-untyped-def]
    order = sorted(sent_ids, key=lambda j: offsets[j + 1] - offsets[j] + (rng.random() * 3 if rng else 0))
    starts = list(range(0, len(order), bs))
    if rng:
        rng.shuffle(starts)
    for i in starts:
        chunk = order[i : i + bs]
        lens = [int(offsets[j + 1] - offsets[j]) for j in chunk]
        t = max(lens)
        W = np.zeros((len(chunk), t), np.int64)
        S = np.zeros((len(chunk), t), np.int64)
        Y = np.zeros((len(chunk), t), np.int64)
        for k, j in enumerate(chunk):
            a, b = offsets[j], offsets[j + 1]
            ww, ss, oo = w[a:b], s[a:b], o[a:b]
            if backward:
                ww, ss, oo = ww[::-1], ss[::-1], oo[::-1]
            n = b - a
            W[k, :n], S[k, :n] = ww, ss
            Y[k, : n - 1] = oo[1:]
            Y[k, n - 1] = 2  # the boundary
        yield torch.tensor(W), torch.tensor(S), torch.tensor(lens), torch.tensor(Y)


def loss_of(net: WordLm, W: torch.Tensor, S: torch.Tensor, L: torch.Tensor, Y: torch.Tensor
            ) -> tuple[torch.Tensor, int]:
    h = net.drop(net.states(W, S, L))
    mask = Y > 0
    res = net.head(h[mask], Y[mask])
    return res.loss, int(mask.sum())


def held_ppl(net: WordLm, corpus: tuple[np.ndarray, ...], held: list[int], backward: bool) -> float:
    """Perplexity on the held-out sentences (dropout off)."""
    net.eval()
    tot, n = 0.0, 0
    with torch.no_grad():
        for W, S, L, Y in batches(*corpus, held, backward, 256, None):
            loss, k = loss_of(net, W, S, L, Y)
            tot += float(loss) * k
            n += k
    net.train()
    return float(np.exp(tot / n))


def train(net: WordLm, corpus: tuple[np.ndarray, ...], train_ids: list[int], held: list[int],
          args: argparse.Namespace, save: Callable[[], None]) -> dict[str, Any]:
    """Adam over length-bucketed batches until ``args.epochs`` or ``args.minutes``; the model is saved
    with each held-out check. Returns the log of those checks."""
    rng = random.Random(args.seed)
    opt = torch.optim.Adam([p for p in net.parameters() if p.requires_grad], lr=args.lr)
    backward = args.direction == "bwd"
    t0, seen, log = time.time(), 0, []
    for ep in range(args.epochs):
        run, nrun = 0.0, 0
        for step, (W, S, L, Y) in enumerate(batches(*corpus, train_ids, backward, args.batch, rng)):
            opt.zero_grad()
            loss, k = loss_of(net, W, S, L, Y)
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            run, nrun, seen = run + float(loss.detach()) * k, nrun + k, seen + k
            if step % 500 == 0 and step:
                rate = seen / (time.time() - t0)
                LOG.info("ep %d step %d train ppl %.1f, %.0f tok/s", ep, step, np.exp(run / nrun), rate)
                run, nrun = 0.0, 0
            if step % 3000 == 0 and step:
                ppl = held_ppl(net, corpus, held, backward)
                log.append({"epoch": ep, "step": step, "tokens": seen, "held_ppl": round(ppl, 2),
                            "minutes": round((time.time() - t0) / 60, 1)})
                LOG.info("held-out ppl %.1f", ppl)
                save()
            if time.time() - t0 > args.minutes * 60:
                return {"log": log, "tokens": seen, "minutes": round((time.time() - t0) / 60, 1)}
    return {"log": log, "tokens": seen, "minutes": round((time.time() - t0) / 60, 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--direction", choices=("fwd", "bwd"), required=True)
    ap.add_argument("--cache", type=Path, default=HERE / "cache")
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--out-vocab", type=int, default=30000)
    ap.add_argument("--minutes", type=float, default=25.0, help="stop training after this long")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    vocab, emb = load_vectors(args.cache / "w2v.kv", set(), 130000)
    enc = Encoder(vocab, ["<pad>", "<unk>"], data.gazetteer())
    path = args.cache / "snn_folded.txt"
    corpus = read_corpus(path, enc, args.out_vocab)
    offsets = corpus[3]
    n_sent = len(offsets) - 1
    held = list(range(n_sent - n_sent // 100, n_sent))
    train_ids = [j for j in range(n_sent - n_sent // 100) if offsets[j + 1] - offsets[j] > 1]
    LOG.info("%d sentences (%d tokens), %d held out; output coverage %.3f", n_sent, len(corpus[0]), len(held),
             float((corpus[2] > 2).mean()))
    net = WordLm(emb, args.hidden, args.out_vocab)
    name = f"lm_{args.direction}_h{args.hidden}"

    def save() -> None:
        torch.save({"state": net.state_dict(), "hidden": args.hidden, "out_vocab": args.out_vocab,
                    "direction": args.direction}, args.cache / f"{name}.pt")

    report: dict[str, Any] = {"settings": vars(args) | {"cache": str(args.cache)}}
    report |= train(net, corpus, train_ids, held, args, save)
    ppl = held_ppl(net, corpus, held, args.direction == "bwd")
    report["final"] = {"tokens": report["tokens"], "held_ppl": round(ppl, 2), "corpus_sha256": data.sha256(path)}
    LOG.info("final held-out ppl %.1f after %d tokens", ppl, report["tokens"])
    save()
    (args.cache / f"{name}.json").write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
