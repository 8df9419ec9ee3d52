"""Golden event tests on Arabic sentences written for these tests (not from the gold files)."""

from __future__ import annotations

from typing import Any

import pytest


def _types(rec: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(e["type"], e["mode"]) for e in rec["events"]]


def _one(rec: dict[str, Any], typ: str, mode: str | None = None) -> dict[str, Any]:
    found = [e for e in rec["events"] if e["type"] == typ and (mode is None or e["mode"] == mode)]
    assert found, f"no {typ}/{mode} in {_types(rec)}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "typ", "mode"),
    [
        ("أوقفت عناصر الشرطة القضائية بمدينة طنجة ثلاثة أشخاص يشتبه في تورطهم في تهريب المخدرات.", "COERCE", "arrest"),
        ("وحجزت المصالح الأمنية طنا من مخدر الشيرا بميناء الناظور.", "COERCE", "seize"),
        ("تمكنت المصالح الأمنية من تفكيك شبكة إجرامية تنشط في الاتجار بالبشر.", "COERCE", "arrest"),
        ("قتل أربعة مدنيين في انفجار عبوة ناسفة بسوق شعبي.", "ASSAULT", "explosives"),
        ("فجر انتحاري حزامه الناسف وسط تجمع للجنود في مدينة غاو.", "ASSAULT", "suicide-attack"),
        ("شنت طائرات حربية غارات جوية على مواقع المسلحين شرق البلاد.", "ASSAULT", "aerial"),
        ("اختطف مسلحون مجهولون مهندسين أجنبيين جنوب البلاد.", "ASSAULT", "abduct"),
        ("تعرضت القرية لقصف مدفعي عنيف طوال الليل.", "ASSAULT", "heavy-weapons"),
        ("نظم مئات العمال وقفة احتجاجية أمام مقر الولاية.", "PROTEST", "demo"),
        ("دخل عمال الموانئ في إضراب مفتوح منذ صباح الاثنين.", "PROTEST", "strike"),
        ("قضت المحكمة بالسجن عشر سنوات على المتهم الرئيسي في الملف.", "SANCTION", "convict"),
        ("أجرى وزير الخارجية الموريتاني زيارة رسمية إلى الرباط.", "CONSULT", "visit"),
        ("تلقى الرئيس اتصالا هاتفيا من نظيره التونسي.", "CONSULT", "phone"),
        ("وقع البلدان اتفاقية لمكافحة الإرهاب وتبادل الخبرات.", "AGREE", None),
        ("نددت الخارجية الجزائرية بالهجوم على السفارة.", "ACCUSE", "disapprove"),
        ("طالبت المعارضة الحكومة بفتح تحقيق مستقل.", "REQUEST", None),
        ("أفرجت السلطات عن عشرين معتقلا بعد انتهاء التحقيق.", "RETREAT", "release"),
        ("أعلنت الفصائل انسحابها من المدينة بعد أسابيع من القتال.", "RETREAT", "withdraw"),
        ("فرض الجيش حصارا على المدينة الساحلية.", "MOBILIZE", "troops"),
        ("بعث الرئيس برقية تهنئة إلى نظيره بمناسبة العيد الوطني.", "SUPPORT", None),
        ("أرسلت الحكومة مساعدات إنسانية إلى المتضررين من الفيضانات.", "AID", None),
        ("رفض البرلمان مشروع القانون بأغلبية ساحقة.", "REJECT", None),
        ("اعتذر الوزير عن تصريحاته المسيئة.", "CONCEDE", None),
        ("هدد التنظيم بشن هجمات جديدة ضد القوات الأجنبية.", "THREATEN", None),
    ],
)
def test_each_type(analyse, text: str, typ: str, mode: str | None) -> None:  # type: ignore[no-untyped-def]
    _one(analyse(text), typ, mode)


def test_arrest_and_seizure_in_one_sentence_are_two_events(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("اعتقلت الشرطة خمسة مهربين وضبطت بحوزتهم أسلحة نارية في وهران.")
    assert ("COERCE", "arrest") in _types(rec)
    assert ("COERCE", "seize") in _types(rec)
    assert _one(rec, "COERCE", "arrest")["counts"]["people"] == 5


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("لقي 5 جنود مصرعهم في هجوم مسلح استهدف دورية عسكرية قرب الحدود.", 5),
        ("أسفر الهجوم المسلح عن مقتل 21 شخصا في قرية نائية.", 21),
        ("قتل ثلاثة أشخاص في اشتباكات بين مجموعتين مسلحتين.", 3),
        ("قتل خمسة وعشرين مدنيا في هجوم على سوق.", 25),
    ],
)
def test_killed_counts(analyse, text: str, killed: int) -> None:  # type: ignore[no-untyped-def]
    ev = _one(analyse(text), "ASSAULT")
    assert ev["counts"]["killed"] == killed
    assert ev["counts"]["people"] == killed


def test_injured_count_is_separate(analyse) -> None:  # type: ignore[no-untyped-def]
    ev = _one(analyse("أسفر التفجير عن مقتل 7 أشخاص وإصابة 15 آخرين بجروح متفاوتة."), "ASSAULT")
    assert (ev["counts"]["killed"], ev["counts"]["injured"]) == (7, 15)


@pytest.mark.parametrize(
    ("text", "typ", "status"),
    [
        ("كانت الخلية تخطط لتنفيذ هجوم على منشأة سياحية.", "ASSAULT", "planned"),
        ("كان الموقوفون على وشك تنفيذ عمليات إرهابية في العاصمة.", "ASSAULT", "planned"),
        ("أحبطت قوات الأمن محاولة تفجير سيارة مفخخة قرب الثكنة.", "ASSAULT", "attempted"),
        ("نفت وزارة الدفاع قصف أي مواقع مدنية في المنطقة.", "ASSAULT", "denied"),
        ("لم يتم اعتقال أي شخص حتى الآن.", "COERCE", "denied"),
        ("توعد التنظيم بتنفيذ هجمات انتقامية.", "THREATEN", "threatened"),
        ("داهمت الشرطة منزلا في ضواحي المدينة.", "COERCE", "occurred"),
    ],
)
def test_status(analyse, text: str, typ: str, status: str) -> None:  # type: ignore[no-untyped-def]
    assert _one(analyse(text), typ)["status"] == status


def test_foiling_is_coerce_that_occurred(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("أحبطت قوات الأمن محاولة تفجير سيارة مفخخة قرب الثكنة.")
    coerce = [e for e in rec["events"] if e["type"] == "COERCE"]
    assert coerce and coerce[0]["status"] == "occurred"


@pytest.mark.parametrize(
    "text",
    [
        "شن المنتخب الوطني هجوما قويا في الشوط الثاني وسجل هدفا رائعا في المباراة.",
        "لقي عشرة أشخاص مصرعهم في زلزال عنيف ضرب المنطقة الجبلية.",
        "تستهدف هذه المخططات الأمن القومي والاستقرار.",
        "كانت حملات المعارضة تدعو إلى الإصلاح.",
        "دعت البعثة الأطراف إلى ضبط النفس واحترام الهدنة.",
        "وفي بيان رسمي صادر عن الخارجية المصرية مساء أمس، أعربت الوزارة عن تضامنها.",
        "وأعلنت قوات فجر ليبيا المسلحة أن مقاتليها يسيطرون على المطار.",
        "وصل المسلحون فجر الجمعة إلى أطراف المدينة.",
        "ودعا المبعوث إلى وقف فوري لإطلاق النار في المدينة.",
    ],
)
def test_false_friends_code_nothing_violent(analyse, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not [e for e in analyse(text)["events"] if e["type"] in ("ASSAULT", "COERCE")]


def test_history_paragraph_is_background(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("اعتقل المناضل في عام 1990 بعد مظاهرات طلابية في الجامعة.", published="2025-03-12")
    assert rec["events"] == []


def test_repeated_mentions_of_one_arrest_merge(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("اعتقلت الشرطة ثلاثة أشخاص في مراكش. وقد تم اعتقال الموقوفين بعد تحريات دقيقة.")
    assert [e["type"] for e in rec["events"]].count("COERCE") == 1


def test_event_with_its_own_place_and_date_stays_separate(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("فككت المصالح الأمنية خلية إرهابية في فاس اليوم. وكانت خلية أخرى قد فككت في أكادير قبل أسبوعين.")
    assert [e["mode"] for e in rec["events"] if e["type"] == "COERCE"] == ["arrest", "arrest"]


def test_security_organ_acts_for_its_state(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("أوقفت المديرية العامة للأمن الوطني بالمغرب أربعة عناصر موالين لتنظيم داعش.")
    ev = _one(rec, "COERCE", "arrest")
    assert ev["actor"]["code"] == "MAR"
    assert ev["recipient"]["code"] == "ISIL"


def test_evidence_is_the_clause_and_inside_the_text(analyse) -> None:  # type: ignore[no-untyped-def]
    text = "قال مصدر أمني، يوم الأحد، إن قوات الجيش اعتقلت سبعة مسلحين قرب الحدود، فيما فر آخرون."
    rec = analyse(text)
    ev = _one(rec, "COERCE", "arrest")
    ev_text = ev["evidence"]["text"]
    assert ev_text == rec["text"][ev["evidence"]["start"] : ev["evidence"]["end"]]
    assert "اعتقلت" in ev_text and "فر آخرون" not in ev_text
    assert 0.0 < ev["confidence"] < 1.0


def test_town_after_the_trigger_beats_the_acting_country(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("قالت مصادر محلية إن الجزائر شنت غارة جوية على مخيم للمسلحين في مدينة غاو شمال مالي.")
    ev = _one(rec, "ASSAULT", "aerial")
    assert ev["place"]["name"] == "Gao" and ev["place"]["country"] == "MLI"


def test_town_inside_the_country_of_the_clause_is_the_place(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("اعتقلت الشرطة التونسية ثلاثة متشددين في تونس بمدينة صفاقس أمس.")
    ev = _one(rec, "COERCE", "arrest")
    assert ev["place"]["country"] == "TUN" and ev["place"]["precision"] == "town"


def test_event_recalled_as_a_comparison_is_background(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("أقر البرلمان قانونا جديدا لمنع عمليات دامية على غرار تفجير المحطة الذي هز العاصمة.")
    assert not [e for e in rec["events"] if e["type"] == "ASSAULT"]
    rec = analyse("انفجرت عبوة ناسفة في سوق شعبي بمدينة غاو أمس مما أدى إلى مقتل ثلاثة مدنيين.")
    assert [e for e in rec["events"] if e["type"] == "ASSAULT"]


def test_yearly_toll_is_background(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("قتل أكثر من ألف مدني في هجمات المسلحين منذ بداية العام بحسب تقرير أممي.")
    assert not [e for e in rec["events"] if e["type"] == "ASSAULT"]


def test_social_is_not_a_meeting(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("انتشرت صور الحادث على مواقع التواصل الاجتماعي وأثارت موجة من الغضب.")
    assert not [e for e in rec["events"] if e["type"] == "CONSULT"]
    rec = analyse("عقد وزير الداخلية اجتماعا مع نظيره الموريتاني في نواكشوط أمس.")
    assert [e for e in rec["events"] if e["type"] == "CONSULT"]


def test_talking_with_someone_is_a_consultation_talking_about_something_is_not(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("تحدث وزير الخارجية المغربي مساء أمس مع نظيره الموريتاني حول أمن الحدود.")
    assert ("CONSULT", "phone") in _types(rec)
    rec = analyse("وتحدث مصدر أمني عن تعزيزات جديدة على الحدود.")
    assert "CONSULT" not in [t for t, _ in _types(rec)]


def test_hostage_taking_is_an_abduction(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("انتهت عملية احتجاز الرهائن في فندق بمدينة سيفاري بعد تدخل القوات الخاصة.")
    assert ("ASSAULT", "abduct") in _types(rec)
    assert ("COERCE", "arrest") not in _types(rec)


def test_a_suspect_fleeing_and_a_body_found_are_no_events(analyse) -> None:  # type: ignore[no-untyped-def]
    assert _types(analyse("قبضت الشرطة على ثلاثة مشتبه بهم في حين لاذ رابعهم بالفرار.")) == [("COERCE", "arrest")]
    assert _types(analyse("وكان عثر على جثته في الصحراء بعد أسبوعين من اختفائه.")) == []


@pytest.mark.parametrize(("text", "actor"), [
    ("أدانت الجزائر بشدة الهجوم الإرهابي على الحافلة.", "DZA"),
    ("وطالب الرئيس عبد المجيد تبون المجتمع الدولي بتحمل مسؤولياته.", "DZA"),  # an official acts for the state
    ("ونفت وزارة الداخلية المغربية هذه الاتهامات.", "MAR"),
])  # fmt: skip
def test_verb_first_statement_takes_its_subject_as_actor(analyse, text: str, actor: str) -> None:  # type: ignore[no-untyped-def]
    statements = [e for e in analyse(text)["events"] if e["type"] in ("ACCUSE", "REQUEST", "REJECT")]
    assert statements and (statements[0]["actor"] or {}).get("code") == actor


@pytest.mark.parametrize(("text", "expected"), [
    ("قررت اللجنة توقيف لاعب الفريق لمدة أربع مباريات نافذة.", []),  # a ban, not an arrest
    ("أوقفت الشرطة ثلاثة مشتبه بهم قرب الملعب بعد المباراة.", [("COERCE", "arrest")]),
    ("لا أعرف بالضبط ما حدث هناك.", []),  # «بالضبط» is «exactly»
    ("وتمت متابعته بناء على المادة 89 من قانون العقوبات.", []),  # the penal code, no sanction
    ("بعد 29 سنة على اتفاق وقف إطلاق نار بين الطرفين.", [("RETREAT", "ceasefire")]),
    ("عثر على أستاذ يدرس بمركز التكوين مشنوقا في سطح منزله.", []),  # finding a man is no seizure
    ("أنشئت هذه التنظيمات لتفكيك الكيانات الوطنية في المنطقة.", []),  # dismantling states, no arrest
    ("وانتقدت المنظمة العالمية لمناهضة التعذيب مشروع القانون.", [("ACCUSE", "disapprove")]),  # no torture
    ("ويشارك في الدورة خمسون طالبة من جامعات المنطقة.", []),  # a student, no demand
    ("ولا تكتف بأن تكتب أنك طالبا بجامعة القاهرة.", []),
    ("أقرت الحكومة نظاما جديدا لضبط الأسعار في السوق.", []),  # regulating prices, no seizure
    ("وضبطت الشرطة كمية من الأسلحة في المنزل.", [("COERCE", "seize")]),
    ("ولاحظ علماء الاجتماع أن تخصصاتهم تتداخل.", []),  # sociologists, no meeting
    ("يسمح التطبيق بضبط الإعدادات بسهولة.", []),  # adjusting settings
    ("لقي طالب سوداني مصرعه في سوريا.", [("ASSAULT", None)]),  # a student, no demand
    ("وبعد العثور على حل لمشكلة المحرك بدأ الإنتاج.", []),  # a solution found, no seizure
    ("تمكنت المصالح الأمنية من تفكيك خلية إرهابية بمدينة فاس.", [("COERCE", "arrest")]),
    ("وتم العثور على كمية كبيرة من المخدرات داخل الشاحنة.", [("COERCE", "seize")]),
])  # fmt: skip
def test_more_false_friends(analyse, text: str, expected: list[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
    assert _types(analyse(text)) == expected
