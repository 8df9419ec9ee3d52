"""Relation parties: organisations and groups of states, and the states that are no party (a place,
a topic, a demonym in a person's name); pairs only between a state and another party."""

from __future__ import annotations

from typing import Any

import pytest

from marsad.datafiles import read_tsv
from marsad.relations.parties import party_codes
from marsad.text.fold import fold


def _pairs(rec: dict[str, Any]) -> set[tuple[frozenset[str], int]]:
    return {(frozenset((r["a"], r["b"])), r["polarity"]) for r in rec["relations"]}


def test_party_lexicon_is_folded_without_duplicates() -> None:
    rows = list(read_tsv("marsad.relations", "data/parties.tsv"))
    names = [r["key"] for r in rows if r["source"] == "name"]
    assert all(fold(n) == n for n in names) and len(set(names)) == len(names)
    assert party_codes()["SAU_COAL"] == "Arab coalition" and party_codes()["ARAB_LEAGUE"] == "Arab League"


def test_a_group_of_powers_the_knowledge_base_lacks(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("وتشير أنباء إلى أن إيران والدول الست على وشك التوصل لاتفاق نووي.")
    assert _pairs(rec) == {(frozenset({"IRN", "P5+1"}), 1)}


@pytest.mark.parametrize(
    "text",
    [
        "وبحث الوزير التونسي التعاون مع المغرب في ليبيا.",  # a place
        "هناك تنسيق وتكامل بين كل أطراف التحالف بشأن اليمن.",  # a topic
        "وافق مجلس الأمن الدولي على قرار مع الأمم المتحدة.",  # two organisations
        "واستنكرت منظمة التعاون الإسلامي تصريحات المسؤول العراقي ضد السعودية.",  # a cue inside a name
    ],
)
def test_no_relation(analyse, text: str) -> None:  # type: ignore[no-untyped-def]
    pairs = _pairs(analyse(text))
    assert all(not ({"LBY", "YEM"} & pair) for pair, _ in pairs)
    assert (frozenset({"UNSC", "UN"}), 1) not in pairs
    assert (frozenset({"IRQ", "SAU"}), 1) not in pairs


def test_lifting_sanctions_is_no_hostility(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("واتفقت الولايات المتحدة وإيران على رفع العقوبات عن إيران.")
    assert all(pol > 0 for _, pol in _pairs(rec))


def test_a_party_far_from_the_cue_is_not_its_partner(analyse) -> None:  # type: ignore[no-untyped-def]
    text = ("وأكد الوزير المصري أهمية التعاون في مجالات التعليم والصحة والثقافة والرياضة والسياحة "
            "والنقل والطاقة، قبل أن يتوجه إلى الجزائر.")  # fmt: skip
    assert all("DZA" not in pair for pair, _ in _pairs(analyse(text)))
