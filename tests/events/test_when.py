"""Event dates: the time that governs the event's clause, a statement's utterance, against the publication date."""

from __future__ import annotations

from typing import Any


def _first(rec: dict[str, Any], typ: str, mode: str | None = None) -> dict[str, Any]:
    found = [e for e in rec["events"] if e["type"] == typ and (mode is None or e["mode"] == mode)]
    assert found, [(e["type"], e["mode"]) for e in rec["events"]]
    return found[0]


def _day(ev: dict[str, Any]) -> str | None:
    return (ev.get("date") or {}).get("value")


def test_the_attack_of_the_day_before_yesterday_and_the_protest_of_yesterday(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("خرج سكان المدينة أمس في مظاهرة احتجاجا على الهجوم المسلح الذي استهدف أول أمس ثكنة للجيش "
                  "وأسفر عن مقتل 5 جنود.", published="2025-08-20")  # fmt: skip
    assert _day(_first(rec, "PROTEST")) == "2025-08-19"
    assert _day(_first(rec, "ASSAULT")) == "2025-08-18"


def test_a_future_day_against_the_publication_date(analyse) -> None:  # type: ignore[no-untyped-def]
    text = "وسينظم المحتجون وقفة احتجاجية يوم 10 شتنبر المقبل أمام البرلمان."
    assert _day(_first(analyse(text, published="2025-08-20"), "PROTEST")) == "2025-09-10"
    assert _day(_first(analyse(text, published="2025-11-20"), "PROTEST")) == "2026-09-10"


def test_a_relative_clause_closed_by_commas_leaves_the_time_to_the_main_clause(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("زار أعضاء الوفد الإعلامي الجزائري، الذي يزور المغرب بدعوة من وزارة الاتصال، أمس، مقر الوزارة "
                  "بالرباط.", published="2025-08-07")  # fmt: skip
    assert _day(_first(rec, "CONSULT")) == "2025-08-06"


def test_a_time_that_is_the_complement_of_a_noun_dates_nothing(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("رفض البرلمان مشروع قانون المالية لسنة 2026 بأغلبية ساحقة.", published="2025-12-01")
    assert _first(rec, "REJECT")["date"] is None


def test_a_statement_is_dated_by_its_speaker_s_utterance(analyse_both) -> None:  # type: ignore[no-untyped-def]
    rec = analyse_both("أفاد وزير الخارجية السعودي، عادل الجبير، أمس، بأن موقف المملكة من الأزمة لم يتغير. "
                       "وطالب الجبير المجتمع الدولي بالضغط على الحوثيين لوقف القتال.")  # fmt: skip
    assert _day(_first(rec, "REQUEST")) == "2025-03-11"


def test_a_statement_of_another_speaker_is_not_dated_so(analyse_both) -> None:  # type: ignore[no-untyped-def]
    rec = analyse_both("أفاد وزير الخارجية السعودي، عادل الجبير، أمس، بأن موقف المملكة من الأزمة لم يتغير. "
                       "وطالب رئيس البرلمان الليبي المجتمع الدولي بالضغط على الميليشيات لوقف القتال.")  # fmt: skip
    assert _first(rec, "REQUEST")["date"] is None


def test_a_year_in_a_plan_s_name_is_no_event_date(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("اعتقلت الشرطة المغربية خمسة أشخاص بمدينة طنجة في إطار تأمين مونديال 2030م.", published="2025-08-20")
    ev = _first(rec, "COERCE")
    assert ev["date"] is None or ev["date"]["value"] <= "2025-08-20"


def test_an_event_that_happened_is_never_dated_after_its_article(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("اعتقلت الشرطة خمسة أشخاص بمدينة طنجة بحلول عام 2030.", published="2025-08-20")
    ev = _first(rec, "COERCE")
    assert ev["status"] == "occurred" and ev["date"] is None


def test_an_event_whose_time_points_forward_is_planned(analyse_both) -> None:  # type: ignore[no-untyped-def]
    rec = analyse_both("أعلن سفير الولايات المتحدة في نيروبي أن الرئيس الأميركي باراك أوباما الذي سيتوجه "
                       "إلى كينيا بعد أسبوع، لن يزور عائلته الكينية.", published="2025-07-21")  # fmt: skip
    ev = _first(rec, "CONSULT")
    assert (ev["status"], _day(ev)) == ("planned", "2025-07-28")


def test_the_matter_a_case_is_about_is_not_dated_by_the_hearing(analyse_both) -> None:  # type: ignore[no-untyped-def]
    rec = analyse_both("قررت محكمة جنايات القاهرة في جلستها المنعقدة اليوم الاثنين إحالة 10 متهمين إلى المفتي، "
                       "في قضية اتهام 68 إرهابيا بإنشاء تنظيم إرهابي.", published="2015-08-10")  # fmt: skip
    accusations = [e for e in rec["events"] if "اتهام" in e["evidence"]["text"]]
    assert accusations and all(_day(e) is None for e in accusations)


def test_an_event_dated_only_vaguely_takes_no_day_of_its_report(analyse_both) -> None:  # type: ignore[no-untyped-def]
    rec = analyse_both("أفاد وزير الخارجية السعودي، عادل الجبير، أمس، بأن زيارة وفد حركة «حماس» برئاسة خالد مشعل، "
                       "رئيس المكتب السياسي، إلى السعودية في الآونة الأخيرة، كانت من أجل أداء مناسك العمرة.",
                       published="2015-07-24")  # fmt: skip
    assert _day(_first(rec, "CONSULT")) is None


def test_an_event_framed_as_the_matter_investigated_is_not_dated_by_the_main_clause(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("في إطار التحقيقات المستمرة المرتبطة بتفكيك خلية إرهابية على صلة بتنظيم داعش، تم، اليوم "
                  "الأربعاء، اكتشاف محجوزات إضافية. وكانت عناصر الأمن قد أوقفت أحد أعضاء الخلية في مدينة فاس "
                  "قبل أيام.", published="2025-02-26")  # fmt: skip
    arrests = sorted(((e["place"] or {}).get("name"), _day(e)) for e in rec["events"] if e["type"] == "COERCE")
    assert arrests == [("Fes", "2025-02-17"), ("Morocco", None)]


def test_a_deed_opening_a_paragraph_takes_the_day_of_the_paragraph_before(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("في إطار التحقيقات المرتبطة بتفكيك خلية إرهابية، تم، اليوم الأربعاء، اكتشاف محجوزات إضافية.\n\n"
                  "وذكر بلاغ للمديرية العامة للأمن الوطني أنه تم العثور على عبوة ناسفة في طور التركيب.",
                  published="2025-02-26")  # fmt: skip
    assert _day(_first(rec, "COERCE", "seize")) == "2025-02-26"


def test_a_date_of_the_paragraph_before_is_carried_only_when_it_is_the_news_day(analyse) -> None:  # type: ignore[no-untyped-def]
    rec = analyse("أكدت الوزارة أن الخلية لا علاقة لها بتفجير المسجد في 26 يونيو الماضي.\n\n"
                  "واعتقلت الشرطة أربعة من أفراد الخلية.", published="2015-07-31")  # fmt: skip
    assert _day(_first(rec, "COERCE", "arrest")) is None


def test_what_is_expected_is_planned_and_takes_no_day_of_the_sentence_before(analyse_both) -> None:  # type: ignore[no-untyped-def]
    rec = analyse_both("قتل 37 شخصا الجمعة في تفجيرين استهدفا محطتي حافلات في غومبيه شمال شرق نيجيريا.\n"
                       "ومن المتوقع ان تقوم قوة من خمس دول -- نيجيريا والنيجر وتشاد والكاميرون وبينين -- "
                       "بالانتشار لقتال المجموعة.", published="2015-07-26")  # fmt: skip
    force = _first(rec, "MOBILIZE")
    assert force["status"] == "planned" and _day(force) is None
