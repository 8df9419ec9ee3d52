"""Records ⇄ JSON: the output contract round-trips and evidence is always the text slice."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from marsad.article import Article, Metadata
from marsad.records import (
    Acled,
    ActorRef,
    Canonical,
    Counts,
    Entity,
    Event,
    Evidence,
    Place,
    Quote,
    Relation,
    Speaker,
    TimeRef,
)  # fmt: skip
from marsad.serialize import from_record, to_record

TEXT = "أعلنت السلطات المغربية، اليوم الأربعاء، تفكيك خلية إرهابية بمدينة طنجة. وقال المصدر إن التعاون قوي."


def _sample() -> Article:
    a = Article.create(TEXT, Metadata(title="عنوان", published=dt.date(2025, 2, 26)), id="doc1")
    ent = Entity("E1", 6, 23, "ORG", Canonical("MAR", "المغرب", "Morocco", "state", "MAR", "Q1028"))
    city = Place("Tangier", "طنجة", 2530335, 35.76, -5.83, "MAR", "Tanger-Tetouan-Al Hoceima", "town", 66, 70)
    when = TimeRef(dt.date(2025, 2, 26), None, "day", "اليوم الأربعاء", 25, 39)
    ev = Event("V1", "COERCE", "arrest", Evidence(41, 70), "occurred", Acled("Strategic developments", "Arrests"),
               ActorRef("MAR", "Morocco", "E1"), ActorRef("ISIL", "Islamic State", None), city, when,
               Counts(people=3), 0.8, Evidence(41, 46))  # fmt: skip
    q = Quote("Q1", Speaker(77, 83), Evidence(72, 76), "indirect", Evidence(87, 100), 0.9)
    r = Relation("R1", "MAR", "ESP", "COOPERATE", 1, "security", Evidence(87, 100), "Q1", 0.7)
    for name, items in (("entities", [ent]), ("events", [ev]), ("quotes", [q]), ("relations", [r])):
        a = a.with_layer(name, items)
    return a


def test_record_has_the_contract_fields() -> None:
    rec = to_record(_sample())
    assert set(rec) >= {"id", "title", "url", "source", "author", "published", "text", "entities", "events",
                        "quotes", "relations", "provenance", "diagnostics"}  # fmt: skip
    ev = rec["events"][0]
    assert ev["acled"] == {"event_type": "Strategic developments", "sub_event_type": "Arrests"}
    assert ev["place"]["precision"] == "town" and ev["date"]["precision"] == "day"
    assert ev["counts"] == {"people": 3, "killed": None, "injured": None}
    for layer in ("events", "quotes", "relations"):
        for item in rec[layer]:
            e = item["evidence"]
            assert rec["text"][e["start"] : e["end"]] == e["text"]
    assert rec["quotes"][0]["cue"] == TEXT[72:76]


def test_round_trip() -> None:
    rec = to_record(_sample())
    assert to_record(from_record(rec)) == rec


@given(st.text(min_size=1), st.data())
def test_any_evidence_span_serialises_to_its_slice(text: str, data: st.DataObject) -> None:
    a = Article.create(text, id="x")
    n = len(a.text)
    start = data.draw(st.integers(0, n))
    end = data.draw(st.integers(start, n))
    a = a.with_layer("relations", [Relation("R1", "MAR", "DZA", "REJECT", -1, "security", Evidence(start, end))])
    rec = to_record(a)
    ev = rec["relations"][0]["evidence"]
    assert ev["text"] == rec["text"][start:end]
    assert to_record(from_record(rec)) == rec
