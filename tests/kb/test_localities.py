"""Golden tests for places below the gazetteer (marsad.kb.localities), on sentences written for them."""

from __future__ import annotations

from typing import Any

import pytest

from marsad.datafiles import read_tsv
from marsad.kb.localities import place_nouns, time_words
from marsad.kb.translit import arabic_skeleton, latin_name, latin_skeleton, toponym_heads
from marsad.text.fold import fold


@pytest.mark.parametrize("name", ["place_nouns", "time_words", "name_stops", "toponym_heads"])
def test_lexicons_are_folded_without_duplicates(name: str) -> None:
    rows = list(read_tsv("marsad.kb", f"data/{name}.tsv"))
    key = next(iter(rows[0]))
    words = [r[key] for r in rows]
    assert all(fold(w) == w for w in words)
    assert len(words) == len(set(words))


def test_lexicons_load() -> None:
    assert place_nouns()["دوار"].precision == "locality" and place_nouns()["حي"].precision == "neighbourhood"
    assert "صباح" in time_words() and toponym_heads()["سيدي"] == "Sidi"


def test_district_below_a_known_city_takes_its_coordinates(places_of) -> None:  # type: ignore[no-untyped-def]
    places = places_of("اعتقلت الشرطة مروجا للمخدرات بحي لالة مريم بالدار البيضاء.")
    p, city = places["لالة مريم"], places["الدار البيضاء"]
    assert (p.precision, p.country, p.parent) == ("neighbourhood", "MAR", "Casablanca")
    assert p.name is not None and p.name.startswith("Lalla ") and p.geonames_id is None
    assert (p.lat, p.lon) == (city.lat, city.lon) and p.admin1 == city.admin1


def test_an_arrondissement_of_the_gazetteer_is_a_neighbourhood(places_of) -> None:  # type: ignore[no-untyped-def]
    places = places_of("أوقفت الشرطة شابين بحي سيدي مومن.")
    p = places["سيدي مومن"]
    assert (p.name, p.precision, p.country) == ("Sidi Moumen", "neighbourhood", "MAR")
    assert p.lat is not None and abs(p.lat - 33.59) < 0.1  # Casablanca's coordinates


def test_douar_chains_through_an_unknown_commune_to_a_known_province(places_of) -> None:  # type: ignore[no-untyped-def]
    places = places_of("أوقف الدرك الملكي شخصين بدوار أولاد عمر التابع لجماعة سيدي حجاج بإقليم سطات.")
    douar = places["أولاد عمر"]
    assert douar.precision == "locality" and douar.country == "MAR" and douar.lat is not None
    assert douar.name == "Ouled Omar"


def test_a_name_no_gazetteer_knows_after_a_mountain_word(places_of) -> None:  # type: ignore[no-untyped-def]
    places = places_of("قتل جنديان في انفجار لغم بجبل بوشبكة في ولاية القصرين التونسية.")
    p = places["بوشبكة"]
    assert p.precision == "locality" and p.country == "TUN" and p.lat is not None and p.parent == "Kasserine"


def test_a_mountain_of_the_gazetteer(places_of) -> None:  # type: ignore[no-untyped-def]
    places = places_of("قتل جنديان في انفجار لغم بجبل الشعانبي.")
    p = next(v for k, v in places.items() if "الشعانبي" in k)
    assert (p.name, p.precision, p.country) == ("Mount Chambi", "locality", "TUN")


def test_an_unknown_district_without_a_parent_takes_the_country_named(places_of) -> None:  # type: ignore[no-untyped-def]
    places = places_of("داهمت قوات الأمن العراقية منطقة البوفراج شمال شرقي الرمادي.")
    p = places["البوفراج"]
    assert p.precision == "locality" and p.country == "IRQ" and p.parent == "Ramadi"


@pytest.mark.parametrize(
    "text, word",
    [
        ("قالت جماعة مسلحة إنها نفذت الهجوم.", "مسلحة"),  # a group, not a commune
        ("أعلنت جماعة تطلق على نفسها اسم الجبهة مسؤوليتها.", "تطلق"),  # a verb
        ("استهدف القصف قرية تشادية على ضفاف البحيرة.", "تشادية"),  # an adjective
        ("فتحت السلطات مخيما للمهاجرين.", "للمهاجرين"),  # a preposition
        ("قتل ثلاثة في حي سكني بالمدينة.", "سكني"),  # a common adjective
        ("وصل الوفد صباح اليوم إلى المنطقة.", "صباح"),  # a time word
    ],
)
def test_common_words_after_place_nouns_are_no_place(places_of, text: str, word: str) -> None:  # type: ignore[no-untyped-def]
    place = places_of(text).get(word)
    assert place is None or place.precision == "unresolved"  # at most a name the NER model tagged


def test_country_name_before_the_word_capital_is_the_capital_city(places_of) -> None:  # type: ignore[no-untyped-def]
    places = places_of("انفجرت قنبلة في الجزائر العاصمة أمس.")
    p = next(v for k, v in places.items() if k.startswith("الجزائر"))
    assert p.precision == "town" and p.country == "DZA" and p.name == "Algiers"


def test_time_words_are_no_places_in_a_list_of_places(places_of) -> None:  # type: ignore[no-untyped-def]
    places = places_of("وصل الوزير إلى الرباط، صباح اليوم، في زيارة رسمية.")
    assert "صباح" not in places and places["الرباط"].name == "Rabat"


@pytest.mark.parametrize(
    "arabic, country, latin",
    [("سيدي مومن", "MAR", "Sidi Moumen"), ("الشوتري", "YEM", "Ash Shutri"), ("أولاد تايمة", "MAR", "Ouled Taima"),
     ("قعطبة", "YEM", "Qataba")],
)
def test_latin_names_of_unknown_places(arabic: str, country: str, latin: str) -> None:
    assert latin_name(fold(arabic), country) == latin


@pytest.mark.parametrize(
    "arabic, latin", [("سيفاري", "Sévaré"), ("القصر الكبير", "Ksar El Kebir"), ("قعطبة", "Qatabah"),
                      ("خان آباد", "Khanabad")],
)
def test_arabic_and_latin_names_share_a_consonant_skeleton(arabic: str, latin: str) -> None:
    assert arabic_skeleton(fold(arabic)) == latin_skeleton(latin)


def test_a_town_the_gazetteer_has_only_in_latin_is_found_after_a_place_noun(places_of) -> None:  # type: ignore[no-untyped-def]
    p: Any = places_of("قتل جنديان في هجوم على مدينة كوتيالا في مالي.")["كوتيالا"]
    assert p.name == "Koutiala" and p.precision == "town" and p.country == "MLI" and p.geonames_id is not None


def test_a_commune_the_model_tags_as_an_organisation(places_of) -> None:  # type: ignore[no-untyped-def]
    # the NER model tags «بجماعة أولاد امبارك» ORG; after a place noun, a toponym head names a place
    places = places_of("أوقف الدرك شخصين بجماعة أولاد امبارك بإقليم بني ملال.")
    p = places["أولاد امبارك"]
    assert (p.precision, p.country, p.parent) == ("locality", "MAR", "Béni Mellal")
