"""Golden tests: a definite description that names a place again («بالمنطقة الأمنية المعنية», «في
المدينة نفسها») is a mention of that place (marsad.kb.place_anaphora). Sentences written for them."""

from __future__ import annotations


def test_the_security_district_concerned_is_the_one_named_before(places_of) -> None:  # type: ignore[no-untyped-def]
    got = places_of("قادت مصالح الشرطة القضائية بمنطقة أمن سيدي البرنوصي أبحاثا حول سرقة سيارة بحي سيدي مومن "
                    "بالدار البيضاء. ومكنت الأبحاث مصالح الشرطة بالمنطقة الأمنية المعنية من توقيف شخصين.")  # fmt: skip
    place = got["المنطقة الأمنية المعنية"]
    assert (place.name, place.precision, place.country) == ("Sidi Bernoussi", "neighbourhood", "MAR")


def test_the_same_town_is_the_last_town(places_of) -> None:  # type: ignore[no-untyped-def]
    got = places_of("أوقفت الشرطة شخصين في مدينة وجدة بتهمة السرقة. وفي المدينة نفسها حجزت طنا من المخدرات.")
    assert got["المدينة نفسها"].name == "Oujda"
    got = places_of("اندلعت مواجهات في ولاية القصرين مساء أمس، وأوقفت قوات الأمن عشرة شبان بنفس الولاية.")
    assert got["نفس الولاية"].country == "TUN" and got["نفس الولاية"].precision == "admin1"


def test_a_party_concerned_or_an_unnamed_area_is_no_place(places_of) -> None:  # type: ignore[no-untyped-def]
    got = places_of("دعت وزارة الداخلية في تونس الجهة المعنية إلى فتح تحقيق.")
    assert "الجهة المعنية" not in got
    assert "المدينة نفسها" not in places_of("يعيش في المدينة نفسها منذ سنوات.")  # nothing named before



def test_the_places_come_sorted_with_or_without_a_reference_back() -> None:
    from marsad.kb.place_anaphora import with_anaphora
    from marsad.records import Place
    from marsad.text.match import FoldedText

    later = Place("B", start=20, end=25, precision="unresolved")
    earlier = Place("A", start=3, end=8, precision="unresolved")
    assert [p.name for p in with_anaphora(FoldedText.of("x" * 40), [later, earlier])] == ["A", "B"]
