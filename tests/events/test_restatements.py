"""Golden tests: one event per happening — restatements join the first mention; generic mentions
code nothing. Arabic sentences written for these tests (not from the gold files)."""

from __future__ import annotations

from typing import Any


def _assaults(rec: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in rec["events"] if e["type"] == "ASSAULT"]


def test_definite_reference_with_a_toll_joins_the_first_mention(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("انفجرت عبوة ناسفة لدى مرور دورية عسكرية قرب مدينة كيدال أمس. "
                  "وأسفر الهجوم عن مقتل ثلاثة جنود وإصابة اثنين.")  # fmt: skip
    (ev,) = _assaults(rec)
    assert ev["mode"] == "explosives"
    assert ev["counts"]["people"] == 3  # taken over from the restatement


def test_demonstrative_reference_with_a_killing_joins(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("قتل ستة حراس في انفجار سيارة مفخخة أمام مقر الولاية بمدينة غاو صباح اليوم. "
                  "وقد قتل ستة من الحراس وأصيب آخرون في هذا الهجوم الذي لم تتبنه أي جهة.")  # fmt: skip
    assert len(_assaults(rec)) == 1


def test_reference_killing_other_people_stays_apart(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("قتل عشرة مدنيين في قصف على سوق بمدينة مركة أمس. "
                  "وقالت القوات في بيان إن المواجهة التي نشبت بعد ذلك أسفرت عن مقتل أربعة مسلحين.")  # fmt: skip
    assert sorted(e["counts"]["people"] for e in _assaults(rec)) == [4, 10]


def test_attributed_retelling_with_the_weapon_joins(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("قتل ثلاثة أشخاص في هجوم على قرية قرب مدينة موبتي أمس. "
                  "وقال مصدر أمني إن مسلحين أطلقوا النار على السكان في القرية أمس.")  # fmt: skip
    (ev,) = _assaults(rec)
    assert ev["mode"] == "firearms" and ev["counts"]["people"] == 3


def test_quoted_partial_toll_is_the_same_assault(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("قتل خمسة أشخاص في هجوم مسلح على سوق بمدينة غاو صباح اليوم. "
                  "وقال مسؤول محلي إن «المسلحين قتلوا ثلاثة مدنيين وجنديين».")  # fmt: skip
    (ev,) = _assaults(rec)
    assert ev["counts"]["people"] == 5


def test_another_attack_stays_a_separate_event(analyse) -> None:  # type: ignore[no-untyped-def]
    one = "قتل جنديان في هجوم على ثكنة بمدينة غاو أمس. وأصيب مدنيون في هجوم على سوق المدينة."
    two = "قتل جنديان في هجوم على ثكنة بمدينة غاو أمس. وأصيب مدنيون في هجوم آخر على سوق المدينة."
    assert len(_assaults(analyse(one))) == 1
    assert len(_assaults(analyse(two))) == 2


def test_kidnapping_is_not_the_killing(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("قتل حارسان في هجوم على فندق بمدينة سيفاري أمس. وقال مصدر إن الهجوم انتهى بعملية احتجاز رهائن.")
    assert sorted(e["mode"] or "" for e in _assaults(rec)) == ["", "abduct"]


def test_any_attack_and_areas_out_of_control_are_no_events(analyse) -> None:  # type: ignore[no-untyped-def]
    assert not _assaults(analyse("وحمل الجيش الحركة مسؤولية أي هجوم يستهدف قواته في المنطقة."))
    assert not _assaults(analyse("ولا تزال مناطق واسعة في الشمال خارج سيطرة الحكومة المركزية."))
    assert _assaults(analyse("سيطر المسلحون على بلدة حدودية بعد معارك مع الجيش أمس."))


def test_civilians_fleeing_is_no_retreat(analyse) -> None:  # type: ignore[no-untyped-def]
    def retreats(text: str) -> list[dict[str, Any]]:
        return [e for e in analyse(text)["events"] if e["type"] == "RETREAT"]

    assert not retreats("وقال شاهد إن معظم السكان فروا من القرية بعد وصول المسلحين.")
    assert retreats("وقال شاهد إن المسلحين فروا من القرية بعد وصول الجيش.")


def test_a_threat_is_coded_once_as_threaten(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("تعهد وزير الدفاع بسحق المسلحين الذين قتلوا آلاف المدنيين.")
    assert [e["type"] for e in rec["events"]] == ["THREATEN"]


def test_habits_are_background(analyse) -> None:  # type: ignore[no-untyped-def]
    assert not _assaults(analyse("وتخوض الجماعة اشتباكات مع الجيش من حين لآخر في المناطق الجبلية."))
    assert _assaults(analyse("وخاضت الجماعة اشتباكات مع الجيش أمس في المناطق الجبلية."))
    assert not _assaults(analyse("وكان المسلحون يستخدمون التلة في قصف الأحياء السكنية."))
    assert _assaults(analyse("وكان المسلحون قد قصفوا الأحياء السكنية أمس."))


def test_pluperfect_sentence_with_an_old_year_is_background(analyse) -> None:  # type: ignore[no-untyped-def]
    old = "وكان مسلحون قد سيطروا على مدينة غاو ومدن أخرى في شمال البلاد وأعلنوا فيها إمارة في ربيع عام 2012."
    new = "وكان مسلحون قد سيطروا على مدينة غاو ومدن أخرى في شمال البلاد وأعلنوا فيها إمارة في ربيع هذا العام."
    assert not _assaults(analyse(old, published="2025-03-12"))
    assert _assaults(analyse(new, published="2025-03-12"))


def test_tally_over_months_is_background(analyse) -> None:  # type: ignore[no-untyped-def]
    assert not _assaults(
        analyse("وقالت منظمة حقوقية يوم الاثنين إن أكثر من ثلاثمائة مدني قتلوا في الأشهر الستة الأولى من العام.")
    )
    assert _assaults(analyse("وقالت الشرطة يوم الاثنين إن ثلاثة مدنيين قتلوا في هجوم على حافلة."))


def test_the_attacker_tried_is_no_attempted_attack(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("قتل ثلاثة أشخاص في تفجير انتحاري قرب سوق مدينة غاو أمس. "
                  "وقال الوالي إن «منفذ الهجوم حاول دخول السوق لكن الحراس اعترضوه».")  # fmt: skip
    assert [e["status"] for e in _assaults(rec)] == ["occurred"]


def test_quoted_detail_with_another_weapon_is_the_same_assault(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("قتل سبعة مسلحين في قصف مدفعي على مواقعهم قرب مدينة تمبكتو أمس. "
                  "وأضاف المصدر أن «ثلاث سيارات تم تفجيرها في المكان ذاته».")  # fmt: skip
    (ev,) = _assaults(rec)
    assert ev["mode"] == "heavy-weapons"


def test_an_arrest_of_its_own_day_and_town_is_no_repetition_of_an_undated_one(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("أعلنت وزارة الداخلية المغربية عن تفكيك خلية إرهابية تنشط في عدة مدن. "
                  "وأوقفت عناصر الأمن أحد أعضاء الخلية في مدينة فاس أمس الثلاثاء.", published="2025-02-26")  # fmt: skip
    arrests = [e for e in rec["events"] if e["type"] == "COERCE"]
    got = sorted(((e["place"] or {}).get("name"), (e["date"] or {}).get("value")) for e in arrests)
    assert got == [("Fes", "2025-02-25"), ("Morocco", None)]
