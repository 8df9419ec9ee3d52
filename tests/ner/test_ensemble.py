"""The ensemble backend: its numpy CRF scores are crfsuite's, and its memos change nothing."""

import json

import numpy as np
import pytest

from marsad.ner._bilstm import BiLstmTagger
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


def test_char_memo_matches_direct_convolution(parts: tuple[BiLstmTagger, CrfScorer]) -> None:
    net, _ = parts
    _, _, c, _, lengths = net.enc.encode(SENTS)
    live = np.arange(c.shape[1])[None, :] < lengths[:, None]
    for _ in range(2):  # cold, then from the memo
        memo = net._char_feats_memo(SENTS, c)
        np.testing.assert_allclose(memo[live], net._char_feats(c)[live], rtol=0, atol=1e-6)


def test_order_and_batching_do_not_change_tags(parts: tuple[BiLstmTagger, CrfScorer]) -> None:
    net, crf = parts
    ens = EnsembleTagger(net, crf, float(MANIFEST["crf_weight"]))
    batch = ens.tag_batch(SENTS)
    assert [ens.tag_batch([s])[0] for s in SENTS] == batch
    assert ens.tag_batch(SENTS[::-1]) == batch[::-1]
