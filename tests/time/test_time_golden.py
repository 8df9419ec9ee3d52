"""Golden Arabic sentences (written for these tests) for each family of time expressions."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.records import TimeRef
from marsad.time import find_time_expressions, resolve_expression

D = dt.date
WED = D(2025, 2, 26)  # a Wednesday
SUN = D(2025, 3, 2)  # a Sunday, just after a month boundary
NEW_YEAR = D(2025, 1, 1)  # a Wednesday, just after a year boundary


def only(text: str, published: dt.date | None) -> TimeRef:
    refs = find_time_expressions(text, published)
    assert len(refs) == 1, refs
    ref = refs[0]
    assert ref.start is not None and ref.end is not None
    assert text[ref.start : ref.end] == ref.text
    return ref


def check(
    text: str,
    pub: dt.date | None,
    surface: str,
    value: D | None,
    precision: str | None,
    end: D | None = None,
) -> None:
    ref = only(text, pub)
    assert (ref.text, ref.value, ref.precision) == (surface, value, precision)
    if end is not None:
        assert ref.end_value == end


# --- weekdays relative to publication ------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "pub", "surface", "value"),
    [
        ("أعلنت السلطات، اليوم الأربعاء، توقيف ثلاثة أشخاص", WED, "اليوم الأربعاء", WED),
        # published after midnight: «اليوم الأربعاء» is still the Wednesday of that week
        ("قالت الوزارة إن الحادث وقع اليوم الأربعاء", D(2025, 2, 27), "اليوم الأربعاء", WED),
        ("داهمت الشرطة المنزل يوم الاثنين الماضي", SUN, "يوم الاثنين الماضي", D(2025, 2, 24)),
        ("يعقد المجلس اجتماعه الاثنين المقبل", WED, "الاثنين المقبل", D(2025, 3, 3)),
        ("اندلعت الاشتباكات مساء الثلاثاء", SUN, "مساء الثلاثاء", D(2025, 2, 25)),
        ("شن الجيش غارات فجر الجمعة على مواقع المسلحين", SUN, "فجر الجمعة", D(2025, 2, 28)),
        ("التقى الوزير نظيره الخميس في الرباط", D(2025, 3, 1), "الخميس", D(2025, 2, 27)),
        ("وصل الوفد الأربعاء إلى نواكشوط", WED, "الأربعاء", WED),
        ("قتل جنديان يوم الاثنين الماضي في كمين", NEW_YEAR, "يوم الاثنين الماضي", D(2024, 12, 30)),
        ("أطلق سراح الرهائن السبت", NEW_YEAR, "السبت", D(2024, 12, 28)),
        ("وأعلن الجيش أمس الثلاثاء مقتل مسلحين", WED, "أمس الثلاثاء", D(2025, 2, 25)),
        ("تنطلق المحادثات غداً الخميس في الجزائر", WED, "غداً الخميس", D(2025, 2, 27)),
        ("وفي يوم الأحد الماضي، أغلقت السلطات المعبر", SUN, "يوم الأحد الماضي", D(2025, 2, 23)),
    ],
)
def test_weekdays(text: str, pub: D, surface: str, value: D) -> None:
    check(text, pub, surface, value, "day")


# --- relative days and spans -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "pub", "surface", "value", "precision", "end"),
    [
        ("أفادت مصادر أمنية أمس بتوقيف مهرب", NEW_YEAR, "أمس", D(2024, 12, 31), "day", None),
        ("وبالأمس خرج المحتجون إلى الشوارع", WED, "الأمس", D(2025, 2, 25), "day", None),
        ("انفجرت عبوة ناسفة أول من أمس", D(2025, 3, 1), "أول من أمس", D(2025, 2, 27), "day", None),
        ("وقع الهجوم مساء أمس الأول", WED, "مساء أمس الأول", D(2025, 2, 24), "day", None),
        ("يصل المبعوث غداً إلى طرابلس", WED, "غداً", D(2025, 2, 27), "day", None),
        ("اعتقلت الشرطة المشتبه به قبل يومين", SUN, "قبل يومين", D(2025, 2, 28), "day", None),
        ("اختفى الصحفي قبل ثلاثة أيام", SUN, "قبل ثلاثة أيام", D(2025, 2, 27), "day", None),
        (
            "يواصل السجناء إضرابهم منذ ثلاثة أيام",
            WED,
            "منذ ثلاثة أيام",
            D(2025, 2, 23),
            "day",
            None,
        ),
        ("غادر البلاد قبل 15 يوما", WED, "قبل 15 يوما", D(2025, 2, 11), "day", None),
        (
            "أوقفت الشرطة قبل أيام شبكة لتهريب البشر",
            WED,
            "قبل أيام",
            D(2025, 2, 17),
            "week",
            D(2025, 2, 23),
        ),
        (
            "زار الرئيس الجنوب الأسبوع الماضي",
            NEW_YEAR,
            "الأسبوع الماضي",
            D(2024, 12, 23),
            "week",
            D(2024, 12, 29),
        ),
        (
            "تسلمت الحكومة الشحنة الشهر الماضي",
            D(2025, 1, 15),
            "الشهر الماضي",
            D(2024, 12, 1),
            "month",
            D(2024, 12, 31),
        ),
        (
            "ارتفع عدد الهجمات العام الماضي",
            SUN,
            "العام الماضي",
            D(2024, 1, 1),
            "year",
            D(2024, 12, 31),
        ),
        (
            "تضاعفت عمليات التهريب خلال السنوات القليلة الماضية",
            WED,
            "خلال السنوات القليلة الماضية",
            D(2022, 1, 1),
            "year",
            WED,
        ),
        (
            "وقعت الاتفاقية مطلع الشهر الجاري",
            WED,
            "مطلع الشهر الجاري",
            D(2025, 2, 1),
            "month",
            D(2025, 2, 28),
        ),
        (
            "ستجري الانتخابات نهاية الأسبوع",
            WED,
            "نهاية الأسبوع",
            D(2025, 2, 24),
            "week",
            D(2025, 3, 2),
        ),
        (
            "تبدأ التدريبات مطلع الأسبوع المقبل",
            WED,
            "مطلع الأسبوع المقبل",
            D(2025, 3, 3),
            "week",
            None,
        ),
        (
            "انعقدت الجلسة في 12 من الشهر الجاري",
            WED,
            "12 من الشهر الجاري",
            D(2025, 2, 12),
            "day",
            None,
        ),
        (
            "تراجعت الهجمات خلال الأشهر الماضية",
            WED,
            "خلال الأشهر الماضية",
            D(2024, 11, 1),
            "month",
            WED,
        ),
        ("يعود السفير بعد أسبوعين", WED, "بعد أسبوعين", D(2025, 3, 10), "week", D(2025, 3, 16)),
        ("وقعت المواجهات الليلة الماضية", WED, "الليلة الماضية", D(2025, 2, 25), "day", None),
    ],
)
def test_relative(
    text: str, pub: D, surface: str, value: D, precision: str, end: D | None
) -> None:
    check(text, pub, surface, value, precision, end)


# --- absolute dates: every month-name family --------------------------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        # Syriac (Levant, Iraq)
        ("دخلت القوات المدينة في 12 آذار 2024", "12 آذار 2024", D(2024, 3, 12)),
        ("وقع التفجير في الخامس من تشرين الأول 2023", "الخامس من تشرين الأول 2023", D(2023, 10, 5)),
        ("أغلق المعبر في 3 آب 2022", "3 آب 2022", D(2022, 8, 3)),
        ("جرت الانتخابات في 20 كانون الأول 2021", "20 كانون الأول 2021", D(2021, 12, 20)),
        ("انسحبت القوات في 30 حزيران 2009", "30 حزيران 2009", D(2009, 6, 30)),
        # Moroccan
        ("أصدرت المحكمة حكمها يوم 7 ماي 2024", "يوم 7 ماي 2024", D(2024, 5, 7)),
        ("فككت المصالح الأمنية الخلية في 15 يوليوز 2023", "15 يوليوز 2023", D(2023, 7, 15)),
        ("ضرب الزلزال المنطقة في 8 شتنبر 2023", "8 شتنبر 2023", D(2023, 9, 8)),
        ("انطلقت المحاكمة في 20 غشت 2022", "20 غشت 2022", D(2022, 8, 20)),
        ("صدر البلاغ في 11 نونبر 2020", "11 نونبر 2020", D(2020, 11, 11)),
        ("انتهت المهلة في 31 دجنبر 2019", "31 دجنبر 2019", D(2019, 12, 31)),
        # Algerian / Tunisian
        ("أعلنت الوزارة في 5 جانفي 2024 عن التدابير", "5 جانفي 2024", D(2024, 1, 5)),
        ("نظمت المسيرة في 22 فيفري 2019", "22 فيفري 2019", D(2019, 2, 22)),
        ("استقلت الجزائر في 5 جويلية 1962", "5 جويلية 1962", D(1962, 7, 5)),
        ("اندلعت المواجهات في 20 أوت 1955", "20 أوت 1955", D(1955, 8, 20)),
        ("جرت الانتخابات يوم 12 جوان 2021", "يوم 12 جوان 2021", D(2021, 6, 12)),
        ("صادق البرلمان على القانون في 14 أفريل 2022", "14 أفريل 2022", D(2022, 4, 14)),
        # Egyptian / Gulf spellings
        ("خرجت المظاهرات في 25 يناير 2011", "25 يناير 2011", D(2011, 1, 25)),
        ("قامت الثورة في 23 يوليه 1952", "23 يوليه 1952", D(1952, 7, 23)),
        ("أعلن البيان في 30 يونيه 2013", "30 يونيه 2013", D(2013, 6, 30)),
        ("وقع الاتفاق في 2 إبريل 2020", "2 إبريل 2020", D(2020, 4, 2)),
        ("انعقدت القمة في 14 أغسطس 2014", "14 أغسطس 2014", D(2014, 8, 14)),
        # weekday + date, as sites print it; comma before the year; Eastern digits
        ("الجمعة 02 أكتوبر 2020 - 19:37", "الجمعة 02 أكتوبر 2020", D(2020, 10, 2)),
        ("نشر يوم ٢ أكتوبر، ٢٠٢٠", "يوم ٢ أكتوبر، ٢٠٢٠", D(2020, 10, 2)),
        ("وفي ١٢ مارس ٢٠٢٥ أعلن الجيش", "١٢ مارس ٢٠٢٥", D(2025, 3, 12)),
        # numeric
        ("تاريخ البلاغ: 12/03/2025", "12/03/2025", D(2025, 3, 12)),
        ("نشر التقرير بتاريخ 2025-03-12", "2025-03-12", D(2025, 3, 12)),
        ("صدر القرار في ١٢/٠٣/٢٠٢٥.", "١٢/٠٣/٢٠٢٥", D(2025, 3, 12)),
    ],
)
def test_absolute_day(text: str, surface: str, value: D) -> None:
    check(text, None, surface, value, "day")  # no publication date needed


@pytest.mark.parametrize(
    ("text", "pub", "surface", "value", "precision"),
    [
        ("عقدت الجلسة الثاني عشر من مارس", WED, "الثاني عشر من مارس", D(2025, 3, 12), "day"),
        (
            "حددت المحكمة جلسة 14 أكتوبر (تشرين الأول) المقبل",
            D(2024, 9, 20),
            "14 أكتوبر (تشرين الأول) المقبل",
            D(2024, 10, 14),
            "day",
        ),
        ("تم توقيف المتهم في 3 دجنبر الماضي", WED, "3 دجنبر الماضي", D(2024, 12, 3), "day"),
        ("وقعت الحادثة في مارس الماضي", WED, "مارس الماضي", D(2024, 3, 1), "month"),
        ("تراجعت الأسعار في أكتوبر", WED, "أكتوبر", D(2024, 10, 1), "month"),
        ("تضاعفت الهجمات في مارس 2024", WED, "مارس 2024", D(2024, 3, 1), "month"),
        ("نفذت العملية في شهر غشت", WED, "شهر غشت", D(2024, 8, 1), "month"),
        ("فر السجناء عام 2019", WED, "عام 2019", D(2019, 1, 1), "year"),
        ("تأسست الحركة سنة 2012", WED, "سنة 2012", D(2012, 1, 1), "year"),
        ("وبين عامي 2019 و2021 تضاعفت الهجمات", WED, "عامي 2019 و2021", D(2019, 1, 1), "year"),
        ("انسحبت القوات في 2013، كما قال", WED, "2013", D(2013, 1, 1), "year"),
    ],
)
def test_absolute_partial(text: str, pub: D, surface: str, value: D, precision: str) -> None:
    check(text, pub, surface, value, precision)


# --- Hijri -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "pub", "surface", "value", "precision", "end"),
    [
        ("صدر البيان في 15 رمضان 1446 هـ", None, "15 رمضان 1446 هـ", D(2025, 3, 15), "day", None),
        ("احتفل المسلمون في 1 محرم 1447", None, "1 محرم 1447", D(2025, 6, 26), "day", None),
        (
            "في العاشر من ذي الحجة 1445هـ",
            None,
            "العاشر من ذي الحجة 1445هـ",
            D(2024, 6, 16),
            "day",
            None,
        ),
        (
            "بدأ التمرد في ربيع الأول 1445",
            None,
            "ربيع الأول 1445",
            D(2023, 9, 16),
            "month",
            D(2023, 10, 15),
        ),
        (
            "تكثفت الحملات الأمنية في شهر رمضان",
            WED,
            "شهر رمضان",
            D(2025, 3, 1),
            "month",
            D(2025, 3, 29),
        ),
        (
            "أعلنت الهدنة في رمضان الماضي",
            D(2025, 6, 1),
            "رمضان الماضي",
            D(2025, 3, 1),
            "month",
            None,
        ),
        ("تم الإفراج عنه في 27 رمضان", D(2025, 3, 10), "27 رمضان", D(2025, 3, 27), "day", None),
        (
            "وفي جمادى الآخرة 1446 صدر الحكم",
            None,
            "جمادى الآخرة 1446",
            D(2024, 12, 2),
            "month",
            None,
        ),
    ],
)
def test_hijri(
    text: str, pub: D | None, surface: str, value: D, precision: str, end: D | None
) -> None:
    check(text, pub, surface, value, precision, end)


# --- false friends -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "قال أب الضحية إن ابنه بريء",  # «أب» father folds like «آب» August
        "مارس الضغط على الحكومة",  # «مارس» the verb
        "التقت رئيسة الوزراء تيريزا ماي بنظيرها",  # «ماي» a surname
        "صرح الأمين العام السابق للأمم المتحدة",  # «العام السابق» as "former Secretary-General"
        "احتفل العالم باليوم العالمي للمرأة",  # «اليوم العالمي»
        "نشرت صحيفة اليوم تقريرا",  # a newspaper named «اليوم»
        "وفي اليوم التالي عاد الهدوء",  # another day, relative to an event
        "اتفق البلدان الاثنين على التعاون",  # «الاثنين» "both"
        "التقى الرئيس رمضان قديروف",  # Hijri month as a first name
        "خرج من المفاوضات صفر اليدين",  # «صفر» zero
        "نظمت أمسية شعرية بعد الغداء",  # «أمسية», «الغداء»
        "انطلقت موجة الربيع العربي",  # «ربيع» spring without «الأول/الآخر»
        "وقبل ساعات من الغارة أطلق صاروخ",  # relative to the raid, not to publication
        "وتزداد الضرائب يوماً بعد يوم",  # an idiom
        "نقل موقع عين اليوم الخبر",  # a news site named «عين اليوم»
    ],
)
def test_false_friends(text: str) -> None:
    assert find_time_expressions(text, WED) == []


def test_weekday_in_brackets_and_double_month_names() -> None:
    refs = find_time_expressions(
        "قالت الوزارة اليوم (الاثنين) إن هجوم أمس (السبت) فشل", D(2015, 7, 21)
    )
    assert [(r.text, r.value) for r in refs] == [
        ("اليوم (الاثنين)", D(2015, 7, 20)),
        ("أمس (السبت)", D(2015, 7, 18)),
    ]
    ref = only("ضرب الزلزال في 8 تشرين الأول - أكتوبر 2005 المنطقة", None)
    assert (ref.text, ref.value) == ("8 تشرين الأول - أكتوبر 2005", D(2005, 10, 8))
    ref = only("اندلعت المعارك في أيلول/سبتمبر 2013", None)
    assert (ref.value, ref.precision) == (D(2013, 9, 1), "month")


def test_ambiguous_month_needs_a_number_or_year() -> None:
    assert only("أغلق المعبر في 3 آب", WED).value == D(2024, 8, 3)  # the past, not next August
    assert only("وصل الوفد في ماي 2023", WED).value == D(2023, 5, 1)


# --- no publication date, offsets, overlaps ------------------------------------------------------
def test_relative_without_publication_is_kept_unresolved() -> None:
    ref = only("قالت الشرطة أمس إن المشتبه به فر", None)
    assert (ref.text, ref.value, ref.precision) == ("أمس", None, None)


def test_offsets_with_harakat_clitics_and_tanween() -> None:
    text = "وَأَعْلَنَتِ الشُّرْطَةُ وَأَمْسِ عَنْ تَوْقِيفِهِ، وَسَيُحَاكَمُ غَداً"
    refs = find_time_expressions(text, WED)
    assert [r.text for r in refs] == ["أَمْسِ", "غَداً"]
    assert [r.value for r in refs] == [D(2025, 2, 25), D(2025, 2, 27)]
    for r in refs:
        assert r.start is not None and text[r.start : r.end] == r.text


def test_longest_expression_wins_and_results_are_sorted() -> None:
    text = "أعلن الجيش أمس الأحد 12 مارس 2023 وفي مارس الماضي أنه سيرد الخميس"
    refs = find_time_expressions(text, D(2023, 3, 13))
    assert [r.text for r in refs] == ["أمس", "الأحد 12 مارس 2023", "مارس الماضي", "الخميس"]
    starts = [r.start or 0 for r in refs]
    assert starts == sorted(starts)


def test_datetime_publication_is_accepted() -> None:
    ref = only("وقع الهجوم أمس", dt.datetime(2025, 2, 26, 23, 30))
    assert ref.value == D(2025, 2, 25)


def test_resolve_expression_grammar_and_fallback() -> None:
    ref = resolve_expression("الاثنين الماضي", WED)
    assert ref is not None and ref.value == D(2025, 2, 24)
    assert resolve_expression("لا شيء هنا", WED) is None


def test_a_dual_span_before_the_publication_date() -> None:
    import datetime as _dt

    from marsad.time import find_time_expressions as _find

    (t,) = _find("اعتقلت الشرطة خلال اليومين الأخيرين خمسة أشخاص", _dt.date(2025, 11, 20))
    assert (t.value, t.end_value, t.precision) == (_dt.date(2025, 11, 17), _dt.date(2025, 11, 20), "week")
    (f,) = _find("ستجري الانتخابات خلال الشهرين المقبلين", _dt.date(2025, 11, 20))
    assert f.value == _dt.date(2025, 11, 20) and f.end_value == _dt.date(2026, 1, 31)


def test_a_future_day_lands_in_the_next_year_and_the_hours_of_the_morning_are_no_span() -> None:
    import datetime as _dt

    from marsad.time import find_time_expressions as _find

    (t,) = _find("ستنظم الوقفة يوم 10 شتنبر المقبل", _dt.date(2025, 11, 20))
    assert t.value == _dt.date(2026, 9, 10)
    assert not [x for x in _find("تمكنوا منذ ساعات الصباح الباكر من تحرير المدينة", _dt.date(2025, 11, 20))
                if x.text.startswith("منذ")]
    assert not _find("زار الوفد مبنى دار اليوم للطباعة", _dt.date(2025, 11, 20))


def test_a_weekday_with_its_day_number_glued_on() -> None:
    import datetime as _dt

    from marsad.time import find_time_expressions as _find

    found = _find("جد منذ الخامسة من صباح اليوم الاثنين07 مارس 2016 تبادل إطلاق نار", _dt.date(2016, 3, 7))
    assert [(t.text, t.value) for t in found if t.text.startswith("الاثنين")] == [
        ("الاثنين07 مارس 2016", _dt.date(2016, 3, 7))
    ]
