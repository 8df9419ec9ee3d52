"""The relation cue lexicons: stored folded, without duplicates; the mined cues are measured."""

from __future__ import annotations

import pytest

from marsad.datafiles import read_tsv
from marsad.text.fold import fold


@pytest.mark.parametrize("name", ["data/cues.tsv", "data/cues_mined.tsv"])
def test_cue_lexicons_are_folded_without_duplicates(name: str) -> None:
    rows = [(r["phrase"], r["cls"]) for r in read_tsv("marsad.relations", name)]
    assert rows and all(fold(p) == p for p, _ in rows)
    assert len(set(rows)) == len(rows)


def test_mined_cues_are_new_and_measured() -> None:
    hand = {r["phrase"] for r in read_tsv("marsad.relations", "data/cues.tsv")}
    for r in read_tsv("marsad.relations", "data/cues_mined.tsv"):
        assert r["phrase"] not in hand and r["role"] == "mined"
        assert int(r["true"]) >= 2 and int(r["true"]) >= int(r["false"]), r
        assert int(r["polarity"]) in (1, -1)
