"""The ingest run: counts add up, --since, resume from a checkpoint, SIGKILL midway, workers, quarantine."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from ingest_fakestore import FakeStore

from marsad.ingest import ColumnMapping, IngestOptions, IngestSummary, ingest, run_key
from marsad.ingest.base import SourceOptions
from marsad.ingest.quarantine import retry
from marsad.pipeline import Pipeline

HERE = Path(__file__).resolve().parent
SENTENCES = [
    "أعلنت السلطات الأمنية في مدينة {city} توقيف {n} أشخاص يشتبه في انتمائهم إلى شبكة لتهريب الأسلحة.",
    "وقال مصدر أمني إن العملية جرت فجر اليوم بعد أسابيع من المراقبة الدقيقة للمشتبه بهم.",
    "وأضاف أن المحققين حجزوا هواتف ووثائق مزورة ومبالغ مالية في منزل بحي {city} الجديد.",
]
CITIES = ["فاس", "وهران", "تونس", "نواكشوط", "باماكو", "نيامي", "طرابلس", "مراكش"]


def _corpus(path: Path, n: int, bad_every: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            if bad_every and i % bad_every == bad_every - 1:
                fh.write("{broken json line\n")
                continue
            text = " ".join(s.format(city=CITIES[i % len(CITIES)], n=i + 2) for s in SENTENCES)
            fh.write(json.dumps({"body": text, "when": f"2024-0{1 + i % 9}-1{i % 10}"}, ensure_ascii=False) + "\n")
    return path


def test_counts_add_up_and_quarantine_keeps_raw_bytes(tmp_path: Path, store: FakeStore) -> None:
    src = _corpus(tmp_path / "news.jsonl", 40, bad_every=10)
    stats = ingest([str(src)], store, IngestOptions(mapping=ColumnMapping.parse("text=body,published=when")))
    assert stats.seen == 40 and stats.stored == 36 and stats.quarantined == 4 and stats.by_code == {"E005": 4}
    assert stats.seen == stats.stored + stats.duplicate + stats.quarantined + stats.skipped_old
    assert len(store.articles) == 36
    assert {r.raw for r in store.quarantined.values()} == {b"{broken json line"}
    assert {r.locator for r in store.quarantined.values()} == {f"{src}:{i}" for i in (10, 20, 30, 40)}
    again = ingest([str(src)], store, IngestOptions(mapping=ColumnMapping.parse("text=body,published=when")))
    assert again.stored == 0 and again.duplicate == 36 and len(store.quarantined) == 4


def test_since_skips_older_articles(tmp_path: Path, store: FakeStore) -> None:
    src = _corpus(tmp_path / "news.jsonl", 18)
    opts = IngestOptions(
        mapping=ColumnMapping.parse("text=body,published=when"), since=__import__("datetime").date(2024, 5, 1)
    )
    stats = ingest([str(src)], store, opts)
    assert stats.skipped_old == 8 and stats.stored == 10
    assert all(r["published"] >= "2024-05-01" for r in store.articles.values())


def test_resume_continues_after_the_checkpoint(tmp_path: Path, store: FakeStore) -> None:
    src = _corpus(tmp_path / "news.jsonl", 60)
    opts = IngestOptions(mapping=ColumnMapping.parse("text=body"), batch_size=10)
    stop = threading.Event()

    def stop_after_two_batches(s: IngestSummary) -> None:
        if s.stored >= 20:
            stop.set()

    first = ingest([str(src)], store, opts, on_progress=stop_after_two_batches, stop=stop)
    assert first.interrupted and 20 <= len(store.articles) < 60
    key = "ingest:" + run_key([str(src)], opts)
    checkpoint = json.loads(store.get_checkpoint(key) or "{}")
    assert checkpoint["done"] == len(store.articles) and checkpoint["last"] == f"{src}:{checkpoint['done']}"
    second = ingest([str(src)], store, IngestOptions(mapping=opts.mapping, batch_size=10, resume=True))
    assert second.resumed == checkpoint["done"] and second.duplicate == 0
    assert len(store.articles) == 60


def test_kill_midway_then_resume_stores_every_item_exactly_once(tmp_path: Path) -> None:
    n = 2500
    src = _corpus(tmp_path / "big.jsonl", n)
    db = tmp_path / "store.sqlite"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE.parents[1] / "src"), str(HERE)])}
    cmd = [sys.executable, str(HERE / "ingest_runner.py"), str(db), str(src)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stored = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=5) as con:
                    stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 200:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    with sqlite3.connect(db) as con:
        at_kill = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 0 < at_kill < n
    out = subprocess.run([*cmd, "--resume"], env=env, capture_output=True, text=True, timeout=300, check=True)
    assert "resumed=" in out.stdout
    with sqlite3.connect(db) as con:
        total, distinct_origins = con.execute("SELECT count(*), count(DISTINCT origin) FROM articles").fetchone()
        attempts = con.execute("SELECT count(*) FROM attempts").fetchone()[0]
    assert total == n and distinct_origins == n  # every line stored, exactly once
    assert attempts <= n + 10  # the resumed run redid at most the one uncommitted batch


def test_workers_give_the_same_records_in_the_same_order(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "news.jsonl", 45, bad_every=9)
    one, two = FakeStore(), FakeStore()
    opts = IngestOptions(mapping=ColumnMapping.parse("text=body"), batch_size=7)
    ingest([str(src)], one, opts)
    ingest([str(src)], two, IngestOptions(mapping=opts.mapping, batch_size=7, workers=2))
    assert list(one.articles) == list(two.articles) and len(one.articles) == 40
    strip = lambda r: {k: v for k, v in r.items() if k != "provenance"}  # noqa: E731
    assert [strip(r) for r in one.articles.values()] == [strip(r) for r in two.articles.values()]
    assert list(one.quarantined) == list(two.quarantined)


def test_quarantine_retry_after_fixing_the_mapping(tmp_path: Path, store: FakeStore) -> None:
    src = _corpus(tmp_path / "news.jsonl", 3)
    stats = ingest([str(src)], store, IngestOptions())  # no mapping: "body" is not "text"
    assert stats.quarantined == 3 and set(store.quarantined.values().__iter__().__next__().code for _ in [0]) == {
        "E006"
    }
    pipeline = Pipeline.build()
    qid = next(iter(store.quarantined))
    result = retry(store, qid, pipeline, SourceOptions(mapping=ColumnMapping.parse("text=body")))
    assert result.ok and len(store.articles) == 1 and store.quarantined[qid].retried
    still = retry(store, list(store.quarantined)[1], pipeline, SourceOptions())
    assert not still.ok and still.code == "E006"


def test_language_quarantine_keeps_the_original_record_and_retries_with_a_lower_threshold(
    tmp_path: Path, store: FakeStore
) -> None:
    src = tmp_path / "mixed.jsonl"
    text = "خبر قصير عن الأمن. " + "Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod. " * 3
    src.write_text(json.dumps({"body": text, "url": "http://x.example/1"}, ensure_ascii=False) + "\n", "utf-8")
    ingest([str(src)], store, IngestOptions(mapping=ColumnMapping.parse("text=body")))
    (row,) = store.quarantined.values()
    assert row.code == "E008" and json.loads(row.raw)["url"] == "http://x.example/1"
    from marsad.config import load_settings

    lenient = Pipeline.build(load_settings(overrides={"input": {"min_arabic_ratio": 0.05}}))
    result = retry(store, row.id, lenient, SourceOptions(mapping=ColumnMapping.parse("text=body")))
    assert result.ok and [r["url"] for r in store.articles.values()] == ["http://x.example/1"]
