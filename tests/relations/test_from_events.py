"""An event one state does to another states their relation: cooperation or hostility by its type."""

from __future__ import annotations

import pytest

from marsad.article import Article
from marsad.records import ActorRef, Event, Evidence
from marsad.relations.extract import EVENT_POLARITY, extract_relations

TEXT = "استقبل العاهل المغربي وزير الخارجية الموريتاني في الرباط."


def _with_event(typ: str, a: str | None, b: str | None, status: str = "occurred") -> Article:
    article = Article.create(TEXT)
    ev = Event("V1", typ, None, Evidence(0, len(article.text) - 1), status=status,
               actor=ActorRef(a, a) if a else None, recipient=ActorRef(b, b) if b else None)
    return article.with_layer("events", [ev])


@pytest.mark.parametrize(("typ", "polarity"), [("CONSULT", 1), ("AID", 1), ("ACCUSE", -1), ("SANCTION", -1)])
def test_state_to_state_events_give_relations(typ: str, polarity: int) -> None:
    (rel,) = extract_relations(_with_event(typ, "MAR", "MRT"))
    assert ({rel.a, rel.b}, rel.polarity, rel.type) == ({"MAR", "MRT"}, polarity, typ)


@pytest.mark.parametrize(
    ("typ", "a", "b", "status"),
    [("REQUEST", "MAR", "MRT", "occurred"),  # a demand says nothing certain about the relation
     ("CONSULT", "MAR", "smugglers", "occurred"),  # a non-state party
     ("CONSULT", "MAR", "MAR", "occurred"), ("CONSULT", "MAR", None, "occurred"),
     ("ACCUSE", "MAR", "MRT", "denied")],
)  # fmt: skip
def test_no_relation(typ: str, a: str | None, b: str | None, status: str) -> None:
    assert extract_relations(_with_event(typ, a, b, status)) == []


def test_polarity_table_is_signed() -> None:
    assert set(EVENT_POLARITY.values()) == {1, -1}
