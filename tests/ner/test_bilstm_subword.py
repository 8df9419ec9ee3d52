"""The BiLSTM-CRF runner with a char n-gram table: forms without a word vector get one."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from marsad.ner._bilstm import BiLstmTagger
from marsad.ner._subword import SubwordVectors

from ._tiny_net import tagger_arrays

DIM, HID, FILTERS, CHAR_DIM = 8, 4, 5, 3
TAGS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]
# «رياض» (the stripped form of «والرياض») and «قال» have vectors; «تبون» has none
VOCAB = ["<pad>", "<unk>", "رياض", "قال", "وقال"]


def _arrays(rng: np.random.Generator, *, subword: bool, known: bool) -> dict[str, npt.NDArray[Any]]:
    n_feats = 11 + (2 if known else 0)
    a = tagger_arrays(rng, VOCAB, TAGS, dim=DIM, hid=HID, filters=FILTERS, char_dim=CHAR_DIM,
                      d_in=2 * DIM + FILTERS + n_feats, d_out=2 * HID, unit_rows=True)
    if subword:
        a.update(SubwordVectors.quantise(rng.normal(size=(97, DIM)).astype(np.float32), 3, 6).arrays())
    if known:
        a["n_known"] = np.array(len(VOCAB))
    return a


def _ids(net: BiLstmTagger, tok: str) -> tuple[int, int]:
    w, s, _, _ = net.enc.encode_tokens([tok])
    return int(w[0]), int(s[0])


def _known_flags(net: BiLstmTagger, tok: str) -> list[float]:
    return [float(x) for x in net.enc.encode_tokens([tok])[3][0, -2:]]


def _vec(net: BiLstmTagger, tok: str, form: str = "w") -> np.ndarray:
    w, s = _ids(net, tok)
    return net._embed([tok], np.array([w if form == "w" else s], np.int64), form)[0]


def test_a_name_without_a_vector_gets_its_ngram_vector() -> None:
    net = BiLstmTagger(_arrays(np.random.default_rng(13), subword=True, known=False), {})
    assert net.subword is not None
    assert _ids(net, "تبون") == (1, 1)  # neither «تبون» nor its stripped form has a vector
    ref = net.subword.vector("تبون")
    np.testing.assert_allclose(_vec(net, "تبون"), ref / np.linalg.norm(ref), rtol=1e-6)
    # a word with a vector keeps its row; a word without one takes its stripped form's row first
    np.testing.assert_array_equal(_vec(net, "قال"), net.emb[3])
    np.testing.assert_array_equal(_vec(net, "والرياض"), net.emb[2])
    # «وتبون»: its stripped form «تبون» has no vector either, so both slots come from the n-grams
    assert _ids(net, "وتبون") == (1, 1)
    ref = net.subword.vector("وتبون")
    np.testing.assert_allclose(_vec(net, "وتبون"), ref / np.linalg.norm(ref), rtol=1e-6)
    ref = net.subword.vector("تبون")
    np.testing.assert_allclose(_vec(net, "وتبون", "s"), ref / np.linalg.norm(ref), rtol=1e-6)


def test_without_a_table_an_unknown_word_is_the_zero_vector_and_tags_are_unchanged_by_the_memo() -> None:
    rng = np.random.default_rng(7)
    plain = BiLstmTagger(_arrays(rng, subword=False, known=False), {})
    assert plain.subword is None
    assert not _vec(plain, "تبون").any()
    net = BiLstmTagger(_arrays(np.random.default_rng(13), subword=True, known=False), {})
    sents = [["وقال", "تبون", "في", "الرياض"], ["تبون"]]
    tags = net.tag_batch(sents)
    assert [len(t) for t in tags] == [4, 1]
    assert net.tag_batch(sents[::-1]) == tags[::-1]  # second pass: every token from the memo


def test_known_flags_say_which_forms_have_a_pretrained_vector() -> None:
    net = BiLstmTagger(_arrays(np.random.default_rng(13), subword=True, known=True), {})
    assert net.enc.n_feats == 13
    assert _known_flags(net, "قال") == [0.0, 0.0]
    assert _known_flags(net, "والرياض") == [1.0, 0.0]  # the word has no vector, its stripped form has
    assert _known_flags(net, "تبون") == [1.0, 1.0]
    assert len(net.tag_batch([["وقال", "تبون"]])[0]) == 2
