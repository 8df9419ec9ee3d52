"""One-line event descriptions (marsad.describe): golden Arabic and English sentences from an event's fields."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from marsad.describe import describe
from marsad.store.rows import EventRow


def _event(**fields: Any) -> EventRow:
    base: dict[str, Any] = {f.name: None for f in dataclasses.fields(EventRow) if not f.name.startswith("description")}
    base.update(id="e1", type="COERCE", confidence=0.9, n_mentions=1, n_reports=1)
    base.update(fields)
    return EventRow(**base)


DGST_ARREST = _event(mode="arrest", status="occurred", actor_code="MAR_DGST", place_name="Tangier",
                     place_name_ar="طنجة", country="MAR", place_precision="town", date_value=dt.date(2025, 2, 26),
                     date_precision="day", people=12)  # fmt: skip


def test_the_brief_s_example_in_arabic_and_english() -> None:
    assert describe(DGST_ARREST, "ar") == (
        "اعتقلت المديرية العامة لمراقبة التراب الوطني مشتبها بهم في طنجة (المغرب) يوم 2025-02-26، واعتُقل 12 شخصا.")
    assert describe(DGST_ARREST, "en") == ("Morocco's General Directorate for Territorial Surveillance made"
                                          " arrests in Tangier (Morocco) on 2025-02-26; 12 arrested.")


def test_an_attack_with_casualties_and_a_recipient() -> None:
    e = _event(type="ASSAULT", mode="explosives", actor_code="JNIM", recipient_code="MLI", place_name="Mopti",
               place_name_ar="موبتي", country="MLI", place_precision="town", date_value=dt.date(2025, 3, 13),
               date_precision="day", killed=12, injured=2)  # fmt: skip
    ar = describe(e, "ar")
    assert ar.startswith("فجرت جماعة نصرة الإسلام والمسلمين عبوة ناسفة استهدفت مالي في موبتي (مالي) يوم 2025-03-13")
    assert ar.endswith("، وقُتل 12 شخصا، وأصيب شخصان.")
    assert describe(e, "en").endswith("against Mali in Mopti (Mali) on 2025-03-13; 12 killed, 2 injured.")


@pytest.mark.parametrize(("code", "verb"), [("MAR", "أعلن"), ("DZA", "أعلنت"), ("ISIL", "أعلن")])
def test_the_arabic_verb_agrees_with_the_actor(code: str, verb: str) -> None:
    e = _event(type="RETREAT", mode="ceasefire", actor_code=code)
    assert describe(e, "ar").startswith(verb + " ")


@pytest.mark.parametrize(("n", "words"), [(1, "شخص واحد"), (2, "شخصان"), (7, "7 أشخاص"), (40, "40 شخصا"),
                                          (200, "200 شخص"), (103, "103 أشخاص")])  # fmt: skip
def test_the_counted_noun_agrees_with_the_number(n: int, words: str) -> None:
    assert describe(_event(type="ASSAULT", killed=n), "ar") == f"هجوم، وقُتل {words}."


def test_without_actor_place_or_date_a_short_line_remains() -> None:
    e = _event(type="PROTEST", mode="demo", country="MAR", place_precision="country", status="planned")
    assert describe(e, "ar") == "مظاهرة في المغرب (مخطط له)."
    assert describe(e, "en") == "Demonstration in Morocco (planned)."


def test_coarse_dates_are_shown_at_their_precision() -> None:
    e = _event(type="AGREE", actor_code="MAR", recipient_code="MRT", date_value=dt.date(2025, 4, 1),
               date_precision="month")  # fmt: skip
    assert describe(e, "ar") == "اتفق المغرب مع موريتانيا في شهر 2025-04."
    assert describe(e, "en") == "Morocco reached an agreement with Mauritania in 2025-04."


def test_unknown_codes_and_types_fall_back_to_the_stored_names() -> None:
    e = _event(type="COERCE", mode="arrest", actor_code="smugglers", actor_name="smugglers", recipient_name="<b>x</b>")
    assert describe(e, "en") == "Smugglers made arrests among <b>x</b>."  # plain text: the page escapes it
    odd = _event(type="NOT_A_TYPE", actor_code="MAR")
    assert describe(odd, "en") == "Morocco not_a_type."


def test_a_role_party_takes_its_subject_or_object_form_and_suspects_go_unsaid() -> None:
    protest = _event(type="PROTEST", mode="demo", actor_code="civilians", actor_name="civilians")
    assert describe(protest, "ar") == "تظاهر المدنيون."
    attack = _event(type="ASSAULT", actor_code="MLI", recipient_code="civilians", killed=5, people=5)
    assert describe(attack, "ar") == "هاجمت مالي المدنيين، وقُتل 5 أشخاص."  # people = killed: said once
    arrest = _event(mode="arrest", actor_code="MAR", recipient_code="suspects", people=3)
    assert describe(arrest, "ar") == "اعتقل المغرب مشتبها بهم، واعتُقل 3 أشخاص."
    assert describe(arrest, "en") == "Morocco made arrests; 3 arrested."


def test_a_country_level_place_that_is_the_actor_s_own_country_is_not_said_twice() -> None:
    arrest = _event(mode="arrest", actor_code="MAR", country="MAR", place_name="Morocco", place_name_ar="المغرب",
                    place_precision="country", date_value=dt.date(2025, 2, 26), date_precision="day")  # fmt: skip
    assert describe(arrest, "ar") == "اعتقل المغرب مشتبها بهم يوم 2025-02-26."
    assert describe(arrest, "en") == "Morocco made arrests on 2025-02-26."
    by_agency = _event(mode="arrest", actor_code="MAR_DGST", country="MAR", place_precision="country")
    assert "في المغرب" not in describe(by_agency, "ar")
    abroad = _event(mode="arrest", actor_code="MAR", country="ESP", place_precision="country")
    assert describe(abroad, "en") == "Morocco made arrests in Spain."  # another country is said

