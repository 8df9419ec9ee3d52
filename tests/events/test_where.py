"""Golden tests for where an event happened (marsad.events.where), on sentences written for them."""

from __future__ import annotations

from typing import Any

import pytest

from marsad.events.where import _locative


def _events(rec: dict[str, Any], typ: str, mode: str | None = None) -> list[dict[str, Any]]:
    found = [e for e in rec["events"] if e["type"] == typ and (mode is None or e["mode"] == mode)]
    assert found, f"no {typ}/{mode} in {[(e['type'], e['mode']) for e in rec['events']]}"
    return found


def _place(ev: dict[str, Any]) -> tuple[str | None, str | None]:
    place = ev["place"] or {}
    return place.get("name"), place.get("country")


def test_dateline_is_not_where_it_happened(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("الرباط - «وكالات»: اعتقلت الشرطة ثلاثة أشخاص في مدينة فاس أمس بتهمة السرقة.")
    assert _place(_events(rec, "COERCE", "arrest")[0]) == ("Fes", "MAR")


def test_place_after_a_distance_is_a_landmark(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("وفي مدينة قابس، على بعد 400 كيلومتر من العاصمة تونس، قتل مسلحون شرطيين اثنين.")
    name, country = _place(_events(rec, "ASSAULT")[0])
    assert country == "TUN" and name == "Gabès"


def test_sentence_without_place_continues_the_paragraph(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("وفي مدينة أكادير المغربية حجزت الشرطة طنا من مخدر الشيرا. وأوقفت عناصر الأمن أربعة مشتبه بهم.")
    assert _place(_events(rec, "COERCE", "arrest")[0]) == ("Agadir", "MAR")


def test_later_paragraph_keeps_the_place_of_the_first_located_event(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("قتل ثلاثة جنود في هجوم مسلح على ثكنة في مدينة غاو شمال مالي أمس.\n"
                  "وأضاف المصدر أن الجيش اعتقل لاحقا خمسة من المهاجمين.")  # fmt: skip
    assert _place(_events(rec, "COERCE", "arrest")[0]) == ("Gao", "MLI")


def test_each_report_of_a_digest_has_its_own_country(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("* الرباط - «وكالات»: اعتقلت الشرطة في المغرب خمسة أشخاص في طنجة، "
                  "وقالت سلطات المغرب إنهم مهربون.\n\n"
                  "* نواكشوط - «وكالات»: قال مصدر أمني إن مسلحين خطفوا سائحا أجنبيا أمس. "
                  "وكانت موريتانيا قد شددت الحراسة.")  # fmt: skip
    assert _place(_events(rec, "COERCE", "arrest")[0]) == ("Tangier", "MAR")
    assert _place(_events(rec, "ASSAULT", "abduct")[0])[1] == "MRT"


def test_statement_without_a_locative_has_no_place_but_its_country(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("بعث العاهل المغربي برقية تهنئة إلى رئيس الجمهورية التونسية بمناسبة العيد الوطني.")
    assert _place(_events(rec, "SUPPORT")[0]) == (None, "MAR")


def test_statement_is_placed_by_its_locative(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("التقى وزير الخارجية الموريتاني أمس نظيره الجزائري في وهران لبحث أمن الحدود.")
    assert _place(_events(rec, "CONSULT")[0]) == ("Oran", "DZA")


def test_place_of_the_event_condemned_is_not_the_statement_place(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("أدانت وزارة الخارجية المغربية الهجوم المسلح الذي قتل فيه ثلاثة جنود في مدينة غاو شمال مالي.")
    assert _place(_events(rec, "ACCUSE")[0]) == (None, "MAR")
    assert _place(_events(rec, "ASSAULT")[0]) == ("Gao", "MLI")


@pytest.mark.parametrize(
    ("text", "visit", "expected"),
    [
        ("اجتمع الوزيران في الرباط", False, True),
        ("اجتمع الوزيران بمدينة الرباط", False, True),
        ("اجتمع الوزيران بالرباط", False, True),
        ("سفير المملكة لدى الرباط", False, True),
        ("عاد الوفد إلى الرباط", False, False),
        ("وصل الوفد إلى الرباط", True, True),
        ("رئيس حكومة الرباط", False, False),
        ("يتوجه الرئيس إلى العاصمة المغربية الرباط", True, True),  # a relative adjective after the place noun
        ("اجتمع الوزيران في المنطقة الشمالية من الرباط", False, False),
        ("قال رئيس الحكومة المغربية الرباط", False, False),  # no locative before the adjective
    ],
)
def test_locative_words(text: str, visit: bool, expected: bool) -> None:
    start = text.rindex("الرباط")
    assert _locative(text, start, visit) is expected


def test_deed_without_time_takes_the_day_of_the_sentence_before(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("قتل مسلحون خمسة قرويين أمس في هجوم على قرية قرب مدينة غاو شمال مالي. "
                  "وأحرق المهاجمون عشرات المنازل. وأدانت الحكومة المالية الهجوم بشدة.",
                  published="2025-03-12")  # fmt: skip
    burnt = _events(rec, "ASSAULT", "destroy")[0]
    assert burnt["date"]["value"] == "2025-03-11"
    assert _place(burnt) == ("Gao", "MLI")
    assert _events(rec, "ACCUSE")[0]["date"] is None  # a statement is not dated by the deed before it


def test_a_city_of_a_million_places_an_event_though_its_country_is_never_named(analyse) -> None:  # type: ignore[no-untyped-def]
    """The article never names the United States, yet «في نيويورك» is where the arrest was: a town in
    an unnamed country is usually a common word read as a place, a city of a million never is."""
    rec = analyse("اعتقلت الشرطة مسؤولا سابقا في الاتحاد الدولي لكرة القدم في نيويورك أمس.")
    assert _place(_events(rec, "COERCE", "arrest")[0]) == ("New York City", "USA")


def test_city_bound_to_a_proclitic_beats_the_country_of_the_sentence(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("أوقفت الشرطة الجزائرية بقسنطينة ثلاثة أشخاص ينشطون في الجزائر ضمن شبكة تهريب.")
    assert _place(_events(rec, "COERCE", "arrest")[0]) == ("Constantine", "DZA")


def test_town_of_a_country_the_article_never_names(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("أوقفت عناصر الشرطة شخصا بمدينة الصويرة للاشتباه في تورطه في السرقة.")
    assert _place(_events(rec, "COERCE", "arrest")[0]) == ("Essaouira", "MAR")


def test_time_word_after_a_city_is_no_place(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("اعتقلت الشرطة في الرباط، صباح اليوم، أربعة مشتبه بهم.")
    assert _place(_events(rec, "COERCE", "arrest")[0]) == ("Rabat", "MAR")


def test_district_of_a_chain_is_the_place_not_the_country(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("أوقفت الشرطة المغربية مروجا للمخدرات بحي لالة مريم بالدار البيضاء.")
    ev = _events(rec, "COERCE", "arrest")[0]
    assert ev["place"]["precision"] == "neighbourhood" and ev["place"]["country"] == "MAR"
    assert ev["place"]["parent"] == "Casablanca" and ev["place"]["lat"] is not None


def test_towns_that_detail_the_country_of_the_clause(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("تجددت الاشتباكات في جنوب ليبيا، خاصة في مدينة سبها، بين قبيلتين.")
    assert _place(_events(rec, "ASSAULT")[0]) == ("Sabha", "LBY")


def test_towns_that_detail_the_country_after_a_short_clause(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("أعربت البعثة عن قلقها إزاء تجدد الاشتباكات في جنوب ليبيا، بين قبيلتي التبو والطوارق، "
                  "خاصة في مدن سبها وأوباري، ما أدى إلى مقتل 60 شخصا.")  # fmt: skip
    assert _place(_events(rec, "ASSAULT")[0]) == ("Sabha", "LBY")


def test_homonym_in_the_region_the_news_covers(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("قتل ستة جنود في هجوم مسلح بديفا.")
    assert _place(_events(rec, "ASSAULT")[0]) == ("Diffa", "NER")


def test_the_day_of_the_report_is_not_the_day_of_the_deed(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("قتل 21 شخصا في هجوم على قرية بشمال شرق نيجيريا، بحسب ما ذكر الأهالي أمس السبت.",
                  published="2015-07-26")  # fmt: skip
    assert _events(rec, "ASSAULT")[0]["date"] is None


def test_a_time_of_the_relative_clause_does_not_date_the_condemnation(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("أدان السفير المغربي التفجير الإرهابي الذي استهدف، أمس، مسجدا في مدينة أبها.",
                  published="2015-08-08")  # fmt: skip
    (ev,) = [e for e in rec["events"] if e["type"] == "ACCUSE"]
    assert ev["date"] is None


def test_an_assault_told_first_in_a_country_takes_the_town_a_later_sentence_gives(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("نفت بعثة الاتحاد الإفريقي في الصومال الاتهامات الموجهة لها بقتل 20 مدنيا جنوبي البلاد. "
                  "وقالت مصادر طبية أمس إن القوات قتلت المدنيين في مدينة مركة الساحلية.")  # fmt: skip
    places = {_place(e) for e in _events(rec, "ASSAULT")}
    assert places == {("Marka", "SOM")}


def test_an_operation_in_a_country_keeps_it_beside_one_town_of_it(analyse) -> None:  # type: ignore[no-untyped-def]
    # one arrest of the cell is placed in a town; the dismantling of the whole cell stays in Morocco
    rec = analyse("أعلن المكتب المركزي للأبحاث القضائية تفكيك خلية إرهابية في المغرب تضم 12 عنصرا. "
                  "وأوقفت عناصر الأمن أحد أفرادها في مدينة حد السوالم.")  # fmt: skip
    places = [_place(e) for e in _events(rec, "COERCE")]
    assert ("Morocco", "MAR") in places or (None, "MAR") in places


def test_an_event_in_a_list_of_towns_is_the_countrys(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("نظم مهنيو النقل السياحي اليوم الخميس وقفات احتجاجية في مجموعة من المدن، بينها وجدة وتطوان "
                  "وكازا وفاس وأكادير ومراكش، للمطالبة بدعمهم.")  # fmt: skip
    assert _place(_events(rec, "PROTEST")[0]) == ("Morocco", "MAR")


def test_one_town_or_two_stay_the_events_place(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("نظم مهنيو النقل السياحي اليوم الخميس وقفة احتجاجية في وجدة وتطوان للمطالبة بدعمهم.")
    assert _place(_events(rec, "PROTEST")[0]) == ("Oujda", "MAR")


def test_a_restatement_naming_a_town_refines_a_division(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("قتل 22 شخصا في هجوم انتحاري في إقليم قندز شمالي أفغانستان مساء أمس. "
                  "ووقع الهجوم في بلدة خان آباد.")  # fmt: skip
    assert [_place(e) for e in _events(rec, "ASSAULT")] == [("Khanabad", "AFG")]


def test_a_reported_reference_back_refines_the_place_even_unkept(analyse_both) -> None:  # type: ignore[no-untyped-def]
    # the model keeps no event in the second sentence: «الهجوم» only says where the first happened
    rec = analyse_both("قال مسؤولون إن 22 شخصا على الأقل قتلوا في إقليم قندز في شمالي أفغانستان مساء أول من أمس "
                  "عندما فجر انتحاري من طالبان مركبة ملغومة. وقال المتحدث باسم شرطة قندز إن الهجوم وقع "
                  "في ضاحية خان آباد وسط تجمع للميليشيا المؤيدة للحكومة.", published="2015-08-10")  # fmt: skip
    (ev,) = _events(rec, "ASSAULT")
    assert _place(ev) == ("Khanabad", "AFG") and ev["date"]["value"] == "2015-08-08"


def test_an_arrest_by_the_security_district_concerned_is_placed_there(analyse_both) -> None:  # type: ignore[no-untyped-def]
    rec = analyse_both("قادت مصالح الشرطة القضائية بمنطقة أمن سيدي البرنوصي أبحاثا حول سرقة سيارة بالعنف شهدها "
                       "حي سيدي مومن بالدار البيضاء. وذكر مصدر أن الأبحاث مكنت مصالح الشرطة بالمنطقة "
                       "الأمنية المعنية، اليوم الاثنين، من الاستدلال على شخصين، "
                       "وبالتالي إيقافهما على خلفية القضية.")  # fmt: skip
    arrests = [e for e in rec["events"] if e["type"] == "COERCE" and "إيقاف" in e["evidence"]["text"]]
    assert [_place(e) for e in arrests] == [("Sidi Bernoussi", "MAR")]


def test_a_place_of_the_deed_a_statement_speaks_of_is_not_where_it_was_made(analyse_both) -> None:  # type: ignore[no-untyped-def]
    # «الاعتداءات» is told as no event of its own here, yet «في كابل» is the attacks' place, not the call's
    rec = analyse_both("وقال البيت الأبيض في بيان إن مساعدة الرئيس ليزا موناكو تحدثت مع مستشار الأمن القومي "
                       "الأفغاني حنيف اتمار للتعبير عن تعازي الشعب الأميركي للقتلى والجرحى في الاعتداءات "
                       "الفظيعة أمس في كابل.", published="2015-08-10")  # fmt: skip
    assert _place(_events(rec, "CONSULT")[0])[0] is None


def test_an_undated_assault_takes_the_day_of_the_assault_at_its_place(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("نفت بعثة الاتحاد الإفريقي في الصومال الاتهامات الموجهة لها بقتل 20 مدنيا جنوبي البلاد. "
                  "وقالت مصادر طبية إن القوات قتلت المدنيين أمس الأربعاء في مدينة مركة الساحلية.",
                  published="2015-07-23")  # fmt: skip
    assert {(e["date"] or {}).get("value") for e in _events(rec, "ASSAULT")} == {"2015-07-22"}


def test_an_undated_deed_takes_the_day_of_the_others_at_its_place(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("قتل أربعة أشخاص أمس الجمعة في هجوم استهدف فندقا في مدينة سيفاري في وسط مالي.\n"
                  "وأضاف أن المهاجمين أخذوا أجانب رهائن في أحد الفندقين فقام الجيش بإقفال المنطقة.",
                  published="2015-08-08")  # fmt: skip
    assert [(e["date"] or {}).get("value") for e in _events(rec, "COERCE")] == ["2015-08-07"]


def test_a_statement_without_a_subject_goes_on_where_its_speaker_spoke(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("أدان سفير المملكة العربية السعودية لدى تونس التفجير الإرهابي الذي استهدف مسجدا.\n"
                  "ودعا إلى ضرورة تضافر الجهود بين جميع الدول العربية لمحاربة الإرهاب.\n"
                  "وانتقد وزير الخارجية الفرنسي التفجير.")  # fmt: skip
    assert _place(_events(rec, "REQUEST")[0]) == ("Tunisia", "TUN")  # «ودعا»: the ambassador, in Tunis
    assert _place(_events(rec, "ACCUSE")[-1])[0] != "Tunisia"  # «وانتقد وزير الخارجية الفرنسي»: another speaker
