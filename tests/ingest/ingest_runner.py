"""`python ingest_runner.py DB SOURCE... [--resume]`: marsad.ingest.ingest into a SqliteStore (kill test)."""

from __future__ import annotations

import sys

from ingest_sqlitestore import SqliteStore

from marsad.config import load_settings
from marsad.ingest import ColumnMapping, IngestOptions, ingest

if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    store = SqliteStore(args[0])
    options = IngestOptions(mapping=ColumnMapping.parse("text=body"), resume="--resume" in sys.argv, batch_size=10)
    light = load_settings(overrides={"pipeline": {"stages": ["text.tokens.v1", "text.sentences.v1"]}})
    stats = ingest(args[1:], store, options, settings=light)
    print(
        f"seen={stats.seen} stored={stats.stored} dup={stats.duplicate} quarantined={stats.quarantined} "
        f"resumed={stats.resumed}"
    )
