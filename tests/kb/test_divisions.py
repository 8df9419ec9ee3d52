"""Divisions known only by their Latin names (marsad.kb.divisions), and their use after a place noun."""

from __future__ import annotations

import gzip
import re

import pytest

from marsad.kb.divisions import DIVISIONS_FILE, Divisions
from marsad.text.fold import fold


@pytest.fixture(scope="module")
def divisions() -> Divisions:
    return Divisions.load()


@pytest.mark.parametrize(
    ("arabic", "country", "name"),
    [
        ("أبين", "YEM", "Abyan"),  # a skeleton of two consonants, unique in Yemen
        ("عسير", "SAU", "'Asīr"),
        ("كردستان", "IRQ", "Kūrdistān"),  # the ISO name «Iqlīm Kūrdistān» less its generic word
        ("الحسكة", "SYR", "Al Ḩasakah"),
        ("مكة المكرمة", "SAU", "Makkah al Mukarramah"),
        ("تيلابيري", "NER", "Tillabéri"),
        ("القصرين", "TUN", "Kasserine"),
    ],
)
def test_a_division_is_found_by_the_skeleton_of_its_arabic_name(divisions: Divisions, arabic: str, country: str,
                                                                 name: str) -> None:  # fmt: skip
    found = divisions.find(fold(arabic), [country])
    assert found is not None and (found.name, found.country) == (name, country)
    assert found.precision == "admin1" and found.lat is not None and found.lon is not None


def test_the_h_sounds_must_agree(divisions: Divisions) -> None:
    # «سناح» (a village of Ad Dali) and «صنعاء» both have the skeleton «sn»; only Sanaa has no «ح»
    assert divisions.find(fold("سناح"), ["YEM"]) is None
    sanaa = divisions.find(fold("صنعاء"), ["YEM"])
    assert sanaa is not None and sanaa.name == "Şan'ā'"


def test_only_in_the_countries_asked_and_in_their_order(divisions: Divisions) -> None:
    assert divisions.find(fold("أبين"), ["MAR", "TUN"]) is None
    found = divisions.find(fold("عسير"), ["TUN", "SAU"])
    assert found is not None and found.country == "SAU"


def test_the_data_file_is_well_formed() -> None:
    with gzip.open(DIVISIONS_FILE, "rt", encoding="utf-8") as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh if not line.startswith("#")]
    assert len(rows) > 3000
    for code, name, country, precision, _parent, lat, lon, skeletons in rows:
        assert name and re.fullmatch("[A-Z]{3}", country) and precision in ("admin1", "admin2") and skeletons
        assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180
        assert not code.startswith(("MA-", "DZ-", "EH-"))  # those are in places.tsv.gz, in Arabic


def test_a_governorate_no_gazetteer_writes_in_arabic(places_of) -> None:  # type: ignore[no-untyped-def]
    places = places_of("قتل 12 متمردا في غارات للتحالف على مواقعهم في محافظة أبين جنوب اليمن.")
    p = places["أبين"]
    assert (p.name, p.country, p.precision) == ("Abyan", "YEM", "admin1")
    assert p.lat is not None and 13 < p.lat < 16  # the coordinates of its division, not Yemen's middle


def test_a_region_in_another_country_the_article_names(places_of) -> None:  # type: ignore[no-untyped-def]
    text = ("أدانت تونس التفجير الإرهابي الذي استهدف مسجدا لقوات الطوارئ في منطقة عسير بالمملكة العربية "
            "السعودية.")  # fmt: skip
    p = places_of(text)["عسير"]
    assert (p.name, p.country, p.precision) == ("'Asīr", "SAU", "admin1")


def test_a_town_the_gazetteer_spells_otherwise(places_of) -> None:  # type: ignore[no-untyped-def]
    # the gazetteer has «كويته»; the text writes «كويتا»
    p = places_of("قتل شخصان في تفجير انتحاري في مدينة كويتا جنوب غربي باكستان.")["كويتا"]
    assert (p.name, p.country, p.precision) == ("Quetta", "PAK", "town")


def test_a_town_after_a_division_noun_is_the_division(places_of) -> None:  # type: ignore[no-untyped-def]
    p = places_of("قتل 22 شخصا في إقليم قندز في شمالي أفغانستان مساء أول من أمس.")["قندز"]
    assert (p.name, p.country, p.precision) == ("Kunduz", "AFG", "admin1")
    town = places_of("قتل 22 شخصا في مدينة قندز في شمالي أفغانستان.")["قندز"]
    assert town.precision == "town"
