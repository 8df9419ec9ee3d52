"""The API's models of stored records are generated from the store's rows: one definition per shape."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated

import pytest
from pydantic import ValidationError

from marsad.api import models
from marsad.store import rows

PAIRS = [(rows.EventRow, models.Event), (rows.MentionRow, models.Mention), (rows.EventDetail, models.EventDetail),
         (rows.QuoteRow, models.Quote), (rows.RelationRow, models.Relation), (rows.IndexPoint, models.IndexPoint),
         (rows.ActorRow, models.Actor)]  # fmt: skip


@pytest.mark.parametrize(("row", "model"), PAIRS, ids=[m.__name__ for _, m in PAIRS])
def test_model_has_the_row_fields_in_order(row: type, model: type[models.BaseModel]) -> None:
    assert list(model.model_fields) == [f.name for f in dataclasses.fields(row)]


def test_a_row_serves_through_its_model_with_nested_rows() -> None:
    event = rows.EventRow(
        id="e1", type="COERCE", mode="arrest", status="occurred", acled_event_type=None, acled_sub_event_type=None,
        actor_code="MAR", actor_name="Morocco", recipient_code=None, recipient_name=None, place_name="Tangier",
        place_name_ar="طنجة", geonames_id=2530335, lat=35.77, lon=-5.8, country="MAR", admin1=None,
        place_precision="town", date_value=dt.date(2025, 2, 26), date_end=None, date_precision="day", people=12,
        killed=None, injured=None, confidence=0.9, n_mentions=1, n_reports=1, continues=None,
        first_published=dt.date(2025, 2, 26))  # fmt: skip
    detail = models.EventDetail.model_validate(rows.EventDetail(event, []))
    assert detail.model_dump()["event"]["place_name_ar"] == "طنجة"
    assert detail.model_dump()["mentions"] == []


def test_docs_bounds_and_defaults_carry_over() -> None:
    @dataclasses.dataclass(frozen=True)
    class Row:
        """A row."""

        score: Annotated[float, rows.Doc("a share", ge=0, le=1)]
        note: str | None = None

    model = models.model_of(Row, "Scored")
    schema = model.model_json_schema()
    assert schema["description"] == "A row."
    assert schema["properties"]["score"] == {"description": "a share", "maximum": 1, "minimum": 0, "title": "Score",
                                             "type": "number"}  # fmt: skip
    assert schema["required"] == ["score"]
    assert model(score=0.5).note is None  # type: ignore[attr-defined]
    with pytest.raises(ValidationError):
        model(score=1.5)


def test_a_row_without_its_own_docstring_gives_no_description() -> None:
    assert "description" not in models.Quote.model_json_schema()
