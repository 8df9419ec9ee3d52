"""fastText n-gram vectors for words outside the vocabulary (``marsad.ner._subword``)."""

from __future__ import annotations

import numpy as np
import pytest

from marsad.ner._subword import SubwordVectors, ngram_hashes

WORDS = ["محمد", "والمملكة", "بن", "a", "ب", "", "الرياض2020", "€uro", "السيسي", "ابوظبي"]


def test_ngrams_of_a_short_arabic_word() -> None:
    # «<بن>» has 4 characters: n-grams of 3 chars «<بن», «بن>» and of 4 chars «<بن>» (minn 3, maxn 6)
    hashes = ngram_hashes("بن", 3, 6, 2**32)
    assert len(hashes) == 3
    assert len(ngram_hashes("محمد", 3, 6, 2**32)) == 4 + 3 + 2 + 1  # «<محمد>»: 6 characters
    assert ngram_hashes("بن", 3, 6, 1000) == [h % 1000 for h in hashes]


def test_hashes_match_gensim() -> None:
    ft = pytest.importorskip("gensim.models.fasttext")
    for word in WORDS:
        for minn, maxn, bucket in ((3, 6, 100_000), (2, 4, 2_000_000), (3, 3, 7)):
            assert ngram_hashes(word, minn, maxn, bucket) == list(ft.ft_ngram_hashes(word, minn, maxn, bucket)), word


def test_vectors_match_gensim_oov_vectors() -> None:
    gensim = pytest.importorskip("gensim.models")
    corpus = [["ذهب", "محمد", "الى", "الرياض"], ["زار", "الوزير", "القاهرة", "امس"]] * 5
    model = gensim.FastText(corpus, vector_size=16, min_count=1, bucket=500, min_n=3, max_n=6,
                            epochs=2, workers=1, seed=13)
    kv = model.wv
    sub = SubwordVectors.quantise(np.asarray(kv.vectors_ngrams, np.float32), kv.min_n, kv.max_n)
    oov = ["والرياض", "محمدين", "بالقاهرة"]
    assert not any(w in kv.key_to_index for w in oov)
    # gensim over the dequantised int8 table: the same numbers up to float rounding
    kv.vectors_ngrams = sub.q.astype(np.float32) * sub.scale[:, None]
    got = sub.vectors(oov)
    for w, v in zip(oov, got, strict=True):
        assert np.allclose(v, kv.get_vector(w), rtol=1e-5, atol=1e-7), w
        assert np.allclose(sub.vector(w), v)
        assert np.abs(v).max() > 0


def test_quantised_table_round_trips_through_arrays() -> None:
    rng = np.random.default_rng(13)
    sub = SubwordVectors.quantise(rng.normal(size=(50, 8)).astype(np.float32), 3, 6)
    back = SubwordVectors.from_arrays(sub.arrays())
    assert back is not None
    assert (back.minn, back.maxn) == (3, 6)
    assert np.array_equal(back.vectors(["الجزائر", "وهران"]), sub.vectors(["الجزائر", "وهران"]))
    assert SubwordVectors.from_arrays({}) is None
    # a word's vector is the mean of its n-gram rows
    rows = ngram_hashes("تونس", 3, 6, 50)
    ref = (sub.q[rows].astype(np.float32) * sub.scale[rows, None]).mean(axis=0)
    assert np.allclose(sub.vector("تونس"), ref, atol=1e-6)
