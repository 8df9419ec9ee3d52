"""The store's SQL schema: one set of statements for DuckDB and PostgreSQL, ordered migrations.

The statements are written once with three type tokens, filled per dialect by :func:`render`
(``{BLOB}``, ``{DOUBLE}``, ``{JSON}``); every value reaches the database as a bound parameter.
JSON columns hold JSON text in both backends, so one reader serves both.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DIALECT_TYPES", "MIGRATIONS", "SCHEMA_VERSION", "TABLES", "Migration", "render"]

DIALECT_TYPES: dict[str, dict[str, str]] = {
    "duckdb": {"BLOB": "BLOB", "DOUBLE": "DOUBLE", "JSON": "TEXT"},
    "postgres": {"BLOB": "BYTEA", "DOUBLE": "DOUBLE PRECISION", "JSON": "TEXT"},
}


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


#: The columns of an event's fields (``records_sql.EVENT_FIELDS``): a merged event and each of its mentions
#: (one article's reading) carry them alike.
_EVENT_COLUMNS = """type TEXT NOT NULL, mode TEXT, status TEXT,
        acled_event_type TEXT, acled_sub_event_type TEXT,
        actor_code TEXT, actor_name TEXT, recipient_code TEXT, recipient_name TEXT,
        place_name TEXT, place_name_ar TEXT, geonames_id BIGINT,
        lat {DOUBLE}, lon {DOUBLE}, country TEXT, admin1 TEXT, place_precision TEXT,
        date_value DATE, date_end DATE, date_precision TEXT,
        people INTEGER, killed INTEGER, injured INTEGER,"""

_V1 = (
    """CREATE TABLE IF NOT EXISTS articles (
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        title TEXT, url TEXT, source TEXT, author TEXT,
        published DATE,
        text TEXT NOT NULL,
        origin TEXT,
        provenance {JSON},
        diagnostics {JSON},
        record {JSON},
        cluster_id TEXT,
        duplicate_of TEXT,
        similarity {DOUBLE},
        minhash {BLOB},
        added_at TIMESTAMP NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS articles_cluster ON articles (cluster_id)",
    """CREATE TABLE IF NOT EXISTS entities (
        article_id TEXT NOT NULL, local_id TEXT NOT NULL,
        text TEXT, start_char INTEGER, end_char INTEGER, label TEXT,
        canonical_id TEXT, name_ar TEXT, name_en TEXT, kind TEXT, country TEXT,
        PRIMARY KEY (article_id, local_id)
    )""",
    "CREATE INDEX IF NOT EXISTS entities_canonical ON entities (canonical_id)",
    """CREATE TABLE IF NOT EXISTS events (
        id TEXT PRIMARY KEY,
        """ + _EVENT_COLUMNS + """
        confidence {DOUBLE} NOT NULL,
        n_mentions INTEGER NOT NULL, n_reports INTEGER NOT NULL,
        continues TEXT,
        first_published DATE,
        day_min DATE, day_max DATE,
        merge {JSON},
        created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS events_type_date ON events (type, date_value)",
    "CREATE INDEX IF NOT EXISTS events_country ON events (country)",
    """CREATE TABLE IF NOT EXISTS event_mentions (
        event_id TEXT NOT NULL,
        article_id TEXT NOT NULL, local_id TEXT NOT NULL,
        """ + _EVENT_COLUMNS + """
        evidence_text TEXT NOT NULL, evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL,
        evidence_norm TEXT NOT NULL,
        confidence {DOUBLE} NOT NULL,
        from_duplicate BOOLEAN NOT NULL,
        merge {JSON},
        cluster_id TEXT, published DATE,
        PRIMARY KEY (article_id, local_id)
    )""",
    "CREATE INDEX IF NOT EXISTS mentions_event ON event_mentions (event_id)",
    """CREATE TABLE IF NOT EXISTS quotes (
        article_id TEXT NOT NULL, local_id TEXT NOT NULL,
        speaker TEXT, speaker_norm TEXT, speaker_entity TEXT, speaker_code TEXT, cue TEXT, kind TEXT,
        evidence_text TEXT NOT NULL, evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL,
        confidence {DOUBLE} NOT NULL, published DATE, source TEXT,
        PRIMARY KEY (article_id, local_id)
    )""",
    """CREATE TABLE IF NOT EXISTS relations (
        article_id TEXT NOT NULL, local_id TEXT NOT NULL,
        a TEXT NOT NULL, b TEXT NOT NULL, type TEXT NOT NULL, polarity INTEGER NOT NULL,
        domain TEXT, attributed_to TEXT,
        evidence_text TEXT NOT NULL, evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL,
        confidence {DOUBLE} NOT NULL, published DATE,
        PRIMARY KEY (article_id, local_id)
    )""",
    "CREATE INDEX IF NOT EXISTS relations_pair ON relations (a, b)",
    """CREATE TABLE IF NOT EXISTS quarantine (
        id TEXT PRIMARY KEY, source TEXT NOT NULL, locator TEXT NOT NULL,
        code TEXT NOT NULL, message TEXT NOT NULL, raw {BLOB},
        created_at TIMESTAMP NOT NULL, retried BOOLEAN NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS checkpoints (
        key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TIMESTAMP NOT NULL
    )""",
)

#: The quarantine keeps at most :data:`~marsad.store.sqlstore.RAW_KEEP` raw bytes of an item, with the size
#: and SHA-256 of the whole, and the kind of reader that failed it (``csv``…), so a retry re-reads it alike.
_V2 = (
    "ALTER TABLE quarantine ADD COLUMN IF NOT EXISTS raw_size BIGINT",
    "ALTER TABLE quarantine ADD COLUMN IF NOT EXISTS raw_sha256 TEXT",
    "ALTER TABLE quarantine ADD COLUMN IF NOT EXISTS kind TEXT",
)

#: Alerts (:mod:`marsad.alerts`): one row per fired alert and delivery channel, written before it is sent and
#: marked when it is, so a restart neither loses nor repeats a notification; the ``dashboard`` channel's rows
#: are the dashboard's alert list.
_V3 = (
    """CREATE TABLE IF NOT EXISTS alert_deliveries (
        alert_id TEXT NOT NULL, channel TEXT NOT NULL,
        watch TEXT NOT NULL, subject TEXT NOT NULL, payload {JSON} NOT NULL,
        status TEXT NOT NULL, attempts INTEGER NOT NULL, last_error TEXT,
        created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL, delivered_at TIMESTAMP,
        PRIMARY KEY (alert_id, channel)
    )""",
    "CREATE INDEX IF NOT EXISTS alert_deliveries_status ON alert_deliveries (status, channel)",
)

#: Analyst corrections: an append-only audit trail (who, when, old, new, note) of field corrections and
#: flags, anchored on one mention so that they follow the event when merges change its id; the events
#: carry the effect (corrected values, ``flag``, ``corrected`` = JSON list of the corrected fields),
#: re-applied after every write (:func:`marsad.store.corrections.apply_all`).
_V4 = (
    """CREATE TABLE IF NOT EXISTS corrections (
        id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL,
        anchor_article TEXT, anchor_local TEXT,
        kind TEXT NOT NULL,
        field TEXT,
        old_value {JSON}, new_value {JSON},
        note TEXT,
        author TEXT NOT NULL,
        created_at TIMESTAMP NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS corrections_event ON corrections (event_id)",
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS flag TEXT",
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS corrected {JSON}",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", _V1),
    Migration(2, "quarantine: bounded raw bytes with the size and SHA-256 of the whole, reader kind", _V2),
    Migration(3, "alerts: delivery state of each fired alert per channel", _V3),
    Migration(4, "analyst corrections with their audit trail; events carry flag and corrected", _V4),
)
SCHEMA_VERSION = MIGRATIONS[-1].version

#: The tables :mod:`marsad.export` may write, in a stable order.
TABLES = ("articles", "entities", "events", "event_mentions", "quotes", "relations", "quarantine", "checkpoints",
          "corrections")

VERSION_TABLE = """CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TIMESTAMP NOT NULL
)"""


def render(statement: str, dialect: str) -> str:
    """``statement`` with the dialect's column types filled in."""
    return statement.format(**DIALECT_TYPES[dialect])
