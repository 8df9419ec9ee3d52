"""Synthetic but realistic analysis records (output contract) for load tests: Arabic reports of arrests,
seizures, attacks, protests and diplomatic statements across the Maghreb and the Sahel."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

PLACES = [  # name, name_ar, lat, lon, country
    ("Casablanca", "الدار البيضاء", 33.57, -7.59, "MAR"), ("Rabat", "الرباط", 34.02, -6.83, "MAR"),
    ("Agadir", "أكادير", 30.42, -9.60, "MAR"), ("Tangier", "طنجة", 35.76, -5.83, "MAR"),
    ("Oujda", "وجدة", 34.68, -1.91, "MAR"), ("Laayoune", "العيون", 27.15, -13.20, "MAR"),
    ("Fes", "فاس", 34.03, -5.00, "MAR"), ("Marrakesh", "مراكش", 31.63, -8.01, "MAR"),
    ("Algiers", "الجزائر العاصمة", 36.75, 3.06, "DZA"), ("Oran", "وهران", 35.70, -0.63, "DZA"),
    ("Tamanrasset", "تمنراست", 22.79, 5.53, "DZA"), ("Tindouf", "تندوف", 27.67, -8.15, "DZA"),
    ("Bamako", "باماكو", 12.65, -8.00, "MLI"), ("Mopti", "موبتي", 14.49, -4.20, "MLI"),
    ("Gao", "غاو", 16.27, -0.04, "MLI"), ("Timbuktu", "تمبكتو", 16.77, -3.01, "MLI"),
    ("Kidal", "كيدال", 18.44, 1.41, "MLI"), ("Nouakchott", "نواكشوط", 18.08, -15.98, "MRT"),
    ("Nouadhibou", "نواذيبو", 20.94, -17.04, "MRT"), ("Tunis", "تونس العاصمة", 36.81, 10.18, "TUN"),
    ("Sfax", "صفاقس", 34.74, 10.76, "TUN"), ("Tripoli", "طرابلس", 32.89, 13.19, "LBY"),
    ("Benghazi", "بنغازي", 32.12, 20.07, "LBY"), ("Niamey", "نيامي", 13.51, 2.11, "NER"),
    ("Agadez", "أغاديز", 16.97, 7.99, "NER"), ("Ouagadougou", "واغادوغو", 12.37, -1.53, "BFA"),
]  # fmt: skip
KINDS = [  # type, mode, trigger sentence (with {n} and {place}), actor, recipient
    ("COERCE", "arrest", "أوقفت عناصر الأمن {n} أشخاص يشتبه في انتمائهم لشبكة إجرامية بمدينة {place}", "STATE",
     "smugglers"),
    ("COERCE", "seize", "حجزت المصالح الأمنية {n} كيلوغراما من المخدرات في عملية نوعية قرب {place}", "STATE", None),
    ("ASSAULT", "explosives", "قتل {n} جنود في انفجار عبوة ناسفة استهدفت دورية عسكرية قرب {place}", "JNIM", "STATE"),
    ("ASSAULT", "firearms", "هاجم مسلحون مجهولون نقطة مراقبة في {place} ما أسفر عن سقوط {n} قتلى", "ISIL", "STATE"),
    ("PROTEST", "demo", "خرج {n} متظاهر في مسيرة احتجاجية وسط {place} للمطالبة بتحسين الأوضاع", "civilians", "STATE"),
    ("CONSULT", None, "عقد مسؤولون أمنيون اجتماعا في {place} لبحث التعاون في مكافحة الإرهاب", "STATE", None),
    ("MOBILIZE", None, "عززت القوات المسلحة انتشارها على الحدود قرب {place} بنحو {n} عنصر", "STATE", None),
    ("THREATEN", None, "هددت جماعة مسلحة بشن هجمات جديدة على المواقع العسكرية في {place}", "AQIM", "STATE"),
]  # fmt: skip
PAIRS = [("MAR", "DZA", -1), ("MAR", "MRT", 1), ("MAR", "ESP", 1), ("DZA", "MLI", -1), ("MLI", "NER", 1),
         ("MAR", "FRA", 1), ("DZA", "FRA", -1), ("TUN", "LBY", 1), ("MLI", "FRA", -1), ("MAR", "MLI", 1)]  # fmt: skip
FILLER = ["وأوضح المصدر أن التحقيقات ما تزال جارية تحت إشراف النيابة العامة المختصة",
          "وتأتي هذه العملية في سياق الجهود المتواصلة لتعزيز الأمن في المنطقة",
          "وأشارت المعطيات الأولية إلى تورط عناصر أخرى يجري البحث عنها",
          "ولم تصدر السلطات أي تعليق رسمي إلى حدود الساعة",
          "وتشهد المنطقة منذ أشهر توترا أمنيا متزايدا بسبب نشاط الجماعات المسلحة"]  # fmt: skip
SOURCES = ["hespress", "alyaoum24", "elkhabar", "alakhbar", "aps", "map", "france24-ar", "aljazeera"]


def _span(text: str, part: str) -> dict[str, Any]:
    start = text.index(part)
    return {"text": part, "start": start, "end": start + len(part)}


def make_record(i: int, rng: random.Random) -> dict[str, Any]:
    day = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(0, 1000))
    sentences, events, relations, quotes = [], [], [], []
    for k in range(rng.choice([1, 1, 2, 3])):
        type_, mode, trigger, actor, recipient = rng.choice(KINDS)
        name, name_ar, lat, lon, country = rng.choice(PLACES)
        sentence = trigger.format(n=rng.randint(2, 400), place=name_ar) + f" في العملية رقم {i}-{k}"
        sentences.append(sentence)
        events.append((f"V{k + 1}", type_, mode, sentence, actor.replace("STATE", country),
                       (recipient or "").replace("STATE", country) or None, (name, name_ar, lat, lon, country)))
    if rng.random() < 0.5:
        a, b, pol = rng.choice(PAIRS)
        state = "تشهد تنسيقا أمنيا متقدما" if pol > 0 else "تمر بأزمة حادة"
        sentences.append(f"وأكد المسؤول أن العلاقات بين البلدين {state}"
                         f" حسب التصريح رقم {i}")  # fmt: skip
        relations.append(("R1", a, b, pol, sentences[-1]))
        quotes.append(("Q1", "المسؤول", "أكد", sentences[-1]))
    sentences += rng.sample(FILLER, 2)
    text = "، ".join(sentences[:1]) + ".\n" + ".\n".join(sentences[1:]) + "."
    ev_out = []
    for local, type_, mode, sentence, actor, recipient, (name, name_ar, lat, lon, country) in events:
        ev_out.append({
            "id": local, "type": type_, "mode": mode, "acled": None, "status": "occurred",
            "actor": {"code": actor, "name": actor, "entity": None},
            "recipient": {"code": recipient, "name": recipient, "entity": None} if recipient else None,
            "place": {"name": name, "name_ar": name_ar, "geonames_id": None, "lat": lat + rng.uniform(-0.05, 0.05),
                      "lon": lon + rng.uniform(-0.05, 0.05), "country": country, "admin1": None, "precision": "town"},
            "date": {"value": day.isoformat(), "end": None, "precision": "day", "text": "اليوم"},
            "counts": {"people": None, "killed": None, "injured": None},
            "evidence": _span(text, sentence), "confidence": round(rng.uniform(0.4, 0.97), 3),
        })  # fmt: skip
    return {
        "id": f"syn-{i:06d}", "title": sentences[0][:60], "url": f"https://example.org/a/{i}",
        "source": rng.choice(SOURCES),
        "author": None, "published": day.isoformat(), "text": text, "entities": [], "events": ev_out,
        "quotes": [{"id": q, "speaker": {"text": s, "entity": None}, "cue": c, "kind": "indirect",
                    "evidence": _span(text, ev)} for q, s, c, ev in quotes],
        "relations": [{"id": r, "a": a, "b": b, "type": "COOPERATE" if p > 0 else "REJECT", "polarity": p,
                       "domain": "security", "attributed_to": "Q1", "evidence": _span(text, ev)}
                      for r, a, b, p, ev in relations],
        "provenance": {"marsad": "0.1.0", "stages": ["synthetic"], "config_sha256": "synthetic"}, "diagnostics": [],
    }  # fmt: skip


def records(n: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [make_record(i, rng) for i in range(n)]
