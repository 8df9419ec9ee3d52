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
    c_ids = np.array([net.enc.token(t)[2] for t in toks], np.int64)
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
