"""Unresolvable mentions come out as ``precision: unresolved`` with a diagnostic, never dropped."""

from __future__ import annotations

import datetime as dt

from marsad.article import Article, Metadata
from marsad.config import load_settings
from marsad.kb.place_stage import GEO_PLACES
from marsad.knowledge import Knowledge
from marsad.records import Entity
from marsad.time.stage import TIME_EXPRESSIONS


def test_an_unknown_place_entity_is_kept_unresolved_with_w010() -> None:
    text = "وصلت القافلة إلى زرقيمون ثم عادت إلى الرباط."
    start = text.index("زرقيمون")
    unknown = Entity("E1", start, start + len("زرقيمون"), "LOC", None, "ner.model", 0.7)
    article = Article.create(text, id="u").with_layer("entities", [unknown])
    out = GEO_PLACES.factory(load_settings(), Knowledge())(article)
    places = {text[p.start : p.end]: p for p in out.layer("places")}
    assert places["زرقيمون"].precision == "unresolved" and places["زرقيمون"].name_ar == "زرقيمون"
    assert places["الرباط"].country == "MAR" and places["الرباط"].precision == "town"
    (diag,) = [d for d in out.diagnostics if d.code == "W010"]
    assert (diag.start, diag.end) == (unknown.start, unknown.end)


def test_a_relative_date_without_publication_date_is_kept_unresolved_with_w011() -> None:
    text = "سيعقد الاجتماع يوم الخميس المقبل في العاصمة."
    run = TIME_EXPRESSIONS.factory(load_settings(), Knowledge())
    undated = run(Article.create(text, id="t"))
    (ref,) = undated.layer("timexes")
    assert ref.value is None and ref.text == "يوم الخميس المقبل"
    assert [d.code for d in undated.diagnostics] == ["W011"]
    dated = run(Article.create(text, Metadata(published=dt.date(2025, 3, 3)), id="t"))
    assert dated.layer("timexes")[0].value == dt.date(2025, 3, 6) and not dated.diagnostics


def test_a_town_the_gazetteer_finds_and_no_entity_covers_becomes_a_gpe_entity() -> None:
    text = "وصلت القافلة إلى واحة زرقيمون ثم قتل ثلاثة في تعز وفي حد السوالم."
    start = text.index("زرقيمون")
    unknown = Entity("E1", start, start + len("زرقيمون"), "LOC", None, "ner.model", 0.7)
    run = GEO_PLACES.factory(load_settings(), Knowledge())
    out = run(Article.create(text, id="g").with_layer("entities", [unknown]))
    got = [(text[e.start : e.end], e.id, e.label, e.source, (e.canonical.id if e.canonical else None))
           for e in out.layer("entities")]  # fmt: skip
    assert got[0] == ("زرقيمون", "E1", "LOC", "ner.model", None)  # what was there stays
    assert [g[:4] for g in got[1:]] == [("تعز", "E2", "GPE", "gazetteer"), ("حد السوالم", "E3", "GPE", "gazetteer")]
    assert all(str(g[4]).startswith("geonames:") for g in got[1:])


def _zurich(text: str) -> Article:
    """``text`` with the model's «زيوريخ» linked to Zürich (the gazetteer writes «زوريخ»)."""
    from marsad.records import Canonical

    start = text.index("زيوريخ")
    link = Canonical("geonames:2657896", "زوريخ", None, "place", "CHE")
    return Article.create(text, id="z").with_layer("entities", [Entity("E1", start, start + 6, "GPE", link,
                                                                        "ner.model", 0.7)])  # fmt: skip


def test_a_linked_place_under_another_spelling_after_a_locative_becomes_a_place() -> None:
    text = "يعقد الاتحاد الدولي لكرة القدم اجتماعا اليوم في زيوريخ لتحديد موعد الانتخابات."
    article = _zurich(text)
    places = GEO_PLACES.factory(load_settings(), Knowledge())(article).layer("places")
    (place,) = [p for p in places if p.name_ar == "زيوريخ"]
    assert (place.geonames_id, place.country, place.precision) == (2657896, "CHE", "town")
    assert text[place.start or 0 : place.end or 0] == "زيوريخ"


def test_a_linked_place_name_without_a_locative_stays_an_entity_only() -> None:
    text = "زيوريخ مدينة سويسرية كبيرة يقصدها السياح."
    article = _zurich(text)
    places = GEO_PLACES.factory(load_settings(), Knowledge())(article).layer("places")
    assert [p for p in places if p.name_ar == "زيوريخ"] == []
