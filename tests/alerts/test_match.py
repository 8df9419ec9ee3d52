"""Each condition of a watch on a hand-made event: place (country, admin area, radius), actors by code or by an
Arabic or English name part, types, modes, statuses, counts, fatalities, confidence; and relation statements."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from marsad.alerts.match import alert_id, event_matches, relation_matches
from marsad.alerts.rules import EventWatch, RelationWatch
from marsad.store.rows import EventRow, RelationRow

EVENT = EventRow(
    id="e1", type="COERCE", mode="arrest", status="occurred", acled_event_type=None, acled_sub_event_type=None,
    actor_code="MAR_DGST", actor_name="المديرية العامة لمراقبة التراب الوطني", recipient_code="ISIL",
    recipient_name="داعش", place_name="Had Soualem", place_name_ar="حد السوالم", geonames_id=None, lat=33.42,
    lon=-7.85, country="MAR", admin1="Casablanca-Settat", place_precision="town", date_value=dt.date(2025, 2, 19),
    date_end=None, date_precision="day", people=12, killed=None, injured=None, confidence=0.62, n_mentions=1,
    n_reports=1, continues=None, first_published=dt.date(2025, 2, 26),
)  # fmt: skip


@pytest.mark.parametrize(("watch", "expected"), [
    (EventWatch("w", countries=("MAR",)), True),
    (EventWatch("w", countries=("DZA",)), False),
    (EventWatch("w", admin1=("Casablanca-Settat",)), True),
    (EventWatch("w", near=(33.57, -7.59, 50.0)), True),  # Casablanca, 29 km
    (EventWatch("w", near=(34.02, -6.84, 50.0)), False),  # Rabat, 112 km
    (EventWatch("w", actors=("داعش",)), True),  # the recipient, by its Arabic name
    (EventWatch("w", actors=("مراقبة التراب",)), True),  # part of the actor's name
    (EventWatch("w", actors=("isil",)), True),  # a code, any case
    (EventWatch("w", actors=("AQIM",)), False),
    (EventWatch("w", types=("COERCE",), modes=("arrest",), statuses=("occurred",)), True),
    (EventWatch("w", modes=("seize",)), False),
    (EventWatch("w", min_count=12), True),
    (EventWatch("w", min_count=13), False),
    (EventWatch("w", min_fatalities=1), False),
    (EventWatch("w", min_confidence=0.7), False),
])  # fmt: skip
def test_event_conditions(watch: EventWatch, expected: bool) -> None:
    assert event_matches(watch, EVENT) is expected


def test_a_watched_name_finds_events_stored_under_english_names_and_codes() -> None:
    """A stored event names its actors in English («Islamic State», from the KB): an Arabic watch finds it
    through the KB's names, as the API's actor filter does; a state's watch finds its agencies' events."""
    stored = dataclasses.replace(EVENT, actor_name="Morocco", recipient_name="Islamic State")
    assert event_matches(EventWatch("w", actors=("داعش",)), stored)
    assert event_matches(EventWatch("w", actors=("المغرب",)), stored)  # MAR brings MAR_DGST
    assert not event_matches(EventWatch("w", actors=("الجزائر",)), stored)


def test_harakat_in_a_watched_name_still_match() -> None:
    assert event_matches(EventWatch("w", actors=("دَاعِش",)), EVENT)


def test_an_event_without_coordinates_is_outside_every_radius() -> None:
    assert not event_matches(EventWatch("w", near=(33.42, -7.85, 500.0)), dataclasses.replace(EVENT, lat=None))


def test_relation_statements() -> None:
    row = RelationRow(article_id="a1", local_id="R1", a="MAR", b="DZA", type="COOPERATE", polarity=-1,
                      domain="security",
                      attributed_to=None, evidence_text="التعاون الأمني بين المغرب والدول المغاربية يعد ضعيفًا",
                      evidence_start=0, evidence_end=10, confidence=0.55, published=dt.date(2025, 2, 26))  # fmt: skip
    assert relation_matches(RelationWatch("r", ("DZA", "MAR"), "negative"), row)  # either order
    assert not relation_matches(RelationWatch("r", ("MAR", "DZA"), "positive"), row)
    assert relation_matches(RelationWatch("r", ("MAR", "DZA")), row)
    assert not relation_matches(RelationWatch("r", ("MAR", "ESP"), "negative"), row)
    assert not relation_matches(RelationWatch("r", ("MAR", "DZA"), types=("ACCUSE",)), row)


def test_alert_ids_are_stable_and_distinct() -> None:
    assert alert_id("w", "event:e1") == alert_id("w", "event:e1") != alert_id("w2", "event:e1")
    assert len(alert_id("w", "event:e1")) == 20
