"""Coreference decisions on their own (no database): golden Arabic-news cases."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from marsad.store.coref import CorefSettings, Mention, date_interval, decide, haversine_km, is_update, word_overlap
from marsad.store.dedup import NearDupIndex, shingles, signature

CFG = CorefSettings()
D = dt.date(2025, 2, 26)


def m(**kw: object) -> Mention:
    base: dict[str, object] = {"type": "COERCE", "mode": "arrest", "actor_code": "MAR", "recipient_code": "ISIL",
                               "place_name": "Rabat", "country": "MAR", "admin1": "Rabat-Salé-Kénitra",
                               "lat": 34.02, "lon": -6.84, "place_precision": "town", "date_value": D,
                               "date_precision": "day", "published": D}  # fmt: skip
    return Mention(**(base | kw))  # type: ignore[arg-type]


def test_same_happening_merges_with_explanation() -> None:
    verdict, d = decide(m(), m(lat=34.05, lon=-6.80, place_name="Salé"), CFG)
    assert verdict == "merge" and d.matched["place"] == "near" and d.matched["actors"] == "ISIL,MAR"


def test_conflicts_keep_events_apart() -> None:
    assert decide(m(), m(type="ASSAULT"), CFG)[0] == "distinct"
    assert decide(m(), m(mode="seize"), CFG)[0] == "distinct"
    assert decide(m(), m(actor_code="DZA", recipient_code="AQIM"), CFG)[0] == "distinct"
    assert decide(m(), m(country="DZA"), CFG)[0] == "distinct"
    assert decide(m(), m(lat=30.42, lon=-9.60, place_name="Agadir"), CFG)[0] == "distinct"
    assert decide(m(), m(date_value=D + dt.timedelta(days=5)), CFG)[0] != "merge"  # at most a continuation


def test_precision_windows() -> None:
    month = m(date_value=dt.date(2025, 2, 1), date_precision="month", place_precision="country", lat=None,
              lon=None, place_name="Morocco")  # fmt: skip
    assert date_interval(month) == (dt.date(2025, 2, 1), dt.date(2025, 2, 28))
    assert decide(m(), month, CFG)[0] == "merge"  # both actors on a day inside the month
    undated = m(date_value=None, date_precision=None, published=D + dt.timedelta(days=1))
    assert decide(m(), undated, CFG)[0] == "merge"
    late = m(date_value=None, date_precision=None, published=D + dt.timedelta(days=6))
    assert decide(m(), late, CFG)[0] != "merge"


def test_one_shared_actor_and_a_province_needs_shared_wording() -> None:
    region = m(recipient_code=None, lat=None, lon=None, place_name="Rabat-Salé-Kénitra", place_precision="admin1")
    one = m(recipient_code=None)
    assert decide(one, region, CFG, overlap=0.05)[0] == "distinct"
    assert decide(one, region, CFG, overlap=0.3)[0] == "merge"


def test_update_continues_instead_of_merging() -> None:
    later = m(mode="seize", date_value=D + dt.timedelta(days=9))
    assert decide(later, m(mode="seize"), CFG)[0] == "continues"
    assert is_update("وحجزت المصالح الأمنية محجوزات إضافيّة") and not is_update("أوقفت الشرطة شخصين")


def test_near_duplicate_signatures() -> None:
    a = "أعلنت المديرية العامة للأمن الوطني توقيف ثلاثة أشخاص بمدينة فاس للاشتباه في تورطهم في السرقة بالعنف"
    b = "أعلنت المديريّة العامة للأمن الوطني توقيف ثلاثة أشخاص بمدينة فاس للاشتباه في تورطهم في السرقة بالعنف."
    c = "انطلقت اليوم فعاليات المعرض الدولي للكتاب بالدار البيضاء بمشاركة مئات الناشرين من دول عربية وأجنبية"
    index = NearDupIndex(0.6)
    sig_a, sig_b, sig_c = signature(a), signature(b), signature(c)
    assert sig_a is not None and sig_b is not None and sig_c is not None
    index.add("a", sig_a)
    found = index.best(sig_b)
    assert found is not None and found.article_id == "a" and found.similarity > 0.9
    assert index.best(sig_c) is None
    assert signature("قصير جدا") is None


@given(st.floats(-80, 80), st.floats(-170, 170))
def test_haversine_is_zero_on_the_same_point(lat: float, lon: float) -> None:
    assert haversine_km(lat, lon, lat, lon) < 1e-6


@given(st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهوي ", min_size=0, max_size=60))
def test_shingles_and_overlap_are_well_behaved(text: str) -> None:
    assert word_overlap(text, text) in (0.0, 1.0)
    assert all(g.strip() for g in shingles(text))
