"""The BiLSTM runner reads the gazetteer lists its export names (``gaz_keys``; ANERGazet's three
by default), e.g. NERAr's person-name words as a fourth flag."""

from __future__ import annotations

import numpy as np

from marsad.ner._bilstm import BiLstmTagger, Encoder

from ._tiny_net import tagger_arrays

VOCAB = ["<pad>", "<unk>", "قال", "بوشعيب"]
GAZ = {"PER": frozenset({"محمد"}), "LOC": frozenset(), "ORG": frozenset(), "NPER": frozenset({"بوشعيب"})}


def test_a_fourth_list_is_one_more_flag_before_the_shapes() -> None:
    three = Encoder(VOCAB, ["<pad>", "<unk>"], GAZ)
    four = Encoder(VOCAB, ["<pad>", "<unk>"], GAZ, gaz_keys=("PER", "LOC", "ORG", "NPER"))
    assert four.n_feats == three.n_feats + 1
    flags = four.encode_tokens(["قال", "بوشعيب", "محمد"])[3]
    assert flags[:, 3].tolist() == [0.0, 1.0, 0.0]  # NPER
    assert flags[:, 0].tolist() == [0.0, 0.0, 1.0]  # PER (ANERGazet)
    assert (three.encode_tokens(["بوشعيب"])[3][0, :3] == 0).all()


def test_an_export_naming_its_lists_is_read_with_them() -> None:
    rng = np.random.default_rng(5)
    n_feats = 4 + 6 + 2
    a = tagger_arrays(rng, VOCAB, ["O", "B-PER", "I-PER"], dim=4, hid=3, filters=2, char_dim=2,
                      d_in=2 * 4 + 2 + n_feats, d_out=2 * 3)
    a["gaz_keys"] = np.array(["PER", "LOC", "ORG", "NPER"])
    tagger = BiLstmTagger(a, GAZ)
    assert tagger.enc.gaz_keys == ("PER", "LOC", "ORG", "NPER")
    assert len(tagger.tag_batch([["قال", "بوشعيب"]])[0]) == 2
