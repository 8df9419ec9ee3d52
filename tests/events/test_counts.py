"""Counts of people: the phrase grammar (numbers, nouns, duals, ranges, tolls) and which event governs them."""

from __future__ import annotations

from typing import Any

import pytest

from marsad.datafiles import read_tsv
from marsad.events.counts import find_counts, noun_role
from marsad.events.numbers import parse_number
from marsad.text.fold import fold


@pytest.mark.parametrize(
    ("name", "columns"),
    [("data/number_words.tsv", ("word",)), ("data/count_nouns.tsv", ("singular", "plural")),
     ("data/count_cues.tsv", ("word",))],
)  # fmt: skip
def test_count_lexicons_are_folded_without_duplicates(name: str, columns: tuple[str, ...]) -> None:
    seen: set[tuple[str, ...]] = set()
    for row in read_tsv("marsad.events", name):
        words = [w for c in columns for w in row[c].split(",") if w]
        for w in words:
            assert fold(w) == w, (name, w)
        key = tuple(words) + ((row["position"],) if "position" in row else ())
        assert key not in seen, (name, key)
        seen.add(key)
    assert len(seen) > 10


def test_number_words() -> None:
    assert parse_number("اثنا عشر") == 12
    assert parse_number("خمسه وعشرين") == 25
    assert parse_number("ثلاثه الاف") == 3000
    assert parse_number("3 الاف") == 3000
    assert parse_number("1,233") == 1233
    assert parse_number("كثير") is None
    assert parse_number("ثلاثه اربعه") is None  # two numbers, not seven
    assert parse_number(fold("سبعمائة وخمسون")) == 750  # hundreds written as one word
    assert parse_number(fold("ثلاثمئة ألف")) == 300_000


def _counts(s: str) -> list[tuple[str, int | None]]:
    return [(h.kind, h.value) for h in find_counts(fold(s))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("اعتقال ثلاثة أشخاص", [("people", 3)]),
        ("لقي 5 جنود مصرعهم", [("killed", 5)]),
        ("مقتل 9 أشخاص وإصابة 12 آخرين", [("killed", 9), ("injured", 12)]),
        ("قتل ما لا يقل عن شخصين", [("killed", 2)]),
        ("مقتل سبعة من قادة التنظيم", [("killed", 7)]),
        ("إنقاذ ثلاثمائة مهاجر من الغرق", [("people", 300)]),
        ("أسفرت عن مصرع ٧٧ متمرداً", [("killed", 77)]),  # Eastern digits, tanween
        ("أودى بحياة 32 شخصا", [("killed", 32)]),
        ("اثنان قتلا في كمين", [("killed", 2)]),
        ("11 قتلوا في قاعدة للحرس", [("killed", 11)]),
        ("تمكنت من الإطاحة ب3 مهربين", [("people", 3)]),
        ("4مهرّبين تمّ توقيفهم", [("people", 4)]),
        ("ضرب البارح جوج بوليس", [("people", 2)]),  # Darija «جوج»
        ("إيقاف عناصرها الثلاثة", [("people", 3)]),  # a definite number after its noun
        ("مقتل عسكريين تركيين اثنين", [("killed", 2)]),
        ("اختطف مسلحون أربعة إيطاليين", [("people", 4)]),  # a plural of relation is people
    ],
)
def test_numbers_words_and_duals(text: str, expected: list[tuple[str, int | None]]) -> None:
    assert _counts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قتل حوالي 30 شخصا", [("killed", 30)]),
        ("اعتقال أكثر من 20 عنصرا", [("people", 20)]),
        ("قرابة ثلاثة آلاف مقاتل شاركوا في الهجوم", [("people", 3000)]),  # taking part: not killed
        ("توقيف ما بين 10 و15 شخصا", [("people", 10)]),  # a range: its lower bound, as ACLED
        ("نقل من 10 إلى 15 مهاجرا", [("people", 10)]),
        ("22 شخصا على الأقل معظمهم من رجال ميليشيا محلية قتلوا", [("killed", 22)]),
        ("العشرات سقطوا قتلى في اشتباكات", [("killed", None)]),  # vague: claims, no number
        ("اعتقال العشرات من العناصر المتشددة", [("people", None)]),
        ("تظاهر مئات الفلسطينيين أمام المقر", [("people", None)]),
    ],
)
def test_ranges_approximations_and_vague_amounts(text: str, expected: list[tuple[str, int | None]]) -> None:
    assert _counts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one side's toll is not dropped for the other's
        ("إن 19 على الأقل من مقاتلي بوكو حرام وجنديين من تشاد قتلوا في اشتباكات", [("killed", 21)]),
        ("مقتل 5 جنود و10 مسلحين في الاشتباكات", [("killed", 15)]),
        ("تم إيقاف عنصرين ضمن نفس الشبكة، وكذا شخصين آخرين", [("people", 4)]),
        ("بإدراج المرشد العام محمد بديع و17 آخرين على القائمة", [("people", 18)]),  # one named and 17 others
        ("قتل أربعة أشخاص بينهم عسكريان ومهاجم", [("killed", 4)]),  # a breakdown is no new count
        ("قتل شخصان وأصيب عشرة بجروح", [("killed", 2), ("injured", 10)]),
    ],
)
def test_tolls_and_coordinated_counts(text: str, expected: list[tuple[str, int | None]]) -> None:
    assert _counts(text) == expected


@pytest.mark.parametrize(
    "text",
    ["حكم عليه بالسجن 10 سنوات", "حجز 60 كيلوغرام من الحشيش", "سقوط أكثر من 300 قذيفة على البلدة",
     "قتل في هجوم يوم 9 فبراير 2018، من الاستدلال على المتهم", "قاتلت حركة طالبان القوات الحكومية"],
)  # fmt: skip
def test_measures_things_years_and_names_count_no_one(text: str) -> None:
    assert _counts(text) == []


def test_noun_forms() -> None:
    assert noun_role("شخصين") == ("person", "du")
    assert noun_role("امراتين") == ("person", "du")  # «امرأتين»: ة becomes ت before the dual
    assert noun_role("مهاجرين") == ("person", "pl")  # a sound plural is not read as a dual
    assert noun_role("مقاتلي") == ("person", "pl")  # construct: «مقاتلي بوكو حرام»
    assert noun_role("للفتيات") == ("person", "pl")
    assert noun_role("طالبان") is None


def _one(rec: dict[str, Any], typ: str, mode: str | None = None) -> dict[str, Any]:
    found = [e for e in rec["events"] if e["type"] == typ and (mode is None or e["mode"] == mode)]
    assert found, [(e["type"], e["mode"]) for e in rec["events"]]
    return found[0]


def _people(rec: dict[str, Any], typ: str, mode: str | None = None) -> int | None:
    return _one(rec, typ, mode)["counts"]["people"]  # type: ignore[no-any-return]


def test_the_arrest_not_the_seizure_takes_the_people(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("تمكنت عناصر الدرك من حجز طنين من مخدر الشيرا وتوقيف 12 شخصا بضواحي الناظور.")
    assert _people(rec, "COERCE", "arrest") == 12
    assert _one(rec, "COERCE", "seize")["counts"] == {"people": None, "killed": None, "injured": None}


def test_three_people_arrested(analyse) -> None:  # type: ignore[no-untyped-def]
    assert _people(analyse("أعلنت المديرية العامة للأمن الوطني توقيف ثلاثة أشخاص بمدينة فاس."), "COERCE", "arrest") == 3


def test_people_taking_part_are_not_killed(analyse) -> None:  # type: ignore[no-untyped-def]
    ev = _one(analyse("شارك قرابة ثلاثة آلاف مقاتل في الهجوم المسلح على المدينة."), "ASSAULT")
    assert ev["counts"]["killed"] is None


def test_abducted_people_are_not_killed(analyse) -> None:  # type: ignore[no-untyped-def]
    ev = _one(analyse("اختطف مسلحون مجهولون أربعة مهندسين أجانب جنوب البلاد."), "ASSAULT", "abduct")
    assert ev["counts"]["people"] == 4 and ev["counts"]["killed"] is None


def test_both_sides_tolls_are_summed(analyse) -> None:  # type: ignore[no-untyped-def]
    ev = _one(analyse("قتل 5 جنود و10 مسلحين في اشتباكات عنيفة قرب الحدود."), "ASSAULT")
    assert ev["counts"]["killed"] == 15


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("تمكنت الشرطة من توقيف أستاذ للتعليم الابتدائي بمدينة القصر الكبير.", 1),
        ("وبعد مطاردة قصيرة، تمكنت عناصر الشرطة من إلقاء القبض عليه بمدينة طنجة.", 1),
        ("وقررت النيابة العامة إيقافهما على خلفية القضية.", 2),
        ("اعتقلت القوات الأمنية أحد المنتمين للتنظيم في الرمادي.", 1),
    ],
)
def test_an_arrest_of_persons_it_names(analyse_both, text: str, people: int) -> None:  # type: ignore[no-untyped-def]
    assert _people(analyse_both(text), "COERCE", "arrest") == people


def test_a_statement_counts_no_one(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("أكد الوزيران خلال لقائهما بالرباط أهمية التنسيق الأمني بين البلدين.")
    assert all(e["counts"]["people"] is None for e in rec["events"])
