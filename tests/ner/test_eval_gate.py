"""Evaluation gate: the committed model on the ANERcorp CAMeL-split test file.

The floor is the measured entity-level micro F1 (conlleval, exact span, PER/LOC/ORG/MISC)
minus about 0.01; raise it when a better model is committed, never lower it.
"""

from pathlib import Path

import pytest

from marsad.evaluate.conll import evaluate_ner
from marsad.ner import load_model

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
ANER_TEST = (SHARED / "data/anercorp/camel_split_reconstructed"
             / "ANERcorp_CAMeLsplit_reconstructed_test.txt")
MICRO_F1_FLOOR = 0.736  # measured 0.7459 (ensemble G1 with o_bias 0.75; 0.7366 without)
# measured LOC 0.880 / PER 0.740 / ORG 0.598 (G1, o_bias 0.75); floors = measured − 0.01, none lower
# than before (LOC keeps its 0.871)
PER_LABEL_FLOOR = {"LOC": 0.871, "PER": 0.730, "ORG": 0.588}


@pytest.mark.skipif(not ANER_TEST.exists(), reason=f"ANERcorp test file absent: {ANER_TEST}")
def test_anercorp_test_micro_f1_floor() -> None:
    rep = evaluate_ner(load_model(), ANER_TEST)
    assert rep.n_tokens == 25008
    assert rep.micro.f1 >= MICRO_F1_FLOOR, rep.to_dict()
    for label, floor in PER_LABEL_FLOOR.items():
        assert rep.per_label[label].f1 >= floor, (label, rep.per_label[label])
