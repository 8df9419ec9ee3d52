"""The context checks that tell a speech cue from the same word in another sense."""

from __future__ import annotations

from typing import Any

import pytest

from marsad.quotes.context import between_sense, in_relative_clause, opens_clause, quotation_before
from marsad.text.fold import fold


def _cues(rec: dict[str, Any]) -> list[str]:
    return [fold(q["cue"]) for q in rec["quotes"]]


@pytest.mark.parametrize(
    "text",
    ["المباراة بين الهلال والنصر", "من بين الموقعين على البيان", "حي يقع بين «المدينة القديمة» و«جبل الزيتون»",
     "فالسيمانة ما بين 11 و17 يناير"],
)  # fmt: skip
def test_between_two_things(text: str) -> None:
    i = text.index("بين")
    assert between_sense(text, i, i + 3, len(text))


def test_bayyana_with_its_speaker_is_speech() -> None:
    text = "وبين المتحدث باسم الوزارة، وهو يتحدث للصحفيين، أن الوضع مستقر"
    assert not between_sense(text, 0, 4, len(text))


def test_relative_clauses() -> None:
    text = "الأحزاب التي أعلنت مقاطعتها، ما تم تداوله، والذي اعتبره"
    assert in_relative_clause(text, text.index("أعلنت"))
    assert in_relative_clause(text, text.index("تداوله"))
    assert in_relative_clause(text, text.index("اعتبره"))
    assert not in_relative_clause("وأعلنت الوزارة", 0)


def test_a_participle_opens_a_clause_after_a_comma_or_waw() -> None:
    text = "أعلنت الوزارة، مؤكدة أن … إصابة مؤكدة"
    assert opens_clause(text, text.index("مؤكدة"), "")
    assert not opens_clause(text, text.rindex("مؤكدة"), "")
    assert opens_clause("ومشيرا", 0, "و")


def test_quotation_before_a_postposed_cue() -> None:
    text = "فلا “وجود لها في هذا الوقت”، يضيف المتحدث."
    span = quotation_before(text, text.index("يضيف"), 0)
    assert span is not None and text[span[0] : span[1]] == "وجود لها في هذا الوقت"
    assert quotation_before("وقال المتحدث", 5, 0) is None


@pytest.mark.parametrize(
    "text",
    [
        "وكانت إصابة مؤكدة بالفيروس قد سجلت في المدينة.",
        "وجاءت النتائج كما كان متوقعا في الجولة الأولى.",
        "ويلعب ليفربول مع مضيفه ستوك سيتي يوم السبت.",
        "ورفع المحتجون لافتات كتب عليها: «ارحل».",
        "قال صلى الله عليه وسلم: «انصر أخاك ظالما أو مظلوما».",
        "وظهرت بوادر مراجعة لدى الأحزاب التي أعلنت سابقا مقاطعتها للانتخابات.",
        "وتحدثت الصحيفة عن قدرتها على الرواج في السوق، شريطة أن ترتقي بأدواتها.",
    ],
)
def test_no_quote_from_a_word_in_another_sense(analyse, text: str) -> None:  # type: ignore[no-untyped-def]
    assert analyse(text)["quotes"] == [], _cues(analyse(text))


def test_postposed_cue_reports_the_quotation_before(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("واما الطبقة المتوسطة، فلا “وجود لها في هذا الوقت”، يضيف المتحدث.")
    assert _cues(rec) == ["يضيف"]
    assert rec["quotes"][0]["evidence"]["text"] == "وجود لها في هذا الوقت"


def test_kama_after_the_clause_reports_it(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("وأسفر الانفجار عن مقتل 15 شخصا على الأقل، كما صرح المتحدث باسم الرئيس الأفغاني.")
    assert _cues(rec) == ["صرح"]
    assert rec["quotes"][0]["evidence"]["text"].startswith("وأسفر الانفجار")


def test_qawluhu_reported_by_naql(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("ونقلت وكالة تسنيم للأنباء عن عباس عراقجي نائب وزير الخارجية قوله في فيينا “لا يمكنني التعهد بذلك”.")
    q = next(q for q in rec["quotes"] if fold(q["cue"]) == "قوله")
    assert q["speaker"]["text"].startswith("عباس عراقجي")
    assert q["evidence"]["text"].startswith("لا يمكنني")
    assert "قوله" not in _cues(analyse("ولم يتراجع عن قوله إن الحل قريب."))


def test_a_reported_clause_inside_a_quote_with_its_own_complementizer(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("وقال مفاوض إيراني رفيع إنه سيتم توقيع اتفاق نووي لكنه نبه إلى أنه لا يزال يتعين بذل مزيد من الجهد.")
    assert _cues(rec) == ["قال", "نبه"]


def test_strict_cue_needs_its_complementizer_close(analyse) -> None:  # type: ignore[no-untyped-def]
    assert _cues(analyse("وبين المتحدث باسم وزارة الداخلية أن الوضع مستقر.")) == ["بين"]
    text = "وتابع الفريق مشواره في البطولة رغم الإصابات التي لحقت بلاعبيه الأساسيين قبل أن يتأهل."
    assert _cues(analyse(text)) == []
