"""Golden relation tests on Arabic sentences written for these tests."""

from __future__ import annotations

from typing import Any


def _pairs(rec: dict[str, Any]) -> set[tuple[frozenset[str], int]]:
    return {(frozenset((r["a"], r["b"])), r["polarity"]) for r in rec["relations"]}


def test_weak_cooperation_between_two_states(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("وأكد الوزير أن التعاون الأمني بين تونس وليبيا يبقى ضعيفا بسبب الانقسام السياسي.")
    assert _pairs(rec) == {(frozenset({"TUN", "LBY"}), -1)}
    assert rec["relations"][0]["domain"] == "security"
    assert rec["relations"][0]["attributed_to"] == rec["quotes"][0]["id"]


def test_grouping_with_named_members_after_focus_word(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("قال وزير الخارجية المصري إن مصر تقيم تعاونا قويا مع دول الخليج، خصوصا مع السعودية والإمارات.")
    assert _pairs(rec) == {(frozenset({"EGY", "SAU"}), 1), (frozenset({"EGY", "ARE"}), 1)}


def test_weak_relation_with_grouping_caused_by_one_member(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("وأوضح أن التعاون الاقتصادي بين مصر ودول الخليج يعد محدودا بسبب الموقف الذي تتبناه قطر.")
    assert _pairs(rec) == {(frozenset({"EGY", "QAT"}), -1)}
    assert rec["relations"][0]["domain"] == "economy"


def test_refusal_by_a_state(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("ترفض الجزائر أي حوار مع المغرب حول هذا الملف.")
    assert _pairs(rec) == {(frozenset({"DZA", "MAR"}), -1)}


def test_grouping_without_named_members_is_one_party(analyse) -> None:  # type: ignore[no-untyped-def]
    """The guide: a relation between a country and a group of countries named by the text; the corpus
    brief names «دول الساحل» «Sahel states»."""
    rec = analyse("يقيم المغرب تعاونا أمنيا قويا مع دول الساحل.")
    assert _pairs(rec) == {(frozenset({"MAR", "Sahel states"}), 1)}


def test_regions_named_as_places_are_no_parties(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("وأكد الوزير أن التعاون الأمني بين مصر والولايات المتحدة ضروري لاستقرار الشرق الأوسط.")
    assert _pairs(rec) == {(frozenset({"EGY", "USA"}), 1)}


def test_an_organisation_is_a_party(analyse) -> None:  # type: ignore[no-untyped-def]
    """The corpus brief: a state and an organisation or a group of states (EU, GCC, AU, UN)."""
    rec = analyse("وقالت تونس إن شراكتها مع الاتحاد الأوروبي تشمل تعزيز التعاون الأمني مع الجزائر.")
    assert (frozenset({"TUN", "EU"}), 1) in _pairs(rec)


def test_negated_coordination_is_negative(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("وقال الخبير إنه لا يوجد أي تنسيق بين مصر وتركيا في هذا الملف.")
    assert _pairs(rec) == {(frozenset({"EGY", "TUR"}), -1)}


def test_the_two_countries_resolve_from_context(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse(
        "استقبل العاهل الأردني الرئيس العراقي في قصر الحسينية. وأشاد الجانبان بالعلاقات المتميزة بين البلدين."
    )
    assert (frozenset({"JOR", "IRQ"}), 1) in _pairs(rec)


def test_no_relation_without_two_parties(analyse) -> None:  # type: ignore[no-untyped-def]
    assert analyse("وأكد على أهمية التعاون الأمني لمواجهة التهديدات.")["relations"] == []


def test_a_state_right_after_the_noun_owns_it(analyse) -> None:  # type: ignore[no-untyped-def]
    """«الأزمة الليبية» is Libya's own crisis; «العلاقات المصرية الأمريكية» Egypt's relations with the US."""
    rec = analyse("وقال الوزير المصري إن المباحثات تناولت الأزمة الليبية.")
    assert all("LBY" not in pair for pair, _ in _pairs(rec))
    rec = analyse("وأشاد الوزير بالعلاقات المصرية الأمريكية في مجال مكافحة الإرهاب.")
    assert _pairs(rec) == {(frozenset({"EGY", "USA"}), 1)}
    rec = analyse("وأكد الخبير أن تعاون الجزائر مع مالي في مجال الأمن قوي جدا.")
    assert _pairs(rec) == {(frozenset({"DZA", "MLI"}), 1)}
