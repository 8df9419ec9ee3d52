"""Invariant: whatever a JSONL dump holds, every line is either stored or quarantined, never lost."""

from __future__ import annotations

import json
import tempfile
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_fakestore import FakeStore

from marsad.config import load_settings
from marsad.ingest import ColumnMapping, IngestOptions, ingest
from marsad.pipeline import Pipeline

ARABIC = st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهوي ،.", min_size=1, max_size=80)
LATIN = st.text(alphabet="abcdefghijklmnopqrstuvwxyz éà'", min_size=1, max_size=80)
LINE = st.one_of(
    ARABIC.map(lambda t: json.dumps({"story": t}, ensure_ascii=False)),
    LATIN.map(lambda t: json.dumps({"story": t})),
    st.just('{"story": ""}'),
    st.just("{broken"),
    st.just("[1, 2]"),
    st.binary(max_size=30).map(lambda b: b.decode("latin-1").replace("\n", " ")),
)


@lru_cache(maxsize=1)
def _pipeline() -> Pipeline:
    return Pipeline.build(load_settings(overrides={"pipeline": {"stages": ["text.tokens.v1", "text.sentences.v1"]}}))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINE, min_size=1, max_size=25), st.integers(min_value=1, max_value=7))
def test_every_line_is_stored_or_quarantined(lines: list[str], batch_size: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "dump.jsonl"
        src.write_text("\n".join(lines) + "\n", "utf-8")
        store = FakeStore()
        options = IngestOptions(mapping=ColumnMapping.parse("text=story"), batch_size=batch_size)
        stats = ingest([str(src)], store, options, pipeline=_pipeline())
        raw_lines = src.read_bytes().splitlines()  # JSONL lines are split on bytes, as the reader does
        expected = {f"{src}:{i}" for i, line in enumerate(raw_lines, start=1) if line.strip()} or {str(src)}
        assert stats.seen == len(expected)  # an all-blank file is one E001 item
        assert stats.seen == stats.stored + stats.duplicate + stats.quarantined
        assert len(store.articles) == stats.stored and len(store.quarantined) == stats.quarantined
        stored = {r["origin"] for r in store.articles.values()}
        quarantined = {q.locator for q in store.quarantined.values()}
        assert not stored & quarantined and stored | quarantined <= expected
        assert len(expected - stored - quarantined) == stats.duplicate  # the rest repeat a stored text
