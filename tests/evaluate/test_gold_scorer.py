"""The scorer implements the annotation guide's rules; hand-made gold/prediction pairs."""

from __future__ import annotations

from typing import Any

import pytest

from marsad.evaluate.gold import date_equal, fold_for_scoring, place_equal, score_documents

TEXT = "أوقفت الشرطة المغربية ثلاثة أشخاص في فاس. وقال المسؤول إن التعاون مع إسبانيا قوي."


def _ev(evidence: str, **kw: Any) -> dict[str, Any]:
    start = TEXT.index(evidence)
    base = {"id": "V1", "type": "COERCE", "mode": "arrest", "status": "occurred",
            "place": {"name": "Fes", "country": "MAR"}, "date": {"value": "2025-02-26"},
            "counts": {"people": 3},
            "evidence": {"text": evidence, "start": start, "end": start + len(evidence)}}
    base.update(kw)
    return base


GOLD = {
    "doc": {"id": "d1", "text": TEXT, "published": "2025-02-26"},
    "entities": [{"text": "فاس", "label": "GPE"}, {"text": "إسبانيا", "label": "GPE"}],
    "events": [{"type": "COERCE", "mode": "arrest", "country": "MAR", "place": "Fès", "status": "occurred",
                "date": "2025-02-24", "date_precision": "week", "count_people": 3,
                "evidence": "أوقفت الشرطة المغربية ثلاثة أشخاص"}],
    "quotes": [{"speaker": "المسؤول", "cue": "قال", "evidence": "التعاون مع إسبانيا قوي"}],
    "relations": [{"a": "MAR", "b": "ESP", "polarity": 1}],
}


def _pred(**layers: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"id": "d1", "text": TEXT, "entities": [], "events": [], "quotes": [], "relations": []}
    base.update(layers)
    return base


def _ent(text: str, label: str) -> dict[str, Any]:
    s = TEXT.index(text)
    return {"text": text, "start": s, "end": s + len(text), "label": label}


def test_perfect_prediction_scores_one() -> None:
    q = TEXT.index("التعاون")
    pred = _pred(
        entities=[_ent("فاس", "GPE"), _ent("إسبانيا", "GPE"), _ent("إسبانيا", "GPE")],  # duplicates count once
        events=[_ev("أوقفت الشرطة")],
        quotes=[{"cue": "قال", "evidence": {"start": q, "end": q + 10}}],
        relations=[{"a": "ESP", "b": "MAR", "polarity": 1}],
    )
    r = score_documents([GOLD], [pred])
    assert {k: v.f1 for k, v in r.layers.items()} == {k: 1.0 for k in r.layers}
    assert all(a.value == 1.0 for a in r.attrs.values())


def test_wrong_label_sign_and_cue_do_not_match() -> None:
    q = TEXT.index("التعاون")
    pred = _pred(entities=[_ent("فاس", "LOC")], quotes=[{"cue": "أكد", "evidence": {"start": q, "end": q + 5}}],
                 relations=[{"a": "MAR", "b": "ESP", "polarity": -1}])  # fmt: skip
    r = score_documents([GOLD], [pred])
    assert r.layers["entity"].tp == 0 and r.layers["quote"].tp == 0 and r.layers["relation"].tp == 0


def test_event_matches_in_the_same_sentence_but_full_needs_status() -> None:
    pred = _pred(events=[_ev("في فاس", status="planned")])
    r = score_documents([GOLD], [pred])
    assert r.layers["event_type"].tp == 1 and r.layers["event_full"].tp == 0


def test_event_in_another_sentence_does_not_match() -> None:
    r = score_documents([GOLD], [_pred(events=[_ev("التعاون مع إسبانيا")])])
    assert r.layers["event_type"].tp == 0 and r.layers["event_type"].n_pred == 1


def test_missing_prediction_counts_as_empty() -> None:
    r = score_documents([GOLD], [])
    assert r.missing == ["d1"] and r.layers["relation"].recall == 0.0


def test_comparison_rules() -> None:
    assert fold_for_scoring("قائلًا") == fold_for_scoring("قائلا")
    assert place_equal("Fès", "Fes") and place_equal("Had Soualem", "Had Soualem, Morocco")
    assert not place_equal("Rabat", "Casablanca")
    assert date_equal("2025-02-17", "week", {"value": "2025-02-22"})
    assert not date_equal("2025-02-17", "day", {"value": "2025-02-18"})
    assert date_equal("2025-02-01", "month", {"value": "2025-02-28"})
    assert date_equal(None, None, None) and not date_equal(None, None, {"value": "2025-01-01"})


def test_only_predicted_scores_just_the_covered_documents() -> None:
    other = {"doc": {"id": "d2", "text": "نص آخر"}, "relations": [{"a": "DZA", "b": "TUN", "polarity": 1}]}
    pred = _pred(relations=[{"a": "ESP", "b": "MAR", "polarity": 1}])
    assert score_documents([GOLD, other], [pred]).layers["relation"].recall == 0.5
    only = score_documents([GOLD, other], [pred], only_predicted=True)
    assert only.layers["relation"].recall == 1.0 and only.missing == ["d2"]


@pytest.mark.parametrize(
    ("gold", "pred", "ok"),
    [
        ("MAR", {"code": "MAR", "name": "Morocco"}, True),
        ("MAR", {"code": "DZA", "name": "Algeria"}, False),
        ("MAR", {"code": None, "name": "Morocco"}, False),  # a state is judged by its code
        ("ISIL", {"code": "ISIL", "name": "Islamic State"}, True),
        ("drug traffickers", {"code": "traffickers", "name": "traffickers"}, True),
        ("suspects", {"code": "suspect", "name": "suspect"}, True),
        ("Houthis", {"code": "HOUTHIS", "name": "Houthis (Ansar Allah)"}, True),
        ("protesters", {"code": "residents", "name": "residents"}, False),
        ("civilians", None, False),
        (None, None, True),
        (None, {"code": "MAR", "name": "Morocco"}, False),
    ],
)
def test_actor_equal(gold: str | None, pred: dict[str, str | None] | None, ok: bool) -> None:
    from marsad.evaluate.gold import actor_equal

    assert actor_equal(gold, pred) is ok


def test_actor_and_recipient_are_scored_on_matched_events() -> None:
    from marsad.evaluate.gold import score_documents

    text = "أوقفت الشرطة المغربية ثلاثة مهربين بطنجة."
    gold = {"doc": {"id": "d", "text": text}, "entities": [], "quotes": [], "relations": [],
            "events": [{"type": "COERCE", "mode": "arrest", "actor": "MAR", "recipient": "smugglers",
                        "country": "MAR", "status": "occurred", "evidence": "أوقفت الشرطة المغربية ثلاثة مهربين"}]}
    event = {"type": "COERCE", "mode": "arrest", "status": "occurred", "place": {"country": "MAR"},
             "evidence": {"start": 0, "end": 20}, "actor": {"code": "MAR", "name": "Morocco"}, "recipient": None}
    pred = {"id": "d", "text": text, "entities": [], "quotes": [], "relations": [], "events": [event]}
    report = score_documents([gold], [pred])
    assert (report.attrs["actor"].value, report.attrs["recipient"].value) == (1.0, 0.0)
