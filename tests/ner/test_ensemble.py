"""The ensemble backend: its numpy CRF scores are crfsuite's, and its memos change nothing."""

import json

import numpy as np
import pytest

from marsad.ner._bilstm import MAX_CHARS, BiLstmTagger
from marsad.ner._ensemble import CrfScorer, EnsembleTagger
from marsad.ner._features import sentence_features
from marsad.ner.model import DATA_DIR, _read_resources

MANIFEST = json.loads((DATA_DIR / "manifest.json").read_text(encoding="utf-8"))
pytestmark = pytest.mark.skipif(MANIFEST["kind"] != "ensemble", reason="packaged model is not an ensemble")

SENTS = [s.split() for s in (
    "وقال وزير الخارجية الأردني أيمن الصفدي في عمان إن المحادثات ستستأنف",
    "استهدفت غارة جوية مواقع لحركة الشباب قرب مقديشو صباح السبت .",
    "ونقلت وكالة الأنباء الكويتية ( كونا ) عن مصدر مسؤول أن الاجتماع انتهى",
    "غزة",
)]


@pytest.fixture(scope="module")
def parts() -> tuple[BiLstmTagger, CrfScorer]:
    res = _read_resources(DATA_DIR / MANIFEST["resources"])
    net = BiLstmTagger.load(DATA_DIR / MANIFEST["bilstm"], res.gazetteer)
    return net, CrfScorer(DATA_DIR / MANIFEST["model"], res, net.tags)


def test_crf_weight_one_decodes_like_crfsuite(parts: tuple[BiLstmTagger, CrfScorer]) -> None:
    import pycrfsuite

    net, crf = parts
    tagger = pycrfsuite.Tagger()
    tagger.open(str(DATA_DIR / MANIFEST["model"]))
    res = _read_resources(DATA_DIR / MANIFEST["resources"])
    expected = [list(tagger.tag(sentence_features(s, res))) for s in SENTS]
    assert EnsembleTagger(net, crf, 1.0).tag_batch(SENTS) == expected
    assert any(t != "O" for tags in expected for t in tags)


def test_crf_weight_zero_is_the_bilstm(parts: tuple[BiLstmTagger, CrfScorer]) -> None:
    net, crf = parts
    assert EnsembleTagger(net, crf, 0.0).tag_batch(SENTS) == net.tag_batch(SENTS)


def _naive_char_cnn(net: BiLstmTagger, c_ids: np.ndarray) -> np.ndarray:
    """The trained char-CNN as written: every one of the MAX_CHARS positions, ReLU, then max."""
    x = np.pad(net.cemb[c_ids], ((0, 0), (1, 1), (0, 0)))
    cols = np.concatenate([x[:, k : k + MAX_CHARS] for k in range(3)], axis=2)
    return np.asarray(np.maximum(cols @ net.conv_w + net.conv_b, 0.0).max(axis=1))


def test_char_cnn_by_length_and_memo_match_the_full_convolution(parts: tuple[BiLstmTagger, CrfScorer]) -> None:
    net, _ = parts
    toks = sorted({t for s in SENTS for t in s} | {"و", "الاستراتيجيةوالاقتصاديةللمنطقة", "(", "2025"})
    c_ids = net.enc.encode_tokens(toks)[2]
    expected = _naive_char_cnn(net, c_ids)
    np.testing.assert_allclose(net._conv(c_ids), expected, rtol=0, atol=1e-5)


def test_memoised_input_projections_equal_fresh_ones(parts: tuple[BiLstmTagger, CrfScorer],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    net, _ = parts
    tags = net.tag_batch(SENTS)
    first = net.prepare(SENTS)
    again = net.prepare(SENTS[::-1])  # every token from the memo
    for sent, a, b in zip(SENTS, first.ids, again.ids[::-1], strict=True):
        assert len(a) == len(sent)
        np.testing.assert_array_equal(first.fwd[a], again.fwd[b])
        np.testing.assert_array_equal(first.bwd[a], again.bwd[b])
    monkeypatch.setattr("marsad.ner._bilstm.MEMO_TOKENS", 5)  # every batch overflows: emptied each time
    assert net.tag_batch(SENTS) == tags
    assert net.tag_batch(SENTS[:1]) == tags[:1]
    assert len(net._memo) == len(set(SENTS[0]))


def test_order_and_batching_do_not_change_tags(parts: tuple[BiLstmTagger, CrfScorer]) -> None:
    net, crf = parts
    ens = EnsembleTagger(net, crf, float(MANIFEST["crf_weight"]))
    batch = ens.tag_batch(SENTS)
    assert [ens.tag_batch([s])[0] for s in SENTS] == batch
    assert ens.tag_batch(SENTS[::-1]) == batch[::-1]


def test_crf_rows_follow_the_bilstm_memo_when_the_net_runs_alone_and_when_it_is_emptied(
    parts: tuple[BiLstmTagger, CrfScorer], monkeypatch: pytest.MonkeyPatch
) -> None:
    import pycrfsuite

    net, crf = parts
    tagger = pycrfsuite.Tagger()
    tagger.open(str(DATA_DIR / MANIFEST["model"]))
    res = _read_resources(DATA_DIR / MANIFEST["resources"])
    expected = [list(tagger.tag(sentence_features(s, res))) for s in SENTS]
    crf_only = EnsembleTagger(net, crf, 1.0)
    net.tag_batch([["كلمة", "لم", "يرها", "المصنف", "الخطي"]])  # memo rows the CRF has not seen yet
    assert crf_only.tag_batch(SENTS) == expected
    monkeypatch.setattr("marsad.ner._bilstm.MEMO_TOKENS", 5)  # emptied on every batch
    assert crf_only.tag_batch(SENTS[::-1]) == expected[::-1]
    assert crf_only.tag_batch(SENTS) == expected


def test_a_compacted_memo_gives_the_tags_of_a_fresh_one(parts: tuple[BiLstmTagger, CrfScorer],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    net, crf = parts
    ens = EnsembleTagger(net, crf, float(MANIFEST["crf_weight"]))
    expected = {tuple(s): t for s, t in zip(SENTS, ens.tag_batch(SENTS), strict=True)}
    monkeypatch.setattr("marsad.ner._bilstm.MEMO_TOKENS", 12)  # compacted on almost every batch
    start = net.generation
    for order in ([0, 1], [2], [1, 3], [0, 2, 3], [3], [2, 0], [1]):
        batch = [SENTS[i] for i in order]
        if order == [3]:
            net.tag_batch([["كلمة", "جديدة"]])  # the memo moves without the CRF once
        assert ens.tag_batch(batch) == [expected[tuple(s)] for s in batch]
    assert net.generation > start + 2  # the compactions did happen


def test_packed_runner_gives_each_sentence_the_emissions_it_gets_alone(parts: tuple[BiLstmTagger, CrfScorer]) -> None:
    """Rows of any length order, run together (longest first, dead rows skipped), score as they
    do one by one."""
    net, _ = parts
    sents = [SENTS[3], SENTS[0], SENTS[1] + SENTS[3], SENTS[2], SENTS[3]]  # lengths 1, 12, 11, 13, 1
    inputs = net.prepare(sents)
    ids, lengths = net.chunk_ids(inputs, range(len(sents)))
    together = net.emissions_of(inputs, ids, lengths)
    for i, sent in enumerate(sents):
        alone, _ = net.chunk_emissions(inputs, [i])
        np.testing.assert_allclose(together[i, : len(sent)], alone[0], rtol=0, atol=1e-5)


def _viterbi_one(em: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray) -> list[int]:
    """Textbook Viterbi over one sentence, in plain Python."""
    n = em.shape[1]
    score = [float(start[j] + em[0, j]) for j in range(n)]
    back: list[list[int]] = []
    for k in range(1, len(em)):
        best = [max(range(n), key=lambda i, j=j: score[i] + trans[i, j]) for j in range(n)]
        score = [score[best[j]] + float(trans[best[j], j] + em[k, j]) for j in range(n)]
        back.append(best)
    cur = max(range(n), key=lambda j: score[j] + end[j])
    path = [cur]
    for best in reversed(back):
        cur = best[cur]
        path.append(cur)
    return path[::-1]


def test_batched_viterbi_in_any_row_order_is_the_textbook_one() -> None:
    rng = np.random.default_rng(5)
    n_tags, lengths = 5, np.array([3, 7, 1, 7, 4], np.int64)
    em = rng.normal(size=(len(lengths), 7, n_tags)).astype(np.float32)
    trans, start, end = (rng.normal(size=s).astype(np.float32) for s in ((n_tags, n_tags), n_tags, n_tags))
    paths = BiLstmTagger.viterbi(em, lengths, trans, start, end)
    for i, n in enumerate(lengths.tolist()):
        assert paths[i, :n].tolist() == _viterbi_one(em[i, :n], trans, start, end)
        assert (paths[i, n:] == paths[i, n - 1]).all()


def test_crf_state_scores_are_the_weighted_sum_of_every_crfsuite_attribute(
        parts: tuple[BiLstmTagger, CrfScorer]) -> None:  # fmt: skip
    """Tables, window gathers and integer bigram keys add up to crfsuite's per-attribute sum."""
    net, crf = parts
    res = _read_resources(DATA_DIR / MANIFEST["resources"])
    inputs = net.prepare(SENTS)
    crf.sync(net)
    ids, lengths = net.chunk_ids(inputs, range(len(SENTS)))
    got = crf.emissions(ids, lengths)
    bigrams = 0
    for i, sent in enumerate(SENTS):
        for k, feats in enumerate(sentence_features(sent, res)):
            want = np.zeros(len(net.tags), np.float64)
            for name, value in feats.items():
                row = crf._row.get(f"{name}:{value}" if isinstance(value, str) else name, 0)
                want += (1.0 if isinstance(value, str) else value) * crf.weights[row]
                bigrams += "|" in name and row > 0
            np.testing.assert_allclose(got[i, k], want, rtol=0, atol=1e-4)
    assert bigrams  # the sentences do exercise weighted word bigrams


def test_bigram_keys_split_a_value_at_every_bar() -> None:
    from marsad.ner._ensemble import _Bigrams

    b = _Bigrams({"-1w|w:a|b|c": 3, "w|+1w:x|y": 4, "w:a": 5})
    key = {(a, c): b.ids[a] * b.n_ids + b.ids[c] for a, c in (("a", "b|c"), ("a|b", "c"), ("x", "y"))}
    assert dict(zip(b.prev_keys.tolist(), b.prev_rows.tolist(), strict=True)) == {key["a", "b|c"]: 3,
                                                                                 key["a|b", "c"]: 3}
    assert dict(zip(b.next_keys.tolist(), b.next_rows.tolist(), strict=True)) == {key["x", "y"]: 4}


def test_char_ids_truncate_pad_and_mark_unknown_characters(parts: tuple[BiLstmTagger, CrfScorer]) -> None:
    net, _ = parts
    cid = net.enc._cid
    words = ["الرباط", "ب" * 25, "😀ا", "a\x00b", ""]
    got = net.enc.char_ids(words)
    assert got.shape == (5, MAX_CHARS)
    assert got[0].tolist() == [cid["ا"], cid["ل"], cid["ر"], cid["ب"], cid["ا"], cid["ط"]] + [0] * (MAX_CHARS - 6)
    assert got[1].tolist() == [cid["ب"]] * MAX_CHARS
    assert got[2, :2].tolist() == [1, cid["ا"]]  # an unknown (astral) character
    assert got[3, :3].tolist() == [cid.get("a", 1), cid.get("\x00", 1), cid.get("b", 1)]
    assert not got[4].any()


def test_compaction_keeps_the_tokens_seen_in_most_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    res = _read_resources(DATA_DIR / MANIFEST["resources"])
    net = BiLstmTagger.load(DATA_DIR / MANIFEST["bilstm"], res.gazetteer)  # a fresh memo
    monkeypatch.setattr("marsad.ner._bilstm.MEMO_TOKENS", 16)
    for word in ("أول", "ثان", "ثالث", "رابع"):  # «في» and «المدينة» come back in every batch
        net.tag_batch([["في", "المدينة", word]])
    start = net.generation
    net.tag_batch([[f"كلمة{i}" for i in range(12)]])  # overflows: compacted
    assert net.generation == start + 1
    assert "في" in net._memo and "المدينة" in net._memo  # frequent, though not in this batch
    assert all(f"كلمة{i}" in net._memo for i in range(12))
    assert len(net._memo) <= 16


def test_o_bias_lowers_the_o_score(parts: tuple[BiLstmTagger, CrfScorer]) -> None:
    net, crf = parts
    w = float(MANIFEST["crf_weight"])
    plain = EnsembleTagger(net, crf, w).tag_batch(SENTS)
    assert EnsembleTagger(net, crf, w, o_bias=0.0).tag_batch(SENTS) == plain
    eager = EnsembleTagger(net, crf, w, o_bias=1000.0).tag_batch(SENTS)
    assert all(t != "O" for tags in eager for t in tags)  # past any score, O never wins
    some = EnsembleTagger(net, crf, w, o_bias=0.75).tag_batch(SENTS)
    assert sum(t != "O" for tags in some for t in tags) >= sum(t != "O" for tags in plain for t in tags)
