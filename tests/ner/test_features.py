"""Feature helpers and packaged resources."""

import gzip
import json

import pytest

from marsad.ner._features import Resources, sentence_features, shape, strip_clitics
from marsad.ner.model import DATA_DIR
from marsad.text.fold import fold


@pytest.mark.parametrize(("word", "stem"), [
    ("وبالرباط", "رباط"), ("للامن", "امن"), ("وطنجه", "طنجه"), ("مصر", "مصر"), ("ولد", "ولد"),
    # greedy and context-free: a name starting with a clitic letter loses it too; the full
    # word is always a feature as well, so the CRF weighs both
    ("بغداد", "غداد"),
])
def test_strip_clitics(word: str, stem: str) -> None:
    assert strip_clitics(word) == stem


@pytest.mark.parametrize(("tok", "expected"), [
    ("2025", "d"), ("«", "p"), ("،", "p"), ("UN", "L"), ("الرباط", "a"), ("ف16", "ad"),
])
def test_shape_on_arabic_punctuation_and_digits(tok: str, expected: str) -> None:
    assert shape(tok) == expected


def test_features_fold_harakat_and_hamza() -> None:
    a = sentence_features(["أَحْمَد"], Resources())[0]
    b = sentence_features(["احمد"], Resources())[0]
    assert a["w"] == b["w"] == "احمد"


def test_packaged_lexicons_are_folded() -> None:
    with gzip.open(DATA_DIR / "resources.json.gz", "rt", encoding="utf-8") as fh:
        blob = json.load(fh)
    words = [w for ws in blob["gazetteer"].values() for w in ws] + list(blob["clusters"])[:5000]
    assert words
    assert all(fold(w) == w for w in words)
