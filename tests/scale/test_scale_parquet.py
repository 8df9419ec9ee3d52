"""Records ⇄ Parquet rows, hive partition keys, stable partition ids, atomic idempotent writes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from marsad.inputs import ArticleInput, InputFailure
from marsad.scale.dask_run import partitions
from marsad.scale.parquet import (
    NULL_PARTITION,
    partition_keys,
    read_rows,
    record_to_row,
    row_to_record,
    write_partition,
)


def _record(text: str, events: list[dict[str, Any]] | None = None,
            published: str | None = "2015-07-21") -> dict[str, Any]:
    return {"id": f"id-{len(text)}", "title": "عنوان", "url": None, "source": "واس", "author": None,
            "published": published, "text": text, "entities": [], "events": events or [], "quotes": [],
            "relations": [], "provenance": {"marsad": "0.1.0", "stages": ["text.tokens.v1"], "config_sha256": "ab"},
            "diagnostics": [], "origin": "a.txt"}  # fmt: skip


def test_row_round_trips_to_the_same_record() -> None:
    rec = _record("اعتقلت الشرطة ثلاثة أشخاص في الرياض.")
    row = record_to_row(rec, 7)
    assert row["position"] == 7 and row["n_events"] == 0 and row["error_code"] is None
    assert row_to_record(row) == rec


@given(st.text(min_size=1, max_size=200))
def test_any_text_round_trips(text: str) -> None:
    rec = _record(text)
    assert row_to_record(record_to_row(rec, 0)) == rec


def test_partition_keys_prefer_the_first_event_then_the_publication_month() -> None:
    event = {"date": {"value": "2015-06-30"}, "place": {"country": "YEM"}}
    assert partition_keys(_record("قصف في صنعاء", [event])) == ("2015-06", "YEM")
    assert partition_keys(_record("خبر بلا أحداث")) == ("2015-07", NULL_PARTITION)
    assert partition_keys(_record("خبر بلا تاريخ", published=None)) == (NULL_PARTITION, NULL_PARTITION)


def test_same_partition_overwrites_the_same_files_and_leaves_no_temp(tmp_path: Path) -> None:
    event = {"date": {"value": "2015-08-02"}, "place": {"country": "SAU"}}
    rows = [(_record("نص أول"), 0, None), (_record("نص ثان أطول", [event]), 1, None)]
    first = write_partition(tmp_path, "p1", rows)
    again = write_partition(tmp_path, "p1", rows)
    assert first == again == ["month=2015-07/country=__HIVE_DEFAULT_PARTITION__/part-p1.parquet",
                              "month=2015-08/country=SAU/part-p1.parquet"]  # fmt: skip
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == first
    assert [row_to_record(r) for r in read_rows(tmp_path / first[1])] == [rows[1][0]]


def test_partition_ids_are_stable_and_distinct() -> None:
    items: list[ArticleInput | InputFailure] = [ArticleInput(text=f"خبر رقم {i}", origin=f"f:{i}") for i in range(10)]
    items.append(InputFailure("bad", "E002", "binary", b"\x00"))
    a, b = list(partitions(items, 4)), list(partitions(list(items), 4))
    assert [p.id for p in a] == [p.id for p in b]
    assert len({p.id for p in a}) == 3 and [p.start for p in a] == [0, 4, 8]
    assert sum(len(p.items) for p in a) == len(items)
    assert next(p.id for p in partitions(items[1:], 4)) != a[0].id
