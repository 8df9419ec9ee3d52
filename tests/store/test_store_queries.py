"""Queries over both backends, and SQL injection attempts in every text filter."""

from __future__ import annotations

import datetime as dt

import pytest
from store_helpers import AGADIR, ARREST_TEXT, event, record, relation

from marsad.store import SqlStore

QUOTE_TEXT = "قال وزير الداخلية عبد الوافي لفتيت إن التعاون الأمني مع الجزائر متوقف منذ سنوات."
OTHER_TEXT = "صرح مسؤول جزائري بأن الحوار مع الرباط ممكن رغم الخلافات القائمة حول ملفات الحدود."
INJECTIONS = ["' OR 1=1 --", "x'); DROP TABLE events; --", "%", "_", "\\", "ISIL' UNION SELECT * FROM articles --"]


@pytest.fixture
def filled(store: SqlStore) -> SqlStore:
    speaker = {"text": "عبد الوافي لفتيت", "entity": "E1", "start": 19, "end": 35}
    quote = {"id": "Q1", "speaker": speaker, "cue": "قال", "cue_span": {"start": 0, "end": 3}, "kind": "indirect",
             "evidence": {"text": QUOTE_TEXT[39:], "start": 39, "end": len(QUOTE_TEXT)}, "confidence": 0.9}  # fmt: skip
    entity = {"id": "E1", "text": "عبد الوافي لفتيت", "start": 19, "end": 35, "label": "PER",
              "canonical": {"id": "laftit", "name_ar": "عبد الوافي لفتيت", "name_en": "Abdelouafi Laftit",
                            "kind": "person", "country": "MAR", "wikidata": None}}  # fmt: skip
    store.add_records([
        record("a1", events=[event(acled=("Strategic developments", "Arrests"))]),
        record("d1", "أوقفت عناصر الأمن بأكادير شخصين يشتبه في صلتهما بتنظيم داعش في عملية جديدة.",
               events=[event(text="أوقفت عناصر الأمن بأكادير شخصين.", place=AGADIR, date="2025-01-10")]),
        record("q1", QUOTE_TEXT, events=[], quotes=[quote], entities=[entity], published="2025-01-15",
               relations=[relation("R1", "MAR", "DZA", polarity=-1, confidence=0.9, text=QUOTE_TEXT)]),
        record("q2", OTHER_TEXT, events=[], published="2025-03-02", source="x", relations=[
            relation("R1", "DZA", "MAR", polarity=1, confidence=0.5, text=OTHER_TEXT),
            relation("R2", "MAR", "DZA", polarity=-1, confidence=0.5, text=OTHER_TEXT),
        ]),
    ])  # fmt: skip
    return store


def test_events_filters(filled: SqlStore) -> None:
    assert len(filled.events()) == 2
    assert len(filled.events(country="MAR", type="COERCE", mode="arrest")) == 2
    assert [e.place_name for e in filled.events(since="2025-02-01")] == ["Rabat"]
    assert [e.place_name for e in filled.events(until=dt.date(2025, 1, 31))] == ["Agadir"]
    assert len(filled.events(actor="ISIL")) == 2 and len(filled.events(actor="Islamic")) == 2
    assert filled.events(actor="DZA") == [] and filled.events(type="ASSAULT") == []
    casablanca = (33.5731, -7.5898, 100.0)
    assert [e.place_name for e in filled.events(near=casablanca)] == ["Rabat"]
    assert filled.events(near=(33.5731, -7.5898, 10.0)) == []
    assert [e.place_name for e in filled.events(text="خلية ارهابية")] == ["Rabat"]  # folded match
    assert len(filled.events(limit=1)) == 1 and len(filled.events(limit=1, offset=1)) == 1


def test_event_detail_and_article(filled: SqlStore) -> None:
    ev = filled.events(since="2025-02-01")[0]
    detail = filled.event(ev.id)
    assert detail is not None and detail.mentions[0].evidence_text == ARREST_TEXT[: ARREST_TEXT.index(".")]
    assert detail.to_json()["event"]["date_value"] == "2025-02-26"
    assert filled.event("nope") is None
    art = filled.article("a1")
    assert art is not None and art["text"] == ARREST_TEXT and art["store"]["events"] == {"V1": ev.id}
    assert filled.article("nope") is None
    several = filled.articles(["a1", "q1", "nope"])
    assert set(several) == {"a1", "q1"} and several["a1"] == art  # the same record as one at a time
    light = filled.articles(["a1", "q1"], whole=False)
    assert light["a1"] == {"id": "a1", "title": "تفكيك خلية", "source": "hespress", "url": "https://example.org/a1",
                           "published": "2025-02-26", "store": art["store"]}  # metadata and links, no text


def test_quotes_relations_index_actors_stats(filled: SqlStore) -> None:
    (q,) = filled.quotes(speaker="عبد الوافي")
    assert q.speaker_code == "laftit" and q.evidence_text == QUOTE_TEXT[39:]
    assert filled.quotes(speaker="laftit")[0].local_id == "Q1" and filled.quotes(speaker="بوريطة") == []
    assert len(filled.relations(pair=("DZA", "MAR"))) == 3
    assert len(filled.relations(pair=("MAR", "DZA"), since="2025-03-01")) == 2
    index = filled.cooperation_index("MAR", "DZA")
    assert [(p.month, p.n) for p in index] == [("2025-01", 1), ("2025-03", 2)]
    assert index[0].index == -1.0 and index[1].index == 0.0  # (0.5·1 + 0.5·-1) / 1.0
    top = filled.actors()
    assert {a.code for a in top} == {"MAR", "ISIL"} and top[0].n_events == 2
    stats = filled.stats()
    assert stats["tables"]["articles"] == 4 and stats["events_by_type"] == {"COERCE": 2}


@pytest.mark.parametrize("attack", INJECTIONS)
def test_injection_in_filters_is_inert(filled: SqlStore, attack: str) -> None:
    assert filled.events(country=attack, type=attack, mode=attack) == []
    assert filled.events(actor=attack) == [] and filled.events(text=attack) == []
    assert filled.quotes(speaker=attack) == [] and filled.relations(pair=(attack, attack)) == []
    assert filled.event(attack) is None and filled.article(attack) is None
    filled.set_checkpoint(attack, attack)
    assert filled.get_checkpoint(attack) == attack
    assert filled.stats()["tables"]["events"] == 2 and filled.stats()["tables"]["articles"] == 4
