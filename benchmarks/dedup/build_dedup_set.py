"""Build the cross-outlet dedup test set: real SaudiNewsNet reports of the same happenings
(several outlets, several days), plus variants written for the set (syndicated copies, a
reordered copy, rewordings, a follow-up and look-alike distractors), each as an analysis record
with hand-set events, and the expected event clusters.

Run from the repository root: ``python benchmarks/dedup/build_dedup_set.py`` (needs ../shared).
Writes tests/store/data/dedup/records.jsonl and clusters.json.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

from marsad.text.fold import fold

ROOT = Path(__file__).resolve().parents[2]
_CANDIDATES = (ROOT / ".." / "shared", ROOT / ".." / ".." / "shared")
SHARED = next((p for p in _CANDIDATES if p.is_dir()), _CANDIDATES[0])
SNN = SHARED / "data" / "saudinewsnet"
OUT = ROOT / "tests" / "store" / "data" / "dedup"

NAJRAN = {"name": "Najran", "name_ar": "نجران", "lat": 17.4924, "lon": 44.1277, "country": "SAU", "admin1": "Najran",
          "precision": "town"}  # fmt: skip
NAJRAN_REGION = {"name": "Najran Region", "name_ar": "منطقة نجران", "country": "SAU", "admin1": "Najran",
                 "precision": "admin1"}  # fmt: skip
LITH = {"name": "Al Lith", "name_ar": "الليث", "lat": 20.1497, "lon": 40.2664, "country": "SAU", "admin1": "Makkah",
        "precision": "town"}  # fmt: skip
JEDDAH = {"name": "Jeddah", "name_ar": "جدة", "lat": 21.5433, "lon": 39.1728, "country": "SAU", "admin1": "Makkah",
          "precision": "town"}  # fmt: skip
CAUCASUS = {"name": "North Caucasus", "name_ar": "القوقاز", "country": "RUS", "precision": "region"}
NALCHIK = {"name": "Nalchik", "name_ar": "نالتشيك", "lat": 43.4981, "lon": 43.6189, "country": "RUS",
           "admin1": "Kabardino-Balkaria", "precision": "town"}  # fmt: skip
THADIQ = {"name": "Thadiq", "name_ar": "ثادق", "lat": 25.2922, "lon": 45.8681, "country": "SAU", "admin1": "Riyadh",
          "precision": "town"}  # fmt: skip
BATHA = {"name": "Al Batha", "name_ar": "البطحاء", "lat": 24.0640, "lon": 51.5810, "country": "SAU",
         "admin1": "Eastern Province", "precision": "town"}  # fmt: skip
JAZAN = {"name": "Jazan Region", "name_ar": "جازان", "country": "SAU", "admin1": "Jazan", "precision": "admin1"}
KUWAIT = {"name": "Kuwait", "name_ar": "الكويت", "country": "KWT", "precision": "country"}

HOUTHI, SAU, RUS = ("HOUTHI", "Houthis"), ("SAU", "Saudi Arabia"), ("RUS", "Russia")
ISIL, KWT = ("ISIL", "Islamic State"), ("KWT", "Kuwait")

#: cluster → (type, mode, actor, recipient, place, date, counts, evidence keyword)
HAPPENINGS: dict[str, tuple[Any, ...]] = {
    "najran_projectile": ("ASSAULT", "heavy-weapons", HOUTHI, SAU, NAJRAN, "2015-08-02", {"killed": 1}, "مقذوف"),
    "najran_sergeant": ("ASSAULT", "heavy-weapons", HOUTHI, SAU, NAJRAN_REGION, "2015-08-07", {"killed": 1}, "مقذوف"),
    "lith_hacker": ("COERCE", "arrest", SAU, None, LITH, "2015-08-02", {"people": 1}, "هكر|هاكر|ضبط"),
    "caucasus_8": ("ASSAULT", "firearms", RUS, ISIL, CAUCASUS, "2015-08-02", {"killed": 8}, "ثماني|8"),
    "nalchik_14": ("ASSAULT", "firearms", RUS, None, NALCHIK, "2015-08-03", {"killed": 14}, "14|نالتشيك"),
    "thadiq_execution": ("SANCTION", "convict", SAU, None, THADIQ, "2015-08-01", {"people": 1}, "القتل|تعزير"),
    "batha_alcohol": ("COERCE", "seize", SAU, None, BATHA, "2015-08-03", {}, "تهريب|زجاج"),
    "batha_followup": ("COERCE", "seize", SAU, None, BATHA, "2015-08-12", {}, "اضافي"),
    "jazan_hashish": ("COERCE", "seize", SAU, None, JAZAN, "2015-08-03", {}, "حشيش|تهريب"),
    "kuwait_cells": ("COERCE", "arrest", KWT, ISIL, KUWAIT, "2015-08-01", {}, "القبض|توقيف|خلاي"),
    "jeddah_hacker": ("COERCE", "arrest", SAU, None, JEDDAH, "2015-08-02", {"people": 1}, "هكر|ضبط"),
}

#: (day file, index in it, cluster, variation): variation drops detail the way real extraction does.
REAL = [
    ("2015-08-02", 100, "najran_projectile", ""), ("2015-08-02", 150, "najran_projectile", "noactor"),
    ("2015-08-02", 228, "najran_projectile", "region"), ("2015-08-02", 542, "najran_projectile", ""),
    ("2015-08-02", 861, "najran_projectile", "nodate"), ("2015-08-02", 1002, "najran_projectile", "region"),
    ("2015-08-03", 313, "najran_projectile", ""), ("2015-08-03", 500, "najran_projectile", "nodate"),
    ("2015-08-03", 556, "najran_projectile", "noactor"), ("2015-08-03", 1188, "najran_projectile", "nodate"),
    ("2015-08-07", 71, "najran_sergeant", ""), ("2015-08-07", 325, "najran_sergeant", "nodate"),
    ("2015-08-02", 48, "lith_hacker", ""), ("2015-08-02", 626, "lith_hacker", "nodate"),
    ("2015-08-02", 867, "lith_hacker", "region"), ("2015-08-03", 744, "lith_hacker", "nodate"),
    ("2015-08-03", 1125, "lith_hacker", ""), ("2015-08-03", 1246, "lith_hacker", "nodate"),
    ("2015-08-02", 96, "caucasus_8", ""), ("2015-08-02", 622, "caucasus_8", "nodate"),
    ("2015-08-03", 823, "caucasus_8", "nodate"),
    ("2015-08-03", 98, "nalchik_14", ""), ("2015-08-04", 451, "nalchik_14", "nodate"),
    ("2015-08-01", 382, "thadiq_execution", ""), ("2015-08-01", 563, "thadiq_execution", "nodate"),
    ("2015-08-01", 819, "thadiq_execution", "country"), ("2015-08-01", 951, "thadiq_execution", ""),
    ("2015-08-01", 1165, "thadiq_execution", "nodate"),
    ("2015-08-03", 894, "batha_alcohol", ""), ("2015-08-03", 1012, "batha_alcohol", "nodate"),
    ("2015-08-03", 1046, "batha_alcohol", "region"), ("2015-08-03", 1291, "batha_alcohol", ""),
    ("2015-08-03", 1333, "jazan_hashish", ""), ("2015-08-01", 909, "kuwait_cells", ""),
]  # fmt: skip

#: Texts written for the set: (id, published, source, cluster, variation, text or None for a copy of REAL[i]).
WRITTEN: list[tuple[str, str, str, str, str, str]] = [
    ("w-najran-rewrite", "2015-08-04", "marsad-test", "najran_projectile", "",
     "سقط مقذوف عسكري أُطلق من داخل اليمن على منزل في حي فواز بمدينة نجران فجر الأحد، فقُتل الشاب عبدالله آل منصور "
     "البالغ ثمانية عشر عاماً، بحسب ما أعلنه المتحدث باسم الدفاع المدني في المنطقة. وباشرت فرق الدفاع المدني الموقع."),
    ("w-sergeant-rewrite", "2015-08-08", "marsad-test", "najran_sergeant", "nodate",
     "نعت القوات المشتركة الرقيب في الحرس الوطني ماجد السبيعي الذي استشهد متأثراً بإصابته بمقذوف عسكري "
     "في قطاع نجران الحدودي، وقدمت التعازي لأسرته."),
    ("w-kuwait-rewrite", "2015-08-02", "marsad-test", "kuwait_cells", "nodate",
     "أعلنت وزارة الداخلية الكويتية توقيف عناصر من خلايا تابعة لتنظيم داعش بالتنسيق مع الأجهزة الأمنية السعودية، "
     "وقالت إن التحقيقات مع الموقوفين مستمرة."),
    ("w-caucasus-rewrite", "2015-08-03", "marsad-test", "caucasus_8", "",
     "قالت اللجنة الوطنية الروسية لمكافحة الإرهاب إن قواتها الخاصة قتلت ثمانية مسلحين بايعوا تنظيم داعش "
     "في منطقة جبلية حرجية قرب الشيشان في شمال القوقاز."),
    ("w-batha-followup", "2015-08-12", "marsad-test", "batha_followup", "",
     "أعلنت الجمارك ضبط كميات إضافية من زجاجات الخمر في منفذ البطحاء في إطار القضية نفسها التي كشفت قبل أيام، "
     "بعد تفتيش شاحنة ثانية قادمة ضمن إرسالية فواكه."),
    ("w-jeddah-hacker", "2015-08-02", "marsad-test", "jeddah_hacker", "",
     "ضبطت شرطة جدة شاباً اخترق حسابات عدد من المتاجر الإلكترونية وابتز أصحابها، وأحالته إلى جهة التحقيق. "
     "وقال المتحدث الأمني إن الهكر اعترف بما نسب إليه."),
]  # fmt: skip
#: Syndicated copies (same text, another outlet and URL) and a reordered copy: (id, source index in REAL, how).
COPIES = [("w-copy-lith", 13, "copy"), ("w-copy-najran", 0, "copy"), ("w-reorder-thadiq", 27, "reorder")]

_SENT = re.compile(r"[^.!؟\n]+[.!؟]?")


def _load(day: str, index: int) -> dict[str, Any]:
    with zipfile.ZipFile(SNN / f"{day}.zip") as zf:
        data = json.loads(zf.read(f"{day}.json"))
    return dict(data[index])


def _evidence(text: str, keyword: str) -> dict[str, Any]:
    pattern = re.compile(fold(keyword))
    spans = [m.span() for m in _SENT.finditer(text) if m.group().strip()]
    start, end = next(((s, e) for s, e in spans if pattern.search(fold(text[s:e]))), spans[0])
    while text[start].isspace():
        start += 1
    while text[end - 1].isspace():
        end -= 1
    return {"text": text[start:end], "start": start, "end": end}


def _event(cluster: str, variation: str, text: str) -> dict[str, Any]:
    typ, mode, actor, rec, place, date, counts, keyword = HAPPENINGS[cluster]
    if variation == "region" and place.get("admin1"):
        place = {"name": place["admin1"], "country": place["country"], "admin1": place["admin1"], "precision": "admin1"}
    if variation == "country":
        place = {"name": place["country"], "country": place["country"], "precision": "country"}
    return {
        "id": "V1", "type": typ, "mode": mode, "acled": None, "status": "occurred",
        "actor": None if variation == "noactor" else {"code": actor[0], "name": actor[1], "entity": None},
        "recipient": {"code": rec[0], "name": rec[1], "entity": None} if rec else None,
        "place": place, "date": None if variation == "nodate" else {"value": date, "end": None, "precision": "day",
                                                                   "text": None},
        "counts": {"people": None, "killed": None, "injured": None} | counts,
        "evidence": _evidence(text, keyword), "confidence": 0.8,
    }  # fmt: skip


def _record(rid: str, text: str, title: str | None, source: str, *, url: str, published: str,
            event: dict[str, Any]) -> dict[str, Any]:  # fmt: skip
    return {"id": rid, "title": title, "url": url, "source": source, "author": None, "published": published,
            "text": text, "entities": [], "events": [event], "quotes": [], "relations": [],
            "provenance": None, "diagnostics": []}  # fmt: skip


def build() -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    records: list[dict[str, Any]] = []
    clusters: dict[str, list[str]] = {}
    real_texts = []
    for day, index, cluster, variation in REAL:
        art = _load(day, index)
        text = art["content"].strip()
        rid = f"snn-{day}-{index}"
        real_texts.append((rid, art, text, cluster))
        records.append(_record(rid, text, art["title"], art["source"], url=art["url"], published=day,
                               event=_event(cluster, variation, text)))  # fmt: skip
        clusters.setdefault(cluster, []).append(rid)
    for rid, published, source, cluster, variation, text in WRITTEN:
        records.append(_record(rid, text, None, source, url=f"https://example.org/{rid}", published=published,
                               event=_event(cluster, variation, text)))  # fmt: skip
        clusters.setdefault(cluster, []).append(rid)
    for rid, i, how in COPIES:
        _, art, text, cluster = real_texts[i]
        if how == "reorder":
            sents = [s.strip() for s in _SENT.findall(text) if s.strip()]
            text = " ".join([sents[0], *reversed(sents[1:])])
        published = REAL[i][0] if how == "copy" else "2015-08-02"
        records.append(_record(rid, text, art["title"], "wire-copy", url=f"https://example.org/{rid}",
                               published=published, event=_event(cluster, REAL[i][3], text)))  # fmt: skip
        clusters.setdefault(cluster, []).append(rid)
    return records, clusters


def main() -> None:
    records, clusters = build()
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "records.jsonl").open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    gold = {name: [[rid, "V1"] for rid in ids] for name, ids in clusters.items()}
    (OUT / "clusters.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(records)} records, {len(clusters)} clusters → {OUT}")


if __name__ == "__main__":
    main()
