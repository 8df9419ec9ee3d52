"""Report benchmark: a week of N analysed-looking articles in a DuckDB store, then the time to build the
situation report (figures, map, timeline, top events, quotes, relations) for the whole store, for the Maghreb
and for one country, as HTML and as PDF.

The store is the one ``benchmarks/store_bench.py`` builds (SaudiNewsNet texts from ../shared/data, synthetic
but pipeline-shaped events, relations and quotes), with every article published in ISO week 2015-W31; loading
it is not timed. The target (issue 19): under 10 s for a week of 2,000 articles.

Usage: ``PYTHONPATH=src python benchmarks/report_bench.py [--n 2000] [--db PATH]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_bench import articles, synth

from marsad.report import make_report, parse_period, parse_scope
from marsad.store import open_store

WEEK = parse_period("2015-W31")


def build(db: Path, n: int) -> None:
    rng, pool = random.Random(19), []  # type: ignore[var-annotated]
    records = []
    for i, art in enumerate(articles(n)):
        day = WEEK.start + dt.timedelta(days=i % 7)
        records.append(synth({**art, "date_extracted": day.isoformat()}, i, rng, pool))
    with open_store(db) as store:
        store.add_records(records)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp(prefix="marsad-report-bench-")) / "bench.duckdb"
    if not db.exists():
        start = time.perf_counter()
        build(db, args.n)
        print(f"store: {args.n} articles in {time.perf_counter() - start:.1f} s (not part of the measure)")
    with open_store(db, read_only=True) as store:
        stats = store.stats()
        print(f"store: {stats['tables']['articles']} articles, {stats['tables']['events']} merged events, "
              f"{stats['tables']['quotes']} quotes, {stats['tables']['relations']} relations")
        make_report(store, parse_scope("MAR"), WEEK, fmt="html")  # warm: fonts, matplotlib, templates
        for scope in ("all", "maghreb", "MAR"):
            for fmt in ("html", "pdf"):
                start = time.perf_counter()
                out = make_report(store, parse_scope(scope), WEEK, fmt=fmt)
                took = time.perf_counter() - start
                print(f"report {scope:8s} {WEEK.label()} {fmt:4s}: {took:5.2f} s  ({len(out.content):,} bytes)")


if __name__ == "__main__":
    main()
