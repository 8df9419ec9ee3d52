"""The BiLSTM-CRF runner with pre-trained language-model states as contextual features
(``training/ner/lm.py``): the packed, memoised runner gives the emissions of a textbook forward
pass, for both places the LM states can enter (the tagger's input, or its output layer)."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from marsad.ner._bilstm import BiLstmTagger

from ._tiny_net import lstm_arrays, tagger_arrays

DIM, HID, HID_LM, FILTERS, CHAR_DIM = 8, 4, 3, 5, 3
TAGS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]
VOCAB = ["<pad>", "<unk>", "رياض", "قال", "وقال", "تبون"]
N_FEATS = 11


def _arrays(lm_at: str, seed: int = 3) -> dict[str, npt.NDArray[Any]]:
    rng = np.random.default_rng(seed)
    d_tok = 2 * DIM + FILTERS + N_FEATS
    a = tagger_arrays(rng, VOCAB, TAGS, dim=DIM, hid=HID, filters=FILTERS, char_dim=CHAR_DIM,
                      d_in=d_tok + (2 * HID_LM if lm_at == "input" else 0),
                      d_out=2 * HID + (2 * HID_LM if lm_at == "output" else 0))
    a["lm_at"] = np.array(lm_at)
    a.update(lstm_arrays(rng, "lmf", "", HID_LM, 2 * DIM))
    a.update(lstm_arrays(rng, "lmb", "", HID_LM, 2 * DIM))
    return a


def _sig(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    out: npt.NDArray[np.float64] = 1 / (1 + np.exp(-x))
    return out


def _textbook_lstm(a: dict[str, npt.NDArray[Any]], name: str, sfx: str, xs: npt.NDArray[np.float64]
                   ) -> npt.NDArray[np.float64]:
    """torch's LSTM equations (gates i, f, g, o), one step at a time, in float64."""
    w_ih, w_hh = a[f"{name}__weight_ih_l0{sfx}"].astype(np.float64), a[f"{name}__weight_hh_l0{sfx}"].astype(np.float64)
    b = (a[f"{name}__bias_ih_l0{sfx}"] + a[f"{name}__bias_hh_l0{sfx}"]).astype(np.float64)
    hid = w_hh.shape[1]
    h, c, out = np.zeros(hid), np.zeros(hid), []
    for x in xs:
        z = w_ih @ x + w_hh @ h + b
        i, f, g, o = _sig(z[:hid]), _sig(z[hid : 2 * hid]), np.tanh(z[2 * hid : 3 * hid]), _sig(z[3 * hid :])
        c = f * c + i * g
        h = o * np.tanh(c)
        out.append(h)
    return np.array(out)


def _textbook_emissions(net: BiLstmTagger, a: dict[str, npt.NDArray[Any]], sent: list[str]) -> npt.NDArray[np.float64]:
    w, s, c, flags = net.enc.encode_tokens(sent)
    emb = net.emb.astype(np.float64)
    words = np.concatenate([emb[w], emb[s]], axis=1)
    tok = np.concatenate([words, net._conv(c).astype(np.float64), flags.astype(np.float64)], axis=1)
    ctx = np.concatenate([_textbook_lstm(a, "lmf", "", words), _textbook_lstm(a, "lmb", "", words[::-1])[::-1]], axis=1)
    x = np.concatenate([tok, ctx], axis=1) if str(a["lm_at"]) == "input" else tok
    h = np.concatenate([_textbook_lstm(a, "lstm", "", x), _textbook_lstm(a, "lstm", "_reverse", x[::-1])[::-1]], axis=1)
    if str(a["lm_at"]) == "output":
        h = np.concatenate([h, ctx], axis=1)
    em: npt.NDArray[np.float64] = h @ a["out__weight"].T.astype(np.float64) + a["out__bias"]
    return em


SENTS = [["وقال", "تبون", "في", "الرياض"], ["قال"], ["رياض", "قال", "وقال", "تبون", "تبون", "x"]]


@pytest.mark.parametrize("lm_at", ["input", "output"])
def test_runner_with_language_model_states_matches_the_textbook_forward_pass(lm_at: str) -> None:
    a = _arrays(lm_at)
    net = BiLstmTagger(a, {})
    assert net.lm_at == lm_at and net.lm_dim == 2 * HID_LM
    em, lengths = net.emissions(SENTS)
    for k, sent in enumerate(SENTS):
        want = _textbook_emissions(net, a, sent)
        np.testing.assert_allclose(em[k, : lengths[k]], want, rtol=1e-4, atol=1e-4)


def test_language_model_states_change_the_emissions() -> None:
    """Context reaches a token through the LM: the same word's emission depends on its neighbours
    even with the tagger's own recurrence cut off."""
    a = _arrays("output")
    for sfx in ("", "_reverse"):
        a[f"lstm__weight_hh_l0{sfx}"][:] = 0
    net = BiLstmTagger(a, {})
    em, _ = net.emissions([["قال", "تبون"], ["رياض", "تبون"]])
    assert not np.allclose(em[0, 1], em[1, 1])
    a["out__weight"][:, 2 * HID :] = 0  # without the LM's weights the word alone decides
    em0, _ = BiLstmTagger(a, {}).emissions([["قال", "تبون"], ["رياض", "تبون"]])
    np.testing.assert_allclose(em0[0, 1], em0[1, 1], rtol=1e-5, atol=1e-5)


def test_a_model_without_language_models_loads_as_before() -> None:
    a = _arrays("input")
    for key in [k for k in a if k.startswith(("lmf", "lmb")) or k == "lm_at"]:
        del a[key]
    a.update(lstm_arrays(np.random.default_rng(5), "lstm", "", HID, 2 * DIM + FILTERS + N_FEATS))
    a.update(lstm_arrays(np.random.default_rng(6), "lstm", "_reverse", HID, 2 * DIM + FILTERS + N_FEATS))
    net = BiLstmTagger(a, {})
    assert net.lm_at == "" and net.lm_dim == 0
    assert len(net.tag_batch(SENTS)[2]) == 6
