"""Thin connections over DuckDB and PostgreSQL: the only place the two dialects differ.

Statements are written with ``?`` placeholders; the PostgreSQL connection turns them into
psycopg's ``%s``. Values always travel as bound parameters, never inside the SQL text.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = ["Db", "DuckDb", "PostgresDb"]

log = logging.getLogger(__name__)
#: Bound parameters per multi-row DuckDB insert.
_MAX_PARAMS = 6000
#: First key of PostgreSQL writers' advisory lock ("mars"); the second is the schema's hash.
_LOCK_CLASS = 0x6D617273
#: The PostgreSQL sequence counting write transactions (created on the first write, beside the tables).
_WRITES_SEQUENCE = "marsad_writes"


class Db(Protocol):
    dialect: str
    read_only: bool
    location: str

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]: ...
    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...
    def insert_many(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None: ...
    def reader(self) -> Db: ...
    def begin(self) -> None: ...
    def lock_writes(self) -> int | None: ...
    def count_write(self) -> int | None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def close(self) -> None: ...


class DuckDb:
    """An embedded DuckDB file (one writing process; read-only openers share it when no writer holds it)."""

    dialect = "duckdb"

    def __init__(self, path: Path, read_only: bool = False) -> None:
        import duckdb

        self.location = str(path)
        self.read_only = read_only
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        # One thread: the store runs many small statements, where DuckDB's parallelism only adds overhead.
        self._con = duckdb.connect(str(path), read_only=read_only, config={"threads": 1})

    def reader(self) -> DuckDb:
        """Another connection to the same database, for reads from another thread (it sees what is
        committed; a write in progress on this one does not block it)."""
        other = object.__new__(DuckDb)
        other.location, other.read_only, other._con = self.location, True, self._con.cursor()
        return other

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cur = self._con.execute(sql, list(params))
        return cur.fetchall() if cur.description else []

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self._con.execute(sql, list(params))
        names = [d[0] for d in cur.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        batch = [list(r) for r in rows]
        if batch:
            self._con.executemany(sql, batch)

    def insert_many(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Insert ``rows`` in one ``INSERT … SELECT`` from an Arrow table (``table`` and ``columns`` are the
        store's own names, never input; no ``columns``: every column, in table order). Rows Arrow cannot
        type go as multi-row ``INSERT … VALUES`` statements."""
        if not rows:
            return
        import pyarrow as pa

        width = len(columns) or len(rows[0])
        names = f" ({', '.join(columns)})" if columns else ""
        try:
            data = pa.table({f"c{i}": pa.array([row[i] for row in rows]) for i in range(width)})
        except (pa.ArrowException, TypeError, ValueError, OverflowError):
            self._insert_values(f"INSERT INTO {table}{names} VALUES ", width, rows)
            return
        self._con.register("marsad_rows", data)
        try:
            self._con.execute(f"INSERT INTO {table}{names} SELECT * FROM marsad_rows")
        finally:
            self._con.unregister("marsad_rows")

    def _insert_values(self, head: str, width: int, rows: Sequence[Sequence[Any]]) -> None:
        one = f"({', '.join('?' * width)})"
        step = max(1, _MAX_PARAMS // width)
        for i in range(0, len(rows), step):
            part = rows[i : i + step]
            self._con.execute(head + ", ".join([one] * len(part)), [v for row in part for v in row])

    def begin(self) -> None:
        self._con.begin()

    def lock_writes(self) -> int | None:
        """Nothing to lock: a DuckDB file has one writing process (the file lock sees to it)."""
        return None

    def count_write(self) -> int | None:
        return None

    def commit(self) -> None:
        self._con.commit()

    def rollback(self) -> None:
        self._con.rollback()

    def close(self) -> None:
        self._con.close()


def _split_schema(url: str) -> tuple[str, str | None]:
    """``url`` without marsad's own ``schema=`` query parameter, and that schema."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    schema = next((v for k, v in query if k == "schema"), None)
    rest = urlencode([(k, v) for k, v in query if k != "schema"])
    return urlunsplit(parts._replace(query=rest)), schema


class PostgresDb:
    """A PostgreSQL connection (psycopg 3). ``?schema=NAME`` in the URL selects (and creates) a schema."""

    dialect = "postgres"

    def __init__(self, url: str, read_only: bool = False) -> None:
        import psycopg
        from psycopg import sql

        self._url = url
        conninfo, schema = _split_schema(url)
        self.location = urlsplit(conninfo)._replace(netloc=urlsplit(conninfo).hostname or "").geturl()
        self.read_only = read_only
        self._con = psycopg.connect(conninfo, autocommit=True)
        if schema:
            if not read_only:  # under the writers' lock: two first writers must not race to create it
                with self._con.transaction():
                    self._con.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", [_LOCK_CLASS, schema])
                    self._con.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
            self._con.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))
        if read_only:
            self._con.execute("SET default_transaction_read_only = on")

    def reader(self) -> PostgresDb:
        """Another (read-only) connection to the same store, for reads from another thread."""
        return PostgresDb(self._url, read_only=True)

    @staticmethod
    def _sql(statement: str) -> str:
        return statement.replace("?", "%s")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cur = self._con.execute(self._sql(sql), list(params))
        return cur.fetchall() if cur.description else []

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self._con.execute(self._sql(sql), list(params))
        names = [d.name for d in cur.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        batch = [list(r) for r in rows]
        if batch:
            with self._con.cursor() as cur:
                cur.executemany(self._sql(sql), batch)

    def insert_many(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Insert ``rows`` (pipelined by psycopg's ``executemany``)."""
        if not rows:
            return
        names = f" ({', '.join(columns)})" if columns else ""
        self.executemany(f"INSERT INTO {table}{names} VALUES ({', '.join('?' * (len(columns) or len(rows[0])))})", rows)

    def begin(self) -> None:
        self._con.execute("BEGIN")

    def lock_writes(self) -> int | None:
        """Take the store's writer lock until the transaction ends, and return how many write
        transactions the store has counted (:meth:`count_write`), so that a writer can tell whether
        another one wrote since it last looked.

        The lock is a transaction-level advisory lock on (marsad, schema): writers of one schema
        take turns, one batch at a time; readers never wait for it."""
        self._con.execute("SELECT pg_advisory_xact_lock(%s, hashtext(current_schema()))", [_LOCK_CLASS])
        self._con.execute(f"CREATE SEQUENCE IF NOT EXISTS {_WRITES_SEQUENCE}")
        last, called = self._con.execute(f"SELECT last_value, is_called FROM {_WRITES_SEQUENCE}").fetchall()[0]
        return int(last) if called else 0

    def count_write(self) -> int | None:
        """Count one write transaction (under :meth:`lock_writes`); returns the new count."""
        return int(self._con.execute(f"SELECT nextval('{_WRITES_SEQUENCE}')").fetchall()[0][0])

    def commit(self) -> None:
        self._con.execute("COMMIT")

    def rollback(self) -> None:
        self._con.execute("ROLLBACK")

    def close(self) -> None:
        self._con.close()
