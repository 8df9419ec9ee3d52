"""Hand-written Arabic analysis records (output contract) and a store holding them, for API and web tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

XSS = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
RLO = "\u202e"


def _ev(text: str, evidence: str) -> dict[str, Any]:
    start = text.index(evidence)
    return {"text": evidence, "start": start, "end": start + len(evidence)}


def _place(name: str, name_ar: str, lat: float | None, lon: float | None, country: str, precision: str = "town",
           admin1: str | None = None) -> dict[str, Any]:  # fmt: skip
    return {"name": name, "name_ar": name_ar, "geonames_id": None, "lat": lat, "lon": lon, "country": country,
            "admin1": admin1, "precision": precision}  # fmt: skip


def event(text: str, local: str, type_: str, evidence: str, *, mode: str | None = None, actor: str | None = None,
          actor_name: str | None = None, recipient: str | None = None, place: dict[str, Any] | None = None,
          date: str | None = None, killed: int | None = None, people: int | None = None,
          confidence: float = 0.8) -> dict[str, Any]:  # fmt: skip
    return {
        "id": local, "type": type_, "mode": mode, "acled": None, "status": "occurred",
        "actor": {"code": actor, "name": actor_name or actor, "entity": None} if actor else None,
        "recipient": {"code": recipient, "name": recipient, "entity": None} if recipient else None,
        "place": place, "date": {"value": date, "end": None, "precision": "day" if date else None, "text": None},
        "counts": {"people": people, "killed": killed, "injured": None},
        "evidence": _ev(text, evidence), "confidence": confidence,
    }  # fmt: skip


def record(art_id: str, title: str, source: str, published: str, text: str, *, events: list[dict[str, Any]] = (),  # type: ignore[assignment]
           quotes: list[dict[str, Any]] = (), relations: list[dict[str, Any]] = (),  # type: ignore[assignment]
           entities: list[dict[str, Any]] = ()) -> dict[str, Any]:  # type: ignore[assignment]  # fmt: skip
    return {"id": art_id, "title": title, "url": f"https://example.org/{art_id}", "source": source, "author": None,
            "published": published, "text": text, "entities": list(entities), "events": list(events),
            "quotes": list(quotes), "relations": list(relations),
            "provenance": {"marsad": "0.1.0", "stages": [], "config_sha256": "test"}, "diagnostics": []}  # fmt: skip


def quote(text: str, local: str, speaker: str, cue: str, evidence: str) -> dict[str, Any]:
    return {"id": local, "speaker": {"text": speaker, "entity": None}, "cue": cue, "kind": "indirect",
            "evidence": _ev(text, evidence)}  # fmt: skip


def relation(text: str, local: str, a: str, b: str, type_: str, polarity: int, evidence: str,
             domain: str = "security") -> dict[str, Any]:  # fmt: skip
    return {"id": local, "a": a, "b": b, "type": type_, "polarity": polarity, "domain": domain,
            "attributed_to": None, "evidence": _ev(text, evidence)}  # fmt: skip


def entity(text: str, local: str, surface: str, label: str, cid: str, name_en: str, kind: str,
           country: str | None) -> dict[str, Any]:  # fmt: skip
    span = _ev(text, surface)
    return {"id": local, "text": surface, "start": span["start"], "end": span["end"], "label": label,
            "canonical": {"id": cid, "name_ar": surface, "name_en": name_en, "kind": kind, "country": country,
                          "wikidata": None}}  # fmt: skip


AGADIR = _place("Agadir", "أكادير", 30.42, -9.60, "MAR", admin1="Souss-Massa")
T1 = ("أعلنت المديرية العامة للأمن الوطني، اليوم الأربعاء، أن عناصر الشرطة بمدينة أكادير أوقفت ثلاثة أشخاص "
      "يشتبه في ارتباطهم بشبكة للتهريب الدولي للمخدرات، وحجزت طنا من مخدر الشيرا.\n"
      "وأكد بلاغ للمديرية أن العملية تمت بتنسيق وثيق مع السلطات الموريتانية في إطار التعاون الأمني بين البلدين.\n"
      "وأضاف المصدر أن التحقيق ما يزال جاريا تحت إشراف النيابة العامة المختصة.")
T2 = ("ذكرت مصادر أمنية أن شرطة أكادير فككت شبكة لتهريب المخدرات وأوقفت ثلاثة أشخاص، بعد حجز كمية كبيرة من الشيرا "
      "في عملية نوعية جنوب المملكة.")
T3 = ("قتل اثنا عشر جنديا في هجوم بعبوة ناسفة استهدف دورية للجيش المالي قرب مدينة موبتي وسط البلاد، "
      "وتبنت جماعة نصرة الإسلام والمسلمين الهجوم.\nوقال المتحدث باسم الجيش إن القوات تواصل ملاحقة المهاجمين.")
T4 = ("اتهمت وزارة الخارجية الجزائرية المغرب بالتصعيد، ورفضت الجزائر أي تنسيق أمني مع الرباط، "
      "في حين أكد وزير الخارجية المغربي أن بلاده منفتحة على الحوار.\n"
      "وأجرى الوزير المغربي مشاورات مع نظيره الفرنسي حول الوضع في منطقة الساحل.")
T5 = (f"عنوان المقال {XSS} ونص غريب {IMG} ثم {RLO}نص معكوس الاتجاه بعد المحرف.\n"
      "وخرج مئات المتظاهرين في مظاهرة سلمية أمام البرلمان في الرباط للمطالبة بتحسين الأجور.")
T6 = ("عقد وفد أمني مغربي اجتماعا مع نظيره الموريتاني في نواكشوط لبحث تأمين الحدود المشتركة.")


def sample_records() -> list[dict[str, Any]]:
    r1 = record("art-agadir-1", "توقيف ثلاثة أشخاص وحجز طن من الشيرا بأكادير", "hespress", "2025-02-26", T1,
                events=[event(T1, "V1", "COERCE", "أوقفت ثلاثة أشخاص", mode="arrest", actor="MAR",
                              actor_name="Morocco", recipient="smugglers", place=AGADIR, date="2025-02-26", people=3,
                              confidence=0.91),
                        event(T1, "V2", "COERCE", "وحجزت طنا من مخدر الشيرا", mode="seize", actor="MAR",
                              actor_name="Morocco", place=AGADIR, date="2025-02-26", confidence=0.86)],
                quotes=[quote(T1, "Q1", "بلاغ للمديرية", "أكد", "أن العملية تمت بتنسيق وثيق مع السلطات الموريتانية")],
                relations=[relation(T1, "R1", "MAR", "MRT", "COOPERATE", 1, "بتنسيق وثيق مع السلطات الموريتانية")],
                entities=[entity(T1, "E1", "المديرية العامة للأمن الوطني", "ORG", "mar-dgsn",
                                 "General Directorate for National Security", "agency", "MAR"),
                          entity(T1, "E2", "أكادير", "GPE", "geo-agadir", "Agadir", "place", "MAR")])  # fmt: skip

    r2 = record("art-agadir-2", "تفكيك شبكة لتهريب المخدرات في أكادير", "alyaoum24", "2025-02-27", T2,
                events=[event(T2, "V1", "COERCE", "وأوقفت ثلاثة أشخاص", mode="arrest", actor="MAR",
                              actor_name="Morocco", recipient="smugglers", place=AGADIR, date="2025-02-26", people=3,
                              confidence=0.84)])  # fmt: skip
    r3 = record("art-mopti", "مقتل 12 جنديا في هجوم قرب موبتي", "alakhbar", "2025-03-14", T3,
                events=[event(T3, "V1", "ASSAULT", "قتل اثنا عشر جنديا في هجوم بعبوة ناسفة", mode="explosives",
                              actor="JNIM", actor_name="JNIM", recipient="MLI",
                              place=_place("Mopti", "موبتي", 14.49, -4.20, "MLI"), date="2025-03-13", killed=12,
                              confidence=0.88)],
                quotes=[quote(T3, "Q1", "المتحدث باسم الجيش", "قال", "إن القوات تواصل ملاحقة المهاجمين")])  # fmt: skip
    r4 = record("art-dza-mar", "الجزائر ترفض التنسيق الأمني مع الرباط", "elkhabar", "2025-01-20", T4,
                events=[event(T4, "V1", "ACCUSE", "اتهمت وزارة الخارجية الجزائرية المغرب بالتصعيد", actor="DZA",
                              actor_name="Algeria", recipient="MAR",
                              place=_place("Algiers", "الجزائر", 36.75, 3.06, "DZA"), date="2025-01-20",
                              confidence=0.77),
                        event(T4, "V2", "CONSULT", "وأجرى الوزير المغربي مشاورات مع نظيره الفرنسي", actor="MAR",
                              actor_name="Morocco", recipient="FRA",
                              place=_place("Morocco", "المغرب", None, None, "MAR", "unresolved"), date="2025-01-20",
                              confidence=0.7)],
                relations=[relation(T4, "R1", "DZA", "MAR", "REJECT", -1, "ورفضت الجزائر أي تنسيق أمني مع الرباط"),
                           relation(T4, "R2", "MAR", "FRA", "CONSULT", 1, "مشاورات مع نظيره الفرنسي",
                                    domain="diplomacy")])  # fmt: skip
    r5 = record("art-xss", f"مقال {XSS} غريب {RLO}", "unknown", "2025-04-02", T5,
                events=[event(T5, "V1", "PROTEST", f"{IMG} ثم {RLO}نص معكوس", mode="demo", actor="civilians",
                              place=_place("Rabat", "الرباط", 34.02, -6.83, "MAR"), date="2025-04-02",
                              confidence=0.55)],
                quotes=[quote(T5, "Q1", XSS, "قال", f"ونص غريب {IMG}")])  # fmt: skip
    r6 = record("art-nkc", "اجتماع أمني مغربي موريتاني في نواكشوط", "hespress", "2025-04-10", T6,
                events=[event(T6, "V1", "CONSULT", "عقد وفد أمني مغربي اجتماعا مع نظيره الموريتاني", actor="MAR",
                              actor_name="Morocco", recipient="MRT",
                              place=_place("Nouakchott", "نواكشوط", 18.08, -15.98, "MRT"), date="2025-04-09",
                              confidence=0.8)],
                relations=[relation(T6, "R1", "MAR", "MRT", "CONSULT", 1, "لبحث تأمين الحدود المشتركة")])  # fmt: skip
    return [r1, r2, r3, r4, r5, r6]


def open_sample_store(path: Path) -> Any:
    from marsad.store import open_store

    store = open_store(path / "test.duckdb")
    store.add_records(sample_records())
    return store


@pytest.fixture
def sample_store(tmp_path: Path) -> Iterator[Any]:
    store = open_sample_store(tmp_path)
    yield store
    store.close()


@pytest.fixture
def client(sample_store: Any) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from marsad.api import create_app

    with TestClient(create_app(sample_store, token="s3cret")) as c:
        yield c
